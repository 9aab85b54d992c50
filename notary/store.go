package notary

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/datastore/dshelp"
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
	dir string
	// blocks checks every block it returns against its CID; raw is the
	// same store without the check, for Verify, which hashes itself.
	blocks blockstore.Blockstore
	raw    blockstore.Blockstore
	dag    ipld.DAGService
	index  *index.Index
	// ds is the flatfs datastore under blocks, closed with the store: its
	// goroutine keeps writing the disk usage file until then.
	ds interface{ Close() error }
	// shared: the blocks are not in dir (Options.Blocks); the store that
	// keeps them makes them durable before it answers.
	shared bool
}

// blockShard is Kubo's flatfs sharding.
var blockShard = flatfs.NextToLast(2)

// Open opens the store under dir, creating it if needed.
func Open(dir string) (*Store, error) { return OpenWith(dir, Options{}) }

// Options configure a store. The zero value keeps everything in dir.
type Options struct {
	// Blocks keeps the blocks elsewhere than dir's flatfs directory: a
	// store several replicas share, such as a Kubo node's
	// (notary/kubo.Blockstore). Every block read from it is checked
	// against its CID. Nil means DIR/blocks.
	Blocks blockstore.Blockstore
}

// OpenWith opens the store under dir with opts, creating it if needed.
func OpenWith(dir string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("notary: open store: %w", err)
	}
	if opts.Blocks != nil {
		ix, err := index.Open(filepath.Join(dir, "index.db"))
		if err != nil {
			return nil, err
		}
		s := newStore(dir, opts.Blocks, ix)
		s.shared = true
		return s, nil
	}
	// Kubo's flatfs spec: next-to-last/2. Files (the layout file too) are
	// written to a temp name and renamed, so a killed process never leaves
	// a partial one; the store syncs the file system once per operation
	// instead of per block.
	fds, err := openBlocksDir(filepath.Join(dir, "blocks"))
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(filepath.Join(dir, "index.db"))
	if err != nil {
		fds.Close()
		return nil, err
	}
	s := newStore(dir, blockstore.NewBlockstore(fds, blockstore.NoPrefix()), ix)
	s.ds = fds
	return s, nil
}

// NewMemBlockstore returns an in-memory blockstore, for tests and for work
// that must not touch the disk.
func NewMemBlockstore() blockstore.Blockstore {
	return blockstore.NewBlockstore(dssync.MutexWrap(ds.NewMapDatastore()), blockstore.NoPrefix())
}

func newStore(dir string, bs blockstore.Blockstore, ix *index.Index) *Store {
	checked := checkedBlockstore{bs}
	return &Store{
		dir:    dir,
		blocks: checked,
		raw:    bs,
		dag:    dagService{merkledag.NewDAGService(blockservice.New(checked, nil))},
		index:  ix,
	}
}

// Close closes the index and the blockstore.
func (s *Store) Close() error {
	err := s.index.Close()
	if c, ok := s.raw.(interface{ Close() error }); ok {
		err = errors.Join(err, c.Close())
	}
	if s.ds != nil {
		err = errors.Join(err, s.ds.Close())
	}
	return err
}

// Blocks returns the blockstore; every block it returns has been checked
// against its CID.
func (s *Store) Blocks() blockstore.Blockstore { return s.blocks }

// Index returns the index.
func (s *Store) Index() *index.Index { return s.index }

// sync makes everything written so far durable: one syncfs for the whole
// operation costs what one fsync of a copy does, where an fsync per block
// would cost a disk flush each.
func (s *Store) sync() error {
	if s.shared {
		return nil
	}
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
	res, err := Import(ctx, path, s.putWriting, opts)
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

// putWriting stores a block and starts the disk writing each block as soon as it is stored
// (sync_file_range, asynchronous), so the disk works while the next blocks
// are hashed. Without it the kernel, with gigabytes of memory to spare,
// leaves the whole import dirty until the final sync, and the flush is
// added to the hashing time instead of hidden behind it.
func (s *Store) putWriting(ctx context.Context, b blocks.Block) error {
	if err := s.blocks.Put(ctx, b); err != nil {
		return err
	}
	if s.shared {
		return nil
	}
	if f, err := os.Open(s.blockPath(b.Cid())); err == nil {
		// Only a hint: the final syncfs is what makes the block durable.
		unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
		f.Close()
	}
	return nil
}

// blockPath is where flatfs keeps the block: blocks/<shard>/<key>.data.
func (s *Store) blockPath(c cid.Cid) string {
	key := dshelp.MultihashToDsKey(c.Hash()).String()[1:]
	return filepath.Join(s.dir, "blocks", blockShard.Func()(key), key+".data")
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
