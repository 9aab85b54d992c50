package notary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	"golang.org/x/sys/unix"
)

// Get writes the file, directory or symlink at c to out, byte-identical to
// what was added, with empty directories and symlinks as they were. If c is
// a manifest, its content is written. out must not exist; the tree is
// written beside it and renamed into place, so a failed Get leaves nothing.
func (s *Store) Get(ctx context.Context, c cid.Cid, out string) error {
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%w: %s", ErrExists, out)
	}
	root, err := s.contentRoot(ctx, c)
	if err != nil {
		return err
	}
	need, err := s.checkSizes(ctx, root)
	if err != nil {
		return fmt.Errorf("notary: get %s: %w", c, err)
	}
	// A DAG may link one block many times: its honest size can be far
	// beyond the blocks stored. Refuse what the disk cannot hold.
	var st unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(out), &st); err == nil {
		if free := st.Bavail * uint64(st.Bsize); need > free {
			return fmt.Errorf("%w: %s holds %d bytes of files, %s has %d bytes free", ErrTooLarge, c, need, filepath.Dir(out), free)
		}
	}
	nd, err := s.dag.Get(ctx, root)
	if err != nil {
		return s.notFound(root, err)
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".desci-partial")
	os.RemoveAll(tmp)
	if err := s.writeTree(ctx, nd, tmp, 0); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("notary: get %s: %w", c, err)
	}
	return os.Rename(tmp, out)
}

// writeTree writes the UnixFS node nd (a file, directory, HAMT shard or
// symlink) to p.
func (s *Store) writeTree(ctx context.Context, nd ipld.Node, p string, depth int) error {
	if depth > maxDAGDepth {
		return fmt.Errorf("%w: DAG deeper than %d levels at %s", ErrSizeMismatch, maxDAGDepth, nd.Cid())
	}
	pn, ok := nd.(*merkledag.ProtoNode)
	if !ok {
		if _, ok := nd.(*merkledag.RawNode); !ok {
			return fmt.Errorf("unsupported node type %T", nd)
		}
		return s.createFile(ctx, nd, p)
	}
	fs, err := ft.FSNodeFromBytes(pn.Data())
	if err != nil {
		return fmt.Errorf("decode %s: %w", nd.Cid(), err)
	}
	switch fs.Type() {
	case pb.Data_File, pb.Data_Raw:
		return s.createFile(ctx, nd, p)
	case pb.Data_Symlink:
		return os.Symlink(string(fs.Data()), p)
	case pb.Data_Directory, pb.Data_HAMTShard:
		dir, err := uio.NewDirectoryFromNode(s.dag, nd)
		if err != nil {
			return err
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			return err
		}
		return dir.ForEachLink(ctx, func(l *ipld.Link) error {
			name := l.Name
			// A DAG from a stranger may name entries to escape the tree.
			if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
				return fmt.Errorf("unsafe entry name %q", name)
			}
			child, err := s.dag.Get(ctx, l.Cid)
			if err != nil {
				return s.notFound(l.Cid, err)
			}
			return s.writeTree(ctx, child, filepath.Join(p, name), depth+1)
		})
	default:
		return fmt.Errorf("unsupported UnixFS type %s at %s", fs.Type(), nd.Cid())
	}
}

func (s *Store) createFile(ctx context.Context, nd ipld.Node, p string) error {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return errors.Join(s.writeFile(ctx, nd, f), f.Close())
}

// getAhead is how many leaves a get may have found and not yet written,
// beyond the one each worker holds: with either profile's chunks, a few
// MiB.
const getAhead = 4

// maxPooledLeaf is the largest leaf read into a reused buffer; larger
// ones (no importer of ours makes them) are read as flatfs does.
const maxPooledLeaf = 4 << 20

// A piece is one part of a file on its way out: a raw leaf to read and
// hash, or bytes already checked, and where it goes.
type piece struct {
	c    cid.Cid // the raw leaf; Undef if data is set
	size uint64  // the leaf's size as its parent declares it
	data []byte
	off  int64
}

// writeFile writes the UnixFS file nd to f. Each worker (one per core)
// takes the next raw leaf, reads it into its own buffer, hashes it
// against its CID and only then writes it at its place in the file, so
// one core hashes while the other writes, with no hand-off of the bytes
// between them.
// Internal nodes come through the checked DAG service. Declared sizes
// place the leaves; the caller has checked them against the blocks (and
// a leaf whose bytes disagree with its parent is refused here too).
// Memory stays within getAhead plus one leaf per worker.
func (s *Store) writeFile(ctx context.Context, nd ipld.Node, f *os.File) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan piece, getAhead)
	var wg sync.WaitGroup
	// Writes take turns here: the kernel serializes writes to one file
	// anyway, and a writer waiting in it spins on the inode's lock.
	var wmu sync.Mutex
	for range hashWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for p := range jobs {
				if ctx.Err() != nil {
					continue
				}
				data := p.data
				if p.c.Defined() {
					var err error
					if data, buf, err = s.readLeaf(ctx, p.c, buf); err != nil {
						cancel(err)
						continue
					}
					if uint64(len(data)) != p.size {
						cancel(fmt.Errorf("%w: leaf %s holds %d bytes, its parent says %d", ErrSizeMismatch, p.c, len(data), p.size))
						continue
					}
				}
				wmu.Lock()
				_, err := f.WriteAt(data, p.off)
				wmu.Unlock()
				if err != nil {
					cancel(err)
				}
			}
		}()
	}
	var off int64
	emit := func(p piece) error {
		p.off = off
		off += int64(p.size)
		select {
		case jobs <- p:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	var walk func(nd ipld.Node, depth int) error
	walk = func(nd ipld.Node, depth int) error {
		if depth > maxDAGDepth {
			return fmt.Errorf("%w: DAG deeper than %d levels at %s", ErrSizeMismatch, maxDAGDepth, nd.Cid())
		}
		var data []byte
		switch nd := nd.(type) {
		case *merkledag.RawNode:
			data = nd.RawData()
		case *merkledag.ProtoNode:
			fs, err := ft.FSNodeFromBytes(nd.Data())
			if err != nil {
				return fmt.Errorf("decode %s: %w", nd.Cid(), err)
			}
			if t := fs.Type(); t != pb.Data_File && t != pb.Data_Raw {
				return fmt.Errorf("%w: %s inside a file is a %s", ErrSizeMismatch, nd.Cid(), t)
			}
			links := nd.Links()
			if len(links) == 0 {
				data = fs.Data()
				break
			}
			sizes := fs.BlockSizes()
			if len(sizes) != len(links) {
				return fmt.Errorf("%w: file node %s has %d links and %d block sizes", ErrSizeMismatch, nd.Cid(), len(links), len(sizes))
			}
			for i, ln := range links {
				if ln.Cid.Type() == cid.Raw {
					if err := emit(piece{c: ln.Cid, size: sizes[i]}); err != nil {
						return err
					}
					continue
				}
				child, err := s.dag.Get(ctx, ln.Cid)
				if err != nil {
					return s.notFound(ln.Cid, err)
				}
				start := off
				if err := walk(child, depth+1); err != nil {
					return err
				}
				if uint64(off-start) != sizes[i] {
					return fmt.Errorf("%w: file node %s says its child %s holds %d bytes, it holds %d", ErrSizeMismatch, nd.Cid(), ln.Cid, sizes[i], off-start)
				}
			}
			return nil
		default:
			return fmt.Errorf("unsupported node type %T", nd)
		}
		if len(data) == 0 {
			return nil
		}
		return emit(piece{data: data, size: uint64(len(data))})
	}
	err := walk(nd, 0)
	close(jobs)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
		// A worker's error (or the caller's cancellation) is the first.
		err = cause
	}
	return err
}

// readLeaf reads the raw leaf c, into buf where it fits, and returns its
// bytes once they hash to c.
func (s *Store) readLeaf(ctx context.Context, c cid.Cid, buf []byte) (data, newBuf []byte, err error) {
	if s.ds != nil {
		// The flatfs file itself, read into a reused buffer: flatfs
		// would allocate (and the runtime zero) a new one per block.
		f, err := os.Open(s.blockPath(c))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, buf, s.notFound(c, ipld.ErrNotFound{Cid: c})
		}
		if err != nil {
			return nil, buf, err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return nil, buf, err
		}
		if n := fi.Size(); n <= maxPooledLeaf {
			if int64(cap(buf)) < n {
				buf = make([]byte, n)
			}
			data = buf[:n]
			if _, err := io.ReadFull(f, data); err != nil {
				// Shorter than a moment ago: changed under us.
				return nil, buf, fmt.Errorf("%w: block %s (changed while read)", ErrCorrupt, c)
			}
			if err := checkBlock(c, data); err != nil {
				return nil, buf, err
			}
			return data, buf, nil
		}
	}
	b, err := s.blocks.Get(ctx, c) // checked
	if err != nil {
		return nil, buf, s.notFound(c, err)
	}
	return b.RawData(), buf, nil
}

// contentRoot resolves a manifest CID to its content root.
func (s *Store) contentRoot(ctx context.Context, c cid.Cid) (cid.Cid, error) {
	if c.Type() != cid.DagCBOR {
		return c, nil
	}
	m, err := s.Manifest(ctx, c)
	if err != nil {
		return cid.Undef, err
	}
	if m.Content == nil {
		return cid.Undef, fmt.Errorf("notary: manifest %s has no content", c)
	}
	if m.Content.Sealed.Defined() {
		return cid.Undef, fmt.Errorf("%w: %s; a steward decrypts it with desci datasets decrypt", ErrSealed, c)
	}
	return m.Content.Root, nil
}

func (s *Store) notFound(c cid.Cid, err error) error {
	if ipld.IsNotFound(err) {
		return fmt.Errorf("%w: %s is not in the store (or a block under it is missing; run desci repo verify)", ErrNotFound, c)
	}
	return err
}

// ErrTooLarge means a read would go past the limit its caller set.
var ErrTooLarge = errors.New("notary: larger than the limit")

// ReadFile returns the bytes of the UnixFS file at c, refusing files over
// max bytes (ErrTooLarge): small documents such as a data dictionary. The
// file's declared sizes are checked against its blocks first, and reading
// stops at max+1 bytes whatever the blocks hold.
func (s *Store) ReadFile(ctx context.Context, c cid.Cid, max int64) ([]byte, error) {
	nd, err := s.dag.Get(ctx, c)
	if err != nil {
		return nil, s.notFound(c, err)
	}
	dr, err := uio.NewDagReader(ctx, nd, s.dag)
	if err != nil {
		return nil, fmt.Errorf("notary: read %s: %w", c, err)
	}
	defer dr.Close()
	if int64(dr.Size()) > max {
		return nil, fmt.Errorf("%w: %s has %d bytes, more than %d", ErrTooLarge, c, dr.Size(), max)
	}
	if _, err := s.checkSizes(ctx, c); err != nil {
		return nil, fmt.Errorf("notary: read %s: %w", c, err)
	}
	b, err := io.ReadAll(io.LimitReader(dr, max+1))
	if err != nil {
		return nil, fmt.Errorf("notary: read %s: %w", c, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: %s holds more than %d bytes", ErrTooLarge, c, max)
	}
	return b, nil
}
