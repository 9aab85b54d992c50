package policies

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/merkle"
)

// GateOptions describe one extract request to be checked against consent.
type GateOptions struct {
	// Study whose consents apply; required.
	Study string
	// Dataset is the raw dataset's manifest, for the access log.
	Dataset cid.Cid
	// Policy decides; nil means the default bundle.
	Policy *Policy
	// Ontology is the MONDO release disease purposes are matched in; nil
	// means the built-in demo subset (DemoOntology).
	Ontology *Ontology
	// Request is what the policy is asked.
	Request Request
	// Purpose is the requester's own words, for the log.
	Purpose string
}

// A Gate applies one request's consent decisions to the rows of a raw
// dataset, and records the outcome: the extract made, if any, and an
// access log entry. It is made once per request: the policy runs once per
// consent profile when the gate is made, and each batch costs a lookup
// per row.
type Gate struct {
	reg      *Registry
	o        GateOptions
	input    map[string]any
	table    *Table
	root     common.Hash
	snapshot []byte

	mu       sync.Mutex
	rows     []int64 // by subject id; the last counts rows without a consent
	released int64
	denied   map[string]int
}

// A Snapshot is what an extract's consent check rested on: the request,
// the bundle, the MONDO release and the consents in force. It is stored
// as a raw block linked from the extract's provenance (doc/consent.md);
// its consents' Merkle root is the provenance's consent root.
type Snapshot struct {
	Version  int            `json:"version"`
	Study    string         `json:"study"`
	Bundle   string         `json:"bundle"`
	Ontology string         `json:"ontology"`
	Request  map[string]any `json:"request"`
	Consents []common.Hash  `json:"consents"` // sorted
}

// Root is the Merkle root over the snapshot's consent hashes (an
// OpenZeppelin StandardMerkleTree of bytes values, as receipts use), or
// zero when none was in force.
func (s *Snapshot) Root() (common.Hash, error) {
	return consentRoot(s.Consents)
}

func consentRoot(hashes []common.Hash) (common.Hash, error) {
	if len(hashes) == 0 {
		return common.Hash{}, nil
	}
	t, err := consentTree(hashes)
	if err != nil {
		return common.Hash{}, err
	}
	return common.Hash(t.Root()), nil
}

// consentTree is the Merkle tree over consent hashes, one bytes value each.
func consentTree(hashes []common.Hash) (*merkle.Tree, error) {
	vals := make([][]byte, len(hashes))
	for i, h := range hashes {
		vals[i] = h.Bytes()
	}
	return merkle.New(vals)
}

// ConsentProof returns the Merkle proof that consent h was in force for
// the snapshot, or an error if it was not.
func (s *Snapshot) ConsentProof(h common.Hash) ([]common.Hash, error) {
	i := slices.Index(s.Consents, h)
	if i < 0 {
		return nil, fmt.Errorf("%w: %s was not in force for this extract", ErrNotInForce, h)
	}
	t, err := consentTree(s.Consents)
	if err != nil {
		return nil, err
	}
	var out []common.Hash
	for _, p := range t.Proof(i) {
		out = append(out, common.Hash(p))
	}
	return out, nil
}

// ParseSnapshot decodes a snapshot block.
func ParseSnapshot(b []byte) (*Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("policies: consent snapshot: %w", err)
	}
	if s.Version != 1 || s.Study == "" || s.Bundle == "" {
		return nil, errors.New("policies: consent snapshot: not a version 1 snapshot")
	}
	if !slices.IsSortedFunc(s.Consents, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) }) {
		return nil, errors.New("policies: consent snapshot: consents not sorted")
	}
	return &s, nil
}

// NewGate checks a request against the consents in force in o.Study. A
// request the policy cannot be asked (an unknown purpose, a disease not
// in the ontology) is refused, and still logged as denied, signed by
// signer.
func (r *Registry) NewGate(ctx context.Context, o GateOptions, signer notary.Signer) (*Gate, error) {
	g, err := r.newGate(ctx, o)
	if err != nil && g != nil && signer != nil {
		err = errors.Join(err, g.log(ctx, cid.Undef, err, signer))
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

func (r *Registry) newGate(ctx context.Context, o GateOptions) (*Gate, error) {
	if o.Study == "" {
		return nil, fmt.Errorf("%w: no study", ErrBadRequest)
	}
	if o.Policy == nil {
		var err error
		if o.Policy, err = DefaultPolicy(); err != nil {
			return nil, err
		}
	}
	if o.Ontology == nil {
		o.Ontology = DemoOntology()
	}
	g := &Gate{reg: r, o: o, denied: map[string]int{}}
	var err error
	if g.input, err = o.Request.Input(o.Ontology); err != nil {
		return g, err
	}
	// The consents applied are re-checked against their signed, notarized
	// documents: an edited consents.db releases nothing.
	v, err := r.verify(ctx, o.Study, false)
	if err == nil && len(v.problems) > 0 {
		// A document notarized and recorded between reading the notarized
		// list and reading consents.db looks like an edit: look again.
		v, err = r.verify(ctx, o.Study, false)
	}
	if err != nil {
		return g, err
	}
	if len(v.problems) > 0 {
		return g, tampered(v.problems)
	}
	inForce := v.inForce
	// Enrolled subjects without a consent in force are withheld, and their
	// access logs say so.
	enrolled, err := r.enrolled(o.Study)
	if err != nil {
		return g, err
	}
	return g, g.decide(ctx, inForce, enrolled)
}

// decide evaluates every consent in force (by subject), fixes the
// snapshot, and counts rows by subject from here on, withheld ones too.
func (g *Gate) decide(ctx context.Context, inForce map[string]*Record, withheld []string) error {
	consents := make(map[string]map[string]any, len(inForce))
	hashes := make([]common.Hash, 0, len(inForce))
	for s, rec := range inForce {
		consents[s] = rec.Consent.Input()
		hashes = append(hashes, rec.Hash)
	}
	var err error
	if g.table, err = g.o.Policy.NewDecider(g.input).Table(ctx, consents); err != nil {
		return err
	}
	g.table.Withhold(withheld)
	g.rows = make([]int64, len(g.table.Subjects)+1)
	slices.SortFunc(hashes, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
	snap := Snapshot{Version: 1, Study: g.o.Study, Bundle: g.o.Policy.Bundle.Hash, Ontology: g.o.Ontology.Release,
		Request: g.input, Consents: hashes}
	if g.root, err = snap.Root(); err != nil {
		return err
	}
	g.snapshot, err = json.Marshal(snap)
	return err
}

// GateFromSnapshot rebuilds the gate an extract was made through, to
// reproduce it: the same request and the same consents (revoked or not
// since), decided by policy, which must be the bundle the snapshot names.
// It logs nothing.
func (r *Registry) GateFromSnapshot(ctx context.Context, snapshot []byte, policy *Policy) (*Gate, error) {
	s, err := ParseSnapshot(snapshot)
	if err != nil {
		return nil, err
	}
	if policy == nil {
		if policy, err = DefaultPolicy(); err != nil {
			return nil, err
		}
	}
	if policy.Bundle.Hash != s.Bundle {
		return nil, fmt.Errorf("%w: the extract was filtered by bundle %s, this is %s (%s)", ErrBundle, s.Bundle, policy.Bundle.Hash, policy.Bundle.Name)
	}
	g := &Gate{reg: r, o: GateOptions{Study: s.Study, Policy: policy}, input: s.Request, denied: map[string]int{}}
	records := map[string]*Record{}
	docs, err := r.notarizedDocs(ctx)
	if err != nil {
		return nil, err
	}
	notarized := map[common.Hash]*notarizedDoc{}
	for _, nd := range docs {
		notarized[nd.doc.Hash] = nd
	}
	for _, h := range s.Consents {
		var rec *Record
		err := r.db.View(ctx, func(tx Tx) error {
			v, err := tx.Get(bucketDocs, h.Bytes())
			if err != nil {
				return err
			}
			if v == nil {
				return fmt.Errorf("%w: %s", ErrUnknownConsent, h)
			}
			var p Problem
			var ok bool
			if rec, p, ok = r.checkRecord(ctx, txPatient(tx), h, v, notarized); !ok && p.Unchecked {
				return errors.New(p.String())
			} else if !ok {
				return tampered([]Problem{p})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("policies: consent snapshot: %w", err)
		}
		if rec.Consent == nil || rec.Study != s.Study {
			return nil, fmt.Errorf("policies: consent snapshot: %s is not a consent of %s", h, s.Study)
		}
		records[rec.Subject] = rec
	}
	g.o.Ontology = &Ontology{Release: s.Ontology}
	if err := g.decide(ctx, records, nil); err != nil {
		return nil, err
	}
	if !bytes.Equal(g.snapshot, snapshot) {
		return nil, errors.New("policies: consent snapshot: not in the form this version writes")
	}
	return g, nil
}

// ErrColumnDenied is returned for a request for columns its purpose may
// not receive.
var ErrColumnDenied = errors.New("policies: the policy does not allow these columns for this request")

// AllowColumns checks the delivered columns (name to dictionary role)
// against the bundle's column rule.
func (g *Gate) AllowColumns(ctx context.Context, roles map[string]string) error {
	var denied []string
	for _, name := range slices.Sorted(maps.Keys(roles)) {
		ok, err := g.o.Policy.ColumnAllowed(ctx, g.input, roles[name])
		if err != nil {
			return err
		}
		if !ok {
			denied = append(denied, fmt.Sprintf("%s (%s)", name, roles[name]))
		}
	}
	if len(denied) > 0 {
		return fmt.Errorf("%w: %s for purpose %v", ErrColumnDenied, strings.Join(denied, ", "), g.input["purpose"])
	}
	return nil
}

// Exact reports whether decisions were shared by consent profile (the
// fast path) rather than made per consent.
func (g *Gate) Exact() bool { return g.o.Policy.Exact() }

// Evaluations is how many times the policy ran.
func (g *Gate) Evaluations() int { return len(g.table.Decisions) }

// Allow decides a batch's rows by their subjects (study keys).
func (g *Gate) Allow(ctx context.Context, subjects arrow.Array) ([]bool, error) {
	rows := make([]int64, len(g.rows))
	m, err := g.table.Mask(subjects, rows)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, n := range rows {
		g.rows[i] += n
	}
	for r, n := range m.Denied {
		g.denied[r] += n
	}
	for _, ok := range m.Allow {
		if ok {
			g.released++
		}
	}
	return m.Allow, nil
}

// Withheld returns what consent kept out so far: the rows, the subjects
// they belong to (rows of subjects the registry does not know are
// counted, their subjects not), and the rows by reason (a row denied for
// two reasons counts under both).
func (g *Gate) Withheld() (rows int64, subjects int, byReason map[string]int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var total int64
	for i, n := range g.rows {
		total += n
		if n == 0 {
			continue
		}
		if i >= len(g.table.Subjects) {
			continue
		}
		if d := g.table.Decision[i]; d < 0 || !g.table.Decisions[d].Allow {
			subjects++
		}
	}
	byReason = make(map[string]int, len(g.denied))
	for r, n := range g.denied {
		byReason[r] = n
	}
	return total - g.released, subjects, byReason
}

// Snapshot returns the bundle hash, the consent root and the snapshot
// block for the extract's provenance.
func (g *Gate) Snapshot() (policy string, root common.Hash, snapshot []byte) {
	return g.o.Policy.Bundle.Hash, g.root, g.snapshot
}

// Released returns the subjects whose rows were allowed, sorted.
func (g *Gate) Released() []string {
	var out []string
	for i, s := range g.table.Subjects {
		if n := g.table.Decision[i]; g.rows[i] > 0 && n >= 0 && g.table.Decisions[n].Allow {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// Finish records the outcome of the request: on success the extract and
// the subjects it holds, and in either case an access log entry, signed
// by signer. failure is why no extract was made, if none was.
func (g *Gate) Finish(ctx context.Context, extract cid.Cid, failure error, signer notary.Signer) error {
	if failure == nil {
		if err := g.reg.RecordExtract(extract, g.o.Study, g.o.Request.Requester, g.Released()); err != nil {
			return err
		}
	}
	return g.log(ctx, extract, failure, signer)
}

func (g *Gate) log(ctx context.Context, extract cid.Cid, failure error, signer notary.Signer) error {
	e := &AccessEntry{Dataset: g.o.Dataset.String(), Study: g.o.Study, Requester: g.o.Request.Requester,
		Purpose: g.o.Purpose, Request: g.input, Policy: g.o.Policy.Bundle.Hash, ConsentRoot: g.root,
		Allowed: failure == nil, RowsReleased: g.released, RowsDenied: g.denied}
	if g.o.Ontology != nil {
		e.Ontology = g.o.Ontology.Release
	}
	if !g.o.Dataset.Defined() {
		e.Dataset = ""
	}
	if failure != nil {
		e.Error = failure.Error()
		e.RowsReleased = 0
	} else {
		e.Extract = extract.String()
	}
	outcomes := map[string]string{}
	if g.table != nil {
		for i, s := range g.table.Subjects {
			if g.rows[i] == 0 {
				continue
			}
			n := g.table.Decision[i]
			switch {
			case failure != nil:
				outcomes[s] = "withheld: the request failed: " + failure.Error()
			case n < 0:
				outcomes[s] = "withheld: " + NoConsent
			case g.table.Decisions[n].Allow:
				outcomes[s] = Released
			default:
				outcomes[s] = "withheld: " + strings.Join(g.table.Decisions[n].Reasons, "; ")
			}
		}
	}
	return g.reg.Log(ctx, e, outcomes, signer)
}
