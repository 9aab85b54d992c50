package datasets

import (
	"errors"
	"strings"
	"testing"
)

const patientsDictionary = `version: 1
columns:
  - {name: patient_id, type: string, role: subject}
  - {name: full_name, type: string, role: name}
  - {name: street, type: string, role: geographic}
  - {name: zip, type: string, role: zip}
  - {name: birth_date, type: date, role: date}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [5, 10, 20]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: email, type: string, role: email}
  - {name: diagnosis, type: string, role: sensitive}
  - {name: hba1c, type: float, role: plain}
`

func TestParseDictionary(t *testing.T) {
	d, err := ParseDictionary([]byte(patientsDictionary))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Columns) != 10 || d.Schema().NumFields() != 10 {
		t.Fatalf("columns %d", len(d.Columns))
	}
	if c, _ := d.Column("age"); c.Hierarchy.Levels() != 3 {
		t.Errorf("age levels %d", c.Hierarchy.Levels())
	}
}

func TestDictionaryRejects(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"wrong version", "version: 2\ncolumns: [{name: a, type: string, role: plain}]", "version 2"},
		{"no columns", "version: 1\ncolumns: []", "no columns"},
		{"unknown field", "version: 1\ncolumns: [{name: a, type: string, role: plain, colour: red}]", "colour"},
		{"unknown role", "version: 1\ncolumns: [{name: a, type: string, role: secret}]", "unknown role"},
		{"unknown type", "version: 1\ncolumns: [{name: a, type: blob, role: plain}]", "unknown type"},
		{"twice", "version: 1\ncolumns: [{name: a, type: string, role: plain}, {name: a, type: int, role: plain}]", "declared twice"},
		{"quasi without hierarchy", "version: 1\ncolumns: [{name: a, type: int, role: quasi-identifier}]", "needs a hierarchy"},
		{"two hierarchy kinds", "version: 1\ncolumns: [{name: a, type: int, role: quasi-identifier, hierarchy: {bands: [5], mask: [1]}}]", "exactly one"},
		{"bands on strings", "version: 1\ncolumns: [{name: a, type: string, role: quasi-identifier, hierarchy: {bands: [5]}}]", "numeric bands"},
		{"narrowing bands", "version: 1\ncolumns: [{name: a, type: int, role: quasi-identifier, hierarchy: {bands: [10, 5]}}]", "widening"},
		{"bad date level", "version: 1\ncolumns: [{name: a, type: date, role: quasi-identifier, hierarchy: {dates: [year, month]}}]", "coarser"},
		{"two subjects", "version: 1\ncolumns: [{name: a, type: string, role: subject}, {name: b, type: string, role: subject}]", "subject columns"},
		{"age as string", "version: 1\ncolumns: [{name: a, type: string, role: age}]", "int or float"},
		{"not yaml", "{{{", "data dictionary"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseDictionary([]byte(c.yaml))
			if !errors.Is(err, ErrDictionary) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestDictionaryMatch(t *testing.T) {
	d, _ := ParseDictionary([]byte(patientsDictionary))
	all := []string{"patient_id", "full_name", "street", "zip", "birth_date", "age", "sex", "email", "diagnosis", "hba1c"}
	if err := d.Match(all); err != nil {
		t.Errorf("full header: %v", err)
	}
	if err := d.Match(append(all, "notes")); err == nil || !strings.Contains(err.Error(), "undeclared columns notes") {
		t.Errorf("undeclared column: %v", err)
	}
	if err := d.Match(all[1:]); err == nil || !strings.Contains(err.Error(), "missing from the data: patient_id") {
		t.Errorf("missing column: %v", err)
	}
}
