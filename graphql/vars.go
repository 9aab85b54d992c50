package graphql

import (
	"encoding/json"
	"fmt"
	"math"

	gql "github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// checkVariables refuses a variable whose JSON type is not its declared
// GraphQL type, naming it. graphql-go's String coerces anything with
// fmt's %v, so an object given for a String! would reach a resolver as
// "map[a:1]".
func (s *Server) checkVariables(doc *ast.Document, opName string, vars map[string]any) error {
	var op *ast.OperationDefinition
	for _, d := range doc.Definitions {
		if o, ok := d.(*ast.OperationDefinition); ok && (opName == "" || o.Name != nil && o.Name.Value == opName) {
			if op != nil && opName == "" {
				return nil // several operations and no name: execution says so
			}
			op = o
		}
	}
	if op == nil {
		return nil
	}
	for _, vd := range op.VariableDefinitions {
		if vd.Variable == nil || vd.Variable.Name == nil {
			continue
		}
		name := vd.Variable.Name.Value
		if v, ok := vars[name]; ok {
			if what := s.mismatch(vd.Type, v, 0); what != "" {
				return fmt.Errorf("variable $%s: want %s, got %s", name, typeString(vd.Type), what)
			}
		}
	}
	return nil
}

// mismatch describes v if it cannot be a value of t, or returns "".
func (s *Server) mismatch(t ast.Type, v any, depth int) string {
	if depth > 32 {
		return "a value nested too deep"
	}
	switch t := t.(type) {
	case *ast.NonNull:
		if v == nil {
			return "null"
		}
		return s.mismatch(t.Type, v, depth+1)
	case *ast.List:
		if v == nil {
			return ""
		}
		if l, ok := v.([]any); ok {
			for _, e := range l {
				if what := s.mismatch(t.Type, e, depth+1); what != "" {
					return "a list holding " + what
				}
			}
			return ""
		}
		return s.mismatch(t.Type, v, depth+1) // one value stands for a list of it
	case *ast.Named:
		if v == nil {
			return ""
		}
		named := s.schema.Type(t.Name.Value)
		switch t.Name.Value {
		case "String", "ID":
			if _, ok := v.(string); !ok {
				return describe(v)
			}
		case "Boolean":
			if _, ok := v.(bool); !ok {
				return describe(v)
			}
		case "Int", "Long":
			if !integral(v) {
				return describe(v)
			}
		case "Float":
			switch v.(type) {
			case json.Number, float64, int:
			default:
				return describe(v)
			}
		default:
			switch nt := named.(type) {
			case *gql.Enum:
				if _, ok := v.(string); !ok {
					return describe(v)
				}
			case *gql.InputObject:
				m, ok := v.(map[string]any)
				if !ok {
					return describe(v)
				}
				for k, fv := range m {
					f, ok := nt.Fields()[k]
					if !ok {
						return fmt.Sprintf("an object with a field %q %s has not", k, nt.Name())
					}
					if what := s.mismatch(astType(f.Type), fv, depth+1); what != "" {
						return fmt.Sprintf("%s in field %s", what, k)
					}
				}
			}
		}
	}
	return ""
}

// astType writes an input type back as syntax, for mismatch.
func astType(t gql.Input) ast.Type {
	switch t := t.(type) {
	case *gql.NonNull:
		return &ast.NonNull{Type: astType(t.OfType.(gql.Input))}
	case *gql.List:
		return &ast.List{Type: astType(t.OfType.(gql.Input))}
	}
	return &ast.Named{Name: &ast.Name{Value: t.Name()}}
}

func integral(v any) bool {
	switch v := v.(type) {
	case json.Number:
		_, err := v.Int64()
		return err == nil
	case float64:
		return v == math.Trunc(v) && math.Abs(v) < 1<<53
	case int:
		return true
	}
	return false
}

func describe(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64, int:
		return fmt.Sprintf("the number %v", v)
	case nil:
		return "null"
	case *Upload:
		return "a file"
	}
	return fmt.Sprintf("a %T", v)
}

func typeString(t ast.Type) string {
	switch t := t.(type) {
	case *ast.NonNull:
		return typeString(t.Type) + "!"
	case *ast.List:
		return "[" + typeString(t.Type) + "]"
	case *ast.Named:
		return t.Name.Value
	}
	return "?"
}
