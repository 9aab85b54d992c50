package notebooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
)

// hostileCell tries to learn or damage what a stranger's notebook must
// not reach, and writes what it managed to hostile.json, a file the run
// publishes, so the test reads exactly what the notebook learned.
const hostileCell = `import json, os, socket, glob
# The secret comes reversed, so that the parameters cell holding it is no leak.
secret, datadir, port = params["secret"][::-1], params["datadir"], int(params["port"])
got = {"env": dict(os.environ), "leaks": [], "opened": [], "wrote": [], "connected": [], "memory": ""}

def leak(where, text):
    if secret in text:
        got["leaks"].append(where)

leak("environ", json.dumps(dict(os.environ)))
# /proc of the parent and of every process the kernel can see
for p in ["/proc/%d" % os.getppid(), "/proc/1"] + glob.glob("/proc/[0-9]*"):
    for f in ("environ", "cmdline"):
        try:
            leak(p + "/" + f, open(p + "/" + f, "rb").read().decode("latin-1"))
        except OSError:
            pass
got["processes"] = len(glob.glob("/proc/[0-9]*"))
# the data dir, its keystore, home directories, the host's /tmp
for p in [datadir + "/keystore/key.json", datadir + "/config.yaml", "/root/.bash_history", "/etc/shadow", "/etc/passwd"]:
    try:
        leak(p, open(p).read())
        got["opened"].append(p)
    except OSError:
        pass
for top in ["/", "/tmp", "/home", "/root", "/var", "/etc", "/run", "/mnt", "/proc/1/root", "/proc/%d/root" % os.getppid()]:
    for root, dirs, files in os.walk(top):
        if root == top:
            dirs[:] = [d for d in dirs if d not in ("usr", "proc", "sys", "dev")]
        if root.count("/") - top.count("/") > 5:
            dirs[:] = []
        for f in files:
            try:
                leak(os.path.join(root, f), open(os.path.join(root, f), errors="replace").read(1 << 20))
            except OSError:
                pass
# writes outside the scratch dir, and over the inputs
for p in [datadir + "/planted", "/usr/planted", "/etc/planted", inputs["cohort"], "/scratch/../planted"]:
    try:
        with open(p, "a") as f:
            f.write("pwned")
        got["wrote"].append(p)
    except OSError:
        pass
try:
    os.chmod(inputs["cohort"], 0o666)
    got["wrote"].append("chmod " + inputs["cohort"])
except OSError:
    pass
# the network: the test's listener on the host, and the outside world
for host in [("127.0.0.1", port), ("1.1.1.1", 53), ("8.8.8.8", 443)]:
    try:
        socket.create_connection(host, timeout=3).close()
        got["connected"].append("%s:%d" % host)
    except OSError:
        pass
try:
    socket.getaddrinfo("example.com", 80)
    got["connected"].append("dns")
except OSError:
    pass
# memory
try:
    b = bytearray(16 << 30)
    got["memory"] = "allocated 16 GiB"
except MemoryError:
    got["memory"] = "refused"
with open("hostile.json", "w") as f:
    json.dump(got, f)
print("done")`

// TestSandboxHostile runs a notebook that tries to read the caller's
// environment and passphrase, /proc of its parent, the data dir and its
// keystore, to write outside its scratch dir and over its inputs, to
// reach the network and to take the memory: it learns and does nothing.
func TestSandboxHostile(t *testing.T) {
	needJupyter(t)
	const secret = "correct-horse-battery-staple-8c1d"
	t.Setenv("DESCI_PASSPHRASE", secret)
	t.Setenv("DESCI_DATA_DIR", "/somewhere/"+secret)
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	// A data dir that permissions alone would not protect.
	datadir := filepath.Join(dir, "data")
	os.MkdirAll(filepath.Join(datadir, "keystore"), 0o777)
	os.WriteFile(filepath.Join(datadir, "keystore", "key.json"), []byte(`{"crypto": "`+secret+`"}`), 0o644)
	os.WriteFile(filepath.Join(datadir, "config.yaml"), []byte("passphrase: "+secret+"\n"), 0o644)
	for d := dir; d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan struct{}, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			accepted <- struct{}{}
			c.Close()
		}
	}()
	cohort := addFile(t, st, "cohort.csv", "id,hba1c\n1,5.5\n")
	nbPath := notebook(t, dir, "hostile.ipynb", hostileCell)
	scratch := t.TempDir()
	port := ln.Addr().(*net.TCPAddr).Port
	res, err := Run(ctx, st, Request{Notebook: nbPath, Inputs: map[string]cid.Cid{"cohort": cohort},
		Params: map[string]string{"secret": reverse(secret), "datadir": datadir, "port": itoa(port)}}, Options{ScratchDir: scratch}, signer)
	if err != nil {
		t.Fatal(err)
	}
	noScratchLeft(t, scratch)
	var hostile string
	for _, f := range res.Manifest.Content.Files {
		if f.Path == "files/hostile.json" {
			b, err := st.ReadFile(ctx, f.CID, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			hostile = string(b)
		}
	}
	var got struct {
		Env       map[string]string
		Leaks     []string
		Opened    []string
		Wrote     []string
		Connected []string
		Memory    string
		Processes int
	}
	if err := json.Unmarshal([]byte(hostile), &got); err != nil {
		t.Fatalf("hostile.json: %v\n%s", err, hostile)
	}
	t.Logf("the notebook saw %d processes and this environment: %v", got.Processes, got.Env)
	for k := range got.Env {
		if strings.HasPrefix(k, "DESCI_") || !sandboxEnv[k] {
			t.Errorf("the kernel's environment has %s", k)
		}
	}
	if len(got.Leaks) > 0 {
		t.Errorf("the secret was read from %v", got.Leaks)
	}
	if len(got.Opened) > 0 {
		t.Errorf("the notebook opened %v", got.Opened)
	}
	if len(got.Wrote) > 0 {
		t.Errorf("the notebook wrote %v", got.Wrote)
	}
	if len(got.Connected) > 0 {
		t.Errorf("the notebook connected to %v", got.Connected)
	}
	select {
	case <-accepted:
		t.Error("the test's listener accepted a connection")
	default:
	}
	if got.Memory != "refused" {
		t.Errorf("memory: %s", got.Memory)
	}
	if _, err := os.Stat(filepath.Join(datadir, "planted")); err == nil {
		t.Error("the notebook planted a file in the data dir")
	}
	if strings.Contains(hostile, secret) {
		t.Error("the secret is in what the run published")
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// sandboxEnv is the whole environment the kernel may see (nbconvert and
// ipykernel add the JPY_ and MPL entries).
var sandboxEnv = map[string]bool{"PATH": true, "LANG": true, "PYTHONHASHSEED": true, "PYDEVD_DISABLE_FILE_VALIDATION": true,
	"JUPYTER_PLATFORM_DIRS": true, "PYTHONDONTWRITEBYTECODE": true, "MPLBACKEND": true, "HOME": true, "USER": true,
	"LOGNAME": true, "TMPDIR": true, "PYDEVD_USE_FRAME_EVAL": true, "JPY_PARENT_PID": true, "JPY_SESSION_NAME": true, "PYTHONUNBUFFERED": true,
	"CLICOLOR": true, "FORCE_COLOR": true, "TERM": true, "PAGER": true, "GIT_PAGER": true, "PWD": true, "LC_CTYPE": true}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestSandboxForkBomb: a notebook that forks without end is stopped by
// the process limit and the wall time; the run is refused and leaves
// nothing behind.
func TestSandboxForkBomb(t *testing.T) {
	needJupyter(t)
	t.Parallel()
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir, scratch := t.TempDir(), t.TempDir()
	counted := notebook(t, dir, "count.ipynb", `import os, time
pids, err = [], None
try:
    for i in range(5000):
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        pids.append(pid)
except OSError as e:
    err = e.errno
for p in pids:
    os.kill(p, 9)
    os.waitpid(p, 0)
with open("forks.txt", "w") as f:
    f.write("%d %s" % (len(pids), err))`)
	res, err := Run(ctx, st, Request{Notebook: counted}, Options{ScratchDir: scratch, MaxProcesses: 64}, signer)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Manifest.Content.Files {
		if f.Path == "files/forks.txt" {
			b, _ := st.ReadFile(ctx, f.CID, 100)
			var n, errno int
			if _, err := fmt.Sscan(string(b), &n, &errno); err != nil || n >= 64 || errno != int(syscall.EAGAIN) {
				t.Errorf("the notebook forked %q processes (limit 64)", b)
			}
		}
	}

	bomb := notebook(t, dir, "bomb.ipynb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass")
	_, err = Run(ctx, st, Request{Notebook: bomb}, Options{ScratchDir: scratch, CellTimeout: 5 * time.Second, Timeout: 20 * time.Second}, signer)
	var ce *CellError
	if !errors.Is(err, ErrLimit) && !errors.As(err, &ce) {
		t.Fatalf("fork bomb: %v", err)
	}
	t.Logf("fork bomb: %v", err)
	noScratchLeft(t, scratch)
}

// TestRunInterrupted: a run cancelled while its kernel runs, by its
// context or by SIGINT (as desci's commands are), leaves no copy of its
// inputs.
func TestRunInterrupted(t *testing.T) {
	needJupyter(t)
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	cohort := addFile(t, st, "cohort.csv", "id,hba1c\n1,5.5\n")
	nb := notebook(t, dir, "waits.ipynb", "import time\nopen('started', 'w').close()\ntime.sleep(600)")
	for _, how := range []string{"cancel", "SIGINT"} {
		t.Run(how, func(t *testing.T) {
			scratch := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			interrupt := cancel
			if how == "SIGINT" {
				var stop context.CancelFunc
				ctx, stop = signal.NotifyContext(ctx, os.Interrupt)
				defer stop()
				interrupt = func() { syscall.Kill(os.Getpid(), syscall.SIGINT) }
			}
			// Interrupt once the kernel runs the notebook.
			go func() {
				for ctx.Err() == nil {
					if m, _ := filepath.Glob(filepath.Join(scratch, "desci-run-*", workDir, "started")); len(m) > 0 {
						interrupt()
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
			}()
			_, err := Run(ctx, st, Request{Notebook: nb, Inputs: map[string]cid.Cid{"cohort": cohort}}, Options{ScratchDir: scratch}, signer)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v", err)
			}
			noScratchLeft(t, scratch)
		})
	}
}

// BenchmarkSandbox runs a one-cell notebook with and without the sandbox,
// alternately (the machine's load drifts), and reports both and their
// difference, the sandbox's cost, per run.
//
//	go test ./notebooks -run '^$' -bench Sandbox -benchtime 5x
func BenchmarkSandbox(b *testing.B) {
	needJupyter(b)
	ctx := context.Background()
	st := openStore(b)
	dir := b.TempDir()
	cohort := addFile(b, st, "cohort.csv", "id,hba1c\n1,5.5\n")
	data, err := os.ReadFile(notebook(b, dir, "one.ipynb", "print(open(inputs['cohort']).read())"))
	if err != nil {
		b.Fatal(err)
	}
	run := func(o Options) time.Duration {
		start := time.Now()
		x, err := execute(ctx, st, data, map[string]cid.Cid{"cohort": cohort}, nil, o)
		if err != nil {
			b.Fatal(err)
		}
		x.close(o)
		return time.Since(start)
	}
	sandboxed, unsafe := Options{}, Options{UnsafeNoSandbox: true}
	run(sandboxed) // the sandbox's probe and nbconvert's version, once per process
	b.ResetTimer()
	var with, without time.Duration
	for i := range b.N {
		if i%2 == 0 {
			with += run(sandboxed)
			without += run(unsafe)
		} else {
			without += run(unsafe)
			with += run(sandboxed)
		}
	}
	n := float64(b.N)
	b.ReportMetric(with.Seconds()/n, "s-sandboxed/run")
	b.ReportMetric(without.Seconds()/n, "s-unsafe/run")
	b.ReportMetric((with-without).Seconds()/n, "s-overhead/run")
}

// TestSandboxInterpreter: an interpreter outside /usr is shown with its
// Python prefix, and never with a wider directory.
func TestSandboxInterpreter(t *testing.T) {
	if _, err := os.Stat("/usr/bin/bwrap"); err != nil {
		needJupyter(t) // skips, or fails in CI
	}
	dir := t.TempDir()
	venv := filepath.Join(dir, "venv")
	if out, err := exec.Command(DefaultPython, "-m", "venv", "--without-pip", venv).CombinedOutput(); err != nil {
		t.Skipf("python3 -m venv: %v\n%s", err, out)
	}
	loose := filepath.Join(dir, "loose", "bin", "python3")
	os.MkdirAll(filepath.Dir(loose), 0o755)
	os.Symlink(DefaultPython, loose)
	for _, tc := range []struct {
		python string
		extra  []string
		err    string
	}{
		{DefaultPython, nil, ""},
		{"/bin/python3", nil, ""},
		{filepath.Join(venv, "bin", "python3"), []string{venv}, ""},
		{loose, nil, "is not a Python prefix"},
	} {
		t.Run(tc.python, func(t *testing.T) {
			scratch := t.TempDir()
			in := filepath.Join(scratch, workDir, inputsDir)
			os.MkdirAll(in, 0o755)
			os.MkdirAll(filepath.Join(scratch, outDirName), 0o755)
			s, err := newSandbox(context.Background(), scratch, in, Options{Python: tc.python})
			if tc.err != "" {
				if !errors.Is(err, ErrNoSandbox) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want ErrNoSandbox saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.extra, tc.extra) {
				t.Errorf("shown %v, want %v", s.extra, tc.extra)
			}
		})
	}
}

// TestSandboxOutputLinks: what the run publishes is read outside the
// sandbox, so a notebook leaves links to the host's files where desci
// reads (the environment file, the executed notebook) and among the files
// it wrote, and tries to swap its directories for links: desci follows
// none of them.
func TestSandboxOutputLinks(t *testing.T) {
	needJupyter(t)
	t.Parallel()
	const secret = "the-stewards-secret-5d2a"
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	// A flat JSON object of strings: read as the environment, it would be
	// published in the run.
	hostFile := filepath.Join(dir, "secret.json")
	os.WriteFile(hostFile, []byte(`{"python": "`+secret+`"}`), 0o644)
	target, _ := json.Marshal(hostFile)
	cells := map[string]string{
		"links among the files written": `import os
os.symlink(` + string(target) + `, "leak.json")
os.symlink("/scratch/out/environment.json", "env-link")
print("ok")`,
		"the environment file a link": `import os
os.makedirs("/scratch/out", exist_ok=True)
os.symlink(` + string(target) + `, "/scratch/out/environment.json")
# so that the environment cell, run last, writes nowhere and succeeds
import builtins, io
builtins.open = lambda *a, **k: io.StringIO()`,
		"work and out swapped for links": `import os
for d in ("/scratch/out", "/scratch/work"):
    for how in (lambda: os.rename(d, d + ".old"), lambda: os.rmdir(d)):
        try:
            how()
        except OSError:
            pass
try:
    os.symlink(` + string(filepath.Dir(hostFile)) + `, "/scratch/result")
except OSError:
    pass`,
	}
	for name, cell := range cells {
		t.Run(name, func(t *testing.T) {
			scratch := t.TempDir()
			res, err := Run(ctx, st, Request{Notebook: notebook(t, t.TempDir(), "links.ipynb", cell)}, Options{ScratchDir: scratch}, signer)
			noScratchLeft(t, scratch)
			if err != nil {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("the error names the secret: %v", err)
				}
				return // refused: nothing published
			}
			var buf strings.Builder
			json.NewEncoder(&buf).Encode(res.Manifest.JSON(res.CID))
			for _, f := range res.Manifest.Content.Files {
				if b, err := st.ReadFile(ctx, f.CID, 1<<20); err == nil {
					buf.Write(b)
				}
			}
			if strings.Contains(buf.String(), secret) {
				t.Fatalf("the run published the host's file")
			}
		})
	}
}

// BenchmarkSandboxStart is the sandbox's own cost, without Jupyter's
// noise: an empty Python program in the sandbox and outside, alternately.
func BenchmarkSandboxStart(b *testing.B) {
	if _, err := os.Stat("/usr/bin/bwrap"); err != nil {
		needJupyter(b)
	}
	ctx := context.Background()
	scratch := b.TempDir()
	in := filepath.Join(scratch, workDir, inputsDir)
	os.MkdirAll(in, 0o755)
	os.MkdirAll(filepath.Join(scratch, outDirName), 0o755)
	s, err := newSandbox(ctx, scratch, in, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var with, without time.Duration
	for range b.N {
		start := time.Now()
		if out, err := s.command(ctx, nil, DefaultPython, "-c", "pass").CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		with += time.Since(start)
		start = time.Now()
		if err := exec.Command(DefaultPython, "-c", "pass").Run(); err != nil {
			b.Fatal(err)
		}
		without += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(with.Seconds()/n, "s-sandboxed/run")
	b.ReportMetric(without.Seconds()/n, "s-plain/run")
	b.ReportMetric((with-without).Seconds()/n, "s-overhead/run")
}
