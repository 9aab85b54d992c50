package datasets

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/csv"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
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
		pw, err := pqarrow.NewFileWriter(schema, w, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
		if err != nil {
			return nil, fmt.Errorf("datasets: parquet writer: %w", err)
		}
		return &parquetWriter{pw}, nil
	case FormatCSV:
		return &csvWriter{csv.NewWriter(w, schema, csv.WithHeader(true), csv.WithNullWriter(""))}, nil
	}
	return nil, fmt.Errorf("datasets: unknown format %q", f)
}

type parquetWriter struct{ w *pqarrow.FileWriter }

func (p *parquetWriter) Write(rec arrow.Record) error { return p.w.WriteBuffered(rec) }
func (p *parquetWriter) Close() error                 { return p.w.Close() }

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Write(rec arrow.Record) error { return c.w.Write(rec) }
func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}
