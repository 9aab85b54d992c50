package notary

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// stream is gentree.py's stream(): SHA-256 in counter mode from a seed, so
// the same bytes are made on any machine.
func stream(seed string, n int) []byte {
	out := make([]byte, 0, n+sha256.Size)
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256(fmt.Appendf(nil, "%s:%d", seed, i))
		out = append(out, sum[:]...)
	}
	return out[:n]
}

// writeTree makes files under dir from a map of slash paths to contents;
// a path ending in "/" is an empty directory, and a value beginning with
// "->" makes a symlink to the rest.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if p[len(p)-1] == '/' {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if len(data) >= 2 && data[:2] == "->" {
			if err := os.Symlink(data[2:], full); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// publicTree is gentree.py's "public" tree, whose Kubo CIDs are in
// testdata/kubo/kubo-cids.txt.
func publicTree(t testing.TB) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"empty.bin":             "",
		"one.bin":               "x",
		"chunk-plus-one.bin":    string(stream("p1", 262145)),
		"hello.txt":             "hello world\n",
		"tree/readme.md":        "# dataset\n",
		"tree/data/values.csv":  "id,value\n1,2\n3,4\n",
		"tree/data/données.csv": string(stream("u", 5000)),
		"tree/empty-dir/":       "",
	})
	return dir
}
