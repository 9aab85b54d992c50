package notebooks

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// edit decodes a notebook as generic JSON, lets f change it and encodes it
// again the way Jupyter does (one-space indent).
func edit(t testing.TB, data []byte, f func(nb map[string]any)) []byte {
	t.Helper()
	var nb map[string]any
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	f(nb)
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func cells(nb map[string]any) []any                { return nb["cells"].([]any) }
func cell(nb map[string]any, i int) map[string]any { return cells(nb)[i].(map[string]any) }

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMethodIdentity is the acceptance list of the method CID: what must
// not change it, and what must.
func TestMethodIdentity(t *testing.T) {
	orig := readTestdata(t, "analysis.ipynb")
	base, err := Identify(orig)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name         string
		change       func(t testing.TB) []byte
		method, outs bool // whether the method and outputs CIDs change
	}{
		{"re-saved compact", func(t testing.TB) []byte {
			var buf bytes.Buffer
			json.Compact(&buf, orig)
			return buf.Bytes()
		}, false, false},
		{"re-saved with 4-space indent and sorted keys", func(t testing.TB) []byte {
			return edit(t, orig, func(map[string]any) {})
		}, false, false},
		{"outputs cleared", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 2)["outputs"] = []any{} })
		}, false, true},
		{"re-run: new execution counts and timings", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 1)["execution_count"] = 7
				cell(nb, 2)["execution_count"] = 8
				cell(nb, 2)["outputs"].([]any)[2].(map[string]any)["execution_count"] = 8
				cell(nb, 1)["metadata"].(map[string]any)["execution"] = map[string]any{"iopub.execute_input": "2026-12-01T00:00:00Z"}
			})
		}, false, false},
		{"another kernel of the same language", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				nb["metadata"].(map[string]any)["kernelspec"] = map[string]any{"name": "conda-env-py", "display_name": "Py", "language": "python"}
			})
		}, false, false},
		{"widget state and volatile metadata", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				md := nb["metadata"].(map[string]any)
				md["widgets"] = map[string]any{"state": map[string]any{"x": 1}}
				md["toc"] = map[string]any{"collapsed": true}
				md["language_info"].(map[string]any)["version"] = "3.12.0"
				cell(nb, 2)["metadata"] = map[string]any{"scrolled": true, "jupyter": map[string]any{"source_hidden": true}}
			})
		}, false, false},
		{"new cell ids and nbformat minor", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				for i := range cells(nb) {
					cell(nb, i)["id"] = "x" + strings.Repeat("1", i+1)
				}
				nb["nbformat_minor"] = 4
			})
		}, false, false},
		{"source as one string instead of lines, CRLF line endings", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 0)["source"] = "# Mean HbA1c\r\nReads the cohort and prints the mean."
				cell(nb, 1)["source"] = []any{"import statis", "tics\nvalues = [5.1, 6.2, 7.3]"}
			})
		}, false, false},
		{"stream split differently", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				o := cell(nb, 2)["outputs"].([]any)
				o[0].(map[string]any)["text"] = "mean 6.2\nn 3\n"
				cell(nb, 2)["outputs"] = append([]any{o[0]}, o[2])
			})
		}, false, false},
		{"tags reordered and repeated", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 1)["metadata"].(map[string]any)["tags"] = []any{"setup", "setup"}
			})
		}, false, false},
		{"code edited", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 1)["source"] = "import statistics\nvalues = [5.1, 6.2, 7.4]" })
		}, true, false},
		{"whitespace in code", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 1)["source"] = "import statistics\nvalues = [5.1, 6.2, 7.3] " })
		}, true, false},
		{"markdown edited", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 0)["source"] = "# Median HbA1c" })
		}, true, false},
		{"raw cell edited", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 4)["source"] = "raw text!" })
		}, true, false},
		{"attachment changed", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 3)["attachments"] = map[string]any{"dot.png": map[string]any{"image/png": "AAAA"}}
			})
		}, true, false},
		{"cells swapped", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { c := cells(nb); c[0], c[4] = c[4], c[0] })
		}, true, false},
		{"cell added", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				nb["cells"] = append(cells(nb), map[string]any{"cell_type": "markdown", "metadata": map[string]any{}, "source": ""})
			})
		}, true, false},
		{"cell type changed", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) { cell(nb, 4)["cell_type"] = "markdown" })
		}, true, false},
		{"raises-exception tag added", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 2)["metadata"] = map[string]any{"tags": []any{"raises-exception"}}
			})
		}, true, false},
		{"another language", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				nb["metadata"].(map[string]any)["kernelspec"] = map[string]any{"name": "ir", "language": "R"}
			})
		}, true, false},
		{"an output changed", func(t testing.TB) []byte {
			return edit(t, orig, func(nb map[string]any) {
				cell(nb, 2)["outputs"].([]any)[0].(map[string]any)["text"] = "mean 6.3\n"
			})
		}, false, true},
		{"JSON output re-ordered", func(t testing.TB) []byte {
			return bytes.Replace(orig, []byte(`{"b": 1, "a": [1.5, "x"]}`), []byte(`{"a": [1.5, "x"], "b": 1}`), 1)
		}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, err := Identify(tc.change(t))
			if err != nil {
				t.Fatal(err)
			}
			if changed := !id.Method.Equals(base.Method); changed != tc.method {
				t.Errorf("method CID changed = %v, want %v", changed, tc.method)
			}
			if changed := !id.Outputs.Equals(base.Outputs); changed != tc.outs {
				t.Errorf("outputs CID changed = %v, want %v", changed, tc.outs)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		data string
		want error
		msg  string
	}{
		{"not JSON", "print('hello')", ErrNotNotebook, ""},
		{"a JSON list", "[1, 2]", ErrNotNotebook, ""},
		{"JSON without nbformat", `{"cells": []}`, ErrNotNotebook, "no nbformat"},
		{"nbformat 3", string(readTestdata(t, "nbformat3.ipynb")), ErrNBFormat, "nbformat 3"},
		{"nbformat 5", `{"nbformat": 5, "cells": []}`, ErrNBFormat, "nbformat 5"},
		{"no cells", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}`, ErrNotNotebook, "no cells"},
		{"unknown cell type", `{"nbformat": 4, "cells": [{"cell_type": "poem", "source": ""}]}`, ErrNotNotebook, "cell 1"},
		{"source a number", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}`, ErrNotNotebook, "source"},
		{"unknown output", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "x"}]}]}`, ErrNotNotebook, "output 1"},
		{"trailing data", `{"nbformat": 4, "cells": []} {}`, ErrNotNotebook, "after"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.data))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Parse = %v, want %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
}

// canonicalVector is one entry of testdata/canonical-vectors.json.
type canonicalVector struct {
	Notebook   string `json:"notebook"`
	Method     string `json:"method_cid"`
	MethodHex  string `json:"method_dag_cbor_hex"`
	Outputs    string `json:"outputs_cid"`
	OutputsHex string `json:"outputs_dag_cbor_hex"`
}

func TestCanonicalVectors(t *testing.T) {
	var got []canonicalVector
	for _, name := range []string{"minimal.ipynb", "analysis.ipynb"} {
		nb, err := Parse(readTestdata(t, name))
		if err != nil {
			t.Fatal(err)
		}
		mc, mb, err := nb.Method()
		if err != nil {
			t.Fatal(err)
		}
		oc, ob, err := nb.Outputs()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, canonicalVector{name, mc.String(), hex.EncodeToString(mb), oc.String(), hex.EncodeToString(ob)})
	}
	checkGolden(t, "testdata/canonical-vectors.json", got)
	doc, err := os.ReadFile("../doc/notebooks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		for _, s := range []string{v.Method, v.Outputs} {
			if !bytes.Contains(doc, []byte(s)) {
				t.Errorf("doc/notebooks.md does not show %s (%s)", s, v.Notebook)
			}
		}
	}
	if !bytes.Contains(doc, []byte(got[0].MethodHex)) {
		t.Errorf("doc/notebooks.md does not show the minimal method block %s", got[0].MethodHex)
	}
}

func checkGolden(t *testing.T, golden string, v any) {
	t.Helper()
	out, _ := json.MarshalIndent(v, "", "  ")
	out = append(out, '\n')
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s changed; if on purpose, run go test ./notebooks -update and update doc/notebooks.md\n%s", golden, out)
	}
}

func FuzzCanonicalMethod(f *testing.F) {
	for _, name := range []string{"analysis.ipynb", "minimal.ipynb", "nbformat3.ipynb"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a\r", "\nb"], "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrNotNotebook) && !errors.Is(err, ErrNBFormat) {
				t.Fatalf("error %v is neither ErrNotNotebook nor ErrNBFormat", err)
			}
			return
		}
		id, err := nb.Identity()
		if err != nil {
			t.Fatal(err)
		}
		// Reformatting the JSON never changes either CID.
		var buf bytes.Buffer
		if err := json.Indent(&buf, bytes.TrimSpace(data), "", "\t"); err != nil {
			return // Go's decoder accepts a few things Indent does not (e.g. a BOM); nothing to compare
		}
		again, err := Identify(buf.Bytes())
		if err != nil {
			t.Fatalf("re-indented notebook does not parse: %v", err)
		}
		if again != id {
			t.Fatalf("re-indenting changed the identity: %v -> %v", id, again)
		}
	})
}
