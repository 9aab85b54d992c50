package notary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"filippo.io/age"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/index"
)

// AddSealed imports the regular file at path as sealed content: its
// plaintext DAG is computed but not stored, and an age encryption of its
// bytes to recipients is stored and pinned instead. The file is read
// once. It returns the plaintext import, whose root is what a manifest
// names and anchors, and the root of the ciphertext.
func (s *Store) AddSealed(ctx context.Context, path string, recipients []age.Recipient, opts ImportOptions) (*Imported, cid.Cid, error) {
	if len(recipients) == 0 {
		return nil, cid.Undef, errors.New("notary: seal: no recipients")
	}
	prof, err := LookupProfile(opts.Profile)
	if err != nil {
		return nil, cid.Undef, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, cid.Undef, fmt.Errorf("notary: seal: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, cid.Undef, fmt.Errorf("notary: seal: %s is not a regular file", path)
	}

	plainR, plainW := io.Pipe()
	sealedR, sealedW := io.Pipe()
	type result struct {
		root cid.Cid
		size uint64
		err  error
	}
	plainc, sealedc := make(chan result, 1), make(chan result, 1)
	go func() {
		root, size, err := ImportReader(ctx, plainR, nil, prof.Name, opts.Progress)
		plainR.CloseWithError(errors.Join(err, errImportDone))
		plainc <- result{root, size, err}
	}()
	go func() {
		root, size, err := ImportReader(ctx, sealedR, s.putWriting, prof.Name, nil)
		sealedR.CloseWithError(errors.Join(err, errImportDone))
		sealedc <- result{root, size, err}
	}()
	err = func() error {
		enc, err := age.Encrypt(sealedW, recipients...)
		if err != nil {
			return err
		}
		if _, err := io.Copy(io.MultiWriter(plainW, enc), f); err != nil {
			return err
		}
		return enc.Close()
	}()
	plainW.CloseWithError(err)
	sealedW.CloseWithError(err)
	plain, sealed := <-plainc, <-sealedc
	if err := errors.Join(plain.err, sealed.err); err != nil {
		return nil, cid.Undef, fmt.Errorf("notary: seal %s: %w", path, err)
	}
	if err != nil && !errors.Is(err, errImportDone) {
		return nil, cid.Undef, fmt.Errorf("notary: seal %s: %w", path, err)
	}
	if err := s.sync(); err != nil {
		return nil, cid.Undef, err
	}
	if err := s.index.AddPin(index.Pin{Root: sealed.root, Profile: prof.Name, Size: sealed.size, Added: time.Now().UTC()}); err != nil {
		return nil, cid.Undef, err
	}
	name := filepath.Base(path)
	return &Imported{Root: plain.root, Profile: prof.Name, Size: plain.size,
		Files: []File{{Path: name, CID: plain.root, Size: plain.size}}}, sealed.root, nil
}

// errImportDone ends a pipe's writer when its importer has stopped.
var errImportDone = errors.New("importer stopped")

// OpenSealed decrypts the sealed content of manifest c with one of ids
// and checks it against the manifest: the plaintext's CID must be the
// content root. It returns the plaintext for random access, and its size.
func (s *Store) OpenSealed(ctx context.Context, c cid.Cid, ids ...age.Identity) (io.ReaderAt, int64, error) {
	m, err := s.Manifest(ctx, c)
	if err != nil {
		return nil, 0, err
	}
	if m.Content == nil || !m.Content.Sealed.Defined() {
		return nil, 0, fmt.Errorf("notary: %s: content is not sealed", c)
	}
	nd, err := s.dag.Get(ctx, m.Content.Sealed)
	if err != nil {
		return nil, 0, s.notFound(m.Content.Sealed, err)
	}
	dr, err := uio.NewDagReader(ctx, nd, s.dag)
	if err != nil {
		return nil, 0, fmt.Errorf("notary: open sealed %s: %w", c, err)
	}
	plain, size, err := age.DecryptReaderAt(&dagReaderAt{r: dr}, int64(dr.Size()), ids...)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) {
			return nil, 0, fmt.Errorf("%w: %s", ErrNotRecipient, c)
		}
		return nil, 0, fmt.Errorf("notary: decrypt %s: %w", c, err)
	}
	root, _, err := ImportReader(ctx, io.NewSectionReader(plain, 0, size), nil, m.Content.Profile, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("notary: decrypt %s: %w", c, err)
	}
	if !root.Equals(m.Content.Root) {
		return nil, 0, fmt.Errorf("%w: decrypted content of %s is %s, the manifest names %s", ErrCorrupt, c, root, m.Content.Root)
	}
	return plain, size, nil
}

// dagReaderAt reads a UnixFS file at offsets, one read at a time.
type dagReaderAt struct {
	mu sync.Mutex
	r  uio.DagReader
}

func (d *dagReaderAt) ReadAt(p []byte, off int64) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.r.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(d.r, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}
