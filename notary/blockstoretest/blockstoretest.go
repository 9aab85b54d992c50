// Package blockstoretest is the conformance suite every blockstore the
// notary keeps blocks in must pass: the in-memory one, the data dir's
// flatfs directory, and a Kubo node's (notary/kubo) that replicas share.
package blockstoretest

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	mh "github.com/multiformats/go-multihash"
)

// Raw returns data as a raw block under its CIDv1.
func Raw(data []byte) blocks.Block {
	h, _ := mh.Sum(data, mh.SHA2_256, -1)
	b, _ := blocks.NewBlockWithCid(data, cid.NewCidV1(cid.Raw, h))
	return b
}

// pseudo returns n deterministic bytes.
func pseudo(seed string, n int) []byte {
	out := make([]byte, 0, n+32)
	s := sha256.Sum256([]byte(seed))
	for len(out) < n {
		out = append(out, s[:]...)
		s = sha256.Sum256(s[:])
	}
	return out[:n]
}

// Run runs the suite against bs, which must start without the blocks the
// suite writes (it may hold others).
func Run(t *testing.T, bs blockstore.Blockstore) {
	ctx := context.Background()
	var put []blocks.Block
	for _, data := range [][]byte{{}, []byte("a"), pseudo(t.Name(), 300000)} {
		put = append(put, Raw(data))
	}
	t.Run("put is idempotent", func(t *testing.T) {
		for _, b := range put {
			for range 2 {
				if err := bs.Put(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	t.Run("get, has and size give what was put", func(t *testing.T) {
		for _, b := range put {
			got, err := bs.Get(ctx, b.Cid())
			if err != nil || string(got.RawData()) != string(b.RawData()) {
				t.Errorf("Get %s: %v", b.Cid(), err)
			}
			if ok, err := bs.Has(ctx, b.Cid()); !ok || err != nil {
				t.Errorf("Has %s = %v, %v", b.Cid(), ok, err)
			}
			if n, err := bs.GetSize(ctx, b.Cid()); n != len(b.RawData()) || err != nil {
				t.Errorf("GetSize %s = %d, %v; want %d", b.Cid(), n, err, len(b.RawData()))
			}
		}
	})
	t.Run("blocks are keyed by multihash, whatever the CID's codec", func(t *testing.T) {
		// Kubo and boxo's blockstore key blocks by multihash: the same bytes
		// under a dag-pb CID are the same block.
		c := cid.NewCidV1(cid.DagProtobuf, put[2].Cid().Hash())
		if ok, err := bs.Has(ctx, c); !ok || err != nil {
			t.Errorf("Has %s = %v, %v", c, ok, err)
		}
	})
	t.Run("put many", func(t *testing.T) {
		var many []blocks.Block
		for i := range 20 {
			many = append(many, Raw(pseudo(t.Name()+string(rune('a'+i)), 1000+i)))
		}
		if err := bs.PutMany(ctx, many); err != nil {
			t.Fatal(err)
		}
		for _, b := range many {
			if ok, _ := bs.Has(ctx, b.Cid()); !ok {
				t.Errorf("PutMany lost %s", b.Cid())
			}
		}
		put = append(put, many...)
	})
	t.Run("all keys lists every block", func(t *testing.T) {
		keys, err := bs.AllKeysChan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for k := range keys {
			seen[string(k.Hash())] = true
		}
		for _, b := range put {
			if !seen[string(b.Cid().Hash())] {
				t.Errorf("AllKeysChan lacks %s", b.Cid())
			}
		}
	})
	t.Run("a missing block is not found", func(t *testing.T) {
		missing := Raw([]byte("never stored " + t.Name())).Cid()
		if _, err := bs.Get(ctx, missing); !ipld.IsNotFound(err) {
			t.Errorf("Get of a missing block: %v", err)
		}
		if _, err := bs.GetSize(ctx, missing); !ipld.IsNotFound(err) {
			t.Errorf("GetSize of a missing block: %v", err)
		}
		if ok, err := bs.Has(ctx, missing); ok || err != nil {
			t.Errorf("Has of a missing block = %v, %v", ok, err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := bs.DeleteBlock(ctx, put[1].Cid()); err != nil {
			t.Fatal(err)
		}
		if ok, _ := bs.Has(ctx, put[1].Cid()); ok {
			t.Error("deleted block still there")
		}
	})
}
