package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// TestConsentBulk enrolls a study from a CSV and imports its signed
// consents from a JSON Lines file, with the bad files refused by line.
func TestConsentBulk(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	mustRun(t, home, "keys", "new")
	priv, _ := crypto.GenerateKey()
	patient := crypto.PubkeyToAddress(priv.PublicKey)

	var csv strings.Builder
	csv.WriteString("subject,patient\n")
	for i := range 50 {
		fmt.Fprintf(&csv, "S%04d,%s\n", i, patient.Hex())
	}
	good := filepath.Join(dir, "subjects.csv")
	bad := filepath.Join(dir, "bad.csv")
	writeFiles(t, dir, map[string]string{
		"subjects.csv": csv.String(),
		"bad.csv":      "subject,patient\nS9000," + patient.Hex() + "\nS0001,0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc\nS9001,not-an-address\n",
	})
	var rep policies.BulkReport
	if err := json.Unmarshal([]byte(mustRun(t, home, "consent", "enroll", "--study", "trial-42", "--csv", good, "--json")), &rep); err != nil || rep.Added != 50 {
		t.Fatalf("%+v %v", rep, err)
	}
	if out := mustRun(t, home, "consent", "enroll", "--study", "trial-42", "--csv", good); !strings.HasPrefix(out, "0 enrolled, 50 already enrolled") {
		t.Errorf("again: %s", out)
	}
	r := run(t, home, "consent", "enroll", "--study", "trial-42", "--csv", bad)
	if r.code != exitError || !strings.Contains(r.stderr, bad+":3: subject S0001 of trial-42 is already enrolled as") ||
		!strings.Contains(r.stderr, bad+":4: patient \"not-an-address\"") || !strings.Contains(r.stderr, "2 bad rows of 3: nothing was written") {
		t.Fatalf("bad CSV: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, home, "consent", "enroll", "--csv", good, "--subject", "x"); r.code != exitUsage {
		t.Errorf("--csv with --subject: exit %d", r.code)
	}

	// The documents, signed by the patient's wallet elsewhere.
	ctx := context.Background()
	st, err := notary.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := policies.OpenRegistry(ctx, filepath.Join(home, "consents.db"), st, policies.Domain{ChainID: chain.ChainID().Uint64()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Patient("trial-42", "S9000"); err == nil {
		t.Error("S9000 enrolled from a refused file")
	}
	d := reg.Domain()
	reg.Close()
	st.Close()
	sign := func(subject string, nonce uint64, key any) []byte {
		c := &policies.Consent{Study: "trial-42", Subject: subject, Uses: []string{"HMB"}, Nonce: nonce,
			ValidFrom: time.Now().Add(-time.Hour).UTC().Truncate(time.Second)}
		c.ValidUntil = c.ValidFrom.AddDate(1, 0, 0)
		k := priv
		if key != nil {
			k, _ = crypto.GenerateKey()
		}
		sig, err := policies.Sign(c.TypedData(d), k)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := policies.NewDocument(d, c, nil, sig)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := doc.MarshalJSON()
		return append(b, '\n')
	}
	var docs, forged bytes.Buffer
	for i := range 50 {
		docs.Write(sign(fmt.Sprintf("S%04d", i), 1, nil))
	}
	forged.Write(sign("S0001", 2, nil))
	forged.Write(sign("S0002", 2, nil))
	forged.Write(sign("S0003", 2, "forger"))
	writeFiles(t, dir, map[string]string{"consents.jsonl": docs.String(), "forged.jsonl": forged.String()})
	out := mustRun(t, home, "consent", "submit", "--jsonl", filepath.Join(dir, "consents.jsonl"))
	if !strings.HasPrefix(out, "50 accepted, 0 already accepted") {
		t.Errorf("submit: %s", out)
	}
	r = run(t, home, "consent", "submit", "--jsonl", filepath.Join(dir, "forged.jsonl"))
	if r.code != exitError || !strings.Contains(r.stderr, "forged.jsonl:3: policies: document not signed by the enrolled patient") {
		t.Fatalf("forged: exit %d\n%s", r.code, r.stderr)
	}
	var list []map[string]any
	json.Unmarshal([]byte(mustRun(t, home, "consent", "list", "--study", "trial-42", "--json")), &list)
	if len(list) != 50 {
		t.Errorf("%d consents listed, want 50 (the refused file wrote some?)", len(list))
	}
	if out := mustRun(t, home, "repo", "verify"); strings.Contains(out, "problem") {
		t.Errorf("verify: %s", out)
	}
}
