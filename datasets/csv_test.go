package datasets

import (
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// readAll reads every batch, returning the row count and each column's
// values rendered as strings.
func readAll(t *testing.T, r *CSVReader) (int, map[string][]string) {
	t.Helper()
	rows := 0
	cols := map[string][]string{}
	for r.Next() {
		rec := r.Record()
		rows += int(rec.NumRows())
		for i, f := range rec.Schema().Fields() {
			arr := rec.Column(i)
			for j := 0; j < arr.Len(); j++ {
				v := "<null>"
				if arr.IsValid(j) {
					v = arr.ValueStr(j)
				}
				cols[f.Name] = append(cols[f.Name], v)
			}
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return rows, cols
}

func TestCSVInference(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	in := "\uFEFFid,age,weight,smoker,visit,seen_at,note\n" +
		"1,34,70.5,true,2024-02-29,2024-02-29T10:00:00Z,\"says \"\"hi\"\", twice\"\n" +
		"2,NA,,false,2023-01-01,2023-01-01T00:00:00Z,\"multi\nline\"\n" +
		"3,90,81,FALSE,,2020-05-05T05:05:05Z,null\n"
	r, err := NewCSVReader(strings.NewReader(in), CSVOptions{Mem: mem, BatchRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	want := []Type{TypeInt, TypeInt, TypeFloat, TypeBool, TypeDate, TypeTimestamp, TypeString}
	for i, ty := range r.Types() {
		if ty != want[i] {
			t.Errorf("column %s inferred %s, want %s", r.Header()[i], ty, want[i])
		}
	}
	if r.Header()[0] != "id" {
		t.Errorf("BOM not stripped: %q", r.Header()[0])
	}
	rows, cols := readAll(t, r)
	if rows != 3 {
		t.Fatalf("%d rows", rows)
	}
	if got := strings.Join(cols["age"], ","); got != "34,<null>,90" {
		t.Errorf("age %s", got)
	}
	if got := cols["note"][0]; got != `says "hi", twice` {
		t.Errorf("quoted field %q", got)
	}
	if got := cols["note"][1]; got != "multi\nline" {
		t.Errorf("multi-line field %q", got)
	}
}

func TestTSVWithDictionaryAndOverride(t *testing.T) {
	d, _ := ParseDictionary([]byte("version: 1\ncolumns:\n  - {name: zip, type: string, role: zip}\n  - {name: n, type: int, role: plain}\n"))
	in := "zip\tn\n02139\t5\n00501\t6\n"
	r, err := NewCSVReader(strings.NewReader(in), CSVOptions{Comma: '\t', Dictionary: d})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if r.Schema().Field(0).Type.ID() != arrow.STRING {
		t.Errorf("zip read as %s; the dictionary says string (leading zeros matter)", r.Schema().Field(0).Type)
	}
	_, cols := readAll(t, r)
	if cols["zip"][1] != "00501" {
		t.Errorf("zip %v", cols["zip"])
	}
	// Without the dictionary, an override does the same.
	r2, _ := NewCSVReader(strings.NewReader(in), CSVOptions{Comma: '\t', Types: map[string]Type{"zip": TypeString}})
	defer r2.Release()
	if r2.Types()[0] != TypeString || r2.Types()[1] != TypeInt {
		t.Errorf("override: %v", r2.Types())
	}
}

func TestCSVErrors(t *testing.T) {
	d, _ := ParseDictionary([]byte("version: 1\ncolumns:\n  - {name: id, type: int, role: plain}\n  - {name: day, type: date, role: date}\n"))
	cases := []struct {
		name, in string
		dict     *Dictionary
		want     string
	}{
		{"short row", "id,day\n1,2024-01-01\n2\n", d, "input:3: row has 1 fields, the header 2"},
		{"bad int", "id,day\n1,2024-01-01\n2,2024-01-02\nx,2024-01-03\n", d, "input:4: column id: \"x\" is not an integer"},
		{"bad date", "id,day\n1,2024-13-01\n", d, "input:2: column day: \"2024-13-01\" is not a date"},
		{"bare quote", "id,day\n1,\"2024\"x\n", d, "input:2"},
		{"undeclared column", "id,day,notes\n1,2024-01-01,x\n", d, "undeclared columns notes"},
		{"empty", "", nil, "empty file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			r, err := NewCSVReader(strings.NewReader(c.in), CSVOptions{Dictionary: c.dict, Mem: mem})
			if err == nil {
				for r.Next() {
				}
				err = r.Err()
				r.Release()
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
			var pe *ParseError
			if c.dict != nil && c.name != "undeclared column" && !errors.As(err, &pe) {
				t.Errorf("not a ParseError: %T", err)
			}
		})
	}
}
