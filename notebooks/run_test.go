package notebooks

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// needJupyter skips a test when Debian's jupyter is missing, except in CI
// (CI=true), where the notebook tests must run.
func needJupyter(t testing.TB) {
	t.Helper()
	err := exec.Command(DefaultPython, "-m", "nbconvert", "--version").Run()
	if _, berr := os.Stat("/usr/bin/bwrap"); err == nil && berr != nil {
		err = fmt.Errorf("no bubblewrap for the sandbox: %w", berr)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("jupyter nbconvert or bubblewrap is missing (scripts/install-notebook-deps.sh): %v", err)
		}
		t.Skipf("jupyter nbconvert or bubblewrap is missing (scripts/install-notebook-deps.sh): %v", err)
	}
}

type testSigner struct{ key *ecdsa.PrivateKey }

func (s testSigner) Address() common.Address { return crypto.PubkeyToAddress(s.key.PublicKey) }
func (s testSigner) SignHash(h []byte) ([]byte, error) {
	return crypto.Sign(h, s.key)
}

func newSigner(t testing.TB) notary.Signer {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return testSigner{k}
}

func openStore(t testing.TB) *notary.Store {
	t.Helper()
	st, err := notary.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// notebook makes an nbformat 4.5 notebook of code cells ("md:" starts a
// markdown cell, "parameters:" a cell tagged parameters).
func notebook(t testing.TB, dir, name string, cells ...string) string {
	t.Helper()
	var cs []map[string]any
	for i, src := range cells {
		c := map[string]any{"cell_type": "code", "id": "c" + string(rune('a'+i)), "metadata": map[string]any{}, "source": src,
			"outputs": []any{}, "execution_count": nil}
		if p, ok := strings.CutPrefix(src, "parameters:"); ok {
			c["source"], c["metadata"] = p, map[string]any{"tags": []any{"parameters"}}
		}
		if md, ok := strings.CutPrefix(src, "md:"); ok {
			c = map[string]any{"cell_type": "markdown", "id": "m" + string(rune('a'+i)), "metadata": map[string]any{}, "source": md}
		}
		cs = append(cs, c)
	}
	nb := map[string]any{"cells": cs, "nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}}}
	b, _ := json.MarshalIndent(nb, "", " ")
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func addFile(t testing.TB, st *notary.Store, name, data string) cid.Cid {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	os.WriteFile(p, []byte(data), 0o644)
	res, err := st.Add(context.Background(), p, notary.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Root
}

func readLog(t testing.TB, path string) []logEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []logEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e logEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

const meanCell = `import csv
with open(inputs["cohort"]) as f:
    rows = list(csv.DictReader(f))
scale = float(params["scale"])
mean = sum(float(r["hba1c"]) for r in rows) / len(rows) * scale
with open("mean.csv", "w") as f:
    f.write("n,mean\n%d,%.6f\n" % (len(rows), mean))
print("mean", round(mean, 6))
{"n": len(rows)}`

// TestRunAndReproduce is the life of a run: run, reproduce, attest.
func TestRunAndReproduce(t *testing.T) {
	needJupyter(t)
	t.Parallel() // most of the time is Python starting: two at once use both cores
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	o := Options{Log: filepath.Join(dir, "runs.log")}
	cohort := addFile(t, st, "cohort.csv", "id,hba1c\n1,5.5\n2,6.5\n3,7.0\n")
	nbPath := notebook(t, dir, "mean.ipynb", "md:# Mean", `parameters:inputs = {"cohort": "cohort.csv"}
params = {"scale": "1"}`, meanCell)

	res, err := Run(ctx, st, Request{Notebook: nbPath, Inputs: map[string]cid.Cid{"cohort": cohort}, Params: map[string]string{"scale": "2"}}, o, signer)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest(ctx, res.CID)
	if err != nil {
		t.Fatal(err)
	}
	r := m.Run
	data, _ := os.ReadFile(nbPath)
	id, _ := Identify(data)
	if m.Kind != notary.KindRun || !r.Method.Equals(id.Method) || !r.Inputs["cohort"].Equals(cohort) || r.Params["scale"] != "2" {
		t.Fatalf("run manifest: %+v %+v", m, r)
	}
	for _, k := range []string{"kernel", "python", "nbconvert", "ipykernel", "language"} {
		if r.Environment[k] == "" {
			t.Errorf("environment has no %s: %v", k, r.Environment)
		}
	}
	if r.Started.After(m.Created) {
		t.Error("started after created")
	}
	files := map[string]cid.Cid{}
	for _, f := range m.Content.Files {
		files[f.Path] = f.CID
	}
	if !files["executed.ipynb"].Equals(r.Executed) || !files["files/mean.csv"].Defined() || len(files) != 2 {
		t.Fatalf("content files: %v", files)
	}
	mean, _ := st.ReadFile(ctx, files["files/mean.csv"], 1<<20)
	if string(mean) != "n,mean\n3,12.666667\n" {
		t.Errorf("mean.csv = %q", mean)
	}
	exe, _ := st.ReadFile(ctx, r.Executed, MaxNotebookSize)
	eid, err := Identify(exe)
	if err != nil || eid.Method != id.Method || eid.Outputs != r.Outputs {
		t.Fatalf("executed notebook: %v %v (method %s, outputs %s)", eid, err, id.Method, r.Outputs)
	}
	if strings.Contains(string(exe), "desci-injected") || strings.Contains(string(exe), dir) {
		t.Error("the executed notebook keeps an injected cell or a scratch path")
	}
	for _, c := range []cid.Cid{r.Method, r.Outputs} {
		if _, err := st.Block(ctx, c); err != nil {
			t.Errorf("block %s: %v", c, err)
		}
	}

	rep, err := Reproduce(ctx, st, res.CID, ReproduceOptions{}, o)
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	if !rep.Reproduced() || len(rep.Compared) != 3 {
		t.Fatalf("not reproduced: %+v", rep.Report())
	}
	att, err := Attest(ctx, st, rep, notary.Publication{}, signer)
	if err != nil {
		t.Fatal(err)
	}
	am, err := st.Manifest(ctx, att.CID)
	if err != nil {
		t.Fatal(err)
	}
	if am.Kind != notary.KindAttestation || !am.Attestation.Run.Equals(res.CID) || !am.Attestation.Reproduced || am.Title != "Reproduction of Run of mean.ipynb" {
		t.Fatalf("attestation: %+v %+v", am, am.Attestation)
	}
	report, err := st.Block(ctx, am.Attestation.Report)
	if err != nil || !strings.Contains(string(report), `"reproduced": true`) {
		t.Fatalf("report: %s %v", report, err)
	}
	log := readLog(t, o.Log)
	if len(log) != 3 || log[0].Status != "ok" || log[0].Manifest != res.CID.String() || log[1].Op != "reproduce" || log[2].Op != "attest" {
		t.Fatalf("log: %+v", log)
	}
}

// TestReproduceCatches runs notebooks that cannot reproduce: reproduce
// fails and names each output that differs.
func TestReproduceCatches(t *testing.T) {
	needJupyter(t)
	t.Parallel() // most of the time is Python starting: two at once use both cores
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	cases := []struct {
		name      string
		cells     []string
		tolerance float64
		differ    []string // outputs that must be named
		same      []string // outputs that must not be
	}{
		{"unseeded randomness and the current time", []string{
			"import random\nx = random.random()\nprint('x', x)\nopen('x.txt', 'w').write(str(x))",
			"md:then",
			"import datetime\ndatetime.datetime.now().isoformat()",
			"print('fixed')",
		}, 0, []string{"cell 1 output 1 (stdout)", "file x.txt", "cell 3 output 1 (execute_result) text/plain"}, []string{"cell 4"}},
		{"noise below and above the tolerance", []string{
			"import random\ny = 0.5 + random.random() * 1e-12\nprint('y = %.15f' % y)\nopen('y.csv', 'w').write('k,y\\na,%.15f\\n' % y)",
			"print('z = %.6f' % (0.5 + random.random()))",
		}, 1e-9, []string{"cell 2 output 1 (stdout)"}, []string{"cell 1", "file y.csv"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := notebook(t, dir, strings.ReplaceAll(tc.name, " ", "-")+".ipynb", tc.cells...)
			res, err := Run(ctx, st, Request{Notebook: p}, Options{}, signer)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Reproduce(ctx, st, res.CID, ReproduceOptions{Tolerance: tc.tolerance}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer rep.Close()
			if rep.Reproduced() {
				t.Fatal("reproduced")
			}
			named := map[string]bool{}
			for _, d := range rep.Differences {
				named[d.Output] = true
			}
			for _, o := range tc.differ {
				if !named[o] {
					t.Errorf("%q not named among the differences %+v", o, rep.Differences)
				}
			}
			for _, d := range rep.Differences {
				for _, o := range tc.same {
					if d.Output == o || strings.HasPrefix(d.Output, o+" ") {
						t.Errorf("%s named, though it reproduced: %+v", o, d)
					}
				}
			}
			att, err := Attest(ctx, st, rep, notary.Publication{}, signer)
			if err != nil {
				t.Fatal(err)
			}
			if att.Manifest.Attestation.Reproduced || att.Manifest.Attestation.Tolerance != toleranceString(tc.tolerance) {
				t.Errorf("attestation %+v", att.Manifest.Attestation)
			}
		})
	}
}

// TestRunErrors is the bad-input list: clear errors, nothing notarized, the
// failure in the log.
func TestRunErrors(t *testing.T) {
	needJupyter(t)
	t.Parallel() // most of the time is Python starting: two at once use both cores
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	good := notebook(t, dir, "good.ipynb", "print(1)")
	writeRaw := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	julia := writeRaw("julia.ipynb", `{"cells": [{"cell_type": "code", "metadata": {}, "source": "1", "outputs": [], "execution_count": null}],
		"metadata": {"kernelspec": {"name": "julia-1.9", "display_name": "Julia", "language": "julia"}}, "nbformat": 4, "nbformat_minor": 4}`)
	missing, _ := cid.Decode("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha")
	cohort := addFile(t, st, "cohort.csv", "id,hba1c\n1,5.5\n")
	parquet := addFile(t, st, "cohort.parquet", "PAR1\x15\x04 not really\x00PAR1")
	readsCSV := writeRaw("reads-csv.ipynb", `{"cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "print(open(inputs['cohort']).read())", "outputs": [], "execution_count": null}],
		"metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, "desci": {"inputs": {"cohort": {"format": "csv"}}}}, "nbformat": 4, "nbformat_minor": 5}`)
	cases := []struct {
		name   string
		req    Request
		o      Options
		is     error
		as     any
		substr string
	}{
		{"not a notebook", Request{Notebook: writeRaw("script.py", "print('hi')\n")}, Options{}, ErrNotNotebook, nil, "not a Jupyter notebook"},
		{"nbformat 3", Request{Notebook: "testdata/nbformat3.ipynb"}, Options{}, ErrNBFormat, nil, "nbformat 3"},
		{"missing kernel", Request{Notebook: julia}, Options{}, ErrNoKernel, nil, "julia-1.9"},
		{"input not in the store", Request{Notebook: good, Inputs: map[string]cid.Cid{"a": cohort, "cohort": missing}}, Options{}, notary.ErrNotFound, new(*InputError), "input cohort"},
		{"input in another format", Request{Notebook: readsCSV, Inputs: map[string]cid.Cid{"cohort": parquet}}, Options{}, ErrInputFormat, new(*InputError),
			"it is a Parquet file, and the notebook reads csv (its metadata desci.inputs.cohort.format): make it with desci extract --format csv"},
		{"bad input name", Request{Notebook: good, Inputs: map[string]cid.Cid{"../x": missing}}, Options{}, ErrBadInput, nil, "input name"},
		{"a cell raises", Request{Notebook: notebook(t, dir, "raises.ipynb", "x = 1", "md:next", "raise ValueError('boom')")}, Options{}, nil, new(*CellError), "cell 3 raised ValueError: boom"},
		{"a cell runs too long", Request{Notebook: notebook(t, dir, "slow.ipynb", "print(1)", "import time\ntime.sleep(60)")}, Options{CellTimeout: time.Second}, nil, new(*CellError), "cell 2 timed out"},
		{"no jupyter", Request{Notebook: good}, Options{Python: filepath.Join(dir, "no-python")}, ErrNoJupyter, nil, "install-notebook-deps"},
		{"run out of wall time", Request{Notebook: notebook(t, dir, "slower.ipynb", "import time\ntime.sleep(600)"), Inputs: map[string]cid.Cid{"cohort": cohort}},
			Options{Timeout: 10 * time.Second}, ErrLimit, nil, "longer than 10s"},
		{"no sandbox", Request{Notebook: good, Inputs: map[string]cid.Cid{"cohort": cohort}}, Options{bwrap: filepath.Join(dir, "no-bwrap")}, ErrNoSandbox, nil, "bubblewrap (bwrap) is not installed"},
	}
	log := filepath.Join(dir, "runs.log")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Log = log
			tc.o.ScratchDir = t.TempDir()
			_, err := Run(ctx, st, tc.req, tc.o, signer)
			noScratchLeft(t, tc.o.ScratchDir)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if tc.as != nil && !errors.As(err, tc.as) {
				t.Errorf("error %v is not a %T", err, tc.as)
			}
			if !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("error %q does not say %q", err, tc.substr)
			}
		})
	}
	if pub, _ := st.Published(); len(pub) != 0 {
		t.Errorf("failed runs were notarized: %+v", pub)
	}
	entries := readLog(t, log)
	if len(entries) != len(cases) {
		t.Fatalf("%d log entries for %d failed runs", len(entries), len(cases))
	}
	for _, e := range entries {
		if e.Status != "failed" || e.Error == "" || e.Manifest != "" {
			t.Errorf("log entry %+v", e)
		}
	}
}

// noScratchLeft fails if a run left anything in dir: its inputs were
// copied there.
func noScratchLeft(t testing.TB, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		t.Errorf("left in the scratch dir: %s", e.Name())
	}
}

// TestReproduceFailure: a notebook that raises when re-run is a failed
// reproduction, and its verdict is signed without content.
func TestReproduceFailure(t *testing.T) {
	needJupyter(t)
	t.Parallel() // most of the time is Python starting: two at once use both cores
	ctx := context.Background()
	st, signer := openStore(t), newSigner(t)
	dir := t.TempDir()
	// Run without the sandbox, the notebook sees the host's directory;
	// reproduced in the sandbox, it does not.
	host, _ := json.Marshal(dir)
	p := notebook(t, dir, "once.ipynb", "import os\nif not os.path.isdir("+string(host)+"):\n    raise RuntimeError('second time')")
	res, err := Run(ctx, st, Request{Notebook: p}, Options{UnsafeNoSandbox: true}, signer)
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	rep, err := Reproduce(ctx, st, res.CID, ReproduceOptions{}, Options{ScratchDir: scratch})
	noScratchLeft(t, scratch)
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	if rep.Reproduced() || !strings.Contains(rep.Failure, "cell 1 raised RuntimeError: second time") {
		t.Fatalf("reproduction: %+v", rep.Report())
	}
	att, err := Attest(ctx, st, rep, notary.Publication{}, signer)
	if err != nil {
		t.Fatal(err)
	}
	a := att.Manifest.Attestation
	if att.Manifest.Content != nil || a.Reproduced || a.Outputs.Defined() || !a.Run.Equals(res.CID) {
		t.Fatalf("attestation: %+v %+v", att.Manifest, a)
	}
	if _, err := st.Manifest(ctx, att.CID); err != nil {
		t.Fatal(err)
	}
}

// TestScratchSwept: the scratch directory of a desci killed outright
// (kill -9, no deferred cleanup) is removed by the next run; one a live
// run holds, and one kept on purpose, are not.
func TestScratchSwept(t *testing.T) {
	scratch := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mk := func(name string) string {
		p := filepath.Join(scratch, name)
		in := filepath.Join(p, workDir, inputsDir)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, "cohort"), []byte("id,hba1c\n1,5.5\n"), 0o644)
		readOnly(in)
		os.Chtimes(p, old, old)
		return p
	}
	killed, kept := mk("desci-run-killed"), mk("desci-kept-debug")
	live, lock, err := newScratch(Options{ScratchDir: scratch})
	if err != nil {
		t.Fatal(err)
	}
	defer releaseScratch(live, lock, Options{})
	os.Chtimes(live, old, old)
	st := openStore(t)
	_, err = Run(context.Background(), st, Request{Notebook: notebook(t, t.TempDir(), "nb.ipynb", "1")},
		Options{ScratchDir: scratch, Python: filepath.Join(t.TempDir(), "no-python")}, newSigner(t))
	if !errors.Is(err, ErrNoJupyter) {
		t.Fatalf("run: %v", err)
	}
	if _, err := os.Stat(killed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed run's scratch dir is still there: %v", err)
	}
	for _, p := range []string{kept, live} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was swept: %v", p, err)
		}
	}
	os.Chmod(filepath.Join(kept, workDir, inputsDir), 0o755)
}

// TestTailBuffer: nbconvert's stderr, which the kernel can flood, is kept
// to its last bytes.
func TestTailBuffer(t *testing.T) {
	for _, tc := range []struct {
		writes []string
		want   string
	}{
		{[]string{"ab", "cd"}, "abcd"},
		{[]string{"abc", "def"}, "cdef"},
		{[]string{"abcdefgh"}, "efgh"},
		{[]string{"a", "bcdefg", "h"}, "efgh"},
	} {
		b := &tailBuffer{max: 4}
		for _, w := range tc.writes {
			if n, err := b.Write([]byte(w)); n != len(w) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", w, n, err)
			}
		}
		if b.String() != tc.want {
			t.Errorf("%q: kept %q, want %q", tc.writes, b.String(), tc.want)
		}
	}
}
