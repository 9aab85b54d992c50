package datasets

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// ErrImpossibleK means no generalization reaches k within the suppression
// limit; the error says the best k that can be reached.
var ErrImpossibleK = errors.New("datasets: k-anonymity cannot be reached")

// KOptions configure the k-anonymity search. The zero value asks for k = 2
// with up to 5% of rows suppressed and no l-diversity.
type KOptions struct {
	// K is the smallest equivalence class allowed; 0 means 2.
	K int
	// L, with Sensitive, requires at least L distinct sensitive values in
	// every class (distinct l-diversity); 0 means none.
	L         int
	Sensitive string
	// MaxSuppression is the fraction of rows that may be suppressed; 0
	// means 0.05, and a negative value means none may be.
	MaxSuppression float64
}

func (o KOptions) k() int {
	if o.K <= 0 {
		return 2
	}
	return o.K
}

func (o KOptions) maxSuppression() float64 {
	switch {
	case o.MaxSuppression < 0:
		return 0
	case o.MaxSuppression == 0:
		return 0.05
	}
	return o.MaxSuppression
}

// Profile counts the distinct combinations of quasi-identifier values (and
// the sensitive values within each) of a dataset, streamed batch by batch:
// the search works on it, not on the rows, so its memory is bounded by the
// number of distinct combinations.
type Profile struct {
	dict    *Dictionary
	quasi   []Column
	sens    string
	values  [][]string       // per quasi column: raw value by id
	ids     []map[string]int // per quasi column: id by raw value
	tuples  map[string]*tuple
	rows    int
	sensIDs map[string]int
	gen     []map[int]*genLevel // per quasi column, per level
}

type tuple struct {
	ids   []int
	count int
	sens  map[int]int // sensitive value id -> rows
}

// NewProfile starts a profile over the dictionary's quasi-identifiers;
// sensitive names the column for l-diversity, or is empty.
func NewProfile(dict *Dictionary, sensitive string) (*Profile, error) {
	p := &Profile{dict: dict, sens: sensitive, tuples: map[string]*tuple{}, sensIDs: map[string]int{}}
	for _, c := range dict.Columns {
		if c.Role == RoleQuasi {
			p.quasi = append(p.quasi, c)
			p.values = append(p.values, nil)
			p.ids = append(p.ids, map[string]int{})
		}
	}
	if len(p.quasi) == 0 {
		return nil, fmt.Errorf("datasets: k-anonymity: the dictionary declares no quasi-identifiers")
	}
	if sensitive != "" {
		if c, ok := dict.Column(sensitive); !ok || c.Role != RoleSensitive {
			return nil, fmt.Errorf("datasets: l-diversity: %q is not a sensitive column of the dictionary", sensitive)
		}
	}
	return p, nil
}

// valueStr renders a value as Generalize expects; nulls become "".
func valueStr(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return ""
	}
	return a.ValueStr(i)
}

// Add counts a batch's rows.
func (p *Profile) Add(rec arrow.Record) error {
	cols := make([]arrow.Array, len(p.quasi))
	for i, c := range p.quasi {
		idx := rec.Schema().FieldIndices(c.Name)
		if len(idx) == 0 {
			return fmt.Errorf("datasets: k-anonymity: no column %q in the data", c.Name)
		}
		cols[i] = rec.Column(idx[0])
	}
	var sens arrow.Array
	if p.sens != "" {
		idx := rec.Schema().FieldIndices(p.sens)
		if len(idx) == 0 {
			return fmt.Errorf("datasets: l-diversity: no column %q in the data", p.sens)
		}
		sens = rec.Column(idx[0])
	}
	ids := make([]int, len(p.quasi))
	key := make([]byte, 0, 4*len(p.quasi))
	for row := 0; row < int(rec.NumRows()); row++ {
		key = key[:0]
		for i, a := range cols {
			v := valueStr(a, row)
			id, ok := p.ids[i][v]
			if !ok {
				id = len(p.values[i])
				p.ids[i][v] = id
				p.values[i] = append(p.values[i], v)
			}
			ids[i] = id
			key = binary.LittleEndian.AppendUint32(key, uint32(id))
		}
		t, ok := p.tuples[string(key)]
		if !ok {
			t = &tuple{ids: append([]int(nil), ids...)}
			p.tuples[string(key)] = t
		}
		t.count++
		if sens != nil {
			v := valueStr(sens, row)
			sid, ok := p.sensIDs[v]
			if !ok {
				sid = len(p.sensIDs)
				p.sensIDs[v] = sid
			}
			if t.sens == nil {
				t.sens = map[int]int{}
			}
			t.sens[sid]++
		}
	}
	p.rows += int(rec.NumRows())
	return nil
}

// A Node is one point of the generalization lattice: a level per
// quasi-identifier, in dictionary order.
type Node []int

// Solution is the chosen generalization and what it costs.
type Solution struct {
	Columns    []string // the quasi-identifiers, in order
	Levels     Node
	Loss       float64 // mean normalized generalization height; suppression breaks ties
	Suppressed int     // rows suppressed
	Report     RiskReport
	// small holds the generalized classes that are suppressed.
	small map[string]bool
	quasi []Column
}

// RiskReport describes what an extract leaves to re-identification, with
// ARX's definitions. Without a population table the dataset is taken as
// its own population, so journalist risk equals prosecutor risk.
type RiskReport struct {
	Rows                 int         `json:"rows"`
	K                    int         `json:"k_achieved"`
	Suppressed           int         `json:"rows_suppressed"`
	Classes              int         `json:"equivalence_classes"`
	ClassSizes           map[int]int `json:"class_sizes"` // size -> number of classes
	ProsecutorHighest    float64     `json:"prosecutor_risk_highest"`
	ProsecutorAverage    float64     `json:"prosecutor_risk_average"`
	JournalistHighest    float64     `json:"journalist_risk_highest"`
	JournalistAverage    float64     `json:"journalist_risk_average"`
	MarketerRisk         float64     `json:"marketer_risk"`
	RecordsAtHighestRisk int         `json:"records_at_highest_risk"`
}

// generalized returns, for quasi column i at level, the generalized id of
// every raw value id, computing each column level once.
func (p *Profile) generalized(i, level int) *genLevel {
	if p.gen == nil {
		p.gen = make([]map[int]*genLevel, len(p.quasi))
	}
	if p.gen[i] == nil {
		p.gen[i] = map[int]*genLevel{}
	}
	if g, ok := p.gen[i][level]; ok {
		return g
	}
	ids := map[string]uint32{}
	g := &genLevel{ids: make([]uint32, len(p.values[i]))}
	for raw, v := range p.values[i] {
		s := p.quasi[i].Hierarchy.Generalize(v, level)
		id, ok := ids[s]
		if !ok {
			id = uint32(len(g.names))
			ids[s] = id
			g.names = append(g.names, s)
		}
		g.ids[raw] = id
	}
	p.gen[i][level] = g
	return g
}

// genLevel is one quasi column generalized to one level.
type genLevel struct {
	ids   []uint32 // generalized id by raw value id
	names []string // generalized value by generalized id
}

// evaluate groups the profile at node n.
func (p *Profile) evaluate(n Node, o KOptions) (classes map[string]*class, suppressed int) {
	gens := make([][]uint32, len(n))
	for i, l := range n {
		gens[i] = p.generalized(i, l).ids
	}
	classes = map[string]*class{}
	key := make([]byte, 0, 4*len(n))
	for _, t := range p.tuples {
		key = key[:0]
		for i, id := range t.ids {
			key = binary.LittleEndian.AppendUint32(key, gens[i][id])
		}
		c, ok := classes[string(key)]
		if !ok {
			c = &class{}
			classes[string(key)] = c
		}
		c.size += t.count
		if o.L > 0 {
			if c.sens == nil {
				c.sens = map[int]bool{}
			}
			for s := range t.sens {
				c.sens[s] = true
			}
		}
	}
	for _, c := range classes {
		if c.size < o.k() || (o.L > 0 && len(c.sens) < o.L) {
			c.small = true
			suppressed += c.size
		}
	}
	return classes, suppressed
}

type class struct {
	size  int
	sens  map[int]bool
	small bool
}

// loss is the mean normalized generalization height, plus the suppressed
// fraction scaled down so that it only breaks ties: generalizing further
// then always costs more, which is what lets the search stop above a
// satisfying node.
func (p *Profile) loss(n Node, suppressed int) float64 {
	var h float64
	for i, c := range p.quasi {
		h += float64(n[i]) / float64(c.Hierarchy.Levels()+1)
	}
	return h/float64(len(n)) + 1e-9*float64(suppressed)/float64(max(p.rows, 1))
}

// classString turns a binary class key of node n into the generalized
// values Apply keys classes by.
func (p *Profile) classString(n Node, key string) string {
	var b strings.Builder
	for i := range n {
		gid := binary.LittleEndian.Uint32([]byte(key[4*i:]))
		b.WriteString(p.generalized(i, n[i]).names[gid])
		b.WriteByte(0)
	}
	return b.String()
}

// Search finds the generalization with the least information loss among
// those that reach k (and l) with at most the allowed suppression. It
// walks the lattice from the bottom; generalizing a node that satisfies
// the criteria still satisfies them, so once a node does, none above it is
// evaluated.
func (p *Profile) Search(o KOptions) (*Solution, error) {
	if p.rows == 0 {
		return nil, fmt.Errorf("datasets: k-anonymity: no rows")
	}
	limit := int(o.maxSuppression() * float64(p.rows))
	tops := make([]int, len(p.quasi))
	for i, c := range p.quasi {
		tops[i] = c.Hierarchy.Levels() + 1
	}
	var (
		best      *Solution
		satisfied []Node
		bestK     int // for the error: the best k reachable within the limit
	)
	var fast *fastSearch
	if o.L == 0 {
		fast = p.newFastSearch()
	}
	prev := map[string]classTable{}
	for height := 0; height <= sum(tops); height++ {
		cur := map[string]classTable{}
		nodes := nodesAtHeight(tops, height)
		// The class tables of a height's nodes are independent: roll them
		// up on every core before deciding, in order, which is best.
		if fast != nil {
			var todo []Node
			for _, n := range nodes {
				if !dominatesAny(n, satisfied) {
					todo = append(todo, n)
				}
			}
			tables := make([]classTable, len(todo))
			var next atomic.Int64
			var wg sync.WaitGroup
			for range min(runtime.GOMAXPROCS(0), len(todo)) {
				wg.Go(func() {
					for {
						j := int(next.Add(1) - 1)
						if j >= len(todo) {
							return
						}
						tables[j] = fast.table(todo[j], prev)
					}
				})
			}
			wg.Wait()
			for j, n := range todo {
				cur[nodeKey(n)] = tables[j]
			}
		}
		for _, n := range nodes {
			if dominatesAny(n, satisfied) {
				continue // a specialization already satisfies: n cannot be better
			}
			var (
				classes    map[string]*class
				suppressed int
			)
			if fast != nil {
				t := cur[nodeKey(n)]
				if suppressed = suppressedIn(t, o.k()); suppressed > limit {
					if k := kWithin(t.sizes(), limit); k > bestK {
						bestK = k
					}
					continue
				}
				if best != nil && p.loss(n, suppressed) >= best.Loss {
					satisfied = append(satisfied, n)
					continue
				}
				classes, _ = fast.classes(t, n, o.k())
			} else {
				classes, suppressed = p.evaluate(n, o)
			}
			if suppressed > limit {
				if k := kWithin(sizesOf(classes), limit); k > bestK {
					bestK = k
				}
				continue
			}
			satisfied = append(satisfied, n)
			loss := p.loss(n, suppressed)
			if best == nil || loss < best.Loss {
				small := map[string]bool{}
				for key, c := range classes {
					if c.small {
						small[p.classString(n, key)] = true
					}
				}
				best = &Solution{Levels: append(Node(nil), n...), Loss: loss, Suppressed: suppressed, small: small,
					Report: report(classes, p.rows, suppressed)}
			}
		}
		prev = cur
	}
	if best == nil {
		return nil, fmt.Errorf("%w: k=%d needs more than %.1f%% of rows suppressed at every generalization; the best k reachable is %d",
			ErrImpossibleK, o.k(), 100*o.maxSuppression(), bestK)
	}
	for _, c := range p.quasi {
		best.Columns = append(best.Columns, c.Name)
	}
	best.quasi = p.quasi
	return best, nil
}

// kWithin is the largest k reached by classes of these sizes when up to
// limit rows may be suppressed: the smallest classes go first.
func kWithin(sizes []int, limit int) int {
	sort.Ints(sizes)
	dropped := 0
	for i, s := range sizes {
		if dropped+s > limit {
			return sizes[i]
		}
		dropped += s
	}
	return 0
}

func sizesOf(classes map[string]*class) []int {
	out := make([]int, 0, len(classes))
	for _, c := range classes {
		out = append(out, c.size)
	}
	return out
}

func report(classes map[string]*class, rows, suppressed int) RiskReport {
	r := RiskReport{Rows: rows, Suppressed: suppressed, ClassSizes: map[int]int{}}
	kept := rows - suppressed
	for _, c := range classes {
		if c.small {
			continue
		}
		r.Classes++
		r.ClassSizes[c.size]++
		if r.K == 0 || c.size < r.K {
			r.K = c.size
		}
	}
	if r.Classes > 0 && kept > 0 {
		r.ProsecutorHighest = 1 / float64(r.K)
		r.ProsecutorAverage = float64(r.Classes) / float64(kept)
		r.RecordsAtHighestRisk = r.ClassSizes[r.K] * r.K
	}
	r.JournalistHighest, r.JournalistAverage = r.ProsecutorHighest, r.ProsecutorAverage
	r.MarketerRisk = r.ProsecutorAverage
	return r
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// nodesAtHeight lists the lattice nodes whose levels add up to height.
func nodesAtHeight(tops []int, height int) []Node {
	var out []Node
	n := make(Node, len(tops))
	var rec func(i, left int)
	rec = func(i, left int) {
		if i == len(tops)-1 {
			if left <= tops[i] {
				n[i] = left
				out = append(out, append(Node(nil), n...))
			}
			return
		}
		for l := 0; l <= min(left, tops[i]); l++ {
			n[i] = l
			rec(i+1, left-l)
		}
	}
	rec(0, height)
	return out
}

// dominatesAny reports whether n generalizes (is at or above, level by
// level) any node of set.
func dominatesAny(n Node, set []Node) bool {
	for _, s := range set {
		above := true
		for i := range n {
			if n[i] < s[i] {
				above = false
				break
			}
		}
		if above {
			return true
		}
	}
	return false
}

// Apply generalizes a batch by the solution: quasi-identifier columns
// become strings at their levels, and the rows of suppressed classes are
// removed; other columns keep their values for the rows kept. The caller
// releases the result.
func (s *Solution) Apply(ctx context.Context, rec arrow.Record, mem memory.Allocator) (arrow.Record, error) {
	n := int(rec.NumRows())
	quasiIdx := make([]int, len(s.quasi))
	for i, c := range s.quasi {
		idx := rec.Schema().FieldIndices(c.Name)
		if len(idx) == 0 {
			return nil, fmt.Errorf("datasets: k-anonymity: no column %q in the data", c.Name)
		}
		quasiIdx[i] = idx[0]
	}
	gen := make([][]string, len(s.quasi)) // generalized values, per quasi column
	for i := range gen {
		gen[i] = make([]string, n)
	}
	mb := array.NewBooleanBuilder(mem)
	defer mb.Release()
	var key strings.Builder
	for row := 0; row < n; row++ {
		key.Reset()
		for i, c := range s.quasi {
			g := c.Hierarchy.Generalize(valueStr(rec.Column(quasiIdx[i]), row), s.Levels[i])
			gen[i][row] = g
			key.WriteString(g)
			key.WriteByte(0)
		}
		mb.Append(!s.small[key.String()])
	}
	mask := mb.NewBooleanArray()
	defer mask.Release()

	cols := make([]arrow.Array, rec.NumCols())
	fields := append([]arrow.Field(nil), rec.Schema().Fields()...)
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	isQuasi := map[int]int{}
	for i, idx := range quasiIdx {
		isQuasi[idx] = i
	}
	for j := range cols {
		if qi, ok := isQuasi[j]; ok {
			sb := array.NewStringBuilder(mem)
			for row := 0; row < n; row++ {
				if mask.Value(row) {
					sb.Append(gen[qi][row])
				}
			}
			cols[j] = sb.NewArray()
			sb.Release()
			fields[j].Type = arrow.BinaryTypes.String
			continue
		}
		f, err := compute.FilterArray(ctx, rec.Column(j), mask, *compute.DefaultFilterOptions())
		if err != nil {
			return nil, err
		}
		cols[j] = f
	}
	kept := int64(0)
	if len(cols) > 0 {
		kept = int64(cols[0].Len())
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), cols, kept), nil
}
