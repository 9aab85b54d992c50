package notary

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	flatfs "github.com/ipfs/go-ds-flatfs"
)

// openBlocksDir opens the flatfs directory dir with Kubo's layout,
// creating it if needed. flatfs creates its layout file (SHARDING) and then
// writes it in two more steps, so a process killed in between leaves an
// empty or partial file that flatfs refuses forever after. Here the file is
// written to a temporary name and renamed into place, and a partial file
// left by such a kill (a prefix of the layout we write) is rewritten.
func openBlocksDir(dir string) (*flatfs.Datastore, error) {
	if err := ensureLayout(dir); err != nil {
		return nil, fmt.Errorf("notary: open blockstore: %w", err)
	}
	fds, err := flatfs.Open(dir, false)
	if err != nil {
		return nil, fmt.Errorf("notary: open blockstore: %w", err)
	}
	return fds, nil
}

func ensureLayout(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	want := blockShard.String() + "\n"
	path := filepath.Join(dir, flatfs.SHARDING_FN)
	got, err := os.ReadFile(path)
	switch {
	case err == nil && strings.TrimSpace(string(got)) == strings.TrimSpace(want):
		return nil
	case err == nil && !strings.HasPrefix(want, string(got)):
		return fmt.Errorf("%s names layout %q, not %q", path, strings.TrimSpace(string(got)), blockShard)
	case err == nil:
		// A prefix of ours: a write cut short. Blocks, if any, are laid
		// out as we lay them out, so the file is repaired.
	case errors.Is(err, fs.ErrNotExist):
		// Shard directories without a layout file are not ours to guess.
		if shard, err := anyShardDir(dir); err != nil {
			return err
		} else if shard != "" {
			return fmt.Errorf("%s has block directories (%s) but no %s file", dir, shard, flatfs.SHARDING_FN)
		}
	default:
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, flatfs.README_FN), []byte(flatfs.README_IPFS_DEF_SHARD), 0o444); err != nil {
		return err
	}
	return writeFileAtomic(path, []byte(want), 0o644)
}

// anyShardDir returns the name of a block directory under dir, if any:
// flatfs keeps blocks in subdirectories whose names do not start with a dot.
func anyShardDir(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			return e.Name(), nil
		}
	}
	return "", nil
}

// writeFileAtomic writes data to a fixed temporary name beside path
// (replacing what a killed writer left there), syncs it, renames it to
// path and syncs the directory: path holds either nothing or all of data.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
