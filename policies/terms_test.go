package policies

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCheckTerms(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	o := DemoOntology()
	for _, tc := range []struct {
		name string
		edit func(c *Consent)
		ok   bool
	}{
		{"example", func(c *Consent) {}, true},
		{"disease not in the release", func(c *Consent) { c.Diseases = []string{"MONDO:9999999"} }, false},
		{"one of two diseases not in the release", func(c *Consent) { c.Diseases = []string{"MONDO:0005015", "MONDO:9999999"} }, false},
		{"TS already past", func(c *Consent) { c.TimeLimit = now.Add(-time.Hour) }, false},
		{"TS before the start", func(c *Consent) { c.ValidFrom = now.Add(48 * time.Hour); c.TimeLimit = now.Add(24 * time.Hour) }, false},
		{"validity already past", func(c *Consent) { c.ValidUntil = now.Add(-time.Hour) }, false},
		{"region a country", func(c *Consent) { c.Modifiers = append(c.Modifiers, "GS"); c.Region = "de" }, true},
		{"region a region", func(c *Consent) { c.Modifiers = append(c.Modifiers, "GS"); c.Region = "Eea" }, true},
		{"region unknown", func(c *Consent) { c.Modifiers = append(c.Modifiers, "GS"); c.Region = "Atlantis" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := exampleConsent()
			tc.edit(c)
			err := c.CheckTerms(o, now)
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalidConsent)) {
				t.Fatalf("CheckTerms = %v", err)
			}
		})
	}
}

func TestParseTimeLimit(t *testing.T) {
	start := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2027-12-31":              time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC),
		"12 months":               time.Date(2027, 12, 6, 10, 0, 0, 0, time.UTC),
		"12 months from approval": time.Date(2027, 12, 6, 10, 0, 0, 0, time.UTC),
		"12 Months from start":    time.Date(2027, 12, 6, 10, 0, 0, 0, time.UTC),
		"90 days":                 start.AddDate(0, 0, 90),
		"2 years":                 start.AddDate(2, 0, 0),
		"1 week":                  start.AddDate(0, 0, 7),
		"P12M":                    time.Date(2027, 12, 6, 10, 0, 0, 0, time.UTC),
		"P1Y":                     start.AddDate(1, 0, 0),
		"2027-06-01T12:00:00Z":    time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC),
	} {
		got, err := ParseTimeLimit(in, start)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTimeLimit(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"soon", "0 months", "12 fortnights", "PT12M", "-3 days", "99999 years"} {
		if _, err := ParseTimeLimit(in, start); err == nil {
			t.Errorf("ParseTimeLimit(%q) accepted", in)
		}
	}
}

// TestRequestInput checks what reaches the policy: every disease with its
// own lineage, the region in canonical case (an unknown one refused), and
// the methods purpose as methods development.
func TestRequestInput(t *testing.T) {
	o := DemoOntology()
	in, err := (&Request{Purpose: "disease", Diseases: []string{"MONDO:0004992", "MONDO:0005148"}, Region: "de"}).Input(o)
	if err != nil {
		t.Fatal(err)
	}
	if ls := in["disease_lineages"].([]any); len(ls) != 2 || in["region"] != "DE" {
		t.Fatalf("input %v", in)
	}
	for _, r := range []Request{
		{Purpose: "hmb", Region: "Germany"},
		{Purpose: "disease", Diseases: []string{"MONDO:0005148", "MONDO:9999999"}},
		{Purpose: "methods", MethodsDevelopment: new(bool)},
	} {
		if _, err := r.Input(o); !errors.Is(err, ErrBadRequest) {
			t.Errorf("%+v: %v", r, err)
		}
	}
	r := Request{Purpose: "methods"}
	in, err = r.Input(o)
	if err != nil || in["methods_development"] != true || r.MethodsDevelopment != nil {
		t.Fatalf("methods: %v %v (caller's request %+v)", in, err, r)
	}
}

// TestRegionsThroughPolicy runs GS consents through the default bundle
// with its shipped region data.
func TestRegionsThroughPolicy(t *testing.T) {
	p, err := DefaultPolicy()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		consent, request string
		allow            bool
	}{
		{"EU", "DE", true}, {"EU", "de", true}, {"eu", "EU", true}, {"EU", "NO", false}, {"EEA", "no", true},
		{"EEA", "EU", true}, {"EU", "EEA", false}, {"DE", "EU", false}, {"Europe", "CH", true}, {"ASIA", "JP", true},
		{"North America", "US", true}, {"Africa", "US", false},
	} {
		c := exampleConsent()
		c.Uses, c.Diseases, c.Modifiers, c.TimeLimit, c.Region = []string{"GRU"}, nil, []string{"GS"}, time.Time{}, tc.consent
		req, err := (&Request{Purpose: "research", Region: tc.request, Time: at}).Input(nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := p.Decide(context.Background(), req, c.Input())
		if err != nil {
			t.Fatal(err)
		}
		if d.Allow != tc.allow {
			t.Errorf("GS(%s) for %s: %+v", tc.consent, tc.request, d)
		}
	}
}
