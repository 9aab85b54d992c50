package datasets

import (
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

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
	quasi   []quasi
	sens    string
	values  [][]string         // per quasi column: raw value by id
	ids     []map[string]int32 // per quasi column: id by raw value
	caches  []valueCache       // per quasi column: id by typed value
	tuples  tupleSet
	rows    int
	sensIDs map[string]int32
	sensVal valueCache
	pairs   map[uint64]struct{} // tuple<<32 | sensitive value id, for l-diversity
	gen     [][]*genLevel       // per quasi column, per level
	rowIDs  [][]int32           // scratch: per quasi column, the batch's ids
}

// NewProfile starts a profile over the dictionary's quasi-identifiers
// (QuasiIdentifiers), with the current year as reference year; sensitive
// names the column for l-diversity, or is empty.
func NewProfile(dict *Dictionary, sensitive string) (*Profile, error) {
	return newProfile(dict, sensitive, time.Now().UTC().Year())
}

// QuasiIdentifiers are the columns of d that k-anonymity counts: the
// declared quasi-identifiers and the zip, date and age columns (which Safe
// Harbor keeps in part, and which link a person as well as any), in
// dictionary order; and, by name, the zip, date and age columns left out
// with the dictionary's reason.
func (d *Dictionary) QuasiIdentifiers() (quasi []string, excluded map[string]string) {
	for _, c := range d.Columns {
		switch {
		case c.linkable():
			quasi = append(quasi, c.Name)
		case c.NotQuasi != "":
			if excluded == nil {
				excluded = map[string]string{}
			}
			excluded[c.Name] = c.NotQuasi
		}
	}
	return quasi, excluded
}

func newProfile(dict *Dictionary, sensitive string, ref int) (*Profile, error) {
	p := &Profile{dict: dict, sens: sensitive, sensIDs: map[string]int32{}, pairs: map[uint64]struct{}{}}
	for _, c := range dict.Columns {
		if c.linkable() {
			p.quasi = append(p.quasi, newQuasi(c, ref))
			p.values = append(p.values, nil)
			p.ids = append(p.ids, map[string]int32{})
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
	p.caches = make([]valueCache, len(p.quasi))
	p.rowIDs = make([][]int32, len(p.quasi))
	p.tuples.width = len(p.quasi)
	return p, nil
}

// valueStr renders a value as Generalize expects; nulls become "".
func valueStr(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return ""
	}
	return a.ValueStr(i)
}

// A valueCache gives the values of a column ids by their valueStr
// rendering without rendering every row: strings are their own rendering,
// and fixed-width values are remembered by their bits.
type valueCache struct {
	typ  arrow.DataType
	bits map[uint64]int32
	// recent holds short strings seen lately, by a cheap hash: quicker
	// than the id function's map for the few values a quasi-identifier
	// usually has.
	recent []recentString
}

type recentString struct {
	s   string
	id  int32
	set bool
}

// ids sets out[row] to id(valueStr(arr, row)) for every row of arr. id
// must return the same id for the same string; a string it keeps must be
// copied, as it may point into arr's memory.
func (c *valueCache) ids(arr arrow.Array, out []int32, id func(string) int32) {
	if value, ok := stringValues(arr); ok {
		if c.recent == nil {
			c.recent = make([]recentString, 1024)
		}
		for row := range out {
			if arr.IsNull(row) {
				out[row] = id("")
				continue
			}
			v := value(row)
			if len(v) > 16 {
				out[row] = id(v)
				continue
			}
			h := uint32(2166136261) // FNV-1a
			for j := 0; j < len(v); j++ {
				h = (h ^ uint32(v[j])) * 16777619
			}
			r := &c.recent[h%uint32(len(c.recent))]
			if !r.set || r.s != v {
				*r = recentString{strings.Clone(v), id(v), true}
			}
			out[row] = r.id
		}
		return
	}
	var bitsOf func(int) uint64
	switch a := arr.(type) {
	case *array.Int64:
		bitsOf = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Float64:
		bitsOf = func(i int) uint64 { return math.Float64bits(a.Value(i)) }
	case *array.Date32:
		bitsOf = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Date64:
		bitsOf = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Timestamp:
		bitsOf = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Boolean:
		bitsOf = func(i int) uint64 {
			if a.Value(i) {
				return 1
			}
			return 0
		}
	default:
		for row := range out {
			out[row] = id(valueStr(arr, row))
		}
		return
	}
	// The rendering of timestamps depends on the type, so the cache does.
	if c.bits == nil || !arrow.TypeEqual(c.typ, arr.DataType()) {
		c.typ, c.bits = arr.DataType(), map[uint64]int32{}
	}
	for row := range out {
		if arr.IsNull(row) {
			out[row] = id("")
			continue
		}
		b := bitsOf(row)
		v, ok := c.bits[b]
		if !ok {
			v = id(arr.ValueStr(row))
			c.bits[b] = v
		}
		out[row] = v
	}
}

// recordColumn returns the column of rec named name; what names the
// feature needing it, for the error.
func recordColumn(rec arrow.Record, name, what string) (arrow.Array, error) {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		return nil, fmt.Errorf("datasets: %s: no column %q in the data", what, name)
	}
	return rec.Column(idx[0]), nil
}

// Add counts a batch's rows.
func (p *Profile) Add(rec arrow.Record) error {
	cols := make([]arrow.Array, len(p.quasi))
	for i, c := range p.quasi {
		var err error
		if cols[i], err = recordColumn(rec, c.Name, "k-anonymity"); err != nil {
			return err
		}
	}
	var sens arrow.Array
	if p.sens != "" {
		var err error
		if sens, err = recordColumn(rec, p.sens, "l-diversity"); err != nil {
			return err
		}
	}
	n := int(rec.NumRows())
	for i, a := range cols {
		if cap(p.rowIDs[i]) < n {
			p.rowIDs[i] = make([]int32, n)
		}
		p.rowIDs[i] = p.rowIDs[i][:n]
		ids, values := p.ids[i], &p.values[i]
		p.caches[i].ids(a, p.rowIDs[i], func(v string) int32 {
			id, ok := ids[v]
			if !ok {
				id = int32(len(*values))
				v = strings.Clone(v)
				ids[v] = id
				*values = append(*values, v)
			}
			return id
		})
	}
	var sensIDs []int32
	if sens != nil {
		sensIDs = make([]int32, n)
		p.sensVal.ids(sens, sensIDs, func(v string) int32 {
			id, ok := p.sensIDs[v]
			if !ok {
				id = int32(len(p.sensIDs))
				p.sensIDs[strings.Clone(v)] = id
			}
			return id
		})
	}
	key := make([]uint32, len(p.quasi))
	for row := range n {
		for i := range key {
			key[i] = uint32(p.rowIDs[i][row])
		}
		t := p.tuples.add(key)
		if sens != nil {
			p.pairs[uint64(t)<<32|uint64(uint32(sensIDs[row]))] = struct{}{}
		}
	}
	p.rows += n
	return nil
}

// A tupleSet counts distinct tuples of ids of a fixed width, stored side
// by side: cheaper than a map keyed by strings, and it numbers the tuples.
type tupleSet struct {
	width  int
	ids    []uint32 // tuple t is ids[t*width : (t+1)*width]
	counts []int32
	// slots is a hash table with open addressing: tuple number + 1 in the
	// low half, the high half of the tuple's hash in the high half, which
	// places it in the table and rules out most other tuples.
	slots []uint64
}

func (s *tupleSet) len() int { return len(s.counts) }

func (s *tupleSet) tuple(t int) []uint32 { return s.ids[t*s.width : (t+1)*s.width] }

// add counts one row of key and returns its tuple number.
func (s *tupleSet) add(key []uint32) int {
	if 2*(len(s.counts)+1) > len(s.slots) {
		s.grow()
	}
	h := uint64(0x9e3779b97f4a7c15)
	for _, id := range key {
		h = (h ^ uint64(id)) * 0xbf58476d1ce4e5b9
		h ^= h >> 29
	}
	hash := h >> 32 << 32
	mask := uint64(len(s.slots) - 1)
	for j := h >> 32 & mask; ; j = (j + 1) & mask {
		slot := s.slots[j]
		if slot == 0 {
			t := len(s.counts)
			s.slots[j] = hash | uint64(t+1)
			s.ids = append(s.ids, key...)
			s.counts = append(s.counts, 1)
			return t
		}
		if t := int(uint32(slot)) - 1; slot&^0xffffffff == hash && slices.Equal(s.tuple(t), key) {
			s.counts[t]++
			return t
		}
	}
}

func (s *tupleSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(2*len(old), 1<<12))
	mask := uint64(len(s.slots) - 1)
	for _, slot := range old {
		if slot == 0 {
			continue
		}
		j := slot >> 32 & mask
		for s.slots[j] != 0 {
			j = (j + 1) & mask
		}
		s.slots[j] = slot
	}
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
	// small holds the generalized classes that are suppressed, keyed by
	// their values each followed by a NUL; smallClasses lists their values.
	small        map[string]bool
	smallClasses [][]string
	quasi        []quasi
}

// RiskReport describes what an extract leaves to re-identification, with
// ARX's definitions. Without a population table the dataset is taken as
// its own population, so journalist risk equals prosecutor risk.
type RiskReport struct {
	// QuasiIdentifiers are the delivered columns the classes are formed
	// over, and NotQuasi the delivered zip, date and age columns the
	// dictionary leaves out, with its reasons.
	QuasiIdentifiers     []string          `json:"quasi_identifiers"`
	NotQuasi             map[string]string `json:"not_quasi_identifiers,omitempty"`
	Rows                 int               `json:"rows"`
	K                    int               `json:"k_achieved"`
	Suppressed           int               `json:"rows_suppressed"`
	Classes              int               `json:"equivalence_classes"`
	ClassSizes           map[int]int       `json:"class_sizes"` // size -> number of classes
	ProsecutorHighest    float64           `json:"prosecutor_risk_highest"`
	ProsecutorAverage    float64           `json:"prosecutor_risk_average"`
	JournalistHighest    float64           `json:"journalist_risk_highest"`
	JournalistAverage    float64           `json:"journalist_risk_average"`
	MarketerRisk         float64           `json:"marketer_risk"`
	RecordsAtHighestRisk int               `json:"records_at_highest_risk"`
}

// generalized returns, for quasi column i at level, the generalized id of
// every raw value id, computing each column level once.
func (p *Profile) generalized(i, level int) *genLevel {
	if p.gen == nil {
		p.gen = make([][]*genLevel, len(p.quasi))
	}
	for len(p.gen[i]) <= level {
		p.gen[i] = append(p.gen[i], nil)
	}
	// A profile added to since the level was computed has more values.
	if g := p.gen[i][level]; g != nil && len(g.ids) == len(p.values[i]) {
		return g
	}
	ids := map[string]uint32{}
	g := &genLevel{ids: make([]uint32, len(p.values[i]))}
	for raw, v := range p.values[i] {
		s := p.quasi[i].generalize(v, level)
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

// evaluate groups the profile at node n. It is the general path, and the
// tests' reference for the fast one (kfast.go).
func (p *Profile) evaluate(n Node, o KOptions) (classes map[string]*class, suppressed int) {
	gens := make([][]uint32, len(n))
	for i, l := range n {
		gens[i] = p.generalized(i, l).ids
	}
	classes = map[string]*class{}
	var of []*class // by tuple, to add the sensitive values
	if o.L > 0 {
		of = make([]*class, p.tuples.len())
	}
	key := make([]byte, 0, 4*len(n))
	for t, count := range p.tuples.counts {
		key = key[:0]
		for i, id := range p.tuples.tuple(t) {
			key = binary.LittleEndian.AppendUint32(key, gens[i][id])
		}
		c, ok := classes[string(key)]
		if !ok {
			c = &class{}
			classes[string(key)] = c
		}
		c.size += int(count)
		if of != nil {
			of[t] = c
		}
	}
	if of != nil {
		for pair := range p.pairs {
			c := of[pair>>32]
			if c.sens == nil {
				c.sens = map[int]bool{}
			}
			c.sens[int(uint32(pair))] = true
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
		h += float64(n[i]) / float64(c.levels()+1)
	}
	return h/float64(len(n)) + 1e-9*float64(suppressed)/float64(max(p.rows, 1))
}

// classValues turns a binary class key of node n into its generalized
// values.
func (p *Profile) classValues(n Node, key string) []string {
	values := make([]string, len(n))
	for i := range n {
		values[i] = p.generalized(i, n[i]).names[binary.LittleEndian.Uint32([]byte(key[4*i:]))]
	}
	return values
}

// addSmall records a class of generalized values as suppressed.
func (s *Solution) addSmall(values []string) {
	s.small[strings.Join(values, "\x00")+"\x00"] = true
	s.smallClasses = append(s.smallClasses, values)
}

// Search finds the generalization with the least information loss among
// those that reach k (and l) with at most the allowed suppression; of
// equal losses, the lowest node, then the first in level order, wins.
//
// A node's loss is at least its loss without suppression, which grows
// with every level, so nodes are visited from the bottom of the lattice in
// order of that bound, and the search stops at the first bound above the
// best loss found: usually after a handful of nodes. A node above one
// that satisfies the criteria costs more than it, so it is not evaluated,
// nor is anything above it.
func (p *Profile) Search(o KOptions) (*Solution, error) {
	if p.rows == 0 {
		return nil, fmt.Errorf("datasets: k-anonymity: no rows")
	}
	limit := int(o.maxSuppression() * float64(p.rows))
	tops := make([]int, len(p.quasi))
	for i, c := range p.quasi {
		tops[i] = c.levels() + 1
	}
	fast := p.newFastSearch(o)
	var (
		best      *Solution
		satisfied []Node
		q         = nodeQueue{p: p}
		seen      = map[string]bool{}
	)
	q.push(make(Node, len(tops)))
	// Nodes next in the queue are independent: evaluate a few on every
	// core, then decide in order.
	batch := runtime.GOMAXPROCS(0)
	if fast == nil {
		batch = 1
	}
	// failed queues the nodes above one that suppresses too much.
	failed := func(n Node) {
		for i := range n {
			if n[i] < tops[i] {
				up := append(Node(nil), n...)
				up[i]++
				if key := nodeKey(up); !seen[key] {
					seen[key] = true
					q.push(up)
				}
			}
		}
	}
	for q.Len() > 0 {
		var nodes []*queued
		for q.Len() > 0 && len(nodes) < batch {
			n := heap.Pop(&q).(*queued)
			if best != nil && n.bound > best.Loss {
				q.items = nil // every node left costs more than best
				break
			}
			if dominatesAny(n.levels, satisfied) {
				continue
			}
			if fast != nil && fast.projectionFails(n.levels, tops, limit) {
				failed(n.levels)
				continue
			}
			nodes = append(nodes, n)
		}
		var evals []fastEval
		if fast != nil {
			evals = make([]fastEval, len(nodes))
			var wg sync.WaitGroup
			for j, n := range nodes {
				wg.Go(func() { evals[j] = fast.eval(n.levels) })
			}
			wg.Wait()
			for j, n := range nodes {
				fast.keep(n.levels, evals[j].table)
			}
		}
		for j, n := range nodes {
			if dominatesAny(n.levels, satisfied) {
				continue // a node evaluated with it satisfies below it
			}
			var (
				classes    map[string]*class
				suppressed int
			)
			if fast != nil {
				suppressed = evals[j].suppressed
			} else {
				classes, suppressed = p.evaluate(n.levels, o)
			}
			if suppressed > limit {
				failed(n.levels)
				continue
			}
			satisfied = append(satisfied, n.levels)
			loss := p.loss(n.levels, suppressed)
			if best != nil && (loss > best.Loss || loss == best.Loss && !nodeBefore(n.levels, best.Levels)) {
				continue
			}
			if fast != nil {
				best = fast.solution(n.levels, evals[j].table)
			} else {
				best = &Solution{Levels: n.levels, small: map[string]bool{}, Report: report(classes, p.rows, suppressed)}
				for key, c := range classes {
					if c.small {
						best.addSmall(p.classValues(n.levels, key))
					}
				}
			}
			best.Loss, best.Suppressed = loss, suppressed
		}
	}
	if best == nil {
		// The top of the lattice is one class of every row: it fails only
		// when no node reaches k, and then it reaches the best k there is.
		return nil, fmt.Errorf("%w: k=%d needs more than %.1f%% of rows suppressed at every generalization; the best k reachable is %d",
			ErrImpossibleK, o.k(), 100*o.maxSuppression(), kWithin([]int{p.rows}, limit))
	}
	for _, c := range p.quasi {
		best.Columns = append(best.Columns, c.Name)
	}
	best.quasi = p.quasi
	return best, nil
}

// nodeQueue orders nodes by the least loss they can have (their loss
// without suppression), then by nodeBefore.
type nodeQueue struct {
	p     *Profile
	items []*queued
}

type queued struct {
	levels Node
	bound  float64 // the least loss it can have
}

func (q *nodeQueue) push(n Node) { heap.Push(q, &queued{levels: n, bound: q.p.loss(n, 0)}) }

func (q *nodeQueue) Len() int { return len(q.items) }
func (q *nodeQueue) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if a.bound != b.bound {
		return a.bound < b.bound
	}
	return nodeBefore(a.levels, b.levels)
}
func (q *nodeQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *nodeQueue) Push(x any)    { q.items = append(q.items, x.(*queued)) }
func (q *nodeQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}

// nodeBefore orders nodes by their sum of levels, then level by level.
func nodeBefore(a, b Node) bool {
	if sa, sb := sum(a), sum(b); sa != sb {
		return sa < sb
	}
	return slices.Compare(a, b) < 0
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

func report(classes map[string]*class, rows, suppressed int) RiskReport {
	sizes := make([]int, 0, len(classes))
	for _, c := range classes {
		if !c.small {
			sizes = append(sizes, c.size)
		}
	}
	return reportOf(sizes, rows, suppressed)
}

// reportOf describes the classes of these sizes that are kept.
func reportOf(kept []int, rows, suppressed int) RiskReport {
	r := RiskReport{Rows: rows, Suppressed: suppressed, ClassSizes: map[int]int{}}
	for _, size := range kept {
		r.Classes++
		r.ClassSizes[size]++
		if r.K == 0 || size < r.K {
			r.K = size
		}
	}
	if r.Classes > 0 && rows > suppressed {
		r.ProsecutorHighest = 1 / float64(r.K)
		r.ProsecutorAverage = float64(r.Classes) / float64(rows-suppressed)
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
	// Each distinct value is generalized once: gen[i][row] numbers the
	// row's generalized value among names[i].
	gen := make([][]int32, len(s.quasi))
	names := make([][]string, len(s.quasi))
	byName := make([]map[string]int32, len(s.quasi))
	for i, c := range s.quasi {
		gen[i] = make([]int32, n)
		byRaw := map[string]int32{}
		byName[i] = map[string]int32{}
		var cache valueCache
		cache.ids(rec.Column(quasiIdx[i]), gen[i], func(v string) int32 {
			if id, ok := byRaw[v]; ok {
				return id
			}
			g := c.generalize(v, s.Levels[i])
			id, ok := byName[i][g]
			if !ok {
				id = int32(len(names[i]))
				byName[i][g] = id
				names[i] = append(names[i], g)
			}
			byRaw[strings.Clone(v)] = id
			return id
		})
	}
	keep, kept := s.keep(gen, names, byName, n)

	cols := make([]arrow.Array, rec.NumCols())
	fields := append([]arrow.Field(nil), rec.Schema().Fields()...)
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	var mask *array.Boolean
	if kept < n {
		mb := array.NewBooleanBuilder(mem)
		mb.AppendValues(keep, nil)
		mask = mb.NewBooleanArray()
		mb.Release()
		defer mask.Release()
	}
	isQuasi := map[int]int{}
	for i, idx := range quasiIdx {
		isQuasi[idx] = i
	}
	for j := range cols {
		if qi, ok := isQuasi[j]; ok {
			cols[j] = stringsByID(gen[qi], names[qi], keep, kept, mem)
			fields[j].Type = arrow.BinaryTypes.String
			continue
		}
		if mask == nil {
			cols[j] = rec.Column(j)
			cols[j].Retain()
			continue
		}
		f, err := compute.FilterArray(ctx, rec.Column(j), mask, *compute.DefaultFilterOptions())
		if err != nil {
			return nil, err
		}
		cols[j] = f
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), cols, int64(kept)), nil
}

// keep tells which rows are in classes that are kept, and how many; nil
// means all. gen numbers a batch's generalized values, by column, among
// names, which byName inverts.
func (s *Solution) keep(gen [][]int32, names [][]string, byName []map[string]int32, n int) ([]bool, int) {
	if len(s.small) == 0 {
		return nil, n
	}
	// Classes are numbered by their generalized ids in mixed radix, when
	// that fits 64 bits; the small ones that occur in the batch are found
	// by their values. A NUL in a value could make two classes' keys in
	// small collide: those batches take the slow path, as it is the rule.
	radix := make([]uint64, len(names))
	packed := true
	size := uint64(1)
	for i := range names {
		radix[i] = size
		hi, lo := bits.Mul64(size, uint64(max(len(names[i]), 1)))
		packed = packed && hi == 0 && !slices.ContainsFunc(names[i], func(v string) bool { return strings.IndexByte(v, 0) >= 0 })
		size = lo
	}
	keep := make([]bool, n)
	kept := 0
	if !packed {
		var key strings.Builder
		for row := range keep {
			key.Reset()
			for i := range gen {
				key.WriteString(names[i][gen[i][row]])
				key.WriteByte(0)
			}
			if !s.small[key.String()] {
				keep[row] = true
				kept++
			}
		}
		return keep, kept
	}
	small := map[uint64]bool{}
classes:
	for _, c := range s.smallClasses {
		var key uint64
		for i, v := range c {
			id, ok := byName[i][v]
			if !ok {
				continue classes
			}
			key += uint64(id) * radix[i]
		}
		small[key] = true
	}
	for row := range keep {
		var key uint64
		for i := range gen {
			key += uint64(gen[i][row]) * radix[i]
		}
		if !small[key] {
			keep[row] = true
			kept++
		}
	}
	return keep, kept
}

// stringsByID builds the string array of names[ids[row]] for the rows
// kept (all when keep is nil): kept of them.
func stringsByID(ids []int32, names []string, keep []bool, kept int, mem memory.Allocator) arrow.Array {
	offsetBuf := memory.NewResizableBuffer(mem)
	defer offsetBuf.Release()
	offsetBuf.Resize(arrow.Int32Traits.BytesRequired(kept + 1))
	offsets := arrow.Int32Traits.CastFromBytes(offsetBuf.Bytes())
	offsets[0] = 0
	j := 0
	for row, id := range ids {
		if keep == nil || keep[row] {
			offsets[j+1] = offsets[j] + int32(len(names[id]))
			j++
		}
	}
	dataBuf := memory.NewResizableBuffer(mem)
	defer dataBuf.Release()
	dataBuf.Resize(int(offsets[kept]))
	data := dataBuf.Bytes()
	j = 0
	for row, id := range ids {
		if keep == nil || keep[row] {
			copy(data[offsets[j]:], names[id])
			j++
		}
	}
	d := array.NewData(arrow.BinaryTypes.String, kept, []*memory.Buffer{nil, offsetBuf, dataBuf}, nil, 0, 0)
	defer d.Release()
	return array.NewStringData(d)
}
