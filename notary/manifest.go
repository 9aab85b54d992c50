package notary

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	"github.com/ipld/go-ipld-prime/fluent/qp"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
	"github.com/ipld/go-ipld-prime/node/basicnode"
	mh "github.com/multiformats/go-multihash"
)

// Kinds of research object a manifest can describe.
const (
	KindDataset    = "dataset"
	KindMethod     = "method"
	KindResult     = "result"
	KindCorrection = "correction"
	KindExtract    = "extract"
	// KindConsent is a patient's signed consent or revocation document
	// (doc/consent.md), notarized so the consent history is provable.
	KindConsent = "consent"
	// KindAccess is an access log entry: one extract request, allowed or
	// denied (doc/consent.md).
	KindAccess = "access"
)

// ManifestVersion is the format version this package writes and reads.
const ManifestVersion = 1

// MaxManifestSize bounds a manifest block; the decoder refuses larger input.
const MaxManifestSize = 4 << 20

// An Author is a person credited on a manifest.
type Author struct {
	Name  string
	ORCID string // optional, "0000-0002-1825-0097" form, checksum verified
}

// Content is what a manifest publishes: a UnixFS root and the profile that
// recomputes it from the files.
type Content struct {
	Root    cid.Cid
	Profile string
	Files   []File
	// Sealed, if defined, is the root of an age-encrypted copy of the
	// content, which must be a single file. Only the ciphertext is stored;
	// Root is what a steward recomputes after decrypting it.
	Sealed cid.Cid
}

// Provenance says how an extract was made, so a reviewer can trace it to
// the raw data and the rules that de-identified it.
type Provenance struct {
	Dataset   cid.Cid // the raw dataset's manifest
	Settings  cid.Cid // raw block: the de-identification settings (JSON)
	Risk      cid.Cid // raw block: the re-identification risk report (JSON)
	Study     string  // the study whose secret keyed the subject pseudonyms
	Requester string  // who asked for the extract
	Purpose   string  // what for
	// Consent enforcement, set when rows were filtered by consent: the
	// policy bundle's hash, the Merkle root over the consents in force
	// (doc/consent.md) and a raw block listing them (JSON).
	Policy      string
	ConsentRoot common.Hash
	Consents    cid.Cid
}

// A Manifest is the unit a researcher publishes, specified in
// doc/manifest.md. It is encoded as DAG-CBOR, so it has its own CID, and
// signed with the author's Ethereum key (EIP-191), so anyone can check who
// published it.
type Manifest struct {
	Kind        string
	Title       string
	Description string
	Authors     []Author
	License     string // SPDX identifier or expression
	Keywords    []string
	Created     time.Time // UTC, whole seconds
	Content     *Content  // nil for a correction without replacement
	Supersedes  cid.Cid   // the version this one replaces, if any
	Corrects    cid.Cid   // the manifest this one corrects (kind correction)
	Reason      string    // why, for a correction
	Dictionary  cid.Cid   // a dataset's data dictionary, a UnixFS file (doc/data-dictionary.md)
	Extract     *Provenance
	Run         *Run         // a run's provenance (kind run)
	Attestation *Attestation // a reproduction's verdict (kind attestation)
	Signer      common.Address
	Signature   []byte // 65 bytes r||s||v, v in {27, 28}; nil before signing
}

var (
	orcidRe   = regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$`)
	licenseRe = regexp.MustCompile(`^[A-Za-z0-9.+\-() ]+$`)
)

// ValidORCID reports whether id is an ORCID iD with a correct checksum
// (ISO 7064 11,2).
func ValidORCID(id string) bool {
	if !orcidRe.MatchString(id) {
		return false
	}
	digits := strings.ReplaceAll(id, "-", "")
	total := 0
	for _, c := range digits[:15] {
		total = (total + int(c-'0')) * 2
	}
	check := (12 - total%11) % 11
	want := byte('0' + check)
	if check == 10 {
		want = 'X'
	}
	return digits[15] == want
}

// Validate checks the fields a reader relies on.
func (m *Manifest) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	switch m.Kind {
	case KindDataset, KindMethod, KindResult, KindExtract, KindConsent, KindAccess, KindRun:
		if m.Content == nil {
			return bad("a %s needs content", m.Kind)
		}
		if m.Corrects.Defined() {
			return bad("only a correction may correct another manifest")
		}
		if (m.Kind == KindRun) != (m.Run != nil) {
			return bad("a run, and only a run, has run provenance")
		}
		if m.Run != nil {
			if err := m.Run.validate(); err != nil {
				return bad("%v", err)
			}
			if m.Run.Started.After(m.Created) {
				return bad("a run cannot end before it starts")
			}
		}
		if (m.Kind == KindExtract) != (m.Extract != nil) {
			return bad("an extract, and only an extract, has provenance")
		}
		if p := m.Extract; p != nil {
			if !p.Dataset.Defined() || !p.Settings.Defined() || !p.Risk.Defined() {
				return bad("extract provenance must name the dataset, the settings and the risk report")
			}
			if strings.TrimSpace(p.Requester) == "" || strings.TrimSpace(p.Purpose) == "" || p.Study == "" {
				return bad("extract provenance needs a study, a requester and a purpose")
			}
			if (p.Policy != "") != p.Consents.Defined() || (p.Policy != "") != (p.ConsentRoot != common.Hash{}) {
				return bad("extract provenance names the policy, the consent root and the consents together, or none of them")
			}
		}
	case KindAttestation:
		if m.Attestation == nil {
			return bad("an attestation needs its verdict")
		}
		if err := m.Attestation.validate(); err != nil {
			return bad("%v", err)
		}
	case KindCorrection:
		if !m.Corrects.Defined() {
			return bad("a correction must name the manifest it corrects")
		}
		if strings.TrimSpace(m.Reason) == "" {
			return bad("a correction needs a reason")
		}
	default:
		return bad("kind %q (want dataset, method, result, extract, correction, consent, access, run or attestation)", m.Kind)
	}
	if m.Attestation != nil && m.Kind != KindAttestation {
		return bad("only an attestation has a verdict")
	}
	if m.Dictionary.Defined() && m.Kind != KindDataset {
		return bad("only a dataset has a data dictionary")
	}
	if strings.TrimSpace(m.Title) == "" {
		return bad("empty title")
	}
	for _, a := range m.Authors {
		if strings.TrimSpace(a.Name) == "" {
			return bad("author without a name")
		}
		if a.ORCID != "" && !ValidORCID(a.ORCID) {
			return bad("ORCID %q is not a valid ORCID iD", a.ORCID)
		}
	}
	if m.License != "" && !licenseRe.MatchString(m.License) {
		return bad("license %q is not an SPDX identifier", m.License)
	}
	if m.Created.IsZero() || !m.Created.Equal(m.Created.Truncate(time.Second)) {
		return bad("created time must be set, in whole seconds")
	}
	if c := m.Content; c != nil {
		if !c.Root.Defined() {
			return bad("content without a root")
		}
		if _, err := LookupProfile(c.Profile); err != nil {
			return bad("content profile: %v", err)
		}
		for _, f := range c.Files {
			if f.Path == "" || !f.CID.Defined() {
				return bad("file entry without path or CID")
			}
		}
		if c.Sealed.Defined() && (len(c.Files) != 1 || !c.Files[0].CID.Equals(c.Root)) {
			return bad("sealed content must be a single file")
		}
	}
	if m.Signer == (common.Address{}) {
		return bad("no signer")
	}
	return nil
}

// node builds the IPLD data model form; signed adds the signature.
func (m *Manifest) node(signed bool) (datamodel.Node, error) {
	link := func(c cid.Cid) qp.Assemble { return qp.Link(cidlink.Link{Cid: c}) }
	return qp.BuildMap(basicnode.Prototype.Any, -1, func(ma datamodel.MapAssembler) {
		qp.MapEntry(ma, "version", qp.Int(ManifestVersion))
		qp.MapEntry(ma, "kind", qp.String(m.Kind))
		qp.MapEntry(ma, "title", qp.String(m.Title))
		if m.Description != "" {
			qp.MapEntry(ma, "description", qp.String(m.Description))
		}
		if len(m.Authors) > 0 {
			qp.MapEntry(ma, "authors", qp.List(int64(len(m.Authors)), func(la datamodel.ListAssembler) {
				for _, a := range m.Authors {
					qp.ListEntry(la, qp.Map(-1, func(ma datamodel.MapAssembler) {
						qp.MapEntry(ma, "name", qp.String(a.Name))
						if a.ORCID != "" {
							qp.MapEntry(ma, "orcid", qp.String(a.ORCID))
						}
					}))
				}
			}))
		}
		if m.License != "" {
			qp.MapEntry(ma, "license", qp.String(m.License))
		}
		if len(m.Keywords) > 0 {
			qp.MapEntry(ma, "keywords", qp.List(int64(len(m.Keywords)), func(la datamodel.ListAssembler) {
				for _, k := range m.Keywords {
					qp.ListEntry(la, qp.String(k))
				}
			}))
		}
		qp.MapEntry(ma, "created", qp.String(m.Created.UTC().Format(time.RFC3339)))
		if c := m.Content; c != nil {
			qp.MapEntry(ma, "content", qp.Map(-1, func(ma datamodel.MapAssembler) {
				qp.MapEntry(ma, "root", link(c.Root))
				qp.MapEntry(ma, "profile", qp.String(c.Profile))
				qp.MapEntry(ma, "files", qp.List(int64(len(c.Files)), func(la datamodel.ListAssembler) {
					for _, f := range c.Files {
						qp.ListEntry(la, qp.Map(3, func(ma datamodel.MapAssembler) {
							qp.MapEntry(ma, "path", qp.String(f.Path))
							qp.MapEntry(ma, "cid", link(f.CID))
							qp.MapEntry(ma, "size", qp.Int(int64(f.Size)))
						}))
					}
				}))
				if c.Sealed.Defined() {
					qp.MapEntry(ma, "sealed", link(c.Sealed))
				}
			}))
		}
		if m.Dictionary.Defined() {
			qp.MapEntry(ma, "dictionary", link(m.Dictionary))
		}
		if p := m.Extract; p != nil {
			qp.MapEntry(ma, "extract", qp.Map(9, func(ma datamodel.MapAssembler) {
				qp.MapEntry(ma, "dataset", link(p.Dataset))
				qp.MapEntry(ma, "settings", link(p.Settings))
				qp.MapEntry(ma, "risk", link(p.Risk))
				qp.MapEntry(ma, "study", qp.String(p.Study))
				qp.MapEntry(ma, "requester", qp.String(p.Requester))
				qp.MapEntry(ma, "purpose", qp.String(p.Purpose))
				if p.Policy != "" {
					qp.MapEntry(ma, "policy", qp.String(p.Policy))
					qp.MapEntry(ma, "consentRoot", qp.Bytes(p.ConsentRoot.Bytes()))
					qp.MapEntry(ma, "consents", link(p.Consents))
				}
			}))
		}
		if r := m.Run; r != nil {
			qp.MapEntry(ma, "run", qp.Map(-1, r.assemble))
		}
		if a := m.Attestation; a != nil {
			qp.MapEntry(ma, "attestation", qp.Map(-1, a.assemble))
		}
		if m.Supersedes.Defined() {
			qp.MapEntry(ma, "supersedes", link(m.Supersedes))
		}
		if m.Corrects.Defined() {
			qp.MapEntry(ma, "corrects", link(m.Corrects))
		}
		if m.Reason != "" {
			qp.MapEntry(ma, "reason", qp.String(m.Reason))
		}
		qp.MapEntry(ma, "signer", qp.Bytes(m.Signer.Bytes()))
		if signed {
			qp.MapEntry(ma, "signature", qp.Bytes(m.Signature))
		}
	})
}

func (m *Manifest) encode(signed bool) ([]byte, error) {
	n, err := m.node(signed)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := dagcbor.Encode(n, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// manifestPrefix makes manifest CIDs: CIDv1, dag-cbor, sha2-256.
var manifestPrefix = cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}

// SigningMessage is the text the signer signs with EIP-191 personal_sign:
// "desci manifest " followed by the CID of the manifest without its
// signature. Wallets show it as it is.
func (m *Manifest) SigningMessage() ([]byte, error) {
	b, err := m.encode(false)
	if err != nil {
		return nil, err
	}
	c, err := manifestPrefix.Sum(b)
	if err != nil {
		return nil, err
	}
	return []byte("desci manifest " + c.String()), nil
}

// Sign sets Signer to key's address and signs the manifest.
func (m *Manifest) Sign(key *ecdsa.PrivateKey) error {
	m.Signer = crypto.PubkeyToAddress(key.PublicKey)
	return m.SignWith(m.Signer, func(hash []byte) ([]byte, error) { return crypto.Sign(hash, key) })
}

// SignWith signs with an external signer (a keystore, a wallet) that
// returns a 65-byte signature of a 32-byte hash.
func (m *Manifest) SignWith(signer common.Address, sign func(hash []byte) ([]byte, error)) error {
	m.Signer = signer
	if err := m.Validate(); err != nil {
		return err
	}
	msg, err := m.SigningMessage()
	if err != nil {
		return err
	}
	sig, err := sign(accounts.TextHash(msg))
	if err != nil {
		return fmt.Errorf("notary: sign manifest: %w", err)
	}
	if len(sig) != crypto.SignatureLength {
		return fmt.Errorf("notary: sign manifest: signature of %d bytes", len(sig))
	}
	if sig[64] < 27 {
		sig[64] += 27
	}
	m.Signature = sig
	return m.VerifySignature()
}

// VerifySignature checks that Signature was made by Signer's key over this
// manifest.
func (m *Manifest) VerifySignature() error {
	if len(m.Signature) != crypto.SignatureLength {
		return fmt.Errorf("%w: signature has %d bytes", ErrBadSignature, len(m.Signature))
	}
	msg, err := m.SigningMessage()
	if err != nil {
		return err
	}
	sig := bytes.Clone(m.Signature)
	if sig[64] != 27 && sig[64] != 28 {
		return fmt.Errorf("%w: recovery byte %d", ErrBadSignature, sig[64])
	}
	sig[64] -= 27
	pub, err := crypto.SigToPub(accounts.TextHash(msg), sig)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if got := crypto.PubkeyToAddress(*pub); got != m.Signer {
		return fmt.Errorf("%w: signed by %s, names %s", ErrBadSignature, got, m.Signer)
	}
	return nil
}

// Encode returns the signed manifest's canonical DAG-CBOR bytes and CID.
func (m *Manifest) Encode() (cid.Cid, []byte, error) {
	if m.Signature == nil {
		return cid.Undef, nil, fmt.Errorf("%w: not signed", ErrInvalid)
	}
	b, err := m.encode(true)
	if err != nil {
		return cid.Undef, nil, err
	}
	c, err := manifestPrefix.Sum(b)
	return c, b, err
}
