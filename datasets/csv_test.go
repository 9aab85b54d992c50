package datasets

import (
	"errors"
	"math"
	"strconv"
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

func TestCSVBatches(t *testing.T) {
	d, err := ParseDictionary([]byte("version: 1\ncolumns:\n" +
		"  - {name: id, type: int, role: plain}\n  - {name: x, type: float, role: plain}\n" +
		"  - {name: ok, type: bool, role: plain}\n  - {name: day, type: date, role: plain}\n" +
		"  - {name: at, type: timestamp, role: plain}\n  - {name: s, type: string, role: plain}\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := "id,x,ok,day,at,s\n" +
		"1, 2.5 ,true,2024-02-29,2024-02-29T10:00:00Z,a\n" +
		"NA,-0.125,F,,2020-01-01T00:00:00+02:00,\n" +
		"3,1e3,1,1970-01-01,NULL,\"q,\"\"r\"\"\"\n" +
		"\n" +
		"4,,false,1969-12-31,1969-12-31T23:59:59Z,null\r\n" +
		" 5 ,7,TRUE,2000-01-01,2000-01-01T00:00:00Z,s\n" +
		"6,8\n" +
		"7,1,true,2000-01-01,2000-01-01T00:00:00Z,s\n"
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := NewCSVReader(strings.NewReader(in), CSVOptions{Dictionary: d, BatchRows: 3, Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	// The short row on line 8 cuts the second batch short, then ends the input.
	want := [][]string{
		{"1|<null>|3", "2.5|-0.125|1000", "true|false|true", "2024-02-29|<null>|1970-01-01",
			"2024-02-29 10:00:00Z|2019-12-31 22:00:00Z|<null>", `a|<null>|q,"r"`},
		{"4|5", "<null>|7", "false|true", "1969-12-31|2000-01-01",
			"1969-12-31 23:59:59Z|2000-01-01 00:00:00Z", "<null>|s"},
	}
	var got [][]string
	for r.Next() {
		if r.Err() != nil {
			t.Errorf("Err %v with a batch still to read", r.Err())
		}
		rec := r.Record()
		var cols []string
		for i := range int(rec.NumCols()) {
			a := rec.Column(i)
			var vs []string
			nulls := 0
			for j := range a.Len() {
				if a.IsNull(j) {
					vs = append(vs, "<null>")
					nulls++
				} else {
					vs = append(vs, a.ValueStr(j))
				}
			}
			if a.NullN() != nulls {
				t.Errorf("column %d: NullN %d, %d nulls", i, a.NullN(), nulls)
			}
			cols = append(cols, strings.Join(vs, "|"))
		}
		got = append(got, cols)
	}
	if len(got) != len(want) {
		t.Fatalf("batches %q, want %q", got, want)
	}
	for i := range want {
		if strings.Join(got[i], ", ") != strings.Join(want[i], ", ") {
			t.Errorf("batch %d: %q, want %q", i, got[i], want[i])
		}
	}
	if err := r.Err(); err == nil || err.Error() != "datasets: input:8: row has 2 fields, the header 6" {
		t.Errorf("error %v", err)
	}
}

// FuzzParseFloat holds parseFloat to strconv.ParseFloat, bit for bit.
func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.5", "-12.375", "0.1", "123456789012345", "1234567890123456",
		"9007199254740993", "0.000000000000001", "5.", ".5", "1e3", "Inf", "nan", "0x1p-2", "1_0", "+", "-.", "00012.50"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseFloat([]byte(s))
		if ok != (err == nil) || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%q: parseFloat %v %v, strconv %v %v", s, got, ok, want, err)
		}
	})
}
