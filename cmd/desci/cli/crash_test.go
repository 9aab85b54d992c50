package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHelperProcess is desci itself when a test runs this binary with
// DESCI_TEST_HELPER=1 (under strace), and does nothing otherwise.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("DESCI_TEST_HELPER") != "1" {
		return
	}
	args := strings.Split(os.Getenv("DESCI_TEST_ARGS"), "\n")
	os.Exit(Main(args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// fsCalls are the system calls that change a data dir (or start to):
// each is a point where a kill must leave a working data dir.
var fsCalls = []string{"openat", "mkdirat", "renameat", "renameat2", "unlinkat", "write", "pwrite64",
	"fsync", "fdatasync", "ftruncate", "fallocate", "syncfs", "sync_file_range"}

func needStrace(t *testing.T) string {
	p, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("strace is not installed; scripts/test.sh installs it")
		}
		t.Skip("SKIPPED: strace is not installed (apt-get install strace); the crash tests need its fault injection")
	}
	if out, err := exec.Command(p, "-f", "-qq", "-o", "/dev/null", "-e", "trace=write", "-e", "inject=write:error=EIO:when=1000", "true").CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("strace cannot trace here (ptrace refused?): %v: %s", err, out)
		}
		t.Skipf("SKIPPED: strace cannot trace here (ptrace refused?): %v: %s", err, out)
	}
	return p
}

// runKilled runs desci under strace, which kills it with SIGKILL on
// entering the nth call of syscall sc made by any one thread (strace
// counts per thread). It reports whether the kill happened, or else the
// command's exit code.
func runKilled(t *testing.T, strace, sc string, n int, dataDir string, args ...string) (killed bool, code int, stderr string) {
	t.Helper()
	cmd := exec.Command(strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace="+sc,
		"-e", fmt.Sprintf("inject=%s:signal=KILL:when=%d", sc, n),
		os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "DESCI_TEST_HELPER=1",
		"DESCI_TEST_ARGS="+strings.Join(append([]string{"--data-dir", dataDir, "--lightkdf"}, args...), "\n"))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true, -1, errb.String()
		}
		return false, ee.ExitCode(), errb.String()
	}
	if err != nil {
		t.Fatalf("strace: %v: %s", err, errb.String())
	}
	return false, 0, errb.String()
}

// A kill at any file-system call of the first command on a new data dir
// (add, or notarize with only a key in it) leaves a data dir that works:
// the command run again succeeds, every block checks out, the content
// comes back byte-identical.
func TestKilledFirstCommand(t *testing.T) {
	strace := needStrace(t)
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,2\n", "README.md": "# study\n"})
	want := mustRun(t, t.TempDir(), "cid", src)
	keyed := t.TempDir()
	mustRun(t, keyed, "keys", "new")

	for _, tc := range []struct {
		name  string
		setup func(dir string)
		args  []string
	}{
		{"add", func(string) {}, []string{"add", src}},
		{"notarize", func(dir string) { copyTree(t, keyed, dir) }, []string{"notarize", src, "--kind", "dataset", "--title", "Study data"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kills := 0
			for _, sc := range fsCalls {
				for n := 1; ; n++ {
					dir := filepath.Join(t.TempDir(), "data")
					tc.setup(dir)
					killed, code, stderr := runKilled(t, strace, sc, n, dir, tc.args...)
					if !killed {
						if code != 0 {
							t.Fatalf("desci %s under strace (%s, not killed): exit %d: %s", tc.name, sc, code, stderr)
						}
						break // fewer than n such calls: every one was tried
					}
					kills++
					where := fmt.Sprintf("killed at %s #%d", sc, n)
					r := run(t, dir, tc.args...)
					if r.code != 0 {
						t.Fatalf("%s, then desci %s: exit %d: %s", where, tc.name, r.code, r.stderr)
					}
					if r := run(t, dir, "repo", "verify"); r.code != 0 {
						t.Fatalf("%s, then repo verify: exit %d: %s%s", where, r.code, r.stdout, r.stderr)
					}
					out := filepath.Join(t.TempDir(), "out")
					mustRun(t, dir, "get", strings.TrimSpace(r.stdout), "-o", out)
					if b, err := os.ReadFile(filepath.Join(out, "data/values.csv")); err != nil || string(b) != "id,value\n1,2\n" {
						t.Fatalf("%s: got back %q, %v", where, b, err)
					}
					if tc.name == "add" && strings.TrimSpace(r.stdout) != want {
						t.Fatalf("%s: add printed %q, want %s", where, r.stdout, want)
					}
				}
			}
			t.Logf("desci %s survived %d kills", tc.name, kills)
			if kills < 20 {
				t.Errorf("only %d kills: is strace injecting?", kills)
			}
		})
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), fi.Mode().Perm()|0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, fi.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}
