package datasets

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

func TestGeneralize(t *testing.T) {
	bands := &Hierarchy{Bands: []float64{5, 10, 20}}
	dates := &Hierarchy{Dates: []string{"month", "year", "decade"}}
	mask := &Hierarchy{Mask: []int{1, 3}}
	vmap := &Hierarchy{Map: []map[string]string{{"E11.9": "E11", "E10.1": "E10"}, {"E11": "E1x"}}}
	cases := []struct {
		h     *Hierarchy
		raw   string
		level int
		want  string
	}{
		{bands, "37", 0, "37"},
		{bands, "37", 1, "35-39"},
		{bands, "37", 2, "30-39"},
		{bands, "37", 3, "20-39"},
		{bands, "37", 4, Suppressed},
		{bands, "37.5", 1, "[35,40)"},
		{bands, "-3", 1, "-5--1"},
		{bands, "", 1, Suppressed},
		{dates, "2024-02-29", 1, "2024-02"},
		{dates, "2024-02-29", 2, "2024"},
		{dates, "2024-02-29", 3, "2020s"},
		{dates, "2024-02-29 10:00:00Z", 2, "2024"},
		{dates, "garbage", 1, Suppressed},
		{mask, "02139", 1, "0213*"},
		{mask, "02139", 2, "02***"},
		{mask, "données", 1, "donnée*"},
		{mask, "ab", 2, "**"},
		{vmap, "E11.9", 1, "E11"},
		{vmap, "Z99", 1, Suppressed},
		{vmap, "E11", 2, "E1x"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s@%d", c.raw, c.level), func(t *testing.T) {
			if got := c.h.Generalize(c.raw, c.level); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

const kanonDictionary = `version: 1
columns:
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [5, 10, 20, 40]}}
  - {name: zip, type: string, role: quasi-identifier, hierarchy: {mask: [1, 2, 3]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: diagnosis, type: string, role: sensitive}
  - {name: hba1c, type: float, role: plain}
`

// syntheticCohort makes rows with clustered quasi-identifiers, like a
// real cohort: a few ZIP areas, ages around 40-70.
func syntheticCohort(t testing.TB, mem memory.Allocator, rows int, seed uint64) arrow.Record {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	d, err := ParseDictionary([]byte(kanonDictionary))
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewRecordBuilder(mem, d.Schema())
	defer b.Release()
	zips := []string{"02139", "02138", "02141", "10027", "10025", "94110", "94114"}
	diag := []string{"E11.9", "I10", "J45", "E78.5", "F32.9"}
	for range rows {
		b.Field(0).(*array.Int64Builder).Append(int64(40 + rng.IntN(30)))
		b.Field(1).(*array.StringBuilder).Append(zips[rng.IntN(len(zips))])
		b.Field(2).(*array.StringBuilder).Append([]string{"F", "M"}[rng.IntN(2)])
		b.Field(3).(*array.StringBuilder).Append(diag[rng.IntN(len(diag))])
		b.Field(4).(*array.Float64Builder).Append(5 + rng.Float64()*4)
	}
	return b.NewRecord()
}

// classSizes recounts the equivalence classes of an output batch.
func classSizes(rec arrow.Record, quasi []string, sensitive string) (map[string]int, map[string]map[string]bool) {
	sizes := map[string]int{}
	div := map[string]map[string]bool{}
	for row := 0; row < int(rec.NumRows()); row++ {
		var key []string
		for _, q := range quasi {
			key = append(key, valueStr(rec.Column(rec.Schema().FieldIndices(q)[0]), row))
		}
		k := strings.Join(key, "|")
		sizes[k]++
		if sensitive != "" {
			if div[k] == nil {
				div[k] = map[string]bool{}
			}
			div[k][valueStr(rec.Column(rec.Schema().FieldIndices(sensitive)[0]), row)] = true
		}
	}
	return sizes, div
}

func TestKAnonymity(t *testing.T) {
	cases := []struct {
		name string
		rows int
		opts KOptions
	}{
		{"k=2", 500, KOptions{K: 2}},
		{"k=5", 2000, KOptions{K: 5}},
		{"k=10 no suppression", 2000, KOptions{K: 10, MaxSuppression: -1}},
		{"k=5 l=3", 2000, KOptions{K: 5, L: 3, Sensitive: "diagnosis"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			d, _ := ParseDictionary([]byte(kanonDictionary))
			rec := syntheticCohort(t, mem, c.rows, 1)
			defer rec.Release()
			p, err := NewProfile(d, c.opts.Sensitive)
			if err != nil {
				t.Fatal(err)
			}
			// Two batches, as a stream would give.
			half := rec.NewSlice(0, int64(c.rows/2))
			rest := rec.NewSlice(int64(c.rows/2), int64(c.rows))
			defer half.Release()
			defer rest.Release()
			for _, b := range []arrow.Record{half, rest} {
				if err := p.Add(b); err != nil {
					t.Fatal(err)
				}
			}
			sol, err := p.Search(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var out []arrow.Record
			kept := 0
			for _, b := range []arrow.Record{half, rest} {
				o, err := sol.Apply(context.Background(), b, mem)
				if err != nil {
					t.Fatal(err)
				}
				defer o.Release()
				out = append(out, o)
				kept += int(o.NumRows())
			}
			if kept+sol.Suppressed != c.rows || float64(sol.Suppressed) > c.opts.maxSuppression()*float64(c.rows) {
				t.Errorf("kept %d + suppressed %d of %d rows", kept, sol.Suppressed, c.rows)
			}
			// k (and l) hold in the output, counted afresh.
			all := map[string]int{}
			divs := map[string]map[string]bool{}
			for _, o := range out {
				s, dv := classSizes(o, sol.Columns, c.opts.Sensitive)
				for k, n := range s {
					all[k] += n
				}
				for k, vs := range dv {
					if divs[k] == nil {
						divs[k] = map[string]bool{}
					}
					for v := range vs {
						divs[k][v] = true
					}
				}
			}
			for k, n := range all {
				if n < c.opts.k() {
					t.Errorf("class %q has %d rows, k=%d", k, n, c.opts.k())
				}
				if c.opts.L > 0 && len(divs[k]) < c.opts.L {
					t.Errorf("class %q has %d sensitive values, l=%d", k, len(divs[k]), c.opts.L)
				}
			}
			r := sol.Report
			if r.K < c.opts.k() || r.Classes != len(all) || r.Rows != c.rows || r.ProsecutorHighest != 1/float64(r.K) {
				t.Errorf("report %+v", r)
			}
			// Minimal: lowering any one level breaks the criteria.
			for i := range sol.Levels {
				if sol.Levels[i] == 0 {
					continue
				}
				lower := append(Node(nil), sol.Levels...)
				lower[i]--
				_, sup := p.evaluate(lower, c.opts)
				if sup <= int(c.opts.maxSuppression()*float64(c.rows)) && p.loss(lower, sup) < sol.Loss {
					t.Errorf("%v satisfies with less loss than the solution %v", lower, sol.Levels)
				}
			}
		})
	}
}

func TestImpossibleK(t *testing.T) {
	mem := memory.NewGoAllocator()
	d, _ := ParseDictionary([]byte(kanonDictionary))
	rec := syntheticCohort(t, mem, 30, 2)
	defer rec.Release()
	p, _ := NewProfile(d, "")
	p.Add(rec)
	_, err := p.Search(KOptions{K: 100, MaxSuppression: -1})
	if !errors.Is(err, ErrImpossibleK) || !strings.Contains(err.Error(), "best k reachable is 30") {
		t.Errorf("error %v", err)
	}
}

// BenchmarkKAnonymity1M profiles and searches a 1,000,000-row cohort for
// k = 5 over its quasi-identifiers, and applies the result.
func BenchmarkKAnonymity1M(b *testing.B) {
	mem := memory.NewGoAllocator()
	d, _ := ParseDictionary([]byte(kanonDictionary))
	rec := syntheticCohort(b, mem, 1_000_000, 3)
	defer rec.Release()
	for b.Loop() {
		p, _ := NewProfile(d, "")
		if err := p.Add(rec); err != nil {
			b.Fatal(err)
		}
		sol, err := p.Search(KOptions{K: 5})
		if err != nil {
			b.Fatal(err)
		}
		out, err := sol.Apply(context.Background(), rec, mem)
		if err != nil {
			b.Fatal(err)
		}
		out.Release()
	}
}

// searchReference is the search as originally specified: every node, in
// order of height then level by level, evaluated in full; the least loss
// wins, the first of equal losses.
func searchReference(p *Profile, o KOptions) (Node, int) {
	limit := int(o.maxSuppression() * float64(p.rows))
	tops := make([]int, len(p.quasi))
	for i, c := range p.quasi {
		tops[i] = c.levels() + 1
	}
	var nodes []Node
	var all func(n Node, i int)
	all = func(n Node, i int) {
		if i == len(n) {
			nodes = append(nodes, append(Node(nil), n...))
			return
		}
		for l := 0; l <= tops[i]; l++ {
			n[i] = l
			all(n, i+1)
		}
	}
	all(make(Node, len(tops)), 0)
	sort.SliceStable(nodes, func(a, b int) bool { return nodeBefore(nodes[a], nodes[b]) })
	var best Node
	bestLoss, bestSup := 0.0, 0
	for _, n := range nodes {
		_, sup := p.evaluate(n, o)
		if sup > limit {
			continue
		}
		if loss := p.loss(n, sup); best == nil || loss < bestLoss {
			best, bestLoss, bestSup = n, loss, sup
		}
	}
	return best, bestSup
}

func TestSearchMatchesReference(t *testing.T) {
	const dict = `version: 1
columns:
  - {name: a, type: int, role: quasi-identifier, hierarchy: {bands: [2, 4, 8]}}
  - {name: b, type: int, role: quasi-identifier, hierarchy: {bands: [3, 5]}}
  - {name: c, type: string, role: quasi-identifier, hierarchy: {mask: [1, 2]}}
  - {name: d, type: int, role: quasi-identifier, hierarchy: {bands: [100]}}
  - {name: s, type: string, role: sensitive}
`
	d, err := ParseDictionary([]byte(dict))
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewGoAllocator()
	for seed := range uint64(3) {
		rng := rand.New(rand.NewPCG(seed, 7))
		b := array.NewRecordBuilder(mem, d.Schema())
		// Wide value ranges, so that the finest nodes have too many
		// possible classes to number and take the hashing path.
		for range 600 {
			b.Field(0).(*array.Int64Builder).Append(int64(rng.IntN(300)))
			b.Field(1).(*array.Int64Builder).Append(int64(rng.IntN(40)))
			b.Field(2).(*array.StringBuilder).Append(fmt.Sprintf("%03d", rng.IntN(1+int(seed)*300)))
			if rng.IntN(20) == 0 {
				b.Field(3).(*array.Int64Builder).AppendNull()
			} else {
				b.Field(3).(*array.Int64Builder).Append(int64(rng.IntN(1000)))
			}
			// Over 64 sensitive values take l-diversity off the fast path.
			b.Field(4).(*array.StringBuilder).Append(fmt.Sprint(rng.IntN([]int{4, 5, 100}[seed])))
		}
		rec := b.NewRecord()
		b.Release()
		for _, o := range []KOptions{{K: 2}, {K: 5}, {K: 20, MaxSuppression: 0.2}, {K: 3, MaxSuppression: -1}, {K: 3, L: 2, Sensitive: "s"}, {K: 4000}} {
			p, _ := NewProfile(d, o.Sensitive)
			if err := p.Add(rec); err != nil {
				t.Fatal(err)
			}
			want, sup := searchReference(p, o)
			sol, err := p.Search(o)
			if want == nil {
				if !errors.Is(err, ErrImpossibleK) {
					t.Errorf("seed %d %+v: got %v, want ErrImpossibleK", seed, o, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("seed %d %+v: %v", seed, o, err)
			}
			if !slices.Equal(sol.Levels, want) || sol.Suppressed != sup {
				t.Errorf("seed %d %+v: got %v (%d suppressed), want %v (%d)", seed, o, sol.Levels, sol.Suppressed, want, sup)
			}
			classes, _ := p.evaluate(want, o)
			if r := report(classes, p.rows, sup); !reflect.DeepEqual(sol.Report, r) {
				t.Errorf("seed %d %+v: report %+v, want %+v", seed, o, sol.Report, r)
			}
		}
		rec.Release()
	}
}

// TestSearchMatchesReferenceManyColumns checks the search against the
// reference with the Safe Harbor quasi-identifiers (ZIP3, years, ages)
// beside declared ones: six columns, where projections of two, three and
// four of them rule nodes out.
func TestSearchMatchesReferenceManyColumns(t *testing.T) {
	const dict = `version: 1
columns:
  - {name: zip, type: string, role: zip}
  - {name: born, type: date, role: date}
  - {name: age, type: int, role: age}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: region, type: string, role: quasi-identifier, hierarchy: {mask: [1, 2]}}
  - {name: grade, type: int, role: quasi-identifier, hierarchy: {bands: [2, 4]}}
  - {name: s, type: string, role: sensitive}
`
	d, err := ParseDictionary([]byte(dict))
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewGoAllocator()
	for seed := range uint64(2) {
		rng := rand.New(rand.NewPCG(seed, 11))
		b := array.NewRecordBuilder(mem, d.Schema())
		for range 300 {
			age := 20 + rng.IntN(80)
			b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("%03d%02d", 100+rng.IntN(3+int(seed)*40), rng.IntN(100)))
			b.Field(1).(*array.Date32Builder).Append(arrow.Date32FromTime(time.Date(2025-age, time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)))
			b.Field(2).(*array.Int64Builder).Append(int64(age))
			b.Field(3).(*array.StringBuilder).Append([]string{"F", "M"}[rng.IntN(2)])
			b.Field(4).(*array.StringBuilder).Append(fmt.Sprintf("R%02d", rng.IntN(5+int(seed)*20)))
			b.Field(5).(*array.Int64Builder).Append(int64(rng.IntN(12)))
			b.Field(6).(*array.StringBuilder).Append(fmt.Sprint(rng.IntN(4)))
		}
		raw := b.NewRecord()
		b.Release()
		rec, err := SafeHarborAt(raw, d, nil, 2026, mem)
		raw.Release()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []KOptions{{K: 5}, {K: 3, MaxSuppression: -1}, {K: 3, L: 2, Sensitive: "s"}} {
			p, _ := newProfile(d, o.Sensitive, 2026)
			if err := p.Add(rec); err != nil {
				t.Fatal(err)
			}
			want, sup := searchReference(p, o)
			sol, err := p.Search(o)
			if want == nil {
				if !errors.Is(err, ErrImpossibleK) {
					t.Errorf("seed %d %+v: got %v, want ErrImpossibleK", seed, o, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("seed %d %+v: %v", seed, o, err)
			}
			if !slices.Equal(sol.Levels, want) || sol.Suppressed != sup {
				t.Errorf("seed %d %+v: got %v (%d suppressed), want %v (%d)", seed, o, sol.Levels, sol.Suppressed, want, sup)
			}
		}
		rec.Release()
	}
}
