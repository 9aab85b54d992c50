package notary

import (
	"context"

	"filippo.io/age"
	"fmt"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/notary/index"
)

// A Signer signs 32-byte hashes with an Ethereum key, returning 65-byte
// [r || s || v] signatures. The keys package's unlocked keys are Signers.
type Signer interface {
	Address() common.Address
	SignHash(hash []byte) ([]byte, error)
}

// Publication is what a researcher says about a research object; Notarize
// fills in the content, time and signature.
type Publication struct {
	Kind        string
	Title       string
	Description string
	Authors     []Author
	License     string
	Keywords    []string
	Supersedes  cid.Cid
	Dictionary  cid.Cid     // a dataset's data dictionary, already stored
	Extract     *Provenance // an extract's provenance; its blocks already stored
	// Created defaults to now.
	Created time.Time

	// Run is a notebook run's provenance (kind run); its method and
	// outputs blocks already stored.
	Run *Run
	// Attestation is a reproduction's verdict (kind attestation); its
	// blocks and the run already stored.
	Attestation *Attestation
}

// Notarize stores the content at path, writes and signs its manifest, and
// queues the manifest for anchoring. It returns the manifest's CID.
func (s *Store) Notarize(ctx context.Context, path string, pub Publication, opts ImportOptions, signer Signer) (cid.Cid, *Manifest, error) {
	m, err := s.newManifest(ctx, pub, signer)
	if err != nil {
		return cid.Undef, nil, err
	}
	res, err := s.Add(ctx, path, opts)
	if err != nil {
		return cid.Undef, nil, err
	}
	m.Content = &Content{Root: res.Root, Profile: res.Profile, Files: res.Files}
	return s.publish(ctx, m, signer)
}

// NotarizeSealed is Notarize for one file stored encrypted to recipients
// (see AddSealed): the manifest names the plaintext, which is what is
// anchored, and links to the ciphertext.
func (s *Store) NotarizeSealed(ctx context.Context, path string, recipients []age.Recipient, pub Publication, opts ImportOptions, signer Signer) (cid.Cid, *Manifest, error) {
	m, err := s.newManifest(ctx, pub, signer)
	if err != nil {
		return cid.Undef, nil, err
	}
	res, sealed, err := s.AddSealed(ctx, path, recipients, opts)
	if err != nil {
		return cid.Undef, nil, err
	}
	m.Content = &Content{Root: res.Root, Profile: res.Profile, Files: res.Files, Sealed: sealed}
	return s.publish(ctx, m, signer)
}

// newManifest checks pub and makes its manifest, with placeholder content,
// before any content is imported.
func (s *Store) newManifest(ctx context.Context, pub Publication, signer Signer) (*Manifest, error) {
	if pub.Dictionary.Defined() {
		if _, err := s.Block(ctx, pub.Dictionary); err != nil {
			return nil, fmt.Errorf("notary: dictionary: %w", err)
		}
	}
	if pub.Supersedes.Defined() {
		if _, err := s.Manifest(ctx, pub.Supersedes); err != nil {
			return nil, fmt.Errorf("notary: supersedes: %w", err)
		}
	}
	if p := pub.Extract; p != nil {
		links := []cid.Cid{p.Dataset, p.Settings, p.Risk}
		if p.Consents.Defined() {
			links = append(links, p.Consents)
		}
		for _, c := range links {
			if _, err := s.Block(ctx, c); err != nil {
				return nil, fmt.Errorf("notary: extract provenance: %w", err)
			}
		}
	}
	if err := s.checkRunLinks(ctx, pub); err != nil {
		return nil, err
	}
	m := &Manifest{
		Kind:        pub.Kind,
		Title:       pub.Title,
		Description: pub.Description,
		Authors:     pub.Authors,
		License:     pub.License,
		Keywords:    pub.Keywords,
		Created:     createdTime(pub.Created),
		Supersedes:  pub.Supersedes,
		Dictionary:  pub.Dictionary,
		Extract:     pub.Extract,
		Run:         pub.Run,
		Attestation: pub.Attestation,
		Signer:      signer.Address(),
		Content:     &Content{Root: placeholderRoot, Profile: DefaultProfile},
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// PutRaw stores data as a raw block (CIDv1, raw, sha2-256) and returns its
// CID: small documents a manifest links to, such as an extract's settings.
func (s *Store) PutRaw(ctx context.Context, data []byte) (cid.Cid, error) {
	c, err := rawPrefix.Sum(data)
	if err != nil {
		return cid.Undef, err
	}
	b, err := blocks.NewBlockWithCid(data, c)
	if err != nil {
		return cid.Undef, err
	}
	if err := s.blocks.Put(ctx, b); err != nil {
		return cid.Undef, err
	}
	return c, s.sync()
}

var rawPrefix = cid.Prefix{Version: 1, Codec: cid.Raw, MhType: mh.SHA2_256, MhLength: -1}

// placeholderRoot lets Validate run before the content is imported.
var placeholderRoot = cid.NewCidV1(cid.Raw, []byte{0x00, 0x00})

// Correct appends a correction to the manifest target, with an optional
// replacement (empty path for none). Nothing is rewritten: the correction
// is a new manifest that names target.
func (s *Store) Correct(ctx context.Context, target cid.Cid, reason, replacement string, opts ImportOptions, signer Signer) (cid.Cid, *Manifest, error) {
	orig, err := s.Manifest(ctx, target)
	if err != nil {
		return cid.Undef, nil, fmt.Errorf("notary: correct: %w", err)
	}
	m := &Manifest{
		Kind:     KindCorrection,
		Title:    "Correction: " + orig.Title,
		Authors:  orig.Authors,
		License:  orig.License,
		Created:  createdTime(time.Time{}),
		Corrects: target,
		Reason:   reason,
		Signer:   signer.Address(),
	}
	if err := m.Validate(); err != nil {
		return cid.Undef, nil, err
	}
	if replacement != "" {
		res, err := s.Add(ctx, replacement, opts)
		if err != nil {
			return cid.Undef, nil, err
		}
		m.Content = &Content{Root: res.Root, Profile: res.Profile, Files: res.Files}
	}
	return s.publish(ctx, m, signer)
}

func createdTime(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Truncate(time.Second)
}

// publish signs m, stores its block durably, then indexes and queues it.
func (s *Store) publish(ctx context.Context, m *Manifest, signer Signer) (cid.Cid, *Manifest, error) {
	if err := m.SignWith(signer.Address(), signer.SignHash); err != nil {
		return cid.Undef, nil, err
	}
	c, data, err := m.Encode()
	if err != nil {
		return cid.Undef, nil, err
	}
	b, err := blocks.NewBlockWithCid(data, c)
	if err != nil {
		return cid.Undef, nil, err
	}
	if err := s.blocks.Put(ctx, b); err != nil {
		return cid.Undef, nil, err
	}
	if err := s.sync(); err != nil {
		return cid.Undef, nil, err
	}
	if err := s.index.PutManifest(indexRecord(c, m, true), true); err != nil {
		return cid.Undef, nil, err
	}
	return c, m, nil
}

func indexRecord(c cid.Cid, m *Manifest, local bool) index.Manifest {
	return index.Manifest{
		CID:        c,
		Kind:       m.Kind,
		Title:      m.Title,
		Signer:     m.Signer.Hex(),
		Created:    m.Created,
		Supersedes: m.Supersedes,
		Corrects:   m.Corrects,
		Local:      local,
		Added:      time.Now().UTC(),
	}
}

// Manifest reads, decodes and checks the manifest at c.
func (s *Store) Manifest(ctx context.Context, c cid.Cid) (*Manifest, error) {
	if c.Type() != cid.DagCBOR {
		return nil, fmt.Errorf("%w: %s is a %s block", ErrNotManifest, c, codecName(c))
	}
	data, err := s.Block(ctx, c)
	if err != nil {
		return nil, err
	}
	m, err := DecodeManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c, err)
	}
	return m, nil
}

func codecName(c cid.Cid) string {
	switch c.Type() {
	case cid.Raw:
		return "raw"
	case cid.DagProtobuf:
		return "dag-pb (UnixFS)"
	default:
		return fmt.Sprintf("codec 0x%x", c.Type())
	}
}

// Entry is one manifest in a history.
type Entry struct {
	CID      cid.Cid
	Manifest *Manifest
}

// History returns the versions of the object c belongs to, oldest first,
// each followed by its corrections. It can start from any version or
// correction: it walks back along supersedes to the first version and
// forward along the index's superseded-by links.
func (s *Store) History(ctx context.Context, c cid.Cid) ([]Entry, error) {
	m, err := s.Manifest(ctx, c)
	if err != nil {
		return nil, err
	}
	if m.Corrects.Defined() { // start from the corrected version
		c = m.Corrects
		if m, err = s.Manifest(ctx, c); err != nil {
			return nil, err
		}
	}
	seen := cid.NewSet()
	for m.Supersedes.Defined() && seen.Visit(c) {
		prev, err := s.Manifest(ctx, m.Supersedes)
		if err != nil {
			break // older versions not held here: start from the oldest we have
		}
		c, m = m.Supersedes, prev
	}
	var out []Entry
	seen = cid.NewSet()
	var add func(c cid.Cid, m *Manifest) error
	add = func(c cid.Cid, m *Manifest) error {
		if !seen.Visit(c) {
			return nil
		}
		out = append(out, Entry{c, m})
		corr, err := s.related(ctx, c, s.index.CorrectedBy)
		if err != nil {
			return err
		}
		for _, e := range corr {
			if err := add(e.CID, e.Manifest); err != nil {
				return err
			}
		}
		next, err := s.related(ctx, c, s.index.SupersededBy)
		if err != nil {
			return err
		}
		for _, e := range next {
			if err := add(e.CID, e.Manifest); err != nil {
				return err
			}
		}
		return nil
	}
	return out, add(c, m)
}

// Corrections returns the corrections of manifest c, oldest first.
func (s *Store) Corrections(ctx context.Context, c cid.Cid) ([]Entry, error) {
	return s.related(ctx, c, s.index.CorrectedBy)
}

// related loads the manifests an index relation names, oldest first.
func (s *Store) related(ctx context.Context, c cid.Cid, rel func(cid.Cid) ([]cid.Cid, error)) ([]Entry, error) {
	cs, err := rel(c)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(cs))
	for _, o := range cs {
		m, err := s.Manifest(ctx, o)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{o, m})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Manifest.Created.Before(out[j].Manifest.Created) })
	return out, nil
}

// Published lists the manifests notarized in this data dir, oldest first.
func (s *Store) Published() ([]index.Manifest, error) {
	all, err := s.index.Manifests()
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, m := range all {
		if m.Local {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].Added.Before(out[j].Added)
	})
	return out, nil
}
