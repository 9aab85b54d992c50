package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

// readmeSkipped are the README's shell blocks the test does not run, by
// their first line, and why. Every other block runs, line by line, in
// order, on one fresh data dir with the embedded dev chain, so the README
// cannot drift from the CLI.
var readmeSkipped = map[string]string{
	"go run ./cmd/desci demo":                   "the demo runs in TestDemo and scripts/test.sh",
	"desci chain serve --http 127.0.0.1:8545":   "a long-running server; TestGrantsOverRPC covers desci chain serve",
	"desci serve --http 127.0.0.1:8080 --role":  "a long-running server; serve_test.go runs it",
	"DESCI_PASSPHRASE=... docker compose up":    "Docker does not run on the CI machine (TestComposeFile)",
	"desci notebooks run notebooks/examples/":   "needs Jupyter; notebooks_test.go runs the examples",
	"go build -o desci ./cmd/desci":             "the test runs the CLI in process",
	"desci grants round create --grant 2":       "a round closes after its --end (hours); grants_test.go runs one with a short window",
	"export DESCI_DATABASE=postgres://desci@db": "replicas on machines of their own; TestReplicasAnchorOnce runs three",
}

// TestREADME runs the README's shell examples as written.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README example (about a minute)")
	}
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	work, home := t.TempDir(), t.TempDir()
	writeFiles(t, work, map[string]string{
		"trial-42/values.csv": "id,value\n1,2\n2,3\n",
		"trial-42/README.txt": "Trial 42 raw values.\n",
		"patients.csv":        patientsCSV(),
		"patients.yaml":       patientsDictionary,
		"subjects.csv":        "subject,patient\nS000020,0x70997970C51812dc3A010C7d01b50e0d17dc79C8\n",
	})
	fhir, err := os.ReadFile("../../../policies/testdata/fhir-r4-consent.json")
	if err != nil {
		t.Fatal(err)
	}
	// The example's period, moved to start today, so the test does not expire.
	fhir = []byte(strings.NewReplacer("2026-11-21", time.Now().UTC().Format(time.DateOnly),
		"2027-12-31", time.Now().AddDate(2, 0, 0).UTC().Format(time.DateOnly)).Replace(string(fhir)))
	os.WriteFile(filepath.Join(work, "consent.fhir.json"), fhir, 0o644)
	t.Chdir(work)
	t.Setenv("DESCI_HOME", home)
	vars := map[string]string{}
	ran := 0
	for _, b := range shellBlocks(string(readme)) {
		if why, ok := skippedBlock(b); ok {
			t.Logf("skipped %q: %s", firstLine(b), why)
			continue
		}
		for _, line := range shellLines(b) {
			for _, cmd := range splitUnquoted(line, ';') {
				ran++
				runREADMELine(t, home, strings.TrimSpace(cmd), vars)
			}
		}
	}
	t.Logf("%d README commands ran", ran)
}

func firstLine(b string) string { l, _, _ := strings.Cut(b, "\n"); return l }

func skippedBlock(b string) (string, bool) {
	for prefix, why := range readmeSkipped {
		if strings.HasPrefix(firstLine(b), prefix) {
			return why, true
		}
	}
	return "", false
}

var fence = regexp.MustCompile("(?ms)^```sh\n(.*?)^```")

func shellBlocks(md string) []string {
	var out []string
	for _, m := range fence.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// shellLines joins continued lines and drops comments and blank lines.
func shellLines(b string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(b, "\n") {
		if s, ok := strings.CutSuffix(strings.TrimRight(l, " "), "\\"); ok {
			cur += s + " "
			continue
		}
		cur += l
		if c := strings.TrimSpace(stripComment(cur)); c != "" {
			out = append(out, c)
		}
		cur = ""
	}
	return out
}

// stripComment cuts a # that starts a word outside quotes.
func stripComment(l string) string {
	var q rune
	for i, r := range l {
		switch {
		case q != 0:
			if r == q {
				q = 0
			}
		case r == '\'' || r == '"':
			q = r
		case r == '#' && (i == 0 || unicode.IsSpace(rune(l[i-1]))):
			return l[:i]
		}
	}
	return l
}

func splitUnquoted(l string, sep rune) []string {
	var out []string
	var q rune
	start := 0
	for i, r := range l {
		switch {
		case q != 0:
			if r == q {
				q = 0
			}
		case r == '\'' || r == '"':
			q = r
		case r == sep:
			out = append(out, l[start:i])
			start = i + 1
		}
	}
	return append(out, l[start:])
}

var varRef = regexp.MustCompile(`\$\{?([A-Z_][A-Z0-9_]*)\}?`)

// words splits a command line as the shell would for the README's
// commands: quotes, $VAR expanded outside single quotes.
func words(t *testing.T, l string, vars map[string]string) []string {
	var out []string
	var w strings.Builder
	inWord := false
	var q rune
	expand := func(s string) string {
		return varRef.ReplaceAllStringFunc(s, func(m string) string {
			name := varRef.FindStringSubmatch(m)[1]
			v, ok := vars[name]
			if !ok {
				t.Fatalf("README: $%s is used before it is set: %s", name, l)
			}
			return v
		})
	}
	seg := strings.Builder{}
	flush := func() {
		if q == '\'' {
			w.WriteString(seg.String())
		} else {
			w.WriteString(expand(seg.String()))
		}
		seg.Reset()
	}
	for _, r := range l {
		switch {
		case q != 0 && r == q:
			flush()
			q = 0
		case q != 0:
			seg.WriteRune(r)
		case r == '\'' || r == '"':
			flush()
			q, inWord = r, true
		case unicode.IsSpace(r):
			flush()
			if inWord {
				out = append(out, w.String())
				w.Reset()
				inWord = false
			}
		default:
			seg.WriteRune(r)
			inWord = true
		}
	}
	flush()
	if inWord {
		out = append(out, w.String())
	}
	return out
}

var assignment = regexp.MustCompile(`^([A-Z_][A-Z0-9_]*)=\$\((.*)\)$`)

func runREADMELine(t *testing.T, home, line string, vars map[string]string) {
	t.Helper()
	switch {
	case strings.HasPrefix(line, "alias desci="):
		return
	case strings.HasPrefix(line, "export "):
		name, val, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		val = strings.Join(words(t, val, vars), " ")
		vars[name] = val
		t.Setenv(name, val)
		return
	}
	target := ""
	if m := assignment.FindStringSubmatch(line); m != nil {
		target, line = m[1], m[2]
	}
	args := words(t, line, vars)
	if len(args) == 0 || args[0] != "desci" {
		t.Fatalf("README: %q is not a desci command (add its block to readmeSkipped with the reason)", line)
	}
	r := run(t, home, args[1:]...)
	if r.code != 0 {
		t.Fatalf("README: %s\nexit %d: %s", line, r.code, r.stderr)
	}
	if target != "" {
		vars[target] = strings.TrimSpace(r.stdout)
	}
}

const patientsDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: zip, type: string, role: zip}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: diagnosis, type: string, role: sensitive}
`

// patientsCSV has 10 visits of each of 20 subjects, S000010 to S000029.
func patientsCSV() string {
	var b strings.Builder
	b.WriteString("subject_id,name,zip,age,sex,diagnosis\n")
	for v := range 10 {
		for i := 10; i < 30; i++ {
			fmt.Fprintf(&b, "S%06d,Patient %d,%05d,%d,%s,%s\n", i, i, 10000+i*37, 30+10*(i%3), []string{"F", "M"}[i%2], []string{"E11", "I10"}[(i+v)%2])
		}
	}
	return b.String()
}
