package notary

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/keys"
)

// TestNotarizeMany checks that a batch makes what Notarize makes of the
// same files: the same content roots and file lists, pinned, indexed and
// queued.
func TestNotarizeMany(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sk, _ := crypto.GenerateKey()
	signer := keys.NewKey(sk)
	dir := t.TempDir()
	var docs []Doc
	for i, data := range []string{"", "{\"a\":1}\n", strings.Repeat("x", 1<<20+5)} {
		name := []string{"empty.json", "consent.json", "big.json"}[i]
		docs = append(docs, Doc{Pub: Publication{Kind: KindConsent, Title: name}, Name: name, Data: []byte(data)})
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600)
	}
	cids, err := s.NotarizeMany(ctx, docs, signer)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		_, m1, err := s.Notarize(ctx, filepath.Join(dir, d.Name), d.Pub, ImportOptions{}, signer)
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.Manifest(ctx, cids[i])
		if err != nil {
			t.Fatal(err)
		}
		if m.Content.Root != m1.Content.Root || len(m.Content.Files) != 1 || m.Content.Files[0] != m1.Content.Files[0] || m.Content.Profile != m1.Content.Profile {
			t.Errorf("%s: batch content %+v, Notarize %+v", d.Name, m.Content, m1.Content)
		}
		if q, _ := s.Index().Queued(cids[i]); !q {
			t.Errorf("%s not queued", d.Name)
		}
	}
	pins, _ := s.Index().Pins()
	if len(pins) != 3 {
		t.Errorf("%d pins, want 3", len(pins))
	}
}
