package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"unicode"

	"github.com/apache/arrow/go/v17/arrow"
	"gopkg.in/yaml.v3"
)

// ErrDictionary wraps every reason a data dictionary is refused.
var ErrDictionary = errors.New("datasets: data dictionary")

// A Role says what a column is, for de-identification.
type Role string

// The 18 HIPAA Safe Harbor identifier classes (45 CFR 164.514(b)(2)), as
// roles. Geographic units and dates each come in two roles because the rule
// treats a ZIP code and an age differently from the rest of their class.
const (
	RoleName          Role = "name"
	RoleGeographic    Role = "geographic" // street, city, county, precinct...: dropped
	RoleZIP           Role = "zip"        // kept to the first three digits, or 000
	RoleDate          Role = "date"       // dates related to a person: kept to the year
	RoleAge           Role = "age"        // ages: over 89 become one 90+ group
	RolePhone         Role = "phone"
	RoleFax           Role = "fax"
	RoleEmail         Role = "email"
	RoleSSN           Role = "ssn"
	RoleMRN           Role = "medical-record-number"
	RoleHealthPlan    Role = "health-plan-number"
	RoleAccount       Role = "account-number"
	RoleLicense       Role = "license-number"
	RoleVehicle       Role = "vehicle-id"
	RoleDevice        Role = "device-id"
	RoleURL           Role = "url"
	RoleIP            Role = "ip-address"
	RoleBiometric     Role = "biometric-id"
	RolePhoto         Role = "full-face-photo"
	RoleOtherUniqueID Role = "other-unique-id"

	// RoleSubject is the study's pseudonymous subject key, which consents
	// attach to; extracts carry a keyed pseudonym of it.
	RoleSubject Role = "subject"
	// RoleQuasi columns are generalized along their hierarchy for k-anonymity.
	RoleQuasi Role = "quasi-identifier"
	// RoleSensitive columns are kept, and may be held to l-diversity.
	RoleSensitive Role = "sensitive"
	// RolePlain columns are kept as they are.
	RolePlain Role = "plain"
)

// IdentifierRoles are the Safe Harbor identifier roles.
var IdentifierRoles = []Role{
	RoleName, RoleGeographic, RoleZIP, RoleDate, RoleAge, RolePhone, RoleFax, RoleEmail, RoleSSN, RoleMRN,
	RoleHealthPlan, RoleAccount, RoleLicense, RoleVehicle, RoleDevice, RoleURL, RoleIP, RoleBiometric,
	RolePhoto, RoleOtherUniqueID,
}

// IsIdentifier reports whether r is one of the Safe Harbor identifier roles.
func (r Role) IsIdentifier() bool {
	for _, id := range IdentifierRoles {
		if r == id {
			return true
		}
	}
	return false
}

func (r Role) valid() bool {
	switch r {
	case RoleSubject, RoleQuasi, RoleSensitive, RolePlain:
		return true
	}
	return r.IsIdentifier()
}

// A Type is a column's value type.
type Type string

// Column types and the Arrow types they read as.
const (
	TypeString    Type = "string"
	TypeInt       Type = "int"
	TypeFloat     Type = "float"
	TypeBool      Type = "bool"
	TypeDate      Type = "date"      // YYYY-MM-DD
	TypeTimestamp Type = "timestamp" // RFC 3339
)

// Arrow returns the Arrow type a column of type t is read as.
func (t Type) Arrow() (arrow.DataType, error) {
	switch t {
	case TypeString:
		return arrow.BinaryTypes.String, nil
	case TypeInt:
		return arrow.PrimitiveTypes.Int64, nil
	case TypeFloat:
		return arrow.PrimitiveTypes.Float64, nil
	case TypeBool:
		return arrow.FixedWidthTypes.Boolean, nil
	case TypeDate:
		return arrow.FixedWidthTypes.Date32, nil
	case TypeTimestamp:
		return &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, nil
	}
	return nil, fmt.Errorf("%w: %s", ErrDictionary, unknownType(t))
}

func unknownType(t Type) string {
	return fmt.Sprintf("unknown type %q (want string, int, float, bool, date or timestamp)", t)
}

// Hierarchy is how a quasi-identifier is generalized, level by level; past
// the last level a value is suppressed ("*"). Exactly one kind is set.
type Hierarchy struct {
	// Bands are widths of numeric bands, one per level: [5, 10, 20] turns
	// 37 into 35-39, then 30-39, then 20-39.
	Bands []float64 `yaml:"bands,omitempty" json:"bands,omitempty"`
	// Dates are truncations, one per level: month, year, decade.
	Dates []string `yaml:"dates,omitempty" json:"dates,omitempty"`
	// Mask is how many trailing characters each level replaces with "*":
	// [1, 2] turns 02139 into 0213*, then 021**.
	Mask []int `yaml:"mask,omitempty" json:"mask,omitempty"`
	// Map is an explicit value map per level; values not in a level's map
	// are suppressed at that level.
	Map []map[string]string `yaml:"map,omitempty" json:"map,omitempty"`
}

// Levels is the number of generalization levels above the raw value.
func (h *Hierarchy) Levels() int {
	return len(h.Bands) + len(h.Dates) + len(h.Mask) + len(h.Map)
}

func (h *Hierarchy) validate(c Column) error {
	kinds := 0
	for _, n := range []int{len(h.Bands), len(h.Dates), len(h.Mask), len(h.Map)} {
		if n > 0 {
			kinds++
		}
	}
	if kinds != 1 {
		return fmt.Errorf("column %q: a hierarchy has exactly one of bands, dates, mask or map", c.Name)
	}
	switch {
	case len(h.Bands) > 0:
		if c.Type != TypeInt && c.Type != TypeFloat {
			return fmt.Errorf("column %q: numeric bands need an int or float column", c.Name)
		}
		for i, b := range h.Bands {
			if b <= 0 || (i > 0 && b <= h.Bands[i-1]) {
				return fmt.Errorf("column %q: bands must be positive and widening", c.Name)
			}
		}
	case len(h.Dates) > 0:
		if c.Type != TypeDate && c.Type != TypeTimestamp {
			return fmt.Errorf("column %q: date truncation needs a date or timestamp column", c.Name)
		}
		order := map[string]int{"month": 1, "year": 2, "decade": 3}
		prev := 0
		for _, d := range h.Dates {
			o, ok := order[d]
			if !ok || o <= prev {
				return fmt.Errorf("column %q: date levels are month, year, decade, coarser each time", c.Name)
			}
			prev = o
		}
	case len(h.Mask) > 0:
		for i, m := range h.Mask {
			if m <= 0 || (i > 0 && m <= h.Mask[i-1]) {
				return fmt.Errorf("column %q: mask lengths must be positive and growing", c.Name)
			}
		}
	}
	return nil
}

// A Column describes one column of a dataset.
type Column struct {
	Name        string     `yaml:"name" json:"name"`
	Type        Type       `yaml:"type" json:"type"`
	Role        Role       `yaml:"role" json:"role"`
	Description string     `yaml:"description,omitempty" json:"description,omitempty"`
	Hierarchy   *Hierarchy `yaml:"hierarchy,omitempty" json:"hierarchy,omitempty"`
	// NotQuasi, on a zip, date or age column, is why the column cannot
	// link a person: it is then left out of k-anonymity and the risk
	// report, and the reason travels in every extract's provenance (the
	// settings carry the dictionary). Empty means the column counts as a
	// quasi-identifier, as every delivered column that can link does.
	NotQuasi string `yaml:"not-quasi-identifier,omitempty" json:"not-quasi-identifier,omitempty"`
}

// isAge reports whether c holds ages, which Safe Harbor top-codes at 90:
// the age role, or a kept column whose name has the word "age" in it
// (age, age_at_visit, AgeYears), whatever role it was declared with.
func (c Column) isAge() bool {
	switch c.Role {
	case RoleAge:
		return true
	case RoleQuasi, RolePlain, RoleSensitive:
		return namedAge(c.Name)
	}
	return false
}

// namedAge reports whether name has the word "age": split at anything
// but letters and digits and at lower-to-upper case changes.
func namedAge(name string) bool {
	word := func(w string) bool { return strings.EqualFold(w, "age") || strings.EqualFold(w, "ages") }
	start := 0
	for i, r := range name {
		isAlnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !isAlnum:
			if word(name[start:i]) {
				return true
			}
			start = i + 1
		case i > start && unicode.IsUpper(r) && !unicode.IsUpper(rune(name[i-1])):
			if word(name[start:i]) {
				return true
			}
			start = i
		}
	}
	return word(name[start:])
}

// linkable reports whether a delivered column counts as a
// quasi-identifier: declared ones, and the Safe Harbor columns that are
// kept in part (ZIP3, years, ages) unless the dictionary says why not.
func (c Column) linkable() bool {
	switch c.Role {
	case RoleQuasi:
		return true
	case RoleZIP, RoleDate, RoleAge:
		return c.NotQuasi == ""
	}
	return false
}

// A Dictionary says, for every column of a dataset, its type and role.
type Dictionary struct {
	Version int      `yaml:"version" json:"version"`
	Columns []Column `yaml:"columns" json:"columns"`
}

// ReadDictionary reads a dictionary file (YAML, or JSON, which is YAML).
func ReadDictionary(path string) (*Dictionary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDictionary, err)
	}
	d, err := ParseDictionary(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// ParseDictionary parses and validates a dictionary; unknown fields are
// errors.
func ParseDictionary(b []byte) (*Dictionary, error) {
	var d Dictionary
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDictionary, err)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

// Validate checks the dictionary on its own.
func (d *Dictionary) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrDictionary, fmt.Sprintf(format, args...))
	}
	if d.Version != 1 {
		return bad("version %d (want 1)", d.Version)
	}
	if len(d.Columns) == 0 {
		return bad("no columns")
	}
	seen := map[string]bool{}
	subjects := 0
	for _, c := range d.Columns {
		switch {
		case c.Name == "":
			return bad("a column without a name")
		case seen[c.Name]:
			return bad("column %q declared twice", c.Name)
		case !c.Role.valid():
			return bad("column %q: unknown role %q", c.Name, c.Role)
		}
		seen[c.Name] = true
		if _, err := c.Type.Arrow(); err != nil {
			return bad("column %q: %s", c.Name, unknownType(c.Type))
		}
		if c.Role == RoleSubject {
			subjects++
		}
		if c.Role == RoleQuasi && c.Hierarchy == nil {
			return bad("column %q: a quasi-identifier needs a hierarchy", c.Name)
		}
		if c.Hierarchy != nil {
			switch {
			case c.Role == RoleAge:
				if len(c.Hierarchy.Bands) == 0 || c.Hierarchy.Levels() != len(c.Hierarchy.Bands) {
					return bad("column %q: an age's hierarchy is bands (it generalizes 0-89; 90+ stays one group)", c.Name)
				}
				for _, b := range c.Hierarchy.Bands {
					if b != math.Trunc(b) {
						return bad("column %q: an age's bands are whole years", c.Name)
					}
				}
			case c.Role != RoleQuasi:
				return bad("column %q: only quasi-identifiers and ages have hierarchies", c.Name)
			}
			if err := c.Hierarchy.validate(c); err != nil {
				return bad("%v", err)
			}
		}
		if c.NotQuasi != "" && c.Role != RoleZIP && c.Role != RoleDate && c.Role != RoleAge {
			return bad("column %q: not-quasi-identifier is for zip, date and age columns (declare other columns plain or sensitive)", c.Name)
		}
		if c.isAge() && c.Type != TypeInt && c.Type != TypeFloat {
			return bad("column %q: named like an age, it must be int or float so Safe Harbor can put ages over 89 in one 90+ group (or rename it)", c.Name)
		}
		if c.Role == RoleDate && c.Type != TypeDate && c.Type != TypeTimestamp && c.Type != TypeString {
			return bad("column %q: a date column must be of type date, timestamp or string", c.Name)
		}
	}
	if subjects > 1 {
		return bad("%d subject columns (at most one)", subjects)
	}
	return nil
}

// Column returns the named column.
func (d *Dictionary) Column(name string) (Column, bool) {
	for _, c := range d.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Schema is the Arrow schema of data read with this dictionary, in the
// dictionary's column order.
func (d *Dictionary) Schema() *arrow.Schema {
	fields := make([]arrow.Field, len(d.Columns))
	for i, c := range d.Columns {
		t, _ := c.Type.Arrow()
		fields[i] = arrow.Field{Name: c.Name, Type: t, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// Match checks that the data's header names exactly the declared columns:
// an undeclared column is an error (it could hold anything), and so is a
// declared one the data lacks.
func (d *Dictionary) Match(header []string) error {
	var unknown, missing []string
	inData := map[string]bool{}
	for _, h := range header {
		inData[h] = true
		if _, ok := d.Column(h); !ok {
			unknown = append(unknown, h)
		}
	}
	for _, c := range d.Columns {
		if !inData[c.Name] {
			missing = append(missing, c.Name)
		}
	}
	switch {
	case len(unknown) > 0:
		return fmt.Errorf("%w does not match the data: undeclared columns %s (declare them, with role plain if they hold nothing identifying)", ErrDictionary, strings.Join(unknown, ", "))
	case len(missing) > 0:
		return fmt.Errorf("%w does not match the data: declared columns missing from the data: %s", ErrDictionary, strings.Join(missing, ", "))
	}
	return nil
}
