package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A byte flipped in a block file under blocks/ makes desci get fail with
// one line naming the block's CID, writing nothing; repo verify names it.
func TestGetRefusesChangedBlock(t *testing.T) {
	home := t.TempDir()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"values.csv": strings.Repeat("id,value\n1,2\n", 1000)})
	root := mustRun(t, home, "add", filepath.Join(src, "values.csv"))
	var blockFile string
	filepath.WalkDir(filepath.Join(home, "blocks"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && filepath.Ext(p) == ".data" {
			blockFile = p
		}
		return nil
	})
	b, err := os.ReadFile(blockFile)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x20
	os.WriteFile(blockFile, b, 0o644)

	out := filepath.Join(t.TempDir(), "out")
	r := run(t, home, "get", root, "-o", out)
	t.Logf("desci get: %s", r.stderr)
	if r.code != 1 || !strings.Contains(r.stderr, root) || !strings.Contains(r.stderr, "does not match its CID") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("get of a changed block: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Error("get wrote a file")
	}
	r = run(t, home, "repo", "verify")
	if r.code != 1 || !strings.Contains(r.stdout, "corrupt "+root) {
		t.Errorf("repo verify: exit %d, %q", r.code, r.stdout)
	}
}
