package datasets

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// CSVOptions configure a CSVReader. The zero value reads comma-separated
// UTF-8 with a header, infers types from the first 1,000 rows, and treats
// empty fields, NA, NULL and null as missing.
type CSVOptions struct {
	// Comma is the field delimiter; 0 means ','.
	Comma rune
	// Nulls are the field values read as missing; nil means "", NA, NULL, null.
	Nulls []string
	// BatchRows is the number of rows per record batch; 0 means 65,536.
	BatchRows int
	// Dictionary, if set, gives every column's type (and must match the
	// header exactly); otherwise types are inferred.
	Dictionary *Dictionary
	// Types overrides inferred types by column name.
	Types map[string]Type
	// InferRows is how many rows inference looks at; 0 means 1,000.
	InferRows int
	// Name names the input in errors (a file name); empty means "input".
	Name string
	// Mem allocates the batches; nil means the Go allocator.
	Mem memory.Allocator
}

var defaultNulls = []string{"", "NA", "NULL", "null"}

// ParseError locates a value or row that could not be read.
type ParseError struct {
	Name   string // the input
	Line   int    // 1-based line of the row
	Column string // column name, if known
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("datasets: %s:%d: column %s: %v", e.Name, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("datasets: %s:%d: %v", e.Name, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// CSVReader streams a CSV or TSV file as Arrow record batches: memory is
// bounded by the batch size, not the file size.
type CSVReader struct {
	opts    CSVOptions
	sc      *csvScanner
	header  []string
	types   []Type
	schema  *arrow.Schema
	nulls   map[string]bool
	maxNull int          // longest null token: longer fields skip the lookup
	pending []pendingRow // rows read for inference, not yet returned
	cur     arrow.Record
	err     error
	done    bool

	results chan *batchResult // in file order; see csvpar.go
	stop    chan struct{}
	workers sync.WaitGroup
}

// NewCSVReader reads the header (and, without a dictionary, the rows it
// infers types from) and returns a reader positioned before the first batch.
func NewCSVReader(in io.Reader, opts CSVOptions) (*CSVReader, error) {
	if opts.Comma == 0 {
		opts.Comma = ','
	}
	if opts.Nulls == nil {
		opts.Nulls = defaultNulls
	}
	if opts.BatchRows <= 0 {
		opts.BatchRows = 1 << 16
	}
	if opts.InferRows <= 0 {
		opts.InferRows = 1000
	}
	if opts.Name == "" {
		opts.Name = "input"
	}
	if opts.Mem == nil {
		opts.Mem = memory.NewGoAllocator()
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	if opts.Comma >= 0x80 {
		return nil, fmt.Errorf("datasets: delimiter %q: only single-byte delimiters are supported", opts.Comma)
	}
	c := &CSVReader{opts: opts, sc: newCSVScanner(br, byte(opts.Comma), 4<<20), nulls: map[string]bool{}}
	for _, n := range opts.Nulls {
		c.nulls[n] = true
		c.maxNull = max(c.maxNull, len(n))
	}
	err := c.sc.Next()
	if err == io.EOF {
		return nil, &ParseError{Name: opts.Name, Line: 1, Err: errors.New("empty file: no header")}
	}
	if err != nil {
		return nil, c.scanErr(err)
	}
	header := make([]string, len(c.sc.fields))
	for i, f := range c.sc.fields {
		header[i] = string(f)
	}
	c.header = header
	if err := c.resolveTypes(); err != nil {
		return nil, err
	}
	fields := make([]arrow.Field, len(c.header))
	for i, name := range c.header {
		t, err := c.types[i].Arrow()
		if err != nil {
			return nil, err
		}
		fields[i] = arrow.Field{Name: name, Type: t, Nullable: true}
	}
	c.schema = arrow.NewSchema(fields, nil)
	return c, nil
}

func (c *CSVReader) scanErr(err error) error {
	var se *scanError
	if errors.As(err, &se) {
		return &ParseError{Name: c.opts.Name, Line: se.line, Err: se.err}
	}
	return &ParseError{Name: c.opts.Name, Line: c.sc.next, Err: err}
}

// record reads the next record, checking its length against the header.
func (c *CSVReader) record() ([][]byte, error) {
	if err := c.sc.Next(); err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, c.scanErr(err)
	}
	if len(c.sc.fields) != len(c.header) {
		return nil, &ParseError{Name: c.opts.Name, Line: c.sc.line,
			Err: fmt.Errorf("row has %d fields, the header %d", len(c.sc.fields), len(c.header))}
	}
	return c.sc.fields, nil
}

// resolveTypes takes types from the dictionary, else infers them.
func (c *CSVReader) resolveTypes() error {
	c.types = make([]Type, len(c.header))
	if d := c.opts.Dictionary; d != nil {
		if err := d.Match(c.header); err != nil {
			return err
		}
		for i, h := range c.header {
			col, _ := d.Column(h)
			c.types[i] = col.Type
		}
		return nil
	}
	for len(c.pending) < c.opts.InferRows {
		fields, err := c.record()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = string(f)
		}
		c.pending = append(c.pending, pendingRow{row, c.sc.line})
	}
	for i, h := range c.header {
		if t, ok := c.opts.Types[h]; ok {
			c.types[i] = t
			continue
		}
		c.types[i] = c.infer(i)
	}
	return nil
}

// infer picks the narrowest type every sampled value of column i parses as.
func (c *CSVReader) infer(i int) Type {
	candidates := []Type{TypeInt, TypeFloat, TypeBool, TypeDate, TypeTimestamp}
	seen := false
	for _, row := range c.pending {
		v := row.fields[i]
		if c.nulls[v] {
			continue
		}
		seen = true
		kept := candidates[:0]
		for _, t := range candidates {
			if parses(t, v) {
				kept = append(kept, t)
			}
		}
		candidates = kept
		if len(candidates) == 0 {
			return TypeString
		}
	}
	if !seen {
		return TypeString
	}
	return candidates[0]
}

// parses reports whether a field reads as type t.
func parses(t Type, v string) bool {
	var err error
	switch t {
	case TypeInt:
		_, err = strconv.ParseInt(v, 10, 64)
	case TypeFloat:
		_, err = strconv.ParseFloat(v, 64)
	case TypeBool:
		_, err = strconv.ParseBool(v)
	case TypeDate:
		_, err = time.Parse(time.DateOnly, v)
	case TypeTimestamp:
		_, err = time.Parse(time.RFC3339, v)
	}
	return err == nil
}

// Schema is the Arrow schema of the batches.
func (c *CSVReader) Schema() *arrow.Schema { return c.schema }

// Header returns the column names as in the file.
func (c *CSVReader) Header() []string { return c.header }

// Types returns the column types, inferred or declared.
func (c *CSVReader) Types() []Type { return c.types }

// Next reads the next batch; it returns false at the end or on error. A
// caller never sees rows past an error.
func (c *CSVReader) Next() bool {
	if c.cur != nil {
		c.cur.Release()
		c.cur = nil
	}
	if c.err != nil || c.done {
		return false
	}
	if c.results == nil {
		c.start()
	}
	res, ok := <-c.results
	if !ok {
		c.done = true
		return false
	}
	<-res.done
	if res.err != nil {
		c.err = res.err
		return false
	}
	c.cur = res.rec
	return true
}

func (c *CSVReader) appendRowTo(bld *array.RecordBuilder, row [][]byte, line int) error {
	for i, v := range row {
		b := bld.Field(i)
		if len(v) <= c.maxNull && c.nulls[string(v)] {
			b.AppendNull()
			continue
		}
		if err := appendValue(b, c.types[i], v); err != nil {
			return &ParseError{Name: c.opts.Name, Line: line, Column: c.header[i], Err: err}
		}
	}
	return nil
}

// pendingRow is a row read for inference, kept until it is returned.
type pendingRow struct {
	fields []string
	line   int
}

func appendValue(b array.Builder, t Type, v []byte) error {
	switch t {
	case TypeString:
		b.(*array.StringBuilder).BinaryBuilder.Append(v)
	case TypeInt:
		x, ok := parseInt(v)
		if !ok {
			return fmt.Errorf("%q is not an integer", v)
		}
		b.(*array.Int64Builder).Append(x)
	case TypeFloat:
		x, err := strconv.ParseFloat(unsafeString(bytes.TrimSpace(v)), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		b.(*array.Float64Builder).Append(x)
	case TypeBool:
		x, err := strconv.ParseBool(unsafeString(bytes.TrimSpace(v)))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		b.(*array.BooleanBuilder).Append(x)
	case TypeDate:
		d, ok := parseDate(bytes.TrimSpace(v))
		if !ok {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
		b.(*array.Date32Builder).Append(d)
	case TypeTimestamp:
		tm, err := time.Parse(time.RFC3339, string(bytes.TrimSpace(v)))
		if err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp", v)
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(tm.Unix()))
	default:
		return fmt.Errorf("unknown type %q", t)
	}
	return nil
}

// unsafeString views b as a string for a call that does not keep it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// parseInt parses an optionally signed decimal int64, surrounding spaces
// allowed, without allocating.
func parseInt(v []byte) (int64, bool) {
	v = bytes.TrimSpace(v)
	neg := false
	if len(v) > 0 && (v[0] == '-' || v[0] == '+') {
		neg = v[0] == '-'
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 18 { // longer: let strconv judge overflow
		x, err := strconv.ParseInt(unsafeString(v), 10, 64)
		if neg {
			x = -x
		}
		return x, err == nil && len(v) > 0
	}
	var x int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int64(c-'0')
	}
	if neg {
		x = -x
	}
	return x, true
}

// parseDate parses YYYY-MM-DD into days since 1970-01-01, checking the
// day exists in its month.
func parseDate(v []byte) (arrow.Date32, bool) {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return 0, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(v[:4])
	m, ok2 := num(v[5:7])
	d, ok3 := num(v[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return arrow.Date32(daysFromCivil(y, m, d)), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's days_from_civil: days since
// 1970-01-01 of a proleptic Gregorian date.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Record returns the current batch, valid until the next call to Next.
func (c *CSVReader) Record() arrow.Record { return c.cur }

// Err returns the error that stopped the reader, if any.
func (c *CSVReader) Err() error { return c.err }

// Release frees the reader's buffers.
func (c *CSVReader) Release() {
	if c.cur != nil {
		c.cur.Release()
		c.cur = nil
	}
	if c.stop != nil {
		close(c.stop)
		// Drain, releasing batches converted ahead, so the workers finish.
		for res := range c.results {
			<-res.done
			if res.rec != nil {
				res.rec.Release()
			}
		}
		c.workers.Wait()
		c.stop = nil
	}
}
