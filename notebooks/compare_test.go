package notebooks

import (
	"strings"
	"testing"
)

func TestLinesMatch(t *testing.T) {
	cases := []struct {
		name string
		w, g string
		tol  float64
		want bool
	}{
		{"identical", "auc,0.8123", "auc,0.8123", 0, true},
		{"exact: last digit", "auc,0.8123", "auc,0.8124", 0, false},
		{"within absolute tolerance", "auc,0.8123", "auc,0.8124", 1e-3, true},
		{"beyond it", "auc,0.8123", "auc,0.8143", 1e-3, false},
		{"relative for large numbers", "n 1000000.0", "n 1000000.5", 1e-6, true},
		{"same value, other notation", "x = 1e-3", "x = 0.001", 1e-12, true},
		{"text differs around numbers", "mean 6.2", "median 6.2", 1, false},
		{"a number more", "1,2", "1,2,3", 1, false},
		{"signs", "-0.5", "+0.5", 0.1, false},
		{"CSV row", "hba1c,0.912345,1.2e-05", "hba1c,0.912346,1.3e-05", 1e-5, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := linesMatch(tc.w, tc.g, tc.tol); got != tc.want {
				t.Errorf("linesMatch(%q, %q, %g) = %v", tc.w, tc.g, tc.tol, got)
			}
		})
	}
}

func TestCompareOutputs(t *testing.T) {
	mk := func(outs ...Output) *Notebook {
		return &Notebook{Cells: []Cell{{Type: CellMarkdown}, {Type: CellCode, Outputs: outs}}}
	}
	stream := func(s string) Output { return Output{Type: "stream", Name: "stdout", Text: s} }
	png := func(s string) Output {
		return Output{Type: "display_data", Data: map[string]string{"image/png": s, "text/plain": "<Figure>"}}
	}
	cases := []struct {
		name      string
		want, got *Notebook
		tol       float64
		diffs     []string // each a substring of one difference, in order
	}{
		{"same", mk(stream("a 1\n")), mk(stream("a 1\n")), 0, nil},
		{"every differing line", mk(stream("a 1\nb 2\nc 3\n")), mk(stream("a 1\nb 5\nc 6\n")), 0,
			[]string{`cell 2 output 1 (stdout): line 2: "b 2" in the run, "b 5"`, `cell 2 output 1 (stdout): line 3`}},
		{"within tolerance", mk(stream("a 1.0000001\n")), mk(stream("a 1.0000002\n")), 1e-6, nil},
		{"an output more", mk(stream("a\n")), mk(stream("a\n"), png("x")), 0, []string{"cell 2: the run showed 1 outputs, the reproduction 2"}},
		{"image differs", mk(png("AAAA")), mk(png("BBBB")), 0.5, []string{"image/png differs"}},
		{"stream becomes error", mk(stream("a\n")), mk(Output{Type: "error", EName: "E", EValue: "v"}), 0, []string{"the run showed stdout, the reproduction error"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := comparer{tol: tc.tol}
			c.cells(tc.want, tc.got)
			if len(c.diffs) != len(tc.diffs) {
				t.Fatalf("%d differences, want %d: %+v", len(c.diffs), len(tc.diffs), c.diffs)
			}
			for i, d := range c.diffs {
				if s := d.Output + ": " + d.Detail; !strings.Contains(s, tc.diffs[i]) {
					t.Errorf("difference %q does not say %q", s, tc.diffs[i])
				}
			}
			if len(c.compared) != 1 || c.compared[0] != "cell 2" {
				t.Errorf("compared %v", c.compared)
			}
		})
	}
}

func TestCompareTextLimit(t *testing.T) {
	c := comparer{}
	var w, g strings.Builder
	for range 80 {
		w.WriteString("x 1\n")
		g.WriteString("x 2\n")
	}
	c.text("file big.csv", w.String(), g.String())
	if len(c.diffs) != maxLineDiffs+1 || !strings.Contains(c.diffs[maxLineDiffs].Detail, "and 30 more lines differ") {
		t.Fatalf("%d differences, last %+v", len(c.diffs), c.diffs[len(c.diffs)-1])
	}
}
