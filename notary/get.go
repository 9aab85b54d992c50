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

// getWindow is how many raw leaves a get reads and hashes ahead of the
// one it writes: a few MiB with either profile's chunks.
const getWindow = 8

// maxPooledLeaf is the largest leaf read into a reused buffer; larger
// ones (no importer of ours makes them) are read as flatfs does.
const maxPooledLeaf = 4 << 20

// A leaf is one piece of a file on its way out: a raw leaf read and
// hashed by a worker, or bytes already checked.
type leaf struct {
	c    cid.Cid // the raw leaf to read; Undef if data is set
	data []byte
	buf  []byte // reused for the next leaf this slot carries
	err  error
	done chan struct{}
}

// writeFile writes the UnixFS file nd to w. Raw leaves are read and
// hashed against their CIDs by a worker per core, a few leaves ahead
// of the writer, so hashing every block costs the writer little time;
// each leaf is written only after its hash matched. Internal nodes come
// through the checked DAG service. Memory stays within getWindow leaves.
func (s *Store) writeFile(ctx context.Context, nd ipld.Node, w io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free := make(chan *leaf, getWindow)
	for range getWindow {
		free <- &leaf{}
	}
	order := make(chan *leaf, getWindow)
	jobs := make(chan *leaf, getWindow)
	var walkErr error
	go func() {
		defer close(order)
		defer close(jobs)
		emit := func(l *leaf) bool {
			select {
			case order <- l:
			case <-ctx.Done():
				return false
			}
			if l.c.Defined() {
				jobs <- l
			} else {
				close(l.done)
			}
			return true
		}
		next := func() *leaf {
			select {
			case l := <-free:
				l.done = make(chan struct{})
				l.c, l.data, l.err = cid.Undef, nil, nil
				return l
			case <-ctx.Done():
				return nil
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
				if len(nd.Links()) == 0 {
					data = fs.Data()
					break
				}
				for _, ln := range nd.Links() {
					if ln.Cid.Type() == cid.Raw {
						l := next()
						if l == nil {
							return ctx.Err()
						}
						l.c = ln.Cid
						if !emit(l) {
							return ctx.Err()
						}
						continue
					}
					child, err := s.dag.Get(ctx, ln.Cid)
					if err != nil {
						return s.notFound(ln.Cid, err)
					}
					if err := walk(child, depth+1); err != nil {
						return err
					}
				}
				return nil
			default:
				return fmt.Errorf("unsupported node type %T", nd)
			}
			if len(data) == 0 {
				return nil
			}
			l := next()
			if l == nil {
				return ctx.Err()
			}
			l.data = data
			if !emit(l) {
				return ctx.Err()
			}
			return nil
		}
		walkErr = walk(nd, 0)
	}()
	var wg sync.WaitGroup
	for range hashWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range jobs {
				if l.err = ctx.Err(); l.err == nil {
					l.data, l.buf, l.err = s.readLeaf(ctx, l.c, l.buf)
				}
				close(l.done)
			}
		}()
	}
	var err error
	for l := range order {
		<-l.done
		if err == nil {
			err = l.err
			if err == nil {
				_, err = w.Write(l.data)
			}
			if err != nil {
				cancel()
			}
		}
		free <- l
	}
	wg.Wait()
	// order is closed: the walk has ended and walkErr is set.
	if err == nil {
		err = walkErr
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
