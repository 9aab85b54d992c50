package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notebooks"
)

// notebookFlags are how notebooks are executed, shared by run and
// reproduce.
type notebookFlags struct {
	python, kernel   string
	timeout, wall    time.Duration
	keep, unsafe     bool
	memory, maxProcs int
}

func (f *notebookFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.python, "python", "", "interpreter that runs jupyter nbconvert (default "+notebooks.DefaultPython+", Debian's)")
	fl.StringVar(&f.kernel, "kernel", "", "Jupyter kernel to run (default: the notebook's, else python3)")
	fl.DurationVar(&f.timeout, "cell-timeout", 0, "longest a cell may run (default 10m)")
	fl.BoolVar(&f.keep, "keep-scratch", false, "leave the scratch directory in place (for debugging; it holds copies of the inputs)")
	fl.DurationVar(&f.wall, "timeout", 0, "longest the whole run may take (default 1h)")
	fl.IntVar(&f.memory, "memory", 0, fmt.Sprintf("MiB of address space each process of the kernel may use (default %d)", notebooks.DefaultMemoryLimit>>20))
	fl.IntVar(&f.maxProcs, "max-processes", 0, fmt.Sprintf("processes and threads the kernel may run (default %d)", notebooks.DefaultMaxProcesses))
	fl.BoolVar(&f.unsafe, "unsafe-no-sandbox", false, "run the notebook WITHOUT the sandbox: its code gets your files, network and privileges")
}

func (e *env) notebookOptions(f notebookFlags) (notebooks.Options, error) {
	dir, err := e.dir()
	if err != nil {
		return notebooks.Options{}, err
	}
	if f.memory < 0 || f.maxProcs < 0 || f.wall < 0 {
		return notebooks.Options{}, usageError{errors.New("--memory, --max-processes and --timeout must not be negative")}
	}
	if f.unsafe {
		fmt.Fprintln(e.stderr, "desci: warning: --unsafe-no-sandbox: the notebook runs with your files, network and privileges")
	}
	return notebooks.Options{Python: f.python, Kernel: f.kernel, CellTimeout: f.timeout, KeepScratch: f.keep,
		Log: e.notebookLog(dir), UnsafeNoSandbox: f.unsafe, Timeout: f.wall, MemoryLimit: int64(f.memory) << 20,
		MaxProcesses: f.maxProcs}, nil
}

func (e *env) notebookLog(dir string) string { return filepath.Join(dir, "notebooks", "runs.jsonl") }

func (e *env) notebooksCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "notebooks",
		Short: "Jupyter notebooks as methods: their CIDs, notarized runs, signed reproductions",
		Long: `A notebook's method CID changes only when a cell does (outputs, execution
counts, kernel and widget state are left out); a run executes it with jupyter
nbconvert on inputs from the store and notarizes what it used and wrote; a
reproduction re-runs it and compares every output, and a reviewer signs the
verdict. See doc/notebooks.md.`,
	}
	cmd.AddCommand(e.notebooksIDCommand(), e.notebooksRunCommand(), e.notebooksReproduceCommand(), e.notebooksLogCommand())
	return cmd
}

func (e *env) notebooksIDCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "id NOTEBOOK.ipynb",
		Short: "Print a notebook's method CID and outputs CID",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := notebooks.ReadFile(args[0])
			if err != nil {
				return err
			}
			id, err := nb.Identity()
			if err != nil {
				return err
			}
			if asJSON {
				return e.printJSON(struct {
					Method   string `json:"method"`
					Outputs  string `json:"outputs"`
					Language string `json:"language"`
					Kernel   string `json:"kernel,omitempty"`
					Cells    int    `json:"cells"`
				}{id.Method.String(), id.Outputs.String(), nb.Language, nb.Kernel, len(nb.Cells)})
			}
			_, err = fmt.Fprintf(e.stdout, "%s\n%s\n", id.Method, id.Outputs)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// parsePairs reads NAME=VALUE flags.
func parsePairs(flag string, pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usageError{fmt.Errorf("--%s %q: want NAME=VALUE", flag, p)}
		}
		if _, dup := out[k]; dup {
			return nil, usageError{fmt.Errorf("--%s %s given twice", flag, k)}
		}
		out[k] = v
	}
	return out, nil
}

func (e *env) notebooksRunCommand() *cobra.Command {
	var (
		nf             notebookFlags
		pf             publicationFlags
		inputs, params []string
		key            string
		asJSON         bool
	)
	cmd := &cobra.Command{
		Use:   "run NOTEBOOK.ipynb [--input NAME=CID ...] [--param K=V ...]",
		Short: "Execute a notebook on inputs from the store and notarize the run",
		Long: `Fetch each input from the store (a file or directory CID, or a manifest
whose content is not sealed, such as an extract) into a scratch directory,
execute the notebook there with jupyter nbconvert --execute, and notarize a
manifest of kind run: the method CID, the input CIDs, the parameters, the
environment (kernel, Python, nbconvert and package versions), the executed
notebook and every file the run wrote. Prints the run's manifest CID; it is
queued for anchoring like any manifest (desci anchor).

The notebook sees two dictionaries, defined by a cell run before its own:
inputs (NAME -> path of the input, relative to the working directory) and
params (K -> V, strings). A failed run (a cell raised, a missing kernel or
input) is not notarized; it is recorded in DATA_DIR/notebooks/runs.jsonl
(desci notebooks log).

The notebook runs in a sandbox (bubblewrap): no network, an empty
environment, no view of your data dir, keys, home or other files (only /usr,
its inputs read-only and one scratch dir), limits on wall time, memory and
processes. Where the sandbox cannot be set up the run is refused;
--unsafe-no-sandbox runs it anyway, with your privileges. See
doc/notebooks.md.`,
		Example: `  desci notebooks run notebooks/examples/logistic-regression.ipynb \
      --input cohort=bafyrei... --param seed=0`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pub, err := pf.publication()
			if err != nil {
				return err
			}
			in, err := parsePairs("input", inputs)
			if err != nil {
				return err
			}
			req := notebooks.Request{Notebook: args[0], Inputs: map[string]cid.Cid{}, Publication: pub}
			for name, s := range in {
				if req.Inputs[name], err = parseCID(s); err != nil {
					return err
				}
			}
			if req.Params, err = parsePairs("param", params); err != nil {
				return err
			}
			// A notebook that is not one fails before a key is unlocked.
			if _, err := notebooks.ReadFile(args[0]); err != nil {
				return err
			}
			o, err := e.notebookOptions(nf)
			if err != nil {
				return err
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			res, err := notebooks.Run(cmd.Context(), s, req, o, signer)
			if err != nil {
				return fmt.Errorf("%w (recorded as failed in %s)", err, o.Log)
			}
			r := res.Manifest.Run
			files := "files"
			if n := len(res.Manifest.Content.Files) - 1; n == 1 {
				files = "file"
			}
			fmt.Fprintf(e.stderr, "desci: ran in %s, wrote %d %s, method %s\n",
				res.Manifest.Created.Sub(r.Started).Round(time.Second), len(res.Manifest.Content.Files)-1, files, r.Method)
			return e.printPublished(res.CID, res.Manifest, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&inputs, "input", nil, "NAME=CID: an input from the store (repeatable)")
	fl.StringArrayVar(&params, "param", nil, "K=V: a parameter (repeatable)")
	nf.register(fl)
	pf.register(fl)
	fl.Lookup("title").Usage = `title (default "Run of " and the notebook's file name)`
	fl.StringVar(&key, "key", "", "signing key address (default: the only key)")
	fl.BoolVar(&asJSON, "json", false, "print the run manifest as JSON")
	return cmd
}

func (e *env) notebooksReproduceCommand() *cobra.Command {
	var (
		nf        notebookFlags
		pf        publicationFlags
		tolerance float64
		key       string
		attest    bool
		asJSON    bool
	)
	cmd := &cobra.Command{
		Use:   "reproduce RUN_CID [--tolerance X] [--key ADDR | --attest]",
		Short: "Re-run a notarized run and compare every output; sign the verdict with --key",
		Long: `Execute the run's notebook again on the same inputs and parameters and
compare every output with the run's: each code cell's outputs and each file
the run wrote. Exact by default; with --tolerance X, numbers in text outputs
and text files (CSV, TSV, JSON, plain text) match when they differ by at most
X, absolutely or relatively. Every difference is printed. Exits 0 only if
the run reproduced. The notebook runs in the same sandbox as for run.

With --key (or --attest, for the only key) the reviewer signs the verdict,
reproduced or not: a manifest of kind attestation linking the run, the report
of differences and what the reproduction produced, queued for anchoring. Its
CID is printed last.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := parseCID(args[0])
			if err != nil {
				return err
			}
			if tolerance < 0 {
				return usageError{errors.New("--tolerance must not be negative")}
			}
			pub, err := pf.publication()
			if err != nil {
				return err
			}
			o, err := e.notebookOptions(nf)
			if err != nil {
				return err
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			var signer notary.Signer
			if attest || key != "" {
				// Unlocked first, so a wrong passphrase costs no execution.
				if signer, err = e.signer(key); err != nil {
					return err
				}
			}
			rep, err := notebooks.Reproduce(cmd.Context(), s, c, notebooks.ReproduceOptions{Tolerance: tolerance}, o)
			if err != nil {
				return err
			}
			defer rep.Close()
			var att *notebooks.Result
			if signer != nil {
				if att, err = notebooks.Attest(cmd.Context(), s, rep, pub, signer); err != nil {
					return err
				}
			}
			report := rep.Report()
			if asJSON {
				out := struct {
					notebooks.Report
					Attestation *manifestStatus `json:"attestation,omitempty"`
				}{Report: report}
				if att != nil {
					out.Attestation = &manifestStatus{att.Manifest.JSON(att.CID), "queued"}
				}
				if err := e.printJSON(out); err != nil {
					return err
				}
			} else {
				e.printReport(report)
				if att != nil {
					fmt.Fprintln(e.stdout, att.CID)
				}
			}
			if !rep.Reproduced() {
				if rep.Failure != "" {
					return fmt.Errorf("not reproduced: %s", rep.Failure)
				}
				return fmt.Errorf("not reproduced: %d differences", len(rep.Differences))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&tolerance, "tolerance", 0, "largest difference allowed between numbers in text and tables (default 0: exact)")
	nf.register(fl)
	pf.register(fl)
	fl.Lookup("title").Usage = `attestation title (default "Reproduction of " and the run's title)`
	fl.StringVar(&key, "key", "", "sign the verdict with this key (an attestation manifest)")
	fl.BoolVar(&attest, "attest", false, "sign the verdict with the only key")
	fl.BoolVar(&asJSON, "json", false, "print the report (and the attestation) as JSON")
	return cmd
}

func (e *env) printReport(r notebooks.Report) {
	switch {
	case r.Failure != "":
		fmt.Fprintf(e.stdout, "not reproduced: %s\n", r.Failure)
	case r.Reproduced:
		how := "exactly"
		if r.Tolerance != "" {
			how = "within " + r.Tolerance
		}
		fmt.Fprintf(e.stdout, "reproduced: %d outputs compared, all match %s\n", len(r.Compared), how)
	default:
		fmt.Fprintf(e.stdout, "not reproduced: %d differences in %d outputs compared\n", len(r.Differences), len(r.Compared))
	}
	for _, d := range r.Differences {
		fmt.Fprintf(e.stdout, "  %s: %s\n", d.Output, d.Detail)
	}
	for _, c := range r.Environment {
		fmt.Fprintf(e.stderr, "desci: environment differs: %s %q in the run, %q here\n", c.Name, c.Run, c.Reproduction)
	}
}

func (e *env) notebooksLogCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "log",
		Short: "Print the run log: every run and reproduction, failed or not, as JSON lines",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := e.dir()
			if err != nil {
				return err
			}
			f, err := os.Open(e.notebookLog(dir))
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(e.stdout, f)
			return err
		},
	}
}
