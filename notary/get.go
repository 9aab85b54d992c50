package notary

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ipfs/boxo/files"
	unixfile "github.com/ipfs/boxo/ipld/unixfs/file"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
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
	fn, err := unixfile.NewUnixfsFile(ctx, s.dag, nd)
	if err != nil {
		return fmt.Errorf("notary: get %s: %w", c, err)
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".desci-partial")
	os.RemoveAll(tmp)
	if err := writeNode(fn, tmp); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("notary: get %s: %w", c, err)
	}
	return os.Rename(tmp, out)
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

func writeNode(n files.Node, p string) error {
	switch n := n.(type) {
	case *files.Symlink:
		return os.Symlink(n.Target, p)
	case files.File:
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, n)
		return errors.Join(err, f.Close())
	case files.Directory:
		if err := os.Mkdir(p, 0o755); err != nil {
			return err
		}
		it := n.Entries()
		for it.Next() {
			name := it.Name()
			// A DAG from a stranger may name entries to escape the tree.
			if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
				return fmt.Errorf("unsafe entry name %q", name)
			}
			if err := writeNode(it.Node(), filepath.Join(p, name)); err != nil {
				return err
			}
		}
		return it.Err()
	default:
		return fmt.Errorf("unsupported node type %T", n)
	}
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
