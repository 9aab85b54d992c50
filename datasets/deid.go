package datasets

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// The transforms below are pure: each reads an Arrow array, never changes
// it, and returns a new array that the caller must Release. Error messages
// name the row but never quote the value, since the value is the very
// identifier that must not end up in a log.

// ErrNoSecret is returned when a pseudonym is asked for without a secret:
// an unkeyed hash of a subject key can be reversed by hashing every
// candidate key.
var ErrNoSecret = errors.New("datasets: no pseudonym secret")

// A TransformError is a value or column a de-identification transform
// cannot handle safely.
type TransformError struct {
	Column string // the column, when known (SafeHarbor fills it in)
	Row    int    // the row, or -1 when the whole column is at fault
	Msg    string // what is wrong, without the offending value
}

// Error renders the error as datasets: column "c": row n: message,
// leaving out the parts that are unknown.
func (e *TransformError) Error() string {
	var b strings.Builder
	b.WriteString("datasets: ")
	if e.Column != "" {
		fmt.Fprintf(&b, "column %q: ", e.Column)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, "row %d: ", e.Row)
	}
	b.WriteString(e.Msg)
	return b.String()
}

func rowError(row int, format string, args ...any) error {
	return &TransformError{Row: row, Msg: fmt.Sprintf(format, args...)}
}

func typeError(fn string, t arrow.DataType, want string) error {
	return &TransformError{Row: -1, Msg: fmt.Sprintf("%s: cannot read %s (want %s)", fn, t, want)}
}

// stringValues returns an accessor for string-typed arrays of any layout.
func stringValues(arr arrow.Array) (func(int) string, bool) {
	switch a := arr.(type) {
	case *array.String:
		return a.Value, true
	case *array.LargeString:
		return a.Value, true
	case *array.StringView:
		return a.Value, true
	}
	return nil, false
}

// YearOf keeps dates related to a person to their year, as Safe Harbor
// allows. It reads Date32, Date64, Timestamp (the year is taken in the
// type's time zone, where the date was recorded) or strings starting with
// an ISO date (YYYY-MM-DD, optionally followed by a time after 'T' or a
// space); it returns Int64 years. Nulls and empty strings become null; any
// other string that is not such a date is an error, since it cannot be
// generalized safely.
//
// Safe Harbor also requires the year to be aggregated for dates that
// reveal an age over 89 (such as a birth year): AggregateYears does that.
func YearOf(arr arrow.Array, mem memory.Allocator) (arrow.Array, error) {
	b := array.NewInt64Builder(mem)
	defer b.Release()
	b.Reserve(arr.Len())

	var year func(i int) (int64, bool, error) // year, valid, error
	switch a := arr.(type) {
	case *array.Date32:
		year = func(i int) (int64, bool, error) { return yearOfDay(int64(a.Value(i))), true, nil }
	case *array.Date64:
		year = func(i int) (int64, bool, error) {
			// Truncated towards zero, as Date64.ToTime does.
			return yearOfDay(int64(a.Value(i)) / 86_400_000), true, nil
		}
	case *array.Timestamp:
		toTime, err := a.DataType().(*arrow.TimestampType).GetToTimeFunc()
		if err != nil {
			return nil, &TransformError{Row: -1, Msg: "YearOf: " + err.Error()}
		}
		year = func(i int) (int64, bool, error) { return int64(toTime(a.Value(i)).Year()), true, nil }
	default:
		value, ok := stringValues(arr)
		if !ok {
			return nil, typeError("YearOf", arr.DataType(), "date32, date64, timestamp or string")
		}
		year = func(i int) (int64, bool, error) {
			s := strings.TrimSpace(value(i))
			if s == "" {
				return 0, false, nil
			}
			y, err := isoYear(s)
			if err != nil {
				return 0, false, rowError(i, "YearOf: %v", err)
			}
			return y, true, nil
		}
	}

	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		y, ok, err := year(i)
		switch {
		case err != nil:
			return nil, err
		case ok:
			b.Append(y)
		default:
			b.AppendNull()
		}
	}
	return b.NewArray(), nil
}

// yearOfDay is the year of a day counted from 1970-01-01, in the
// proleptic Gregorian calendar (as time.Time's Year), without building a
// time.Time: it is Howard Hinnant's days_from_civil inverted.
func yearOfDay(day int64) int64 {
	day += 719468 // from 0000-03-01
	era := day / 146097
	if day%146097 < 0 {
		era--
	}
	doe := day - era*146097                                // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365], from March 1
	y := yoe + era*400
	if doy >= 306 { // January or February: the next year
		y++
	}
	return y
}

// isoYear returns the year of a string that starts with a valid calendar
// date, YYYY-MM-DD. Only the date is validated: what follows it is a time
// of day, which does not change the year in the recorded zone.
func isoYear(s string) (int64, error) {
	if len(s) < 10 {
		return 0, errors.New("not an ISO date (YYYY-MM-DD)")
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ' {
		return 0, errors.New("not an ISO date (YYYY-MM-DD): unexpected text after the date")
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		// time's message quotes the value; keep only that it is invalid.
		return 0, errors.New("not a valid ISO date (YYYY-MM-DD)")
	}
	return int64(t.Year()), nil
}

// AggregateYears renders Int64 years (YearOf's) as strings against the
// reference year ref: every year up to ref-90 is the one group
// OldYears(ref), every year after ref LaterYears(ref), and the years
// between stay as they are. Nulls stay null.
func AggregateYears(years arrow.Array, ref int, mem memory.Allocator) (arrow.Array, error) {
	a, ok := years.(*array.Int64)
	if !ok {
		return nil, typeError("AggregateYears", years.DataType(), "int64")
	}
	return mapToStrings(a, mem, 4*a.Len(), func(i int, b *array.StringBuilder) error {
		b.Append(yearGroup(a.Value(i), ref))
		return nil
	})
}

// AgeTopCode is the single group Safe Harbor puts every age over 89 in.
const AgeTopCode = "90+"

// TopCodeAge aggregates ages over 89 into one group. It reads Int64 or
// Float64 ages and returns strings: "0" to "89" (fractional ages are
// floored, so 89.9 is still "89") and AgeTopCode for 90 and over. Nulls stay
// null; negative or NaN ages are errors, as they are not ages and may hide
// something else.
func TopCodeAge(arr arrow.Array, mem memory.Allocator) (arrow.Array, error) {
	var age func(i int) (float64, error)
	switch a := arr.(type) {
	case *array.Int64:
		age = func(i int) (float64, error) {
			v := a.Value(i)
			if v < 0 {
				return 0, rowError(i, "TopCodeAge: negative age")
			}
			if v >= 90 { // compared as int64: no float rounding for huge values
				return 90, nil
			}
			return float64(v), nil
		}
	case *array.Float64:
		age = func(i int) (float64, error) {
			v := a.Value(i)
			switch {
			case math.IsNaN(v):
				return 0, rowError(i, "TopCodeAge: age is NaN")
			case v < 0:
				return 0, rowError(i, "TopCodeAge: negative age")
			}
			return math.Floor(v), nil
		}
	default:
		return nil, typeError("TopCodeAge", arr.DataType(), "int64 or float64")
	}

	return mapToStrings(arr, mem, 0, func(i int, b *array.StringBuilder) error {
		v, err := age(i)
		if err != nil {
			return err
		}
		if v >= 90 {
			b.Append(AgeTopCode)
		} else {
			b.Append(strconv.Itoa(int(v)))
		}
		return nil
	})
}

// mapToStrings builds a string array with one entry per value of arr:
// nulls stay null, and f appends the entry for every other row (a value,
// or a null of its own). dataLen, if known, reserves the bytes.
func mapToStrings(arr arrow.Array, mem memory.Allocator, dataLen int, f func(i int, b *array.StringBuilder) error) (arrow.Array, error) {
	b := array.NewStringBuilder(mem)
	defer b.Release()
	b.Reserve(arr.Len())
	if dataLen > 0 {
		b.ReserveData(dataLen)
	}
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		if err := f(i, b); err != nil {
			return nil, err
		}
	}
	return b.NewArray(), nil
}

// ZIP3 keeps ZIP codes to their first three digits, or "000" when that
// three-digit area is in restricted (usually RestrictedZIP3). It reads
// strings: a five-digit ZIP, ZIP+4 ("02139-4307") or nine digits, with
// surrounding spaces ignored. Anything else becomes null: a four-digit
// "2139" is usually 02139 with its leading zero lost, whose first three
// digits would name the wrong area, and garbage cannot be generalized.
func ZIP3(arr arrow.Array, restricted map[string]bool, mem memory.Allocator) (arrow.Array, error) {
	value, ok := stringValues(arr)
	if !ok {
		return nil, typeError("ZIP3", arr.DataType(), "string")
	}
	// Look the areas up by number rather than hashing every row's.
	var isRestricted [1000]bool
	for z, r := range restricted {
		if r && len(z) == 3 && isDigits(z) {
			isRestricted[zip3Number(z)] = true
		}
	}
	return mapToStrings(arr, mem, 3*arr.Len(), func(i int, b *array.StringBuilder) error {
		z, ok := zip3Of(strings.TrimSpace(value(i)))
		switch {
		case !ok:
			b.AppendNull()
		case isRestricted[zip3Number(z)]:
			b.Append("000")
		default:
			b.Append(z)
		}
		return nil
	})
}

// zip3Of returns the three-digit area of a well-formed US ZIP code.
func zip3Of(s string) (string, bool) {
	switch {
	case len(s) == 5 && isDigits(s),
		len(s) == 9 && isDigits(s),
		len(s) == 10 && isDigits(s[:5]) && s[5] == '-' && isDigits(s[6:]):
		return s[:3], true
	}
	return "", false
}

// zip3Number is the value of three ASCII digits.
func zip3Number(z string) int { return int(z[0]-'0')*100 + int(z[1]-'0')*10 + int(z[2]-'0') }

// Pseudonym replaces subject keys with keyed pseudonyms: HMAC-SHA256 of the
// value under secret, as 64 lowercase hex characters. The same key and
// secret always give the same pseudonym, so extracts can be joined; without
// the secret the pseudonym cannot be traced back by hashing candidate keys.
// It reads strings or Int64 (hashed as its decimal form, so 42 and "42"
// agree). Nulls stay null. An empty secret is ErrNoSecret.
func Pseudonym(arr arrow.Array, secret []byte, mem memory.Allocator) (arrow.Array, error) {
	if len(secret) == 0 {
		return nil, ErrNoSecret
	}
	var key func(i int, buf []byte) []byte
	if value, ok := stringValues(arr); ok {
		key = func(i int, buf []byte) []byte { return append(buf, value(i)...) }
	} else if a, ok := arr.(*array.Int64); ok {
		key = func(i int, buf []byte) []byte { return strconv.AppendInt(buf, a.Value(i), 10) }
	} else {
		return nil, typeError("Pseudonym", arr.DataType(), "string or int64")
	}

	// Every pseudonym has the same length, so each row's place in the
	// output is known up front, and the rows are hashed on every core.
	n := arr.Len()
	const size = 2 * sha256.Size // hex
	offsetBuf := memory.NewResizableBuffer(mem)
	defer offsetBuf.Release()
	offsetBuf.Resize(arrow.Int32Traits.BytesRequired(n + 1))
	offsets := arrow.Int32Traits.CastFromBytes(offsetBuf.Bytes())
	offsets[0] = 0
	for i := range n {
		offsets[i+1] = offsets[i]
		if arr.IsValid(i) {
			offsets[i+1] += size
		}
	}
	dataBuf := memory.NewResizableBuffer(mem)
	defer dataBuf.Release()
	dataBuf.Resize(int(offsets[n]))
	data := dataBuf.Bytes()
	workers := min(runtime.GOMAXPROCS(0), max(n/pseudonymChunk, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			mac := hmac.New(sha256.New, secret)
			var buf, sum []byte
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				if offsets[i+1] == offsets[i] {
					continue // null
				}
				buf = key(i, buf[:0])
				mac.Reset()
				mac.Write(buf)
				sum = mac.Sum(sum[:0])
				hex.Encode(data[offsets[i]:offsets[i+1]], sum)
			}
		})
	}
	wg.Wait()

	var valid *memory.Buffer
	nulls := arr.NullN()
	if nulls > 0 {
		valid = memory.NewResizableBuffer(mem)
		valid.Resize(int(bitutil.BytesForBits(int64(n))))
		for i := range n {
			bitutil.SetBitTo(valid.Bytes(), i, arr.IsValid(i))
		}
		defer valid.Release()
	}
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{valid, offsetBuf, dataBuf}, nil, nulls, 0)
	defer d.Release()
	return array.NewStringData(d), nil
}

// pseudonymChunk is the fewest rows worth a goroutine of their own.
const pseudonymChunk = 4096

// SafeHarbor applies the HIPAA Safe Harbor rule to a record batch, column by
// column as the dictionary declares them (columns are matched by name),
// against the current year: see SafeHarborAt.
func SafeHarbor(rec arrow.Record, dict *Dictionary, secret []byte, mem memory.Allocator) (arrow.Record, error) {
	return SafeHarborAt(rec, dict, secret, time.Now().UTC().Year(), mem)
}

// SafeHarborAt applies the HIPAA Safe Harbor rule to a record batch, column
// by column as the dictionary declares them (columns are matched by name),
// for an extract whose reference year is ref:
//
//   - zip columns are kept to three digits (ZIP3 with RestrictedZIP3);
//   - date columns to the year (YearOf), as strings, where a year up to
//     ref-90 becomes the one group OldYears(ref) and a year after ref
//     LaterYears(ref) (AggregateYears): either could reveal an age over 89;
//   - ages are top-coded at 90 (TopCodeAge), and so is every kept column
//     named like an age (age_band, AgeAtVisit), whatever its declared role;
//   - every other identifier column is dropped;
//   - the subject column is replaced by its keyed Pseudonym under secret;
//   - other quasi-identifier, sensitive and plain columns pass through as
//     the same arrays.
//
// A column the dictionary does not declare is an error (wrapping
// ErrDictionary): it could hold anything. Output fields keep their names;
// transformed columns get the transform's type, and the schema's metadata
// is dropped, since nothing vouches for what it holds. The caller must
// Release the returned record.
func SafeHarborAt(rec arrow.Record, dict *Dictionary, secret []byte, ref int, mem memory.Allocator) (arrow.Record, error) {
	if rec == nil || dict == nil {
		return nil, errors.New("datasets: SafeHarbor needs a record and a dictionary")
	}
	schema := rec.Schema()

	// Check every column before transforming any, so a bad batch costs
	// nothing and the error lists all the problems.
	var undeclared []string
	for _, f := range schema.Fields() {
		c, ok := dict.Column(f.Name)
		switch {
		case !ok:
			undeclared = append(undeclared, strconv.Quote(f.Name))
		case c.Role == RoleSubject && len(secret) == 0:
			return nil, ErrNoSecret
		case !c.Role.valid():
			return nil, fmt.Errorf("%w: column %q: unknown role %q", ErrDictionary, c.Name, c.Role)
		}
	}
	if len(undeclared) > 0 {
		return nil, fmt.Errorf("%w does not match the data: undeclared columns %s (declare them, with role plain if they hold nothing identifying)", ErrDictionary, strings.Join(undeclared, ", "))
	}

	var (
		fields []arrow.Field
		cols   []arrow.Array
	)
	fail := func(name string, err error) (arrow.Record, error) {
		for _, c := range cols {
			c.Release()
		}
		var te *TransformError
		if errors.As(err, &te) {
			te.Column = name
		}
		return nil, err
	}
	for i, f := range schema.Fields() {
		c, _ := dict.Column(f.Name)
		arr := rec.Column(i)
		var (
			out arrow.Array
			err error
		)
		switch {
		case c.isAge():
			out, err = TopCodeAge(arr, mem)
		case c.Role == RoleQuasi || c.Role == RoleSensitive || c.Role == RolePlain:
			arr.Retain()
			fields = append(fields, f)
			cols = append(cols, arr)
			continue
		case c.Role == RoleZIP:
			out, err = ZIP3(arr, RestrictedZIP3, mem)
		case c.Role == RoleDate:
			var years arrow.Array
			if years, err = YearOf(arr, mem); err == nil {
				out, err = AggregateYears(years, ref, mem)
				years.Release()
			}
		case c.Role == RoleSubject:
			out, err = Pseudonym(arr, secret, mem)
		default:
			continue // every other identifier role: dropped
		}
		if err != nil {
			return fail(f.Name, err)
		}
		fields = append(fields, arrow.Field{Name: f.Name, Type: out.DataType(), Nullable: true})
		cols = append(cols, out)
	}

	out := array.NewRecord(arrow.NewSchema(fields, nil), cols, rec.NumRows())
	for _, c := range cols {
		c.Release() // the record holds its own references
	}
	return out, nil
}

// A Warning is a value that looks like an identifier in a column declared
// as holding none.
type Warning struct {
	Column string // the column
	Kind   string // "email", "ssn", "phone" or "ipv4"
	Row    int    // the first row where this kind was seen in the column
	Sample string // the matched text, masked: first 2 characters kept
}

// Identifier patterns for DetectIdentifiers, in the order warnings are
// reported. They look for identifiers inside free text, so each pattern is
// unanchored; digit runs are bounded by hand in detect, as RE2 has no
// lookaround.
var identifierPatterns = []struct {
	kind string
	re   *regexp.Regexp
	ok   func(string) bool // further check on a match, if any
}{
	{"email", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`), nil},
	{"ssn", regexp.MustCompile(`\d{3}-\d{2}-\d{4}`), nil},
	{"phone", regexp.MustCompile(`(?:\+1[-. ]?)?(?:\(\d{3}\) ?|\d{3}[-. ]?)\d{3}[-. ]?\d{4}`), nil},
	{"ipv4", regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`), validIPv4},
}

// DetectIdentifiers scans the string columns declared plain, sensitive or
// quasi-identifier for values that look like identifiers (email addresses,
// US Social Security numbers, US phone numbers, IPv4 addresses), which
// Safe Harbor would pass through unchanged. It reports one Warning per
// column and kind, at the first row where it is seen, in column order then
// kind order. It is a safety net for mislabelled columns, not a guarantee.
func DetectIdentifiers(rec arrow.Record, dict *Dictionary) []Warning {
	if rec == nil || dict == nil {
		return nil
	}
	var warnings []Warning
	for i, f := range rec.Schema().Fields() {
		c, ok := dict.Column(f.Name)
		if !ok || (c.Role != RolePlain && c.Role != RoleSensitive && c.Role != RoleQuasi) {
			continue
		}
		arr := rec.Column(i)
		value, ok := stringValues(arr)
		if !ok {
			continue
		}
		found := make([]*Warning, len(identifierPatterns))
		left := len(identifierPatterns)
		rows := min(arr.Len(), int(rec.NumRows()))
		for row := 0; row < rows && left > 0; row++ {
			if arr.IsNull(row) {
				continue
			}
			s := value(row)
			for k, p := range identifierPatterns {
				if found[k] != nil {
					continue
				}
				if m, ok := detect(s, p.re, p.ok); ok {
					found[k] = &Warning{Column: f.Name, Kind: p.kind, Row: row, Sample: maskSample(m)}
					left--
				}
			}
		}
		for _, w := range found {
			if w != nil {
				warnings = append(warnings, *w)
			}
		}
	}
	return warnings
}

// detect returns the first match of re in s that is not part of a longer
// run of digits or dotted numbers (so 12 digits are not a phone number and
// 1.2.3.4.5 is not an address), and that passes ok.
func detect(s string, re *regexp.Regexp, ok func(string) bool) (string, bool) {
	for _, loc := range re.FindAllStringIndex(s, -1) {
		start, end := loc[0], loc[1]
		if start > 0 && isNumberChar(s[start-1]) {
			continue
		}
		if end < len(s) && (isNumberChar(s[end]) || s[end] == '.' && end+1 < len(s) && isNumberChar(s[end+1])) {
			continue
		}
		m := s[start:end]
		if ok == nil || ok(m) {
			return m, true
		}
	}
	return "", false
}

func isNumberChar(c byte) bool { return c >= '0' && c <= '9' }

// validIPv4 checks a dotted quad's octets are in 0..255.
func validIPv4(s string) bool {
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n > 255 {
			return false
		}
	}
	return true
}

// maskSample keeps the first two characters of s and stars the rest, so a
// warning shows what was matched without repeating the identifier.
func maskSample(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 2 {
		return strings.Repeat("*", n)
	}
	_, w1 := utf8.DecodeRuneInString(s)
	_, w2 := utf8.DecodeRuneInString(s[w1:])
	return s[:w1+w2] + strings.Repeat("*", n-2)
}
