package datasets

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The fast search path: classes keyed by generalized ids packed into a
// uint64, and each node's class table rolled up from the smallest table
// already computed below it (merging classes) instead of regrouping every
// distinct row. It serves k-anonymity, and l-diversity over up to 64
// sensitive values, when the ids fit 64 bits; evaluate (kanon.go) is the
// general path and the tests' reference.

// A classTable lists a node's classes: packed key, size and, with
// l-diversity, the sensitive values seen in the class as bits.
type classTable struct {
	keys   []uint64
	counts []int32
	sens   []uint64
}

type fastSearch struct {
	p      *Profile
	k, l   int
	shift  []uint
	width  []uint
	levels [][]*genLevel // per column, per level
	// nested tells, per column, whether each class of a level lies within
	// one class of every level above; only then can a table be rolled up
	// from one above level 0 in that column.
	nested []bool
	raw    *classTable // level 0
	cache  map[string]cachedTable
	size   int // entries in cache
	budget int
	// projections remembers, by two or three columns and their levels,
	// whether the node with every other column suppressed suppresses too
	// many rows.
	projections map[[8]int]bool
}

type cachedTable struct {
	n Node
	t *classTable
}

// fastEval is a node's table and the rows it suppresses.
type fastEval struct {
	table      *classTable
	suppressed int
}

// newFastSearch returns nil when the ids do not fit in 64 bits, or there
// are too many sensitive values for the bits of a class.
func (p *Profile) newFastSearch(o KOptions) *fastSearch {
	if o.L > 0 && len(p.sensIDs) > 64 {
		return nil
	}
	f := &fastSearch{p: p, k: o.k(), l: o.L, shift: make([]uint, len(p.quasi)), width: make([]uint, len(p.quasi)),
		levels: make([][]*genLevel, len(p.quasi)), nested: make([]bool, len(p.quasi)), cache: map[string]cachedTable{},
		projections: map[[8]int]bool{}}
	var total uint
	for i := range p.quasi {
		f.width[i] = uint(max(bits.Len(uint(len(p.values[i]))), 1))
		f.shift[i] = total
		total += f.width[i]
	}
	if total > 64 {
		return nil
	}
	// Every level is generalized here, once, so that the search can roll
	// tables up on several goroutines without writing shared state.
	for i, c := range p.quasi {
		f.nested[i] = true
		for l := range c.levels() + 2 {
			f.levels[i] = append(f.levels[i], p.generalized(i, l))
			if l > 0 && f.colMap(i, l-1, l) == nil {
				f.nested[i] = false
			}
		}
	}
	t := &classTable{keys: make([]uint64, p.tuples.len()), counts: slices.Clone(p.tuples.counts)}
	for j := range t.keys {
		for i, id := range p.tuples.tuple(j) {
			t.keys[j] |= uint64(f.levels[i][0].ids[id]) << f.shift[i]
		}
	}
	if o.L > 0 {
		t.sens = make([]uint64, len(t.keys))
		for pair := range p.pairs {
			t.sens[pair>>32] |= 1 << uint32(pair)
		}
	}
	f.raw = t
	f.budget = max(4*len(t.keys), 1<<20)
	return f
}

// colMap maps column i's ids at level from to its ids at level to, or
// returns nil when a class at from spans several at to.
func (f *fastSearch) colMap(i, from, to int) []uint32 {
	lo, hi := f.levels[i][from], f.levels[i][to]
	m := make([]uint32, len(lo.names))
	set := make([]bool, len(lo.names))
	for raw := range lo.ids {
		id, up := lo.ids[raw], hi.ids[raw]
		if set[id] && m[id] != up {
			return nil
		}
		m[id], set[id] = up, true
	}
	return m
}

// eval computes node n's table from the smallest one it can be rolled up
// from. It only reads f, so several can run at once.
func (f *fastSearch) eval(n Node) fastEval {
	from, src := make(Node, len(n)), f.raw
	for _, c := range f.cache {
		if len(c.t.keys) < len(src.keys) && f.rollsUpTo(c.n, n) {
			from, src = c.n, c.t
		}
	}
	t := src
	if !slices.Equal(from, n) {
		t = f.rollup(src, from, n)
	}
	e := fastEval{table: t}
	for j, cnt := range t.counts {
		if f.small(t, j) {
			e.suppressed += int(cnt)
		}
	}
	return e
}

// rollsUpTo reports whether n's table can be computed from from's.
func (f *fastSearch) rollsUpTo(from, n Node) bool {
	for i := range n {
		if from[i] > n[i] || from[i] > 0 && from[i] < n[i] && !f.nested[i] {
			return false
		}
	}
	return true
}

func (f *fastSearch) small(t *classTable, j int) bool {
	return int(t.counts[j]) < f.k || f.l > 0 && bits.OnesCount64(t.sens[j]) < f.l
}

// rollupColumn is how rollup reads and rewrites one column of the keys.
type rollupColumn struct {
	shift  uint
	mask   uint64
	ids    []uint32 // from's ids to n's, or nil when the level is the same
	stride int      // in the numbering of n's classes
}

// rollup merges the classes of src, at node from, into those of node n.
func (f *fastSearch) rollup(src *classTable, from, n Node) *classTable {
	cols := make([]rollupColumn, len(n))
	cells := 1 // the classes n can have, while that is at most maxDenseCells
	for i := range n {
		cols[i] = rollupColumn{shift: f.shift[i], mask: uint64(1)<<f.width[i] - 1, stride: cells}
		if from[i] != n[i] {
			cols[i].ids = f.colMap(i, from[i], n[i])
		}
		if cells <= maxDenseCells {
			cells *= len(f.levels[i][n[i]].names)
		}
	}
	// The array costs its size to clear and scan: worth it only when the
	// classes fill enough of it.
	if cells <= min(maxDenseCells, 8*len(src.keys)+4096) {
		return f.rollupDense(src, cols, cells, n)
	}
	out := &classTable{keys: make([]uint64, 0, len(src.keys)), counts: make([]int32, 0, len(src.keys))}
	if src.sens != nil {
		out.sens = make([]uint64, 0, len(src.keys))
	}
	// Open addressing, at most half full: slots hold a class's index + 1.
	slots := make([]int32, 1<<bits.Len(uint(max(2*len(src.keys), 16))-1))
	mask := uint64(len(slots) - 1)
	order := uint(bits.Len(uint(mask)))
	for j, key := range src.keys {
		for _, c := range cols {
			if c.ids != nil {
				key = key&^(c.mask<<c.shift) | uint64(c.ids[key>>c.shift&c.mask])<<c.shift
			}
		}
		h := key * 0x9e3779b97f4a7c15 >> (64 - order)
		for slots[h] != 0 && out.keys[slots[h]-1] != key {
			h = (h + 1) & mask
		}
		if s := slots[h]; s != 0 {
			out.counts[s-1] += src.counts[j]
			if src.sens != nil {
				out.sens[s-1] |= src.sens[j]
			}
			continue
		}
		out.keys = append(out.keys, key)
		out.counts = append(out.counts, src.counts[j])
		if src.sens != nil {
			out.sens = append(out.sens, src.sens[j])
		}
		slots[h] = int32(len(out.keys))
	}
	return out
}

// rollupDense is rollup for nodes with few enough classes to number them
// all: counting in an array indexed by the class number is much faster
// than hashing, and a scan of the array lists the classes.
func (f *fastSearch) rollupDense(src *classTable, cols []rollupColumn, cells int, n Node) *classTable {
	count := make([]int32, cells)
	var sens []uint64
	if src.sens != nil {
		sens = make([]uint64, cells)
	}
	for j, key := range src.keys {
		cell := 0
		for _, c := range cols {
			id := key >> c.shift & c.mask
			if c.ids != nil {
				id = uint64(c.ids[id])
			}
			cell += int(id) * c.stride
		}
		count[cell] += src.counts[j]
		if sens != nil {
			sens[cell] |= src.sens[j]
		}
	}
	out := &classTable{}
	// Every row counts, so a class is there if its count is not 0. Its key
	// is kept up to date as the class number goes up.
	digits := make([]int, len(n))
	var key uint64
	for cell, cnt := range count {
		if cnt != 0 {
			out.keys = append(out.keys, key)
			out.counts = append(out.counts, cnt)
			if sens != nil {
				out.sens = append(out.sens, sens[cell])
			}
		}
		for i, c := range cols {
			digits[i]++
			key += 1 << c.shift
			if card := len(f.levels[i][n[i]].names); digits[i] < card {
				break
			} else {
				digits[i] = 0
				key -= uint64(card) << c.shift
			}
		}
	}
	return out
}

// maxDenseCells bounds the array rollup uses to number classes.
const maxDenseCells = 1 << 22

// keep caches n's table for the nodes above it, dropping the largest
// tables when the cache outgrows its budget: they are the ones least
// worth rolling up from.
func (f *fastSearch) keep(n Node, t *classTable) {
	if t == f.raw {
		return
	}
	f.cache[nodeKey(n)] = cachedTable{n, t}
	f.size += len(t.keys)
	for f.size > f.budget {
		var largest string
		for key, c := range f.cache {
			if largest == "" || len(c.t.keys) > len(f.cache[largest].t.keys) {
				largest = key
			}
		}
		f.size -= len(f.cache[largest].t.keys)
		delete(f.cache, largest)
	}
}

func nodeKey(n Node) string {
	var b strings.Builder
	for _, l := range n {
		b.WriteByte(byte(l))
	}
	return b.String()
}

// solution describes node n from its table. Loss and Suppressed are left
// to the caller.
func (f *fastSearch) solution(n Node, t *classTable) *Solution {
	s := &Solution{Levels: n, small: map[string]bool{}}
	var kept []int
	for j, key := range t.keys {
		if !f.small(t, j) {
			kept = append(kept, int(t.counts[j]))
			continue
		}
		values := make([]string, len(n))
		for i := range n {
			values[i] = f.levels[i][n[i]].names[key>>f.shift[i]&(uint64(1)<<f.width[i]-1)]
		}
		s.addSmall(values)
	}
	suppressed := 0
	for j, cnt := range t.counts {
		if f.small(t, j) {
			suppressed += int(cnt)
		}
	}
	s.Report = reportOf(kept, f.p.rows, suppressed)
	return s
}

// projectionFails reports whether node n is sure to suppress more than
// limit rows because two, three or four of its columns alone do: the node
// with every other column suppressed (tops) lies above n, and a class of
// n lies within one of that node's, so every row that node suppresses
// (too small a class, too few sensitive values) n suppresses too. Each
// projection is evaluated once, rolled up from the smallest table below
// it; those already known are asked first, then the others from the most
// possible classes down, as they are the likeliest to fail. With many
// quasi-identifiers (ZIP3, years and ages beside the declared ones) most
// failing nodes are ruled out so, without a pass over their classes.
func (f *fastSearch) projectionFails(n Node, tops []int, limit int) bool {
	if len(n) < 3 {
		return false // the pairs are the node itself
	}
	var cols []int
	for i := range n {
		if n[i] < tops[i] {
			cols = append(cols, i)
		}
	}
	type projection struct {
		key     [8]int
		sub     []int
		classes int // possible classes, capped
	}
	var todo []projection
	var walk func(from int, sub []int)
	walk = func(from int, sub []int) {
		if len(sub) >= 2 && len(sub) < len(n) {
			pr := projection{key: [8]int{-1, -1, -1, -1, -1, -1, -1, -1}, sub: slices.Clone(sub), classes: 1}
			for x, i := range sub {
				pr.key[2*x], pr.key[2*x+1] = i, n[i]
				pr.classes = min(pr.classes*len(f.levels[i][n[i]].names), 1<<40)
			}
			todo = append(todo, pr)
		}
		if len(sub) == 4 {
			return
		}
		for a := from; a < len(cols); a++ {
			walk(a+1, append(sub, cols[a]))
		}
	}
	walk(0, nil)
	left := todo[:0]
	for _, pr := range todo {
		switch r, ok := f.projections[pr.key]; {
		case ok && r:
			return true
		case !ok:
			left = append(left, pr)
		}
	}
	slices.SortStableFunc(left, func(a, b projection) int { return a.classes - b.classes })
	var batch []projection
	for _, pr := range left {
		// At most k-1 rows are suppressed per possible class: few enough
		// classes cannot fail, and need no pass to say so.
		if f.l == 0 && pr.classes*(f.k-1) <= limit {
			f.projections[pr.key] = false
			continue
		}
		batch = append(batch, pr)
	}
	// A few at a time, one on each core.
	for len(batch) > 0 {
		now := batch[:min(len(batch), runtime.GOMAXPROCS(0))]
		batch = batch[len(now):]
		nodes := make([]Node, len(now))
		evals := make([]fastEval, len(now))
		var wg sync.WaitGroup
		for j, pr := range now {
			nodes[j] = slices.Clone(Node(tops))
			for _, i := range pr.sub {
				nodes[j][i] = n[i]
			}
			wg.Go(func() { evals[j] = f.eval(nodes[j]) })
		}
		wg.Wait()
		fails := false
		for j, pr := range now {
			f.keep(nodes[j], evals[j].table)
			f.projections[pr.key] = evals[j].suppressed > limit
			fails = fails || evals[j].suppressed > limit
		}
		if fails {
			return true
		}
	}
	return false
}
