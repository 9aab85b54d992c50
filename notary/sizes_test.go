package notary

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipfs/boxo/blockservice"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"

	"github.com/desci-platform/desci/notary/car"
	"github.com/desci-platform/desci/notary/index"
)

type testBlock struct {
	c    cid.Cid
	data []byte
}

// fileNodeBlock makes a UnixFS file node linking children, declaring
// sizes[i] bytes for child i and filesize bytes in all, true or not.
func fileNodeBlock(t testing.TB, inline []byte, children []cid.Cid, sizes []uint64, filesize uint64) testBlock {
	t.Helper()
	pn := new(dag.ProtoNode)
	pn.SetCidBuilder(cidBuilder)
	fs := ft.NewFSNode(ft.TFile)
	fs.SetData(inline)
	for i, c := range children {
		pn.AddRawLink("", &ipld.Link{Cid: c, Size: sizes[i]})
		fs.AddBlockSize(sizes[i])
	}
	fs.UpdateFilesize(int64(filesize) - int64(fs.FileSize()))
	data, err := fs.GetBytes()
	if err != nil {
		t.Fatal(err)
	}
	pn.SetData(data)
	return testBlock{pn.Cid(), pn.RawData()}
}

func rawBlock(data []byte) testBlock { return testBlock{mustRaw(data), data} }

func carOf(t testing.TB, root cid.Cid, bs ...testBlock) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := car.NewWriter(&buf, []cid.Cid{root})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if err := w.Put(b.c, b.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a DAG of about 1.2 MB of blocks whose root file links a 1 MiB
// leaf, through a middle node, a million times over (a TiB when read),
// while declaring sizes that are honest or not.
func bomb(t testing.TB, honest bool) (root testBlock, blocks []testBlock) {
	leaf := rawBlock(stream("bomb", 1<<20))
	n := 1000
	links := make([]cid.Cid, n)
	sizes := make([]uint64, n)
	for i := range n {
		links[i], sizes[i] = leaf.c, 1<<20
	}
	mid := fileNodeBlock(t, nil, links, sizes, uint64(n)<<20)
	rootSizes := make([]uint64, n)
	for i := range n {
		links[i], rootSizes[i] = mid.c, uint64(n)<<20
	}
	declared := uint64(n*n) << 20
	if !honest {
		// Says 10 bytes: 10 in the first child, none in the others.
		clear(rootSizes)
		rootSizes[0], declared = 10, 10
	}
	root = fileNodeBlock(t, nil, links, rootSizes, declared)
	return root, []testBlock{root, mid, leaf}
}

func storedKeys(t testing.TB, s *Store) int {
	keys, err := s.raw.AllKeysChan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range keys {
		n++
	}
	return n
}

// A CAR whose file declares fewer bytes than its blocks hold is refused
// on import, storing nothing; the same blocks already in a store are
// refused on every read; an honest one that expands to a TiB imports
// (it is valid UnixFS) but get refuses to write more than the disk holds.
func TestSizeBombs(t *testing.T) {
	ctx := context.Background()
	t.Run("import refuses a lying DAG", func(t *testing.T) {
		s := openStore(t)
		root, bs := bomb(t, false)
		carData := carOf(t, root.c, bs...)
		if len(carData) > 2<<20 {
			t.Fatalf("the CAR is %d bytes", len(carData))
		}
		_, err := s.ImportCAR(ctx, bytes.NewReader(carData))
		if !errors.Is(err, ErrSizeMismatch) {
			t.Fatalf("ImportCAR: %v, want ErrSizeMismatch", err)
		}
		if n := storedKeys(t, s); n != 0 {
			t.Errorf("%d blocks stored from a refused CAR", n)
		}
	})
	t.Run("reads refuse a lying DAG", func(t *testing.T) {
		s := openStore(t)
		root, tbs := bomb(t, false)
		for _, b := range tbs {
			blk, _ := blocksNew(b)
			s.blocks.Put(ctx, blk)
		}
		out := filepath.Join(t.TempDir(), "out")
		if err := s.Get(ctx, root.c, out); !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("Get: %v", err)
		}
		if _, err := os.Lstat(out); err == nil {
			t.Error("Get wrote something")
		}
		if _, err := s.ReadFile(ctx, root.c, 1<<20); !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("ReadFile: %v", err)
		}
		if _, err := s.OpenFile(ctx, root.c); !errors.Is(err, ErrSizeMismatch) {
			t.Errorf("OpenFile: %v", err)
		}
		s.Index().AddPin(index.Pin{Root: root.c})
		if res, err := s.Verify(ctx, nil); !errors.Is(err, ErrRepoDamaged) || len(res.Problems) != 1 || res.Problems[0].CID != root.c {
			t.Errorf("Verify: %v %+v", err, res)
		}
	})
	t.Run("honest TiB: imported, get refused for want of space", func(t *testing.T) {
		s := openStore(t)
		root, bs := bomb(t, true)
		if _, err := s.ImportCAR(ctx, bytes.NewReader(carOf(t, root.c, bs...))); err != nil {
			t.Fatal(err)
		}
		if err := s.Get(ctx, root.c, filepath.Join(t.TempDir(), "out")); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Get of a TiB: %v, want ErrTooLarge", err)
		}
		if _, err := s.ReadFile(ctx, root.c, 1<<20); !errors.Is(err, ErrTooLarge) {
			t.Errorf("ReadFile: %v", err)
		}
	})
	t.Run("data and links", func(t *testing.T) {
		// Readers skip the data of a node with links: what it declares is
		// not what is read.
		s := openStore(t)
		leaf := rawBlock([]byte("world"))
		root := fileNodeBlock(t, []byte("hello "), []cid.Cid{leaf.c}, []uint64{5}, 11)
		if _, err := s.ImportCAR(ctx, bytes.NewReader(carOf(t, root.c, root, leaf))); !errors.Is(err, ErrSizeMismatch) {
			t.Fatalf("ImportCAR: %v", err)
		}
	})
	t.Run("limit", func(t *testing.T) {
		s := openStore(t)
		a, b := rawBlock([]byte("hello ")), rawBlock([]byte("world"))
		root := fileNodeBlock(t, nil, []cid.Cid{a.c, b.c}, []uint64{6, 5}, 11)
		if _, err := s.ImportCAR(ctx, bytes.NewReader(carOf(t, root.c, root, a, b))); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ReadFile(ctx, root.c, 11); err != nil || string(got) != "hello world" {
			t.Errorf("ReadFile: %q %v", got, err)
		}
		if _, err := s.ReadFile(ctx, root.c, 10); !errors.Is(err, ErrTooLarge) {
			t.Errorf("ReadFile over the limit: %v", err)
		}
	})
}

// FuzzSizeCheck: for any dag-pb root block over one raw leaf, the checker
// never panics, and when it accepts a file, reading it gives exactly the
// bytes it declared.
func FuzzSizeCheck(f *testing.F) {
	leaf := rawBlock([]byte("0123456789"))
	f.Add(fileNodeBlock(f, nil, []cid.Cid{leaf.c}, []uint64{10}, 10).data, leaf.data)
	f.Add(fileNodeBlock(f, []byte("ab"), []cid.Cid{leaf.c, leaf.c}, []uint64{10, 10}, 22).data, leaf.data)
	f.Add(fileNodeBlock(f, nil, []cid.Cid{leaf.c, leaf.c}, []uint64{10, 10}, 20).data, leaf.data)
	f.Add(fileNodeBlock(f, []byte("inline"), nil, nil, 6).data, leaf.data)
	f.Add(fileNodeBlock(f, nil, []cid.Cid{leaf.c}, []uint64{3}, 3).data, leaf.data)
	f.Add(fileNodeBlock(f, nil, nil, nil, 5).data, leaf.data)
	f.Fuzz(func(t *testing.T, rootData, leafData []byte) {
		if len(leafData) > 1<<16 {
			return
		}
		root, err := cidBuilder.Sum(rootData)
		if err != nil {
			t.Fatal(err)
		}
		leaf := rawBlock(leafData)
		stored := map[cid.Cid][]byte{root: rootData, leaf.c: leafData}
		k := &sizeChecker{block: func(c cid.Cid) ([]byte, error) {
			if b, ok := stored[c]; ok {
				return b, nil
			}
			return nil, ipld.ErrNotFound{Cid: c}
		}}
		n, err := k.check(root, 0)
		if err != nil || n > 1<<24 {
			return
		}
		bs := NewMemBlockstore()
		for c, d := range stored {
			b, _ := blocksNew(testBlock{c, d})
			bs.Put(context.Background(), b)
		}
		ds := dag.NewDAGService(blockservice.New(bs, nil))
		nd, err := ds.Get(context.Background(), root)
		if err != nil {
			return
		}
		fsn, err := ft.ExtractFSNode(nd)
		if err != nil || (fsn.Type() != ft.TFile && fsn.Type() != ft.TRaw) {
			return
		}
		dr, err := uio.NewDagReader(context.Background(), nd, ds)
		if err != nil {
			return
		}
		got, err := io.ReadAll(io.LimitReader(dr, int64(n)+1))
		if err != nil {
			t.Fatalf("accepted (%d bytes) but reading fails: %v", n, err)
		}
		if uint64(len(got)) != n || dr.Size() != n {
			t.Fatalf("accepted as %d bytes, read %d, reader says %d", n, len(got), dr.Size())
		}
	})
}

func blocksNew(b testBlock) (blocks.Block, error) { return blocks.NewBlockWithCid(b.data, b.c) }
