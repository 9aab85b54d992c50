package graphql

import (
	"fmt"
	"sort"
	"strings"

	gql "github.com/graphql-go/graphql"
)

// builtin types graphql-go adds to every schema, not printed.
var builtin = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// SDL prints the schema in the GraphQL schema definition language, types
// sorted by name and fields in their declared order's sorted form, so the
// golden file changes only when the schema does. (graphql-go has no
// printer of its own.)
func (s *Server) SDL() string {
	var b strings.Builder
	tm := s.schema.TypeMap()
	names := make([]string, 0, len(tm))
	for n := range tm {
		if !strings.HasPrefix(n, "__") && !builtin[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	b.WriteString("schema {\n  query: Query\n  mutation: Mutation\n}\n")
	for _, n := range names {
		b.WriteString("\n")
		switch t := tm[n].(type) {
		case *gql.Object:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "type %s {\n", t.Name())
			fields := t.Fields()
			for _, fn := range sortedKeys(fields) {
				f := fields[fn]
				description(&b, "  ", f.Description)
				b.WriteString("  " + fn)
				if len(f.Args) > 0 {
					args := make([]string, len(f.Args))
					for i, a := range f.Args {
						args[i] = a.PrivateName + ": " + a.Type.String()
						if a.DefaultValue != nil {
							args[i] += fmt.Sprintf(" = %v", a.DefaultValue)
						}
					}
					sort.Strings(args)
					b.WriteString("(" + strings.Join(args, ", ") + ")")
				}
				b.WriteString(": " + f.Type.String() + "\n")
			}
			b.WriteString("}\n")
		case *gql.InputObject:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "input %s {\n", t.Name())
			fields := t.Fields()
			for _, fn := range sortedKeys(fields) {
				fmt.Fprintf(&b, "  %s: %s\n", fn, fields[fn].Type.String())
			}
			b.WriteString("}\n")
		case *gql.Enum:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "enum %s {\n", t.Name())
			vals := t.Values()
			sort.Slice(vals, func(i, j int) bool { return vals[i].Name < vals[j].Name })
			for _, v := range vals {
				description(&b, "  ", v.Description)
				fmt.Fprintf(&b, "  %s\n", v.Name)
			}
			b.WriteString("}\n")
		case *gql.Scalar:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "scalar %s\n", t.Name())
		}
	}
	return b.String()
}

func description(b *strings.Builder, indent, d string) {
	if d != "" {
		fmt.Fprintf(b, "%s\"\"\"%s\"\"\"\n", indent, d)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
