package datasets

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Test values are written as Go values in tables; nil is a null.

var (
	tsSecondUTC = &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	tsMilliUTC  = &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	tsSecondEST = &arrow.TimestampType{Unit: arrow.Second, TimeZone: "-05:00"}
)

func day(y int, m time.Month, d int) arrow.Date32 {
	return arrow.Date32FromTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func instant(unit arrow.TimeUnit, s string) arrow.Timestamp {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	ts, err := arrow.TimestampFromTime(t, unit)
	if err != nil {
		panic(err)
	}
	return ts
}

// build makes an array of type typ from vals; the caller releases it.
func build(t testing.TB, mem memory.Allocator, typ arrow.DataType, vals []any) arrow.Array {
	t.Helper()
	b := array.NewBuilder(mem, typ)
	defer b.Release()
	for _, v := range vals {
		if v == nil {
			b.AppendNull()
			continue
		}
		switch b := b.(type) {
		case *array.StringBuilder:
			b.Append(v.(string))
		case *array.LargeStringBuilder:
			b.Append(v.(string))
		case *array.Int64Builder:
			b.Append(v.(int64))
		case *array.Float64Builder:
			b.Append(v.(float64))
		case *array.BooleanBuilder:
			b.Append(v.(bool))
		case *array.Date32Builder:
			b.Append(v.(arrow.Date32))
		case *array.TimestampBuilder:
			b.Append(v.(arrow.Timestamp))
		default:
			t.Fatalf("build: no case for %s", typ)
		}
	}
	return b.NewArray()
}

// values reads an output array back as Go values; nil is a null.
func values(t testing.TB, arr arrow.Array) []any {
	t.Helper()
	out := make([]any, arr.Len())
	for i := range out {
		if arr.IsNull(i) {
			continue
		}
		switch a := arr.(type) {
		case *array.String:
			out[i] = a.Value(i)
		case *array.Int64:
			out[i] = a.Value(i)
		default:
			t.Fatalf("values: no case for %s", arr.DataType())
		}
	}
	return out
}

func checkedMem(t testing.TB) *memory.CheckedAllocator {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

// checkErr checks err against want: "" means no error, anything else is a
// substring the message must contain. It reports whether err was nil.
func checkErr(t *testing.T, err error, want string) bool {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	case err != nil && !strings.HasPrefix(err.Error(), "datasets: "):
		t.Fatalf("error %q is not prefixed \"datasets: \"", err)
	}
	return err == nil
}

// A transformCase is one value through one single-column transform.
type transformCase struct {
	name string
	typ  arrow.DataType
	in   any
	want any    // nil: null
	err  string // substring of the expected error
}

func runTransformCases(t *testing.T, cases []transformCase, fn func(arrow.Array, memory.Allocator) (arrow.Array, error)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mem := checkedMem(t)
			in := build(t, mem, tc.typ, []any{tc.in})
			defer in.Release()
			before := in.String()
			out, err := fn(in, mem)
			if in.String() != before {
				t.Errorf("input changed: %s, was %s", in, before)
			}
			if !checkErr(t, err, tc.err) {
				if out != nil {
					t.Errorf("got an array with the error")
				}
				return
			}
			defer out.Release()
			if got := values(t, out); got[0] != tc.want {
				t.Errorf("got %#v, want %#v", got[0], tc.want)
			}
		})
	}
}

func TestYearOf(t *testing.T) {
	s, i64 := arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64
	date := arrow.FixedWidthTypes.Date32
	runTransformCases(t, []transformCase{
		{"date32 leap day", date, day(2000, 2, 29), int64(2000), ""},
		{"date32 before 1970", date, day(1969, 12, 31), int64(1969), ""},
		{"date32 1900 not leap", date, day(1900, 3, 1), int64(1900), ""},
		{"date32 null", date, nil, nil, ""},
		{"timestamp last second of year", tsSecondUTC, instant(arrow.Second, "2019-12-31T23:59:59Z"), int64(2019), ""},
		{"timestamp first second of year", tsSecondUTC, instant(arrow.Second, "2020-01-01T00:00:00Z"), int64(2020), ""},
		{"timestamp millis leap day", tsMilliUTC, instant(arrow.Millisecond, "2020-02-29T12:00:00.5Z"), int64(2020), ""},
		{"timestamp year in its zone", tsSecondEST, instant(arrow.Second, "2020-01-01T03:00:00Z"), int64(2019), ""},
		{"timestamp null", tsSecondUTC, nil, nil, ""},
		{"string date", s, "1987-06-05", int64(1987), ""},
		{"string leap day", s, "2020-02-29", int64(2020), ""},
		{"string RFC 3339", s, "2020-02-29T23:59:59-05:00", int64(2020), ""},
		{"string date and time", s, "1999-12-31 23:59", int64(1999), ""},
		{"string spaces", s, "  1987-06-05 ", int64(1987), ""},
		{"string empty", s, "", nil, ""},
		{"string null", s, nil, nil, ""},
		{"string not a leap year", s, "2019-02-29", nil, "row 0: YearOf: not a valid ISO date"},
		{"string 1900 not leap", s, "1900-02-29", nil, "row 0"},
		{"string US date", s, "03/14/1948", nil, "row 0"},
		{"string trailing digits", s, "2020-02-291", nil, "row 0"},
		{"string year only", s, "2020", nil, "row 0"},
		{"string month 13", s, "2020-13-01", nil, "row 0"},
		{"int64", i64, int64(2020), nil, "YearOf: cannot read int64"},
	}, YearOf)
}

func TestYearOfRows(t *testing.T) {
	mem := checkedMem(t)
	in := build(t, mem, arrow.BinaryTypes.String, []any{"2020-01-01", nil, "1950-07-04", "March 3, 1950"})
	defer in.Release()
	_, err := YearOf(in, mem)
	checkErr(t, err, "row 3")
	if strings.Contains(err.Error(), "1950") {
		t.Errorf("error %q quotes the value", err)
	}
	var te *TransformError
	if !errors.As(err, &te) || te.Row != 3 {
		t.Errorf("error %#v is not a TransformError at row 3", err)
	}
}

func TestTopCodeAge(t *testing.T) {
	i64, f64 := arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64
	runTransformCases(t, []transformCase{
		{"int 0", i64, int64(0), "0", ""},
		{"int 45", i64, int64(45), "45", ""},
		{"int 89", i64, int64(89), "89", ""},
		{"int 90", i64, int64(90), "90+", ""},
		{"int 104", i64, int64(104), "90+", ""},
		{"int max", i64, int64(math.MaxInt64), "90+", ""},
		{"int null", i64, nil, nil, ""},
		{"int negative", i64, int64(-1), nil, "row 0: TopCodeAge: negative age"},
		{"int min", i64, int64(math.MinInt64), nil, "negative age"},
		{"float 0.5", f64, 0.5, "0", ""},
		{"float negative zero", f64, math.Copysign(0, -1), "0", ""},
		{"float 89.9", f64, 89.9, "89", ""},
		{"float just under 90", f64, math.Nextafter(90, 0), "89", ""},
		{"float 90", f64, 90.0, "90+", ""},
		{"float 90.1", f64, 90.1, "90+", ""},
		{"float +Inf", f64, math.Inf(1), "90+", ""},
		{"float null", f64, nil, nil, ""},
		{"float negative", f64, -0.1, nil, "negative age"},
		{"float -Inf", f64, math.Inf(-1), nil, "negative age"},
		{"float NaN", f64, math.NaN(), nil, "NaN"},
		{"string", arrow.BinaryTypes.String, "45", nil, "TopCodeAge: cannot read utf8"},
	}, TopCodeAge)
}

func TestZIP3(t *testing.T) {
	s := arrow.BinaryTypes.String
	zip3 := func(arr arrow.Array, mem memory.Allocator) (arrow.Array, error) {
		return ZIP3(arr, RestrictedZIP3, mem)
	}
	runTransformCases(t, []transformCase{
		{"five digits", s, "02139", "021", ""},
		{"ZIP+4", s, "02139-4307", "021", ""},
		{"nine digits", s, "021394307", "021", ""},
		{"spaces", s, " 90210 ", "902", ""},
		{"restricted 036", s, "03601", "000", ""},
		{"restricted ZIP+4", s, "89301-1234", "000", ""},
		{"restricted 102", s, "10200", "000", ""},
		{"next to restricted", s, "89400", "894", ""},
		{"null", s, nil, nil, ""},
		{"empty", s, "", nil, ""},
		{"four digits, leading zero lost", s, "2139", nil, ""},
		{"already three digits", s, "021", nil, ""},
		{"six digits", s, "021391", nil, ""},
		{"letters", s, "ABCDE", nil, ""},
		{"letter inside", s, "021A9", nil, ""},
		{"short plus four", s, "02139-43", nil, ""},
		{"space instead of dash", s, "02139 4307", nil, ""},
		{"full-width digits", s, "０２１３９", nil, ""},
		{"Canadian postal code", s, "K1A 0B1", nil, ""},
		{"int64", arrow.PrimitiveTypes.Int64, int64(2139), nil, "ZIP3: cannot read int64"},
	}, zip3)

	t.Run("own restricted list", func(t *testing.T) {
		mem := checkedMem(t)
		in := build(t, mem, arrow.BinaryTypes.LargeString, []any{"02139", "03601", nil})
		defer in.Release()
		out, err := ZIP3(in, map[string]bool{"021": true}, mem)
		checkErr(t, err, "")
		defer out.Release()
		if got, want := fmt.Sprint(values(t, out)), fmt.Sprint([]any{"000", "036", nil}); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestRestrictedZIP3(t *testing.T) {
	// HHS guidance, 2012, section 2.4 (2000 Census).
	want := []string{"036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"}
	if len(RestrictedZIP3) != len(want) {
		t.Errorf("%d restricted prefixes, want %d", len(RestrictedZIP3), len(want))
	}
	for _, z := range want {
		if !RestrictedZIP3[z] {
			t.Errorf("%s is not restricted", z)
		}
	}
}

func TestParseZIP3ListRejectsBadLines(t *testing.T) {
	for _, line := range []string{"36", "0360", "03a", "03 6"} {
		t.Run(line, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic")
				}
			}()
			parseZIP3List("# header\n\n036\n" + line + "\n")
		})
	}
}

var hexPseudonym = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestPseudonym(t *testing.T) {
	secret := []byte("study-secret-1")
	cases := []struct {
		name   string
		typ    arrow.DataType
		in     any
		secret []byte
		want   any
		err    string
	}{
		// Known values: printf 'S-0001' | openssl dgst -sha256 -hmac study-secret-1
		{"string", arrow.BinaryTypes.String, "S-0001", secret, "d41aa47ae007c9f936f6a8b13fd72483a186fece82feb14f2a514c1679679fff", ""},
		{"large string", arrow.BinaryTypes.LargeString, "S-0001", secret, "d41aa47ae007c9f936f6a8b13fd72483a186fece82feb14f2a514c1679679fff", ""},
		{"int64 as decimal", arrow.PrimitiveTypes.Int64, int64(42), secret, "d4ed110e6b22ad8dc64446578747ae95f9047d418adbf914d84f3b81c14bbd3d", ""},
		{"string 42 agrees with int64 42", arrow.BinaryTypes.String, "42", secret, "d4ed110e6b22ad8dc64446578747ae95f9047d418adbf914d84f3b81c14bbd3d", ""},
		{"null", arrow.BinaryTypes.String, nil, secret, nil, ""},
		{"empty secret", arrow.BinaryTypes.String, "S-0001", []byte{}, nil, "no pseudonym secret"},
		{"nil secret", arrow.BinaryTypes.String, "S-0001", nil, nil, "no pseudonym secret"},
		{"float64", arrow.PrimitiveTypes.Float64, 1.5, secret, nil, "Pseudonym: cannot read float64"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mem := checkedMem(t)
			in := build(t, mem, tc.typ, []any{tc.in})
			defer in.Release()
			out, err := Pseudonym(in, tc.secret, mem)
			if !checkErr(t, err, tc.err) {
				if len(tc.secret) == 0 && !errors.Is(err, ErrNoSecret) {
					t.Errorf("error %v is not ErrNoSecret", err)
				}
				return
			}
			defer out.Release()
			if got := values(t, out)[0]; got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPseudonymStableAndKeyed(t *testing.T) {
	mem := checkedMem(t)
	in := build(t, mem, arrow.BinaryTypes.String, []any{"S-0001", "S-0002", "S-0001", ""})
	defer in.Release()
	run := func(secret string) []any {
		out, err := Pseudonym(in, []byte(secret), mem)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Release()
		return values(t, out)
	}
	a, again, b := run("k1"), run("k1"), run("k2")
	for i := range a {
		if !hexPseudonym.MatchString(a[i].(string)) {
			t.Errorf("row %d: %q is not 64 lowercase hex characters", i, a[i])
		}
		if a[i] != again[i] {
			t.Errorf("row %d: not stable: %v, then %v", i, a[i], again[i])
		}
		if a[i] == b[i] {
			t.Errorf("row %d: same pseudonym under two secrets", i)
		}
	}
	if a[0] != a[2] || a[0] == a[1] {
		t.Errorf("equal keys must map to equal pseudonyms, distinct to distinct: %v", a)
	}
}

// Transforms must honour array offsets: record batches are often slices.
func TestTransformsOnSlices(t *testing.T) {
	mem := checkedMem(t)
	full := build(t, mem, arrow.BinaryTypes.String, []any{"99999", "02139", nil, "2001-02-03"})
	defer full.Release()
	sl := array.NewSlice(full, 1, 3)
	defer sl.Release()
	out, err := ZIP3(sl, RestrictedZIP3, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if got, want := fmt.Sprint(values(t, out)), fmt.Sprint([]any{"021", nil}); got != want {
		t.Errorf("ZIP3 of a slice: got %s, want %s", got, want)
	}

	ages := build(t, mem, arrow.PrimitiveTypes.Int64, []any{int64(-5), int64(93), int64(12)})
	defer ages.Release()
	agesSl := array.NewSlice(ages, 1, 3)
	defer agesSl.Release()
	top, err := TopCodeAge(agesSl, mem)
	if err != nil {
		t.Fatalf("the negative age is outside the slice: %v", err)
	}
	defer top.Release()
	if got, want := fmt.Sprint(values(t, top)), fmt.Sprint([]any{"90+", "12"}); got != want {
		t.Errorf("TopCodeAge of a slice: got %s, want %s", got, want)
	}
}

// A testCol is one column of a synthetic record and its declaration.
type testCol struct {
	name string
	role Role
	typ  Type
	vals []any
}

// record builds a record and its dictionary from cols; the caller
// releases the record.
func record(t testing.TB, mem memory.Allocator, cols []testCol) (arrow.Record, *Dictionary) {
	t.Helper()
	dict := &Dictionary{Version: 1}
	fields := make([]arrow.Field, len(cols))
	arrs := make([]arrow.Array, len(cols))
	for i, c := range cols {
		col := Column{Name: c.name, Type: c.typ, Role: c.role}
		if c.role == RoleQuasi {
			col.Hierarchy = &Hierarchy{Map: []map[string]string{{"F": "*", "M": "*"}}}
		}
		dict.Columns = append(dict.Columns, col)
		typ, err := c.typ.Arrow()
		if err != nil {
			t.Fatal(err)
		}
		fields[i] = arrow.Field{Name: c.name, Type: typ, Nullable: true}
		arrs[i] = build(t, mem, typ, c.vals)
		defer arrs[i].Release()
	}
	rows := int64(0)
	if len(cols) > 0 {
		rows = int64(len(cols[0].vals))
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), arrs, rows), dict
}

// patient is a synthetic batch with one column per identifier role, plus a
// subject key and quasi-identifier, sensitive and plain columns.
func patient() []testCol {
	return []testCol{
		{"subject_id", RoleSubject, TypeString, []any{"S-0001", "S-0002", "S-0003"}},
		{"full_name", RoleName, TypeString, []any{"Jane Q. Doe", "Ebenezer Whitlock", nil}},
		{"street", RoleGeographic, TypeString, []any{"12 Elm Street, Cambridge MA", "400 Ranch Road 7, Jordan MT", "77 Harbor Lane"}},
		{"zip", RoleZIP, TypeString, []any{"02139-4307", "89301", nil}},
		{"birth_date", RoleDate, TypeDate, []any{day(1948, 3, 14), day(1920, 2, 29), nil}},
		{"visit_time", RoleDate, TypeTimestamp, []any{instant(arrow.Second, "2021-07-04T10:30:00Z"), instant(arrow.Second, "2020-02-29T23:15:42Z"), nil}},
		{"admit_date", RoleDate, TypeString, []any{"2021-07-03", "2020-02-28T08:00:00Z", ""}},
		{"age", RoleAge, TypeInt, []any{int64(73), int64(101), nil}},
		{"age_at_visit", RoleAge, TypeFloat, []any{73.31, 100.04, 89.97}},
		{"phone", RolePhone, TypeString, []any{"617-555-0123", "(406) 555-0188", "+1 212 555 0147"}},
		{"fax", RoleFax, TypeString, []any{"617-555-0199", nil, "406.555.0166"}},
		{"email", RoleEmail, TypeString, []any{"jane.doe@example.com", "e.whitlock@mail.example.org", nil}},
		{"ssn", RoleSSN, TypeString, []any{"123-45-6789", "987-65-4329", "078-05-1120"}},
		{"mrn", RoleMRN, TypeString, []any{"MRN-0048213", "MRN-0099120", "MRN-0100007"}},
		{"health_plan", RoleHealthPlan, TypeString, []any{"HP-771-22-0931", "HP-104-88-1200", nil}},
		{"account", RoleAccount, TypeString, []any{"ACCT-99812344", "ACCT-10293847", "ACCT-55512121"}},
		{"license", RoleLicense, TypeString, []any{"DL-S530-4412-9921", "MT-0441-88213", nil}},
		{"vehicle", RoleVehicle, TypeString, []any{"1HGCM82633A004352", "3VWFE21C04M000001", nil}},
		{"device", RoleDevice, TypeString, []any{"PACEMAKER-SN-77812X", "INSULIN-PUMP-55190Q", nil}},
		{"url", RoleURL, TypeString, []any{"https://example.org/patients/jdoe", "http://whitlock.example.net/", nil}},
		{"ip", RoleIP, TypeString, []any{"192.168.13.77", "203.0.113.254", nil}},
		{"biometric", RoleBiometric, TypeString, []any{"FP:a9c3e1d2b7f04411", "IRIS:77c0ffee12ab34cd", nil}},
		{"photo", RolePhoto, TypeString, []any{"photos/jdoe_face.jpg", "photos/ewhitlock_face.png", nil}},
		{"badge", RoleOtherUniqueID, TypeString, []any{"STUDY-BADGE-5521", "STUDY-BADGE-9003", nil}},
		{"sex", RoleQuasi, TypeString, []any{"F", "M", nil}},
		{"diagnosis", RoleSensitive, TypeString, []any{"E11.9", "I10", "C50.911"}},
		{"hba1c", RolePlain, TypeFloat, []any{6.1, nil, 7.4}},
		{"smoker", RolePlain, TypeBool, []any{false, true, nil}},
	}
}

// rendered lists every way an array's values show: ValueStr, and for
// strings the raw value.
func rendered(arr arrow.Array) []string {
	var out []string
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			continue
		}
		out = append(out, arr.ValueStr(i))
		if s, ok := arr.(*array.String); ok {
			out = append(out, s.Value(i))
		}
	}
	return out
}

func TestSafeHarbor(t *testing.T) {
	mem := checkedMem(t)
	cols := patient()
	rec, dict := record(t, mem, cols)
	defer rec.Release()
	if err := dict.Validate(); err != nil {
		t.Fatalf("the synthetic dictionary is invalid: %v", err)
	}
	if w := DetectIdentifiers(rec, dict); len(w) != 0 {
		t.Fatalf("the synthetic kept columns look identifying: %+v", w)
	}
	pristine, _ := record(t, mem, cols)
	defer pristine.Release()

	secret := []byte("study-secret-1")
	out, err := SafeHarborAt(rec, dict, secret, 2026, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()

	if !array.RecordEqual(rec, pristine) {
		t.Errorf("SafeHarbor changed its input")
	}
	if out.NumRows() != rec.NumRows() {
		t.Errorf("%d rows, want %d", out.NumRows(), rec.NumRows())
	}

	// Expected output, column by column, in input order.
	want := []struct {
		name string
		typ  arrow.DataType
		vals []any // nil: a kept column, checked to be the input array
	}{
		{"subject_id", arrow.BinaryTypes.String, []any{
			"d41aa47ae007c9f936f6a8b13fd72483a186fece82feb14f2a514c1679679fff", "", ""}}, // rows 1-2 checked by shape
		{"zip", arrow.BinaryTypes.String, []any{"021", "000", nil}},
		{"birth_date", arrow.BinaryTypes.String, []any{"1948", "<=1936", nil}},
		{"visit_time", arrow.BinaryTypes.String, []any{"2021", "2020", nil}},
		{"admit_date", arrow.BinaryTypes.String, []any{"2021", "2020", nil}},
		{"age", arrow.BinaryTypes.String, []any{"73", "90+", nil}},
		{"age_at_visit", arrow.BinaryTypes.String, []any{"73", "90+", "89"}},
		{"sex", arrow.BinaryTypes.String, nil},
		{"diagnosis", arrow.BinaryTypes.String, nil},
		{"hba1c", arrow.PrimitiveTypes.Float64, nil},
		{"smoker", arrow.FixedWidthTypes.Boolean, nil},
	}
	if int(out.NumCols()) != len(want) {
		t.Fatalf("output columns %v, want %d columns", out.Schema(), len(want))
	}
	for j, w := range want {
		f := out.Schema().Field(j)
		if f.Name != w.name || !arrow.TypeEqual(f.Type, w.typ) {
			t.Errorf("column %d: %s %s, want %s %s", j, f.Name, f.Type, w.name, w.typ)
			continue
		}
		got := out.Column(j)
		if w.vals == nil {
			in := rec.Column(rec.Schema().FieldIndices(w.name)[0])
			if got != in || !array.Equal(got, in) {
				t.Errorf("column %s: kept columns must be the input arrays, unchanged", w.name)
			}
			continue
		}
		vals := values(t, got)
		for i := range vals {
			if w.name == "subject_id" {
				if i == 0 && vals[i] != w.vals[0] {
					t.Errorf("subject_id row 0: got %v, want %v", vals[i], w.vals[0])
				}
				if s, _ := vals[i].(string); !hexPseudonym.MatchString(s) {
					t.Errorf("subject_id row %d: %v is not a pseudonym", i, vals[i])
				}
				continue
			}
			if vals[i] != w.vals[i] {
				t.Errorf("column %s row %d: got %#v, want %#v", w.name, i, vals[i], w.vals[i])
			}
		}
	}

	// No planted identifier may appear anywhere in the output. Ages and
	// ZIP areas are legitimately kept in part, so they are checked above;
	// everything else planted must be gone in every rendering.
	var planted []string
	for i, c := range cols {
		if c.role.IsIdentifier() && c.role != RoleAge || c.role == RoleSubject {
			planted = append(planted, rendered(rec.Column(i))...)
		}
	}
	for _, d := range []string{"1948-03-14", "1920-02-29", "2021-07-04", "2020-02-29", "2021-07-03", "2020-02-28", "02139", "89301", "4307"} {
		planted = append(planted, d) // exact dates and full ZIPs, however rendered
	}
	// Pseudonyms are left out of the substring scan: they are checked to be
	// pure hex above, and an all-digit planted value such as a ZIP can turn
	// up inside random hex by chance.
	var seen []string
	for j := 0; j < int(out.NumCols()); j++ {
		seen = append(seen, out.Schema().Field(j).Name)
		if out.Schema().Field(j).Name != "subject_id" {
			seen = append(seen, rendered(out.Column(j))...)
		}
	}
	seen = append(seen, out.Schema().String())
	for _, p := range planted {
		if p == "" {
			continue
		}
		for _, s := range seen {
			if strings.Contains(s, p) {
				t.Errorf("planted identifier %q survives in output value %q", p, s)
			}
		}
	}
	// Ages over 89, as numbers, must be gone from the age columns.
	for _, name := range []string{"age", "age_at_visit"} {
		for _, s := range rendered(out.Column(out.Schema().FieldIndices(name)[0])) {
			if n, err := strconv.Atoi(s); err == nil && n > 89 {
				t.Errorf("column %s keeps age %d", name, n)
			}
		}
	}

	again, err := SafeHarbor(rec, dict, secret, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Release()
	if !array.RecordEqual(out, again) || !out.Schema().Equal(again.Schema()) {
		t.Errorf("SafeHarbor is not deterministic")
	}
}

func TestSafeHarborErrors(t *testing.T) {
	secret := []byte("k")
	zip := testCol{"zip", RoleZIP, TypeString, []any{"02139", "10001"}}
	subject := testCol{"subject_id", RoleSubject, TypeString, []any{"S-1", "S-2"}}
	plain := testCol{"note", RolePlain, TypeString, []any{"ok", "fine"}}
	cases := []struct {
		name   string
		cols   []testCol
		secret []byte
		undecl string // a column to leave out of the dictionary
		role   Role   // if set, overrides the last column's declared role
		err    string
		is     error
	}{
		{"undeclared column", []testCol{zip, plain}, secret, "note", "", `undeclared columns "note"`, ErrDictionary},
		{"negative age after a transform", []testCol{zip, {"age", RoleAge, TypeInt, []any{int64(40), int64(-2)}}}, secret, "", "", `column "age": row 1: TopCodeAge: negative age`, nil},
		{"bad date", []testCol{subject, zip, {"dob", RoleDate, TypeString, []any{"1950-01-01", "01/02/1950"}}}, secret, "", "", `column "dob": row 1: YearOf`, nil},
		{"age column of strings", []testCol{zip, {"age", RoleAge, TypeString, []any{"40", "50"}}}, secret, "", "", `column "age": TopCodeAge: cannot read utf8`, nil},
		{"zip column of ints", []testCol{{"zip", RoleZIP, TypeInt, []any{int64(2139), int64(10001)}}}, secret, "", "", `column "zip": ZIP3: cannot read int64`, nil},
		{"subject without secret", []testCol{zip, subject}, nil, "", "", "no pseudonym secret", ErrNoSecret},
		{"unknown role", []testCol{zip, plain}, secret, "", "free-text", `column "note": unknown role "free-text"`, ErrDictionary},
		{"no subject, no secret needed", []testCol{zip, plain}, nil, "", "", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mem := checkedMem(t)
			rec, dict := record(t, mem, tc.cols)
			defer rec.Release()
			var kept []Column
			for _, c := range dict.Columns {
				if c.Name != tc.undecl {
					kept = append(kept, c)
				}
			}
			dict.Columns = kept
			if tc.role != "" {
				dict.Columns[len(dict.Columns)-1].Role = tc.role
			}
			out, err := SafeHarbor(rec, dict, tc.secret, mem)
			if checkErr(t, err, tc.err) {
				out.Release()
				return
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

func TestSafeHarborDropsEverything(t *testing.T) {
	mem := checkedMem(t)
	rec, dict := record(t, mem, []testCol{
		{"name", RoleName, TypeString, []any{"A", "B", "C"}},
		{"ssn", RoleSSN, TypeString, []any{"123-45-6789", nil, nil}},
	})
	defer rec.Release()
	out, err := SafeHarbor(rec, dict, nil, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if out.NumCols() != 0 || out.NumRows() != 3 {
		t.Errorf("got %d columns, %d rows; want 0 columns, 3 rows", out.NumCols(), out.NumRows())
	}
}

func TestDetectIdentifiers(t *testing.T) {
	mask := func(keep string, stars int) string { return keep + strings.Repeat("*", stars) }
	cases := []struct {
		name string
		cols []testCol
		want []Warning
	}{
		{"clean", []testCol{{"note", RolePlain, TypeString, []any{"stable", "v1.2.3", "score 3.14159", "2020-01-15", "12345678901234", nil}}}, nil},
		{"email", []testCol{{"note", RolePlain, TypeString, []any{"fine", nil, "write to jane.doe@example.com today"}}},
			[]Warning{{"note", "email", 2, mask("ja", 18)}}},
		{"ssn in text", []testCol{{"note", RoleSensitive, TypeString, []any{"ssn 123-45-6789 noted"}}},
			[]Warning{{"note", "ssn", 0, mask("12", 9)}}},
		{"ssn inside a longer number", []testCol{{"note", RolePlain, TypeString, []any{"lot 9123-45-67890"}}}, nil},
		{"phone dashes", []testCol{{"note", RolePlain, TypeString, []any{"call 617-555-0123"}}},
			[]Warning{{"note", "phone", 0, mask("61", 10)}}},
		{"phone parentheses", []testCol{{"note", RolePlain, TypeString, []any{"(617) 555-0123"}}},
			[]Warning{{"note", "phone", 0, mask("(6", 12)}}},
		{"phone +1 spaces", []testCol{{"note", RolePlain, TypeString, []any{"+1 617 555 0123"}}},
			[]Warning{{"note", "phone", 0, mask("+1", 13)}}},
		{"phone dots", []testCol{{"note", RolePlain, TypeString, []any{"617.555.0123"}}},
			[]Warning{{"note", "phone", 0, mask("61", 10)}}},
		{"phone bare digits", []testCol{{"note", RolePlain, TypeString, []any{"6175550123"}}},
			[]Warning{{"note", "phone", 0, mask("61", 8)}}},
		{"ipv4", []testCol{{"host", RoleQuasi, TypeString, []any{"F", "from 10.0.0.254."}}},
			[]Warning{{"host", "ipv4", 1, mask("10", 8)}}},
		{"octet over 255, five parts", []testCol{{"note", RolePlain, TypeString, []any{"999.1.1.1", "1.2.3.4.5"}}}, nil},
		{"one per kind, fixed kind order", []testCol{{"note", RolePlain, TypeString, []any{
			"10.1.2.3", "617-555-0123", "a@b.io", "x@y.org", "123-45-6789"}}},
			[]Warning{
				{"note", "email", 2, mask("a@", 4)},
				{"note", "ssn", 4, mask("12", 9)},
				{"note", "phone", 1, mask("61", 10)},
				{"note", "ipv4", 0, mask("10", 6)},
			}},
		{"column order", []testCol{
			{"b", RolePlain, TypeString, []any{"x@y.org"}},
			{"a", RoleSensitive, TypeString, []any{"x@y.org"}},
		}, []Warning{{"b", "email", 0, mask("x@", 5)}, {"a", "email", 0, mask("x@", 5)}}},
		{"identifier and subject columns are not scanned", []testCol{
			{"email", RoleEmail, TypeString, []any{"jane@example.com"}},
			{"id", RoleSubject, TypeString, []any{"jane@example.com"}},
		}, nil},
		{"non-string columns are not scanned", []testCol{{"n", RolePlain, TypeInt, []any{int64(6175550123)}}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mem := checkedMem(t)
			rec, dict := record(t, mem, tc.cols)
			defer rec.Release()
			got := DetectIdentifiers(rec, dict)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

var (
	ageShape  = regexp.MustCompile(`^(?:[0-9]|[1-8][0-9]|90\+)$`)
	zip3Shape = regexp.MustCompile(`^[0-9]{3}$`)
)

func FuzzZIP3AndAge(f *testing.F) {
	f.Add("02139-4307", int64(89), 89.9)
	f.Add("03601", int64(90), 90.0)
	f.Add("2139", int64(-1), -0.5)
	f.Add("", int64(math.MaxInt64), math.Inf(1))
	f.Add("９０２１０", int64(0), math.NaN())
	f.Fuzz(func(t *testing.T, zip string, n int64, x float64) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)

		in := build(t, mem, arrow.BinaryTypes.String, []any{zip})
		defer in.Release()
		out, err := ZIP3(in, RestrictedZIP3, mem)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Release()
		if z, ok := values(t, out)[0].(string); ok {
			if !zip3Shape.MatchString(z) || RestrictedZIP3[z] {
				t.Errorf("ZIP3(%q) = %q", zip, z)
			}
			if z != "000" && !strings.HasPrefix(strings.TrimSpace(zip), z) {
				t.Errorf("ZIP3(%q) = %q, not its prefix", zip, z)
			}
		}

		ints := build(t, mem, arrow.PrimitiveTypes.Int64, []any{n})
		defer ints.Release()
		floats := build(t, mem, arrow.PrimitiveTypes.Float64, []any{x})
		defer floats.Release()
		for _, c := range []struct {
			in  arrow.Array
			bad bool
			top bool
		}{
			{ints, n < 0, n >= 90},
			{floats, math.IsNaN(x) || x < 0, x >= 90},
		} {
			out, err := TopCodeAge(c.in, mem)
			if c.bad {
				if err == nil {
					out.Release()
					t.Errorf("TopCodeAge(%s): no error", c.in)
				}
				continue
			}
			if err != nil {
				t.Fatalf("TopCodeAge(%s): %v", c.in, err)
			}
			s := values(t, out)[0].(string)
			out.Release()
			if !ageShape.MatchString(s) || (s == AgeTopCode) != c.top {
				t.Errorf("TopCodeAge(%s) = %q", c.in, s)
			}
		}
	})
}

func TestYearOfDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	days := []int64{0, -1, 1, 58, 59, 60, 305, 306, -719468, -719469, 11016, 19782, math.MaxInt32, math.MinInt32}
	for range 100000 {
		days = append(days, rng.Int64N(1<<32)-1<<31)
	}
	for _, d := range days {
		if got, want := yearOfDay(d), int64(arrow.Date32(d).ToTime().Year()); got != want {
			t.Fatalf("day %d: year %d, want %d", d, got, want)
		}
	}
	mem := checkedMem(t)
	b := array.NewDate64Builder(mem)
	defer b.Release()
	ms := []arrow.Date64{0, -1, 1, -86_400_000, -86_400_001, 951_782_400_000 - 1, 1 << 50, -1 << 50}
	b.AppendValues(ms, nil)
	arr := b.NewArray()
	defer arr.Release()
	years, err := YearOf(arr, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer years.Release()
	for i, v := range ms {
		if got, want := years.(*array.Int64).Value(i), int64(v.ToTime().Year()); got != want {
			t.Errorf("date64 %d: year %d, want %d", v, got, want)
		}
	}
}

// TestPseudonymLarge checks the pseudonyms of a batch large enough to be
// hashed on several goroutines, sliced, with nulls, row by row.
func TestPseudonymLarge(t *testing.T) {
	mem := checkedMem(t)
	b := array.NewInt64Builder(mem)
	defer b.Release()
	for i := range 20_003 {
		if i%7 == 3 {
			b.AppendNull()
		} else {
			b.Append(int64(i) * 7919)
		}
	}
	full := b.NewArray()
	defer full.Release()
	in := array.NewSlice(full, 5, int64(full.Len()))
	defer in.Release()
	out, err := Pseudonym(in, []byte("secret"), mem)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	got := out.(*array.String)
	for i := range in.Len() {
		if in.IsNull(i) {
			if got.IsValid(i) {
				t.Fatalf("row %d: null became %q", i, got.Value(i))
			}
			continue
		}
		mac := hmac.New(sha256.New, []byte("secret"))
		mac.Write([]byte(strconv.FormatInt(in.(*array.Int64).Value(i), 10)))
		if want := hex.EncodeToString(mac.Sum(nil)); got.Value(i) != want {
			t.Fatalf("row %d: %q, want %q", i, got.Value(i), want)
		}
	}
}
