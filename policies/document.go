package policies

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/internal/ethsig"
)

// MaxDocumentSize bounds a signed document; ParseDocument refuses more.
const MaxDocumentSize = 64 << 10

// A Document is a signed consent or revocation as it is exchanged and
// stored: the EIP-712 typed data a wallet signed (eth_signTypedData_v4's
// argument) and the signature (doc/consent.md).
type Document struct {
	Consent    *Consent    // exactly one of Consent and Revocation is set
	Revocation *Revocation //
	Domain     Domain
	Signature  []byte
	// Set by ParseDocument and NewDocument: the EIP-712 digest (the
	// document's identity) and who signed it.
	Hash   common.Hash
	Signer common.Address
	// Check is how Signature was found to be Signer's: a key's (recovered,
	// no chain needed) or a smart account's, asked at a block
	// (ERC-1271, ERC-6492). A smart account's document is only checked by
	// CheckSigner: until then Check is what the document claims.
	Check   ethsig.Result
	checked bool
}

// documentJSON is the wire form. A smart account's document names its
// signer (nothing can be recovered from its signature) and, once a
// registry accepted it, the block it was checked at.
type documentJSON struct {
	TypedData json.RawMessage `json:"typedData"`
	Signature hexutil.Bytes   `json:"signature"`
	Signer    *common.Address `json:"signer,omitempty"`
	Checked   *checkedJSON    `json:"checked,omitempty"`
}

type checkedJSON struct {
	Kind  ethsig.Kind `json:"kind"`
	Block uint64      `json:"block"`
}

type typedDataJSON struct {
	Types       apitypes.Types  `json:"types"`
	PrimaryType string          `json:"primaryType"`
	Domain      json.RawMessage `json:"domain"`
	Message     json.RawMessage `json:"message"`
}

// NewDocument signs nothing: it checks a key's sig (65 or 64 bytes, see
// ethsig) against the document's typed data and fills in Hash and Signer.
func NewDocument(d Domain, c *Consent, r *Revocation, sig []byte) (*Document, error) {
	return newDocument(d, c, r, sig, nil, nil)
}

// newDocument is NewDocument for a signer named (a smart account's
// document, or a key's that says whose it is) and a check recorded.
func newDocument(d Domain, c *Consent, r *Revocation, sig []byte, signer *common.Address, checked *checkedJSON) (*Document, error) {
	doc := &Document{Consent: c, Revocation: r, Domain: d, Signature: sig}
	if (c == nil) == (r == nil) {
		return nil, fmt.Errorf("%w: a document is a consent or a revocation", ErrInvalidConsent)
	}
	if c != nil {
		if err := c.Validate(); err != nil {
			return nil, err
		}
	} else if err := r.Validate(); err != nil {
		return nil, err
	}
	var err error
	if doc.Hash, err = Hash(doc.TypedData()); err != nil {
		return nil, err
	}
	if signer == nil {
		if doc.Signer, err = Signer(doc.TypedData(), sig); err != nil {
			return nil, err
		}
		doc.Check, doc.checked = ethsig.Result{Kind: ethsig.EOA}, true
		return doc, nil
	}
	// A named signer: a key's signature is checked here; anything else
	// is a smart account's, checked on chain by CheckSigner. What cannot
	// be any account's signature is refused now.
	doc.Signer = *signer
	if len(sig) > ethsig.MaxSize {
		return nil, fmt.Errorf("%w: signature of %d bytes, at most %d", ErrBadSignature, len(sig), ethsig.MaxSize)
	}
	if _, _, _, _, err := ethsig.Unwrap6492(sig); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if a, err := ethsig.Recover(doc.Hash, sig); err == nil && a == *signer {
		doc.Check, doc.checked = ethsig.Result{Kind: ethsig.EOA}, true
		return doc, nil
	}
	if checked != nil {
		doc.Check = ethsig.Result{Kind: checked.Kind, Block: checked.Block}
	}
	return doc, nil
}

// CheckSigner checks that a smart account made the document's signature,
// asking it on chain c (ethsig): in the state of the block the document
// records it was accepted at, else at the head, recording that block. A
// key's document needs no chain and passes. When c no longer has the
// state of the recorded block (a pruning node), the account is asked at
// the head instead (doc/consent.md).
func (doc *Document) CheckSigner(ctx context.Context, c ethsig.Caller) error {
	if doc.checked {
		return nil
	}
	var res ethsig.Result
	var err error
	if doc.Check.Block != 0 {
		res, err = ethsig.VerifyAt(ctx, c, doc.Signer, doc.Hash, doc.Signature, doc.Check.Block)
		if errors.Is(err, ethsig.ErrUnavailable) {
			_, err = ethsig.Verify(ctx, c, doc.Signer, doc.Hash, doc.Signature)
		}
		res.Block = doc.Check.Block
	} else {
		res, err = ethsig.Verify(ctx, c, doc.Signer, doc.Hash, doc.Signature)
	}
	switch {
	case errors.Is(err, ethsig.ErrUnavailable) || errors.Is(err, ethsig.ErrNoChain):
		return fmt.Errorf("policies: %w", err)
	case err != nil:
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	doc.Check, doc.checked = res, true
	return nil
}

// Checked reports whether the signature is known to be Signer's: a key's,
// or a smart account's CheckSigner accepted.
func (doc *Document) Checked() bool { return doc.checked }

// TypedData is what was signed.
func (doc *Document) TypedData() apitypes.TypedData {
	if doc.Consent != nil {
		return doc.Consent.TypedData(doc.Domain)
	}
	return doc.Revocation.TypedData(doc.Domain)
}

// Study and Subject name whose document it is.
func (doc *Document) Study() string {
	if doc.Consent != nil {
		return doc.Consent.Study
	}
	return doc.Revocation.Study
}

// Subject is the subject's study key.
func (doc *Document) Subject() string {
	if doc.Consent != nil {
		return doc.Consent.Subject
	}
	return doc.Revocation.Subject
}

// Nonce orders a subject's documents.
func (doc *Document) Nonce() uint64 {
	if doc.Consent != nil {
		return doc.Consent.Nonce
	}
	return doc.Revocation.Nonce
}

// Kind is "consent" or "revocation".
func (doc *Document) Kind() string {
	if doc.Consent != nil {
		return "consent"
	}
	return "revocation"
}

// MarshalJSON writes the wire form: {"typedData": ..., "signature": ...}.
func (doc *Document) MarshalJSON() ([]byte, error) {
	td, err := MarshalTypedData(doc.TypedData())
	if err != nil {
		return nil, err
	}
	w := documentJSON{TypedData: td, Signature: doc.Signature}
	if doc.Check.Kind != ethsig.EOA {
		w.Signer = &doc.Signer
		if doc.Check.Block != 0 {
			w.Checked = &checkedJSON{Kind: doc.Check.Kind, Block: doc.Check.Block}
		}
	}
	return json.Marshal(w)
}

// Validate checks a revocation's fields.
func (r *Revocation) Validate() error {
	if r.Study == "" || r.Subject == "" {
		return fmt.Errorf("%w: a revocation names a study and a subject", ErrInvalidConsent)
	}
	if r.Consent == (common.Hash{}) {
		return fmt.Errorf("%w: a revocation names the consent it ends", ErrInvalidConsent)
	}
	return nil
}

// ParseDocument decodes a signed document, checks that its types and
// domain are this format's and that every field is one the format has,
// and recovers the signer. The typed data is rebuilt from the parsed
// fields, so what is checked is exactly what the rest of desci reads.
func ParseDocument(b []byte) (*Document, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: document: %s", ErrInvalidConsent, fmt.Sprintf(format, args...))
	}
	if len(b) > MaxDocumentSize {
		return nil, bad("larger than %d bytes", MaxDocumentSize)
	}
	var w documentJSON
	if err := strictJSON(b, &w); err != nil {
		return nil, bad("%v", err)
	}
	if w.TypedData == nil {
		return nil, bad("no typedData")
	}
	var td typedDataJSON
	if err := strictJSON(w.TypedData, &td); err != nil {
		return nil, bad("typedData: %v", err)
	}
	salted := false
	for name, def := range td.Types {
		want, ok := consentTypes[name]
		if name == "EIP712Domain" {
			want, ok = domainType, true
			if salted = reflect.DeepEqual(def, domainTypeSalted); salted {
				want = domainTypeSalted
			}
		}
		if !ok || !reflect.DeepEqual(def, want) {
			return nil, bad("type %q is not one doc/consent.md defines", name)
		}
	}
	for _, name := range []string{"EIP712Domain", td.PrimaryType} {
		if _, ok := td.Types[name]; !ok {
			return nil, bad("no type %q", name)
		}
	}
	dom := map[string]any{}
	if err := strictJSON(td.Domain, &dom); err != nil {
		return nil, bad("domain: %v", err)
	}
	df := fields{m: dom}
	name, version, chain := df.str("name"), df.str("version"), df.uint("chainId")
	if v, ok := dom["verifyingContract"]; ok {
		df.seen["verifyingContract"] = true
		if v != "" {
			return nil, bad("domain has a verifyingContract; this format's has none")
		}
	}
	var deployment common.Hash
	if salted {
		s := df.str("salt")
		h, err := hexutil.Decode(s)
		if df.err == nil && (err != nil || len(h) != common.HashLength || common.BytesToHash(h) == (common.Hash{})) {
			return nil, bad("domain salt %q is not a deployment id (32 bytes, not zero)", s)
		}
		deployment = common.BytesToHash(h)
	} else if v, ok := dom["salt"]; ok {
		df.seen["salt"] = true
		if v != "" {
			return nil, bad("domain has a salt its EIP712Domain type does not declare")
		}
	}
	if df.err == nil && len(df.seen) != len(dom) {
		df.err = fmt.Errorf("unknown domain field")
	}
	if df.err != nil {
		return nil, bad("domain: %v", df.err)
	}
	if name != domainName || version != domainVersion {
		return nil, bad("domain %q version %q, want \"desci consent\" version \"1\"", name, version)
	}
	msg := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(td.Message))
	dec.UseNumber()
	if err := dec.Decode(&msg); err != nil {
		return nil, bad("message: %v", err)
	}
	f := fields{m: msg}
	var c *Consent
	var r *Revocation
	switch td.PrimaryType {
	case "Consent":
		c = &Consent{
			Study: f.str("study"), Subject: f.str("subject"), Uses: f.strs("uses"), Diseases: f.strs("diseases"),
			Modifiers: f.strs("modifiers"), Investigators: f.strs("investigators"), Region: f.str("region"),
			Project: f.str("project"), Institution: f.str("institution"), TimeLimit: f.time("timeLimit"),
			Moratorium: f.time("moratorium"), ValidFrom: f.time("validFrom"), ValidUntil: f.time("validUntil"),
			Nonce: f.uint("nonce"),
		}
	case "Revocation":
		r = &Revocation{Study: f.str("study"), Subject: f.str("subject"), Nonce: f.uint("nonce")}
		if s := f.str("consent"); f.err == nil {
			h, err := hexutil.Decode(s)
			if err != nil || len(h) != common.HashLength {
				return nil, bad("consent %q is not a 32-byte hash", s)
			}
			r.Consent = common.BytesToHash(h)
		}
	default:
		return nil, bad("primaryType %q (want Consent or Revocation)", td.PrimaryType)
	}
	if f.err != nil {
		return nil, bad("%v", f.err)
	}
	if len(f.seen) != len(msg) {
		for k := range msg {
			if !f.seen[k] {
				return nil, bad("unknown field %q", k)
			}
		}
	}
	return newDocument(Domain{ChainID: chain, Deployment: deployment}, c, r, w.Signature, w.Signer, w.Checked)
}

func strictJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the document")
	}
	return nil
}

// fields reads a typed-data message, remembering the first problem.
type fields struct {
	m    map[string]any
	seen map[string]bool
	err  error
}

func (f *fields) get(k string) (any, bool) {
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	f.seen[k] = true
	v, ok := f.m[k]
	if !ok && f.err == nil {
		f.err = fmt.Errorf("missing field %q", k)
	}
	return v, ok
}

func (f *fields) str(k string) string {
	v, ok := f.get(k)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok && f.err == nil {
		f.err = fmt.Errorf("field %q is not a string", k)
	}
	return s
}

func (f *fields) strs(k string) []string {
	v, ok := f.get(k)
	if !ok {
		return nil
	}
	l, ok := v.([]any)
	if !ok {
		if f.err == nil {
			f.err = fmt.Errorf("field %q is not a list of strings", k)
		}
		return nil
	}
	var out []string
	for _, e := range l {
		s, ok := e.(string)
		if !ok {
			if f.err == nil {
				f.err = fmt.Errorf("field %q is not a list of strings", k)
			}
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (f *fields) uint(k string) uint64 {
	v, ok := f.get(k)
	if !ok {
		return 0
	}
	var n uint64
	var err error
	switch v := v.(type) {
	case json.Number:
		n, err = uintField(v)
	case string:
		n, err = uintField(json.Number(v))
	default:
		err = fmt.Errorf("not a number")
	}
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("field %q: %v", k, err)
	}
	return n
}

func (f *fields) time(k string) time.Time {
	n := f.uint(k)
	if n == 0 {
		return time.Time{}
	}
	if n > 1<<40 {
		if f.err == nil {
			f.err = fmt.Errorf("field %q: %d is not a time in Unix seconds", k, n)
		}
		return time.Time{}
	}
	return time.Unix(int64(n), 0).UTC()
}

// uintField parses a uint64 written in decimal or 0x-hex, as EIP-712
// tools write integers.
func uintField(n json.Number) (uint64, error) {
	s := string(n)
	if v, ok := new(big.Int).SetString(s, 0); ok && v.Sign() >= 0 && v.IsUint64() {
		return v.Uint64(), nil
	}
	if v, err := strconv.ParseUint(s, 10, 64); err == nil {
		return v, nil
	}
	return 0, fmt.Errorf("%q is not an unsigned 64-bit integer", s)
}
