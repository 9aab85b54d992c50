package graphql

import (
	"strconv"
	"strings"

	"github.com/graphql-go/graphql/language/ast"
)

// defaultPage is the page size assumed for a list whose size is not a
// literal (a variable, or no argument): the most a page may hold.
const defaultPage = maxPage

// cost returns a validated document's deepest nesting and its complexity:
// each field costs 1, times the page size (first, a literal) of every
// list field above it. Fragments are inlined; validation has already
// refused cycles.
func cost(doc *ast.Document) (depth, complexity int, mutation bool) {
	frags := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	var walk func(ss *ast.SelectionSet, level, mult int) (int, int)
	walk = func(ss *ast.SelectionSet, level, mult int) (int, int) {
		if ss == nil {
			return level, 0
		}
		deepest, sum := level, 0
		add := func(d, c int) {
			if d > deepest {
				deepest = d
			}
			sum += c
			if sum > 1<<30 {
				sum = 1 << 30
			}
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if strings.HasPrefix(sel.Name.Value, "__") {
					// Introspection reads the schema, not the data, and
					// GraphiQL's own query nests ofType eight deep: it is
					// bounded by how many lists it nests instead.
					if d, l := introspection(sel.SelectionSet, frags, 0); l > introLists || d > introDepth {
						add(1<<20, 1<<30)
					}
					continue
				}
				m := mult
				if sel.SelectionSet != nil {
					m = mult * pageOf(sel)
					if m > 1<<30 {
						m = 1 << 30
					}
				}
				d, c := walk(sel.SelectionSet, level+1, m)
				add(d, c+mult)
			case *ast.InlineFragment:
				add(walk(sel.SelectionSet, level, mult))
			case *ast.FragmentSpread:
				if f := frags[sel.Name.Value]; f != nil {
					add(walk(f.SelectionSet, level, mult))
				}
			}
		}
		return deepest, sum
	}
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if op.Operation == ast.OperationTypeMutation {
			mutation = true
		}
		d, c := walk(op.SelectionSet, 0, 1)
		if d > depth {
			depth = d
		}
		complexity += c
	}
	return depth, complexity, mutation
}

// Introspection may nest this many lists (GraphiQL's query: types,
// fields, args) and this many levels (ofType chains).
const (
	introLists = 3
	introDepth = 16
)

var introspectionLists = map[string]bool{
	"types": true, "fields": true, "inputFields": true, "interfaces": true,
	"enumValues": true, "possibleTypes": true, "args": true, "directives": true,
}

// introspection returns the depth and the deepest nesting of lists under
// an introspection field.
func introspection(ss *ast.SelectionSet, frags map[string]*ast.FragmentDefinition, seen int) (depth, lists int) {
	if ss == nil || seen > 64 {
		return 0, 0
	}
	for _, sel := range ss.Selections {
		var d, l int
		switch sel := sel.(type) {
		case *ast.Field:
			d, l = introspection(sel.SelectionSet, frags, seen+1)
			d++
			if introspectionLists[sel.Name.Value] {
				l++
			}
		case *ast.InlineFragment:
			d, l = introspection(sel.SelectionSet, frags, seen+1)
		case *ast.FragmentSpread:
			if f := frags[sel.Name.Value]; f != nil {
				d, l = introspection(f.SelectionSet, frags, seen+1)
			}
		}
		depth, lists = max(depth, d), max(lists, l)
	}
	return depth, lists
}

// listFields are the fields that return many objects, and so multiply
// the cost of what is selected under them.
var listFields = map[string]bool{
	"manifests": true, "edges": false, "versions": true, "corrections": true,
	"consents": true, "accessLog": true, "files": true, "authors": true,
}

func pageOf(f *ast.Field) int {
	name := f.Name.Value
	if !listFields[name] {
		return 1
	}
	for _, a := range f.Arguments {
		if a.Name.Value != "first" {
			continue
		}
		if v, ok := a.Value.(*ast.IntValue); ok {
			if n, err := strconv.Atoi(v.Value); err == nil && n >= 0 {
				return max(n, 1)
			}
		}
	}
	if name == "manifests" {
		return defaultPage
	}
	return 10 // a manifest's own lists: files, versions, corrections
}
