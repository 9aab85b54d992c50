package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	blocks "github.com/ipfs/go-block-format"

	"github.com/desci-platform/desci/notary"
)

// pseudo is n deterministic bytes.
func pseudo(seed string, n int) []byte {
	out := make([]byte, 0, n+32)
	for i := 0; len(out) < n; i++ {
		s := sha256.Sum256([]byte(fmt.Sprintf("%s:%d", seed, i)))
		out = append(out, s[:]...)
	}
	return out[:n]
}

func writeTree(t *testing.T, root string, files map[string][]byte, dirs ...string) string {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range dirs {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	return root
}

// wide is a directory of n entries named with width-byte names: around
// n*width ≈ 256 KiB it becomes a HAMT, by link bytes (kubo-cidv1) or by
// block bytes (unixfs-v1-2025), so sizes on both sides of each estimate
// are tested.
func wide(t *testing.T, root string, n, width int) string {
	files := map[string][]byte{}
	for i := range n {
		name := fmt.Sprintf("%0*d", width, i)
		files[name] = []byte{byte(i)}
	}
	return writeTree(t, root, files)
}

// TestUnixFSParity: the importer the verify page runs in the browser
// (web/src/verify/unixfs.js, ipfs-unixfs-importer) gives the CIDs our Go
// importer gives, for both profiles, on trees made to reach every branch:
// single chunks and their edges, multi-level files, Unicode and hidden
// names, empty files and directories, and directories on both sides of
// the HAMT threshold by either estimate. (The Go importer is checked
// against Kubo itself by notary's TestDifferentialKubo.)
func TestUnixFSParity(t *testing.T) {
	node, err := exec.LookPath("node")
	need(t, "node", err == nil)
	_, err = os.Stat("../node_modules/ipfs-unixfs-importer")
	need(t, "web/node_modules (scripts/build-web.sh installs it)", err == nil)
	base := t.TempDir()
	trees := map[string]string{
		"empty file":    writeTree(t, filepath.Join(base, "e"), map[string][]byte{"empty.bin": {}}) + "/empty.bin",
		"one byte":      writeTree(t, filepath.Join(base, "o"), map[string][]byte{"one.bin": []byte("x")}) + "/one.bin",
		"256 KiB":       writeTree(t, filepath.Join(base, "c1"), map[string][]byte{"c.bin": pseudo("c1", 256<<10)}) + "/c.bin",
		"256 KiB + 1":   writeTree(t, filepath.Join(base, "c2"), map[string][]byte{"c.bin": pseudo("c2", 256<<10+1)}) + "/c.bin",
		"1 MiB + 1":     writeTree(t, filepath.Join(base, "c3"), map[string][]byte{"c.bin": pseudo("c3", 1<<20+1)}) + "/c.bin",
		"two levels":    writeTree(t, filepath.Join(base, "big"), map[string][]byte{"big.bin": pseudo("big", 175*(256<<10)+7)}) + "/big.bin",
		"mixed tree":    writeTree(t, filepath.Join(base, "tree"), map[string][]byte{"readme.md": []byte("# dataset\n"), "data/values.csv": []byte("id,value\n1,2\n"), "data/donnÉes-😀.csv": pseudo("u", 5000), "data/deep/a/b/c.txt": []byte("c"), "data/empty.txt": {}, ".hidden/secret": []byte("s"), "data/.env": []byte("e")}, "empty-dir", "data/also-empty"),
		"wide 1000x20":  wide(t, filepath.Join(base, "w1"), 1000, 20),
		"wide 1760x100": wide(t, filepath.Join(base, "w2"), 1760, 100),
		"wide 1790x100": wide(t, filepath.Join(base, "w3"), 1790, 100),
		"wide 1920x100": wide(t, filepath.Join(base, "w4"), 1920, 100),
		"wide 1935x100": wide(t, filepath.Join(base, "w5"), 1935, 100),
		"wide 6000x12":  wide(t, filepath.Join(base, "w6"), 6000, 12),
	}
	discard := func(context.Context, blocks.Block) error { return nil }
	for _, profile := range notary.ProfileNames() {
		t.Run(profile, func(t *testing.T) {
			var paths []string
			want := map[string]string{}
			for name, p := range trees {
				res, err := notary.Import(context.Background(), p, discard, notary.ImportOptions{Profile: profile, Hidden: true})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				paths = append(paths, p)
				want[p] = res.Root.String()
			}
			cmd := exec.Command(node, append([]string{"unixfs-parity.mjs", "--json", profile}, paths...)...)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, out)
			}
			got := map[string]string{}
			sc := bufio.NewScanner(bytes.NewReader(out))
			for sc.Scan() {
				var l struct{ Path, CID string }
				json.Unmarshal(sc.Bytes(), &l)
				got[l.Path] = l.CID
			}
			for name, p := range trees {
				if got[p] != want[p] {
					t.Errorf("%s: the browser's importer gives %s, desci's %s", name, got[p], want[p])
				}
			}
			if t.Failed() {
				t.Logf("node said:\n%s", strings.TrimSpace(string(out)))
			}
		})
	}
}
