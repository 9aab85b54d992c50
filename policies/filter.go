package policies

import (
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// NoConsent is the reason rows of subjects without a consent in force are
// denied.
const NoConsent = "no consent in force"

// A Mask says which rows of a batch an extract may hold.
type Mask struct {
	Allow  []bool
	Denied map[string]int // rows denied, by reason
}

// Mask decides every row of a batch by its subject column, a string
// array or, faster, a dictionary array of strings (as Arrow and Parquet
// readers give a subject column stored dictionary-encoded): the policy
// runs once per distinct consent profile (Policy.Exact) or once per
// subject, never once per row, and with a dictionary each row costs one
// index lookup. consents holds each subject's consent in force.
func (d *Decider) Mask(ctx context.Context, subjects arrow.Array, consents map[string]map[string]any) (*Mask, error) {
	t, err := d.Table(ctx, consents)
	if err != nil {
		return nil, err
	}
	return t.Mask(subjects, nil)
}

// A Table holds one request's decision for every subject with a consent
// in force, made once, to mask any number of batches.
type Table struct {
	Subjects  []string   // subjects with a consent, then those withheld, by id
	Decision  []int32    // each subject's index into Decisions; -1 for one withheld
	Decisions []Decision // the decider's, by number
	ids       map[string]int32
}

// Table decides every consent in consents (keyed by subject). The
// profile keys are made on every core; the policy runs once per profile.
func (d *Decider) Table(ctx context.Context, consents map[string]map[string]any) (*Table, error) {
	n := len(consents)
	t := &Table{ids: make(map[string]int32, n), Subjects: make([]string, 0, n), Decision: make([]int32, n)}
	for s := range consents {
		t.ids[s] = int32(len(t.Subjects))
		t.Subjects = append(t.Subjects, s)
	}
	var keys [][]byte
	if d.p.reads != nil {
		keys = make([][]byte, n)
		parallel(n, func(lo, hi int) {
			var buf []byte
			for i := lo; i < hi; i++ {
				start := len(buf)
				buf = appendProfile(buf, d.p.reads, consents[t.Subjects[i]])
				keys[i] = buf[start:len(buf):len(buf)]
			}
		})
	}
	for i, s := range t.Subjects {
		var key []byte
		if keys != nil {
			key = keys[i]
		}
		dn, err := d.decideKey(ctx, key, consents[s])
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", s, err)
		}
		t.Decision[i] = int32(dn)
	}
	t.Decisions = d.Decisions
	return t, nil
}

// Withhold adds subjects without a consent in force: their rows are
// denied (NoConsent) as any unknown subject's, but counted as theirs.
func (t *Table) Withhold(subjects []string) {
	for _, s := range subjects {
		if _, ok := t.ids[s]; !ok {
			t.ids[s] = int32(len(t.Subjects))
			t.Subjects = append(t.Subjects, s)
			t.Decision = append(t.Decision, -1)
		}
	}
}

// Mask decides a batch's rows by its subject column. If rows is not nil,
// rows[id] is incremented for each row of subject id (len(t.Subjects)
// counts rows of subjects without a consent).
func (t *Table) Mask(subjects arrow.Array, rows []int64) (*Mask, error) {
	unknown := int32(len(t.Subjects))
	lookup := func(s string) int32 {
		if n, ok := t.ids[s]; ok {
			return n
		}
		return unknown
	}
	// Decision numbers shifted by one, so that none (-1) is 0; each
	// subject id, and the unknown one, maps to its shifted decision.
	allow := make([]bool, len(t.Decisions)+1)
	for i, dec := range t.Decisions {
		allow[i+1] = dec.Allow
	}
	dec := make([]int32, len(t.Decision)+1)
	for i, d := range t.Decision {
		dec[i] = d + 1
	}
	n := subjects.Len()
	m := &Mask{Allow: make([]bool, n), Denied: map[string]int{}}
	workers := workersFor(n)
	counts := make([][]int, workers)
	perRows := make([][]int64, workers)
	// decide does worker w's rows, the subject id of row i being id(i).
	decide := func(w, lo, hi int, id func(i int) int32) {
		c := make([]int, len(allow))
		var r []int64
		if rows != nil {
			r = make([]int64, len(rows))
		}
		for i := lo; i < hi; i++ {
			s := id(i)
			d := dec[s]
			m.Allow[i] = allow[d]
			c[d]++
			if r != nil {
				r[s]++
			}
		}
		counts[w], perRows[w] = c, r
	}
	switch a := subjects.(type) {
	case *array.String:
		parallelN(n, workers, func(w, lo, hi int) {
			decide(w, lo, hi, func(i int) int32 {
				if a.IsNull(i) {
					return unknown
				}
				return lookup(a.Value(i))
			})
		})
	case *array.Dictionary:
		dict, ok := a.Dictionary().(*array.String)
		if !ok {
			return nil, fmt.Errorf("policies: subject dictionary of %s, not strings", a.Dictionary().DataType())
		}
		entry := make([]int32, dict.Len())
		for i := range entry {
			entry[i] = lookup(dict.Value(i))
		}
		idx, fast := a.Indices().(*array.Int32)
		fast = fast && a.NullN() == 0
		parallelN(n, workers, func(w, lo, hi int) {
			if fast {
				// The common case, written out: one lookup per row.
				vals := idx.Int32Values()[lo:hi]
				out := m.Allow[lo:hi]
				c := make([]int, len(allow))
				var r []int64
				if rows != nil {
					r = make([]int64, len(rows))
				}
				for i, v := range vals {
					s := entry[v]
					d := dec[s]
					out[i] = allow[d]
					c[d]++
					if r != nil {
						r[s]++
					}
				}
				counts[w], perRows[w] = c, r
				return
			}
			decide(w, lo, hi, func(i int) int32 {
				if a.IsNull(i) {
					return unknown
				}
				return entry[a.GetValueIndex(i)]
			})
		})
	default:
		return nil, fmt.Errorf("policies: subject column of %s (want strings)", subjects.DataType())
	}
	total := make([]int, len(allow))
	for w := range workers {
		for d, c := range counts[w] {
			total[d] += c
		}
		for s, c := range perRows[w] {
			rows[s] += c
		}
	}
	if total[0] > 0 {
		m.Denied[NoConsent] = total[0]
	}
	for i, d := range t.Decisions {
		if d.Allow || total[i+1] == 0 {
			continue
		}
		for _, r := range d.Reasons {
			m.Denied[r] += total[i+1]
		}
		if len(d.Reasons) == 0 {
			m.Denied["denied by policy"] += total[i+1]
		}
	}
	return m, nil
}

// parallel runs f over [0, n) in a chunk per core.
func parallel(n int, f func(lo, hi int)) {
	parallelN(n, workersFor(n), func(_, lo, hi int) { f(lo, hi) })
}

func workersFor(n int) int { return min(runtime.GOMAXPROCS(0), max(1, n/(1<<14))) }

// parallelN runs f over [0, n) in workers chunks, f(w, lo, hi) for chunk w.
func parallelN(n, workers int, f func(w, lo, hi int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w, n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}

// appendProfile appends the profile key of consent: the values of the
// fields the policy reads, each with its type and length, so different
// values never share a key. Consents are JSON-like values (strings,
// numbers, booleans, lists).
func appendProfile(b []byte, reads []string, consent map[string]any) []byte {
	for _, f := range reads {
		b = appendValue(b, consent[f])
	}
	return b
}

func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, 'n')
	case string:
		b = append(b, 's')
		b = binary.AppendUvarint(b, uint64(len(v)))
		return append(b, v...)
	case bool:
		if v {
			return append(b, 't')
		}
		return append(b, 'f')
	case int64:
		return binary.AppendVarint(append(b, 'i'), v)
	case uint64:
		return binary.AppendUvarint(append(b, 'u'), v)
	case int:
		return binary.AppendVarint(append(b, 'i'), int64(v))
	case []any:
		b = binary.AppendUvarint(append(b, 'l'), uint64(len(v)))
		for _, e := range v {
			b = appendValue(b, e)
		}
		return b
	default:
		s := fmt.Sprintf("%T:%v", v, v)
		b = binary.AppendUvarint(append(b, 'x'), uint64(len(s)))
		return append(b, s...)
	}
}
