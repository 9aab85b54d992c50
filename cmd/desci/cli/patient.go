package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/policies"
)

// What a patient is shown of a consent or revocation: the field names of
// doc/consent.md, times as RFC 3339, nothing empty printed.
type consentView struct {
	Study         string   `json:"study"`
	Subject       string   `json:"subject"`
	Uses          []string `json:"uses"`
	Diseases      []string `json:"diseases,omitempty"`
	Modifiers     []string `json:"modifiers,omitempty"`
	Investigators []string `json:"investigators,omitempty"`
	Region        string   `json:"region,omitempty"`
	Project       string   `json:"project,omitempty"`
	Institution   string   `json:"institution,omitempty"`
	TimeLimit     string   `json:"timeLimit,omitempty"`
	Moratorium    string   `json:"moratorium,omitempty"`
	ValidFrom     string   `json:"validFrom"`
	ValidUntil    string   `json:"validUntil"`
	Nonce         uint64   `json:"nonce"`
}

type revocationView struct {
	Study   string `json:"study"`
	Subject string `json:"subject"`
	Consent string `json:"consent"`
	Nonce   uint64 `json:"nonce"`
}

type recordView struct {
	Hash       string          `json:"hash"`
	Kind       string          `json:"kind"`
	Study      string          `json:"study"`
	Subject    string          `json:"subject"`
	Signer     string          `json:"signer"`
	Status     string          `json:"status,omitempty"`
	Manifest   string          `json:"manifest,omitempty"`
	Accepted   string          `json:"accepted,omitempty"`
	Consent    *consentView    `json:"consent,omitempty"`
	Revocation *revocationView `json:"revocation,omitempty"`
	Document   json.RawMessage `json:"document"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func viewOf(rec *policies.Record, status string) recordView {
	v := recordView{Hash: rec.Hash.Hex(), Kind: rec.Kind, Study: rec.Study, Subject: rec.Subject, Signer: rec.Signer.Hex(),
		Status: status, Manifest: rec.Manifest, Accepted: rfc3339(rec.Accepted), Document: rec.Document}
	if c := rec.Consent; c != nil {
		v.Consent = &consentView{Study: c.Study, Subject: c.Subject, Uses: c.Uses, Diseases: c.Diseases, Modifiers: c.Modifiers,
			Investigators: c.Investigators, Region: c.Region, Project: c.Project, Institution: c.Institution,
			TimeLimit: rfc3339(c.TimeLimit), Moratorium: rfc3339(c.Moratorium), ValidFrom: rfc3339(c.ValidFrom),
			ValidUntil: rfc3339(c.ValidUntil), Nonce: c.Nonce}
	}
	if r := rec.Revocation; r != nil {
		v.Revocation = &revocationView{Study: r.Study, Subject: r.Subject, Consent: r.Consent.Hex(), Nonce: r.Nonce}
	}
	return v
}

// consentStatus says where a consent stands at now: the latest document of
// its subject (inForce) may still be expired, past its TS limit or not yet
// valid; an earlier one was superseded or revoked.
func consentStatus(c *policies.Consent, inForce, revoked bool, now time.Time) string {
	switch {
	case revoked:
		return "revoked"
	case !inForce:
		return "superseded"
	case now.Before(c.ValidFrom):
		return "not yet valid"
	case !now.Before(c.ValidUntil):
		return "expired"
	case !c.TimeLimit.IsZero() && slices.Contains(c.Modifiers, "TS") && !now.Before(c.TimeLimit):
		return "time limit passed"
	}
	return "in force"
}

// consentTerms is a consent's terms on one line, each date named for what
// it is.
func consentTerms(c *policies.Consent) string {
	t := strings.Join(append(slices.Clone(c.Uses), c.Modifiers...), ",")
	if len(c.Diseases) > 0 {
		t += " (" + strings.Join(c.Diseases, ",") + ")"
	}
	if c.Region != "" {
		t += " region " + c.Region
	}
	t += "; valid " + c.ValidFrom.UTC().Format(time.DateOnly) + " to " + c.ValidUntil.UTC().Format(time.DateOnly)
	if !c.TimeLimit.IsZero() {
		t += "; use ends " + c.TimeLimit.UTC().Format(time.DateOnly) + " (TS)"
	}
	if !c.Moratorium.IsZero() {
		t += "; no publication before " + c.Moratorium.UTC().Format(time.DateOnly) + " (MOR)"
	}
	return t
}

// signedDir keeps the documents a patient signed with --sign-only in
// their own data dir, so they can list and show them there.
func (e *env) signedDir() (string, error) {
	dir, err := e.dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "consents-signed"), nil
}

func (e *env) keepSigned(doc *policies.Document) error {
	dir, err := e.signedDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, doc.Hash.Hex()+".json"), strings.NewReader(string(b)+"\n"), 0o600)
}

// signedRecords reads the documents kept by keepSigned that signer signed,
// as records not (yet) accepted here.
func (e *env) signedRecords(signer common.Address) ([]*policies.Record, error) {
	dir, err := e.signedDir()
	if err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []*policies.Record
	for _, ent := range ents {
		if !strings.HasSuffix(ent.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, ent.Name()))
		if err != nil {
			return nil, err
		}
		doc, err := policies.ParseDocument(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ent.Name(), err)
		}
		if doc.Signer == signer {
			out = append(out, docRecord(doc, b))
		}
	}
	slices.SortFunc(out, func(a, b *policies.Record) int { return int(nonceOf(a)) - int(nonceOf(b)) })
	return out, nil
}

func docRecord(doc *policies.Document, wire []byte) *policies.Record {
	return &policies.Record{Hash: doc.Hash, Kind: doc.Kind(), Study: doc.Study(), Subject: doc.Subject(), Signer: doc.Signer,
		Consent: doc.Consent, Revocation: doc.Revocation, Document: json.RawMessage(wire)}
}

// A patientServer is the registry of a desci serve, as a patient reaches
// it: signed in with their own key, which never leaves their data dir.
type patientServer struct {
	c *gqlClient
}

func (e *env) patientServer(ctx context.Context, url string, key *keys.Key) (*patientServer, error) {
	c := newGQLClient(url)
	var n struct{ Node struct{ ChainID uint64 } }
	if err := c.do(ctx, `{ node { chainId } }`, nil, &n); err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if err := c.signIn(ctx, key.PrivateKey(), n.Node.ChainID); err != nil {
		return nil, fmt.Errorf("%s: sign in: %w", url, err)
	}
	return &patientServer{c}, nil
}

// records are the patient's documents the server holds, oldest first.
func (s *patientServer) records(ctx context.Context) ([]*policies.Record, error) {
	var q struct {
		Consents []struct {
			Manifest, Accepted string
			Document           json.RawMessage
		}
	}
	if err := s.c.do(ctx, `{ consents { manifest accepted document } }`, nil, &q); err != nil {
		return nil, err
	}
	var out []*policies.Record
	for _, r := range q.Consents {
		// The document is checked here as any other: what is shown is
		// what the patient's key signed.
		wire := []byte(r.Document)
		var s string
		if json.Unmarshal(r.Document, &s) == nil {
			wire = []byte(s)
		}
		doc, err := policies.ParseDocument(wire)
		if err != nil {
			return nil, fmt.Errorf("the server's copy of a document: %w", err)
		}
		rec := docRecord(doc, wire)
		rec.Manifest = r.Manifest
		rec.Accepted, _ = time.Parse(time.RFC3339, r.Accepted)
		out = append(out, rec)
	}
	return out, nil
}

// revoke has the server prepare the revocation of the subject's consent in
// force, signs it with the patient's key and submits it.
func (s *patientServer) revoke(ctx context.Context, study, subject string) (string, error) {
	var q struct{ RevocationToSign json.RawMessage }
	if err := s.c.do(ctx, `query($s: String!, $j: String!) { revocationToSign(study: $s, subject: $j) }`,
		map[string]any{"s": study, "j": subject}, &q); err != nil {
		return "", err
	}
	raw := []byte(q.RevocationToSign)
	var str string
	if json.Unmarshal(raw, &str) == nil {
		raw = []byte(str)
	}
	var td apitypes.TypedData
	if err := json.Unmarshal(raw, &td); err != nil {
		return "", fmt.Errorf("the server's revocation to sign: %w", err)
	}
	if td.PrimaryType != "Revocation" || td.Message["study"] != study || td.Message["subject"] != subject {
		return "", fmt.Errorf("the server asked to sign a %s of %v/%v, not a revocation of %s of %s", td.PrimaryType, td.Message["study"], td.Message["subject"], subject, study)
	}
	sig, err := policies.Sign(td, s.c.key)
	if err != nil {
		return "", err
	}
	wire, err := json.Marshal(map[string]any{"typedData": json.RawMessage(raw), "signature": "0x" + common.Bytes2Hex(sig)})
	if err != nil {
		return "", err
	}
	// Parsed before it is sent: the document must be one this version
	// reads, for the subject asked about.
	if _, err := policies.ParseDocument(wire); err != nil {
		return "", fmt.Errorf("the server's revocation to sign: %w", err)
	}
	var out struct{ SubmitConsent struct{ Hash string } }
	if err := s.c.do(ctx, `mutation($d: String!) { submitConsent(document: $d) { hash } }`, map[string]any{"d": string(wire)}, &out); err != nil {
		return "", err
	}
	return out.SubmitConsent.Hash, nil
}
