package policies

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// sharedMONDO finds the MONDO is_a table the tests use in place, never
// copied into the repository: $DESCI_MONDO, else shared/mondo/mondo-is-a.tsv
// in a directory above this one (the workspace's ../shared).
func sharedMONDO() string {
	if p := os.Getenv("DESCI_MONDO"); p != "" {
		return p
	}
	dir, _ := filepath.Abs(".")
	for {
		p := filepath.Join(dir, "shared", "mondo", "mondo-is-a.tsv")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func loadShared(t *testing.T) *Ontology {
	t.Helper()
	p := sharedMONDO()
	if p == "" {
		t.Skip("no MONDO table: set DESCI_MONDO to a mondo.obo, mondo.json or is_a table")
	}
	o, err := LoadOntology(p)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestMONDOLineage(t *testing.T) {
	o := loadShared(t)
	for _, tc := range []struct {
		term, above string
		under       bool
	}{
		{"MONDO:0005061", "MONDO:0008903", true},  // lung adenocarcinoma under lung cancer
		{"MONDO:0005148", "MONDO:0005015", true},  // type 2 diabetes under diabetes mellitus
		{"MONDO:0005105", "MONDO:0004992", false}, // melanoma is not under cancer in this release
		{"MONDO:0005015", "MONDO:0005148", false}, // never the other way
	} {
		l, err := o.Lineage(tc.term)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(l, tc.above) != tc.under {
			t.Errorf("%s under %s: got %v, want %v", tc.term, tc.above, !tc.under, tc.under)
		}
	}
	if _, err := o.Lineage("MONDO:9999999"); err == nil {
		t.Error("an unknown term has a lineage")
	}
}

func TestOBOAndJSON(t *testing.T) {
	dir := t.TempDir()
	obo := filepath.Join(dir, "mondo.obo")
	os.WriteFile(obo, []byte("format-version: 1.2\ndata-version: releases/2026-11-01\n\n[Term]\nid: MONDO:0005015\nname: diabetes mellitus\n\n[Term]\nid: MONDO:0005148\nname: type 2 diabetes mellitus\nis_a: MONDO:0005015 ! diabetes mellitus\n\n[Typedef]\nid: part_of\n"), 0o644)
	js := filepath.Join(dir, "mondo.json")
	os.WriteFile(js, []byte(`{"graphs":[{"meta":{"version":"http://purl.obolibrary.org/obo/mondo/releases/2026-11-01/mondo.json"},
		"nodes":[{"id":"http://purl.obolibrary.org/obo/MONDO_0005015","lbl":"diabetes mellitus"},{"id":"http://purl.obolibrary.org/obo/MONDO_0005148","lbl":"type 2 diabetes mellitus"}],
		"edges":[{"sub":"http://purl.obolibrary.org/obo/MONDO_0005148","pred":"is_a","obj":"http://purl.obolibrary.org/obo/MONDO_0005015"}]}]}`), 0o644)
	for _, p := range []string{obo, js} {
		o, err := LoadOntology(p)
		if err != nil {
			t.Fatal(err)
		}
		if l, _ := o.Lineage("MONDO:0005148"); !slices.Equal(l, []string{"MONDO:0005015", "MONDO:0005148"}) || o.Release == "" {
			t.Errorf("%s: lineage %v release %q", p, l, o.Release)
		}
	}
}

// TestDSThroughPolicy runs a signed-style consent through the default
// bundle with lineages from the real MONDO table.
func TestDSThroughPolicy(t *testing.T) {
	o := loadShared(t)
	b, _ := DefaultBundle()
	p, err := Compile(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	c := exampleConsent() // DS diabetes mellitus, NPU, TS end of 2027
	at := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, tc := range []struct {
		diseases []string
		allow    bool
	}{
		{[]string{"MONDO:0005148"}, true},
		{[]string{"MONDO:0005015"}, true},
		{[]string{"MONDO:0005061"}, false},
		// Every disease of a request must be covered, in any order.
		{[]string{"MONDO:0005148", "MONDO:0005015"}, true},
		{[]string{"MONDO:0005148", "MONDO:0005061"}, false},
		{[]string{"MONDO:0005061", "MONDO:0005148"}, false},
	} {
		yes := true
		r := Request{Purpose: "disease", Diseases: tc.diseases, Time: time.Unix(at, 0), Nonprofit: &yes}
		req, err := r.Input(o)
		if err != nil {
			t.Fatal(err)
		}
		d, err := p.Decide(context.Background(), req, c.Input())
		if err != nil {
			t.Fatal(err)
		}
		if d.Allow != tc.allow {
			t.Errorf("%s: %+v", tc.diseases, d)
		}
	}
}
