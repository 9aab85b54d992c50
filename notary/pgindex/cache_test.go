package pgindex

import (
	"context"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/notary/index"
)

func openIndex(t *testing.T, dsn string) *Index {
	t.Helper()
	ix, err := Open(context.Background(), dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func mustHash(s string) mh.Multihash {
	h, _ := mh.Sum([]byte(s), mh.SHA2_256, -1)
	return h
}

func (c *statusCache) isLiveForTest() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.live
}

// TestStatusSeenAcrossReplicas: a replica keeps the statuses it read (so
// a manifest read costs no query), yet sees another replica's write as
// soon as its notification arrives, and its own at once; while it cannot
// listen it keeps nothing.
func TestStatusSeenAcrossReplicas(t *testing.T) {
	srv := testpg.Start(t)
	dsn := srv.DSN("")
	r1, r2 := openIndex(t, dsn), openIndex(t, dsn)
	a := cid.NewCidV1(cid.DagCBOR, mustHash("status"))
	if err := r1.PutManifest(index.Manifest{CID: a, Local: true}, true); err != nil {
		t.Fatal(err)
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("after 5 s: %s", what)
			}
		}
	}
	waitFor("the other replica sees the manifest queued", func() bool { _, q, err := r2.Status(a); return err == nil && q })
	waitFor("the other replica keeps the status", func() bool { r2.Status(a); _, ok := r2.cache.get(a); return ok })
	if err := r1.Confirm("", map[cid.Cid][]byte{a: []byte(`{"receipt":1}`)}); err != nil {
		t.Fatal(err)
	}
	if doc, _, _ := r1.Status(a); doc == nil {
		t.Error("the writing replica does not see its own receipt at once")
	}
	start := time.Now()
	waitFor("the other replica sees the receipt", func() bool { doc, _, _ := r2.Status(a); return doc != nil })
	t.Logf("another replica's receipt seen after %v", time.Since(start))

	// An operator's SQL, beside desci, is heard of too.
	b := cid.NewCidV1(cid.DagCBOR, mustHash("by hand"))
	if err := r1.PutManifest(index.Manifest{CID: b, Local: true}, true); err != nil {
		t.Fatal(err)
	}
	waitFor("the other replica keeps the queued status", func() bool { r2.Status(b); e, ok := r2.cache.get(b); return ok && e.queued })
	if _, err := r1.pool.Exec(context.Background(), `DELETE FROM index_queue WHERE cid = $1`, b.Bytes()); err != nil {
		t.Fatal(err)
	}
	waitFor("the other replica sees the manifest leave the queue by hand", func() bool { _, q, _ := r2.Status(b); return !q })

	// The database restarts: the listener is lost and nothing is kept
	// until it listens again.
	srv.Kill()
	waitFor("a lost listener keeps nothing", func() bool { return !r2.cache.isLiveForTest() })
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	waitFor("the listener is back", func() bool { return r2.cache.isLiveForTest() })
}
