package datasets

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
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
	defer rec.Release()
	for _, f := range []Format{FormatArrow, FormatParquet, FormatCSV} {
		t.Run(string(f), func(t *testing.T) {
			a, b := writeFile(t, f, rec), writeFile(t, f, rec)
			if !bytes.Equal(a, b) {
				t.Error("two writes of the same data differ")
			}
			var got arrow.Table
			switch f {
			case FormatArrow:
				r, err := ipc.NewFileReader(bytes.NewReader(a))
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
					recs = append(recs, rr)
				}
				got = array.NewTableFromRecords(r.Schema(), recs)
			case FormatParquet:
				pf, err := file.NewParquetReader(bytes.NewReader(a))
				if err != nil {
					t.Fatal(err)
				}
				fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, mem)
				if err != nil {
					t.Fatal(err)
				}
				if got, err = fr.ReadTable(context.Background()); err != nil {
					t.Fatal(err)
				}
			case FormatCSV:
				d, _ := ParseDictionary([]byte(kanonDictionary))
				r, err := NewCSVReader(bytes.NewReader(a), CSVOptions{Dictionary: d})
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
				got = array.NewTableFromRecords(r.Schema(), recs)
			}
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
