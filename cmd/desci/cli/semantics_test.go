package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/desci-platform/desci/policies"
)

// TestConsentSemantics runs the DUO cases a newcomer's decision table
// found wrong through the CLI: a request for several diseases, GS regions,
// methods development, the GRU column rule, and consents that could never
// match refused when granted.
func TestConsentSemantics(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"visits.csv": visitsTable(20, 2), "visits.yaml": storyDictionary})
	researcher := mustRun(t, home, "keys", "new")
	mustRun(t, home, "datasets", "steward", "new")
	raw := mustRun(t, home, "datasets", "add", filepath.Join(dir, "visits.csv"), "--dictionary", filepath.Join(dir, "visits.yaml"),
		"--title", "Visits", "--key", researcher)
	subjects := func(lo, hi int) []string {
		var s []string
		for i := lo; i < hi; i++ {
			s = append(s, fmt.Sprintf("S%04d", i))
		}
		return s
	}
	const diabetes, cancer = "MONDO:0005015", "MONDO:0004992"
	consentAll(t, home, "s", subjects(0, 5), policies.Consent{Uses: []string{"DS"}, Diseases: []string{cancer}})
	consentAll(t, home, "s", subjects(5, 10), policies.Consent{Uses: []string{"DS"}, Diseases: []string{diabetes, cancer}})
	consentAll(t, home, "s", subjects(10, 15), policies.Consent{Uses: []string{"GRU"}, Modifiers: []string{"GS"}, Region: "EU"})
	consentAll(t, home, "s", subjects(15, 20), policies.Consent{Uses: []string{"GRU"}, Modifiers: []string{"NMDS"}})

	extract := func(args ...string) (int, result) {
		out := filepath.Join(t.TempDir(), "x.csv")
		r := run(t, home, append([]string{"extract", raw, "--study", "s", "--k", "2", "--purpose", "semantics",
			"--columns", "subject_id,age,sex,hba1c", "--format", "csv", "-o", out, "--json", "--key", researcher}, args...)...)
		var ex struct {
			Rows int `json:"rows"`
		}
		if r.code == 0 {
			json.Unmarshal([]byte(r.stdout), &ex)
		}
		return ex.Rows, r
	}
	for _, tc := range []struct {
		name string
		args []string
		rows int
	}{
		// Both diseases must be covered: only subjects 5-9 consented to both.
		{"two diseases", []string{"--use", "disease", "--disease", "MONDO:0005148", "--disease", cancer}, 10},
		{"two diseases, comma-separated", []string{"--use", "disease", "--disease", cancer + ",MONDO:0005148"}, 10},
		{"one disease", []string{"--use", "disease", "--disease", cancer}, 20},
		// GS(EU) covers a member country in any case, and the EU itself;
		// GRU without GS everywhere. GRU gives research the sensitive
		// column as HMB would.
		{"region de", []string{"--use", "research", "--region", "de", "--methods-development=false"}, 20},
		{"region eu", []string{"--use", "research", "--region", "eu", "--methods-development=false"}, 20},
		{"region unstated", []string{"--use", "research", "--methods-development=false"}, 10},
		{"region us", []string{"--use", "research", "--region", "US", "--methods-development=false"}, 10},
		// Methods development: GRU covers it, NMDS excludes it.
		{"methods", []string{"--use", "methods", "--region", "FR"}, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, r := extract(tc.args...)
			if r.code != 0 || rows != tc.rows {
				t.Fatalf("%d rows, want %d: exit %d: %s", rows, tc.rows, r.code, r.stderr)
			}
		})
	}
	if _, r := extract("--use", "research", "--region", "Atlantis"); r.code != 2 || !strings.Contains(r.stderr, `region "Atlantis"`) {
		t.Fatalf("unknown region: exit %d: %s", r.code, r.stderr)
	}

	patient := mustRun(t, home, "keys", "new")
	mustRun(t, home, "consent", "enroll", "--study", "s", "--subject", "P0000", "--patient", patient)
	until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	grant := func(args ...string) result {
		return run(t, home, append([]string{"consent", "grant", "--study", "s", "--subject", "P0000", "--until", until, "--key", patient}, args...)...)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"disease not in MONDO", []string{"--permit", "DS", "--disease", "MONDO:9999999"}, "MONDO:9999999 is not a term of MONDO release"},
		{"TS past", []string{"--permit", "GRU", "--modifier", "TS", "--time-limit", "2020-01-01"}, "has already passed"},
		{"unknown region", []string{"--permit", "GRU", "--modifier", "GS", "--region", "Atlantis"}, `region "Atlantis"`},
		{"bad duration", []string{"--permit", "GRU", "--modifier", "TS", "--time-limit", "12 fortnights"}, "--time-limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := grant(tc.args...); r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want %q", r.code, r.stderr, tc.want)
			}
		})
	}
	// A TS limit as a duration from the consent's start is fixed to a date.
	hash := mustRun(t, home, "consent", "grant", "--study", "s", "--subject", "P0000", "--until", until, "--key", patient,
		"--permit", "GRU", "--modifier", "TS,GS", "--time-limit", "12 months from approval", "--region", "eea")
	var shown recordView
	json.Unmarshal([]byte(mustRun(t, home, "consent", "show", hash)), &shown)
	limit, _ := time.Parse(time.RFC3339, shown.Consent.TimeLimit)
	if want := time.Now().AddDate(1, 0, 0); limit.Sub(want).Abs() > time.Hour || shown.Consent.Region != "EEA" {
		t.Fatalf("consent: %+v", shown.Consent)
	}
}
