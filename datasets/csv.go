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
	maxNull int       // longest null token: longer fields skip the lookup
	nullIn  [256]bool // first bytes of null tokens: other fields skip it too
	cur     arrow.Record
	err     error
	after   error // the error that follows cur, a batch cut short by it
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
		if n != "" {
			c.nullIn[n[0]] = true
		}
	}
	err := c.sc.Next()
	if err == io.EOF {
		return nil, &ParseError{Name: opts.Name, Line: 1, Err: errors.New("empty file: no header")}
	}
	if err != nil {
		return nil, c.scanErr(c.sc, err)
	}
	header := make([]string, len(c.sc.fields))
	for i, f := range c.sc.fields {
		header[i] = string(f)
	}
	c.header = header
	c.sc.hold()
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

func (c *CSVReader) scanErr(s *csvScanner, err error) error {
	var se *scanError
	if errors.As(err, &se) {
		return &ParseError{Name: c.opts.Name, Line: se.line, Err: se.err}
	}
	return &ParseError{Name: c.opts.Name, Line: s.next, Err: err}
}

// checkLen checks the length of s's record against the header.
func (c *CSVReader) checkLen(s *csvScanner) error {
	if len(s.fields) != len(c.header) {
		return &ParseError{Name: c.opts.Name, Line: s.line,
			Err: fmt.Errorf("row has %d fields, the header %d", len(s.fields), len(c.header))}
	}
	return nil
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
	// Read the sample, then go back: the batches start with it.
	var err error
	for n := 0; n < c.opts.InferRows; n++ {
		if err = c.sc.Skip(); err != nil {
			break
		}
	}
	var sample [][]string
	var rs csvScanner
	rs.comma = c.sc.comma
	rs.reset(c.sc.buf[c.sc.mark:c.sc.pos], c.sc.markLine, c.sc.quoted)
	for {
		rerr := rs.record()
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return c.scanErr(&rs, rerr)
		}
		if rerr = c.checkLen(&rs); rerr != nil {
			return rerr
		}
		row := make([]string, len(rs.fields))
		for i, f := range rs.fields {
			row[i] = string(f)
		}
		sample = append(sample, row)
	}
	if err != nil && err != io.EOF {
		return c.scanErr(c.sc, err)
	}
	c.sc.rewind()
	for i, h := range c.header {
		if t, ok := c.opts.Types[h]; ok {
			c.types[i] = t
			continue
		}
		c.types[i] = c.infer(sample, i)
	}
	return nil
}

// infer picks the narrowest type every sampled value of column i parses as.
func (c *CSVReader) infer(sample [][]string, i int) Type {
	candidates := []Type{TypeInt, TypeFloat, TypeBool, TypeDate, TypeTimestamp}
	seen := false
	for _, row := range sample {
		v := row[i]
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
	if c.after != nil {
		c.err, c.after = c.after, nil
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
	if res.rec == nil {
		c.err = res.err
		return false
	}
	c.cur, c.after = res.rec, res.err
	return true
}

// isNull reports whether a field is a null token.
func (c *CSVReader) isNull(v []byte) bool {
	return len(v) <= c.maxNull && (len(v) == 0 || c.nullIn[v[0]]) && c.nulls[string(v)]
}

// unsafeString views b as a string for a call that does not keep it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// trimSpace is bytes.TrimSpace, short-cut for the usual field that starts
// and ends with a printable ASCII character.
func trimSpace(v []byte) []byte {
	if len(v) == 0 || v[0]-'!' > '~'-'!' || v[len(v)-1]-'!' > '~'-'!' {
		return bytes.TrimSpace(v)
	}
	return v
}

// parseInt parses an optionally signed decimal int64, surrounding spaces
// allowed, without allocating.
func parseInt(v []byte) (int64, bool) {
	v = trimSpace(v)
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

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseFloat is strconv.ParseFloat(v, 64) of a trimmed field, with a fast
// path for plain decimals of at most 15 digits, such as -12.375: the digits
// as an integer and the power of ten are then exact float64s, so their
// quotient, rounded once, is the float64 nearest to v, as strconv gives.
func parseFloat(v []byte) (float64, bool) {
	s := v
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var m uint64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		m = m*10 + uint64(s[i]-'0')
		i++
	}
	whole, frac := i, 0
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			m = m*10 + uint64(s[i]-'0')
			frac++
		}
	}
	// The rest, such as ".5", 1e6, Inf or 0x1p-2, is strconv's.
	if i != len(s) || whole == 0 || whole+frac > 15 {
		x, err := strconv.ParseFloat(unsafeString(v), 64)
		return x, err == nil
	}
	x := float64(m) / pow10[frac]
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
