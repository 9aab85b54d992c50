package notary

import (
	"context"
	"fmt"
	"io"
	"sync"

	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
)

// A FileReader reads a UnixFS file of the store at any offset, without
// copying it out first: how an extract is served.
type FileReader struct {
	mu   sync.Mutex
	r    uio.DagReader
	size int64
}

// OpenFile opens the UnixFS file at c for random access.
func (s *Store) OpenFile(ctx context.Context, c cid.Cid) (*FileReader, error) {
	nd, err := s.dag.Get(ctx, c)
	if err != nil {
		return nil, s.notFound(c, err)
	}
	// Size is what readers are told and where reads stop: it must be
	// what the blocks hold.
	if _, err := s.checkSizes(ctx, c); err != nil {
		return nil, fmt.Errorf("notary: read %s: %w", c, err)
	}
	dr, err := uio.NewDagReader(ctx, nd, s.dag)
	if err != nil {
		return nil, fmt.Errorf("notary: read %s: %w", c, err)
	}
	return &FileReader{r: dr, size: int64(dr.Size())}, nil
}

// Size is the file's length in bytes.
func (f *FileReader) Size() int64 { return f.size }

// ReadAt implements io.ReaderAt; calls are serialized.
func (f *FileReader) ReadAt(p []byte, off int64) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if off >= f.size {
		return 0, io.EOF
	}
	if _, err := f.r.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(f.r, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// Close releases the reader.
func (f *FileReader) Close() error { return f.r.Close() }
