package notary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	mh "github.com/multiformats/go-multihash"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
)

// cidBuilder is the prefix of every dag-pb node both profiles make.
var cidBuilder = cid.Prefix{Version: 1, Codec: cid.DagProtobuf, MhType: mh.SHA2_256, MhLength: -1}

// ref is what a parent needs to know of a child node: its CID, the size
// of the DAG below it (the link's Tsize) and how many file bytes it holds.
type ref struct {
	cid      cid.Cid
	tsize    uint64
	fileSize uint64
}

// putFunc receives every block the importer makes. A nil putFunc discards.
type putFunc func(context.Context, blocks.Block) error

// fileLayout builds the same balanced DAG as boxo's importer/balanced over
// leaves that were hashed in parallel. boxo hashes each chunk inline, which
// caps it at one core; the layout below is a line-for-line mirror of
// balanced.Layout and fillNodeRec, and tests hold the two equal.
type fileLayout struct {
	ctx      context.Context
	leaves   <-chan leafResult
	next     *leafResult
	maxLinks int
	put      putFunc
	err      error
}

func (l *fileLayout) done() bool {
	if l.next == nil {
		r, ok := <-l.leaves
		if !ok {
			return true
		}
		l.next = &r
	}
	return false
}

func (l *fileLayout) pop() ref {
	l.done()
	r := l.next
	l.next = nil
	if r.err != nil && l.err == nil {
		l.err = r.err
	}
	return r.ref
}

// build returns the root of the file DAG; the caller must have checked
// that at least one leaf exists (an empty file has one empty leaf).
func (l *fileLayout) build() (ref, error) {
	root := l.pop()
	for depth := 1; !l.done() && l.err == nil; depth++ {
		n := newFileNode()
		n.add(root)
		var err error
		if root, err = l.fill(n, depth); err != nil {
			return ref{}, err
		}
	}
	return root, l.err
}

func (l *fileLayout) fill(n *fileNode, depth int) (ref, error) {
	if n == nil {
		n = newFileNode()
	}
	for len(n.pn.Links()) < l.maxLinks && !l.done() {
		var child ref
		if depth == 1 {
			child = l.pop()
		} else {
			var err error
			if child, err = l.fill(nil, depth-1); err != nil {
				return ref{}, err
			}
		}
		if l.err != nil {
			return ref{}, l.err
		}
		n.add(child)
	}
	return n.commit(l.ctx, l.put)
}

// fileNode is an internal UnixFS file node under construction.
type fileNode struct {
	pn *dag.ProtoNode
	fs *ft.FSNode
}

func newFileNode() *fileNode {
	pn := new(dag.ProtoNode)
	_ = pn.SetCidBuilder(cidBuilder)
	return &fileNode{pn: pn, fs: ft.NewFSNode(ft.TFile)}
}

func (n *fileNode) add(child ref) {
	_ = n.pn.AddRawLink("", &ipld.Link{Size: child.tsize, Cid: child.cid})
	n.fs.AddBlockSize(child.fileSize)
}

func (n *fileNode) commit(ctx context.Context, put putFunc) (ref, error) {
	data, err := n.fs.GetBytes()
	if err != nil {
		return ref{}, err
	}
	n.pn.SetData(data)
	size, err := n.pn.Size()
	if err != nil {
		return ref{}, err
	}
	if put != nil {
		if err := put(ctx, n.pn); err != nil {
			return ref{}, err
		}
	}
	return ref{cid: n.pn.Cid(), tsize: size, fileSize: n.fs.FileSize()}, nil
}

type leafResult struct {
	ref ref
	err error
}

// chunkJob is one chunk on its way through the hashing workers. done is
// closed when res is set, so results can be collected in file order.
type chunkJob struct {
	buf  *[]byte
	n    int
	res  leafResult
	done chan struct{}
}

// hashLeaves reads r in chunks of chunkSize and hashes (and stores) the raw
// leaves on every core, delivering them in file order. Like boxo's size
// splitter, an empty input yields a single empty leaf.
func hashLeaves(ctx context.Context, r io.Reader, chunkSize int, put putFunc, progress func(int64)) <-chan leafResult {
	workers := hashWorkers()
	pool := sync.Pool{New: func() any { b := make([]byte, chunkSize); return &b }}
	jobs := make(chan *chunkJob, workers)
	order := make(chan *chunkJob, 2*workers)
	out := make(chan leafResult, 2*workers)

	go func() { // reader
		defer close(jobs)
		defer close(order)
		for i := 0; ; i++ {
			buf := pool.Get().(*[]byte)
			n, err := io.ReadFull(r, *buf)
			if err == io.EOF && i > 0 {
				pool.Put(buf)
				return
			}
			j := &chunkJob{buf: buf, n: n, done: make(chan struct{})}
			if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
				j.res.err = fmt.Errorf("read: %w", err)
				close(j.done)
				order <- j
				return
			}
			if ctx.Err() != nil {
				j.res.err = ctx.Err()
				close(j.done)
				order <- j
				return
			}
			order <- j
			jobs <- j
			if progress != nil {
				progress(int64(n))
			}
			if err != nil { // short or empty read: that was the last chunk
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				data := (*j.buf)[:j.n]
				j.res.ref, j.res.err = rawLeaf(ctx, data, put)
				pool.Put(j.buf)
				close(j.done)
			}
		}()
	}

	go func() { // collector: file order
		defer close(out)
		failed := false
		for j := range order {
			<-j.done
			if failed {
				continue // drain so the reader and workers can finish
			}
			out <- j.res
			failed = j.res.err != nil
		}
		wg.Wait()
	}()
	return out
}

func rawLeaf(ctx context.Context, data []byte, put putFunc) (ref, error) {
	sum := sum256(data)
	digest, err := mh.Encode(sum[:], mh.SHA2_256)
	if err != nil {
		return ref{}, err
	}
	c := cid.NewCidV1(cid.Raw, digest)
	if put != nil {
		blk, err := blocks.NewBlockWithCid(data, c)
		if err != nil {
			return ref{}, err
		}
		if err := put(ctx, blk); err != nil {
			return ref{}, err
		}
	}
	return ref{cid: c, tsize: uint64(len(data)), fileSize: uint64(len(data))}, nil
}

// importFile builds the UnixFS DAG of one file's bytes under profile p.
func importFile(ctx context.Context, r io.Reader, p Profile, put putFunc, progress func(int64)) (ref, error) {
	if p.ChunkSize <= 0 || p.FileMaxLinks < 2 {
		return ref{}, errors.New("notary: profile has no chunk size or link width")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	leaves := hashLeaves(ctx, r, p.ChunkSize, put, progress)
	l := &fileLayout{ctx: ctx, leaves: leaves, maxLinks: p.FileMaxLinks, put: put}
	root, err := l.build()
	cancel()
	for range leaves { // let the pipeline wind down before returning buffers
	}
	return root, err
}
