package notary

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	flatfs "github.com/ipfs/go-ds-flatfs"
	ipld "github.com/ipfs/go-ipld-format"
)

// testBlockstore is the conformance suite every blockstore the notary uses
// must pass: the on-disk flatfs store and the in-memory one.
func testBlockstore(t *testing.T, bs blockstore.Blockstore) {
	ctx := context.Background()
	var put []blocks.Block
	for _, data := range []string{"", "a", string(stream("bs", 300000))} {
		b, _ := blocks.NewBlockWithCid([]byte(data), mustRaw([]byte(data)))
		put = append(put, b)
		if err := bs.Put(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := bs.Put(ctx, b); err != nil { // idempotent
			t.Fatal(err)
		}
	}
	for _, b := range put {
		got, err := bs.Get(ctx, b.Cid())
		if err != nil || string(got.RawData()) != string(b.RawData()) {
			t.Errorf("Get %s: %v", b.Cid(), err)
		}
		if ok, _ := bs.Has(ctx, b.Cid()); !ok {
			t.Errorf("Has %s = false", b.Cid())
		}
	}
	keys, err := bs.AllKeysChan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range keys {
		n++
	}
	if n != len(put) {
		t.Errorf("AllKeysChan gave %d keys, want %d", n, len(put))
	}
	missing := mustRaw([]byte("never stored"))
	if _, err := bs.Get(ctx, missing); !ipld.IsNotFound(err) {
		t.Errorf("Get of a missing block: %v", err)
	}
	if err := bs.DeleteBlock(ctx, put[1].Cid()); err != nil {
		t.Fatal(err)
	}
	if ok, _ := bs.Has(ctx, put[1].Cid()); ok {
		t.Error("deleted block still there")
	}
}

func mustRaw(data []byte) cid.Cid {
	r, _ := rawLeaf(context.Background(), data, nil)
	return r.cid
}

func TestBlockstores(t *testing.T) {
	t.Run("memory", func(t *testing.T) { testBlockstore(t, NewMemBlockstore()) })
	t.Run("flatfs", func(t *testing.T) {
		fds, err := flatfs.CreateOrOpen(filepath.Join(t.TempDir(), "blocks"), flatfs.NextToLast(2), false)
		if err != nil {
			t.Fatal(err)
		}
		defer fds.Close()
		testBlockstore(t, blockstore.NewBlockstore(fds, blockstore.NoPrefix()))
	})
}
