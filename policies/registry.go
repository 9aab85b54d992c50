package policies

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/notary"
)

// Errors a registry returns for documents it refuses.
var (
	ErrNotEnrolled = errors.New("policies: subject not enrolled in the study")
	ErrWrongSigner = errors.New("policies: document not signed by the enrolled patient")
	ErrWrongChain  = errors.New("policies: document signed for another chain")
	// ErrWrongDeployment is a document signed for another registry (another
	// data dir) on the same chain: its domain's salt is not this one's.
	ErrWrongDeployment = errors.New("policies: document signed for another deployment (its EIP-712 salt names another data dir's registry)")
	// ErrTampered is a registry whose records disagree with the signed,
	// notarized documents: an edit of consents.db behind desci's back.
	ErrTampered       = errors.New("policies: consent registry does not match the notarized documents")
	ErrReplay         = errors.New("policies: document replayed or out of order (its nonce is not above the last accepted)")
	ErrExpired        = errors.New("policies: consent already expired")
	ErrNotInForce     = errors.New("policies: that consent is not in force")
	ErrUnknownConsent = errors.New("policies: no such consent")
	// ErrRevokedSince refuses new download tickets for an extract holding
	// rows of a subject who revoked consent since it was made.
	ErrRevokedSince = errors.New("policies: the extract holds rows whose consent was revoked since; no new download tickets")
)

// A Registry is a data dir's consent state: which patient each study
// subject is (enrollment, recorded by the data steward), the signed
// documents accepted, each notarized so the history is provable, the
// extracts made with each subject's rows, and the access log. It lives
// in a Storage (a bbolt file beside the store by default, or PostgreSQL);
// the notarized documents are the record, and Open replays any the
// storage missed (a crash between notarizing and recording).
type Registry struct {
	db     Storage
	store  *notary.Store
	domain Domain

	chainMu sync.Mutex
	chain   ethsig.Caller // where smart accounts' signatures are checked; nil: keys only (UseChain)

	mu        sync.Mutex
	notarized map[cid.Cid]*notarizedDoc // consent manifests read and checked, by CID

	// Retry is the wait after a webhook delivery's first failure, doubling
	// after each (at most an hour); 0: RetryBase. Set before delivering.
	Retry time.Duration
}

// A Record is an accepted document.
type Record struct {
	Hash       common.Hash     `json:"hash"`
	Kind       string          `json:"kind"` // consent or revocation
	Study      string          `json:"study"`
	Subject    string          `json:"subject"`
	Signer     common.Address  `json:"signer"`
	Consent    *Consent        `json:"consent,omitempty"`
	Revocation *Revocation     `json:"revocation,omitempty"`
	Manifest   string          `json:"manifest"` // the notarized document's manifest CID
	Accepted   time.Time       `json:"accepted"`
	Document   json.RawMessage `json:"document"` // the signed document, wire form
}

// OpenRegistry opens (creating) the registry file at path, for documents
// of domain d, notarizing into st. d's Deployment, if zero, is the
// registry's own: drawn at random when the file is created (or taken from
// the documents notarized in st, when the file is rebuilt) and kept in it.
func OpenRegistry(ctx context.Context, path string, st *notary.Store, d Domain) (*Registry, error) {
	db, err := OpenBolt(path)
	if err != nil {
		return nil, err
	}
	return NewRegistry(ctx, db, st, d)
}

// Options choose a registry's storage. The zero value works.
type Options struct {
	// Path is the bbolt file used when Database is empty; default
	// consents.db in the data dir.
	Path string
	// Database, if set, is a PostgreSQL connection string
	// (postgres://…): the registry lives there, shared by replicas.
	Database string
}

// Open opens the registry o names (OpenRegistry or OpenPostgres).
func Open(ctx context.Context, o Options, st *notary.Store, d Domain) (*Registry, error) {
	if o.Database == "" {
		return OpenRegistry(ctx, o.Path, st, d)
	}
	db, err := OpenPostgres(ctx, o.Database)
	if err != nil {
		return nil, err
	}
	return NewRegistry(ctx, db, st, d)
}

// NewRegistry opens a registry on db (closed by Close, and on error).
func NewRegistry(ctx context.Context, db Storage, st *notary.Store, d Domain) (*Registry, error) {
	r := &Registry{db: db, store: st, domain: d, notarized: map[cid.Cid]*notarizedDoc{}}
	if err := r.deployment(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := r.replay(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return r, nil
}

// UseChain sets the chain smart accounts' signatures (ERC-1271, ERC-6492)
// are checked on, when documents are submitted and when the gate checks
// them again; without one only keys' documents are accepted. Notarized
// documents the registry could not record without it are recorded now.
func (r *Registry) UseChain(ctx context.Context, c ethsig.Caller) error {
	r.chainMu.Lock()
	r.chain = c
	r.chainMu.Unlock()
	return r.replay(ctx)
}

func (r *Registry) sigChain() ethsig.Caller {
	r.chainMu.Lock()
	defer r.chainMu.Unlock()
	return r.chain
}

// Close closes the registry's storage.
func (r *Registry) Close() error { return r.db.Close() }

// Domain is the domain documents must be signed in.
func (r *Registry) Domain() Domain { return r.domain }

func subjectKey(study, subject string) []byte {
	return []byte(study + "\x00" + subject)
}

// Enroll records that subject of study is the patient with address
// patient: only documents that patient signs are accepted for it. A
// subject is enrolled once.
func (r *Registry) Enroll(study, subject string, patient common.Address) error {
	if study == "" || subject == "" || patient == (common.Address{}) {
		return errors.New("policies: enroll: a study, a subject and the patient's address")
	}
	return r.db.Update(bg, func(tx Tx) error {
		k := subjectKey(study, subject)
		if v, err := tx.Get(bucketEnroll, k); err != nil {
			return err
		} else if v != nil {
			if common.BytesToAddress(v) == patient {
				return nil
			}
			return fmt.Errorf("policies: enroll: %s of %s is already enrolled as %s", subject, study, common.BytesToAddress(v))
		}
		if err := tx.Put(bucketEnroll, k, patient.Bytes()); err != nil {
			return err
		}
		return tx.Put(bucketPatient, append(patient.Bytes(), k...), nil)
	})
}

// Patient returns the enrolled patient of a subject.
func (r *Registry) Patient(study, subject string) (common.Address, error) {
	var a common.Address
	err := r.db.View(bg, func(tx Tx) error {
		v, err := tx.Get(bucketEnroll, subjectKey(study, subject))
		if err != nil {
			return err
		}
		if v == nil {
			return fmt.Errorf("%w: %s of %s", ErrNotEnrolled, subject, study)
		}
		a = common.BytesToAddress(v)
		return nil
	})
	return a, err
}

// An Enrollment is one subject of one study.
type Enrollment struct {
	Study, Subject string
	Patient        common.Address
}

// Enrollments lists a patient's subjects (or every enrollment, for the
// zero address).
func (r *Registry) Enrollments(patient common.Address) ([]Enrollment, error) {
	var out []Enrollment
	err := r.db.View(bg, func(tx Tx) error {
		if patient == (common.Address{}) {
			return tx.Scan(bucketEnroll, nil, func(k, v []byte) error {
				study, subject, _ := bytes.Cut(k, []byte{0})
				out = append(out, Enrollment{string(study), string(subject), common.BytesToAddress(v)})
				return nil
			})
		}
		return tx.Scan(bucketPatient, patient.Bytes(), func(k, _ []byte) error {
			study, subject, _ := bytes.Cut(k[common.AddressLength:], []byte{0})
			out = append(out, Enrollment{string(study), string(subject), patient})
			return nil
		})
	})
	return out, err
}

// enrolled lists a study's enrolled subjects, sorted.
func (r *Registry) enrolled(study string) ([]string, error) {
	var out []string
	prefix := []byte(study + "\x00")
	err := r.db.View(bg, func(tx Tx) error {
		return tx.Scan(bucketEnroll, prefix, func(k, _ []byte) error {
			out = append(out, string(k[len(prefix):]))
			return nil
		})
	})
	return out, err
}

// NextNonce returns the nonce a subject's next document must have at
// least.
func (r *Registry) NextNonce(study, subject string) (uint64, error) {
	var n uint64 = 1
	err := r.db.View(bg, func(tx Tx) error {
		if last, ok, err := latest(tx, study, subject); err != nil {
			return err
		} else if ok {
			n = last.nonce() + 1
		}
		return nil
	})
	return n, err
}

func (rec *Record) nonce() uint64 {
	if rec.Consent != nil {
		return rec.Consent.Nonce
	}
	return rec.Revocation.Nonce
}

func latest(tx Tx, study, subject string) (*Record, bool, error) {
	h, err := tx.Get(bucketLatest, subjectKey(study, subject))
	if err != nil || h == nil {
		return nil, false, err
	}
	rec, err := getRecord(tx, common.BytesToHash(h))
	return rec, err == nil, err
}

// bg is the context of the registry's calls that take none.
var bg = context.Background()

func getRecord(tx Tx, h common.Hash) (*Record, error) {
	v, err := tx.Get(bucketDocs, h.Bytes())
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownConsent, h)
	}
	return parseRecord(h, v)
}

func parseRecord(h common.Hash, v []byte) (*Record, error) {
	if v == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownConsent, h)
	}
	var rec Record
	if err := json.Unmarshal(v, &rec); err != nil {
		return nil, fmt.Errorf("policies: registry record %s: %w", h, err)
	}
	return &rec, nil
}

// check says whether doc may be accepted now, against what tx holds.
func (r *Registry) check(tx Tx, doc *Document, now time.Time) error {
	if doc.Domain.ChainID != r.domain.ChainID {
		return fmt.Errorf("%w: chain %d, this registry's is %d", ErrWrongChain, doc.Domain.ChainID, r.domain.ChainID)
	}
	if doc.Domain.Deployment != r.domain.Deployment {
		return fmt.Errorf("%w: salt %s, this registry's is %s", ErrWrongDeployment, doc.Domain.Deployment, r.domain.Deployment)
	}
	v, err := tx.Get(bucketEnroll, subjectKey(doc.Study(), doc.Subject()))
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("%w: %s of %s", ErrNotEnrolled, doc.Subject(), doc.Study())
	}
	if p := common.BytesToAddress(v); p != doc.Signer {
		return fmt.Errorf("%w: signed by %s, %s of %s is %s", ErrWrongSigner, doc.Signer, doc.Subject(), doc.Study(), p)
	}
	if v, err := tx.Get(bucketDocs, doc.Hash.Bytes()); err != nil {
		return err
	} else if v != nil {
		return fmt.Errorf("%w: %s was accepted before", ErrReplay, doc.Hash)
	}
	last, ok, err := latest(tx, doc.Study(), doc.Subject())
	if err != nil {
		return err
	}
	if ok && doc.Nonce() <= last.nonce() {
		return fmt.Errorf("%w: nonce %d, last %d", ErrReplay, doc.Nonce(), last.nonce())
	}
	if c := doc.Consent; c != nil && !c.ValidUntil.After(now) {
		return fmt.Errorf("%w: valid until %s", ErrExpired, c.ValidUntil.Format(time.DateOnly))
	}
	if rv := doc.Revocation; rv != nil {
		target, err := getRecord(tx, rv.Consent)
		if err != nil {
			return err
		}
		if target.Study != rv.Study || target.Subject != rv.Subject || target.Kind != "consent" {
			return fmt.Errorf("%w: %s is not a consent of %s in %s", ErrUnknownConsent, rv.Consent, rv.Subject, rv.Study)
		}
		if !ok || last.Hash != rv.Consent {
			return fmt.Errorf("%w: %s was superseded or revoked", ErrNotInForce, rv.Consent)
		}
	}
	return nil
}

// Submit accepts a signed consent or revocation: the document must be for
// this registry's chain, signed by the subject's enrolled patient, with a
// nonce above the subject's last document, and a consent must not have
// expired; a revocation must name the consent in force. The document is
// notarized (signed by notarizer, queued for the next anchor) before it
// is recorded. A revocation marks the extracts holding the subject's rows
// as affected.
func (r *Registry) Submit(ctx context.Context, doc *Document, notarizer notary.Signer) (*Record, error) {
	// A smart account is asked now, at the head: a check the submitter
	// claims to have made counts for nothing.
	if !doc.Checked() {
		doc.Check = ethsig.Result{}
		// The checks that cost nothing first: the chain is asked only
		// about a document that could be accepted.
		if err := r.db.View(ctx, func(tx Tx) error { return r.check(tx, doc, time.Now()) }); err != nil {
			return nil, err
		}
		if err := doc.CheckSigner(ctx, r.sigChain()); err != nil {
			return nil, err
		}
	}
	if err := r.db.View(ctx, func(tx Tx) error { return r.check(tx, doc, time.Now()) }); err != nil {
		return nil, err
	}
	wire, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	mc, err := r.notarize(ctx, notary.KindConsent, docTitle(doc), doc.Kind()+".json", wire, notarizer)
	if err != nil {
		return nil, err
	}
	rec := &Record{Hash: doc.Hash, Kind: doc.Kind(), Study: doc.Study(), Subject: doc.Subject(), Signer: doc.Signer,
		Consent: doc.Consent, Revocation: doc.Revocation, Manifest: mc.String(), Accepted: time.Now().UTC(), Document: wire}
	err = r.db.Update(ctx, func(tx Tx) error { return r.record(tx, rec, doc) })
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// record writes an accepted document, checking again inside the write.
func (r *Registry) record(tx Tx, rec *Record, doc *Document) error {
	if err := r.check(tx, doc, rec.Accepted); err != nil && !errors.Is(err, ErrExpired) {
		return err
	}
	v, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	k := subjectKey(rec.Study, rec.Subject)
	for _, put := range []struct {
		b    Bucket
		k, v []byte
	}{
		{bucketDocs, rec.Hash.Bytes(), v},
		{bucketLatest, k, rec.Hash.Bytes()},
		{bucketSubjectDocs, binary.BigEndian.AppendUint64(append(bytes.Clone(k), 0), rec.nonce()), rec.Hash.Bytes()},
		{bucketNotarized, []byte(rec.Manifest), rec.Hash.Bytes()},
	} {
		if err := tx.Put(put.b, put.k, put.v); err != nil {
			return err
		}
	}
	if rec.Revocation == nil {
		return nil
	}
	prefix := append(k, 0)
	var extracts [][]byte
	err = tx.Scan(bucketSubjectExt, prefix, func(ek, _ []byte) error {
		extracts = append(extracts, bytes.Clone(ek[len(prefix):]))
		return nil
	})
	if err != nil {
		return err
	}
	for _, extract := range extracts {
		key := append(append(bytes.Clone(extract), 0), rec.Subject...)
		if err := tx.Put(bucketAffected, key, rec.Hash.Bytes()); err != nil {
			return err
		}
		if err := notifyHolder(tx, extract, rec); err != nil {
			return err
		}
	}
	return nil
}

// notarize stores data as a one-file manifest of kind.
func (r *Registry) notarize(ctx context.Context, kind, title, name string, data []byte, signer notary.Signer) (cid.Cid, error) {
	dir, err := os.MkdirTemp("", "desci-doc-")
	if err != nil {
		return cid.Undef, err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return cid.Undef, err
	}
	c, _, err := r.store.Notarize(ctx, p, notary.Publication{Kind: kind, Title: title}, notary.ImportOptions{}, signer)
	return c, err
}

// replay records notarized documents the registry file does not have:
// what a crash between notarizing and recording leaves.
func (r *Registry) replay(ctx context.Context) error {
	if r.store == nil {
		return nil
	}
	pub, err := r.store.Published()
	if err != nil {
		return err
	}
	var missing []published
	err = r.db.View(ctx, func(tx Tx) error {
		var keys [][]byte
		var ms []published
		for _, m := range pub {
			if m.Kind == notary.KindConsent {
				keys, ms = append(keys, []byte(m.CID.String())), append(ms, published{m.CID, m.Created})
			}
		}
		vs, err := tx.GetMany(bucketNotarized, keys)
		if err != nil {
			return err
		}
		for i, v := range vs {
			if v == nil {
				missing = append(missing, ms[i])
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	type found struct {
		m    published
		at   time.Time
		wire []byte
		doc  *Document
	}
	var docs []found
	for _, m := range missing {
		man, err := r.store.Manifest(ctx, m.cid)
		if err != nil || man.Content == nil {
			continue
		}
		wire, err := r.store.ReadFile(ctx, man.Content.Root, MaxDocumentSize)
		if err != nil {
			return err
		}
		doc, err := ParseDocument(wire)
		if err != nil || doc.CheckSigner(ctx, r.sigChain()) != nil {
			// Not a document this version reads, or a smart account's
			// with no chain to ask: it stays notarized, unrecorded.
			continue
		}
		docs = append(docs, found{m, man.Created, wire, doc})
	}
	// In creation order; a bulk import notarizes many documents in one
	// second, a subject's in nonce order.
	sort.SliceStable(docs, func(i, j int) bool {
		if !docs[i].m.created.Equal(docs[j].m.created) {
			return docs[i].m.created.Before(docs[j].m.created)
		}
		return docs[i].doc.Nonce() < docs[j].doc.Nonce()
	})
	for _, f := range docs {
		doc := f.doc
		rec := &Record{Hash: doc.Hash, Kind: doc.Kind(), Study: doc.Study(), Subject: doc.Subject(), Signer: doc.Signer,
			Consent: doc.Consent, Revocation: doc.Revocation, Manifest: f.m.cid.String(), Accepted: f.at, Document: f.wire}
		if err := r.db.Update(ctx, func(tx Tx) error { return r.record(tx, rec, doc) }); err != nil && !isRefusal(err) {
			return err
		}
	}
	return nil
}

type published struct {
	cid     cid.Cid
	created time.Time
}

func isRefusal(err error) bool {
	for _, e := range []error{ErrNotEnrolled, ErrWrongSigner, ErrWrongChain, ErrWrongDeployment, ErrReplay, ErrNotInForce, ErrUnknownConsent} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// Document returns an accepted document by its hash.
func (r *Registry) Document(h common.Hash) (*Record, error) {
	var rec *Record
	err := r.db.View(bg, func(tx Tx) (err error) {
		rec, err = getRecord(tx, h)
		return err
	})
	return rec, err
}

// History returns a subject's documents, oldest first.
func (r *Registry) History(study, subject string) ([]*Record, error) {
	var out []*Record
	prefix := []byte(study + "\x00")
	if subject != "" {
		prefix = append(subjectKey(study, subject), 0)
	}
	err := r.db.View(bg, func(tx Tx) error {
		return tx.ScanRefs(bucketSubjectDocs, prefix, bucketDocs, func(_, h, v []byte) error {
			rec, err := parseRecord(common.BytesToHash(h), v)
			if err != nil {
				return err
			}
			out = append(out, rec)
			return nil
		})
	})
	return out, err
}

// Signed returns the documents signer signed, oldest first: a patient's
// own consents and revocations.
func (r *Registry) Signed(signer common.Address) ([]*Record, error) {
	ens, err := r.Enrollments(signer)
	if err != nil {
		return nil, err
	}
	var out []*Record
	for _, e := range ens {
		h, err := r.History(e.Study, e.Subject)
		if err != nil {
			return nil, err
		}
		for _, rec := range h {
			if rec.Signer == signer {
				out = append(out, rec)
			}
		}
	}
	return out, nil
}

// InForce returns each subject's consent in force in study: the latest
// document when it is a consent (a revocation leaves none). Whether it is
// valid at a given time is the policy's to decide.
func (r *Registry) InForce(study string) (map[string]*Record, error) {
	out := map[string]*Record{}
	prefix := []byte(study + "\x00")
	err := r.db.View(bg, func(tx Tx) error {
		return tx.ScanRefs(bucketLatest, prefix, bucketDocs, func(_, h, v []byte) error {
			rec, err := parseRecord(common.BytesToHash(h), v)
			if err != nil {
				return err
			}
			if rec.Consent != nil {
				out[rec.Subject] = rec
			}
			return nil
		})
	})
	return out, err
}

// RecordExtract records which subjects' rows an extract holds, so a
// revocation can find it.
func (r *Registry) RecordExtract(extract cid.Cid, study, holder string, subjects []string) error {
	v, err := json.Marshal(extractRecord{Study: study, Holder: holder, Subjects: subjects})
	if err != nil {
		return err
	}
	kvs := make([]KV, len(subjects))
	for i, s := range subjects {
		kvs[i] = KV{append(append(subjectKey(study, s), 0), extract.Bytes()...), nil}
	}
	return r.db.Update(bg, func(tx Tx) error {
		if err := tx.Put(bucketExtracts, extract.Bytes(), v); err != nil {
			return err
		}
		return tx.PutMany(bucketSubjectExt, kvs)
	})
}

type extractRecord struct {
	Study    string   `json:"study"`
	Holder   string   `json:"holder"` // who requested it: told of revocations
	Subjects []string `json:"subjects"`
}

// Impact lists the extracts made with a subject's rows.
func (r *Registry) Impact(study, subject string) ([]cid.Cid, error) {
	var out []cid.Cid
	prefix := append(subjectKey(study, subject), 0)
	err := r.db.View(bg, func(tx Tx) error {
		return tx.Scan(bucketSubjectExt, prefix, func(k, _ []byte) error {
			e, err := cid.Cast(k[len(prefix):])
			if err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// Revoked is a subject whose consent was revoked after an extract held
// their rows.
type Revoked struct {
	Subject    string      `json:"subject"`
	Revocation common.Hash `json:"revocation"`
}

// Affected lists the subjects of an extract who revoked their consent
// since it was made; none for an extract the registry did not record.
func (r *Registry) Affected(extract cid.Cid) ([]Revoked, error) {
	var out []Revoked
	prefix := append(extract.Bytes(), 0)
	err := r.db.View(bg, func(tx Tx) error {
		return tx.Scan(bucketAffected, prefix, func(k, v []byte) error {
			out = append(out, Revoked{Subject: string(k[len(prefix):]), Revocation: common.BytesToHash(v)})
			return nil
		})
	})
	return out, err
}

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
