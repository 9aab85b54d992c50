package policies

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

func TestDefaultBundleRegoTests(t *testing.T) {
	b, err := DefaultBundle()
	if err != nil {
		t.Fatal(err)
	}
	passed, failed, err := b.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) > 0 || passed < 10 {
		t.Fatalf("%d Rego tests passed; failed: %v", passed, failed)
	}
}

func TestDefaultBundleReads(t *testing.T) {
	b, _ := DefaultBundle()
	p, err := Compile(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Exact() || slices.Contains(p.Reads(), "subject") || !slices.Contains(p.Reads(), "uses") {
		t.Fatalf("reads %v", p.Reads())
	}
}

func writeBundle(t *testing.T, rego string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "policy.rego"), []byte(rego), 0o644)
	return dir
}

func TestBadBundles(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, rego string
		want       error
	}{
		{"compile error", "package desci.consent\n\ndecision := {\"allow\": true\n", ErrBundle},
		{"undefined rule", "package desci.consent\n\ndecision := x if { x := input.nope }\n", ErrNoDecision},
		{"not an object", "package desci.consent\n\ndecision := true\n", ErrNoDecision},
		{"allow not boolean", "package desci.consent\n\ndecision := {\"allow\": \"yes\"}\n", ErrNoDecision},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := LoadBundle(writeBundle(t, tc.rego))
			if err == nil {
				var p *Policy
				if p, err = Compile(ctx, b); err == nil {
					_, err = p.Decide(ctx, map[string]any{}, map[string]any{})
				}
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// customBundle reads a consent field the default does not, and one
// that reads the consent by a computed key, which the fast path cannot
// share decisions for.
const customBundle = `package desci.consent

decision := {"allow": allow, "reasons": []} if {
	allow := count([u | some u in input.consent.uses; u in data.allowed]) > 0
	input.consent.nonce % 3 != 0
} else := {"allow": false, "reasons": ["every third nonce is excluded"]}
`

const computedBundle = `package desci.consent

decision := {"allow": "GRU" in input.consent[k]} if k := input.request.field
`

var (
	vocabUses      = []string{"NRES", "GRU", "HMB", "DS", "POA"}
	vocabModifiers = []string{"NPU", "NCU", "NPUNCU", "IRB", "PUB", "COL", "GS", "TS", "US", "PS", "IS", "RTN", "NMDS", "GSO", "MOR", "NPOA"}
	vocabDiseases  = []string{"MONDO:0005015", "MONDO:0005148", "MONDO:0004992", "MONDO:0008903", "MONDO:0005061"}
	vocabPeople    = []string{"0xA", "0xB", "0xC"}
	vocabPlaces    = []string{"EU", "US", "", "de", "EEA", "no", "Europe"}
)

func pick(rng *rand.Rand, from []string, max int) []any {
	out := []any{}
	for _, i := range rng.Perm(len(from))[:rng.IntN(max+1)] {
		out = append(out, from[i])
	}
	return out
}

func one(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

func randomConsent(rng *rand.Rand, i int) map[string]any {
	from := int64(rng.IntN(2000))
	return map[string]any{
		"study": "s1", "subject": fmt.Sprintf("S%06d", i), "nonce": int64(rng.IntN(1000)),
		"uses": pick(rng, vocabUses, 2), "diseases": pick(rng, vocabDiseases, 2), "modifiers": pick(rng, vocabModifiers, 3),
		"investigators": pick(rng, vocabPeople, 2), "region": one(rng, vocabPlaces), "project": one(rng, []string{"P1", "P2"}),
		"institution": one(rng, []string{"Uni", "Lab"}), "valid_from": from, "valid_until": from + int64(rng.IntN(3000)),
		"ts_end": int64(rng.IntN(4000)), "mor_date": int64(rng.IntN(4000)),
	}
}

func randomRequest(rng *rand.Rand) map[string]any {
	r := map[string]any{
		"purpose": one(rng, []string{"research", "hmb", "disease", "poa", "methods"}), "time": int64(rng.IntN(4000)),
		"requester": one(rng, vocabPeople), "disease_lineages": []any{pick(rng, vocabDiseases, 3), pick(rng, vocabDiseases, 3)}[:rng.IntN(3)], "field": "uses",
	}
	// Attributes are present or absent at random: absent ones must deny.
	for k, v := range map[string]any{
		"nonprofit": rng.IntN(2) == 0, "commercial": rng.IntN(2) == 0, "irb": one(rng, []string{"", "IRB-1"}),
		"publish": rng.IntN(2) == 0, "collaborators": pick(rng, vocabPeople, 2), "region": one(rng, vocabPlaces),
		"project": "P1", "institution": "Uni", "return_results": rng.IntN(2) == 0, "methods_development": rng.IntN(2) == 0,
		"genetic": rng.IntN(2) == 0, "publication_date": int64(rng.IntN(4000)),
	} {
		if rng.IntN(4) != 0 {
			r[k] = v
		}
	}
	return r
}

// TestFastPathMatchesPerRow is the differential test: for 100,000 random
// (consent, request) cases, the decision shared by profile equals the
// per-row OPA decision, for the default bundle and custom ones.
func TestFastPathMatchesPerRow(t *testing.T) {
	ctx := context.Background()
	def, _ := DefaultBundle()
	custom, err := LoadBundle(writeBundle(t, customBundle))
	if err != nil {
		t.Fatal(err)
	}
	custom.Name, custom.data = "custom", map[string]any{"allowed": []any{"GRU", "HMB"}}
	computed, err := LoadBundle(writeBundle(t, computedBundle))
	if err != nil {
		t.Fatal(err)
	}
	computed.Name = "computed-key"
	cases := 100_000
	if testing.Short() {
		cases = 10_000
	}
	for _, tc := range []struct {
		b     *Bundle
		exact bool
		cases int
	}{{def, true, cases}, {custom, true, cases}, {computed, false, cases / 10}} {
		t.Run(tc.b.Name, func(t *testing.T) {
			p, err := Compile(ctx, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if p.Exact() != tc.exact {
				t.Fatalf("Exact() = %v, want %v (reads %v)", p.Exact(), tc.exact, p.Reads())
			}
			rng := rand.New(rand.NewPCG(7, uint64(len(tc.b.Name))))
			const perRequest = 1000
			allowed, evals := 0, 0
			for r := 0; r < tc.cases/perRequest; r++ {
				req := randomRequest(rng)
				d := p.NewDecider(req)
				for i := range perRequest {
					c := randomConsent(rng, i)
					n, err := d.Decide(ctx, c)
					if err != nil {
						t.Fatal(err)
					}
					want, err := p.Decide(ctx, req, c)
					if err != nil {
						t.Fatal(err)
					}
					if got := d.Decisions[n]; !reflect.DeepEqual(got, want) {
						t.Fatalf("request %v consent %v: fast path %+v, per row %+v", req, c, got, want)
					}
					if want.Allow {
						allowed++
					}
				}
				evals += d.Evaluations
			}
			if allowed == 0 || allowed == tc.cases {
				t.Fatalf("%d of %d allowed: the cases do not exercise the policy", allowed, tc.cases)
			}
			t.Logf("%d cases, %d allowed, %d policy evaluations on the fast path", tc.cases, allowed, evals)
		})
	}
}
