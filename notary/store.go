package notary

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/ipld/merkledag"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	dssync "github.com/ipfs/go-datastore/sync"
	flatfs "github.com/ipfs/go-ds-flatfs"
	ipld "github.com/ipfs/go-ipld-format"
	"golang.org/x/sys/unix"

	"github.com/desci-platform/desci/notary/index"
)

// A Store is a data dir's content-addressed storage: blocks in a flatfs
// directory laid out as Kubo lays out its own, and an index of what is
// pinned and published.
type Store struct {
	dir    string
	blocks blockstore.Blockstore
	dag    ipld.DAGService
	index  *index.Index
}

// Open opens the store under dir, creating it if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("notary: open store: %w", err)
	}
	// Kubo's flatfs spec: next-to-last/2. Files are written to a temp name
	// and renamed, so a killed process never leaves a partial block; the
	// store syncs the file system once per operation instead of per block.
	fds, err := flatfs.CreateOrOpen(filepath.Join(dir, "blocks"), flatfs.NextToLast(2), false)
	if err != nil {
		return nil, fmt.Errorf("notary: open blockstore: %w", err)
	}
	ix, err := index.Open(filepath.Join(dir, "index.db"))
	if err != nil {
		fds.Close()
		return nil, err
	}
	return newStore(dir, blockstore.NewBlockstore(fds, blockstore.NoPrefix()), ix), nil
}

// NewMemBlockstore returns an in-memory blockstore, for tests and for work
// that must not touch the disk.
func NewMemBlockstore() blockstore.Blockstore {
	return blockstore.NewBlockstore(dssync.MutexWrap(ds.NewMapDatastore()), blockstore.NoPrefix())
}

func newStore(dir string, bs blockstore.Blockstore, ix *index.Index) *Store {
	return &Store{
		dir:    dir,
		blocks: bs,
		dag:    merkledag.NewDAGService(blockservice.New(bs, nil)),
		index:  ix,
	}
}

// Close closes the index and the blockstore.
func (s *Store) Close() error {
	err := s.index.Close()
	if c, ok := s.blocks.(interface{ Close() error }); ok {
		err = errors.Join(err, c.Close())
	}
	return err
}

// Blocks returns the blockstore.
func (s *Store) Blocks() blockstore.Blockstore { return s.blocks }

// Index returns the index.
func (s *Store) Index() *index.Index { return s.index }

// sync makes everything written so far durable: one syncfs for the whole
// operation costs what one fsync of a copy does, where an fsync per block
// would cost a disk flush each.
func (s *Store) sync() error {
	f, err := os.Open(filepath.Join(s.dir, "blocks"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("notary: sync store: %w", err)
	}
	return nil
}

// Add imports the path into the store, pins its root and returns what was
// imported. When Add returns, the blocks and the pin are on disk. Adding
// the same content again writes nothing new.
func (s *Store) Add(ctx context.Context, path string, opts ImportOptions) (*Imported, error) {
	w := s.startWriteback()
	res, err := Import(ctx, path, w.put, opts)
	w.stop()
	if err != nil {
		return nil, err
	}
	if err := s.sync(); err != nil {
		return nil, err
	}
	if err := s.index.AddPin(index.Pin{Root: res.Root, Profile: res.Profile, Size: res.Size, Added: time.Now().UTC()}); err != nil {
		return nil, err
	}
	return res, nil
}

// writeback overlaps the disk's work with the hashing: every
// writebackEvery bytes stored, it starts a syncfs in the background, so
// that the final sync only flushes the tail. Without it the kernel, with
// gigabytes of memory to spare, leaves the whole import dirty until the end
// and the flush is added to the hashing time rather than hidden behind it.
type writeback struct {
	s       *Store
	written atomic.Int64
	kick    chan struct{}
	done    chan struct{}
}

const writebackEvery = 64 << 20

func (s *Store) startWriteback() *writeback {
	w := &writeback{s: s, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for range w.kick {
			s.sync() // errors surface in the final, checked sync
		}
	}()
	return w
}

func (w *writeback) put(ctx context.Context, b blocks.Block) error {
	if err := w.s.blocks.Put(ctx, b); err != nil {
		return err
	}
	n := int64(len(b.RawData()))
	if total := w.written.Add(n); total/writebackEvery != (total-n)/writebackEvery {
		select {
		case w.kick <- struct{}{}:
		default: // a sync is already running; it will cover this too
		}
	}
	return nil
}

func (w *writeback) stop() {
	close(w.kick)
	<-w.done
}

// Has reports whether the block is stored.
func (s *Store) Has(ctx context.Context, c cid.Cid) (bool, error) {
	return s.blocks.Has(ctx, c)
}

// Block returns a stored block's bytes, or an error wrapping ErrNotFound.
func (s *Store) Block(ctx context.Context, c cid.Cid) ([]byte, error) {
	b, err := s.blocks.Get(ctx, c)
	if ipld.IsNotFound(err) {
		return nil, fmt.Errorf("%w: block %s is not in the store", ErrNotFound, c)
	}
	if err != nil {
		return nil, err
	}
	return b.RawData(), nil
}
