package notebooks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// More errors callers branch on.
var (
	ErrNoJupyter = errors.New("notebooks: jupyter nbconvert is not installed (scripts/install-notebook-deps.sh installs Debian's)")
	ErrNoKernel  = errors.New("notebooks: no such Jupyter kernel")
	ErrNotRun    = errors.New("notebooks: not a run manifest")
	ErrBadInput  = errors.New("notebooks: bad input or parameter")
	ErrLimit     = errors.New("notebooks: over a limit of the sandbox")
)

// DefaultPython is Debian's interpreter, where the Debian packages
// jupyter-nbconvert and python3-ipykernel live. It is named by path because
// the python3 first on PATH may be another one (pyenv, a venv) without them.
const DefaultPython = "/usr/bin/python3"

// DefaultKernel runs a notebook whose metadata names no kernel.
const DefaultKernel = "python3"

// Options say how notebooks are executed. The zero value runs Debian's
// jupyter with the notebook's own kernel.
type Options struct {
	// Python is the interpreter that runs python -m nbconvert; "" means
	// DefaultPython.
	Python string
	// Kernel replaces the kernel the notebook names; "" means the
	// notebook's kernelspec name, else DefaultKernel. It is recorded in the
	// run's environment.
	Kernel string
	// CellTimeout bounds each cell's execution; zero means 10 minutes.
	CellTimeout time.Duration
	// ScratchDir is where each execution gets a scratch directory; ""
	// means os.TempDir().
	ScratchDir string
	// Log, if set, is a file to which every run and reproduction appends
	// one JSON line, whether it succeeded or failed: the record of failed
	// runs, which are never notarized.
	Log string
	// KeepScratch leaves scratch directories in place for debugging; false
	// removes them.
	KeepScratch bool

	// UnsafeNoSandbox runs the kernel without the sandbox (doc/notebooks.md,
	// "Sandbox"): with the caller's user, file system and network, only
	// the environment cleared. False confines it, and refuses to run
	// (ErrNoSandbox) where that cannot be done.
	UnsafeNoSandbox bool
	// Timeout bounds the whole execution (wall time); zero means 1 hour.
	Timeout time.Duration
	// MemoryLimit bounds each process's address space, in bytes; zero
	// means DefaultMemoryLimit.
	MemoryLimit int64
	// MaxProcesses bounds the processes and threads in the sandbox; zero
	// means DefaultMaxProcesses.
	MaxProcesses int

	bwrap string // tests: bubblewrap's path; "" looks it up
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return time.Hour
	}
	return o.Timeout
}

func (o Options) memoryLimit() int64 {
	if o.MemoryLimit <= 0 {
		return DefaultMemoryLimit
	}
	return o.MemoryLimit
}

func (o Options) maxProcesses() int {
	if o.MaxProcesses <= 0 {
		return DefaultMaxProcesses
	}
	return o.MaxProcesses
}

func (o Options) python() string {
	if o.Python == "" {
		return DefaultPython
	}
	return o.Python
}

func (o Options) cellTimeout() time.Duration {
	if o.CellTimeout <= 0 {
		return 10 * time.Minute
	}
	return o.CellTimeout
}

// An InputError says which input could not be fetched.
type InputError struct {
	Name string
	CID  cid.Cid
	Err  error
}

func (e *InputError) Error() string {
	return fmt.Sprintf("notebooks: input %s (%s): %v", e.Name, e.CID, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// A CellError is a cell that raised, or ran out of time, during execution.
type CellError struct {
	Cell    int    // 1-based index among the notebook's cells; 0 if unknown
	Source  string // the cell's source, as nbconvert reported it
	Err     string // the exception, e.g. "ValueError: boom"; for a timeout, "after 10m0s"
	Timeout bool   // the cell ran longer than Options.CellTimeout
}

func (e *CellError) Error() string {
	where := "a cell"
	if e.Cell > 0 {
		where = fmt.Sprintf("cell %d", e.Cell)
	}
	if e.Timeout {
		return fmt.Sprintf("notebooks: %s timed out %s (Options.CellTimeout)", where, e.Err)
	}
	return fmt.Sprintf("notebooks: %s raised %s", where, e.Err)
}

// The names of inputs become file names under inputs/, and keys of the
// injected dictionaries.
var inputNameRe = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)

// Paths inside an execution's scratch directory.
const (
	workDir      = "work"             // the kernel's working directory
	inputsDir    = "inputs"           // under workDir: the inputs, read-only
	notebookName = ".desci-run.ipynb" // under workDir: the notebook with the injected cells
	resultDir    = "result"           // what a run publishes
	outDirName   = "out"              // where nbconvert writes the executed notebook and the environment cell its JSON
	executedName = "executed.ipynb"   // under resultDir
	filesDir     = "files"            // under resultDir: every file the run wrote
	injectedTag  = "desci-injected"
	envFile      = "environment.json"
)

// execution is one execution of a notebook in a scratch directory.
type execution struct {
	scratch  string
	lock     *os.File  // scratch, flocked while it is in use (sweepScratch)
	result   string    // scratch/result: executed.ipynb and files/
	executed *Notebook // the executed notebook, injected cells removed
	env      map[string]string
	started  time.Time
	finished time.Time
}

func (x *execution) close(o Options) {
	if x != nil && x.scratch != "" {
		releaseScratch(x.scratch, x.lock, o)
	}
}

// Scratch directories are named desci-run-*, and desci-kept-* once kept
// (Options.KeepScratch), so that sweepScratch leaves them.
const (
	scratchPrefix = "desci-run-"
	keptPrefix    = "desci-kept-"
)

// newScratch makes a scratch directory, locked for as long as it is used.
func newScratch(o Options) (string, *os.File, error) {
	dir, err := os.MkdirTemp(o.ScratchDir, scratchPrefix)
	if err != nil {
		return "", nil, fmt.Errorf("notebooks: scratch dir: %w", err)
	}
	lock, err := os.Open(dir)
	if err == nil {
		err = syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	}
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("notebooks: scratch dir: %w", err)
	}
	return dir, lock, nil
}

// releaseScratch removes a scratch directory, or keeps it under a name
// that says so.
func releaseScratch(dir string, lock *os.File, o Options) {
	if o.KeepScratch {
		os.Rename(dir, filepath.Join(filepath.Dir(dir), keptPrefix+strings.TrimPrefix(filepath.Base(dir), scratchPrefix)))
	} else {
		removeAll(dir)
	}
	if lock != nil {
		lock.Close()
	}
}

// sweepScratch removes the scratch directories, with their copies of
// inputs, that a desci killed outright (kill -9, a crash) left in dir:
// those no process holds locked. One made in the last minute is left, as
// its maker may not have locked it yet.
func sweepScratch(dir string) {
	if dir == "" {
		dir = os.TempDir()
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), scratchPrefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < time.Minute {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			removeAll(p)
		}
		f.Close()
	}
}

// removeAll removes a tree even where inputs were made read-only.
func removeAll(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	os.RemoveAll(dir)
}

// execute runs the notebook nbData on inputs from st with params.
func execute(ctx context.Context, st *notary.Store, nbData []byte, inputs map[string]cid.Cid, params map[string]string, o Options) (x *execution, err error) {
	nb, err := Parse(nbData)
	if err != nil {
		return nil, err
	}
	for name := range inputs {
		if !inputNameRe.MatchString(name) || name == "." || name == ".." {
			return nil, fmt.Errorf("%w: input name %q (letters, digits, _ . -; at most 64)", ErrBadInput, name)
		}
	}
	for k := range params {
		if k == "" {
			return nil, fmt.Errorf("%w: parameter without a name", ErrBadInput)
		}
	}
	sweepScratch(o.ScratchDir)
	nbconvert, err := nbconvertVersion(ctx, o)
	if err != nil {
		return nil, err
	}
	// The scratch directory, holding copies of the inputs, goes on every
	// error path (x is nil by then: the deferred func sees scratch).
	scratch, lock, err := newScratch(o)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			releaseScratch(scratch, lock, o)
		}
	}()
	x = &execution{scratch: scratch, lock: lock}
	work := filepath.Join(x.scratch, workDir)
	if err := os.MkdirAll(filepath.Join(work, inputsDir), 0o755); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(x.scratch, outDirName), 0o755); err != nil {
		return nil, err
	}
	paths := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		p := filepath.Join(work, inputsDir, name)
		if err := st.Get(ctx, inputs[name], p); err != nil {
			return nil, &InputError{name, inputs[name], err}
		}
		readOnly(p)
		paths[name] = inputsDir + "/" + name
	}
	if err := checkInputFormats(nbData, work, inputs); err != nil {
		return nil, err
	}
	readOnly(filepath.Join(work, inputsDir))
	// view is where the scratch directory is as the kernel sees it.
	view := x.scratch
	var sb *sandbox
	if !o.UnsafeNoSandbox {
		if sb, err = newSandbox(ctx, x.scratch, filepath.Join(work, inputsDir), o); err != nil {
			return nil, err
		}
		view = sandboxScratch
	}
	envPath := filepath.Join(x.scratch, outDirName, envFile)
	injected, err := inject(nbData, paths, params, view+"/"+outDirName+"/"+envFile)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(work, notebookName), injected, 0o644); err != nil {
		return nil, err
	}
	kernel := o.Kernel
	if kernel == "" {
		kernel = nb.Kernel
	}
	if kernel == "" {
		kernel = DefaultKernel
	}
	outDir := filepath.Join(x.scratch, outDirName)
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, o.timeout())
	defer cancel()
	argv := []string{o.python(), "-m", "nbconvert", "--execute", "--to", "notebook",
		"--output-dir", view + "/" + outDirName, "--output", executedName,
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", max(1, int(o.cellTimeout().Seconds()))),
		"--ExecutePreprocessor.kernel_name=" + kernel,
		notebookName}
	// The kernel gets nothing of the caller's environment. PYTHONHASHSEED
	// fixes the order of sets and dicts of str keys, which Python
	// otherwise randomizes per process: a notebook that prints a set
	// reproduces. The rest silences warnings that are not the notebook's.
	env := []string{"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONHASHSEED=0", "PYDEVD_DISABLE_FILE_VALIDATION=1",
		"JUPYTER_PLATFORM_DIRS=1", "PYTHONDONTWRITEBYTECODE=1", "MPLBACKEND=agg"}
	var (
		cmd       *exec.Cmd
		sandboxed string // recorded in the run's environment
	)
	if sb != nil {
		env = append(env, "HOME=/tmp", "USER=sandbox", "LOGNAME=sandbox", "TMPDIR=/tmp")
		cmd = sb.command(ctx, env, argv...)
		sandboxed = "bubblewrap"
	} else {
		home := filepath.Join(x.scratch, "home")
		if err := os.MkdirAll(home, 0o700); err != nil {
			return nil, err
		}
		env = append(env, "HOME="+home, "TMPDIR="+home)
		cmd = exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Dir = work
		cmd.Env = env
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		sandboxed = "none"
	}
	// The kernel writes to nbconvert's stderr as much as it likes: only
	// the end, where the errors are, is kept.
	stderr := &tailBuffer{max: 256 << 10}
	cmd.Stderr = stderr
	x.started = time.Now().UTC()
	runErr := cmd.Run()
	x.finished = time.Now().UTC()
	if runErr != nil {
		if ctx.Err() != nil {
			if parent.Err() == nil {
				return nil, fmt.Errorf("%w: the run took longer than %s (Options.Timeout, --timeout)", ErrLimit, o.timeout())
			}
			return nil, fmt.Errorf("notebooks: execution: %w", ctx.Err())
		}
		return nil, executionError(stderr.String(), kernel, o.cellTimeout(), nb)
	}
	// What the kernel wrote is read without following links: a notebook
	// could leave one to a file of the host.
	out, err := readRegular(filepath.Join(outDir, executedName), MaxNotebookSize)
	if err != nil {
		return nil, fmt.Errorf("notebooks: nbconvert wrote no executed notebook: %w", err)
	}
	out, err = strip(out)
	if err != nil {
		return nil, err
	}
	if x.executed, err = Parse(out); err != nil {
		return nil, fmt.Errorf("notebooks: executed notebook: %w", err)
	}
	want, _, _ := nb.Method()
	if got, _, _ := x.executed.Method(); !got.Equals(want) {
		return nil, fmt.Errorf("notebooks: the executed notebook's method %s is not the method run (%s)", got, want)
	}
	x.result = filepath.Join(x.scratch, resultDir)
	if err := os.MkdirAll(x.result, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(x.result, executedName), out, 0o644); err != nil {
		return nil, err
	}
	if err := collectFiles(work, filepath.Join(x.result, filesDir)); err != nil {
		return nil, err
	}
	x.env, err = readEnvironment(envPath)
	if err != nil {
		return nil, err
	}
	x.env["sandbox"] = sandboxed
	x.env["kernel"] = kernel
	x.env["language"] = x.executed.Language
	x.env["nbconvert"] = nbconvert
	return x, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	b   []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	if over := len(t.b) + len(p) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	t.b = append(t.b, p...)
	return n, nil
}

func (t *tailBuffer) String() string { return string(t.b) }

func readOnly(p string) {
	filepath.WalkDir(p, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			os.Chmod(p, 0o444)
		}
		return nil
	})
	os.Chmod(p, 0o555)
}

// nbconvertVersions caches nbconvertVersion by interpreter: asking
// costs half a second of Python imports.
var nbconvertVersions sync.Map

// nbconvertVersion checks that jupyter nbconvert runs, and says which.
func nbconvertVersion(ctx context.Context, o Options) (string, error) {
	py := o.python()
	if v, ok := nbconvertVersions.Load(py); ok {
		return v.(string), nil
	}
	cmd := exec.CommandContext(ctx, py, "-m", "nbconvert", "--version")
	cmd.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"}
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("%w: %s -m nbconvert: %s", ErrNoJupyter, py, lastLine(string(ee.Stderr)))
		}
		return "", fmt.Errorf("%w: %v", ErrNoJupyter, err)
	}
	v := strings.TrimSpace(string(out))
	nbconvertVersions.Store(py, v)
	return v, nil
}

// executionError turns nbconvert's stderr into the error that says what
// went wrong: a kernel that is not installed, or a cell that raised.
func executionError(stderr, kernel string, timeout time.Duration, nb *Notebook) error {
	stderr = ansiRe.ReplaceAllString(stderr, "")
	switch {
	case strings.Contains(stderr, "NoSuchKernel"):
		return fmt.Errorf("%w: %q is not installed for %s (jupyter kernelspec list shows what is)", ErrNoKernel, kernel, "nbconvert")
	case strings.Contains(stderr, "CellExecutionError"), strings.Contains(stderr, "CellTimeoutError"):
		ce := &CellError{Err: exceptionLine(stderr)}
		if strings.Contains(stderr, "CellTimeoutError") {
			ce.Timeout, ce.Err = true, fmt.Sprintf("after %s", timeout)
		}
		// nbconvert prints the cell between rules of dashes (a preview, the
		// first lines, for a timeout).
		if m := ruledRe.FindStringSubmatch(stderr); m != nil {
			ce.Source = m[1]
		}
		ce.Cell = findCell(nb, ce.Source)
		return ce
	}
	return fmt.Errorf("notebooks: nbconvert failed: %s", exceptionLine(stderr))
}

var exceptionRe = regexp.MustCompile(`^[A-Za-z_][\w.]*(Error|Exception|Kernel)\b`)

// exceptionLine is the last line of a Python traceback that names an
// exception, else the last line.
func exceptionLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); exceptionRe.MatchString(l) {
			return l
		}
	}
	return lastLine(s)
}

var ruledRe = regexp.MustCompile(`(?m)^-{10,}\n((?s:.*?))\n-{10,}$`)

// findCell returns the 1-based index of the code cell whose source is src,
// else of the first that begins with it; 0 if none does.
func findCell(nb *Notebook, src string) int {
	src = strings.TrimSpace(src)
	if src == "" {
		return 0
	}
	for _, exact := range []bool{true, false} {
		for i, c := range nb.Cells {
			s := strings.TrimSpace(c.Source)
			if c.Type == CellCode && (s == src || !exact && strings.HasPrefix(s, src)) {
				return i + 1
			}
		}
	}
	return 0
}

var ansiRe = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// paramsCell and envCell are the injected cells (doc/notebooks.md). The
// environment cell records the interpreter and the versions of the
// distributions whose modules the notebook imported.
const (
	paramsCell = `# Injected by desci notebooks run; not part of the method.
inputs = {**globals().get("inputs", {}), **%s}
params = {**globals().get("params", {}), **%s}
import sys as _desci_sys
_desci_modules = set(_desci_sys.modules)
`
	envCell = `# Injected by desci notebooks run; not part of the method.
def _desci_environment(path, before):
    import json, platform, sys
    env = {"python": platform.python_version()}
    try:
        import importlib.metadata as md
        dists = md.packages_distributions()
        std = set(getattr(sys, "stdlib_module_names", ()))
        top = {m.split(".")[0] for m in set(sys.modules) - before}
        for m in sorted(top):
            if m in std or m.startswith("_"):
                continue
            for d in dists.get(m, []):
                try:
                    env[d] = md.version(d)
                except Exception:
                    pass
        env["ipykernel"] = md.version("ipykernel")
    except Exception:
        pass
    with open(path, "w") as f:
        json.dump(env, f)
_desci_environment(%s, _desci_modules)
`
)

// inject adds the parameters cell and the environment cell, last.
// The notebook is edited as generic JSON so that everything nbconvert
// reads (metadata, kernelspec) is kept as it was.
func inject(nbData []byte, inputs, params map[string]string, envPath string) ([]byte, error) {
	var nb map[string]any
	dec := json.NewDecoder(bytes.NewReader(nbData))
	dec.UseNumber()
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotNotebook, err)
	}
	cells, _ := nb["cells"].([]any)
	minor, _ := nb["nbformat_minor"].(json.Number)
	n, _ := minor.Int64()
	withIDs := n >= 5 // cell ids exist from nbformat 4.5 on, and are required there
	pyDict := func(m map[string]string) string {
		if m == nil {
			m = map[string]string{}
		}
		b, _ := canonicalJSON(m) // JSON strings are Python string literals
		return string(b)
	}
	envLit, _ := canonicalJSON(envPath)
	mk := func(id, src string) map[string]any {
		c := map[string]any{"cell_type": "code", "execution_count": nil, "metadata": map[string]any{"tags": []any{injectedTag}},
			"outputs": []any{}, "source": src}
		if withIDs {
			c["id"] = id
		}
		return c
	}
	// As papermill does, the parameters go after the cell tagged
	// parameters, whose defaults they override; else first.
	at := 0
	for i, c := range cells {
		if hasTag(c, "parameters") {
			at = i + 1
			break
		}
	}
	all := append([]any{}, cells[:at]...)
	all = append(all, mk("desci-parameters", fmt.Sprintf(paramsCell, pyDict(inputs), pyDict(params))))
	all = append(all, cells[at:]...)
	all = append(all, mk("desci-environment", fmt.Sprintf(envCell, envLit)))
	nb["cells"] = all
	return marshalNotebook(nb)
}

// strip removes the injected cells from the executed notebook, so that it
// has the method of the notebook that was run.
func strip(data []byte) ([]byte, error) {
	var nb map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("notebooks: executed notebook: %w", err)
	}
	cells, _ := nb["cells"].([]any)
	var kept []any
	for _, c := range cells {
		if !hasTag(c, injectedTag) {
			kept = append(kept, c)
		}
	}
	if len(cells)-len(kept) != 2 {
		return nil, fmt.Errorf("notebooks: the executed notebook has %d injected cells, not 2", len(cells)-len(kept))
	}
	if kept == nil {
		kept = []any{}
	}
	nb["cells"] = kept
	return marshalNotebook(nb)
}

// hasTag reports whether a cell (generic JSON) has the tag.
func hasTag(c any, tag string) bool {
	m, _ := c.(map[string]any)
	md, _ := m["metadata"].(map[string]any)
	tags, _ := md["tags"].([]any)
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// marshalNotebook writes JSON as Jupyter does: one-space indent, sorted
// keys, non-ASCII as it is.
func marshalNotebook(nb map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// collectFiles moves what the run wrote in work to dst: everything but
// the inputs, the injected notebook and Jupyter's checkpoints.
func collectFiles(work, dst string) error {
	ents, err := os.ReadDir(work)
	if err != nil {
		return err
	}
	for _, e := range ents {
		switch e.Name() {
		case inputsDir, notebookName, ".ipynb_checkpoints", "__pycache__":
			continue
		}
		if err := os.MkdirAll(dst, 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(work, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// readRegular reads a regular file the kernel wrote, refusing links,
// FIFOs and files over limit bytes.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("notebooks: %s is not a regular file", filepath.Base(path))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = fmt.Errorf("notebooks: %s is over %d bytes", filepath.Base(path), limit)
	}
	return b, err
}

func readEnvironment(path string) (map[string]string, error) {
	b, err := readRegular(path, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("notebooks: the environment cell wrote nothing: %w", err)
	}
	env := map[string]string{}
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("notebooks: environment: %w", err)
	}
	return env, nil
}
