package policies

import (
	"context"
	"fmt"
	"runtime"
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
	bySubject := make(map[string]int32, len(consents))
	for s, c := range consents {
		n, err := d.Decide(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("subject %s: %w", s, err)
		}
		bySubject[s] = int32(n)
	}
	lookup := func(s string) int32 {
		if n, ok := bySubject[s]; ok {
			return n
		}
		return -1
	}
	rows := subjects.Len()
	which := make([]int32, rows)
	switch a := subjects.(type) {
	case *array.String:
		parallel(rows, func(lo, hi int) {
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
		parallel(rows, func(lo, hi int) {
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
	m := &Mask{Allow: make([]bool, rows), Denied: map[string]int{}}
	allow := make([]bool, len(d.Decisions)+1)
	for i, dec := range d.Decisions {
		allow[i+1] = dec.Allow
	}
	counts := make([]int, len(d.Decisions)+1)
	for i, n := range which {
		m.Allow[i] = allow[n+1]
		counts[n+1]++
	}
	if counts[0] > 0 {
		m.Denied[NoConsent] = counts[0]
	}
	for i, dec := range d.Decisions {
		if dec.Allow || counts[i+1] == 0 {
			continue
		}
		for _, r := range dec.Reasons {
			m.Denied[r] += counts[i+1]
		}
		if len(dec.Reasons) == 0 {
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
