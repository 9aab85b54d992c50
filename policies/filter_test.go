package policies

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// cohort makes rows rows over subjects subjects, each with a consent that
// fills in one of 200 consent forms (so profiles repeat, as they do in a
// study), and one subject in 50 without any consent.
func cohort(rows, subjects int) (*array.String, map[string]map[string]any) {
	rng := rand.New(rand.NewPCG(3, 4))
	forms := make([]map[string]any, 200)
	for i := range forms {
		forms[i] = randomConsent(rng, 0)
		forms[i]["valid_from"], forms[i]["valid_until"] = int64(0), int64(1000*(1+rng.IntN(4)))
	}
	consents := map[string]map[string]any{}
	for i := range subjects {
		if i%50 == 49 {
			continue
		}
		c := map[string]any{}
		for k, v := range forms[rng.IntN(len(forms))] {
			c[k] = v
		}
		c["subject"], c["nonce"] = fmt.Sprintf("S%06d", i), int64(rng.IntN(5)+1)
		consents[fmt.Sprintf("S%06d", i)] = c
	}
	b := array.NewStringBuilder(memory.NewGoAllocator())
	for range rows {
		b.Append(fmt.Sprintf("S%06d", rng.IntN(subjects)))
	}
	return b.NewStringArray(), consents
}

func TestMaskMatchesPerRow(t *testing.T) {
	ctx := context.Background()
	b, _ := DefaultBundle()
	p, _ := Compile(ctx, b)
	subjects, consents := cohort(20_000, 2_000)
	defer subjects.Release()
	req := map[string]any{"purpose": "hmb", "time": int64(1500), "requester": "0xA", "nonprofit": true, "commercial": false,
		"irb": "IRB-1", "publish": true, "disease_lineages": []any{}}
	m, err := p.NewDecider(req).Mask(ctx, subjects, consents)
	if err != nil {
		t.Fatal(err)
	}
	allowed, denied := 0, 0
	for i := range subjects.Len() {
		c, ok := consents[subjects.Value(i)]
		want := false
		if ok {
			d, err := p.Decide(ctx, req, c)
			if err != nil {
				t.Fatal(err)
			}
			want = d.Allow
		}
		if m.Allow[i] != want {
			t.Fatalf("row %d (%s): mask %v, per row %v", i, subjects.Value(i), m.Allow[i], want)
		}
		if want {
			allowed++
		} else {
			denied++
		}
	}
	if allowed == 0 || m.Denied[NoConsent] == 0 {
		t.Fatalf("allowed %d, denied %v", allowed, m.Denied)
	}
	db := array.NewDictionaryBuilder(memory.NewGoAllocator(), &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}).(*array.BinaryDictionaryBuilder)
	for i := range subjects.Len() {
		db.AppendString(subjects.Value(i))
	}
	dict := db.NewDictionaryArray()
	defer dict.Release()
	md, err := p.NewDecider(req).Mask(ctx, dict, consents)
	if err != nil || !slices.Equal(md.Allow, m.Allow) || !maps.Equal(md.Denied, m.Denied) {
		t.Fatalf("the dictionary path differs: %v", err)
	}
}

// BenchmarkConsentFilter filters 10,000,000 rows of 100,000 subjects under
// the default bundle, beside per-row evaluation of the same prepared
// query on the same data (rows/s of each are reported).
func BenchmarkConsentFilter(b *testing.B) {
	ctx := context.Background()
	bundle, _ := DefaultBundle()
	p, err := Compile(ctx, bundle)
	if err != nil {
		b.Fatal(err)
	}
	subjects, consents := cohort(10_000_000, 100_000)
	defer subjects.Release()
	req := map[string]any{"purpose": "hmb", "time": int64(1500), "requester": "0xA", "nonprofit": true, "commercial": false,
		"irb": "IRB-1", "publish": true, "disease_lineages": []any{}}
	// The subject column as Arrow and Parquet readers give it when it is
	// stored dictionary-encoded.
	db := array.NewDictionaryBuilder(memory.NewGoAllocator(), &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}).(*array.BinaryDictionaryBuilder)
	for i := range subjects.Len() {
		db.AppendString(subjects.Value(i))
	}
	dict := db.NewDictionaryArray()
	defer dict.Release()
	b.Run("profiles", func(b *testing.B) {
		var evals int
		for b.Loop() {
			d := p.NewDecider(req)
			if _, err := d.Mask(ctx, dict, consents); err != nil {
				b.Fatal(err)
			}
			evals = d.Evaluations
		}
		b.ReportMetric(float64(subjects.Len())*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		b.ReportMetric(float64(evals), "evaluations")
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			if _, err := Compile(ctx, bundle); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("per-row-opa", func(b *testing.B) {
		const rows = 2000 // of the same table, per op
		for b.Loop() {
			for i := range rows {
				if c, ok := consents[subjects.Value(i)]; ok {
					if _, err := p.Decide(ctx, req, c); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		b.ReportMetric(rows*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
