package policies

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/internal/ethsig"
)

// Errors callers branch on.
var (
	ErrInvalidConsent = errors.New("policies: invalid consent")
	ErrBadSignature   = errors.New("policies: consent signature does not match its signer")
)

// Uses are the DUO permission codes a consent may grant.
var Uses = map[string]string{
	"NRES": "DUO:0000004", // no restriction
	"GRU":  "DUO:0000042", // general research use
	"HMB":  "DUO:0000006", // health or medical or biomedical research
	"DS":   "DUO:0000007", // disease specific research (with MONDO ids)
	"POA":  "DUO:0000011", // population origins or ancestry research only
}

// Modifiers are the DUO modifier codes a consent may carry.
var Modifiers = map[string]string{
	"NPU":    "DUO:0000045", // not-for-profit use only
	"NCU":    "DUO:0000046", // non-commercial use only
	"NPUNCU": "DUO:0000018", // not-for-profit, non-commercial use only
	"IRB":    "DUO:0000021", // ethics approval required
	"PUB":    "DUO:0000019", // publication required
	"COL":    "DUO:0000020", // collaboration required (with Investigators)
	"GS":     "DUO:0000022", // geographical restriction (Region)
	"TS":     "DUO:0000025", // time limit on use (TimeLimit)
	"US":     "DUO:0000026", // user specific restriction (Investigators)
	"PS":     "DUO:0000027", // project specific restriction (Project)
	"IS":     "DUO:0000028", // institution specific restriction (Institution)
	"RTN":    "DUO:0000029", // return to database or resource
	"NMDS":   "DUO:0000015", // no general methods research
	"GSO":    "DUO:0000016", // genetic studies only
	"MOR":    "DUO:0000024", // publication moratorium (Moratorium)
	"NPOA":   "DUO:0000044", // population origins or ancestry research prohibited
}

// A Consent is a patient's signed permission for their study subject's
// data, specified in doc/consent.md. It is EIP-712 typed data, so a wallet
// shows the patient every field before they sign.
type Consent struct {
	Study         string
	Subject       string    // the subject's study key, from enrollment
	Uses          []string  // DUO permission codes
	Diseases      []string  // MONDO ids, for DS
	Modifiers     []string  // DUO modifier codes
	Investigators []string  // for COL and US
	Region        string    // for GS
	Project       string    // for PS
	Institution   string    // for IS
	TimeLimit     time.Time // for TS
	Moratorium    time.Time // for MOR: no publication before
	ValidFrom     time.Time
	ValidUntil    time.Time
	Nonce         uint64 // greater than the nonce of every earlier document of this subject
}

// A Revocation ends a consent.
type Revocation struct {
	Study   string
	Subject string
	Consent common.Hash // the EIP-712 hash of the consent it ends
	Nonce   uint64
}

// A Domain binds documents to one deployment: a chain, and the registry
// (one data dir) the documents are for, so a document signed for another
// chain or another data dir on the same chain is refused.
type Domain struct {
	ChainID uint64
	// Deployment is the EIP-712 domain's salt: a random id a registry
	// draws when it is created (Registry.Domain). Zero only in documents
	// signed before deployments were named, which a registry keeps
	// applying when it accepted them then, and accepts no more.
	Deployment common.Hash
}

// domainJSON is a domain as wallets take it: no empty fields.
type domainJSON struct {
	Name    string       `json:"name"`
	Version string       `json:"version"`
	ChainID json.Number  `json:"chainId"`
	Salt    *common.Hash `json:"salt,omitempty"`
}

// MarshalJSON writes the EIP-712 domain as eth_signTypedData_v4 takes it.
func (d Domain) MarshalJSON() ([]byte, error) {
	w := domainJSON{Name: domainName, Version: domainVersion, ChainID: json.Number(strconv.FormatUint(d.ChainID, 10))}
	if d.Deployment != (common.Hash{}) {
		w.Salt = &d.Deployment
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Domain) UnmarshalJSON(b []byte) error {
	var w struct {
		Name, Version string
		ChainID       json.RawMessage `json:"chainId"` // a number, or a string of one (decimal or 0x)
		Salt          *common.Hash
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	if w.Name != domainName || w.Version != domainVersion {
		return fmt.Errorf("%w: domain %q version %q", ErrInvalidConsent, w.Name, w.Version)
	}
	n, err := uintField(json.Number(bytes.Trim(w.ChainID, `"`)))
	if err != nil {
		return fmt.Errorf("%w: chainId: %v", ErrInvalidConsent, err)
	}
	*d = Domain{ChainID: n}
	if w.Salt != nil {
		d.Deployment = *w.Salt
	}
	return nil
}

const (
	domainName    = "desci consent"
	domainVersion = "1"
)

// Validate checks the codes and the fields each one needs.
func (c *Consent) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidConsent, fmt.Sprintf(format, args...))
	}
	if c.Study == "" || c.Subject == "" {
		return bad("a consent names a study and a subject")
	}
	if len(c.Uses) == 0 {
		return bad("no permitted use (want one of NRES, GRU, HMB, DS, POA)")
	}
	for _, u := range c.Uses {
		if _, ok := Uses[u]; !ok {
			return bad("unknown DUO permission %q (want NRES, GRU, HMB, DS or POA)", u)
		}
	}
	if slices.Contains(c.Uses, "DS") != (len(c.Diseases) > 0) {
		return bad("DS needs disease ids (MONDO:...), and disease ids need DS")
	}
	for _, d := range c.Diseases {
		if !mondoRe.MatchString(d) {
			return bad("disease %q is not a MONDO id (MONDO:0005015)", d)
		}
	}
	for _, m := range c.Modifiers {
		if _, ok := Modifiers[m]; !ok {
			return bad("unknown DUO modifier %q", m)
		}
	}
	has := func(m string) bool { return slices.Contains(c.Modifiers, m) }
	switch {
	case (has("COL") || has("US")) && len(c.Investigators) == 0:
		return bad("COL and US name investigators")
	case has("GS") && c.Region == "":
		return bad("GS names a region")
	case has("PS") && c.Project == "":
		return bad("PS names a project")
	case has("IS") && c.Institution == "":
		return bad("IS names an institution")
	case has("TS") && c.TimeLimit.IsZero():
		return bad("TS needs an end date")
	case has("MOR") && c.Moratorium.IsZero():
		return bad("MOR needs a date")
	case c.ValidUntil.IsZero() || !c.ValidUntil.After(c.ValidFrom):
		return bad("valid until must be after valid from")
	}
	return nil
}

// The domain's type without and with the deployment's salt.
var (
	domainType       = []apitypes.Type{{Name: "name", Type: "string"}, {Name: "version", Type: "string"}, {Name: "chainId", Type: "uint256"}}
	domainTypeSalted = append(slices.Clip(domainType), apitypes.Type{Name: "salt", Type: "bytes32"})
)

var consentTypes = apitypes.Types{
	"Consent": {
		{Name: "study", Type: "string"}, {Name: "subject", Type: "string"},
		{Name: "uses", Type: "string[]"}, {Name: "diseases", Type: "string[]"}, {Name: "modifiers", Type: "string[]"},
		{Name: "investigators", Type: "string[]"}, {Name: "region", Type: "string"}, {Name: "project", Type: "string"},
		{Name: "institution", Type: "string"}, {Name: "timeLimit", Type: "uint64"}, {Name: "moratorium", Type: "uint64"},
		{Name: "validFrom", Type: "uint64"}, {Name: "validUntil", Type: "uint64"}, {Name: "nonce", Type: "uint64"},
	},
	"Revocation": {
		{Name: "study", Type: "string"}, {Name: "subject", Type: "string"},
		{Name: "consent", Type: "bytes32"}, {Name: "nonce", Type: "uint64"},
	},
}

// typed is the typed data of one document: the domain's type and the
// primary type only (wallets such as ethers refuse types the primary
// type does not use), the salt only when there is one.
func (d Domain) typed(primary string, msg apitypes.TypedDataMessage) apitypes.TypedData {
	td := apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainType, primary: consentTypes[primary]},
		PrimaryType: primary,
		Domain:      apitypes.TypedDataDomain{Name: domainName, Version: domainVersion, ChainId: (*math.HexOrDecimal256)(new(big.Int).SetUint64(d.ChainID))},
		Message:     msg,
	}
	if d.Deployment != (common.Hash{}) {
		td.Types["EIP712Domain"] = domainTypeSalted
		td.Domain.Salt = d.Deployment.Hex()
	}
	return td
}

// MarshalTypedData writes typed data as eth_signTypedData_v4 takes it:
// go-ethereum's form, without the empty domain fields (an empty
// verifyingContract or salt that ethers refuses).
func MarshalTypedData(td apitypes.TypedData) ([]byte, error) {
	dom := map[string]any{"name": td.Domain.Name, "version": td.Domain.Version}
	if td.Domain.ChainId != nil {
		dom["chainId"] = json.Number((*big.Int)(td.Domain.ChainId).String()) // a number, as wallets and viem write it
	}
	if td.Domain.VerifyingContract != "" {
		dom["verifyingContract"] = td.Domain.VerifyingContract
	}
	if td.Domain.Salt != "" {
		dom["salt"] = td.Domain.Salt
	}
	return json.Marshal(struct {
		Types       apitypes.Types            `json:"types"`
		PrimaryType string                    `json:"primaryType"`
		Domain      map[string]any            `json:"domain"`
		Message     apitypes.TypedDataMessage `json:"message"`
	}{td.Types, td.PrimaryType, dom, td.Message})
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func unix(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// TypedData returns the consent as EIP-712 typed data in domain d.
func (c *Consent) TypedData(d Domain) apitypes.TypedData {
	return d.typed("Consent", apitypes.TypedDataMessage{
		"study": c.Study, "subject": c.Subject, "uses": strs(c.Uses), "diseases": strs(c.Diseases),
		"modifiers": strs(c.Modifiers), "investigators": strs(c.Investigators), "region": c.Region,
		"project": c.Project, "institution": c.Institution, "timeLimit": unix(c.TimeLimit),
		"moratorium": unix(c.Moratorium), "validFrom": unix(c.ValidFrom), "validUntil": unix(c.ValidUntil),
		"nonce": strconv.FormatUint(c.Nonce, 10),
	})
}

// TypedData returns the revocation as EIP-712 typed data in domain d.
func (r *Revocation) TypedData(d Domain) apitypes.TypedData {
	return d.typed("Revocation", apitypes.TypedDataMessage{
		"study": r.Study, "subject": r.Subject, "consent": r.Consent.Hex(), "nonce": strconv.FormatUint(r.Nonce, 10),
	})
}

// Hash returns the EIP-712 digest of typed data: what is signed, and the
// document's identity.
func Hash(td apitypes.TypedData) (common.Hash, error) {
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return common.Hash{}, fmt.Errorf("%w: %v", ErrInvalidConsent, err)
	}
	return common.BytesToHash(h), nil
}

// Sign signs typed data with key, returning a 65-byte signature with v in
// {27, 28}, as eth_signTypedData_v4 does.
func Sign(td apitypes.TypedData, key *ecdsa.PrivateKey) ([]byte, error) {
	h, err := Hash(td)
	if err != nil {
		return nil, err
	}
	sig, err := crypto.Sign(h[:], key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// Signer recovers whose key signed typed data: 65 bytes with v in
// {0, 1, 27, 28} or EIP-2098's 64, s at most n/2 (ethsig).
func Signer(td apitypes.TypedData, sig []byte) (common.Address, error) {
	h, err := Hash(td)
	if err != nil {
		return common.Address{}, err
	}
	a, err := ethsig.Recover(h, sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return a, nil
}

// Input is the consent as the policy sees it (input.consent).
func (c *Consent) Input() map[string]any {
	sec := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.Unix()
	}
	return map[string]any{
		"study": c.Study, "subject": c.Subject, "uses": strs(c.Uses), "diseases": strs(c.Diseases),
		"modifiers": strs(c.Modifiers), "investigators": strs(c.Investigators), "region": c.Region,
		"project": c.Project, "institution": c.Institution, "ts_end": sec(c.TimeLimit), "mor_date": sec(c.Moratorium),
		"valid_from": sec(c.ValidFrom), "valid_until": sec(c.ValidUntil), "nonce": c.Nonce,
	}
}

var mondoRe = regexp.MustCompile(`^MONDO:\d{7}$`)
