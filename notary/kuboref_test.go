package notary

import (
	"context"
	"os"
	gopath "path"
	"path/filepath"
	"testing"

	chunker "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/files"
	"github.com/ipfs/boxo/ipld/merkledag"
	mdtest "github.com/ipfs/boxo/ipld/merkledag/test"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	ihelper "github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/boxo/mfs"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// kuboAdd is a reference for Import: it follows Kubo 0.43's `ipfs add -n`
// (core/coreapi/unixfs.go and core/coreunix/add.go) step by step, through
// boxo's serial files, MFS and the balanced importer, with the profile's
// settings as Kubo's config sets them (boxo's package globals and the
// adder's MFS options). It is slow and single-threaded; Import must agree
// with it wherever it is deterministic (doc/content-addressing.md).
func kuboAdd(t testing.TB, p string, prof Profile, hidden bool) cid.Cid {
	t.Helper()
	ctx := context.Background()
	// Kubo sets these from its config when the node starts (core/node/groups.go).
	defer func(size, width int, mode uio.SizeEstimationMode) {
		uio.HAMTShardingSize, uio.DefaultShardWidth, uio.HAMTSizeEstimation = size, width, mode
	}(uio.HAMTShardingSize, uio.DefaultShardWidth, uio.HAMTSizeEstimation)
	uio.HAMTShardingSize, uio.DefaultShardWidth, uio.HAMTSizeEstimation = prof.HAMTThreshold, prof.HAMTFanout, prof.SizeEstimation

	ds := mdtest.Mock()
	stat, err := os.Lstat(filepath.Clean(p))
	if err != nil {
		t.Fatal(err)
	}
	filter, err := files.NewFilter("", nil, hidden)
	if err != nil {
		t.Fatal(err)
	}
	node, err := files.NewSerialFileWithFilter(filepath.Clean(p), filter, stat)
	if err != nil {
		t.Fatal(err)
	}
	// OnlyHash: an MFS root loaded from an empty directory node, no options.
	empty := ft.EmptyDirNode()
	if err := empty.SetCidBuilder(cidBuilder); err != nil {
		t.Fatal(err)
	}
	root, err := mfs.NewRoot(ctx, mdtest.Mock(), empty, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	mode := prof.SizeEstimation
	a := &refAdder{t: t, ctx: ctx, ds: ds, root: root, prof: prof, opts: []mfs.Option{
		mfs.WithCidBuilder(cidBuilder),
		mfs.WithMaxLinks(0),
		mfs.WithMaxHAMTFanout(0),
		mfs.WithSizeEstimationMode(mode),
	}}
	a.addFileNode("", node, true)
	rootdir := root.GetDirectory()
	if err := rootdir.Flush(); err != nil {
		t.Fatal(err)
	}
	var res mfs.FSNode = rootdir
	if _, isDir := node.(files.Directory); !isDir {
		names, err := rootdir.ListNames(ctx)
		if err != nil || len(names) == 0 {
			t.Fatalf("no child in the MFS root: %v", err)
		}
		if res, err = rootdir.Child(names[0]); err != nil {
			t.Fatal(err)
		}
	}
	if err := root.Close(); err != nil {
		t.Fatal(err)
	}
	nd, err := res.GetNode()
	if err != nil {
		t.Fatal(err)
	}
	return nd.Cid()
}

// refAdder is coreunix.Adder reduced to what `ipfs add -n -r` does.
type refAdder struct {
	t         testing.TB
	ctx       context.Context
	ds        ipld.DAGService
	root      *mfs.Root
	prof      Profile
	opts      []mfs.Option
	liveNodes int
}

// kuboLiveCacheSize is coreunix's liveCacheSize: the adder flushes MFS and
// drops its cache after this many nodes.
const kuboLiveCacheSize = 256 << 10

func (a *refAdder) addFileNode(p string, f files.Node, toplevel bool) {
	if a.liveNodes >= kuboLiveCacheSize {
		if err := a.root.FlushMemFree(a.ctx); err != nil {
			a.t.Fatal(err)
		}
		a.liveNodes = 0
	}
	a.liveNodes++
	switch f := f.(type) {
	case files.Directory:
		it := f.Entries()
		// Empty directories are kept (Import.UnixFSIncludeEmptyDirs).
		if !(toplevel && p == "") {
			if err := mfs.Mkdir(a.root, p, mfs.MkdirOpts{Mkparents: true}, a.opts...); err != nil {
				a.t.Fatal(err)
			}
		}
		for it.Next() {
			a.addFileNode(gopath.Join(p, it.Name()), it.Node(), false)
		}
		if err := it.Err(); err != nil {
			a.t.Fatal(err)
		}
	case *files.Symlink:
		data, err := ft.SymlinkData(f.Target)
		if err != nil {
			a.t.Fatal(err)
		}
		nd := merkledag.NodeWithData(data)
		_ = nd.SetCidBuilder(cidBuilder)
		a.addNode(p, nd)
	case files.File:
		db, err := (&ihelper.DagBuilderParams{
			Dagserv:    a.ds,
			RawLeaves:  true,
			Maxlinks:   a.prof.FileMaxLinks,
			CidBuilder: cidBuilder,
		}).New(chunker.NewSizeSplitter(f, int64(a.prof.ChunkSize)))
		if err != nil {
			a.t.Fatal(err)
		}
		nd, err := balanced.Layout(db)
		if err != nil {
			a.t.Fatal(err)
		}
		a.addNode(p, nd)
	default:
		a.t.Fatalf("unexpected node %T", f)
	}
}

func (a *refAdder) addNode(p string, nd ipld.Node) {
	if err := a.ds.Add(a.ctx, nd); err != nil {
		a.t.Fatal(err)
	}
	if p == "" {
		p = nd.Cid().String()
	}
	if dir := gopath.Dir(p); dir != "." {
		if err := mfs.Mkdir(a.root, dir, mfs.MkdirOpts{Mkparents: true}, a.opts...); err != nil {
			a.t.Fatal(err)
		}
	}
	if err := mfs.PutNode(a.root, p, nd); err != nil {
		a.t.Fatal(err)
	}
}

// boxoFile is boxo's own balanced importer over data, for the layout test.
func boxoFile(t testing.TB, data []byte, chunk, links int) cid.Cid {
	t.Helper()
	return buildFile(t, mdtest.Mock(), data, true, cidBuilder, chunk, links).Cid()
}
