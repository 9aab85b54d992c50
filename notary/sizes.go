package notary

import (
	"context"
	"errors"
	"fmt"
	"math/bits"

	"github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
)

// ErrSizeMismatch means a UnixFS file declares sizes that its blocks do
// not add up to. Readers trust the declared sizes (a reader of a file that
// declares 10 bytes would otherwise read whatever its links hold, and a
// DAG can link one block a million times), so such a DAG is refused
// before anything of it is read or stored.
var ErrSizeMismatch = errors.New("notary: declared sizes disagree with the blocks")

// maxDAGDepth bounds how deep a DAG may go; UnixFS trees of any real size
// are a handful of levels deep.
const maxDAGDepth = 256

// sizeChecker checks that every UnixFS file under a root holds exactly the
// bytes it declares: a file node's filesize is its inline data plus its
// blocksizes, one per link, and each blocksize is the size of the child
// it names. Each distinct block is looked at once, so a DAG that links
// one block many times costs what its distinct blocks cost.
type sizeChecker struct {
	// block returns a block's bytes; rawSize, if set, the length of a raw
	// block without reading it (its bytes are checked against the CID
	// when read).
	block   func(c cid.Cid) ([]byte, error)
	rawSize func(c cid.Cid) (uint64, error)
	sizes   map[cid.Cid]uint64
}

// check returns the number of file bytes under c: a file's size, the
// total of the files in a directory (counted as often as they are linked:
// what writing it out takes), 0 for a manifest, whose links are checked
// in turn.
func (k *sizeChecker) check(c cid.Cid, depth int) (uint64, error) {
	if n, ok := k.sizes[c]; ok {
		return n, nil
	}
	if depth > maxDAGDepth {
		return 0, fmt.Errorf("%w: DAG deeper than %d levels at %s", ErrSizeMismatch, maxDAGDepth, c)
	}
	if k.sizes == nil {
		k.sizes = map[cid.Cid]uint64{}
	}
	var n uint64
	var err error
	switch c.Type() {
	case cid.Raw:
		if k.rawSize != nil {
			n, err = k.rawSize(c)
		} else {
			var data []byte
			data, err = k.block(c)
			n = uint64(len(data))
		}
	case cid.DagProtobuf:
		n, err = k.protobuf(c, depth)
	default:
		var data []byte
		if data, err = k.block(c); err == nil {
			var ls []cid.Cid
			if ls, err = links(c, data); err == nil {
				for _, l := range ls {
					if _, err = k.check(l, depth+1); err != nil {
						break
					}
				}
			}
		}
	}
	if err != nil {
		return 0, err
	}
	k.sizes[c] = n
	return n, nil
}

func (k *sizeChecker) protobuf(c cid.Cid, depth int) (uint64, error) {
	data, err := k.block(c)
	if err != nil {
		return 0, err
	}
	pn, err := merkledag.DecodeProtobuf(data)
	if err != nil {
		return 0, fmt.Errorf("decode %s: %w", c, err)
	}
	fs, err := ft.FSNodeFromBytes(pn.Data())
	if err != nil || (fs.Type() != pb.Data_File && fs.Type() != pb.Data_Raw) {
		// Directories, HAMT shards, symlinks and plain dag-pb: no file
		// bytes of their own, but the files below, as often as linked.
		var total uint64
		for _, l := range pn.Links() {
			n, err := k.check(l.Cid, depth+1)
			if err != nil {
				return 0, err
			}
			var carry uint64
			if total, carry = bits.Add64(total, n, 0); carry != 0 {
				return 0, fmt.Errorf("%w: directory %s holds more than 2^64 bytes", ErrSizeMismatch, c)
			}
		}
		return total, nil
	}
	sizes := fs.BlockSizes()
	if len(sizes) != len(pn.Links()) {
		return 0, fmt.Errorf("%w: file node %s has %d links and %d block sizes", ErrSizeMismatch, c, len(pn.Links()), len(sizes))
	}
	total := uint64(len(fs.Data()))
	if total > 0 && len(sizes) > 0 {
		// Readers (boxo's, Kubo's) skip the data of a node with links.
		return 0, fmt.Errorf("%w: file node %s has both data and links", ErrSizeMismatch, c)
	}
	for i, l := range pn.Links() {
		var carry uint64
		if total, carry = bits.Add64(total, sizes[i], 0); carry != 0 {
			return 0, fmt.Errorf("%w: file node %s declares more than 2^64 bytes", ErrSizeMismatch, c)
		}
		got, err := k.check(l.Cid, depth+1)
		if err != nil {
			return 0, err
		}
		if got != sizes[i] {
			return 0, fmt.Errorf("%w: file node %s says its child %s holds %d bytes, it holds %d", ErrSizeMismatch, c, l.Cid, sizes[i], got)
		}
	}
	if declared := fs.FileSize(); declared != total {
		return 0, fmt.Errorf("%w: file node %s declares %d bytes, its data and children hold %d", ErrSizeMismatch, c, declared, total)
	}
	return total, nil
}

// checkSizes checks the DAG under root as sizeChecker does, reading the
// store (every block hash-checked; raw leaves only measured), and returns
// the bytes of the files under it.
func (s *Store) checkSizes(ctx context.Context, root cid.Cid) (uint64, error) {
	k := &sizeChecker{
		block: func(c cid.Cid) ([]byte, error) { return s.Block(ctx, c) },
		rawSize: func(c cid.Cid) (uint64, error) {
			n, err := s.raw.GetSize(ctx, c)
			if err != nil {
				return 0, s.notFound(c, err)
			}
			return uint64(n), nil
		},
	}
	return k.check(root, 0)
}
