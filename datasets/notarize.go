package datasets

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// ConsentSnapshot returns the consent snapshot an extract's provenance
// links to, nil for an extract not filtered by consent.
func ConsentSnapshot(ctx context.Context, st *notary.Store, extract cid.Cid) ([]byte, error) {
	m, err := st.Manifest(ctx, extract)
	if err != nil {
		return nil, err
	}
	if m.Kind != notary.KindExtract || m.Extract == nil {
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotExtract, extract, m.Kind)
	}
	if !m.Extract.Consents.Defined() {
		return nil, nil
	}
	return st.Block(ctx, m.Extract.Consents)
}

// Errors callers branch on.
var (
	ErrNotRaw        = errors.New("datasets: not a raw dataset (publish raw data with desci datasets add)")
	ErrNotExtract    = errors.New("datasets: not an extract")
	ErrNotReproduced = errors.New("datasets: the extract did not reproduce")
)

// maxDictionary bounds a data dictionary read back from the store.
const maxDictionary = 4 << 20

// AddOptions describe a raw dataset to notarize.
type AddOptions struct {
	// Dictionary is the path of the data dictionary; required. It is
	// stored as it is, in the clear, and linked from the manifest.
	Dictionary string
	// Publication says what the dataset is; its Kind is set to dataset.
	Publication notary.Publication
	// Recipients can decrypt the raw data; at least one is required.
	Recipients []age.Recipient
	// Progress, if set, gets the number of bytes read, in each pass.
	Progress func(n int64)
}

// AddResult describes a notarized raw dataset.
type AddResult struct {
	CID      cid.Cid
	Manifest *notary.Manifest
	Rows     int64
	// Warnings are identifiers found in columns declared plain,
	// sensitive or quasi-identifier: not errors, but worth a look.
	Warnings []Warning
}

// Add checks the raw data at path against its dictionary (every row is
// parsed) and notarizes it sealed: the plaintext's CID is what the
// manifest names and anchors, the bytes are stored encrypted to
// o.Recipients. Nothing is stored when the data does not match.
func Add(ctx context.Context, st *notary.Store, path string, o AddOptions, signer notary.Signer) (*AddResult, error) {
	if o.Dictionary == "" {
		return nil, errors.New("datasets: no data dictionary")
	}
	if len(o.Recipients) == 0 {
		return nil, errors.New("datasets: no one to seal the raw data to (a data steward key or a recipient)")
	}
	dict, err := ReadDictionary(o.Dictionary)
	if err != nil {
		return nil, err
	}
	res := &AddResult{}
	if res.Rows, res.Warnings, err = check(ctx, path, dict, o.Progress); err != nil {
		return nil, err
	}
	dres, err := st.Add(ctx, o.Dictionary, notary.ImportOptions{})
	if err != nil {
		return nil, err
	}
	pub := o.Publication
	pub.Kind = notary.KindDataset
	pub.Dictionary = dres.Root
	res.CID, res.Manifest, err = st.NotarizeSealed(ctx, path, o.Recipients, pub, notary.ImportOptions{Progress: o.Progress}, signer)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// check reads every row of the data at path with its dictionary.
func check(ctx context.Context, path string, dict *Dictionary, progress func(int64)) (int64, []Warning, error) {
	r, err := OpenFile(path, CSVOptions{Dictionary: dict})
	if err != nil {
		return 0, nil, err
	}
	defer r.Release()
	var rows int64
	var warnings []Warning
	warned := map[[2]string]bool{}
	for r.Next() {
		if err := ctx.Err(); err != nil {
			return 0, nil, err
		}
		rec := r.Record()
		for _, w := range DetectIdentifiers(rec, dict) {
			if key := [2]string{w.Column, w.Kind}; !warned[key] {
				warned[key] = true
				w.Row += int(rows)
				warnings = append(warnings, w)
			}
		}
		rows += rec.NumRows()
	}
	if err := r.Err(); err != nil {
		return 0, nil, err
	}
	if progress != nil {
		if fi, err := os.Stat(path); err == nil {
			progress(fi.Size())
		}
	}
	return rows, warnings, nil
}

// A Request asks for an extract of a raw dataset.
type Request struct {
	// Dataset is the raw dataset's manifest.
	Dataset cid.Cid
	// Identities decrypt the raw data: a data steward's keys.
	Identities []age.Identity
	// Study names the study, whose Secret keys the subject pseudonyms.
	Study  string
	Secret []byte
	// Requester and Purpose are recorded in the provenance.
	Requester string
	Purpose   string
	// Title of the extract's manifest; empty means "Extract of " and the
	// dataset's title.
	Title string
	// Columns, K and Format are as in ExtractOptions.
	Columns []string
	K       KOptions
	Format  Format
	// Consent, if set, filters the rows by consent and records the
	// outcome (a policies.Gate); nil takes every row.
	Consent ConsentGate
}

// A ConsentGate filters an extract's rows by consent and records the
// request's outcome, success or failure (policies.Gate).
type ConsentGate interface {
	RowFilter
	// Snapshot names what the decisions rested on: the policy bundle's
	// hash, the Merkle root of the consents in force, and a document
	// listing them, stored and linked from the extract's provenance.
	Snapshot() (policy string, root common.Hash, snapshot []byte)
	ColumnFilter
	// Finish records the extract made, or why none was.
	Finish(ctx context.Context, extract cid.Cid, failure error, signer notary.Signer) error
}

// Extracted describes a notarized extract.
type Extracted struct {
	CID      cid.Cid
	Manifest *notary.Manifest
	Result   *ExtractResult
}

// NotarizeExtract decrypts the raw dataset, writes its de-identified
// extract to out and notarizes it as a manifest of kind extract whose
// provenance names the dataset, the settings, the risk report, the study,
// the requester and the purpose. The extract is written beside out and
// renamed into place; on any error nothing is left at out.
func NotarizeExtract(ctx context.Context, st *notary.Store, req Request, out string, signer notary.Signer) (ex *Extracted, err error) {
	if req.Consent != nil {
		defer func() {
			if err != nil {
				err = errors.Join(err, req.Consent.Finish(ctx, cid.Undef, err, signer))
				return
			}
			if ferr := req.Consent.Finish(ctx, ex.CID, nil, signer); ferr != nil {
				ex, err = nil, fmt.Errorf("datasets: extract %s made, but not recorded: %w", ex.CID, ferr)
			}
		}()
	}
	if _, err := os.Lstat(out); err == nil {
		return nil, fmt.Errorf("datasets: %s already exists", out)
	}
	raw, err := st.Manifest(ctx, req.Dataset)
	if err != nil {
		return nil, err
	}
	title := req.Title
	if title == "" {
		title = "Extract of " + raw.Title
	}
	pub := notary.Publication{Kind: notary.KindExtract, Title: title, License: raw.License, Extract: &notary.Provenance{
		Dataset: req.Dataset, Study: req.Study, Requester: req.Requester, Purpose: req.Purpose,
	}}
	if req.Study == "" || req.Requester == "" || req.Purpose == "" {
		return nil, errors.New("datasets: an extract needs a study, a requester and a purpose")
	}
	opts := ExtractOptions{Columns: req.Columns, Secret: req.Secret, K: req.K, Format: req.Format, Filter: req.Consent}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".desci-partial")
	res, err := extractSealed(ctx, st, req.Dataset, raw, req.Identities, opts, tmp)
	if errors.Is(err, ErrNothingAllowed) && req.Consent != nil {
		_, root, _ := req.Consent.Snapshot()
		e := &NothingAllowedError{Study: req.Study, NoConsents: root == (common.Hash{})}
		if x, ok := req.Consent.(Explainer); ok {
			e.Reason = x.WhyNothingAllowed()
		}
		err = e
	}
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
			os.Remove(out)
		}
	}()
	settings, err := json.Marshal(res.Settings)
	if err != nil {
		return nil, err
	}
	risk, err := json.Marshal(res.Report)
	if err != nil {
		return nil, err
	}
	if pub.Extract.Settings, err = st.PutRaw(ctx, settings); err != nil {
		return nil, err
	}
	if pub.Extract.Risk, err = st.PutRaw(ctx, risk); err != nil {
		return nil, err
	}
	if req.Consent != nil {
		p := pub.Extract
		var snapshot []byte
		p.Policy, p.ConsentRoot, snapshot = req.Consent.Snapshot()
		if p.Consents, err = st.PutRaw(ctx, snapshot); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	c, m, err := st.Notarize(ctx, out, pub, notary.ImportOptions{}, signer)
	if err != nil {
		return nil, err
	}
	ok = true
	return &Extracted{CID: c, Manifest: m, Result: res}, nil
}

// extractSealed runs Extract on the decrypted raw dataset into the new
// file path, synced to disk.
func extractSealed(ctx context.Context, st *notary.Store, dataset cid.Cid, raw *notary.Manifest, ids []age.Identity, o ExtractOptions, path string) (*ExtractResult, error) {
	if raw.Kind != notary.KindDataset || raw.Content == nil || !raw.Content.Sealed.Defined() || !raw.Dictionary.Defined() {
		return nil, fmt.Errorf("%w: %s", ErrNotRaw, dataset)
	}
	if o.Dictionary == nil {
		b, err := st.ReadFile(ctx, raw.Dictionary, maxDictionary)
		if err != nil {
			return nil, err
		}
		if o.Dictionary, err = ParseDictionary(b); err != nil {
			return nil, err
		}
	}
	plain, size, err := st.OpenSealed(ctx, dataset, ids...)
	if err != nil {
		return nil, err
	}
	name := raw.Content.Files[0].Path
	open := func() (RecordReader, error) {
		return Open(plain, size, CSVOptions{Name: name, Dictionary: o.Dictionary})
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	// Hide Close: the Parquet writer would close the file before the sync.
	res, err := Extract(ctx, open, struct{ io.WriteSeeker }{f}, o)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return res, nil
}

// Reproduce re-runs a notarized extract from its raw dataset, settings and
// study secret, and checks that the bytes are identical: their CID must
// be the extract's content root. It returns ErrNotReproduced if not.
//
// An extract filtered by consent is re-run through filter, the gate its
// consent snapshot describes (policies.Registry.GateFromSnapshot); see
// ConsentSnapshot.
func Reproduce(ctx context.Context, st *notary.Store, extract cid.Cid, ids []age.Identity, secret []byte, filter RowFilter) (*ExtractResult, error) {
	m, err := st.Manifest(ctx, extract)
	if err != nil {
		return nil, err
	}
	if m.Kind != notary.KindExtract || m.Extract == nil {
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotExtract, extract, m.Kind)
	}
	if m.Extract.Policy != "" && filter == nil {
		return nil, fmt.Errorf("datasets: %s was filtered by consent: reproducing it needs its consent gate", extract)
	}
	b, err := st.Block(ctx, m.Extract.Settings)
	if err != nil {
		return nil, err
	}
	var s Settings
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("datasets: settings of %s: %w", extract, err)
	}
	if again, _ := json.Marshal(s); !bytes.Equal(again, b) || s.Dictionary == nil {
		return nil, fmt.Errorf("datasets: settings of %s are not settings this version writes", extract)
	}
	if err := s.Dictionary.Validate(); err != nil {
		return nil, err
	}
	raw, err := st.Manifest(ctx, m.Extract.Dataset)
	if err != nil {
		return nil, err
	}
	suppress := s.Suppress
	if suppress == 0 {
		suppress = -1 // none, not the default
	}
	ref, err := time.Parse(time.DateOnly, s.Reference)
	if err != nil {
		return nil, fmt.Errorf("datasets: settings of %s: no reference date (YYYY-MM-DD)", extract)
	}
	o := ExtractOptions{Dictionary: s.Dictionary, Columns: s.Columns, Secret: secret, Format: s.Format,
		K: KOptions{K: s.K, L: s.L, Sensitive: s.Sensitive, MaxSuppression: suppress}, Reference: ref}
	if m.Extract.Policy != "" {
		o.Filter = filter
	}
	dir, err := os.MkdirTemp("", "desci-reproduce-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "extract")
	res, err := extractSealed(ctx, st, m.Extract.Dataset, raw, ids, o, p)
	if err != nil {
		return nil, err
	}
	got, err := notary.Import(ctx, p, nil, notary.ImportOptions{Profile: m.Content.Profile})
	if err != nil {
		return nil, err
	}
	if !got.Root.Equals(m.Content.Root) {
		return res, fmt.Errorf("%w: %s re-ran to %s", ErrNotReproduced, m.Content.Root, got.Root)
	}
	return res, nil
}
