package datasets

import (
	"math/bits"
	"strings"
)

// The fast search path: classes keyed by generalized ids packed into a
// uint64, and each node's class table rolled up from a specialization's
// table (merging classes) instead of recounted from every distinct row.
// It serves k-anonymity without l-diversity, when the ids fit 64 bits;
// evaluate (kanon.go) is the general path and the tests' reference.

type classTable map[uint64]int32

type fastSearch struct {
	p     *Profile
	shift []uint
	width []uint
	raw   classTable   // level 0
	ups   [][][]uint32 // per column, per level: ids at level-1 to ids at level
}

// newFastSearch returns nil when the ids do not fit in 64 bits.
func (p *Profile) newFastSearch() *fastSearch {
	f := &fastSearch{p: p, shift: make([]uint, len(p.quasi)), width: make([]uint, len(p.quasi))}
	var total uint
	for i := range p.quasi {
		f.width[i] = uint(max(bits.Len(uint(len(p.generalized(i, 0).names))), 1))
		f.shift[i] = total
		total += f.width[i]
	}
	if total > 64 {
		return nil
	}
	// Every level is generalized here, once, so that the search can roll
	// tables up on several goroutines without writing shared state.
	f.ups = make([][][]uint32, len(p.quasi))
	for i, c := range p.quasi {
		f.ups[i] = make([][]uint32, c.Hierarchy.Levels()+2)
		for l := 1; l < len(f.ups[i]); l++ {
			f.ups[i][l] = f.up(i, l)
		}
	}
	f.raw = make(classTable, len(p.tuples))
	for _, t := range p.tuples {
		var key uint64
		for i, id := range t.ids {
			key |= uint64(p.generalized(i, 0).ids[id]) << f.shift[i]
		}
		f.raw[key] += int32(t.count)
	}
	return f
}

// up maps column i's ids at level-1 to their ids at level.
func (f *fastSearch) up(i, level int) []uint32 {
	lo, hi := f.p.generalized(i, level-1), f.p.generalized(i, level)
	m := make([]uint32, len(lo.names))
	for raw := range f.p.values[i] {
		m[lo.ids[raw]] = hi.ids[raw]
	}
	return m
}

// rollup builds the table of the node one level above from's node in
// column i.
func (f *fastSearch) rollup(from classTable, i, level int) classTable {
	up := f.ups[i][level]
	mask := uint64(1)<<f.width[i] - 1
	out := make(classTable, len(from)/2+1)
	for key, n := range from {
		id := (key >> f.shift[i]) & mask
		out[key&^(mask<<f.shift[i])|uint64(up[id])<<f.shift[i]] += n
	}
	return out
}

// table returns node n's classes, from a cached specialization if one is
// at hand, else from level 0 column by column.
func (f *fastSearch) table(n Node, cache map[string]classTable) classTable {
	// Roll up from the smallest cached specialization: the cost is its size.
	var (
		from classTable
		col  = -1
	)
	for i := range n {
		if n[i] == 0 {
			continue
		}
		pred := append(Node(nil), n...)
		pred[i]--
		if t, ok := cache[nodeKey(pred)]; ok && (col < 0 || len(t) < len(from)) {
			from, col = t, i
		}
	}
	if col >= 0 {
		return f.rollup(from, col, n[col])
	}
	t := f.raw
	cur := make(Node, len(n))
	for i := range n {
		for cur[i] < n[i] {
			cur[i]++
			t = f.rollup(t, i, cur[i])
		}
	}
	return t
}

func nodeKey(n Node) string {
	var b strings.Builder
	for _, l := range n {
		b.WriteByte(byte(l))
	}
	return b.String()
}

// classes converts a table to the general form the rest of the search
// uses, marking the classes smaller than k.
func (f *fastSearch) classes(t classTable, n Node, k int) (map[string]*class, int) {
	out := make(map[string]*class, len(t))
	suppressed := 0
	var key []byte
	for packed, cnt := range t {
		key = key[:0]
		for i := range n {
			id := uint32(packed>>f.shift[i]) & uint32(uint64(1)<<f.width[i]-1)
			key = append(key, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
		}
		c := &class{size: int(cnt), small: int(cnt) < k}
		if c.small {
			suppressed += c.size
		}
		out[string(key)] = c
	}
	return out, suppressed
}

// suppressedIn counts the rows in classes smaller than k.
func suppressedIn(t classTable, k int) int {
	s := 0
	for _, n := range t {
		if int(n) < k {
			s += int(n)
		}
	}
	return s
}

// sizes lists the class sizes.
func (t classTable) sizes() []int {
	out := make([]int, 0, len(t))
	for _, n := range t {
		out = append(out, int(n))
	}
	return out
}
