package notebooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/ipfs/go-cid"
)

// Input formats a notebook can declare for an input, in its metadata
// (doc/notebooks.md, "Input formats"):
//
//	"metadata": {"desci": {"inputs": {"cohort": {"format": "csv"}}}}
//
// These are the formats desci extract writes.
var inputFormats = []string{"csv", "parquet", "arrow"}

// formatHints say how to get an input in a format from desci extract.
var formatHints = map[string]string{
	"csv":     "desci extract --format csv",
	"parquet": "desci extract --format parquet, its default",
	"arrow":   "desci extract --format arrow",
}

// declaredFormats reads the input formats a notebook declares.
func declaredFormats(nbData []byte) (map[string]string, error) {
	var nb struct {
		Metadata struct {
			Desci struct {
				Inputs map[string]struct {
					Format string `json:"format"`
				} `json:"inputs"`
			} `json:"desci"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(nbData, &nb); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotNotebook, err)
	}
	out := map[string]string{}
	for name, in := range nb.Metadata.Desci.Inputs {
		if in.Format == "" {
			continue
		}
		if !slices.Contains(inputFormats, in.Format) {
			return nil, fmt.Errorf("%w: the notebook's metadata desci.inputs.%s.format is %q, not one of %v", ErrBadInput, name, in.Format, inputFormats)
		}
		out[name] = in.Format
	}
	return out, nil
}

// checkInputFormats refuses, before anything runs, an input that is not
// in the format its notebook declares.
func checkInputFormats(nbData []byte, work string, inputs map[string]cid.Cid) error {
	want, err := declaredFormats(nbData)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		f, ok := want[name]
		if !ok {
			continue
		}
		got, err := sniffFormat(filepath.Join(work, inputsDir, name))
		if err != nil {
			return &InputError{name, inputs[name], err}
		}
		if got != f {
			return &InputError{name, inputs[name], fmt.Errorf("%w: it is %s, and the notebook reads %s (its metadata desci.inputs.%s.format): make it with %s",
				ErrInputFormat, describeFormat(got), f, name, formatHints[f])}
		}
	}
	return nil
}

// ErrInputFormat is an input in another format than its notebook reads.
var ErrInputFormat = fmt.Errorf("%w: input format", ErrBadInput)

func describeFormat(f string) string {
	switch f {
	case "parquet":
		return "a Parquet file"
	case "arrow":
		return "an Arrow IPC file"
	case "csv":
		return "a CSV file"
	case "directory":
		return "a directory"
	}
	return "binary data, not CSV, Parquet or Arrow"
}

// sniffFormat tells the formats extract writes apart by their magic
// numbers: Parquet files begin and end with PAR1, Arrow IPC files begin
// with ARROW1 and streams with a continuation marker; CSV is text.
func sniffFormat(p string) (string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		return "directory", nil
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", err
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PAR1")):
		return "parquet", nil
	case bytes.HasPrefix(head, []byte("ARROW1")), bytes.HasPrefix(head, []byte{0xff, 0xff, 0xff, 0xff}):
		return "arrow", nil
	}
	// Text: UTF-8 without NUL (a cut at the end of the head may split a rune).
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary", nil
	}
	for i := 0; i < 3 && n == cap(head) && len(head) > 0 && !utf8.Valid(head); i++ {
		head = head[:len(head)-1]
	}
	if !utf8.Valid(head) {
		return "binary", nil
	}
	return "csv", nil
}
