package notary

import (
	"bytes"
	"context"
	"os"
	gopath "path"
	"testing"

	chunker "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/files"
	"github.com/ipfs/boxo/ipld/merkledag"
	mdtest "github.com/ipfs/boxo/ipld/merkledag/test"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	ihelper "github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	"github.com/ipfs/boxo/mfs"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// kuboAdd is a reference for Import: it follows Kubo 0.43's adder
// (core/coreunix/add.go) step by step, through boxo's serial files, MFS and
// the balanced importer, with the profile's settings as Kubo's config would
// pass them. It is slow and single-threaded; Import must agree with it.
func kuboAdd(t testing.TB, p string, prof Profile, hidden bool) cid.Cid {
	t.Helper()
	ctx := context.Background()
	ds := mdtest.Mock()
	stat, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	filter, err := files.NewFilter("", nil, hidden)
	if err != nil {
		t.Fatal(err)
	}
	node, err := files.NewSerialFileWithFilter(p, filter, stat)
	if err != nil {
		t.Fatal(err)
	}
	opts := []mfs.Option{
		mfs.WithCidBuilder(cidBuilder),
		mfs.WithMaxLinks(0),
		mfs.WithMaxHAMTFanout(prof.HAMTFanout),
		mfs.WithHAMTShardingSize(prof.HAMTThreshold),
		mfs.WithSizeEstimationMode(prof.SizeEstimation),
	}
	root, err := mfs.NewEmptyRoot(ctx, ds, nil, nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	a := &refAdder{t: t, ctx: ctx, ds: ds, root: root, prof: prof, opts: opts}
	const name = "added"
	a.add(name, node, true)
	if err := root.Flush(); err != nil {
		t.Fatal(err)
	}
	fsn, err := mfs.Lookup(root, "/"+name)
	if err != nil {
		t.Fatal(err)
	}
	nd, err := fsn.GetNode()
	if err != nil {
		t.Fatal(err)
	}
	return nd.Cid()
}

type refAdder struct {
	t    testing.TB
	ctx  context.Context
	ds   ipld.DAGService
	root *mfs.Root
	prof Profile
	opts []mfs.Option
}

func (a *refAdder) add(p string, f files.Node, toplevel bool) {
	switch f := f.(type) {
	case files.Directory:
		if err := mfs.Mkdir(a.root, p, mfs.MkdirOpts{Mkparents: true}, a.opts...); err != nil {
			a.t.Fatal(err)
		}
		it := f.Entries()
		for it.Next() {
			a.add(gopath.Join(p, it.Name()), it.Node(), false)
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
		a.put(p, nd)
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
		a.put(p, nd)
	default:
		a.t.Fatalf("unexpected node %T", f)
	}
}

func (a *refAdder) put(p string, nd ipld.Node) {
	if err := a.ds.Add(a.ctx, nd); err != nil {
		a.t.Fatal(err)
	}
	if err := mfs.PutNode(a.root, p, nd); err != nil {
		a.t.Fatal(err)
	}
}

// boxoFile is boxo's own balanced importer over data, for the layout test.
func boxoFile(t testing.TB, data []byte, chunk, links int) cid.Cid {
	t.Helper()
	db, err := (&ihelper.DagBuilderParams{
		Dagserv:    mdtest.Mock(),
		RawLeaves:  true,
		Maxlinks:   links,
		CidBuilder: cidBuilder,
	}).New(chunker.NewSizeSplitter(bytes.NewReader(data), int64(chunk)))
	if err != nil {
		t.Fatal(err)
	}
	nd, err := balanced.Layout(db)
	if err != nil {
		t.Fatal(err)
	}
	return nd.Cid()
}
