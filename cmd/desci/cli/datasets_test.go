package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

const storyDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: email, type: string, role: email}
  - {name: zip, type: string, role: zip}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: note, type: string, role: plain}
  - {name: hba1c, type: float, role: sensitive}
`

func storyTable(rows int) string {
	var b strings.Builder
	b.WriteString("subject_id,name,email,zip,age,sex,note,hba1c\n")
	for i := range rows {
		note := "ok"
		if i == 7 {
			note = "call 555-867-5309" // an identifier hidden in a plain column
		}
		fmt.Fprintf(&b, "S%04d,Patient %d,p%d@example.org,%05d,%d,%s,%s,%.1f\n",
			i, i, i, 10000+i*37, 20+i%60, []string{"F", "M"}[i%2], note, 5+float64(i%40)/10)
	}
	return b.String()
}

func TestDatasetsStory(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"patients.csv": storyTable(200), "patients.yaml": storyDictionary})
	data, dict := filepath.Join(dir, "patients.csv"), filepath.Join(dir, "patients.yaml")
	mustRun(t, home, "keys", "new")

	if r := run(t, home, "datasets", "add", data, "--dictionary", dict, "--title", "Patients"); r.code != 1 || !strings.Contains(r.stderr, "steward") {
		t.Fatalf("add without a steward key: exit %d: %s", r.code, r.stderr)
	}
	steward := mustRun(t, home, "datasets", "steward", "new")
	if !strings.HasPrefix(steward, "age1") || mustRun(t, home, "datasets", "steward", "list") != steward {
		t.Fatalf("steward new printed %q", steward)
	}

	r := run(t, home, "datasets", "add", data, "--dictionary", dict, "--title", "Patients", "--license", "CC-BY-4.0")
	if r.code != 0 {
		t.Fatalf("datasets add: %s", r.stderr)
	}
	raw := strings.TrimSpace(r.stdout)
	if !strings.Contains(r.stderr, "column note holds what looks like phone values (row 8") {
		t.Errorf("no warning for the phone number in a plain column: %q", r.stderr)
	}
	var shown notary.ManifestJSON
	json.Unmarshal([]byte(mustRun(t, home, "show", raw, "--json")), &shown)
	if shown.Content.Root != mustRun(t, home, "cid", data) || shown.Content.Sealed == "" || shown.Dictionary == "" {
		t.Fatalf("show: %+v", shown)
	}
	if r := run(t, home, "get", raw, "-o", filepath.Join(dir, "leak")); r.code != 1 || !strings.Contains(r.stderr, "sealed") {
		t.Fatalf("get of sealed data: exit %d: %s", r.code, r.stderr)
	}
	back := filepath.Join(dir, "back.csv")
	mustRun(t, home, "datasets", "decrypt", raw, "-o", back)
	if b, _ := os.ReadFile(back); string(b) != storyTable(200) {
		t.Fatal("decrypt did not give back the raw bytes")
	}

	var subjects []string
	for i := range 200 {
		subjects = append(subjects, fmt.Sprintf("S%04d", i))
	}
	consentAll(t, home, "trial", subjects, policies.Consent{Uses: []string{"HMB"}})

	out := filepath.Join(dir, "extract.csv")
	var ex struct {
		notary.ManifestJSON
		Rows int `json:"rows"`
		Risk struct {
			K int `json:"k_achieved"`
		} `json:"risk"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, "extract", raw, "--study", "trial", "--use", "hmb", "--k", "5", "--purpose", "HbA1c by age",
		"--format", "csv", "-o", out, "--json")), &ex); err != nil {
		t.Fatal(err)
	}
	if ex.Kind != "extract" || ex.Extract.Dataset != raw || ex.Risk.K < 5 || ex.Rows == 0 {
		t.Fatalf("extract: %+v", ex)
	}
	got, _ := os.ReadFile(out)
	for _, leak := range []string{"Patient 3", "p3@example.org", "S0003", "10111"} {
		if strings.Contains(string(got), leak) {
			t.Fatalf("%q is in the extract", leak)
		}
	}
	if shown := mustRun(t, home, "show", ex.CID); !strings.Contains(shown, "extract of") || !strings.Contains(shown, "HbA1c by age") {
		t.Errorf("show extract:\n%s", shown)
	}
	if !strings.Contains(mustRun(t, home, "datasets", "reproduce", ex.CID), "reproduced") {
		t.Fatal("reproduce did not confirm")
	}

	// The summary says what was done: k over the columns counted, and
	// the columns generalized or suppressed entirely, which are all "*".
	o50 := filepath.Join(dir, "k50.csv")
	r = run(t, home, "extract", raw, "--study", "trial", "--use", "hmb", "--k", "50", "--purpose", "p", "--format", "csv", "-o", o50)
	if r.code != 0 || !strings.Contains(r.stderr, "k = ") || !strings.Contains(r.stderr, "over zip, age, sex") {
		t.Fatalf("extract --k 50: exit %d: %s", r.code, r.stderr)
	}
	_, gone, ok := strings.Cut(r.stderr, "suppressed entirely (every value is *): ")
	if !ok {
		t.Fatalf("no column suppressed entirely at k = 50 on 200 rows? %s", r.stderr)
	}
	b, _ := os.ReadFile(o50)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header := strings.Split(lines[0], ",")
	for _, col := range strings.Split(strings.SplitN(gone, "\n", 2)[0], ", ") {
		j := slices.Index(header, col)
		if j < 0 {
			t.Fatalf("summary names %q, not in %v", col, header)
		}
		for _, line := range lines[1:] {
			if v := strings.Split(line, ",")[j]; v != "*" {
				t.Fatalf("column %s reported suppressed holds %q", col, v)
			}
		}
	}
	r = run(t, home, "extract", raw, "--study", "trial", "--use", "hmb", "--columns", "subject_id,hba1c", "--purpose", "p", "-o", filepath.Join(dir, "noqi.csv"))
	if r.code != 0 || strings.Contains(r.stderr, "k = ") || !strings.Contains(r.stderr, "no quasi-identifier delivered") {
		t.Fatalf("extract without quasi-identifiers: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, home, "extract", raw, "--study", "trial", "--use", "hmb", "--k", "0", "--purpose", "p", "-o", filepath.Join(dir, "k0.csv")); r.code != 2 || !strings.Contains(r.stderr, "at least 1") {
		t.Fatalf("--k 0: exit %d: %s", r.code, r.stderr)
	}

	// The extract is anchored and verified like any manifest.
	mustRun(t, home, "anchor")
	receipt := filepath.Join(dir, "extract.receipt.json")
	mustRun(t, home, "receipt", ex.CID, "-o", receipt)
	mustRun(t, home, "verify", out, "--receipt", receipt)

	// Bad requests: clear errors, nothing left behind.
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"impossible k", []string{"--k", "500"}, "k"},
		{"identifier column", []string{"--columns", "email"}, "Safe Harbor removes it"},
		{"wrong steward passphrase", []string{}, "passphrase"},
		{"study without consents", []string{"--study", "elsewhere"}, `no consent is in force in study "elsewhere"; record the subjects' consents first (desci consent grant --study "elsewhere"`},
		{"default study", []string{"--study", ""}, "name the study they were given for with --study (it defaults to the dataset's CID)"},
		{"consents that do not permit", []string{"--use", "poa", "--columns", "subject_id,age,sex"}, `no subject of the data has a consent in force in study "trial" that permits this request; desci access-log`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := filepath.Join(t.TempDir(), "x.parquet")
			if tc.name == "wrong steward passphrase" {
				t.Setenv("DESCI_PASSPHRASE", "wrong")
			}
			r := run(t, home, append([]string{"extract", raw, "--study", "trial", "--use", "hmb", "--purpose", "p", "-o", o}, tc.args...)...)
			if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if ents, _ := os.ReadDir(filepath.Dir(o)); len(ents) != 0 {
				t.Fatalf("left %s behind", ents[0].Name())
			}
		})
	}
}
