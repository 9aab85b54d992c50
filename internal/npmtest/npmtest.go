// Package npmtest is what tests that check desci against JavaScript
// libraries need: node, and the npm packages pinned in tools/npm
// (installed by `npm ci --prefix tools/npm`, as scripts/test.sh does).
package npmtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Need returns the repository's root, where tools/npm is, once node and
// every one of modules (npm package names) are there. Without them the
// test is skipped with a loud note, except under CI, where it fails.
func Need(t testing.TB, modules ...string) string {
	t.Helper()
	skip := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") != "" {
			t.Fatalf(format, args...)
		}
		t.Skipf("SKIPPED, NOT TESTED against the JavaScript libraries: "+format, args...)
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range modules {
		if _, err := os.Stat(filepath.Join(root, "tools/npm/node_modules", m)); err != nil {
			skip("%s is not installed (%v): run npm ci --prefix tools/npm", m, err)
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		skip("node is not on PATH: install Node.js and run npm ci --prefix tools/npm")
	}
	return root
}

// repoRoot is the nearest directory above the working directory (a test's
// package) that holds go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", os.ErrNotExist
		}
		dir = up
	}
}
