package notebooks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
)

// TestSniffFormat: the formats extract writes are told apart by their
// bytes.
func TestSniffFormat(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("é", 40000) // a rune split at the 64 KiB cut
	for _, tc := range []struct {
		name, data, want string
	}{
		{"parquet", "PAR1\x15\x04\x15\x00PAR1", "parquet"},
		{"arrow file", "ARROW1\x00\x00\xff\xff\xff\xff", "arrow"},
		{"arrow stream", "\xff\xff\xff\xff\x10\x00\x00\x00", "arrow"},
		{"csv", "id,age\n1,90+\n", "csv"},
		{"empty", "", "csv"},
		{"long UTF-8", "name\n" + long, "csv"},
		{"binary", "id\x00\x01\x02", "binary"},
		{"latin-1", "caf\xe9\n", "binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			os.WriteFile(p, []byte(tc.data), 0o644)
			if got, err := sniffFormat(p); err != nil || got != tc.want {
				t.Errorf("sniffFormat = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if got, _ := sniffFormat(dir); got != "directory" {
		t.Errorf("a directory: %q", got)
	}
}

// TestDeclaredFormats: a format the metadata names that extract does not
// write is a clear error, before anything is fetched or run.
func TestDeclaredFormats(t *testing.T) {
	work := t.TempDir()
	os.MkdirAll(filepath.Join(work, inputsDir), 0o755)
	os.WriteFile(filepath.Join(work, inputsDir, "cohort"), []byte("a,b\n"), 0o644)
	in := map[string]cid.Cid{"cohort": cid.Undef}
	for _, tc := range []struct {
		meta string
		err  error
		say  string
	}{
		{`{}`, nil, ""},
		{`{"desci": {"inputs": {"cohort": {"format": "csv"}}}}`, nil, ""},
		{`{"desci": {"inputs": {"other": {"format": "parquet"}}}}`, nil, ""},
		{`{"desci": {"inputs": {"cohort": {"format": "parquet"}}}}`, ErrInputFormat, "it is a CSV file, and the notebook reads parquet"},
		{`{"desci": {"inputs": {"cohort": {"format": "xlsx"}}}}`, ErrBadInput, `desci.inputs.cohort.format is "xlsx"`},
	} {
		err := checkInputFormats([]byte(`{"metadata": `+tc.meta+`}`), work, in)
		if tc.err == nil && err != nil || tc.err != nil && (!errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.say)) {
			t.Errorf("%s: %v, want %v saying %q", tc.meta, err, tc.err, tc.say)
		}
	}
}
