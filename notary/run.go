package notary

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/datamodel"
	"github.com/ipld/go-ipld-prime/fluent/qp"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
)

// Kinds for notebook runs and reproductions (doc/notebooks.md).
const (
	KindRun         = "run"
	KindAttestation = "attestation"
)

// A Run says how a run's content (the executed notebook and the files it
// wrote) was made: which method ran on which inputs, with what.
type Run struct {
	Method      cid.Cid            // dag-cbor block: the notebook's canonical method
	Notebook    cid.Cid            // UnixFS file: the notebook that was run
	Inputs      map[string]cid.Cid // by the name the notebook reads them under
	Params      map[string]string  // parameters as given
	Environment map[string]string  // kernel, language, python, nbconvert, package versions
	Executed    cid.Cid            // UnixFS file: the executed notebook, also in the content
	Outputs     cid.Cid            // dag-cbor block: the executed notebook's canonical outputs
	Started     time.Time          // UTC, whole seconds; Created is when the run ended
}

// An Attestation is a reviewer's signed verdict on re-running a run. Its
// content, if any, is what the reproduction produced.
type Attestation struct {
	Run        cid.Cid // the run manifest
	Reproduced bool    // every output matched
	Tolerance  string  // "" for an exact comparison, else the stated tolerance, e.g. "1e-09"
	Report     cid.Cid // raw block: the comparison report (JSON)
	Outputs    cid.Cid // dag-cbor block: the reproduction's canonical outputs; undefined if it did not execute
}

var toleranceRe = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

func (r *Run) validate() error {
	if !r.Method.Defined() || !r.Notebook.Defined() || !r.Executed.Defined() || !r.Outputs.Defined() {
		return fmt.Errorf("a run must name its method, notebook, executed notebook and outputs")
	}
	for k, v := range r.Inputs {
		if strings.TrimSpace(k) == "" || !v.Defined() {
			return fmt.Errorf("run input without a name or CID")
		}
	}
	for _, m := range []map[string]string{r.Params, r.Environment} {
		for k := range m {
			if k == "" {
				return fmt.Errorf("run parameter or environment entry without a name")
			}
		}
	}
	if r.Started.IsZero() || !r.Started.Equal(r.Started.Truncate(time.Second)) {
		return fmt.Errorf("run start time must be set, in whole seconds")
	}
	return nil
}

func (a *Attestation) validate() error {
	if !a.Run.Defined() || !a.Report.Defined() {
		return fmt.Errorf("an attestation must name the run and the report")
	}
	if a.Tolerance != "" && !toleranceRe.MatchString(a.Tolerance) {
		return fmt.Errorf("tolerance %q is not a non-negative decimal number", a.Tolerance)
	}
	return nil
}

func (r *Run) assemble(ma datamodel.MapAssembler) {
	link := func(c cid.Cid) qp.Assemble { return qp.Link(cidlink.Link{Cid: c}) }
	qp.MapEntry(ma, "method", link(r.Method))
	qp.MapEntry(ma, "notebook", link(r.Notebook))
	if len(r.Inputs) > 0 {
		qp.MapEntry(ma, "inputs", qp.Map(int64(len(r.Inputs)), func(ma datamodel.MapAssembler) {
			for _, k := range slices.Sorted(maps.Keys(r.Inputs)) {
				qp.MapEntry(ma, k, link(r.Inputs[k]))
			}
		}))
	}
	for _, f := range []struct {
		key string
		m   map[string]string
	}{{"params", r.Params}, {"environment", r.Environment}} {
		if len(f.m) > 0 {
			qp.MapEntry(ma, f.key, qp.Map(int64(len(f.m)), func(ma datamodel.MapAssembler) {
				for _, k := range slices.Sorted(maps.Keys(f.m)) {
					qp.MapEntry(ma, k, qp.String(f.m[k]))
				}
			}))
		}
	}
	qp.MapEntry(ma, "executed", link(r.Executed))
	qp.MapEntry(ma, "outputs", link(r.Outputs))
	qp.MapEntry(ma, "started", qp.String(r.Started.UTC().Format(time.RFC3339)))
}

func (a *Attestation) assemble(ma datamodel.MapAssembler) {
	link := func(c cid.Cid) qp.Assemble { return qp.Link(cidlink.Link{Cid: c}) }
	qp.MapEntry(ma, "run", link(a.Run))
	qp.MapEntry(ma, "reproduced", qp.Bool(a.Reproduced))
	if a.Tolerance != "" {
		qp.MapEntry(ma, "tolerance", qp.String(a.Tolerance))
	}
	qp.MapEntry(ma, "report", link(a.Report))
	if a.Outputs.Defined() {
		qp.MapEntry(ma, "outputs", link(a.Outputs))
	}
}

func (d *decoder) run(n datamodel.Node) *Run {
	r := &Run{}
	strMap := func(v datamodel.Node, what string) map[string]string {
		m := map[string]string{}
		d.fields(v, what, func(k string, v datamodel.Node) bool {
			m[k] = d.str(v, what+" "+k)
			return true
		})
		return m
	}
	d.fields(n, "run", func(k string, v datamodel.Node) bool {
		switch k {
		case "method":
			r.Method = d.link(v, "run method")
		case "notebook":
			r.Notebook = d.link(v, "run notebook")
		case "inputs":
			r.Inputs = map[string]cid.Cid{}
			d.fields(v, "run inputs", func(k string, v datamodel.Node) bool {
				r.Inputs[k] = d.link(v, "run input "+k)
				return true
			})
		case "params":
			r.Params = strMap(v, "run params")
		case "environment":
			r.Environment = strMap(v, "run environment")
		case "executed":
			r.Executed = d.link(v, "run executed notebook")
		case "outputs":
			r.Outputs = d.link(v, "run outputs")
		case "started":
			t, err := time.Parse(time.RFC3339, d.str(v, k))
			if err != nil {
				d.fail("run started: %v", err)
			}
			r.Started = t.UTC()
		default:
			return false
		}
		return true
	})
	return r
}

func (d *decoder) attestation(n datamodel.Node) *Attestation {
	a := &Attestation{}
	d.fields(n, "attestation", func(k string, v datamodel.Node) bool {
		switch k {
		case "run":
			a.Run = d.link(v, "attested run")
		case "reproduced":
			b, err := v.AsBool()
			if err != nil {
				d.fail("reproduced is not a boolean")
			}
			a.Reproduced = b
		case "tolerance":
			a.Tolerance = d.str(v, "tolerance")
		case "report":
			a.Report = d.link(v, "attestation report")
		case "outputs":
			a.Outputs = d.link(v, "attestation outputs")
		default:
			return false
		}
		return true
	})
	return a
}

// RunJSON is a run in ManifestJSON.
type RunJSON struct {
	Method      string            `json:"method"`
	Notebook    string            `json:"notebook"`
	Inputs      map[string]string `json:"inputs,omitempty"`
	Params      map[string]string `json:"params,omitempty"`
	Environment map[string]string `json:"environment,omitempty"`
	Executed    string            `json:"executed"`
	Outputs     string            `json:"outputs"`
	Started     time.Time         `json:"started"`
}

// AttestationJSON is an attestation in ManifestJSON.
type AttestationJSON struct {
	Run        string `json:"run"`
	Reproduced bool   `json:"reproduced"`
	Tolerance  string `json:"tolerance,omitempty"`
	Report     string `json:"report"`
	Outputs    string `json:"outputs,omitempty"`
}

func (r *Run) json() *RunJSON {
	j := &RunJSON{Method: r.Method.String(), Notebook: r.Notebook.String(), Params: r.Params, Environment: r.Environment,
		Executed: r.Executed.String(), Outputs: r.Outputs.String(), Started: r.Started}
	if len(r.Inputs) > 0 {
		j.Inputs = map[string]string{}
		for k, v := range r.Inputs {
			j.Inputs[k] = v.String()
		}
	}
	return j
}

func (a *Attestation) json() *AttestationJSON {
	return &AttestationJSON{a.Run.String(), a.Reproduced, a.Tolerance, a.Report.String(), cidString(a.Outputs)}
}

// checkRunLinks checks that the blocks a run or attestation names are
// stored, before anything is published.
func (s *Store) checkRunLinks(ctx context.Context, pub Publication) error {
	var need []cid.Cid
	if r := pub.Run; r != nil {
		need = append(need, r.Method, r.Outputs)
	}
	if a := pub.Attestation; a != nil {
		need = append(need, a.Report)
		if a.Outputs.Defined() {
			need = append(need, a.Outputs)
		}
		run, err := s.Manifest(ctx, a.Run)
		if err != nil {
			return fmt.Errorf("notary: attested run: %w", err)
		}
		if run.Kind != KindRun {
			return fmt.Errorf("%w: attested manifest %s is a %s, not a run", ErrInvalid, a.Run, run.Kind)
		}
	}
	for _, c := range need {
		if _, err := s.Block(ctx, c); err != nil {
			return fmt.Errorf("notary: %w", err)
		}
	}
	return nil
}

// PutBlock stores data as the block c, after checking that c is its hash:
// the dag-cbor blocks a run links to, such as a notebook's canonical method.
func (s *Store) PutBlock(ctx context.Context, c cid.Cid, data []byte) error {
	want, err := c.Prefix().Sum(data)
	if err != nil {
		return err
	}
	if !want.Equals(c) {
		return fmt.Errorf("%w: block %s", ErrCorrupt, c)
	}
	b, err := blocks.NewBlockWithCid(data, c)
	if err != nil {
		return err
	}
	if err := s.blocks.Put(ctx, b); err != nil {
		return err
	}
	return s.sync()
}

// NotarizeVerdict publishes an attestation without content: the verdict
// on a run whose reproduction could not execute, so there is nothing to
// publish but the report.
func (s *Store) NotarizeVerdict(ctx context.Context, pub Publication, signer Signer) (cid.Cid, *Manifest, error) {
	if pub.Kind != KindAttestation {
		return cid.Undef, nil, fmt.Errorf("%w: only an attestation is published without content", ErrInvalid)
	}
	m, err := s.newManifest(ctx, pub, signer)
	if err != nil {
		return cid.Undef, nil, err
	}
	m.Content = nil
	return s.publish(ctx, m, signer)
}
