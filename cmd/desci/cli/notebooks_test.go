package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notebooks"
	"github.com/desci-platform/desci/policies"
)

// needJupyter skips when Debian's jupyter is missing, except in CI.
func needJupyter(t *testing.T) {
	t.Helper()
	err := exec.Command(notebooks.DefaultPython, "-m", "nbconvert", "--version").Run()
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

const cohortDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: zip, type: string, role: zip}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: bmi, type: float, role: plain}
  - {name: hba1c, type: float, role: sensitive}
  - {name: diabetes, type: int, role: plain}
`

// cohortTable is a synthetic patient table in which diabetes depends on
// HbA1c, BMI and age: the same rows every time.
func cohortTable(rows int) (string, []string) {
	r := rand.New(rand.NewPCG(42, 8))
	var b strings.Builder
	var subjects []string
	b.WriteString("subject_id,name,zip,age,sex,bmi,hba1c,diabetes\n")
	for i := range rows {
		age := 25 + r.IntN(60)
		bmi := 19 + r.Float64()*18
		hba1c := 4.6 + 0.015*float64(age-25) + 0.05*(bmi-19) + r.NormFloat64()*0.6
		logit := -9 + 1.1*hba1c + 0.05*(bmi-25) + 0.01*float64(age-50)
		diabetes := 0
		if r.Float64() < 1/(1+math.Exp(-logit)) {
			diabetes = 1
		}
		s := fmt.Sprintf("P%05d", i)
		subjects = append(subjects, s)
		fmt.Fprintf(&b, "%s,Patient %d,%05d,%d,%s,%.1f,%.2f,%d\n", s, i, 10000+i*53, age, []string{"F", "M"}[r.IntN(2)], bmi, hba1c, diabetes)
	}
	return b.String(), subjects
}

// TestNotebooksExamples runs the example notebooks as CI does: on a
// de-identified extract of a synthetic patient table, through desci
// notebooks run and reproduce, with the reviewer's verdict anchored.
func TestNotebooksExamples(t *testing.T) {
	needJupyter(t)
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	table, subjects := cohortTable(400)
	writeFiles(t, dir, map[string]string{"patients.csv": table, "patients.yaml": cohortDictionary})
	addr := mustRun(t, home, "keys", "new")
	mustRun(t, home, "datasets", "steward", "new")
	raw := mustRun(t, home, "datasets", "add", filepath.Join(dir, "patients.csv"), "--dictionary", filepath.Join(dir, "patients.yaml"),
		"--title", "Synthetic cohort")
	consentAll(t, home, "cohort", subjects, policies.Consent{Uses: []string{"HMB"}})
	extract := mustRun(t, home, "extract", raw, "--study", "cohort", "--use", "hmb", "--k", "5", "--purpose", "diabetes risk model",
		"--columns", "subject_id,age,sex,bmi,hba1c,diabetes", "--format", "csv", "-o", filepath.Join(dir, "cohort.csv"))

	// What extract writes by default (Parquet) is refused before anything
	// runs, naming the format the notebooks read.
	parquet := mustRun(t, home, "extract", raw, "--study", "cohort", "--use", "hmb", "--k", "5", "--purpose", "diabetes risk model",
		"--columns", "subject_id,age,sex,bmi,hba1c,diabetes", "-o", filepath.Join(dir, "cohort.parquet"))
	if r := run(t, home, "notebooks", "run", filepath.Join("..", "..", "..", "notebooks", "examples", "cohort-statistics.ipynb"), "--input", "cohort="+parquet); r.code != 1 ||
		!strings.Contains(r.stderr, "input cohort") || !strings.Contains(r.stderr, "it is a Parquet file, and the notebook reads csv") ||
		!strings.Contains(r.stderr, "desci extract --format csv") {
		t.Fatalf("a Parquet extract given to a notebook that reads CSV: exit %d\n%s", r.code, r.stderr)
	}

	examples := map[string]string{}
	for _, name := range []string{"logistic-regression", "cohort-statistics"} {
		nb := filepath.Join("..", "..", "..", "notebooks", "examples", name+".ipynb")
		ids := strings.Fields(mustRun(t, home, "notebooks", "id", nb))
		var j struct{ Method, Outputs string }
		json.Unmarshal([]byte(mustRun(t, home, "notebooks", "id", nb, "--json")), &j)
		if len(ids) != 2 || j.Method != ids[0] || j.Outputs != ids[1] || !strings.HasPrefix(ids[0], "bafyrei") {
			t.Fatalf("notebooks id %s: %v %+v", name, ids, j)
		}

		var rm notary.ManifestJSON
		out := mustRun(t, home, "notebooks", "run", nb, "--input", "cohort="+extract, "--param", "seed=0", "--json")
		if err := json.Unmarshal([]byte(out), &rm); err != nil {
			t.Fatal(err)
		}
		if rm.Kind != "run" || rm.Run.Method != ids[0] || rm.Run.Inputs["cohort"] != extract || rm.Run.Params["seed"] != "0" ||
			rm.Run.Environment["pandas"] == "" || rm.Run.Environment["python"] == "" || rm.Run.Environment["sandbox"] != "bubblewrap" {
			t.Fatalf("run of %s: %+v", name, rm.Run)
		}
		examples[name] = rm.CID

		// The reviewer re-runs it and signs the verdict.
		r := run(t, home, "notebooks", "reproduce", rm.CID, "--key", addr)
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if r.code != 0 || !strings.HasPrefix(lines[0], "reproduced:") {
			t.Fatalf("reproduce %s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
		}
		var att notary.ManifestJSON
		json.Unmarshal([]byte(mustRun(t, home, "show", lines[len(lines)-1], "--json")), &att)
		if att.Kind != "attestation" || att.Attestation.Run != rm.CID || !att.Attestation.Reproduced {
			t.Fatalf("attestation: %+v", att)
		}
		examples[name+" attestation"] = att.CID
		if shown := mustRun(t, home, "show", att.CID); !strings.Contains(shown, "verdict") || !strings.Contains(shown, "reproduced (exact)") {
			t.Errorf("show attestation:\n%s", shown)
		}
		if shown := mustRun(t, home, "show", rm.CID); !strings.Contains(shown, "input") || !strings.Contains(shown, "method") {
			t.Errorf("show run:\n%s", shown)
		}
	}

	// The model's results, from the run's content.
	got := filepath.Join(dir, "run")
	mustRun(t, home, "get", examples["logistic-regression"], "-o", got)
	var metrics struct {
		AUC      float64 `json:"auc"`
		Subjects int     `json:"subjects"`
	}
	b, _ := os.ReadFile(filepath.Join(got, "files", "metrics.json"))
	if err := json.Unmarshal(b, &metrics); err != nil || metrics.AUC < 0.6 || metrics.Subjects < 300 {
		t.Fatalf("metrics.json: %s (%v)", b, err)
	}
	coef, _ := os.ReadFile(filepath.Join(got, "files", "coefficients.csv"))
	if !strings.HasPrefix(string(coef), "feature,coefficient\nintercept,") || !strings.Contains(string(coef), "hba1c,") {
		t.Fatalf("coefficients.csv:\n%s", coef)
	}
	if _, err := os.Stat(filepath.Join(got, "executed.ipynb")); err != nil {
		t.Fatal(err)
	}

	// A stranger with the run's CAR (which carries the notebook, the method
	// and the inputs) reproduces it in their own data dir.
	car := filepath.Join(dir, "run.car")
	mustRun(t, home, "export", examples["logistic-regression"], "-o", car)
	stranger := t.TempDir()
	mustRun(t, stranger, "import", car)
	mustRun(t, stranger, "keys", "new")
	if out := mustRun(t, stranger, "notebooks", "reproduce", examples["logistic-regression"], "--attest"); !strings.HasPrefix(out, "reproduced:") {
		t.Fatalf("the stranger's reproduction:\n%s", out)
	}

	// Runs and attestations are anchored and verified like any manifest.
	mustRun(t, home, "anchor")
	for _, c := range examples {
		mustRun(t, home, "verify", c)
	}
}

// TestNotebooksCLIErrors: unreproducible notebooks fail reproduce and name
// the outputs; bad notebooks and failing runs give clear errors and land in
// the run log.
func TestNotebooksCLIErrors(t *testing.T) {
	needJupyter(t)
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	mustRun(t, home, "keys", "new")
	nb := func(name string, sources ...string) string {
		var cells []string
		for i, s := range sources {
			src, _ := json.Marshal(s)
			cells = append(cells, fmt.Sprintf(`{"cell_type": "code", "id": "c%d", "metadata": {}, "outputs": [], "execution_count": null, "source": %s}`, i, src))
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(`{"cells": [`+strings.Join(cells, ",")+`], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}`), 0o644)
		return p
	}

	random := nb("random.ipynb", "import random, time\nprint(random.random())", "print(time.time_ns())", "print('stable')")
	// Without the sandbox only when asked by name, with a warning, and
	// recorded in the run.
	unsafe := run(t, home, "notebooks", "run", random, "--unsafe-no-sandbox", "--json")
	var um notary.ManifestJSON
	json.Unmarshal([]byte(unsafe.stdout), &um)
	if unsafe.code != 0 || !strings.Contains(unsafe.stderr, "warning: --unsafe-no-sandbox") || um.Run == nil || um.Run.Environment["sandbox"] != "none" {
		t.Fatalf("run --unsafe-no-sandbox: exit %d\n%s%s", unsafe.code, unsafe.stdout, unsafe.stderr)
	}
	runCID := mustRun(t, home, "notebooks", "run", random)
	r := run(t, home, "notebooks", "reproduce", runCID, "--attest")
	if r.code != 1 || !strings.Contains(r.stderr, "not reproduced: 2 differences") {
		t.Fatalf("reproduce of an unseeded notebook: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"cell 1 output 1 (stdout): line 1:", "cell 2 output 1 (stdout): line 1:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("reproduce does not say %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "cell 3") {
		t.Errorf("reproduce names the stable cell:\n%s", r.stdout)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var att notary.ManifestJSON
	json.Unmarshal([]byte(mustRun(t, home, "show", lines[len(lines)-1], "--json")), &att)
	if att.Kind != "attestation" || att.Attestation.Reproduced {
		t.Fatalf("the failed verdict was not signed: %+v", att)
	}

	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not a notebook", []string{"id", filepath.Join(dir, "random.ipynb") + ".missing"}, 1, "no such file"},
		{"nbformat 3", []string{"run", "../../../notebooks/testdata/nbformat3.ipynb"}, 1, "nbformat 3"},
		{"a cell raises", []string{"run", nb("raises.ipynb", "x = 1", "1 / 0")}, 1, "cell 2 raised ZeroDivisionError: division by zero"},
		{"input not in the store", []string{"run", random, "--input", "cohort=bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha"}, 1, "input cohort"},
		{"input not a CID", []string{"run", random, "--input", "cohort=patients.csv"}, 2, "not a CID"},
		{"param without a value", []string{"run", random, "--param", "seed"}, 2, "NAME=VALUE"},
		{"reproduce a method", []string{"reproduce", mustRun(t, home, "notarize", random, "--kind", "method", "--title", "m")}, 1, "not a run manifest"},
		{"negative tolerance", []string{"reproduce", runCID, "--tolerance", "-1"}, 2, "tolerance"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, home, append([]string{"notebooks"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d (want %d), stderr %q does not say %q", r.code, tc.code, r.stderr, tc.want)
			}
		})
	}
	var failed int
	for _, l := range strings.Split(mustRun(t, home, "notebooks", "log"), "\n") {
		var e struct{ Op, Status, Error string }
		json.Unmarshal([]byte(l), &e)
		if e.Op == "run" && e.Status == "failed" {
			failed++
		}
	}
	if failed != 2 { // the cell that raised and the missing input; the rest fail before running
		t.Errorf("%d failed runs in the log, want 2", failed)
	}
	var kinds = map[string]int{}
	var ls []notary.ManifestJSON
	json.Unmarshal([]byte(mustRun(t, home, "ls", "--json")), &ls)
	for _, m := range ls {
		kinds[m.Kind]++
	}
	if kinds["run"] != 2 || kinds["attestation"] != 1 {
		t.Errorf("published: %v (a failed run must not be notarized)", kinds)
	}
}

// TestNotebooksSandbox is the attack of issue 13 through the commands: a
// notebook looks for the passphrase in its environment and for keystores
// on disk. Run and reproduced in the sandbox it finds neither, and
// reproduce signs a verdict on a run that learned nothing; run with
// --unsafe-no-sandbox it finds the data dir's keystore.
func TestNotebooksSandbox(t *testing.T) {
	needJupyter(t)
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	for d := home; d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // permissions alone would not hide it
	}
	mustRun(t, home, "keys", "new")
	src, _ := json.Marshal(`import json, os
found = []
for top in ("/", "/tmp", "/root", "/home", "/var/tmp"):
    for root, dirs, files in os.walk(top):
        if top == "/" and root == "/":
            dirs[:] = [d for d in dirs if d not in ("usr", "proc", "sys", "dev")]
        found += [os.path.join(root, f) for f in files if f.startswith("UTC--")]
with open("seen.json", "w") as f:
    json.dump({"passphrase": os.environ.get("DESCI_PASSPHRASE", ""), "keystores": sorted(found)}, f)`)
	nb := filepath.Join(dir, "look.ipynb")
	os.WriteFile(nb, []byte(`{"cells": [{"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": null, "source": `+string(src)+`}],
		"metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}`), 0o644)
	seen := func(runCID string) (s struct {
		Passphrase string
		Keystores  []string
	}) {
		out := filepath.Join(t.TempDir(), "run")
		mustRun(t, home, "get", runCID, "-o", out)
		b, err := os.ReadFile(filepath.Join(out, "files", "seen.json"))
		if err != nil || json.Unmarshal(b, &s) != nil {
			t.Fatalf("seen.json: %s %v", b, err)
		}
		return s
	}

	runCID := mustRun(t, home, "notebooks", "run", nb)
	if s := seen(runCID); s.Passphrase != "" || len(s.Keystores) != 0 {
		t.Fatalf("the sandboxed notebook found %+v", s)
	}
	if r := run(t, home, "notebooks", "reproduce", runCID, "--attest"); r.code != 0 || !strings.HasPrefix(r.stdout, "reproduced:") {
		t.Fatalf("reproduce: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	unsafe := mustRun(t, home, "notebooks", "run", nb, "--unsafe-no-sandbox")
	if s := seen(unsafe); s.Passphrase != "" || !slices.ContainsFunc(s.Keystores, func(p string) bool { return strings.HasPrefix(p, home) }) {
		t.Errorf("without the sandbox the notebook found %+v, not the keystore in %s", s, home)
	}
}
