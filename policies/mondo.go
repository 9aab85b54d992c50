package policies

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// An Ontology is a disease hierarchy (MONDO's is_a relations) that DS
// consents are matched against. Which release is used is the user's
// choice, and it is recorded in every decision.
type Ontology struct {
	Release string              // the release's version, or the file's hash when it has none
	parents map[string][]string // term -> is_a parents
	labels  map[string]string
}

// LoadOntology reads a MONDO release: the official mondo.obo or
// mondo.json (OBO Graphs), or a table of "id<TAB>label<TAB>parents" lines
// (parents comma-separated; lines starting with # are comments).
func LoadOntology(path string) (*Ontology, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("policies: ontology: %w", err)
	}
	defer f.Close()
	return readOntology(path, f)
}

// DemoOntology returns the small MONDO subset built in (mondo-demo.tsv):
// enough for the demo and the examples, not for a real study.
func DemoOntology() *Ontology { return demoOntology() }

// demoOntology parses the subset once; an Ontology is only read after it
// is loaded.
var demoOntology = sync.OnceValue(func() *Ontology {
	o, err := readOntology("mondo-demo.tsv", strings.NewReader(demoMONDO))
	if err != nil {
		panic(err)
	}
	return o
})

func readOntology(path string, f io.Reader) (*Ontology, error) {
	var err error
	h := sha256.New()
	r := io.TeeReader(f, h)
	o := &Ontology{parents: map[string][]string{}, labels: map[string]string{}}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".obo":
		err = o.readOBO(r)
	case ".json":
		err = o.readJSON(r)
	default:
		err = o.readTable(r)
	}
	if err != nil {
		return nil, fmt.Errorf("policies: ontology %s: %w", path, err)
	}
	io.Copy(io.Discard, r)
	if o.Release == "" {
		o.Release = "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
	}
	if len(o.labels) == 0 {
		return nil, fmt.Errorf("policies: ontology %s: no terms", path)
	}
	return o, nil
}

func (o *Ontology) readTable(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if rel, ok := strings.CutPrefix(line, "# release: "); ok && o.Release == "" {
			o.Release = strings.TrimSpace(rel)
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[0], "MONDO:") {
			return fmt.Errorf("line %d: want id, label and parents separated by tabs", n)
		}
		o.labels[f[0]] = f[1]
		if len(f) > 2 && f[2] != "" {
			o.parents[f[0]] = strings.Split(f[2], ",")
		}
	}
	return sc.Err()
}

func (o *Ontology) readOBO(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var id string
	inTerm := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "["):
			inTerm, id = line == "[Term]", ""
		case strings.HasPrefix(line, "data-version: ") && o.Release == "":
			o.Release = strings.TrimPrefix(line, "data-version: ")
		case !inTerm:
		case strings.HasPrefix(line, "id: "):
			id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "name: ") && strings.HasPrefix(id, "MONDO:"):
			o.labels[id] = strings.TrimPrefix(line, "name: ")
		case strings.HasPrefix(line, "is_a: ") && strings.HasPrefix(id, "MONDO:"):
			p, _, _ := strings.Cut(strings.TrimPrefix(line, "is_a: "), " ")
			if strings.HasPrefix(p, "MONDO:") {
				o.parents[id] = append(o.parents[id], p)
			}
		}
	}
	return sc.Err()
}

func (o *Ontology) readJSON(r io.Reader) error {
	var doc struct {
		Graphs []struct {
			Meta struct {
				Version string `json:"version"`
			} `json:"meta"`
			Nodes []struct {
				ID  string `json:"id"`
				Lbl string `json:"lbl"`
			} `json:"nodes"`
			Edges []struct {
				Sub, Pred, Obj string
			} `json:"edges"`
		} `json:"graphs"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return err
	}
	curie := func(iri string) string {
		if s, ok := strings.CutPrefix(iri, "http://purl.obolibrary.org/obo/MONDO_"); ok {
			return "MONDO:" + s
		}
		return iri
	}
	for _, g := range doc.Graphs {
		if o.Release == "" {
			o.Release = g.Meta.Version
		}
		for _, n := range g.Nodes {
			if id := curie(n.ID); strings.HasPrefix(id, "MONDO:") {
				o.labels[id] = n.Lbl
			}
		}
		for _, e := range g.Edges {
			if e.Pred == "is_a" {
				sub, obj := curie(e.Sub), curie(e.Obj)
				if strings.HasPrefix(sub, "MONDO:") && strings.HasPrefix(obj, "MONDO:") {
					o.parents[sub] = append(o.parents[sub], obj)
				}
			}
		}
	}
	return nil
}

// Label returns a term's name.
func (o *Ontology) Label(id string) (string, bool) {
	l, ok := o.labels[id]
	return l, ok
}

// Lineage returns id and every term above it, sorted: what a DS consent
// must name one of to cover research on id.
func (o *Ontology) Lineage(id string) ([]string, error) {
	if _, ok := o.labels[id]; !ok {
		return nil, fmt.Errorf("policies: %s is not a term of MONDO release %s", id, o.Release)
	}
	seen := map[string]bool{id: true}
	stack := []string{id}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range o.parents[t] {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out, nil
}
