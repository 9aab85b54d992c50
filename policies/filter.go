package policies

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
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
	Subjects  []string   // subjects with a consent, by id
	Decision  []int32    // each subject's index into Decisions
	Decisions []Decision // the decider's, by number
	ids       map[string]int32
}

// Table decides every consent in consents (keyed by subject).
func (d *Decider) Table(ctx context.Context, consents map[string]map[string]any) (*Table, error) {
	t := &Table{ids: make(map[string]int32, len(consents))}
	subjects := make([]string, 0, len(consents))
	for s := range consents {
		subjects = append(subjects, s)
	}
	slices.Sort(subjects) // evaluation order, and so decision numbers, do not depend on map order
	for _, s := range subjects {
		n, err := d.Decide(ctx, consents[s])
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", s, err)
		}
		t.ids[s] = int32(len(t.Subjects))
		t.Subjects = append(t.Subjects, s)
		t.Decision = append(t.Decision, int32(n))
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
	lookup := func(s string) int32 {
		if n, ok := t.ids[s]; ok {
			return n
		}
		return -1
	}
	n := subjects.Len()
	which := make([]int32, n)
	switch a := subjects.(type) {
	case *array.String:
		parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				which[i] = -1
				if a.IsValid(i) {
					which[i] = lookup(a.Value(i))
				}
			}
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
		parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				which[i] = -1
				if a.IsValid(i) {
					which[i] = entry[a.GetValueIndex(i)]
				}
			}
		})
	default:
		return nil, fmt.Errorf("policies: subject column of %s (want strings)", subjects.DataType())
	}
	m := &Mask{Allow: make([]bool, n), Denied: map[string]int{}}
	// Decision numbers shifted by one, so that -1 (no consent) is 0.
	allow := make([]bool, len(t.Decisions)+1)
	for i, dec := range t.Decisions {
		allow[i+1] = dec.Allow
	}
	dec := make([]int32, len(t.Decision)+1)
	for i, d := range t.Decision {
		dec[i+1] = d + 1
	}
	counts := make([]int, len(t.Decisions)+1)
	for i, id := range which {
		d := dec[id+1]
		m.Allow[i] = allow[d]
		counts[d]++
	}
	if rows != nil {
		for _, id := range which {
			if id < 0 {
				id = int32(len(t.Subjects))
			}
			rows[id]++
		}
	}
	if counts[0] > 0 {
		m.Denied[NoConsent] = counts[0]
	}
	for i, d := range t.Decisions {
		if d.Allow || counts[i+1] == 0 {
			continue
		}
		for _, r := range d.Reasons {
			m.Denied[r] += counts[i+1]
		}
		if len(d.Reasons) == 0 {
			m.Denied["denied by policy"] += counts[i+1]
		}
	}
	return m, nil
}

// parallel runs f over [0, n) in a chunk per core.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/(1<<16)))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}

// profileKey encodes the fields the policy reads, cheaply: consents are
// JSON-like values (strings, numbers, booleans, lists).
func profileKey(b *strings.Builder, reads []string, consent map[string]any) {
	for _, f := range reads {
		appendValue(b, consent[f])
		b.WriteByte(0)
	}
}

func appendValue(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(strconv.Quote(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case uint64:
		b.WriteString(strconv.FormatUint(v, 10))
	case int:
		b.WriteString(strconv.Itoa(v))
	case []any:
		b.WriteByte('[')
		for _, e := range v {
			appendValue(b, e)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	default:
		fmt.Fprintf(b, "%T:%v", v, v)
	}
}
