package notary

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	mh "github.com/multiformats/go-multihash"
)

// checkedBlockstore re-hashes every block it returns, so a block changed
// on disk (a flipped bit, an edit behind our back) is an error naming its
// CID wherever it is read: get, extracts, notebook inputs, the server.
type checkedBlockstore struct {
	blockstore.Blockstore
}

func (bs checkedBlockstore) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) {
	b, err := bs.Blockstore.Get(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := checkBlock(c, b.RawData()); err != nil {
		return nil, err
	}
	return b, nil
}

// checkBlock returns an error wrapping ErrCorrupt unless data hashes to c.
func checkBlock(c cid.Cid, data []byte) error {
	p := c.Prefix()
	if p.MhType == mh.SHA2_256 && p.MhLength == 32 {
		// The hash every CID we make uses, by the fastest means at hand.
		sum := sum256(data)
		dec, err := mh.Decode(c.Hash())
		if err == nil && bytes.Equal(dec.Digest, sum[:]) {
			return nil
		}
	} else if got, err := p.Sum(data); err == nil && got.Equals(c) {
		return nil
	}
	return fmt.Errorf("%w: block %s (changed on disk; desci repo verify lists every damaged block)", ErrCorrupt, c)
}

// dagService is the store's DAG service. Its GetMany, which readers of
// UnixFS files use to fetch children ahead, says which block failed and
// why, where boxo's drops the error (leaving "failed to fetch all nodes");
// and it fetches with one goroutine per core, so re-hashing every block
// keeps pace with the disk.
type dagService struct {
	ipld.DAGService
}

func (d dagService) GetMany(ctx context.Context, cids []cid.Cid) <-chan *ipld.NodeOption {
	out := make(chan *ipld.NodeOption, len(cids))
	next := make(chan cid.Cid)
	var wg sync.WaitGroup
	for range min(hashWorkers(), len(cids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				nd, err := d.Get(ctx, c)
				out <- &ipld.NodeOption{Node: nd, Err: err}
			}
		}()
	}
	go func() {
		defer close(out)
		defer wg.Wait()
		defer close(next)
		for _, c := range cids {
			select {
			case next <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
