package datasets

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
	r       *csv.Reader
	header  []string
	types   []Type
	schema  *arrow.Schema
	bld     *array.RecordBuilder
	nulls   map[string]bool
	pending [][]string // rows read for inference, not yet returned
	line    int
	cur     arrow.Record
	err     error
	done    bool
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
	br := bufio.NewReaderSize(in, 1<<20)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = opts.Comma
	cr.ReuseRecord = false
	cr.FieldsPerRecord = 0 // every row as long as the header
	c := &CSVReader{opts: opts, r: cr, nulls: map[string]bool{}}
	for _, n := range opts.Nulls {
		c.nulls[n] = true
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{Name: opts.Name, Line: 1, Err: errors.New("empty file: no header")}
	}
	if err != nil {
		return nil, c.csvError(err)
	}
	c.header = append([]string(nil), header...)
	c.line = 1
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
	c.bld = array.NewRecordBuilder(opts.Mem, c.schema)
	return c, nil
}

func (c *CSVReader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.Err == csv.ErrFieldCount {
			return &ParseError{Name: c.opts.Name, Line: pe.Line, Err: fmt.Errorf("row has a different number of fields than the header (%d)", len(c.header))}
		}
		return &ParseError{Name: c.opts.Name, Line: pe.Line, Err: fmt.Errorf("character %d: %v", pe.Column, pe.Err)}
	}
	return &ParseError{Name: c.opts.Name, Line: c.line + 1, Err: err}
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
		row, err := c.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return c.csvError(err)
		}
		c.pending = append(c.pending, row)
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

// Next reads the next batch; it returns false at the end or on error.
func (c *CSVReader) Next() bool {
	if c.cur != nil {
		c.cur.Release()
		c.cur = nil
	}
	if c.err != nil || c.done {
		return false
	}
	n := 0
	for n < c.opts.BatchRows {
		var row []string
		if len(c.pending) > 0 {
			row, c.pending = c.pending[0], c.pending[1:]
		} else {
			var err error
			row, err = c.r.Read()
			if err == io.EOF {
				c.done = true
				break
			}
			if err != nil {
				c.err = c.csvError(err)
				break
			}
		}
		c.line++
		if err := c.appendRow(row); err != nil {
			c.err = err
			break
		}
		n++
	}
	if c.err != nil {
		// Drop the partial batch (its columns may differ in length by the
		// failed row): a caller never sees rows past an error.
		for _, b := range c.bld.Fields() {
			b.NewArray().Release()
		}
		return false
	}
	if n == 0 {
		return false
	}
	c.cur = c.bld.NewRecord()
	return true
}

func (c *CSVReader) appendRow(row []string) error {
	for i, v := range row {
		b := c.bld.Field(i)
		if c.nulls[v] {
			b.AppendNull()
			continue
		}
		if err := appendValue(b, c.types[i], v); err != nil {
			// The line is the csv package's view of where the row started.
			line, _ := c.r.FieldPos(i)
			if line == 0 {
				line = c.line
			}
			return &ParseError{Name: c.opts.Name, Line: line, Column: c.header[i], Err: err}
		}
	}
	return nil
}

func appendValue(b array.Builder, t Type, v string) error {
	switch t {
	case TypeString:
		b.(*array.StringBuilder).Append(v)
	case TypeInt:
		x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not an integer", v)
		}
		b.(*array.Int64Builder).Append(x)
	case TypeFloat:
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		b.(*array.Float64Builder).Append(x)
	case TypeBool:
		x, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		b.(*array.BooleanBuilder).Append(x)
	case TypeDate:
		tm, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
		b.(*array.Date32Builder).Append(arrow.Date32FromTime(tm))
	case TypeTimestamp:
		tm, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp", v)
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(tm.Unix()))
	default:
		return fmt.Errorf("unknown type %q", t)
	}
	return nil
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
	c.bld.Release()
}
