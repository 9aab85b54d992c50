package notary

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary/index"
)

// repo verify checks the index against the manifests it describes: an
// entry edited behind our back, one that names a block that is no
// manifest, or one whose manifest is gone is each reported.
func TestVerifyChecksIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	key := keys.NewKey(chain.DevAccounts()[2])
	published := notarizeN(t, s, key, 2)
	if _, err := s.Verify(ctx, nil); err != nil {
		t.Fatalf("clean store: %v", err)
	}
	var edited index.Manifest
	for c := range published {
		edited, _, _ = s.Index().Manifest(c)
		break
	}
	notManifest, _ := s.PutRaw(ctx, []byte("not a manifest"))
	gone := mustRaw([]byte("never stored")) // a CID no block answers
	for _, m := range []index.Manifest{
		{CID: notManifest, Kind: KindDataset, Title: "raw", Added: time.Now()},
		{CID: gone, Kind: KindDataset, Title: "gone", Added: time.Now()},
	} {
		if err := s.Index().PutManifest(m, false); err != nil {
			t.Fatal(err)
		}
	}
	// Edit the entry in the index file, as someone with the data dir could.
	s.Close()
	db, err := bolt.Open(filepath.Join(dir, "index.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	edited.Title = "forged title"
	v, _ := json.Marshal(edited)
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("manifests")).Put(edited.CID.Bytes(), v) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Verify(ctx, nil)
	if !errors.Is(err, ErrRepoDamaged) {
		t.Fatalf("Verify: %v", err)
	}
	want := map[string]string{
		edited.CID.String():  `index: indexed with title "forged title"`,
		notManifest.String(): "index: indexed as a manifest, but",
		gone.String():        "missing",
	}
	for _, p := range res.Problems {
		w, ok := want[p.CID.String()]
		if !ok || !strings.HasPrefix(p.Kind+": "+p.Detail, w) && p.Kind != w {
			t.Errorf("unexpected problem %s", p)
		}
		delete(want, p.CID.String())
	}
	for c, w := range want {
		t.Errorf("no problem reported for %s (want %q)", c, w)
	}
}
