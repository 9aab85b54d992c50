package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/desci-platform/desci/policies"
)

// TestPatientOwnDataDir: a patient holding only their key in their own
// data dir grants and revokes with --sign-only for the steward to submit,
// lists and shows what they signed, and, against the platform server,
// lists what it holds for them and revokes through it.
func TestPatientOwnDataDir(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "pw")
	steward, patientDir, files := t.TempDir(), t.TempDir(), t.TempDir()
	mustRun(t, steward, "keys", "new")
	patient := mustRun(t, patientDir, "keys", "new")
	for _, s := range []string{"S1", "S2"} {
		mustRun(t, steward, "consent", "enroll", "--study", "st", "--subject", s, "--patient", patient)
	}
	until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	limit := time.Now().AddDate(0, 6, 0)
	// The steward's registry, which the patient's documents are for.
	var domain struct{ Deployment string }
	if err := json.Unmarshal([]byte(mustRun(t, steward, "consent", "domain", "--json")), &domain); err != nil || len(domain.Deployment) != 66 {
		t.Fatalf("consent domain: %+v %v", domain, err)
	}
	// Signed for the patient's own data dir, it is refused by name.
	stray := filepath.Join(files, "stray.json")
	mustRun(t, patientDir, "consent", "grant", "--study", "st", "--subject", "S1", "--permit", "HMB", "--until", until, "--sign-only", stray)
	if r := run(t, steward, "consent", "submit", stray); r.code == 0 || !strings.Contains(r.stderr, "another deployment") {
		t.Fatalf("a document signed for another deployment: exit %d: %s", r.code, r.stderr)
	}
	os.RemoveAll(filepath.Join(patientDir, "consents-signed")) // the stray copy, out of the lists below

	// Granted from the patient's dir, submitted by the steward.
	consentFile := filepath.Join(files, "consent.json")
	hash := mustRun(t, patientDir, "consent", "grant", "--study", "st", "--subject", "S1", "--permit", "HMB",
		"--modifier", "TS", "--time-limit", "6 months", "--until", until, "--sign-only", consentFile, "--deployment", domain.Deployment)
	if got := mustRun(t, steward, "consent", "submit", consentFile); got != hash {
		t.Fatalf("submitted %s, signed %s", got, hash)
	}
	var list []recordView
	json.Unmarshal([]byte(mustRun(t, patientDir, "consent", "list", "--key", patient, "--json")), &list)
	if len(list) != 1 || list[0].Hash != hash || list[0].Status != "signed here" || list[0].Consent.TimeLimit == "" {
		t.Fatalf("the patient's own list: %+v", list)
	}
	text := mustRun(t, patientDir, "consent", "list", "--key", patient)
	if want := "use ends " + limit.UTC().Format(time.DateOnly) + " (TS)"; !strings.Contains(text, want) || !strings.Contains(text, "valid ") {
		t.Fatalf("the list does not say when use ends (%q):\n%s", want, text)
	}
	// The terms under doc/consent.md's names; nothing empty, zero or null.
	var shown map[string]any
	json.Unmarshal([]byte(mustRun(t, patientDir, "consent", "show", hash, "--key", patient)), &shown)
	terms, _ := json.Marshal(shown["consent"])
	for _, bad := range []string{`"Uses"`, `"TimeLimit"`, "0001-01-01", "null", `"moratorium"`, `""`} {
		if strings.Contains(string(terms), bad) {
			t.Fatalf("consent show prints %s: %s", bad, terms)
		}
	}
	if !strings.Contains(string(terms), `"timeLimit":"`) || !strings.Contains(string(terms), `"uses":["HMB"]`) {
		t.Fatalf("consent show: %s", terms)
	}

	// Revoked from the patient's dir: the consent in force is named.
	revFile := filepath.Join(files, "revocation.json")
	if r := run(t, patientDir, "consent", "revoke", "--study", "st", "--subject", "S1", "--sign-only", revFile); r.code != 2 || !strings.Contains(r.stderr, "--consent HASH") {
		t.Fatalf("revoke without the consent: exit %d: %s", r.code, r.stderr)
	}
	mustRun(t, patientDir, "consent", "revoke", "--study", "st", "--subject", "S1", "--consent", hash, "--sign-only", revFile, "--deployment", domain.Deployment)
	mustRun(t, steward, "consent", "submit", revFile)
	var steward1 []recordView
	json.Unmarshal([]byte(mustRun(t, steward, "consent", "list", "--study", "st", "--json")), &steward1)
	if len(steward1) != 2 || steward1[0].Status != "revoked" || steward1[1].Kind != "revocation" {
		t.Fatalf("the steward's list: %+v", steward1)
	}

	// Against the platform server that holds the registry.
	mustRun(t, patientDir, "consent", "grant", "--study", "st", "--subject", "S2", "--permit", "GRU", "--until", until, "--sign-only", consentFile, "--deployment", domain.Deployment)
	mustRun(t, steward, "consent", "submit", consentFile)
	url, stop := startServe(t, steward, serveOptions{http: "127.0.0.1:0", shutdown: 10 * time.Second})
	defer stop()
	json.Unmarshal([]byte(mustRun(t, patientDir, "consent", "list", "--key", patient, "--server", url, "--json")), &list)
	if len(list) != 3 || list[2].Status != "in force" || list[0].Status != "revoked" || list[0].Manifest == "" {
		t.Fatalf("the server's list: %+v", list)
	}
	if h := mustRun(t, patientDir, "consent", "revoke", "--study", "st", "--subject", "S2", "--server", url); !strings.HasPrefix(h, "0x") {
		t.Fatalf("revoke through the server: %q", h)
	}
	json.Unmarshal([]byte(mustRun(t, patientDir, "consent", "list", "--key", patient, "--server", url, "--json")), &list)
	if len(list) != 4 || list[2].Status != "revoked" {
		t.Fatalf("after revoking through the server: %+v", list)
	}
}

func TestConsentStatus(t *testing.T) {
	now := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	c := func(from, until, limit time.Duration, mods ...string) *policies.Consent {
		return &policies.Consent{ValidFrom: now.Add(from), ValidUntil: now.Add(until), TimeLimit: now.Add(limit), Modifiers: mods}
	}
	for _, tc := range []struct {
		c               *policies.Consent
		latest, revoked bool
		want            string
	}{
		{c(-day, day, 0), true, false, "in force"},
		{c(-day, day, -time.Second, "TS"), true, false, "time limit passed"},
		{c(-day, day, time.Hour, "TS"), true, false, "in force"},
		{c(-2*day, -day, 0), true, false, "expired"},
		{c(day, 2*day, 0), true, false, "not yet valid"},
		{c(-day, day, 0), false, false, "superseded"},
		{c(-day, day, 0), false, true, "revoked"},
	} {
		if got := consentStatus(tc.c, tc.latest, tc.revoked, now); got != tc.want {
			t.Errorf("%+v latest %v revoked %v: %q, want %q", tc.c, tc.latest, tc.revoked, got, tc.want)
		}
	}
}

func TestOutcomeInWords(t *testing.T) {
	for in, want := range map[string]string{
		policies.Released:                 "your rows were released in the extract",
		"withheld: " + policies.NoConsent: "your rows were withheld: you had no consent in force for this study",
		"withheld: modifier NPU: the requester is not shown to be a non-profit": "your rows were withheld: your consent allows only non-profit use, and the requester did not show they are a non-profit",
		"withheld: consent expired; no permitted use covers the purpose":        "your rows were withheld: your consent had expired; your consent does not permit this kind of research",
	} {
		if got := outcomeInWords(in); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
}
