package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	bolt "go.etcd.io/bbolt"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// consentAll enrolls subjects of study as one new patient and grants each
// the consent c (valid from now for a year), through the library: many
// subjects would take many command runs.
func consentAll(t testing.TB, home, study string, subjects []string, c policies.Consent) {
	t.Helper()
	ctx := context.Background()
	st, err := notary.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := policies.OpenRegistry(ctx, filepath.Join(home, "consents.db"), st, policies.Domain{ChainID: chain.ChainID().Uint64()})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	priv, _ := crypto.GenerateKey()
	patient := keys.NewKey(priv)
	for _, s := range subjects {
		if err := reg.Enroll(study, s, patient.Address()); err != nil {
			t.Fatal(err)
		}
		c := c
		c.Study, c.Subject = study, s
		c.ValidFrom = time.Now().Add(-time.Hour).Truncate(time.Second)
		c.ValidUntil = c.ValidFrom.AddDate(1, 0, 0)
		if c.Nonce, err = reg.NextNonce(study, s); err != nil {
			t.Fatal(err)
		}
		sig, err := policies.Sign(c.TypedData(reg.Domain()), priv)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := policies.NewDocument(reg.Domain(), &c, nil, sig)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reg.Submit(ctx, doc, patient); err != nil {
			t.Fatal(err)
		}
	}
}

// visitsTable has rows visits of each of subjects patients, whose age
// and sex stay the same across visits.
func visitsTable(subjects, visits int) string {
	var b strings.Builder
	b.WriteString("subject_id,name,email,zip,age,sex,note,hba1c\n")
	for v := range visits {
		for i := range subjects {
			fmt.Fprintf(&b, "S%04d,Patient %d,p%d@example.org,%05d,%d,%s,visit %d,%.1f\n",
				i, i, i, 10000+i*37, 30+10*(i%3), []string{"F", "M"}[i%2], v, 5+float64((i+v)%40)/10)
		}
	}
	return b.String()
}

// TestConsentStory is the end-to-end story: enroll, consent,
// extract, revoke, extract again, impact, access log; with the bad input
// along the way.
func TestConsentStory(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"visits.csv": visitsTable(10, 20), "visits.yaml": storyDictionary})
	researcher := mustRun(t, home, "keys", "new")
	mustRun(t, home, "datasets", "steward", "new")
	raw := mustRun(t, home, "datasets", "add", filepath.Join(dir, "visits.csv"), "--dictionary", filepath.Join(dir, "visits.yaml"),
		"--title", "Visits", "--key", researcher)

	var patients []string
	for i := range 10 {
		p := mustRun(t, home, "keys", "new")
		patients = append(patients, p)
		mustRun(t, home, "consent", "enroll", "--study", "trial-42", "--subject", fmt.Sprintf("S%04d", i), "--patient", p)
	}
	until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	grant := func(i int, args ...string) result {
		return run(t, home, append([]string{"consent", "grant", "--study", "trial-42", "--subject", fmt.Sprintf("S%04d", i),
			"--until", until, "--key", patients[i]}, args...)...)
	}
	for i := range 8 {
		if r := grant(i, "--permit", "HMB"); r.code != 0 {
			t.Fatalf("grant %d: %s", i, r.stderr)
		}
	}
	// One with limits: diabetes research only, by non-profits.
	if r := grant(8, "--permit", "DS", "--disease", "MONDO:0005015", "--modifier", "NPU"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := grant(9, "--permit", "GRU"); r.code != 0 {
		t.Fatal(r.stderr)
	}

	t.Run("bad documents", func(t *testing.T) {
		signed := filepath.Join(t.TempDir(), "consent.json")
		for _, tc := range []struct {
			name string
			r    func() result
			want string
		}{
			{"unknown DUO code", func() result { return grant(0, "--permit", "XYZ") }, `unknown DUO permission "XYZ"`},
			{"unknown modifier", func() result { return grant(0, "--permit", "HMB", "--modifier", "ABC") }, `unknown DUO modifier "ABC"`},
			{"another patient's key", func() result {
				return run(t, home, "consent", "grant", "--study", "trial-42", "--subject", "S0001", "--until", until, "--permit", "GRU", "--key", patients[0])
			}, "not signed by the enrolled patient"},
			{"not enrolled", func() result {
				return run(t, home, "consent", "grant", "--study", "trial-43", "--subject", "S0001", "--until", until, "--permit", "GRU", "--key", patients[1])
			}, "not enrolled"},
			{"already expired", func() result {
				return run(t, home, "consent", "grant", "--study", "trial-42", "--subject", "S0001", "--from", "2020-01-01", "--until", "2021-01-01", "--permit", "GRU", "--key", patients[1])
			}, "already expired"},
			{"replayed document", func() result {
				mustRun(t, home, "consent", "grant", "--study", "trial-42", "--subject", "S0003", "--until", until, "--permit", "HMB", "--key", patients[3], "--sign-only", signed)
				mustRun(t, home, "consent", "submit", signed, "--key", researcher)
				return run(t, home, "consent", "submit", signed, "--key", researcher)
			}, "replayed"},
			{"forged signature", func() result {
				b, _ := os.ReadFile(signed)
				forged := strings.Replace(string(b), `"HMB"`, `"GRU"`, 1)
				os.WriteFile(signed, []byte(forged), 0o600)
				return run(t, home, "consent", "submit", signed, "--key", researcher)
			}, "not signed by the enrolled patient"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.r()
				if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
					t.Fatalf("exit %d, stderr %q; want %q", r.code, r.stderr, tc.want)
				}
			})
		}
	})

	var shown []recordView
	json.Unmarshal([]byte(mustRun(t, home, "consent", "list", "--key", patients[3], "--json")), &shown)
	if len(shown) != 2 || shown[1].Status != "in force" || shown[0].Status != "superseded" || shown[0].Subject != "S0003" {
		t.Fatalf("patient 3's own list: %+v", shown)
	}

	type extracted struct {
		notary.ManifestJSON
		Rows int `json:"rows"`
	}
	extract := func(name string, args ...string) (extracted, result) {
		out := filepath.Join(dir, name)
		r := run(t, home, append([]string{"extract", raw, "--study", "trial-42", "--k", "2", "--purpose", "HbA1c in type 2 diabetes",
			"--columns", "subject_id,age,sex,hba1c", "--format", "csv", "-o", out, "--json", "--key", researcher}, args...)...)
		var ex extracted
		if r.code == 0 {
			json.Unmarshal([]byte(r.stdout), &ex)
		}
		return ex, r
	}
	t2d := []string{"--use", "disease", "--disease", "MONDO:0005148"}
	first, r := extract("first.csv", append(t2d, "--nonprofit")...)
	if r.code != 0 || first.Rows != 200 || first.Extract.Policy == "" || first.Extract.ConsentRoot == "" {
		t.Fatalf("first extract: %d rows, %+v: %s", first.Rows, first.Extract, r.stderr)
	}
	// Without the non-profit attribute, patient 8's NPU withholds their rows.
	forProfit, r := extract("for-profit.csv", t2d...)
	if r.code != 0 || forProfit.Rows != 180 {
		t.Fatalf("for-profit extract: %d rows: %s", forProfit.Rows, r.stderr)
	}

	// Patient 9 revokes: the extracts made with their rows are affected.
	if r := run(t, home, "consent", "revoke", "--study", "trial-42", "--subject", "S0009", "--key", patients[9]); r.code != 0 ||
		!strings.Contains(r.stderr, "2 extract(s) made before") {
		t.Fatalf("revoke: exit %d: %s", r.code, r.stderr)
	}
	impact := mustRun(t, home, "consent", "impact", "--study", "trial-42", "--subject", "S0009")
	if !strings.Contains(impact, first.CID) || !strings.Contains(impact, forProfit.CID) {
		t.Fatalf("impact:\n%s", impact)
	}
	if s := mustRun(t, home, "consent", "notices", "--holder", researcher); strings.Count(s, "consent.revoked") != 2 || !strings.Contains(s, first.CID) {
		t.Fatalf("the holder's notices:\n%s", s)
	}
	if s := mustRun(t, home, "show", first.CID); !strings.Contains(s, "1 subject(s) revoked consent") {
		t.Fatalf("show does not mark the extract affected:\n%s", s)
	}
	if r := run(t, home, "consent", "revoke", "--study", "trial-42", "--subject", "S0009", "--key", patients[9]); r.code == 0 {
		t.Fatal("revoked twice")
	}
	after, r := extract("after.csv", append(t2d, "--nonprofit")...)
	if r.code != 0 || after.Rows != 180 {
		t.Fatalf("extract after the revocation: %d rows: %s", after.Rows, r.stderr)
	}
	// The first extract still reproduces: its consent snapshot is kept.
	if !strings.Contains(mustRun(t, home, "datasets", "reproduce", first.CID), "reproduced") {
		t.Fatal("reproduce after revocation")
	}

	// A request the policy cannot be asked writes nothing and is logged.
	if _, r := extract("bad.csv", "--use", "marketing"); r.code == 0 || !strings.Contains(r.stderr, `purpose "marketing"`) {
		t.Fatalf("bad purpose: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.csv")); err == nil {
		t.Fatal("a denied request wrote an extract")
	}
	// The default bundle's column rules keep sensitive columns from
	// population-origins research.
	if _, r := extract("poa.csv", "--use", "poa"); r.code == 0 || !strings.Contains(r.stderr, "hba1c (sensitive)") {
		t.Fatalf("sensitive column for poa: exit %d: %s", r.code, r.stderr)
	}
	// Custom bundles: one that does not compile, one that never decides.
	bundles := t.TempDir()
	writeFiles(t, bundles, map[string]string{
		"broken/p.rego": "package desci.consent\n\ndecision := {\"allow\": true\n",
		"silent/p.rego": "package desci.consent\n\ndecision := {\"allow\": true} if input.request.purpose == \"never\"\n",
	})
	if _, r := extract("broken.csv", append(t2d, "--policy-bundle", filepath.Join(bundles, "broken"))...); r.code == 0 || !strings.Contains(r.stderr, "bad policy bundle") {
		t.Fatalf("broken bundle: exit %d: %s", r.code, r.stderr)
	}
	if _, r := extract("silent.csv", append(t2d, "--policy-bundle", filepath.Join(bundles, "silent"))...); r.code == 0 || !strings.Contains(r.stderr, "reached no decision") {
		t.Fatalf("silent bundle: exit %d: %s", r.code, r.stderr)
	}
	for _, f := range []string{"bad.csv", "poa.csv", "broken.csv", "silent.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Fatalf("a denied request wrote %s", f)
		}
	}

	var all []policies.AccessEntry
	json.Unmarshal([]byte(mustRun(t, home, "access-log", "--all", "--json")), &all)
	if len(all) != 6 || all[3].Allowed || all[4].Allowed || all[5].Allowed || all[1].RowsDenied["modifier NPU: the requester is not shown to be a non-profit"] != 20 {
		t.Fatalf("access log: %+v", all)
	}
	for _, e := range all {
		if e.Manifest == "" {
			t.Fatalf("access entry %d not notarized", e.Seq)
		}
	}

	// Patient 9 sees each access that touched their rows, and only theirs.
	var mine []struct {
		Subject, Outcome, Extract string
	}
	json.Unmarshal([]byte(mustRun(t, home, "access-log", "--key", patients[9], "--json")), &mine)
	// (The request with a bad purpose was refused before it touched any rows.)
	if len(mine) != 3 || mine[0].Outcome != policies.Released || mine[0].Extract != first.CID ||
		mine[2].Outcome != "withheld: no consent in force" {
		t.Fatalf("patient 9's access log: %+v", mine)
	}
	for _, a := range mine {
		if a.Subject != "S0009" {
			t.Fatalf("patient 9 sees %s", a.Subject)
		}
	}
	json.Unmarshal([]byte(mustRun(t, home, "access-log", "--key", patients[8], "--json")), &mine)
	if len(mine) != 3 || !strings.Contains(mine[1].Outcome, "NPU") {
		t.Fatalf("patient 8's access log: %+v", mine)
	}

	// Consents, revocations and access entries are anchored with the rest.
	mustRun(t, home, "anchor", "--key", researcher)
	var ls []struct {
		Kind, Status string
	}
	json.Unmarshal([]byte(mustRun(t, home, "ls", "--json")), &ls)
	kinds := map[string]int{}
	for _, m := range ls {
		if !strings.HasPrefix(m.Status, "anchored") {
			t.Fatalf("not anchored: %+v", m)
		}
		kinds[m.Kind]++
	}
	if kinds["consent"] != 12 || kinds["access"] != 6 || kinds["extract"] != 3 {
		t.Fatalf("published: %v", kinds)
	}

	// An edit of consents.db behind desci's back that points patient 9's
	// subject back at their revoked consent: repo verify names it, and the
	// next extract is refused rather than releasing their rows.
	if r := run(t, home, "repo", "verify"); r.code != 0 {
		t.Fatalf("repo verify before the edit: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	db, err := bolt.Open(filepath.Join(home, "consents.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		// subject-documents: study\0subject\0 ++ nonce -> hash; nonce 1 is the consent.
		_, first := tx.Bucket([]byte("subject-documents")).Cursor().Seek([]byte("trial-42\x00S0009\x00"))
		return tx.Bucket([]byte("latest")).Put([]byte("trial-42\x00S0009"), first)
	})
	db.Close()
	if r := run(t, home, "repo", "verify"); r.code == 0 || !strings.Contains(r.stdout, "S0009 of trial-42") {
		t.Fatalf("repo verify after the edit: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if _, r := extract("tampered.csv", append(t2d, "--nonprofit")...); r.code == 0 || !strings.Contains(r.stderr, "does not match the notarized documents") {
		t.Fatalf("extract from a tampered registry: exit %d: %s", r.code, r.stderr)
	}

	// A consent signed for this data dir is refused by another on the same
	// chain, by name.
	signed := filepath.Join(dir, "for-this-dir.json")
	mustRun(t, home, "consent", "grant", "--study", "trial-42", "--subject", "S0001", "--until", until, "--permit", "GRU",
		"--key", patients[1], "--sign-only", signed)
	other := t.TempDir()
	key := mustRun(t, other, "keys", "new")
	mustRun(t, other, "consent", "enroll", "--study", "trial-42", "--subject", "S0001", "--patient", patients[1])
	if r := run(t, other, "consent", "submit", signed, "--key", key); r.code == 0 || !strings.Contains(r.stderr, "another deployment") {
		t.Fatalf("a document of another data dir: exit %d: %s", r.code, r.stderr)
	}
}
