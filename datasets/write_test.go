package datasets

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// writeFile writes rec in format f to a temp file and returns its bytes.
func writeFile(t *testing.T, f Format, rec arrow.Record) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out."+string(f))
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewBatchWriter(out, f, rec.Schema(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWritersRoundTrip(t *testing.T) {
	mem := memory.NewGoAllocator()
	rec := syntheticCohort(t, mem, 300, 9)
	d, _ := ParseDictionary([]byte(kanonDictionary))
	defer rec.Release()
	for _, f := range []Format{FormatArrow, FormatParquet, FormatCSV} {
		t.Run(string(f), func(t *testing.T) {
			a, b := writeFile(t, f, rec), writeFile(t, f, rec)
			if !bytes.Equal(a, b) {
				t.Error("two writes of the same data differ")
			}
			got := readBack(t, f, a, mem, d)
			defer got.Release()
			if got.NumRows() != rec.NumRows() || got.NumCols() != rec.NumCols() {
				t.Fatalf("read back %dx%d, wrote %dx%d", got.NumRows(), got.NumCols(), rec.NumRows(), rec.NumCols())
			}
			for j := 0; j < int(rec.NumCols()); j++ {
				col := got.Column(j).Data().Chunk(0)
				if col.ValueStr(7) != rec.Column(j).ValueStr(7) {
					t.Errorf("column %s row 7: %q, wrote %q", rec.ColumnName(j), col.ValueStr(7), rec.Column(j).ValueStr(7))
				}
			}
		})
	}
}

// readBack reads a written file with Arrow's own readers (Parquet's, and
// ours for CSV, with no dictionary: types are inferred).
func readBack(t *testing.T, f Format, a []byte, mem memory.Allocator, d *Dictionary) arrow.Table {
	t.Helper()
	switch f {
	case FormatArrow:
		r, err := ipc.NewFileReader(bytes.NewReader(a), ipc.WithAllocator(mem))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var recs []arrow.Record
		for i := 0; i < r.NumRecords(); i++ {
			rr, err := r.Record(i)
			if err != nil {
				t.Fatal(err)
			}
			rr.Retain() // the reader releases it at the next call
			recs = append(recs, rr)
		}
		tbl := array.NewTableFromRecords(r.Schema(), recs)
		for _, rec := range recs {
			rec.Release()
		}
		return tbl
	case FormatParquet:
		pf, err := file.NewParquetReader(bytes.NewReader(a))
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, mem)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return tbl
	default:
		r, err := NewCSVReader(bytes.NewReader(a), CSVOptions{Mem: mem, Dictionary: d, InferRows: 100000})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Release()
		var recs []arrow.Record
		for r.Next() {
			r.Record().Retain()
			recs = append(recs, r.Record())
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		tbl := array.NewTableFromRecords(r.Schema(), recs)
		for _, rec := range recs {
			rec.Release()
		}
		return tbl
	}
}

// decodedText renders every value of a written file, one per line, but for
// the column skip. CSV is split as text: read back as Arrow, inference
// would turn 02139 into 2139.
func decodedText(t *testing.T, f Format, a []byte, mem memory.Allocator, skip string) []byte {
	t.Helper()
	var b bytes.Buffer
	if f == FormatCSV {
		rows, err := stdcsv.NewReader(bytes.NewReader(a)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for j, v := range row {
				if rows[0][j] != skip {
					b.WriteString(v + "\n")
				}
			}
		}
		return b.Bytes()
	}
	tbl := readBack(t, f, a, mem, nil)
	defer tbl.Release()
	for j := 0; j < int(tbl.NumCols()); j++ {
		if tbl.Schema().Field(j).Name == skip {
			continue
		}
		b.WriteString(tbl.Schema().Field(j).Name + "\n")
		for _, chunk := range tbl.Column(j).Data().Chunks() {
			for i := 0; i < chunk.Len(); i++ {
				b.WriteString(chunk.ValueStr(i) + "\n")
			}
		}
	}
	return b.Bytes()
}

// TestParquetWriterMatchesPqarrow holds the column-parallel Parquet writer
// to the bytes of pqarrow's own, over nulls, all-null and non-nullable
// columns, several batches and row groups split inside a batch.
func TestParquetWriterMatchesPqarrow(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "i", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "t", Type: &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, Nullable: true},
		{Name: "none", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "req", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	rng := rand.New(rand.NewPCG(3, 4))
	var recs []arrow.Record
	for _, n := range []int{700, 0, 1500, 1} {
		b := array.NewRecordBuilder(mem, schema)
		for row := range n {
			null := rng.IntN(5) == 0
			appendOrNull := func(f array.Builder, add func()) {
				if null && f != b.Field(7) {
					f.AppendNull()
				} else {
					add()
				}
			}
			appendOrNull(b.Field(0), func() { b.Field(0).(*array.StringBuilder).Append(fmt.Sprint("v", rng.IntN(50))) })
			appendOrNull(b.Field(1), func() { b.Field(1).(*array.Int64Builder).Append(int64(rng.IntN(1000))) })
			appendOrNull(b.Field(2), func() { b.Field(2).(*array.Float64Builder).Append(rng.Float64()) })
			appendOrNull(b.Field(3), func() { b.Field(3).(*array.BooleanBuilder).Append(rng.IntN(2) == 0) })
			b.Field(4).(*array.Date32Builder).Append(arrow.Date32(18000 + row))
			appendOrNull(b.Field(5), func() { b.Field(5).(*array.TimestampBuilder).Append(arrow.Timestamp(1700000000 + row)) })
			b.Field(6).AppendNull()
			b.Field(7).(*array.Int64Builder).Append(int64(row))
		}
		recs = append(recs, b.NewRecord())
		b.Release()
	}
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	// Tiny pages leave nothing buffered when the file is closed.
	for _, pageSize := range []int64{1 << 20, 64} {
		props := parquet.NewWriterProperties(parquet.WithAllocator(mem), parquet.WithCompression(compress.Codecs.Snappy),
			parquet.WithCreatedBy("desci"), parquet.WithMaxRowGroupLength(1000), parquet.WithDataPageSize(pageSize))
		arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
		var want, got bytes.Buffer
		pw, err := pqarrow.NewFileWriter(schema, &want, props, arrProps)
		if err != nil {
			t.Fatal(err)
		}
		w, err := newParquetWriter(&got, schema, props, arrProps)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if err := pw.WriteBuffered(r); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := pw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("page size %d: parquet output differs from pqarrow's: %d bytes, want %d", pageSize, got.Len(), want.Len())
		}
	}
}

// TestParquetDeterministicWithFallback writes a column whose dictionary
// outgrows its page, so that its data pages have two encodings, whose
// statistics arrow lists in map order.
func TestParquetDeterministicWithFallback(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	b := array.NewRecordBuilder(mem, schema)
	for i := range 30_000 {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("%064d", i))
	}
	rec := b.NewRecord()
	b.Release()
	defer rec.Release()
	first := writeFile(t, FormatParquet, rec)
	for range 6 {
		if !bytes.Equal(writeFile(t, FormatParquet, rec), first) {
			t.Fatal("two writes of the same data differ")
		}
	}
	got := readBack(t, FormatParquet, first, mem, nil)
	defer got.Release()
	if got.NumRows() != rec.NumRows() {
		t.Errorf("read back %d rows, wrote %d", got.NumRows(), rec.NumRows())
	}
}
