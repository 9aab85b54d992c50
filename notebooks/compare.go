package notebooks

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/desci-platform/desci/notary"
)

// A Difference is one way a reproduction's output differs from the run's.
type Difference struct {
	Output string `json:"output"` // e.g. "cell 4 output 1 (stdout)", "file coefficients.csv"
	Detail string `json:"detail"`
}

// maxLineDiffs bounds the lines reported per output; the rest are counted.
const maxLineDiffs = 50

// maxCompareSize bounds a file read back from the store to be compared
// line by line; larger files are compared by CID only.
const maxCompareSize = 256 << 20

type comparer struct {
	tol      float64
	compared []string
	diffs    []Difference
}

func (c *comparer) add(output, format string, args ...any) {
	c.diffs = append(c.diffs, Difference{output, fmt.Sprintf(format, args...)})
}

// cells compares the outputs of every code cell.
func (c *comparer) cells(want, got *Notebook) {
	for i, wc := range want.Cells {
		if wc.Type != CellCode || i >= len(got.Cells) {
			continue
		}
		gc := got.Cells[i]
		cell := fmt.Sprintf("cell %d", i+1)
		c.compared = append(c.compared, cell)
		if len(wc.Outputs) != len(gc.Outputs) {
			c.add(cell, "the run showed %d outputs, the reproduction %d", len(wc.Outputs), len(gc.Outputs))
		}
		for j := 0; j < len(wc.Outputs) && j < len(gc.Outputs); j++ {
			c.output(fmt.Sprintf("%s output %d", cell, j+1), wc.Outputs[j], gc.Outputs[j])
		}
	}
}

func (c *comparer) output(name string, w, g Output) {
	if w.Type != g.Type || w.Name != g.Name {
		c.add(name, "the run showed %s, the reproduction %s", describe(w), describe(g))
		return
	}
	name += " (" + describe(w) + ")"
	switch w.Type {
	case "stream":
		c.text(name, w.Text, g.Text)
	case "error":
		c.text(name, w.EName+": "+w.EValue, g.EName+": "+g.EValue)
	default:
		for _, mime := range slices.Sorted(maps.Keys(union(w.Data, g.Data))) {
			wd, inW := w.Data[mime]
			gd, inG := g.Data[mime]
			switch {
			case !inG:
				c.add(name, "%s: only in the run", mime)
			case !inW:
				c.add(name, "%s: only in the reproduction", mime)
			case textMime(mime):
				c.text(name+" "+mime, wd, gd)
			case wd != gd:
				c.add(name, "%s differs (%d bytes in the run, %d in the reproduction)", mime, len(wd), len(gd))
			}
		}
	}
}

func describe(o Output) string {
	if o.Type == "stream" {
		return o.Name
	}
	return o.Type
}

func textMime(mime string) bool {
	return strings.HasPrefix(mime, "text/") || isJSONMime(mime) || mime == "image/svg+xml"
}

// files compares the files the run wrote (its content under files/) with
// those under dir.
func (c *comparer) files(ctx context.Context, st *notary.Store, content *notary.Content, dir string) error {
	want := map[string]notary.File{}
	if content != nil {
		for _, f := range content.Files {
			if isRunFile(f.Path) {
				want[strings.TrimPrefix(f.Path, filesPrefix)] = f
			}
		}
	}
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = p
		}
		return nil
	})
	names := map[string]bool{}
	for k := range want {
		names[k] = true
	}
	for k := range got {
		names[k] = true
	}
	sorted := make([]string, 0, len(names))
	for k := range names {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, name := range sorted {
		w, inW := want[name]
		p, inG := got[name]
		out := "file " + name
		c.compared = append(c.compared, out)
		switch {
		case !inG:
			c.add(out, "the run wrote it, the reproduction did not")
			continue
		case !inW:
			c.add(out, "only the reproduction wrote it")
			continue
		}
		imp, err := notary.Import(ctx, p, nil, notary.ImportOptions{})
		if err != nil {
			return err
		}
		if imp.Root.Equals(w.CID) {
			continue
		}
		if w.Size > maxCompareSize {
			c.add(out, "differs: %s in the run, %s in the reproduction", w.CID, imp.Root)
			continue
		}
		wb, err := st.ReadFile(ctx, w.CID, maxCompareSize)
		if err != nil {
			return fmt.Errorf("notebooks: the run's %s: %w", out, err)
		}
		gb, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if isText(wb) && isText(gb) {
			c.text(out, string(wb), string(gb))
		} else {
			c.add(out, "differs (binary; %d bytes in the run, %d in the reproduction)", len(wb), len(gb))
		}
	}
	return nil
}

func isText(b []byte) bool { return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 }

// text compares line by line, numbers within the tolerance, and reports
// each line that differs.
func (c *comparer) text(name, want, got string) {
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	n := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) && i < len(gl) && linesMatch(w, g, c.tol) {
			continue
		}
		n++
		if n > maxLineDiffs {
			continue
		}
		switch {
		case i >= len(gl):
			c.add(name, "line %d: the run has %q, the reproduction ends", i+1, w)
		case i >= len(wl):
			c.add(name, "line %d: the reproduction has %q, the run ends", i+1, g)
		default:
			c.add(name, "line %d: %q in the run, %q in the reproduction", i+1, w, g)
		}
	}
	if n > maxLineDiffs {
		c.add(name, "and %d more lines differ", n-maxLineDiffs)
	}
}

var numberRe = regexp.MustCompile(`[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?`)

// linesMatch compares two lines: exactly, or with tol > 0 as the same
// text between numbers that are within tol.
func linesMatch(w, g string, tol float64) bool {
	if w == g {
		return true
	}
	if tol <= 0 {
		return false
	}
	wi, gi := numberRe.FindAllStringIndex(w, -1), numberRe.FindAllStringIndex(g, -1)
	if len(wi) != len(gi) {
		return false
	}
	wp, gp := 0, 0
	for k := range wi {
		if w[wp:wi[k][0]] != g[gp:gi[k][0]] {
			return false
		}
		a, err1 := strconv.ParseFloat(w[wi[k][0]:wi[k][1]], 64)
		b, err2 := strconv.ParseFloat(g[gi[k][0]:gi[k][1]], 64)
		if err1 != nil || err2 != nil || !within(a, b, tol) {
			return false
		}
		wp, gp = wi[k][1], gi[k][1]
	}
	return w[wp:] == g[gp:]
}

// within is Python's math.isclose with rel_tol = abs_tol = tol.
func within(a, b, tol float64) bool {
	d := math.Abs(a - b)
	return d <= tol || d <= tol*math.Max(math.Abs(a), math.Abs(b))
}
