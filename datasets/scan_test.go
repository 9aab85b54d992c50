package datasets

import (
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func scanAll(in string, bufSize int) ([][]string, []int, error) {
	s := newCSVScanner(strings.NewReader(in), ',', bufSize)
	var rows [][]string
	var lines []int
	for {
		err := s.Next()
		if err == io.EOF {
			return rows, lines, nil
		}
		if err != nil {
			return rows, lines, err
		}
		var row []string
		for _, f := range s.fields {
			row = append(row, string(f))
		}
		rows = append(rows, row)
		lines = append(lines, s.line)
	}
}

// chunkAll reads as ingest does: Skip passes over batch records at a time,
// take hands them over, and record splits them.
func chunkAll(in string, bufSize, batch int) ([][]string, []int, error) {
	s := newCSVScanner(strings.NewReader(in), ',', bufSize)
	var rows [][]string
	var lines []int
	var spare []byte
	for {
		var err error
		for n := 0; n < batch; n++ {
			if err = s.Skip(); err != nil {
				break
			}
		}
		data, line, quoted := s.take(spare)
		var r csvScanner
		r.comma = ','
		r.reset(data, line, quoted)
		for {
			rerr := r.record()
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return rows, lines, fmt.Errorf("record after Skip: %w", rerr)
			}
			var row []string
			for _, f := range r.fields {
				row = append(row, string(f))
			}
			rows = append(rows, row)
			lines = append(lines, r.line)
		}
		if err == io.EOF {
			return rows, lines, nil
		}
		if err != nil {
			return rows, lines, err
		}
		spare = data
	}
}

// sameScan reports how reading in chunks differs from reading with Next, if
// it does: the same records from the same lines, and the same error.
func sameScan(in string, bufSize, batch int) string {
	want, wantLines, werr := scanAll(in, bufSize)
	got, gotLines, gerr := chunkAll(in, bufSize, batch)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) || !slices.EqualFunc(got, want, slices.Equal) || !slices.Equal(gotLines, wantLines) {
		return fmt.Sprintf("buffer %d, batch %d: chunks read %q %v %v; Next %q %v %v",
			bufSize, batch, got, gotLines, gerr, want, wantLines, werr)
	}
	var se, ge *scanError
	if errors.As(werr, &se) && (!errors.As(gerr, &ge) || se.line != ge.line) {
		return fmt.Sprintf("buffer %d, batch %d: error %v, want %v on line %d", bufSize, batch, gerr, werr, se.line)
	}
	return ""
}

func TestScanner(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		want  [][]string
		lines []int
		err   string
	}{
		{"plain", "a,b\n1,2\n", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}, ""},
		{"no final newline", "a,b\n1,2", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}, ""},
		{"crlf", "a,b\r\n1,2\r\n", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}, ""},
		{"quoted comma and quote", "\"x,y\",\"say \"\"hi\"\"\"\n", [][]string{{"x,y", `say "hi"`}}, []int{1}, ""},
		{"quoted newline", "a,\"two\nlines\"\nb,c\n", [][]string{{"a", "two\nlines"}, {"b", "c"}}, []int{1, 3}, ""},
		{"empty fields", ",,\n", [][]string{{"", "", ""}}, []int{1}, ""},
		{"empty lines skipped", "a\n\n\nb\n", [][]string{{"a"}, {"b"}}, []int{1, 4}, ""},
		{"trailing empty lines", "a\r\n\r\n\n", [][]string{{"a"}}, []int{1}, ""},
		{"carriage return alone", "a\r,b\n\r", [][]string{{"a\r", "b"}, {""}}, []int{1, 2}, ""},
		{"quoted then plain", "\"a\nb\",c\nd,e\n\"f\"\n", [][]string{{"a\nb", "c"}, {"d", "e"}, {"f"}}, []int{1, 3, 4}, ""},
		{"empty quoted", "\"\",x\n", [][]string{{"", "x"}}, []int{1}, ""},
		{"trailing comma at eof", "a,", [][]string{{"a", ""}}, []int{1}, ""},
		{"bare quote", "a,b\"c\n", nil, nil, "inside an unquoted field"},
		{"text after quote", "\"a\"b,c\n", nil, nil, "after the closing quote"},
		{"unclosed quote", "a,\"b\n", nil, nil, "not closed"},
	}
	for _, c := range cases {
		for _, size := range []int{1, 3, 7, 4096} { // tiny buffers cross every boundary
			t.Run(c.name, func(t *testing.T) {
				rows, lines, err := scanAll(c.in, size)
				if c.err != "" {
					if err == nil || !strings.Contains(err.Error(), c.err) {
						t.Errorf("buffer %d: error %v, want %q", size, err, c.err)
					}
					return
				}
				if err != nil {
					t.Fatalf("buffer %d: %v", size, err)
				}
				if !slices.EqualFunc(rows, c.want, slices.Equal) || !slices.Equal(lines, c.lines) {
					t.Errorf("buffer %d: rows %q lines %v, want %q %v", size, rows, lines, c.want, c.lines)
				}
			})
			for _, batch := range []int{1, 2, 1000} {
				if diff := sameScan(c.in, size, batch); diff != "" {
					t.Errorf("%s: %s", c.name, diff)
				}
			}
		}
	}
}

func TestParseDate(t *testing.T) {
	for d := time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 7) {
		s := d.Format(time.DateOnly)
		got, ok := parseDate([]byte(s))
		if !ok || int64(got) != d.Unix()/86400 {
			t.Fatalf("%s: %d %v, want %d", s, got, ok, d.Unix()/86400)
		}
	}
	for _, bad := range []string{"2023-02-29", "2024-13-01", "2024-04-31", "2024-1-01", "20240101", "2024-00-10", "abcd-ef-gh"} {
		if _, ok := parseDate([]byte(bad)); ok {
			t.Errorf("%s accepted", bad)
		}
	}
	if _, ok := parseDate([]byte("2024-02-29")); !ok {
		t.Error("leap day refused")
	}
}

// FuzzScanner holds the scanner to encoding/csv on whatever encoding/csv
// accepts (without carriage returns, which encoding/csv rewrites), and
// reading in chunks to reading record by record on anything.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"x,y\",\"q\"\"q\"\n", "a,\"b\nc\"\n", "\n\n", ",", "\"\"", "a\r\n\r\nb\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, batch := range []int{1, 3} {
			if diff := sameScan(in, 5, batch); diff != "" {
				t.Fatalf("%q: %s", in, diff)
			}
		}
		if strings.ContainsRune(in, '\r') {
			return
		}
		r := stdcsv.NewReader(strings.NewReader(in))
		r.FieldsPerRecord = -1
		want, werr := r.ReadAll()
		got, _, gerr := scanAll(in, 5)
		if werr != nil {
			return
		}
		if gerr != nil {
			t.Fatalf("%q: encoding/csv reads it, the scanner says %v", in, gerr)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q: scanner %q, encoding/csv %q", in, got, want)
		}
	})
}
