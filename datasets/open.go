package datasets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// A RecordReader streams a dataset as Arrow record batches. The record
// returned by Record is valid until the next call to Next.
type RecordReader interface {
	Schema() *arrow.Schema
	Next() bool
	Record() arrow.Record
	Err() error
	Release()
}

var _ RecordReader = (*CSVReader)(nil)

// OpenFile opens a dataset by its extension: .csv, .tsv (tab-separated),
// .parquet, or .arrow/.feather/.ipc (Arrow IPC file). With a dictionary
// in opts, the data's columns must be exactly the declared ones, of the
// declared types. The caller releases the reader, which closes the file.
func OpenFile(path string, opts CSVOptions) (RecordReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("datasets: %w", err)
	}
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	r, err := Open(f, fi.Size(), opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &closingReader{RecordReader: r, f: f}, nil
}

// Open opens a dataset of size bytes read from src, such as a sealed
// dataset being decrypted; opts.Name (required) gives its format by its
// extension, as for OpenFile.
func Open(src io.ReaderAt, size int64, opts CSVOptions) (RecordReader, error) {
	if opts.Mem == nil {
		opts.Mem = memory.NewGoAllocator()
	}
	in := io.NewSectionReader(src, 0, size)
	var r RecordReader
	var err error
	switch ext := strings.ToLower(filepath.Ext(opts.Name)); ext {
	case ".csv", ".tsv", ".txt":
		if ext == ".tsv" && opts.Comma == 0 {
			opts.Comma = '\t'
		}
		var cr *CSVReader
		if cr, err = NewCSVReader(in, opts); err == nil {
			r = cr
		}
	case ".parquet", ".pq":
		r, err = openParquet(in, opts)
	case ".arrow", ".feather", ".ipc":
		r, err = openIPC(in, opts)
	default:
		err = fmt.Errorf("datasets: %s: unknown format (want .csv, .tsv, .parquet or .arrow)", opts.Name)
	}
	if err != nil {
		return nil, err
	}
	if opts.Dictionary != nil {
		if err := checkSchema(r.Schema(), opts.Dictionary); err != nil {
			r.Release()
			return nil, fmt.Errorf("%s: %w", opts.Name, err)
		}
	}
	return r, nil
}

type closingReader struct {
	RecordReader
	f *os.File
}

func (c *closingReader) Release() {
	c.RecordReader.Release()
	c.f.Close()
}

// checkSchema holds a typed file (Parquet, Arrow) to its dictionary.
func checkSchema(s *arrow.Schema, d *Dictionary) error {
	var names []string
	for _, f := range s.Fields() {
		names = append(names, f.Name)
	}
	if err := d.Match(names); err != nil {
		return err
	}
	for _, f := range s.Fields() {
		c, _ := d.Column(f.Name)
		want, _ := c.Type.Arrow()
		if !arrow.TypeEqual(f.Type, want) {
			return fmt.Errorf("%w does not match the data: column %s is %s in the data, the dictionary says %s (%s)",
				ErrDictionary, f.Name, f.Type, c.Type, want)
		}
	}
	return nil
}

func openParquet(f *io.SectionReader, opts CSVOptions) (RecordReader, error) {
	pf, err := file.NewParquetReader(f, file.WithReadProps(parquet.NewReaderProperties(opts.Mem)))
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: not a Parquet file: %w", opts.Name, err)
	}
	batch := opts.BatchRows
	if batch <= 0 {
		batch = 1 << 16
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: int64(batch)}, opts.Mem)
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("datasets: %s: %w", opts.Name, err)
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("datasets: %s: %w", opts.Name, err)
	}
	return &parquetReader{RecordReader: rr, pf: pf}, nil
}

type parquetReader struct {
	pqarrow.RecordReader
	pf *file.Reader
}

func (p *parquetReader) Err() error {
	if err := p.RecordReader.Err(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (p *parquetReader) Release() {
	p.RecordReader.Release()
	p.pf.Close()
}

func openIPC(f *io.SectionReader, opts CSVOptions) (RecordReader, error) {
	fr, err := ipc.NewFileReader(f, ipc.WithAllocator(opts.Mem))
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: not an Arrow IPC file: %w", opts.Name, err)
	}
	return &ipcReader{fr: fr}, nil
}

// ipcReader walks an IPC file's record batches in order.
type ipcReader struct {
	fr  *ipc.FileReader
	i   int
	cur arrow.Record
	err error
}

func (r *ipcReader) Schema() *arrow.Schema { return r.fr.Schema() }
func (r *ipcReader) Record() arrow.Record  { return r.cur }
func (r *ipcReader) Err() error            { return r.err }

func (r *ipcReader) Next() bool {
	if r.i >= r.fr.NumRecords() || r.err != nil {
		r.cur = nil
		return false
	}
	r.cur, r.err = r.fr.Record(r.i)
	r.i++
	return r.err == nil
}

func (r *ipcReader) Release() { r.fr.Close() }
