package policies

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"golang.org/x/sync/errgroup"

	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/notary"
)

// consents.db is a view of the signed documents notarized in the store:
// anyone who can write the data dir can edit it. What the gate applies and
// what `desci repo verify` checks is that view against the documents
// themselves: each record's signature and fields, and each subject's
// latest document against the latest one notarized.

// A Problem is a disagreement between consents.db and the notarized
// documents.
type Problem struct {
	Study, Subject string
	Document       common.Hash // zero when no one document is at fault
	Detail         string
	// Unchecked is a smart account's signature no chain could check
	// now (none configured, or it did not answer): not found forged, but
	// not applied either. The gate withholds the subject.
	Unchecked bool
}

func (p Problem) String() string {
	s := fmt.Sprintf("consents.db: %s of %s", p.Subject, p.Study)
	if p.Document != (common.Hash{}) {
		s += ": document " + p.Document.Hex()
	}
	return s + ": " + p.Detail
}

// notarizedDoc is a consent manifest of the store, read and checked once.
type notarizedDoc struct {
	manifest cid.Cid
	doc      *Document // nil when the manifest holds nothing this version reads
	wire     []byte    // the document as notarized
	sigErr   error     // a smart account's signature that failed its check again
}

// notarizedDocs reads the consent manifests notarized in this data dir,
// each once per process (a CID names the same bytes forever): their
// manifest signature and the document they hold.
func (r *Registry) notarizedDocs(ctx context.Context) ([]*notarizedDoc, error) {
	if r.store == nil {
		return nil, nil
	}
	pub, err := r.store.Published()
	if err != nil {
		return nil, err
	}
	chain := r.sigChain()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out, todo []*notarizedDoc
	for _, m := range pub {
		if m.Kind != notary.KindConsent {
			continue
		}
		nd := r.notarized[m.CID]
		if nd == nil {
			nd = &notarizedDoc{manifest: m.CID}
			todo = append(todo, nd)
		}
		out = append(out, nd)
	}
	// Reading is a signature check or two per document: on every core.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, nd := range todo {
		g.Go(func() error {
			man, err := r.store.Manifest(ctx, nd.manifest)
			if err != nil || man.Content == nil || man.VerifySignature() != nil {
				return ctx.Err()
			}
			if nd.wire, err = r.store.ReadFile(ctx, man.Content.Root, MaxDocumentSize); err != nil {
				return ctx.Err()
			}
			nd.doc, _ = ParseDocument(nd.wire)
			if nd.doc != nil {
				// A smart account is asked again, in the state of the
				// block it was accepted at.
				nd.sigErr = nd.doc.CheckSigner(ctx, chain)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, nd := range todo {
		if nd.sigErr != nil && !errors.Is(nd.sigErr, ErrBadSignature) {
			continue // the chain could not answer: asked again next time
		}
		r.notarized[nd.manifest] = nd
	}
	return slices.DeleteFunc(out, func(nd *notarizedDoc) bool { return nd.doc == nil }), nil
}

// deployment fixes the registry's deployment id: the one consents.db
// keeps, else the one the documents notarized here name (a rebuilt file),
// else a new random one.
func (r *Registry) deployment(ctx context.Context) error {
	if r.domain.Deployment != (common.Hash{}) {
		return nil
	}
	key := []byte("deployment")
	err := r.db.View(ctx, func(tx Tx) error {
		v, err := tx.Get(bucketMeta, key)
		if len(v) == common.HashLength {
			r.domain.Deployment = common.BytesToHash(v)
		}
		return err
	})
	if err != nil || r.domain.Deployment != (common.Hash{}) {
		return err
	}
	docs, err := r.notarizedDocs(ctx)
	if err != nil {
		return err
	}
	for _, nd := range docs {
		if d := nd.doc.Domain; d.ChainID == r.domain.ChainID && d.Deployment != (common.Hash{}) {
			r.domain.Deployment = d.Deployment
			break
		}
	}
	if r.domain.Deployment == (common.Hash{}) {
		if _, err := rand.Read(r.domain.Deployment[:]); err != nil {
			return err
		}
	}
	// Replicas opening a new database at once agree on the first one
	// written.
	mine := r.domain.Deployment
	return r.db.Update(ctx, func(tx Tx) error {
		v, err := tx.Get(bucketMeta, key)
		if err != nil {
			return err
		}
		if len(v) == common.HashLength {
			r.domain.Deployment = common.BytesToHash(v)
			return nil
		}
		r.domain.Deployment = mine
		return tx.Put(bucketMeta, key, mine.Bytes())
	})
}

// verification is what a check of one study (or all) found.
type verification struct {
	problems []Problem
	// pending are subjects whose latest notarized document consents.db
	// does not hold at all: one being recorded now, or one it refused.
	// The gate withholds them.
	pending map[string]bool
	// inForce are the checked consents in force, by subject (for one study).
	inForce map[string]*Record
}

// verify checks consents.db against the notarized documents of study
// ("" for every study): each subject's latest document is the latest one
// notarized, and each record applied (the latest ones, or every record
// when all) is its signed document, signed by the enrolled patient in
// this registry's domain and notarized here.
func (r *Registry) verify(ctx context.Context, study string, all bool) (*verification, error) {
	docs, err := r.notarizedDocs(ctx)
	if err != nil {
		return nil, err
	}
	notarized := map[common.Hash]*notarizedDoc{}
	latestN := map[string]*Document{} // subject key -> latest notarized document
	for _, nd := range docs {
		d := nd.doc
		if study != "" && d.Study() != study {
			continue
		}
		notarized[d.Hash] = nd
		k := string(subjectKey(d.Study(), d.Subject()))
		if cur := latestN[k]; cur == nil || d.Nonce() > cur.Nonce() {
			latestN[k] = d
		}
	}
	v := &verification{pending: map[string]bool{}, inForce: map[string]*Record{}}
	err = r.db.View(ctx, func(tx Tx) error {
		prefix := []byte(study)
		if study != "" {
			prefix = append(prefix, 0)
		}
		// Read in bulk (a scan or one lookup per bucket), not a lookup a
		// subject: a study may have a million.
		latestR := map[string]common.Hash{}
		docsV := map[common.Hash][]byte{}
		err := tx.ScanRefs(bucketLatest, prefix, bucketDocs, func(k, h, v []byte) error {
			latestR[string(k)] = common.BytesToHash(h)
			if v != nil {
				docsV[common.BytesToHash(h)] = v // used within the transaction only
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Two documents of one nonce notarized by writers that raced (on
		// two replicas): the registry accepted one, refused the other.
		for k, h := range latestR {
			if n, nd := latestN[k], notarized[h]; n != nil && nd != nil && n.Hash != h && nd.doc.Nonce() == n.Nonce() {
				latestN[k] = nd.doc
			}
		}
		enrolled := map[string]common.Address{}
		err = tx.Scan(bucketEnroll, prefix, func(k, v []byte) error {
			enrolled[string(k)] = common.BytesToAddress(v)
			return nil
		})
		if err != nil {
			return err
		}
		patient := func(k []byte) (common.Address, bool, error) {
			a, ok := enrolled[string(k)]
			return a, ok, nil
		}
		// And the latest notarized documents not named latest.
		var want [][]byte
		for k, n := range latestN {
			if h, ok := latestR[k]; !ok || h != n.Hash {
				want = append(want, n.Hash.Bytes())
			}
		}
		vs, err := tx.GetMany(bucketDocs, want)
		if err != nil {
			return err
		}
		for i, k := range want {
			if vs[i] != nil {
				docsV[common.BytesToHash(k)] = vs[i]
			}
		}
		checked := map[common.Hash]bool{}
		subjects := map[string]bool{}
		for k := range latestR {
			subjects[k] = true
		}
		for k := range latestN {
			subjects[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(subjects)) {
			st, sub, _ := bytes.Cut([]byte(k), []byte{0})
			p := Problem{Study: string(st), Subject: string(sub)}
			rh, inR := latestR[k]
			n := latestN[k]
			switch {
			case n != nil && (!inR || rh != n.Hash) && docsV[n.Hash] == nil:
				v.pending[string(sub)] = true
				if all {
					p.Document, p.Detail = n.Hash, fmt.Sprintf("notarized %s (nonce %d) is not recorded", n.Kind(), n.Nonce())
					v.problems = append(v.problems, p)
				}
				continue
			case n != nil && !inR:
				p.Document, p.Detail = n.Hash, fmt.Sprintf("the subject's latest notarized %s (nonce %d) is not its latest document in consents.db", n.Kind(), n.Nonce())
				v.problems = append(v.problems, p)
				continue
			case n != nil && rh != n.Hash:
				p.Document, p.Detail = rh, fmt.Sprintf("named as the latest document, but the latest notarized is %s %s (nonce %d)", n.Kind(), n.Hash.Hex(), n.Nonce())
				v.problems = append(v.problems, p)
				continue
			}
			checked[rh] = true
			rec, pr, ok := r.checkRecord(ctx, patient, rh, docsV[rh], notarized)
			if !ok && pr.Unchecked && !all {
				v.pending[string(sub)] = true
			} else if !ok {
				v.problems = append(v.problems, pr)
			} else if rec.Consent != nil {
				v.inForce[rec.Subject] = rec
			}
		}
		if !all {
			return nil
		}
		return tx.Scan(bucketDocs, nil, func(k, val []byte) error {
			h := common.BytesToHash(k)
			if checked[h] {
				return nil
			}
			var rec Record
			if json.Unmarshal(val, &rec) == nil && study != "" && rec.Study != study {
				return nil
			}
			if _, pr, ok := r.checkRecord(ctx, txPatient(tx), h, val, notarized); !ok {
				v.problems = append(v.problems, pr)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(v.problems, func(i, j int) bool {
		a, b := v.problems[i], v.problems[j]
		if a.Study != b.Study {
			return a.Study < b.Study
		}
		return a.Subject < b.Subject
	})
	return v, nil
}

// checkRecord checks one stored record (raw, under key h) against the
// signed document it carries: same hash and fields, this registry's
// domain (or none, for a document accepted before deployments were
// named), signed by the enrolled patient, and notarized here.
func (r *Registry) checkRecord(ctx context.Context, patient func(subjectKey []byte) (common.Address, bool, error), h common.Hash, raw []byte, notarized map[common.Hash]*notarizedDoc) (*Record, Problem, bool) {
	p := Problem{Document: h}
	fail := func(format string, args ...any) (*Record, Problem, bool) {
		p.Detail = fmt.Sprintf(format, args...)
		return nil, p, false
	}
	failSig := func(err error) (*Record, Problem, bool) {
		if errors.Is(err, ErrBadSignature) {
			return fail("its signature does not verify: %v", err)
		}
		p.Unchecked = true
		return fail("its smart account's signature could not be checked now (withheld): %v", err)
	}
	if raw == nil {
		return fail("named by consents.db but not in it")
	}
	var rec Record
	if err := json.Unmarshal(raw, &rec); err != nil {
		return fail("unreadable record: %v", err)
	}
	p.Study, p.Subject = rec.Study, rec.Subject
	// The document notarized under this hash, parsed and checked once,
	// when the record carries the same bytes; else the record's own.
	var doc *Document
	if nd := notarized[h]; nd != nil && bytes.Equal(nd.wire, rec.Document) {
		doc = nd.doc
		if nd.sigErr != nil {
			return failSig(nd.sigErr)
		}
	} else {
		var err error
		if doc, err = ParseDocument(rec.Document); err != nil {
			return fail("its signed document does not verify: %v", err)
		}
		if nd != nil && doc.Check.Kind != ethsig.EOA {
			// The block a smart account was asked at is the notarized
			// document's, not one consents.db names.
			return fail("its signed document is not the one notarized")
		}
		if err := doc.CheckSigner(ctx, r.sigChain()); err != nil {
			return failSig(err)
		}
	}
	if doc.Hash != h || rec.Hash != h {
		return fail("its signed document is %s", doc.Hash.Hex())
	}
	if (rec.Consent == nil) == (rec.Revocation == nil) {
		return fail("the record is neither a consent nor a revocation")
	}
	// The fields as they are signed: what the policy reads must be them.
	x, _ := json.Marshal(doc.TypedData().Message)
	y, _ := json.Marshal((&Document{Consent: rec.Consent, Revocation: rec.Revocation, Domain: doc.Domain}).TypedData().Message)
	if doc.Signer != rec.Signer || doc.Study() != rec.Study || doc.Subject() != rec.Subject || doc.Kind() != rec.Kind || !bytes.Equal(x, y) {
		return fail("the record's fields differ from its signed document's")
	}
	if doc.Domain.ChainID != r.domain.ChainID {
		return fail("signed for chain %d, this registry's is %d", doc.Domain.ChainID, r.domain.ChainID)
	}
	if d := doc.Domain.Deployment; d != (common.Hash{}) && d != r.domain.Deployment {
		return fail("signed for deployment %s, this registry's is %s", d.Hex(), r.domain.Deployment.Hex())
	}
	if a, ok, err := patient(subjectKey(rec.Study, rec.Subject)); err != nil {
		return fail("%v", err)
	} else if !ok || a != doc.Signer {
		return fail("signed by %s, who is not the subject's enrolled patient", doc.Signer.Hex())
	}
	if r.store != nil && notarized[h] == nil {
		return fail("not notarized in this data dir")
	}
	rec.Consent, rec.Revocation = doc.Consent, doc.Revocation
	return &rec, p, true
}

// txPatient looks enrolled patients up in tx.
func txPatient(tx Tx) func([]byte) (common.Address, bool, error) {
	return func(k []byte) (common.Address, bool, error) {
		v, err := tx.Get(bucketEnroll, k)
		return common.BytesToAddress(v), v != nil, err
	}
}

// Verify checks the whole of consents.db against the notarized documents
// (doc/consent.md): every record is its signed document, signed by the
// enrolled patient for this deployment and notarized here, and every
// subject's latest document is the latest notarized. It returns what
// disagrees; `desci repo verify` prints it.
func (r *Registry) Verify(ctx context.Context) ([]Problem, error) {
	v, err := r.verify(ctx, "", true)
	if err == nil && len(v.problems) > 0 {
		v, err = r.verify(ctx, "", true) // once more, past a document being recorded
	}
	if err != nil {
		return nil, err
	}
	return v.problems, nil
}

// tampered is the gate's error for a study whose registry disagrees with
// the notarized documents.
func tampered(problems []Problem) error {
	more := ""
	if len(problems) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(problems)-1)
	}
	return fmt.Errorf("%w: %s%s; nothing is released until it is repaired (desci repo verify lists every problem)", ErrTampered, problems[0], more)
}
