package policies

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/merkle"
)

type testRegistry struct {
	*Registry
	dir     string
	st      *notary.Store
	patient *ecdsa.PrivateKey
	steward *keys.Key
	// storage opens the registry's storage again (after Close, for bbolt).
	storage func(t *testing.T) Storage
}

// newTestRegistry opens a registry in a new data dir, on the backend the
// test runs against (storageBackend).
func newTestRegistry(t *testing.T) *testRegistry {
	t.Helper()
	dir := t.TempDir()
	st, err := notary.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	open := storageBackend(t, dir)
	r, err := NewRegistry(context.Background(), open(t), st, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	patient, _ := crypto.HexToECDSA(patientKeyHex)
	sk, _ := crypto.GenerateKey()
	return &testRegistry{Registry: r, dir: dir, st: st, patient: patient, steward: keys.NewKey(sk), storage: open}
}

// reopen opens the registry again on its storage (close it first).
func (tr *testRegistry) reopen(t *testing.T, d Domain) (*Registry, error) {
	return NewRegistry(context.Background(), tr.storage(t), tr.st, d)
}

// consent returns a signed HMB consent of subject valid for a year.
func (tr *testRegistry) consent(t *testing.T, subject string, nonce uint64, edit func(*Consent, *Domain)) *Document {
	t.Helper()
	c := &Consent{Study: "trial-42", Subject: subject, Uses: []string{"HMB"}, Nonce: nonce,
		ValidFrom: time.Now().Add(-time.Hour).UTC().Truncate(time.Second)}
	c.ValidUntil = c.ValidFrom.AddDate(1, 0, 0)
	d := tr.Domain()
	if edit != nil {
		edit(c, &d)
	}
	sig, err := Sign(c.TypedData(d), tr.patient)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := NewDocument(d, c, nil, sig)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func (tr *testRegistry) revocation(t *testing.T, subject string, target common.Hash, nonce uint64) *Document {
	t.Helper()
	rv := &Revocation{Study: "trial-42", Subject: subject, Consent: target, Nonce: nonce}
	sig, err := Sign(rv.TypedData(tr.Domain()), tr.patient)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := NewDocument(tr.Domain(), nil, rv, sig)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRegistryRefuses(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	patient := crypto.PubkeyToAddress(tr.patient.PublicKey)
	for _, s := range []string{"S1", "S2"} {
		if err := tr.Enroll("trial-42", s, patient); err != nil {
			t.Fatal(err)
		}
	}
	first := tr.consent(t, "S1", 1, nil)
	if _, err := tr.Submit(ctx, first, tr.steward); err != nil {
		t.Fatal(err)
	}
	second := tr.consent(t, "S1", 2, func(c *Consent, _ *Domain) { c.Uses = []string{"GRU"} })
	if _, err := tr.Submit(ctx, second, tr.steward); err != nil {
		t.Fatal(err)
	}
	other, _ := crypto.GenerateKey()

	for _, tc := range []struct {
		name string
		doc  func() *Document
		want error
	}{
		{"replayed", func() *Document { return second }, ErrReplay},
		{"an older nonce", func() *Document {
			return tr.consent(t, "S1", 1, func(c *Consent, _ *Domain) { c.Uses = []string{"NRES"} })
		}, ErrReplay},
		{"another chain", func() *Document { return tr.consent(t, "S1", 3, func(_ *Consent, d *Domain) { d.ChainID = 1 }) }, ErrWrongChain},
		{"another study", func() *Document { return tr.consent(t, "S1", 3, func(c *Consent, _ *Domain) { c.Study = "trial-43" }) }, ErrNotEnrolled},
		{"expired", func() *Document {
			return tr.consent(t, "S1", 3, func(c *Consent, _ *Domain) {
				c.ValidFrom, c.ValidUntil = time.Unix(1e9, 0), time.Unix(1e9+86400, 0)
			})
		}, ErrExpired},
		{"signed by someone else", func() *Document {
			c := tr.consent(t, "S1", 3, nil).Consent
			sig, _ := Sign(c.TypedData(tr.Domain()), other)
			doc, _ := NewDocument(tr.Domain(), c, nil, sig)
			return doc
		}, ErrWrongSigner},
		{"a forged field", func() *Document {
			doc := tr.consent(t, "S1", 3, nil)
			forged := *doc.Consent
			forged.Uses = []string{"NRES"}
			doc, _ = NewDocument(tr.Domain(), &forged, nil, doc.Signature)
			return doc
		}, ErrWrongSigner},
		{"revoking a superseded consent", func() *Document { return tr.revocation(t, "S1", first.Hash, 3) }, ErrNotInForce},
		{"revoking an unknown consent", func() *Document { return tr.revocation(t, "S1", common.Hash{1}, 3) }, ErrUnknownConsent},
		{"revoking another subject's consent", func() *Document { return tr.revocation(t, "S2", second.Hash, 1) }, ErrUnknownConsent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := tr.st.Published()
			_, err := tr.Submit(ctx, tc.doc(), tr.steward)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Submit = %v, want %v", err, tc.want)
			}
			if after, _ := tr.st.Published(); len(after) != len(before) {
				t.Fatal("a refused document was notarized")
			}
		})
	}
	inForce, _ := tr.InForce("trial-42")
	if len(inForce) != 1 || inForce["S1"].Hash != second.Hash {
		t.Fatalf("in force: %+v", inForce)
	}
	if _, err := tr.Submit(ctx, tr.revocation(t, "S1", second.Hash, 3), tr.steward); err != nil {
		t.Fatal(err)
	}
	if inForce, _ := tr.InForce("trial-42"); len(inForce) != 0 {
		t.Fatalf("in force after revocation: %+v", inForce)
	}
}

// A crash between notarizing a document and recording it loses nothing:
// the next open records it from the store.
func TestRegistryReplaysNotarized(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	tr.Enroll("trial-42", "S1", crypto.PubkeyToAddress(tr.patient.PublicKey))
	doc := tr.consent(t, "S1", 1, nil)
	wire, _ := json.Marshal(doc)
	if _, err := tr.notarize(ctx, notary.KindConsent, "consent", "consent.json", wire, tr.steward); err != nil {
		t.Fatal(err)
	}
	tr.Close()
	r, err := tr.reopen(t, tr.Domain())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	inForce, _ := r.InForce("trial-42")
	if inForce["S1"] == nil || inForce["S1"].Hash != doc.Hash {
		t.Fatalf("not replayed: %+v", inForce)
	}
}

func TestDocumentWireForm(t *testing.T) {
	tr := newTestRegistry(t)
	doc := tr.consent(t, "S1", 7, func(c *Consent, _ *Domain) {
		c.Uses, c.Diseases, c.Modifiers = []string{"DS"}, []string{"MONDO:0005015"}, []string{"TS", "COL"}
		c.TimeLimit, c.Investigators = c.ValidUntil, []string{"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}
	})
	wire, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseDocument(wire)
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash != doc.Hash || back.Signer != crypto.PubkeyToAddress(tr.patient.PublicKey) {
		t.Fatalf("round trip: %s by %s", back.Hash, back.Signer)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"unknown message field", `"nonce":"7"`, `"nonce":"7","extra":"x"`, "unknown field"},
		{"another type", `"primaryType":"Consent"`, `"primaryType":"Mail"`, `"Mail"`},
		{"another domain", `"desci consent"`, `"other app"`, "domain"},
		{"a changed type", `{"name":"nonce","type":"uint64"}`, `{"name":"nonce","type":"uint256"}`, "not one doc/consent.md defines"},
		{"a number too big", `"nonce":"7"`, `"nonce":"18446744073709551616"`, "nonce"},
		{"not a list", `"uses":["DS"]`, `"uses":"DS"`, "not a list"},
		{"short signature", `"signature":"0x`, `"signature":"0x00`, "signature"},
		{"an undeclared salt", `,{"name":"salt","type":"bytes32"}`, ``, "does not declare"},
		{"a zero salt", tr.Domain().Deployment.Hex(), common.Hash{}.Hex(), "not a deployment id"},
		{"a verifyingContract", `"salt":`, `"verifyingContract":"0x0000000000000000000000000000000000000001","salt":`, "verifyingContract"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(string(wire), tc.from, tc.to, 1)
			if bad == string(wire) {
				t.Fatalf("%q not in %s", tc.from, wire)
			}
			if _, err := ParseDocument([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseDocument = %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzParseDocument(f *testing.F) {
	key, _ := crypto.HexToECDSA(patientKeyHex)
	c := exampleConsent()
	sig, _ := Sign(c.TypedData(Domain{ChainID: 1337}), key)
	doc, _ := NewDocument(Domain{ChainID: 1337}, c, nil, sig)
	wire, _ := json.Marshal(doc)
	f.Add(wire)
	rv := &Revocation{Study: "s", Subject: "x", Consent: doc.Hash, Nonce: 2}
	sig, _ = Sign(rv.TypedData(Domain{ChainID: 1}), key)
	rdoc, _ := NewDocument(Domain{ChainID: 1}, nil, rv, sig)
	wire, _ = json.Marshal(rdoc)
	f.Add(wire)
	dd := Domain{ChainID: 1337, Deployment: exampleDeployment}
	sig, _ = Sign(c.TypedData(dd), key)
	ddoc, _ := NewDocument(dd, c, nil, sig)
	wire, _ = json.Marshal(ddoc)
	f.Add(wire)
	f.Add([]byte(`{"typedData":{},"signature":"0x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := ParseDocument(b)
		if err != nil {
			return
		}
		// What parses re-encodes to a document with the same identity.
		again, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseDocument(again)
		if err != nil || back.Hash != doc.Hash || back.Signer != doc.Signer {
			t.Fatalf("re-encoded document: %v", err)
		}
	})
}

// The gate decides by consent, fixes a snapshot whose root proves which
// consents were in force, and rebuilds from that snapshot alone.
func TestGateSnapshot(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	patient := crypto.PubkeyToAddress(tr.patient.PublicKey)
	var docs []*Document
	for i, s := range []string{"S1", "S2", "S3"} {
		tr.Enroll("trial-42", s, patient)
		doc := tr.consent(t, s, 1, func(c *Consent, _ *Domain) {
			if i == 2 {
				c.Uses = []string{"POA"}
			}
		})
		if _, err := tr.Submit(ctx, doc, tr.steward); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	tr.Enroll("trial-42", "S4", patient) // enrolled, never consented
	g, err := tr.NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb"}, Purpose: "test"}, tr.steward)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues([]string{"S1", "S2", "S3", "S4", "S5", "S1"}, nil)
	subjects := b.NewStringArray()
	defer subjects.Release()
	allow, err := g.Allow(ctx, subjects)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, false, false, false, true}; !equalBools(allow, want) {
		t.Fatalf("allow = %v, want %v", allow, want)
	}
	if got := g.Released(); strings.Join(got, ",") != "S1,S2" {
		t.Fatalf("released %v", got)
	}
	// S3 (POA only) and S4 (no consent) are withheld subjects; S5, whom the
	// registry does not know, is a withheld row but no subject.
	if rows, subjects, by := g.Withheld(); rows != 3 || subjects != 2 || by[NoConsent] != 2 || len(by) != 2 {
		t.Fatalf("withheld %d rows of %d subjects, by reason %v", rows, subjects, by)
	}
	policy, root, snapshot := g.Snapshot()
	s, err := ParseSnapshot(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Root(); r != root || policy == "" || len(s.Consents) != 3 {
		t.Fatalf("snapshot %s, root %s", snapshot, root)
	}
	proof, err := s.ConsentProof(docs[2].Hash)
	if err != nil {
		t.Fatal(err)
	}
	hs := make([]merkle.Hash, len(proof))
	for i, p := range proof {
		hs[i] = merkle.Hash(p)
	}
	if !merkle.Verify(merkle.Hash(root), merkle.LeafHash(docs[2].Hash.Bytes()), hs) {
		t.Fatal("the consent proof does not verify against the root")
	}
	if _, err := s.ConsentProof(common.Hash{9}); !errors.Is(err, ErrNotInForce) {
		t.Fatalf("proof of a consent not in force: %v", err)
	}
	if err := g.Finish(ctx, cid.Undef, errors.New("disk full"), tr.steward); err != nil {
		t.Fatal(err)
	}

	// Revoke S1; the snapshot still rebuilds the same gate.
	if _, err := tr.Submit(ctx, tr.revocation(t, "S1", docs[0].Hash, 2), tr.steward); err != nil {
		t.Fatal(err)
	}
	again, err := tr.GateFromSnapshot(ctx, snapshot, nil)
	if err != nil {
		t.Fatal(err)
	}
	if allow, _ := again.Allow(ctx, subjects); !equalBools(allow, []bool{true, true, false, false, false, true}) {
		t.Fatalf("rebuilt gate allows %v", allow)
	}
	log, err := tr.AccessLog(patient)
	if err != nil || len(log) != 4 || !strings.Contains(log[0].Outcome, "disk full") {
		t.Fatalf("access log %+v, %v", log, err)
	}

	// A successful request records its extract; a download of it reaches
	// the released subjects' logs only.
	extract, _ := tr.st.PutRaw(ctx, []byte("an extract"))
	if err := g.Finish(ctx, extract, nil, tr.steward); err != nil {
		t.Fatal(err)
	}
	if err := tr.LogDownload(ctx, extract, "0xholder", "flight", 3, tr.steward); err != nil {
		t.Fatal(err)
	}
	if impact, _ := tr.Impact("trial-42", "S2"); len(impact) != 1 || !impact[0].Equals(extract) {
		t.Fatalf("impact of S2: %v", impact)
	}
	downloads := 0
	log, _ = tr.AccessLog(patient)
	for _, a := range log {
		if a.Outcome == "downloaded by 0xholder" {
			downloads++
			if a.Subject != "S1" && a.Subject != "S2" {
				t.Fatalf("%s sees a download of rows it has none in", a.Subject)
			}
		}
	}
	if downloads != 2 {
		t.Fatalf("%d download entries, want 2", downloads)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
