package datasets

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Ingest runs as a pipeline: one goroutine only finds where records end (a
// newline, unless the line has quotes) and hands each batch's records over
// as bytes, a chunk; the other cores split chunks into fields and parse the
// values straight into Arrow buffers; Next hands the batches out in file
// order. Finding the ends is a small part of the work, so on two cores this
// roughly doubles throughput.

// csvChunk is one batch's records, as in the file.
type csvChunk struct {
	data   []byte
	line   int  // line of the first record
	rows   int  // records in data
	quoted bool // some record has quotes
}

// batchResult is a converted chunk, the error that ended the input, or
// both: the rows before a bad one, then its error.
type batchResult struct {
	rec  arrow.Record
	err  error
	done chan struct{}
}

type csvJob struct {
	ch  *csvChunk
	res *batchResult
}

// start launches the pipeline.
func (c *CSVReader) start() {
	workers := max(runtime.GOMAXPROCS(0), 1)
	jobs := make(chan csvJob, workers)
	c.results = make(chan *batchResult, 2*workers)
	c.stop = make(chan struct{})
	// Chunk buffers go back to the splitter, so that steady state
	// allocates only the batches' own buffers.
	free := make(chan []byte, 2*workers+1)

	go func() { // splitter
		defer close(jobs)
		defer close(c.results)
		emit := func(ch *csvChunk) bool {
			res := &batchResult{done: make(chan struct{})}
			select {
			case c.results <- res:
			case <-c.stop:
				return false
			}
			select {
			case jobs <- csvJob{ch, res}:
				return true
			case <-c.stop:
				res.err = io.EOF
				close(res.done)
				return false
			}
		}
		for {
			rows := 0
			var err error
			for rows < c.opts.BatchRows {
				if err = c.sc.Skip(); err != nil {
					break
				}
				rows++
			}
			if rows > 0 {
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				ch := &csvChunk{rows: rows}
				ch.data, ch.line, ch.quoted = c.sc.take(buf)
				if !emit(ch) {
					return
				}
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				res := &batchResult{err: c.scanErr(c.sc, err), done: make(chan struct{})}
				close(res.done)
				select {
				case c.results <- res:
				case <-c.stop:
				}
				return
			}
		}
	}()

	for range workers {
		c.workers.Add(1)
		go func() {
			defer c.workers.Done()
			w := &csvConverter{c: c, cols: make([]csvColumn, len(c.types))}
			w.sc.comma = c.sc.comma
			for i, t := range c.types {
				w.cols[i].kind = kindOf[t]
			}
			for j := range jobs {
				j.res.rec, j.res.err = w.convert(j.ch)
				close(j.res.done)
				select {
				case free <- j.ch.data:
				default:
				}
			}
		}()
	}
}

// csvConverter turns chunks into batches; each worker has its own.
type csvConverter struct {
	c    *CSVReader
	sc   csvScanner
	cols []csvColumn
}

// convert builds a chunk's batch. At a record of the wrong length it
// returns the rows before it, then the error; at a value that does not
// parse, only the error.
func (w *csvConverter) convert(ch *csvChunk) (arrow.Record, error) {
	c := w.c
	w.sc.reset(ch.data, ch.line, ch.quoted)
	for i := range w.cols {
		w.cols[i].reset(c.opts.Mem, ch.rows)
	}
	n := 0
	for {
		err := w.sc.record()
		if err == io.EOF {
			break
		}
		if err != nil {
			err = c.scanErr(&w.sc, err)
		} else {
			err = c.checkLen(&w.sc)
		}
		if err != nil {
			return w.finish(n), err
		}
		for i, v := range w.sc.fields {
			col := &w.cols[i]
			if c.isNull(v) {
				col.appendNull(n)
				continue
			}
			if err := col.append(n, v); err != nil {
				w.finish(0)
				return nil, &ParseError{Name: c.opts.Name, Line: w.sc.line, Column: c.header[i], Err: err}
			}
		}
		n++
	}
	return w.finish(n), nil
}

// finish makes the first n rows a record, or releases the buffers if n is 0.
func (w *csvConverter) finish(n int) arrow.Record {
	if n == 0 {
		for i := range w.cols {
			w.cols[i].release()
		}
		return nil
	}
	arrs := make([]arrow.Array, len(w.cols))
	for i := range w.cols {
		arrs[i] = w.cols[i].array(w.c.schema.Field(i).Type, n)
	}
	rec := array.NewRecord(w.c.schema, arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

type csvKind uint8

const (
	kindString csvKind = iota
	kindInt
	kindFloat
	kindBool
	kindDate
	kindTimestamp
)

var kindOf = map[Type]csvKind{
	TypeString: kindString, TypeInt: kindInt, TypeFloat: kindFloat,
	TypeBool: kindBool, TypeDate: kindDate, TypeTimestamp: kindTimestamp,
}

// csvColumn writes one column of a batch into its Arrow buffers, sized for
// the chunk's rows up front, rather than through a builder call per value.
type csvColumn struct {
	kind  csvKind
	mem   memory.Allocator
	valid *memory.Buffer // validity bitmap, made at the first null
	bits  []byte         // valid's bytes
	nulls int
	vals  *memory.Buffer // values, or string offsets
	data  *memory.Buffer // string bytes
	size  int            // string bytes written
	rows  int
	// Views of vals and data.
	i64   []int64
	f64   []float64
	i32   []int32
	bools []byte
	text  []byte
	// Bytes per row of the last batch's strings, and some, to size the
	// next batch's.
	perRow int
}

func (col *csvColumn) reset(mem memory.Allocator, rows int) {
	col.mem, col.rows, col.nulls, col.size = mem, rows, 0, 0
	col.vals = memory.NewResizableBuffer(mem)
	switch col.kind {
	case kindString:
		col.vals.Resize(arrow.Int32Traits.BytesRequired(rows + 1))
		col.i32 = arrow.Int32Traits.CastFromBytes(col.vals.Bytes())
		col.i32[0] = 0
		col.data = memory.NewResizableBuffer(mem)
		col.data.Resize(max(col.perRow, 8) * rows)
		col.text = col.data.Bytes()
	case kindInt, kindTimestamp:
		col.vals.Resize(arrow.Int64Traits.BytesRequired(rows))
		col.i64 = arrow.Int64Traits.CastFromBytes(col.vals.Bytes())
	case kindFloat:
		col.vals.Resize(arrow.Float64Traits.BytesRequired(rows))
		col.f64 = arrow.Float64Traits.CastFromBytes(col.vals.Bytes())
	case kindBool:
		col.vals.Resize(int(bitutil.BytesForBits(int64(rows))))
		col.bools = col.vals.Bytes()
		clear(col.bools)
	case kindDate:
		col.vals.Resize(arrow.Int32Traits.BytesRequired(rows))
		col.i32 = arrow.Int32Traits.CastFromBytes(col.vals.Bytes())
	}
}

// append parses v into row r.
func (col *csvColumn) append(r int, v []byte) error {
	switch col.kind {
	case kindString:
		if col.size+len(v) > len(col.text) {
			col.data.Resize(max(2*len(col.text), col.size+len(v)))
			col.text = col.data.Bytes()
		}
		col.size += copy(col.text[col.size:], v)
		if col.size > math.MaxInt32 {
			return fmt.Errorf("a batch's strings exceed %d bytes: use smaller batches", math.MaxInt32)
		}
		col.i32[r+1] = int32(col.size)
	case kindInt:
		x, ok := parseInt(v)
		if !ok {
			return fmt.Errorf("%q is not an integer", v)
		}
		col.i64[r] = x
	case kindFloat:
		x, ok := parseFloat(trimSpace(v))
		if !ok {
			return fmt.Errorf("%q is not a number", v)
		}
		col.f64[r] = x
	case kindBool:
		x, err := strconv.ParseBool(unsafeString(trimSpace(v)))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		if x {
			bitutil.SetBit(col.bools, r)
		}
	case kindDate:
		d, ok := parseDate(trimSpace(v))
		if !ok {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
		col.i32[r] = int32(d)
	case kindTimestamp:
		tm, err := time.Parse(time.RFC3339, unsafeString(trimSpace(v)))
		if err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp", v)
		}
		col.i64[r] = tm.Unix()
	}
	return nil
}

// appendNull makes row r null, with a zero value as builders leave.
func (col *csvColumn) appendNull(r int) {
	if col.valid == nil {
		col.valid = memory.NewResizableBuffer(col.mem)
		col.valid.Resize(int(bitutil.BytesForBits(int64(col.rows))))
		col.bits = col.valid.Bytes()
		bitutil.SetBitsTo(col.bits, 0, int64(col.rows), true)
	}
	bitutil.ClearBit(col.bits, r)
	col.nulls++
	switch col.kind {
	case kindString:
		col.i32[r+1] = int32(col.size)
	case kindInt, kindTimestamp:
		col.i64[r] = 0
	case kindFloat:
		col.f64[r] = 0
	case kindDate:
		col.i32[r] = 0
	}
}

// array hands the first n rows over as an array.
func (col *csvColumn) array(dt arrow.DataType, n int) arrow.Array {
	bufs := []*memory.Buffer{col.valid, col.vals}
	if col.kind == kindString {
		col.perRow = col.size/n + col.size/n/8 + 1
		col.data.Resize(col.size)
		bufs = append(bufs, col.data)
	}
	d := array.NewData(dt, n, bufs, nil, col.nulls, 0)
	a := array.MakeFromData(d)
	d.Release()
	col.release()
	return a
}

func (col *csvColumn) release() {
	for _, b := range []*memory.Buffer{col.valid, col.vals, col.data} {
		if b != nil {
			b.Release()
		}
	}
	col.valid, col.vals, col.data = nil, nil, nil
	col.bits, col.i64, col.f64, col.i32, col.bools, col.text = nil, nil, nil, nil, nil, nil
}
