package graphql

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	gql "github.com/graphql-go/graphql"

	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/policies"
)

// consentArgs describe a consent as a patient portal asks for it.
func consentArgs() gql.FieldConfigArgument {
	str, strNN, strs := gql.String, gql.NewNonNull(gql.String), gql.NewList(gql.NewNonNull(gql.String))
	return gql.FieldConfigArgument{
		"study":         {Type: strNN},
		"subject":       {Type: strNN, Description: "the subject's study key, as enrolled"},
		"uses":          {Type: gql.NewNonNull(strs), Description: "DUO permissions: NRES, GRU, HMB, DS, POA"},
		"diseases":      {Type: strs, Description: "MONDO ids, for DS"},
		"modifiers":     {Type: strs, Description: "DUO modifiers: NPU, NCU, IRB, PUB, COL, GS, TS, US, PS, IS, RTN, NMDS, GSO, MOR, NPOA, ..."},
		"investigators": {Type: strs, Description: "for COL and US"},
		"region":        {Type: str, Description: "for GS"},
		"project":       {Type: str, Description: "for PS"},
		"institution":   {Type: str, Description: "for IS"},
		"timeLimit":     {Type: str, Description: "for TS: a date or RFC 3339 time"},
		"moratorium":    {Type: str, Description: "for MOR: no publication before"},
		"validFrom":     {Type: str, Description: "default now"},
		"validUntil":    {Type: strNN},
	}
}

// resolveConsentToSign builds the EIP-712 typed data of a consent for the
// signed-in patient's wallet (eth_signTypedData_v4), with the nonce the
// registry expects next. The signature and this typed data, as
// {"typedData": ..., "signature": ...}, are what submitConsent takes.
func (s *Server) resolveConsentToSign(p gql.ResolveParams) (any, error) {
	if err := s.ownSubject(p); err != nil {
		return nil, err
	}
	a := p.Args
	str := func(k string) string { v, _ := a[k].(string); return v }
	strs := func(k string) []string {
		var out []string
		if l, ok := a[k].([]any); ok {
			for _, x := range l {
				out = append(out, x.(string))
			}
		}
		return out
	}
	c := &policies.Consent{Study: str("study"), Subject: str("subject"), Uses: strs("uses"), Diseases: strs("diseases"),
		Modifiers: strs("modifiers"), Investigators: strs("investigators"), Region: str("region"), Project: str("project"), Institution: str("institution")}
	var err error
	if c.TimeLimit, err = policies.ParseTime(str("timeLimit")); err != nil {
		return nil, coded(CodeBadUserInput, err)
	}
	if c.Moratorium, err = policies.ParseTime(str("moratorium")); err != nil {
		return nil, coded(CodeBadUserInput, err)
	}
	if c.ValidFrom, err = policies.ParseTime(str("validFrom")); err != nil {
		return nil, coded(CodeBadUserInput, err)
	}
	if c.ValidFrom.IsZero() {
		c.ValidFrom = s.opts.Now().UTC().Truncate(time.Second)
	}
	if c.ValidUntil, err = policies.ParseTime(str("validUntil")); err != nil {
		return nil, coded(CodeBadUserInput, err)
	}
	if c.Nonce, err = s.opts.Registry.NextNonce(c.Study, c.Subject); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return typedDataJSON(c.TypedData(s.opts.Registry.Domain()))
}

// resolveRevocationToSign builds the typed data of a revocation of the
// subject's consent in force.
func (s *Server) resolveRevocationToSign(p gql.ResolveParams) (any, error) {
	if err := s.ownSubject(p); err != nil {
		return nil, err
	}
	study, subject := p.Args["study"].(string), p.Args["subject"].(string)
	inForce, err := s.opts.Registry.InForce(study)
	if err != nil {
		return nil, err
	}
	rec := inForce[subject]
	if rec == nil {
		return nil, coded(CodeNotFound, fmt.Errorf("%w: subject %s of %s has no consent in force", policies.ErrNotInForce, subject, study))
	}
	nonce, err := s.opts.Registry.NextNonce(study, subject)
	if err != nil {
		return nil, err
	}
	r := &policies.Revocation{Study: study, Subject: subject, Consent: rec.Hash, Nonce: nonce}
	return typedDataJSON(r.TypedData(s.opts.Registry.Domain()))
}

// ownSubject checks that the session is the subject's enrolled patient.
func (s *Server) ownSubject(p gql.ResolveParams) error {
	sess, err := s.needSession(p.Context)
	if err != nil {
		return err
	}
	if err := s.needRegistry(); err != nil {
		return err
	}
	patient, err := s.opts.Registry.Patient(p.Args["study"].(string), p.Args["subject"].(string))
	if err != nil {
		return err
	}
	if patient != sess.Address {
		return coded(CodeForbidden, errors.New("a patient signs consents for their own subjects only"))
	}
	return nil
}

// typedDataJSON is typed data (or a domain) as wallets take it: only the
// primary type's types, no empty domain fields.
func typedDataJSON(td any) (any, error) {
	var b []byte
	var err error
	if t, ok := td.(apitypes.TypedData); ok {
		b, err = policies.MarshalTypedData(t)
	} else {
		b, err = json.Marshal(td)
	}
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

// sigChain is where smart accounts' signatures are checked: the server's
// chain, or none (then only keys sign in and consent).
func (s *Server) sigChain() ethsig.Caller {
	if s.opts.Chain == nil {
		return nil
	}
	return s.opts.Chain
}

// signedArg is submitConsent's document, given as JSON (signed) or as a
// string of it (document), bounded before it is read.
func signedArg(args map[string]any) ([]byte, error) {
	s, isString := args["document"].(string)
	v, isJSON := args["signed"]
	if isJSON && v == nil {
		isJSON = false
	}
	if isString == isJSON {
		return nil, coded(CodeBadUserInput, errors.New("give the signed document as signed (JSON) or as document (a string of it), one of them"))
	}
	if str, ok := v.(string); ok {
		s, isString = str, true // a JSON variable holding the string form
	}
	if isString {
		if len(s) > policies.MaxDocumentSize {
			return nil, coded(CodeBadUserInput, fmt.Errorf("%w: document larger than %d bytes", policies.ErrInvalidConsent, policies.MaxDocumentSize))
		}
		return []byte(s), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, coded(CodeBadUserInput, fmt.Errorf("%w: signed: %v", policies.ErrInvalidConsent, err))
	}
	if len(b) > policies.MaxDocumentSize {
		return nil, coded(CodeBadUserInput, fmt.Errorf("%w: document larger than %d bytes", policies.ErrInvalidConsent, policies.MaxDocumentSize))
	}
	return b, nil
}
