package main

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var desciBin string

// TestMain builds the real binary once: these tests kill it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "desci-e2e-")
	if err != nil {
		panic(err)
	}
	desciBin = filepath.Join(dir, "desci")
	if out, err := exec.Command("go", "build", "-o", desciBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func desci(t *testing.T, dataDir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(desciBin, append([]string{"--data-dir", dataDir}, args...)...)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), fmt.Errorf("%v: %s", err, ee.Stderr)
	}
	return strings.TrimSpace(string(out)), err
}

// writeRandom writes n pseudo-random bytes from seed.
func writeRandom(t *testing.T, p string, n int, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	buf := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			buf[i+j] = byte(v >> (8 * j))
		}
	}
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringAdd kills `desci add` with SIGKILL at random points and
// checks that the store never holds a corrupt block, and that a later add
// completes and gives the file back byte for byte.
func TestKillDuringAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	home := t.TempDir()
	src := t.TempDir()
	// Many small blocks (kubo-cidv1, 256 KiB) make many points to die at.
	for i := range 3 {
		writeRandom(t, filepath.Join(src, fmt.Sprintf("part%d.bin", i)), 24<<20, uint64(i+1))
	}
	rng := rand.New(rand.NewPCG(7, 7))
	killed := 0
	for i := range 12 {
		cmd := exec.Command(desciBin, "--data-dir", home, "add", "--profile", "kubo-cidv1", src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil {
			killed++
		}
		if out, err := desci(t, home, "repo", "verify"); err != nil {
			t.Fatalf("after kill %d: repo verify: %v\n%s", i, err, out)
		}
	}
	t.Logf("%d of 12 runs killed before they finished", killed)
	root, err := desci(t, home, "add", "--profile", "kubo-cidv1", src)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := desci(t, home, "repo", "verify"); err != nil {
		t.Fatalf("repo verify: %v\n%s", err, out)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := desci(t, home, "get", root, "-o", out); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		name := fmt.Sprintf("part%d.bin", i)
		a, _ := os.ReadFile(filepath.Join(src, name))
		b, _ := os.ReadFile(filepath.Join(out, name))
		if sha256.Sum256(a) != sha256.Sum256(b) {
			t.Errorf("%s differs after get", name)
		}
	}
}
