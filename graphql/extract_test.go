package graphql

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

const visitsDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: hba1c, type: float, role: sensitive}
`

const requestExtract = `mutation($d: String!, $f: String) {
	requestExtract(dataset: $d, study: "trial-42", purpose: "diabetes risk model", use: "hmb", k: 2, format: $f) {
		cid ticket downloadUrl expires rows risk { kAchieved rowsSuppressed } rowsWithheld subjectsWithheld withheld { reason rows }
		manifest { kind extract { datasetCid study requester purpose policy consentRoot risk { kAchieved } settings } }
	}
}`

func TestRequestExtract(t *testing.T) {
	steward, _ := age.GenerateX25519Identity()
	var st *keys.Stewards
	e := newEnv(t, func(o *Options) {
		var err error
		if st, err = keys.OpenStewards(filepath.Join(t.TempDir(), "stewards"), keys.Options{LightKDF: true}); err != nil {
			t.Fatal(err)
		}
		o.Stewards, o.StewardIdentities = st, []age.Identity{steward}
	})
	ctx := context.Background()
	src := t.TempDir()
	var b strings.Builder
	b.WriteString("subject_id,name,age,sex,hba1c\n")
	for v := range 10 {
		for i := range 6 {
			fmt.Fprintf(&b, "S%d,Patient %d,%d,%s,%.1f\n", i, i, 30+10*(i%3), []string{"F", "M"}[i%2], 5+float64((i+v)%40)/10)
		}
	}
	os.WriteFile(filepath.Join(src, "visits.csv"), []byte(b.String()), 0o600)
	os.WriteFile(filepath.Join(src, "visits.yaml"), []byte(visitsDictionary), 0o600)
	raw, err := datasets.Add(ctx, e.store, filepath.Join(src, "visits.csv"), datasets.AddOptions{Dictionary: filepath.Join(src, "visits.yaml"),
		Publication: notary.Publication{Title: "Visits"}, Recipients: []age.Recipient{steward.Recipient()}}, e.serverKey)
	if err != nil {
		t.Fatal(err)
	}
	if d := e.ok("", `query($c: String!) { manifest(cid: $c) { kind dictionaryDocument content { sealed } } }`, map[string]any{"c": raw.CID.String()}); !strings.Contains(get(d, "manifest.dictionaryDocument").(string), "subject_id") || get(d, "manifest.content.sealed") == nil {
		t.Errorf("raw dataset = %v", d)
	}
	// Six patients; five consent through the API, one does not.
	var patients []*ecdsa.PrivateKey
	for i := range 6 {
		k, _ := crypto.GenerateKey()
		patients = append(patients, k)
		if err := e.reg.Enroll("trial-42", fmt.Sprint("S", i), addr(k)); err != nil {
			t.Fatal(err)
		}
	}
	var consent0 string
	for i := range 5 {
		tok := e.signIn(patients[i])
		c := consentDocument(t, patients[i], fmt.Sprint("S", i), 1)
		d := e.ok(tok, `mutation($d: String!) { submitConsent(document: $d) { hash } }`, map[string]any{"d": c})
		if i == 0 {
			consent0 = get(d, "submitConsent.hash").(string)
		}
	}
	researcher := e.signIn(e.researcher)

	var ticket, url string
	var extract cid.Cid
	t.Run("requestExtract cuts a consented, k-anonymous extract and returns a download ticket", func(t *testing.T) {
		d := e.ok(researcher, requestExtract, map[string]any{"d": raw.CID.String(), "f": "parquet"})
		g := d["requestExtract"].(map[string]any)
		ticket, url = g["ticket"].(string), g["downloadUrl"].(string)
		extract, _ = cid.Decode(g["cid"].(string))
		if get(g, "manifest.kind") != "extract" || get(g, "manifest.extract.datasetCid") != raw.CID.String() ||
			get(g, "manifest.extract.requester") != addr(e.researcher).Hex() || get(g, "manifest.extract.policy") == nil ||
			get(g, "risk.kAchieved").(float64) < 2 || url != "/extracts/"+extract.String() {
			t.Errorf("requestExtract = %v", g)
		}
		// S5 never consented: its 10 rows are left out, and the grant says so.
		if g["rowsWithheld"] != float64(10) || g["subjectsWithheld"] != float64(1) || len(g["withheld"].([]any)) != 1 ||
			get(g, "withheld.0.reason") != policies.NoConsent || get(g, "withheld.0.rows") != float64(10) || g["rows"].(float64)+10 != 60 {
			t.Errorf("withheld: rows %v, withheld %v %v %v", g["rows"], g["rowsWithheld"], g["subjectsWithheld"], g["withheld"])
		}
	})
	t.Run("the ticket downloads the notarized file, byte for byte", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, e.http.URL+url, nil)
		req.Header.Set("Authorization", "Bearer "+ticket)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m, _ := e.store.Manifest(ctx, extract)
		want, _ := e.store.ReadFile(ctx, m.Content.Files[0].CID, 1<<30)
		if resp.StatusCode != 200 || !bytes.Equal(got, want) || !bytes.HasPrefix(got, []byte("PAR1")) {
			t.Errorf("%d, %d bytes, want %d", resp.StatusCode, len(got), len(want))
		}
	})
	t.Run("a download without a ticket is refused", func(t *testing.T) {
		resp, err := http.Get(e.http.URL + url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("the patients see the extract and the download in their access logs", func(t *testing.T) {
		d := e.ok(e.signIn(patients[0]), `{ accessLog { subject outcome extract purpose } }`, nil)
		log := d["accessLog"].([]any)
		if len(log) < 1 || get(d, "accessLog.0.extract") != extract.String() || get(d, "accessLog.0.outcome") != "released" {
			t.Errorf("access log = %v", log)
		}
		if len(log) < 2 {
			t.Errorf("the download is not in the log: %v", log)
		}
		d = e.ok(e.signIn(patients[5]), `{ accessLog { subject outcome } }`, nil)
		if get(d, "accessLog.0.outcome") == "released" {
			t.Errorf("a patient without consent had rows released: %v", d)
		}
	})
	t.Run("the requester gets a fresh ticket with extractTicket", func(t *testing.T) {
		d := e.ok(researcher, `mutation($c: String!) { extractTicket(cid: $c) { ticket downloadUrl } }`, map[string]any{"c": extract.String()})
		if get(d, "extractTicket.ticket") == "" {
			t.Errorf("%v", d)
		}
	})
	t.Run("a revocation reaches the extract's holder as a notice, on the extract and at its webhook", func(t *testing.T) {
		// The holder's receiver: down at first, then up; it checks each
		// delivery's signature with the secret watchNotices returned.
		var (
			mu        sync.Mutex
			up        bool
			secret    []byte
			delivered []policies.Notice
			keys      []string
			badSigs   int
		)
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			if !up {
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
				return
			}
			body, _ := io.ReadAll(r.Body)
			sig := r.Header.Get(policies.SignatureHeader)
			ts, _, _ := strings.Cut(strings.TrimPrefix(sig, "t="), ",")
			sec, _ := strconv.ParseInt(ts, 10, 64)
			if !hmac.Equal([]byte(sig), []byte(policies.SignWebhook(secret, time.Unix(sec, 0), body))) || time.Since(time.Unix(sec, 0)) > 5*time.Minute {
				badSigs++
				http.Error(w, "bad signature", http.StatusUnauthorized)
				return
			}
			var n policies.Notice
			json.Unmarshal(body, &n)
			delivered, keys = append(delivered, n), append(keys, r.Header.Get(policies.IdempotencyHeader))
		}))
		defer hook.Close()
		w := e.ok(researcher, `mutation($u: String!) { watchNotices(webhook: $u) }`, map[string]any{"u": hook.URL})
		secret, _ = hex.DecodeString(w["watchNotices"].(string))

		rv := &policies.Revocation{Study: "trial-42", Subject: "S0", Consent: common.HexToHash(consent0), Nonce: 2}
		d := consentDomain
		sig, err := policies.Sign(rv.TypedData(d), patients[0])
		if err != nil {
			t.Fatal(err)
		}
		doc, err := policies.NewDocument(d, nil, rv, sig)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(doc)
		r := e.ok(e.signIn(patients[0]), `mutation($d: String!) { submitConsent(document: $d) { kind subject } }`, map[string]any{"d": string(b)})
		if get(r, "submitConsent.kind") != "revocation" {
			t.Errorf("submitConsent = %v", r)
		}
		n := e.ok(researcher, `{ notices { event extract study } }`, nil)
		if get(n, "notices.0.event") != "consent.revoked" || get(n, "notices.0.extract") != extract.String() {
			t.Errorf("notices = %v", n)
		}
		m := e.ok(researcher, `query($c: String!) { manifest(cid: $c) { revokedSince { subject revocation } } }`, map[string]any{"c": extract.String()})
		if get(m, "manifest.revokedSince.0.subject") != "S0" {
			t.Errorf("revokedSince = %v", m)
		}
		// Who revoked is for the holder and the steward only.
		const who = `query($c: String!) { manifest(cid: $c) { cid revokedSince { subject } } }`
		if m := e.ok(e.signIn(e.steward), who, map[string]any{"c": extract.String()}); get(m, "manifest.revokedSince.0.subject") != "S0" {
			t.Errorf("the steward's revokedSince = %v", m)
		}
		for name, token := range map[string]string{"anonymous": "", "another patient": e.signIn(patients[1])} {
			r := e.do(token, who, map[string]any{"c": extract.String()})
			if len(r.Errors) > 0 || get(r.Data, "manifest.cid") != extract.String() || get(r.Data, "manifest.revokedSince") != nil {
				t.Errorf("%s sees revokedSince: %v %+v", name, r.Data, r.Errors)
			}
		}
		// A ticket issued before still downloads, with the notice.
		req, _ := http.NewRequest(http.MethodGet, e.http.URL+url, nil)
		req.Header.Set("Authorization", "Bearer "+ticket)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Desci-Notice"), "1 subject(s) revoked consent") {
			t.Errorf("an earlier ticket after a revocation: %d, notice %q", resp.StatusCode, resp.Header.Get("Desci-Notice"))
		}
		// No new tickets for rows whose consent was withdrawn.
		tr := e.do(researcher, `mutation($c: String!) { extractTicket(cid: $c) { ticket } }`, map[string]any{"c": extract.String()})
		if tr.code() != CodeForbidden || !strings.Contains(fmt.Sprint(tr.Errors), "request a fresh extract") {
			t.Errorf("a ticket for an affected extract: %q %+v", tr.code(), tr.Errors)
		}

		now := time.Now()
		for i, pass := range []struct {
			at   time.Time
			up   bool
			want int
		}{
			{now, false, 0},                   // the receiver is down: kept, put off
			{now, true, 0},                    // up, but the retry is not due yet
			{now.Add(time.Hour), true, 1},     // due: delivered
			{now.Add(2 * time.Hour), true, 0}, // and only once
		} {
			mu.Lock()
			up = pass.up
			mu.Unlock()
			if n, err := e.reg.DeliverAt(ctx, nil, pass.at); err != nil || n != pass.want {
				t.Fatalf("delivery pass %d: %d delivered, %v", i, n, err)
			}
		}
		if len(delivered) != 1 || badSigs != 0 || delivered[0].Extract != extract.String() || delivered[0].Event != "consent.revoked" ||
			keys[0] != fmt.Sprintf("notice-%d", delivered[0].Seq) {
			t.Errorf("the receiver got %+v (keys %v), %d bad signatures", delivered, keys, badSigs)
		}
	})
	patient := e.signIn(patients[1])
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code               string
	}{
		{"requestExtract without a session is UNAUTHENTICATED", "", requestExtract, map[string]any{"d": raw.CID.String()}, CodeUnauthenticated},
		{"requestExtract by a patient is FORBIDDEN", patient, requestExtract, map[string]any{"d": raw.CID.String()}, CodeForbidden},
		{"requestExtract in an unknown format is BAD_USER_INPUT", researcher, requestExtract, map[string]any{"d": raw.CID.String(), "f": "xlsx"}, CodeBadUserInput},
		{"requestExtract of something not a raw dataset is BAD_USER_INPUT", researcher, requestExtract, map[string]any{"d": extract.String()}, CodeBadUserInput},
		{"requestExtract of an unknown dataset is NOT_FOUND", researcher, requestExtract, map[string]any{"d": "bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"}, CodeNotFound},
		{"extractTicket for someone else's extract is FORBIDDEN", patient, `mutation($c: String!) { extractTicket(cid: $c) { ticket } }`, map[string]any{"c": extract.String()}, CodeForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := e.do(tc.token, tc.query, tc.vars); r.code() != tc.code {
				t.Errorf("code %q, want %s: %+v", r.code(), tc.code, r.Errors)
			}
		})
	}
}
