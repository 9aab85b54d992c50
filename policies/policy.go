package policies

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// DecisionQuery is the rule every bundle defines: an object with "allow"
// (a boolean) and "reasons" (strings saying why not).
const DecisionQuery = "data.desci.consent.decision"

// ErrNoDecision is returned when a bundle's policy leaves the decision
// undefined or malformed for some input.
var ErrNoDecision = errors.New("policies: the policy reached no decision")

// A Decision is the policy's answer for one consent.
type Decision struct {
	Allow   bool     `json:"allow"`
	Reasons []string `json:"reasons,omitempty"`
}

// A Policy is a compiled bundle, ready to decide.
type Policy struct {
	Bundle *Bundle
	query  rego.PreparedEvalQuery
	// reads are the input.consent fields the policy reads; nil when it
	// reads the consent as a whole or by a computed key, so decisions
	// cannot be shared between consents that differ in unread fields.
	reads []string
	// columns is the bundle's column rule, if it has one (hasColumns).
	columns    rego.PreparedEvalQuery
	hasColumns bool
}

// Compile compiles b's decision modules with its data.
func Compile(ctx context.Context, b *Bundle) (*Policy, error) {
	mods, err := b.parsed()
	if err != nil {
		return nil, err
	}
	opts := []func(*rego.Rego){
		rego.Query(DecisionQuery),
		rego.Store(inmem.NewFromObject(b.data)),
		rego.SetRegoVersion(ast.RegoV1),
	}
	for _, m := range mods {
		opts = append(opts, rego.ParsedModule(m))
	}
	q, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBundle, b.Name, err)
	}
	p := &Policy{Bundle: b, query: q, reads: consentReads(mods)}
	if definesColumnRule(mods) {
		opts[0] = rego.Query(ColumnQuery)
		if p.columns, err = rego.New(opts...).PrepareForEval(ctx); err != nil {
			return nil, fmt.Errorf("%w: %s: column rule: %v", ErrBundle, b.Name, err)
		}
		p.hasColumns = true
	}
	return p, nil
}

// DefaultPolicy returns the embedded default bundle, compiled on first
// use and shared: a Policy is safe for concurrent use, and each Decider
// keeps its own memo.
var DefaultPolicy = sync.OnceValues(func() (*Policy, error) {
	b, err := DefaultBundle()
	if err != nil {
		return nil, err
	}
	return Compile(context.Background(), b)
})

// ColumnQuery asks a bundle's column rule, a function of a column's role
// in the data dictionary (column_allowed(role)), whether a request may
// receive a column. A bundle without the rule puts no limit on columns.
const ColumnQuery = "data.desci.consent.column_allowed(input.role)"

func definesColumnRule(mods map[string]*ast.Module) bool {
	for _, m := range mods {
		if !m.Package.Path.Equal(ast.MustParseRef("data.desci.consent")) {
			continue
		}
		for _, r := range m.Rules {
			if r.Head.Name == "column_allowed" || r.Head.Ref().String() == "column_allowed" {
				return true
			}
		}
	}
	return false
}

// ColumnAllowed says whether the request may receive a column of the
// given dictionary role.
func (p *Policy) ColumnAllowed(ctx context.Context, req map[string]any, role string) (bool, error) {
	if !p.hasColumns {
		return true, nil
	}
	rs, err := p.columns.Eval(ctx, rego.EvalInput(map[string]any{"request": req, "role": role}))
	if err != nil {
		return false, fmt.Errorf("policies: %s: column rule: %w", p.Bundle.Name, err)
	}
	if len(rs) == 0 {
		return false, nil // undefined: the rule does not allow it
	}
	ok, _ := rs[0].Expressions[0].Value.(bool)
	return ok, nil
}

// consentReads lists the fields of input.consent the modules read, or
// nil if they read the consent (or the whole input) in a way that is not
// a fixed field.
func consentReads(mods map[string]*ast.Module) []string {
	fields := map[string]bool{}
	whole := false
	for _, m := range mods {
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			if !ref[0].Equal(ast.InputRootDocument) {
				return false
			}
			if len(ref) < 2 {
				whole = true
				return false
			}
			key, ok := ref[1].Value.(ast.String)
			if !ok {
				whole = true
				return false
			}
			if key != "consent" {
				return false
			}
			if len(ref) < 3 {
				whole = true
				return false
			}
			f, ok := ref[2].Value.(ast.String)
			if !ok {
				whole = true
				return false
			}
			fields[string(f)] = true
			return false
		})
	}
	if whole {
		return nil
	}
	out := make([]string, 0, len(fields))
	for f := range fields {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Exact reports whether consents can share decisions by the fields the
// policy reads (the fast path); if not, every consent is evaluated.
func (p *Policy) Exact() bool { return p.reads != nil }

// Reads returns the consent fields the policy reads.
func (p *Policy) Reads() []string { return p.reads }

// Decide evaluates the policy for one consent: the exact, per-row answer.
func (p *Policy) Decide(ctx context.Context, req map[string]any, consent map[string]any) (Decision, error) {
	rs, err := p.query.Eval(ctx, rego.EvalInput(map[string]any{"request": req, "consent": consent}))
	if err != nil {
		return Decision{}, fmt.Errorf("policies: %s: %w", p.Bundle.Name, err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return Decision{}, fmt.Errorf("%w (bundle %s)", ErrNoDecision, p.Bundle.Name)
	}
	obj, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return Decision{}, fmt.Errorf("%w: decision is %T, not an object (bundle %s)", ErrNoDecision, rs[0].Expressions[0].Value, p.Bundle.Name)
	}
	var d Decision
	if d.Allow, ok = obj["allow"].(bool); !ok {
		return Decision{}, fmt.Errorf("%w: decision.allow is not a boolean (bundle %s)", ErrNoDecision, p.Bundle.Name)
	}
	if rs, ok := obj["reasons"].([]any); ok {
		for _, r := range rs {
			d.Reasons = append(d.Reasons, fmt.Sprint(r))
		}
	}
	return d, nil
}

// A Decider answers for many consents under one request, evaluating the
// policy once per distinct profile: the values of the consent fields the
// policy reads. Consents with the same profile get the same decision, as
// per-row evaluation would give them, because the policy cannot tell
// them apart.
type Decider struct {
	p         *Policy
	req       map[string]any
	memo      map[string]int
	Decisions []Decision // by number, in first-seen order
	// Evaluations counts policy evaluations (profiles, or every consent
	// on the slow path).
	Evaluations int
}

// NewDecider prepares decisions for req.
func (p *Policy) NewDecider(req map[string]any) *Decider {
	return &Decider{p: p, req: req, memo: map[string]int{}}
}

// Decide returns the decision number for consent (an index into Decisions).
func (d *Decider) Decide(ctx context.Context, consent map[string]any) (int, error) {
	var key []byte
	if d.p.reads != nil {
		key = appendProfile(nil, d.p.reads, consent)
	}
	return d.decideKey(ctx, key, consent)
}

// decideKey is Decide with the consent's profile key made (nil on the
// slow path).
func (d *Decider) decideKey(ctx context.Context, key []byte, consent map[string]any) (int, error) {
	if d.p.reads != nil {
		if i, ok := d.memo[string(key)]; ok {
			return i, nil
		}
	}
	dec, err := d.p.Decide(ctx, d.req, consent)
	if err != nil {
		return 0, err
	}
	d.Evaluations++
	d.Decisions = append(d.Decisions, dec)
	if d.p.reads != nil {
		d.memo[string(key)] = len(d.Decisions) - 1
	}
	return len(d.Decisions) - 1, nil
}

func runTests(ctx context.Context, b *Bundle) (int, []string, error) {
	mods, err := b.parsed()
	if err != nil {
		return 0, nil, err
	}
	for _, m := range b.tests {
		mod, err := ast.ParseModuleWithOpts(m.Path, string(m.Raw), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return 0, nil, fmt.Errorf("%w: %v", ErrBundle, err)
		}
		mods[m.Path] = mod
	}
	store := inmem.NewFromObject(b.data)
	ch, err := tester.NewRunner().SetStore(store).SetDefaultRegoVersion(ast.RegoV1).Run(ctx, mods)
	if err != nil {
		return 0, nil, err
	}
	passed := 0
	var failed []string
	for r := range ch {
		if r.Pass() {
			passed++
		} else {
			failed = append(failed, r.String())
		}
	}
	return passed, failed, nil
}
