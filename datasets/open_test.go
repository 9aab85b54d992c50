package datasets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
)

func TestOpenFileFormats(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := syntheticCohort(t, mem, 1000, 5)
	defer rec.Release()
	d, _ := ParseDictionary([]byte(kanonDictionary))
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		format Format
	}{{"cohort.arrow", FormatArrow}, {"cohort.parquet", FormatParquet}, {"cohort.csv", FormatCSV}} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			os.WriteFile(p, writeFile(t, c.format, rec), 0o644)
			r, err := OpenFile(p, CSVOptions{Dictionary: d, Mem: mem, BatchRows: 300})
			if err != nil {
				t.Fatal(err)
			}
			rows := 0
			for r.Next() {
				rows += int(r.Record().NumRows())
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			r.Release()
			if rows != 1000 {
				t.Errorf("%d rows", rows)
			}
		})
	}
	t.Run("type mismatch", func(t *testing.T) {
		p := filepath.Join(dir, "typed.parquet")
		os.WriteFile(p, writeFile(t, FormatParquet, rec), 0o644)
		wrong, _ := ParseDictionary([]byte(strings.Replace(kanonDictionary, "{name: hba1c, type: float", "{name: hba1c, type: int", 1)))
		if _, err := OpenFile(p, CSVOptions{Dictionary: wrong, Mem: mem}); err == nil || !strings.Contains(err.Error(), "column hba1c is float64 in the data") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("not parquet", func(t *testing.T) {
		p := filepath.Join(dir, "fake.parquet")
		os.WriteFile(p, []byte("id,x\n1,2\n"), 0o644)
		if _, err := OpenFile(p, CSVOptions{Mem: mem}); err == nil || !strings.Contains(err.Error(), "not a Parquet file") {
			t.Errorf("error %v", err)
		}
	})
}
