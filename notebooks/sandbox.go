package notebooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// ErrNoSandbox means the kernel could not be confined; nothing ran.
// Options.UnsafeNoSandbox runs it anyway, with the caller's privileges.
var ErrNoSandbox = errors.New("notebooks: cannot set up the sandbox for the kernel")

// Defaults of the sandbox's limits (Options).
const (
	DefaultMemoryLimit  = 4 << 30 // bytes of address space per process
	DefaultMaxProcesses = 256     // processes and threads in the sandbox
	maxFileSize         = 4 << 30 // the largest file the notebook may write
	tmpSize             = 256 << 20
	sandboxUID          = 1000 // the kernel's uid inside the sandbox, in a user namespace
)

// Where the scratch directory appears in the sandbox.
const sandboxScratch = "/scratch"

// Files under /etc the interpreter and the scientific stack need: shared
// library lookup (Debian's BLAS is chosen through /etc/alternatives), time
// zones, fonts, Debian's Python configuration. Nothing that names users,
// hosts or secrets.
var sandboxEtc = []string{"alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone",
	"fonts", "mime.types", "python3", "matplotlibrc"}

// sandbox runs one command confined by bubblewrap (doc/notebooks.md,
// "Sandbox"): new user, PID, network, IPC, UTS and cgroup namespaces; a
// file system of /usr and a few files of /etc read-only, a private /tmp,
// the scratch directory and the inputs read-only; an empty environment;
// rlimits on address space, processes and file size; no capabilities, no
// further user namespaces.
type sandbox struct {
	bwrap   string
	scratch string // on the host; its work/ and out/ are /scratch/work and /scratch/out inside
	inputs  string // on the host; read-only at /scratch/work/inputs
	extra   []string
	uid     int // the host uid bwrap runs as; -1: ours
	o       Options
}

// bwrapPath finds bubblewrap: on PATH, else where Debian installs it.
func bwrapPath(o Options) (string, error) {
	try := []string{"/usr/bin/bwrap"}
	if o.bwrap != "" {
		try = []string{o.bwrap}
	} else if p, err := exec.LookPath("bwrap"); err == nil {
		return p, nil
	}
	if _, err := os.Stat(try[0]); err == nil {
		return try[0], nil
	}
	return "", fmt.Errorf("%w: bubblewrap (bwrap) is not installed (scripts/install-notebook-deps.sh installs Debian's; --unsafe-no-sandbox runs the notebook with your privileges)", ErrNoSandbox)
}

// newSandbox prepares a sandbox over scratch, owned by the uid the kernel
// will run as.
func newSandbox(ctx context.Context, scratch, inputs string, o Options) (*sandbox, error) {
	bw, err := bwrapPath(o)
	if err != nil {
		return nil, err
	}
	s := &sandbox{bwrap: bw, scratch: scratch, inputs: inputs, uid: -1, o: o}
	if os.Geteuid() == 0 {
		s.uid = runUID()
	}
	// An interpreter outside /usr (a virtualenv, pyenv) is seen with its
	// prefix, read-only: a directory that holds a Python installation,
	// never / or a home directory. (A virtualenv's python is a link to one
	// under /usr: both are needed.)
	py, _ := filepath.Abs(o.python())
	resolved, _ := filepath.EvalSymlinks(py)
	for _, p := range []string{py, resolved} {
		if d := filepath.Dir(p); p == "" || strings.HasPrefix(p, "/usr/") || d == "/bin" || d == "/sbin" {
			continue // there in the sandbox, /bin and /sbin as the host's links into /usr
		}
		prefix := filepath.Dir(filepath.Dir(p))
		if !isPythonPrefix(prefix) {
			return nil, fmt.Errorf("%w: the interpreter %s is outside /usr, and %s is not a Python prefix (pyvenv.cfg or lib/python3.*) the sandbox could show it in", ErrNoSandbox, o.python(), prefix)
		}
		if !slices.Contains(s.extra, prefix) {
			s.extra = append(s.extra, prefix)
		}
	}
	if err := s.probe(ctx); err != nil {
		return nil, err
	}
	if err := s.own(); err != nil {
		return nil, fmt.Errorf("notebooks: scratch dir: %w", err)
	}
	return s, nil
}

// own gives the kernel's uid, when desci is root, what the kernel
// writes: work/ but its inputs, and out/. The scratch directory itself
// stays desci's, out of the kernel's sight, so that it cannot swap work/
// or out/ for links to the host's files.
func (s *sandbox) own() error {
	if s.uid < 0 {
		return nil
	}
	err := filepath.WalkDir(filepath.Join(s.scratch, workDir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == s.inputs {
			return filepath.SkipDir
		}
		return os.Lchown(p, s.uid, s.uid)
	})
	if err != nil {
		return err
	}
	return os.Lchown(filepath.Join(s.scratch, outDirName), s.uid, s.uid)
}

// runUID picks the uid a sandbox runs as when desci runs as root: one of
// its own, used by no account, as RLIMIT_NPROC counts every process of a
// uid (a fork bomb as nobody would starve every other nobody) and does
// not bind root at all. It is drawn from 2^30 + [0, 2^24) where the user
// namespace desci runs in maps those (a container may map only 65536),
// else from [100000, 165536), else [40000, 60000), else nobody.
func runUID() int {
	type span struct{ lo, n int }
	mapped := func(lo, n int) bool {
		for _, f := range []string{"/proc/self/uid_map", "/proc/self/gid_map"} {
			b, err := os.ReadFile(f)
			if err != nil {
				return false
			}
			ok := false
			for _, l := range strings.Split(string(b), "\n") {
				var in, out, cnt int
				if _, err := fmt.Sscan(l, &in, &out, &cnt); err == nil && in <= lo && lo+n <= in+cnt {
					ok = true
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	for _, sp := range []span{{1 << 30, 1 << 24}, {100000, 65536}, {40000, 20000}} {
		if mapped(sp.lo, sp.n) {
			return sp.lo + rand.IntN(sp.n)
		}
	}
	return 65534
}

// isPythonPrefix reports whether dir is a Python installation or
// virtualenv, and nothing wider.
func isPythonPrefix(dir string) bool {
	if dir == "/" || dir == "." {
		return false
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == dir {
		return false
	}
	if _, err := os.Stat(filepath.Join(dir, "pyvenv.cfg")); err == nil {
		return true
	}
	m, _ := filepath.Glob(filepath.Join(dir, "lib", "python3*"))
	return len(m) > 0
}

// probes caches that a sandbox can be set up, by bwrap, interpreter and uid.
var probes sync.Map

// probe checks once that bubblewrap can set up the sandbox here (user
// namespaces may be disabled), so that a failure is not taken for the
// notebook's.
func (s *sandbox) probe(ctx context.Context) error {
	key := fmt.Sprint(s.bwrap, "\x00", s.o.python(), "\x00", s.uid >= 0, s.extra)
	if _, ok := probes.Load(key); ok {
		return nil
	}
	dir, err := os.MkdirTemp(s.o.ScratchDir, "desci-probe-")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoSandbox, err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, workDir, inputsDir)
	os.MkdirAll(in, 0o755)
	os.MkdirAll(filepath.Join(dir, outDirName), 0o755)
	p := &sandbox{bwrap: s.bwrap, scratch: dir, inputs: in, extra: s.extra, uid: s.uid, o: s.o}
	if err := p.own(); err != nil {
		return fmt.Errorf("%w: %v", ErrNoSandbox, err)
	}
	cmd := p.command(ctx, nil, s.o.python(), "-c", "import json")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := lastLine(out.String())
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("%w: %s: %s (user namespaces may be disabled: sysctl kernel.unprivileged_userns_clone, user.max_user_namespaces; --unsafe-no-sandbox runs the notebook with your privileges)", ErrNoSandbox, s.bwrap, msg)
	}
	probes.Store(key, true)
	return nil
}

// rlimitScript runs in the sandbox before any of the notebook's code:
// when desci runs as root (argv[1] is a uid) it drops to that uid, as
// RLIMIT_NPROC and file permissions do not bind root; it sets the limits
// enters the working directory (the scratch dir is the kernel's alone, so
// root without capabilities cannot), sets the limits and becomes the
// command.
const rlimitScript = `import os, resource, sys
uid = int(sys.argv[1])
if uid >= 0:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() == 0 or os.geteuid() == 0:
        sys.exit("desci sandbox: still root")
os.chdir("%s")
os.environ["PWD"] = os.getcwd()
for r, v in ((resource.RLIMIT_AS, %d), (resource.RLIMIT_NPROC, %d), (resource.RLIMIT_FSIZE, %d), (resource.RLIMIT_CORE, 0)):
    resource.setrlimit(r, (v, v))
os.execve(sys.argv[2], sys.argv[2:], os.environ)
`

// command returns the command that runs argv in the sandbox, in
// /scratch/work, with env (NAME=VALUE) as its whole environment.
func (s *sandbox) command(ctx context.Context, env []string, argv ...string) *exec.Cmd {
	args := []string{"--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
		"--die-with-parent", "--new-session", "--hostname", "sandbox"}
	if s.uid >= 0 {
		// Root: no user namespace (it would map the kernel to root
		// outside); every capability dropped but the two that let the
		// script above become s.uid, and those go with the change.
		args = append(args, "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID")
	} else {
		args = append(args, "--unshare-user", "--disable-userns", "--uid", strconv.Itoa(sandboxUID), "--gid", strconv.Itoa(sandboxUID))
	}
	args = append(args, "--ro-bind", "/usr", "/usr")
	// Debian's merged /usr: /bin, /lib... are links into it.
	for _, d := range []string{"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"} {
		fi, err := os.Lstat(d)
		switch {
		case err != nil:
		case fi.Mode()&fs.ModeSymlink != 0:
			if t, err := os.Readlink(d); err == nil {
				args = append(args, "--symlink", t, d)
			}
		case fi.IsDir():
			args = append(args, "--ro-bind", d, d)
		}
	}
	// Directories bwrap makes are its user's alone unless told.
	args = append(args, "--perms", "0755", "--dir", "/etc")
	for _, e := range sandboxEtc {
		matches, _ := filepath.Glob(filepath.Join("/etc", e) + "*")
		for _, m := range matches {
			if b := filepath.Base(m); b == e || strings.HasPrefix(e, "python") && strings.HasPrefix(b, e) {
				args = append(args, "--ro-bind", m, m)
			}
		}
	}
	args = append(args,
		"--proc", "/proc", "--dev", "/dev",
		"--size", strconv.Itoa(tmpSize), "--perms", "01777", "--tmpfs", "/tmp")
	for _, d := range s.extra {
		// Its parents, made by bwrap, must let the kernel's uid through.
		var parents []string
		for p := filepath.Dir(d); p != "/" && p != "/tmp"; p = filepath.Dir(p) {
			parents = append(parents, p)
		}
		for _, p := range slices.Backward(parents) {
			args = append(args, "--perms", "0755", "--dir", p)
		}
		args = append(args, "--ro-bind", d, d)
	}
	args = append(args,
		// work/ and out/, not the scratch dir: mount points the kernel
		// cannot rename or replace.
		"--perms", "0755", "--dir", sandboxScratch,
		"--bind", filepath.Join(s.scratch, workDir), sandboxScratch+"/"+workDir,
		"--ro-bind", s.inputs, sandboxScratch+"/"+workDir+"/"+inputsDir,
		"--bind", filepath.Join(s.scratch, outDirName), sandboxScratch+"/"+outDirName,
		// The root bwrap built (and /etc in it) is the kernel's own in a
		// user namespace: read-only, so that the scratch dir and the
		// private /tmp are all it writes.
		"--remount-ro", "/",
		"--chdir", "/",
		"--clearenv")
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		args = append(args, "--setenv", k, v)
	}
	args = append(args, "--", s.o.python(), "-I", "-S", "-c", fmt.Sprintf(rlimitScript, sandboxScratch+"/"+workDir, s.o.memoryLimit(), s.o.maxProcesses(), maxFileSize), strconv.Itoa(s.uid))
	args = append(args, argv...)
	cmd := exec.CommandContext(ctx, s.bwrap, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd
}
