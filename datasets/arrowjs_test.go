package datasets

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
)

// TestExtractReadsInArrowJS opens an Arrow extract with apache-arrow from
// npm: the file must open in standard readers, not only ours. It needs the
// tools scripts/test.sh installs; without them it skips, except under CI.
func TestExtractReadsInArrowJS(t *testing.T) {
	lib := filepath.Join("..", "tools", "npm", "node_modules", "apache-arrow")
	if _, err := os.Stat(lib); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("apache-arrow is not installed under tools/npm: %v", err)
		}
		t.Skip("apache-arrow not installed: run npm ci --prefix tools/npm")
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed")
		}
		t.Skip("node not installed")
	}
	raw, _ := patientTable(500)
	d, _ := ParseDictionary([]byte(patientDictionary))
	dir := t.TempDir()
	rawFile := filepath.Join(dir, "patients.csv")
	os.WriteFile(rawFile, raw, 0o644)
	outFile := filepath.Join(dir, "extract.arrow")
	out, err := os.Create(outFile)
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewGoAllocator()
	res, err := Extract(context.Background(), func() (RecordReader, error) {
		return OpenFile(rawFile, CSVOptions{Dictionary: d, Mem: mem})
	}, out, ExtractOptions{Dictionary: d, Secret: []byte("s"), K: KOptions{K: 3}, Mem: mem})
	out.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command("node", filepath.Join("testdata", "arrowjs.js"), outFile).CombinedOutput()
	if err != nil {
		t.Fatalf("apache-arrow could not read the extract: %v\n%s", err, b)
	}
	var got struct {
		Rows    int               `json:"rows"`
		Columns []string          `json:"columns"`
		First   map[string]string `json:"first"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if got.Rows != res.Rows || !slices.Equal(got.Columns, res.Settings.Columns) {
		t.Errorf("apache-arrow sees %d rows %v; we wrote %d rows %v", got.Rows, got.Columns, res.Rows, res.Settings.Columns)
	}
	want := columnValues(t, FormatArrow, mustRead(t, outFile), mem, "subject_id")[0]
	if got.First["subject_id"] != want {
		t.Errorf("first subject_id %q in JavaScript, %q in Go", got.First["subject_id"], want)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
