package notebooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// A Request asks for a notebook to be run and the run notarized.
type Request struct {
	// Notebook is the path of the .ipynb file.
	Notebook string
	// Inputs are stored content (UnixFS CIDs, or manifests whose content
	// is not sealed), by the name the notebook reads them under:
	// inputs[name] is the path of the input relative to its working
	// directory.
	Inputs map[string]cid.Cid
	// Params are the notebook's parameters: params[name], strings.
	Params map[string]string
	// Publication describes the run; Kind and Run are set by Run. An empty
	// Title means "Run of " and the notebook's file name.
	Publication notary.Publication
}

// A Result is a notarized run.
type Result struct {
	CID      cid.Cid // the run manifest
	Manifest *notary.Manifest
}

// Run executes the notebook on its inputs and notarizes the run: a
// manifest of kind run whose content is the executed notebook
// (executed.ipynb) and the files the run wrote (under files/). A run that
// fails is logged (Options.Log) and not notarized.
func Run(ctx context.Context, st *notary.Store, req Request, o Options, signer notary.Signer) (res *Result, err error) {
	entry := logEntry{Op: "run", Notebook: req.Notebook, Inputs: cidStrings(req.Inputs), Params: req.Params}
	defer func() {
		if res != nil {
			entry.Manifest = res.CID.String()
		}
		o.log(entry, err)
	}()
	data, err := readLimited(req.Notebook)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.Notebook, err)
	}
	mc, mb, err := nb.Method()
	if err != nil {
		return nil, err
	}
	entry.Method = mc.String()
	x, err := execute(ctx, st, data, req.Inputs, req.Params, o)
	if err != nil {
		return nil, err
	}
	defer x.close(o)
	oc, ob, err := x.executed.Outputs()
	if err != nil {
		return nil, err
	}
	if err := st.PutBlock(ctx, mc, mb); err != nil {
		return nil, err
	}
	if err := st.PutBlock(ctx, oc, ob); err != nil {
		return nil, err
	}
	src, err := st.Add(ctx, req.Notebook, notary.ImportOptions{})
	if err != nil {
		return nil, err
	}
	exe, err := notary.Import(ctx, filepath.Join(x.result, executedName), nil, notary.ImportOptions{})
	if err != nil {
		return nil, err
	}
	pub := req.Publication
	pub.Kind = notary.KindRun
	if pub.Title == "" {
		pub.Title = "Run of " + filepath.Base(req.Notebook)
	}
	pub.Created = x.finished
	pub.Run = &notary.Run{
		Method:      mc,
		Notebook:    src.Root,
		Inputs:      req.Inputs,
		Params:      req.Params,
		Environment: x.env,
		Executed:    exe.Root,
		Outputs:     oc,
		Started:     x.started.Truncate(time.Second),
	}
	c, m, err := st.Notarize(ctx, x.result, pub, notary.ImportOptions{Hidden: true}, signer)
	if err != nil {
		return nil, err
	}
	return &Result{c, m}, nil
}

// ReproduceOptions say how outputs are compared.
type ReproduceOptions struct {
	// Tolerance, if positive, lets numbers in text outputs and text files
	// (CSV, TSV, JSON, plain text) differ: a and b match when |a-b| <=
	// Tolerance, or <= Tolerance * max(|a|, |b|). Zero means exact.
	Tolerance float64
}

// A Reproduction is the outcome of re-running a run. Close removes what
// it executed, once it has been attested or is no longer needed.
type Reproduction struct {
	Run       cid.Cid
	Title     string // the run's title
	Tolerance float64
	// Failure is why the notebook did not execute again (a cell raised);
	// empty if it did.
	Failure     string
	Compared    []string     // every output compared, by name
	Differences []Difference // every difference found
	Environment []EnvChange  // where the environment differs from the run's
	outputs     cid.Cid
	outputsData []byte
	x           *execution
	o           Options
}

// Reproduced reports whether the notebook executed and every output matched.
func (r *Reproduction) Reproduced() bool { return r.Failure == "" && len(r.Differences) == 0 }

// Close removes the reproduction's scratch directory.
func (r *Reproduction) Close() { r.x.close(r.o) }

// An EnvChange is an environment entry that differs between the run and
// its reproduction: notes for the reviewer, not differences in outputs.
type EnvChange struct {
	Name         string `json:"name"`
	Run          string `json:"run"`
	Reproduction string `json:"reproduction"`
}

// Reproduce re-executes the run's notebook on the same inputs and
// parameters and compares every output with the run's: the cells' outputs
// and the files the run wrote. A notebook that raises this time is a
// failed reproduction, not an error; an error means nothing could be
// compared (no jupyter, no kernel, an input missing from the store).
func Reproduce(ctx context.Context, st *notary.Store, run cid.Cid, ro ReproduceOptions, o Options) (rep *Reproduction, err error) {
	entry := logEntry{Op: "reproduce", Run: run.String()}
	defer func() {
		logErr := err
		if err == nil {
			ok := rep.Reproduced()
			entry.Reproduced, entry.Differences = &ok, len(rep.Differences)
			if rep.Failure != "" {
				logErr = errors.New(rep.Failure)
			}
		}
		o.log(entry, logErr)
	}()
	m, err := st.Manifest(ctx, run)
	if err != nil {
		return nil, err
	}
	if m.Kind != notary.KindRun || m.Run == nil {
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotRun, run, m.Kind)
	}
	r := m.Run
	entry.Method, entry.Inputs, entry.Params = r.Method.String(), cidStrings(r.Inputs), r.Params
	data, err := st.ReadFile(ctx, r.Notebook, MaxNotebookSize)
	if err != nil {
		return nil, fmt.Errorf("notebooks: the run's notebook: %w", err)
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("notebooks: the run's notebook: %w", err)
	}
	if mc, _, _ := nb.Method(); !mc.Equals(r.Method) {
		return nil, fmt.Errorf("notebooks: the run's notebook %s has method %s, not the run's %s", r.Notebook, mc, r.Method)
	}
	exeData, err := st.ReadFile(ctx, r.Executed, MaxNotebookSize)
	if err != nil {
		return nil, fmt.Errorf("notebooks: the run's executed notebook: %w", err)
	}
	want, err := Parse(exeData)
	if err != nil {
		return nil, fmt.Errorf("notebooks: the run's executed notebook: %w", err)
	}
	rep = &Reproduction{Run: run, Title: m.Title, Tolerance: ro.Tolerance, o: o}
	x, err := execute(ctx, st, data, r.Inputs, r.Params, o)
	var ce *CellError
	if errors.As(err, &ce) {
		rep.Failure = ce.Error()
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	rep.x = x
	if rep.outputs, rep.outputsData, err = x.executed.Outputs(); err != nil {
		x.close(o)
		return nil, err
	}
	c := comparer{tol: ro.Tolerance}
	c.cells(want, x.executed)
	if err := c.files(ctx, st, m.Content, filepath.Join(x.result, filesDir)); err != nil {
		x.close(o)
		return nil, err
	}
	rep.Compared, rep.Differences = c.compared, c.diffs
	for _, k := range slices.Sorted(maps.Keys(union(r.Environment, x.env))) {
		if r.Environment[k] != x.env[k] {
			rep.Environment = append(rep.Environment, EnvChange{k, r.Environment[k], x.env[k]})
		}
	}
	return rep, nil
}

func union(a, b map[string]string) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// Report is the comparison report an attestation links to, as JSON
// (doc/notebooks.md).
type Report struct {
	Run         string       `json:"run"`
	Reproduced  bool         `json:"reproduced"`
	Tolerance   string       `json:"tolerance,omitempty"`
	Failure     string       `json:"failure,omitempty"`
	Compared    []string     `json:"compared"`
	Differences []Difference `json:"differences"`
	Environment []EnvChange  `json:"environment,omitempty"`
}

// Report returns the reproduction's report.
func (r *Reproduction) Report() Report {
	rep := Report{Run: r.Run.String(), Reproduced: r.Reproduced(), Tolerance: toleranceString(r.Tolerance),
		Failure: r.Failure, Compared: r.Compared, Differences: r.Differences, Environment: r.Environment}
	if rep.Compared == nil {
		rep.Compared = []string{}
	}
	if rep.Differences == nil {
		rep.Differences = []Difference{}
	}
	return rep
}

func toleranceString(t float64) string {
	if t <= 0 {
		return ""
	}
	return strconv.FormatFloat(t, 'g', -1, 64)
}

// Attest signs the reproduction's verdict: a manifest of kind attestation
// that links the run and the report, with what the reproduction produced
// as its content (none if the notebook did not execute).
func Attest(ctx context.Context, st *notary.Store, r *Reproduction, pub notary.Publication, signer notary.Signer) (*Result, error) {
	report, err := json.MarshalIndent(r.Report(), "", "  ")
	if err != nil {
		return nil, err
	}
	rc, err := st.PutRaw(ctx, append(report, '\n'))
	if err != nil {
		return nil, err
	}
	if r.outputs.Defined() {
		if err := st.PutBlock(ctx, r.outputs, r.outputsData); err != nil {
			return nil, err
		}
	}
	pub.Kind = notary.KindAttestation
	if pub.Title == "" {
		pub.Title = "Reproduction of " + r.Title
	}
	pub.Attestation = &notary.Attestation{Run: r.Run, Reproduced: r.Reproduced(), Tolerance: toleranceString(r.Tolerance),
		Report: rc, Outputs: r.outputs}
	var (
		c cid.Cid
		m *notary.Manifest
	)
	if r.x != nil {
		c, m, err = st.Notarize(ctx, r.x.result, pub, notary.ImportOptions{Hidden: true}, signer)
	} else {
		c, m, err = st.NotarizeVerdict(ctx, pub, signer)
	}
	if err != nil {
		return nil, err
	}
	r.o.log(logEntry{Op: "attest", Run: r.Run.String(), Manifest: c.String(), Reproduced: &pub.Attestation.Reproduced}, nil)
	return &Result{c, m}, nil
}

// logEntry is one line of the run log.
type logEntry struct {
	Time        time.Time         `json:"time"`
	Op          string            `json:"op"` // run, reproduce or attest
	Status      string            `json:"status"`
	Notebook    string            `json:"notebook,omitempty"`
	Run         string            `json:"run,omitempty"`
	Method      string            `json:"method,omitempty"`
	Inputs      map[string]string `json:"inputs,omitempty"`
	Params      map[string]string `json:"params,omitempty"`
	Manifest    string            `json:"manifest,omitempty"`
	Reproduced  *bool             `json:"reproduced,omitempty"`
	Differences int               `json:"differences,omitempty"`
	Error       string            `json:"error,omitempty"`
}

// log appends e to the run log; a log that cannot be written does not
// fail the run it records.
func (o Options) log(e logEntry, err error) {
	if o.Log == "" {
		return
	}
	e.Time = time.Now().UTC().Truncate(time.Second)
	e.Status = "ok"
	if err != nil {
		e.Status, e.Error = "failed", err.Error()
	}
	b, _ := json.Marshal(e)
	os.MkdirAll(filepath.Dir(o.Log), 0o700)
	f, ferr := os.OpenFile(o.Log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if ferr != nil {
		return
	}
	f.Write(append(b, '\n'))
	f.Close()
}

func cidStrings(m map[string]cid.Cid) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		out[k] = v.String()
	}
	return out
}

// filesPrefix is where a run's written files sit in its content.
var filesPrefix = filesDir + "/"

func isRunFile(p string) bool { return strings.HasPrefix(path.Clean(p), filesPrefix) }
