package datasets

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/csv"
	"github.com/apache/arrow/go/v17/arrow/flight"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/metadata"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// A Format is a file format extracts are written in.
type Format string

// The extract formats: the Arrow IPC file format (what pyarrow, Polars and
// DuckDB open as .arrow/.feather), Parquet, and CSV.
const (
	FormatArrow   Format = "arrow"
	FormatParquet Format = "parquet"
	FormatCSV     Format = "csv"
)

// ParseFormat checks a format name; empty means arrow.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case "":
		return FormatArrow, nil
	case FormatArrow, FormatParquet, FormatCSV:
		return f, nil
	}
	return "", fmt.Errorf("datasets: unknown format %q (want arrow, parquet or csv)", s)
}

// BatchWriter writes record batches to a file of one format.
type BatchWriter interface {
	Write(rec arrow.Record) error
	Close() error // finishes the file; it does not close the underlying writer
}

// NewBatchWriter starts a file of format f with the given schema. The
// output depends only on the batches written: the same data gives the
// same bytes, so extracts can be reproduced byte for byte.
func NewBatchWriter(w io.WriteSeeker, f Format, schema *arrow.Schema, mem memory.Allocator) (BatchWriter, error) {
	if mem == nil {
		mem = memory.NewGoAllocator()
	}
	switch f {
	case FormatArrow, "":
		fw, err := ipc.NewFileWriter(w, ipc.WithSchema(schema), ipc.WithAllocator(mem))
		if err != nil {
			return nil, fmt.Errorf("datasets: arrow writer: %w", err)
		}
		return fw, nil
	case FormatParquet:
		props := parquet.NewWriterProperties(
			parquet.WithAllocator(mem),
			parquet.WithCompression(compress.Codecs.Snappy),
			parquet.WithCreatedBy("desci"),
		)
		arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
		sink := &footerSink{w: w}
		if flatSchema(schema) {
			pw, err := newParquetWriter(sink, schema, props, arrProps)
			if err != nil {
				return nil, fmt.Errorf("datasets: parquet writer: %w", err)
			}
			pw.sink = sink
			return pw, nil
		}
		pw, err := pqarrow.NewFileWriter(schema, sink, props, arrProps)
		if err != nil {
			return nil, fmt.Errorf("datasets: parquet writer: %w", err)
		}
		return &pqarrowWriter{pw, sink}, nil
	case FormatCSV:
		return &csvWriter{csv.NewWriter(w, schema, csv.WithHeader(true), csv.WithNullWriter(""))}, nil
	}
	return nil, fmt.Errorf("datasets: unknown format %q", f)
}

type pqarrowWriter struct {
	w    *pqarrow.FileWriter
	sink *footerSink
}

func (p *pqarrowWriter) Write(rec arrow.Record) error { return p.w.WriteBuffered(rec) }

func (p *pqarrowWriter) Close() error {
	p.sink.holding = true
	return p.w.Close()
}

// footerSink holds back what the Parquet writer writes as it closes, to
// put the page encoding statistics of each column chunk in its footer in
// one order: arrow lists them in map order, so that a column whose
// dictionary falls back to plain encoding would otherwise make the same
// data give different bytes from one run to the next.
type footerSink struct {
	w       io.Writer
	holding bool
	held    []byte
}

func (s *footerSink) Write(b []byte) (int, error) {
	if s.holding {
		s.held = append(s.held, b...)
		return len(b), nil
	}
	return s.w.Write(b)
}

// Close is called by the Parquet writer once the file is complete. It
// writes what it held, and closes the underlying writer if it can be
// closed, as the Parquet writer does when writing to it directly.
func (s *footerSink) Close() error {
	if s.holding {
		s.holding = false
		if _, err := s.w.Write(canonicalFooter(s.held)); err != nil {
			return err
		}
	}
	if c, ok := s.w.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// canonicalFooter returns the end of a Parquet file, its footer last,
// with the page encoding statistics of each column chunk sorted:
// dictionary pages first, then by encoding. What it cannot parse it
// returns as it is.
func canonicalFooter(tail []byte) []byte {
	if len(tail) < 8 || string(tail[len(tail)-4:]) != "PAR1" {
		return tail
	}
	n := int(binary.LittleEndian.Uint32(tail[len(tail)-8:]))
	start := len(tail) - 8 - n
	if start < 0 {
		return tail
	}
	md, err := metadata.NewFileMetaData(tail[start:len(tail)-8], nil)
	if err != nil {
		return tail
	}
	for _, rg := range md.RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData == nil {
				continue
			}
			stats := c.MetaData.EncodingStats
			sort.SliceStable(stats, func(i, j int) bool {
				const dictionaryPage = 2 // PageType_DICTIONARY_PAGE
				if di, dj := stats[i].PageType == dictionaryPage, stats[j].PageType == dictionaryPage; di != dj {
					return di
				}
				return stats[i].Encoding < stats[j].Encoding
			})
		}
	}
	footer, err := md.Serialize(context.Background())
	if err != nil {
		return tail
	}
	out := append(tail[:start:start], footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...)
}

// flatSchema reports whether every field is a primitive that is one
// Parquet column, which parquetWriter handles.
func flatSchema(s *arrow.Schema) bool {
	for _, f := range s.Fields() {
		switch f.Type.ID() {
		case arrow.BOOL, arrow.INT64, arrow.FLOAT64, arrow.STRING, arrow.DATE32, arrow.TIMESTAMP:
		default:
			return false
		}
	}
	return true
}

// parquetWriter writes what pqarrow's FileWriter.WriteBuffered writes, byte
// for byte, but encodes the columns of a batch on every core: in a
// buffered row group each column chunk has its own encoders and pages,
// and the chunks are written out in order when the group is closed.
type parquetWriter struct {
	w        *file.Writer
	sink     *footerSink
	schema   *arrow.Schema
	rg       file.BufferedRowGroupWriter
	nullable []bool
	workers  []*parquetWorker
}

// parquetWorker is what a goroutine writing columns keeps between them.
type parquetWorker struct {
	ctx context.Context // pqarrow's, which holds scratch buffers
	def []int16         // definition levels; the column writers copy them
}

func newParquetWriter(out io.Writer, schema *arrow.Schema, props *parquet.WriterProperties, arrProps pqarrow.ArrowWriterProperties) (*parquetWriter, error) {
	pqschema, err := pqarrow.ToParquet(schema, props, arrProps)
	if err != nil {
		return nil, err
	}
	// The key-value metadata pqarrow.NewFileWriter writes.
	meta := make(metadata.KeyValueMetadata, 0)
	for i, k := range schema.Metadata().Keys() {
		meta.Append(k, schema.Metadata().Values()[i])
	}
	meta.Append("ARROW:schema", base64.StdEncoding.EncodeToString(flight.SerializeSchema(schema, props.Allocator())))
	p := &parquetWriter{
		w:      file.NewParquetWriter(out, pqschema.Root(), file.WithWriterProps(props), file.WithWriteMetadata(meta)),
		schema: schema,
	}
	for _, f := range schema.Fields() {
		p.nullable = append(p.nullable, f.Nullable)
	}
	for range runtime.GOMAXPROCS(0) {
		p.workers = append(p.workers, &parquetWorker{ctx: pqarrow.NewArrowWriteContext(context.Background(), &arrProps)})
	}
	return p, nil
}

// Write splits rec into row groups as WriteBuffered does.
func (p *parquetWriter) Write(rec arrow.Record) error {
	if !rec.Schema().Equal(p.schema) {
		return fmt.Errorf("record schema does not match writer's. \nrecord: %s\nwriter: %s", rec.Schema(), p.schema)
	}
	maxRows := p.w.Properties().MaxRowGroupLength()
	var rows int64
	if p.rg == nil {
		p.rg = p.w.AppendBufferedRowGroup()
	} else {
		n, err := p.rg.NumRows()
		if err != nil {
			return err
		}
		rows = int64(n)
	}
	if rows+rec.NumRows() <= maxRows {
		return p.writeColumns(rec)
	}
	for start, end := int64(0), maxRows-rows; start < rec.NumRows() || start == 0; start, end = end, end+maxRows {
		if start > 0 {
			if err := p.rg.Close(); err != nil {
				return err
			}
			p.rg = p.w.AppendBufferedRowGroup()
		}
		r := rec.NewSlice(start, min(end, rec.NumRows()))
		err := p.writeColumns(r)
		r.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *parquetWriter) writeColumns(rec arrow.Record) error {
	if rec.NumRows() == 0 {
		return nil
	}
	// Largest first, so that no core is left with a big column at the end.
	weight := make([]int, rec.NumCols())
	for i := range weight {
		for _, b := range rec.Column(i).Data().Buffers() {
			if b != nil {
				weight[i] += b.Len()
			}
		}
	}
	return p.eachColumn(weight, func(w *parquetWorker, i int) error { return p.writeColumn(w, i, rec.Column(i)) })
}

// eachColumn calls f for every column, on every core, heaviest first.
func (p *parquetWriter) eachColumn(weight []int, f func(w *parquetWorker, i int) error) error {
	order := make([]int, len(weight))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return weight[order[a]] > weight[order[b]] })
	errs := make([]error, len(order))
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range p.workers[:min(len(p.workers), len(order))] {
		wg.Go(func() {
			for {
				j := int(next.Add(1) - 1)
				if j >= len(order) {
					return
				}
				errs[order[j]] = f(w, order[j])
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// flushPages encodes and compresses the values each column holds for its
// next page, on every core, before the row group is closed, which would
// do it one column after another. The pages are the same.
func (p *parquetWriter) flushPages() error {
	weight := make([]int, len(p.nullable)) // 0: nothing to flush, or unknown
	for i := range weight {
		cw, err := p.rg.Column(i)
		if err != nil {
			return err
		}
		// The page statistics count what the page holds (a page with
		// nothing must not be made); without them it is left to Close.
		if st := cw.PageStatistics(); st != nil && st.NumValues()+st.NullCount() > 0 {
			weight[i] = 1 + int(cw.CurrentEncoder().EstimatedDataEncodedSize())
		}
	}
	return p.eachColumn(weight, func(_ *parquetWorker, i int) error {
		cw, err := p.rg.Column(i)
		if err != nil {
			return err
		}
		if f, ok := cw.(interface{ FlushCurrentPage() error }); ok && weight[i] > 0 {
			return f.FlushCurrentPage()
		}
		return nil
	})
}

// writeColumn writes one column with the definition levels pqarrow's
// level builder gives a flat field.
func (p *parquetWriter) writeColumn(w *parquetWorker, i int, arr arrow.Array) error {
	cw, err := p.rg.Column(i)
	if err != nil {
		return err
	}
	var def []int16
	leafNullable := false
	if p.nullable[i] {
		if cap(w.def) < arr.Len() {
			w.def = make([]int16, arr.Len())
		}
		def = w.def[:arr.Len()]
		switch arr.NullN() {
		case 0:
			for j := range def {
				def[j] = 1
			}
		case arr.Len():
			clear(def)
			leafNullable = true
		default:
			leafNullable = true
			for j := range def {
				if arr.IsValid(j) {
					def[j] = 1
				} else {
					def[j] = 0
				}
			}
		}
	}
	return pqarrow.WriteArrowToColumn(w.ctx, cw, arr, def, nil, leafNullable)
}

func (p *parquetWriter) Close() error {
	if p.rg != nil {
		if err := p.flushPages(); err != nil {
			return err
		}
		if err := p.rg.Close(); err != nil {
			return err
		}
	}
	if p.sink != nil {
		p.sink.holding = true // just the footer, as the row group is written
	}
	return p.w.Close()
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Write(rec arrow.Record) error { return c.w.Write(rec) }
func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}
