package graphql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/lexer"
	"github.com/graphql-go/graphql/language/source"
)

// The request budget. graphql-go's parser and validator recurse over the
// document and several of its rules are quadratic in it, and its
// validator follows fragment spreads without noticing a cycle (a 44-byte
// query overflows the stack, which kills the process). So a query is
// measured twice before graphql-go sees it, each time in one linear pass:
// its text by the lexer (size, tokens, bracket nesting), then its syntax
// tree (aliases, fragments, spreads, cycles, depth and cost, fragments
// costed once each and reused).

// defaultPage is the page size assumed for a list whose size is not a
// literal (a variable, or no argument): the most a page may hold.
const defaultPage = maxPage

// mutationCost is what each mutation field costs, aliased or not: a
// request of a thousand aliased siweNonce is a thousand sign-ins.
const mutationCost = 100

// limits are a server's budget per query, defaults filled in.
type limits struct {
	bytes, tokens, nesting      int
	aliases, fragments, spreads int
	depth, complexity           int
}

// budgetError is a query refused by the budget, before validation.
func budgetError(format string, args ...any) error {
	return coded(CodeBadUserInput, fmt.Errorf(format, args...))
}

// scan lexes the query once, counting tokens and bracket nesting, and
// stops at the first limit passed. A lexical error is left to the parser,
// which reports it with its position.
func (l *limits) scan(query string) error {
	if len(query) > l.bytes {
		return budgetError("query is %d bytes, the limit is %d", len(query), l.bytes)
	}
	next := lexer.Lex(source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"}))
	nesting := 0
	for n := 1; ; n++ {
		tok, err := next(0)
		if err != nil || tok.Kind == lexer.EOF {
			return nil
		}
		if n > l.tokens {
			return budgetError("query has more than %d tokens", l.tokens)
		}
		switch tok.Kind {
		case lexer.BRACE_L, lexer.BRACKET_L, lexer.PAREN_L:
			if nesting++; nesting > l.nesting {
				return budgetError("query nests brackets more than %d deep", l.nesting)
			}
		case lexer.BRACE_R, lexer.BRACKET_R, lexer.PAREN_R:
			nesting--
		}
	}
}

// shape is what measure finds in a document.
type shape struct {
	depth, complexity int
	mutation          bool
}

// fragInfo is a fragment's measure, relative to where it is spread.
type fragInfo struct {
	depth, cost       int
	introDepth, lists int
	state             int8 // 0 unvisited, 1 on the path, 2 done
	def               *ast.FragmentDefinition
}

// measure walks a parsed document once: it counts aliases, fragments and
// spreads, refuses fragment cycles by name, and returns the deepest
// nesting of fields and the cost, each fragment measured once. A field
// costs 1, times the page size (first, a literal) of every list field
// above it; a mutation field costs mutationCost. Introspection reads the
// schema, not the data, and GraphiQL's own query nests ofType eight
// deep: it is bounded by how many lists it nests instead.
func (l *limits) measure(doc *ast.Document) (shape, error) {
	var sh shape
	frags := map[string]*fragInfo{}
	aliases, spreads, defined := 0, 0, 0
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			if defined++; defined > l.fragments {
				return sh, budgetError("query defines more than %d fragments", l.fragments)
			}
			if frags[f.Name.Value] == nil {
				frags[f.Name.Value] = &fragInfo{def: f}
			}
		}
	}
	// Count in one pass over the text of every definition (spreads are not
	// followed here).
	var count func(ss *ast.SelectionSet) error
	count = func(ss *ast.SelectionSet) error {
		if ss == nil {
			return nil
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Alias != nil {
					if aliases++; aliases > l.aliases {
						return budgetError("query has more than %d aliases", l.aliases)
					}
				}
				if err := count(sel.SelectionSet); err != nil {
					return err
				}
			case *ast.InlineFragment:
				if err := count(sel.SelectionSet); err != nil {
					return err
				}
			case *ast.FragmentSpread:
				if spreads++; spreads > l.spreads {
					return budgetError("query spreads fragments more than %d times", l.spreads)
				}
			}
		}
		return nil
	}
	for _, d := range doc.Definitions {
		var ss *ast.SelectionSet
		switch d := d.(type) {
		case *ast.OperationDefinition:
			ss = d.SelectionSet
		case *ast.FragmentDefinition:
			ss = d.SelectionSet
		}
		if err := count(ss); err != nil {
			return sh, err
		}
	}

	// Fragments are measured on first use, depth first; meeting one that
	// is still on the path is a cycle.
	var path []string
	var walk func(ss *ast.SelectionSet) (depth, cost int, err error)
	var intro func(ss *ast.SelectionSet) (depth, lists int)
	var fragment func(name string) (*fragInfo, error)
	fragment = func(name string) (*fragInfo, error) {
		f := frags[name]
		if f == nil {
			return nil, nil // unknown: validation names it
		}
		switch f.state {
		case 2:
			return f, nil
		case 1:
			i := len(path) - 1
			for i > 0 && path[i] != name {
				i--
			}
			return nil, budgetError("fragment %s spreads itself (%s → %s)", name, strings.Join(path[i:], " → "), name)
		}
		f.state = 1
		path = append(path, name)
		d, c, err := walk(f.def.SelectionSet)
		if err != nil {
			return nil, err
		}
		f.introDepth, f.lists = intro(f.def.SelectionSet)
		path = path[:len(path)-1]
		f.depth, f.cost, f.state = d, c, 2
		return f, nil
	}
	intro = func(ss *ast.SelectionSet) (depth, lists int) {
		if ss == nil {
			return 0, 0
		}
		for _, sel := range ss.Selections {
			var d, l int
			switch sel := sel.(type) {
			case *ast.Field:
				d, l = intro(sel.SelectionSet)
				d++
				if introspectionLists[sel.Name.Value] {
					l++
				}
			case *ast.InlineFragment:
				d, l = intro(sel.SelectionSet)
			case *ast.FragmentSpread:
				// Measured already: walk reaches every spread first.
				if f := frags[sel.Name.Value]; f != nil && f.state == 2 {
					d, l = f.introDepth, f.lists
				}
			}
			depth, lists = max(depth, d), max(lists, l)
		}
		return depth, lists
	}
	walk = func(ss *ast.SelectionSet) (depth, cost int, err error) {
		if ss == nil {
			return 0, 0, nil
		}
		for _, sel := range ss.Selections {
			var d, c int
			switch sel := sel.(type) {
			case *ast.Field:
				sd, sc, err := walk(sel.SelectionSet)
				if err != nil {
					return 0, 0, err
				}
				if strings.HasPrefix(sel.Name.Value, "__") {
					if d, l := intro(sel.SelectionSet); l > introLists || d > introDepth {
						return 0, 0, budgetError("introspection may nest at most %d lists and %d levels", introLists, introDepth)
					}
					continue
				}
				d, c = 1+sd, sat(1+sat(pageOf(sel)*sc))
			case *ast.InlineFragment:
				if d, c, err = walk(sel.SelectionSet); err != nil {
					return 0, 0, err
				}
			case *ast.FragmentSpread:
				f, err := fragment(sel.Name.Value)
				if err != nil {
					return 0, 0, err
				}
				if f != nil {
					d, c = f.depth, f.cost
				}
			}
			depth, cost = max(depth, d), sat(cost+c)
		}
		return depth, cost, nil
	}
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		d, c, err := walk(op.SelectionSet)
		if err != nil {
			return sh, err
		}
		if op.Operation == ast.OperationTypeMutation {
			sh.mutation = true
			c = sat(c + (mutationCost-1)*len(op.SelectionSet.Selections))
		}
		sh.depth, sh.complexity = max(sh.depth, d), sat(sh.complexity+c)
	}
	// A fragment no operation spreads is still checked for cycles: the
	// validator would follow it too.
	for name := range frags {
		if _, err := fragment(name); err != nil {
			return sh, err
		}
	}
	if sh.depth > l.depth {
		return sh, budgetError("query is %d levels deep, the limit is %d", sh.depth, l.depth)
	}
	if sh.complexity > l.complexity {
		return sh, budgetError("query costs %d, the limit is %d", sh.complexity, l.complexity)
	}
	return sh, nil
}

// sat saturates a cost at 2^30, so no product overflows.
func sat(n int) int { return min(n, 1<<30) }

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

// listFields are the fields that return many objects, and so multiply
// the cost of what is selected under them.
var listFields = map[string]bool{
	"manifests": true, "edges": false, "versions": true, "corrections": true,
	"consents": true, "accessLog": true, "files": true, "authors": true,
	"grants": true, "rounds": true,
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
