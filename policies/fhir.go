package policies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Code systems FromFHIR maps.
const (
	SystemDUO       = "http://purl.obolibrary.org/obo/duo.owl"
	SystemMONDO     = "http://purl.obolibrary.org/obo/mondo.owl"
	SystemActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
	SystemEthereum  = "urn:ethereum:address" // an actor's identifier system for investigators
)

// actReasonUses maps HL7 v3 ActReason purposes of use to DUO permissions.
var actReasonUses = map[string]string{
	"RESCH":    "GRU", // research
	"HRESCH":   "HMB", // healthcare research
	"BIORCH":   "HMB", // biomedical research
	"CLINTRCH": "HMB", // clinical trial research
}

type fhirCoding struct {
	System string `json:"system"`
	Code   string `json:"code"`
}

type fhirConcept struct {
	Coding []fhirCoding `json:"coding"`
}

type fhirPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type fhirActor struct {
	Reference struct {
		Identifier struct {
			System string `json:"system"`
			Value  string `json:"value"`
		} `json:"identifier"`
	} `json:"reference"`
}

type fhirProvision struct {
	Type      string          `json:"type"` // R4: permit or deny
	Period    *fhirPeriod     `json:"period"`
	Purpose   []fhirCoding    `json:"purpose"`
	Code      []fhirConcept   `json:"code"`
	Actor     []fhirActor     `json:"actor"`
	Provision json.RawMessage `json:"provision"`
}

type fhirConsent struct {
	ResourceType string          `json:"resourceType"`
	Status       string          `json:"status"`
	Decision     string          `json:"decision"` // R5
	Period       *fhirPeriod     `json:"period"`   // R5
	Provision    json.RawMessage `json:"provision"`
}

// FromFHIR maps a FHIR R4 or R5 Consent resource (JSON) to a consent
// without study, subject or nonce, which the caller fills in. The mapping
// is in doc/consent.md; what it cannot map is an error, never guessed.
func FromFHIR(b []byte) (*Consent, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: FHIR Consent: %s", ErrInvalidConsent, fmt.Sprintf(format, args...))
	}
	var r fhirConsent
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, bad("%v", err)
	}
	if r.ResourceType != "Consent" {
		return nil, bad("resourceType %q, not Consent", r.ResourceType)
	}
	if r.Status != "active" {
		return nil, bad("status %q: only an active consent is imported", r.Status)
	}
	// R4 has one provision object; R5 a list of them.
	var provs []fhirProvision
	raw := bytes.TrimSpace(r.Provision)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, bad("no provision")
	case raw[0] == '[':
		if err := json.Unmarshal(raw, &provs); err != nil {
			return nil, bad("provision: %v", err)
		}
	default:
		var p fhirProvision
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, bad("provision: %v", err)
		}
		provs = []fhirProvision{p}
	}
	if r.Decision != "" && r.Decision != "permit" {
		return nil, bad("decision %q: only a permit is imported", r.Decision)
	}
	c := &Consent{}
	period := r.Period
	for i, p := range provs {
		if p.Type != "" && p.Type != "permit" {
			return nil, bad("provision %d is a %s: only permits are imported (write restrictions as DUO modifiers)", i, p.Type)
		}
		if n := bytes.TrimSpace(p.Provision); len(n) > 0 && string(n) != "null" && string(n) != "[]" {
			return nil, bad("provision %d has nested provisions, which are not mapped (write restrictions as DUO modifiers)", i)
		}
		if p.Period != nil {
			period = p.Period
		}
		for _, pu := range p.Purpose {
			use, ok := actReasonUses[pu.Code]
			if pu.System != SystemActReason || !ok {
				return nil, bad("purpose %s|%s has no DUO mapping (want %s RESCH, HRESCH, BIORCH or CLINTRCH)", pu.System, pu.Code, SystemActReason)
			}
			c.Uses = appendOnce(c.Uses, use)
		}
		for _, cc := range p.Code {
			for _, cd := range cc.Coding {
				switch {
				case cd.System == SystemDUO || strings.HasPrefix(cd.Code, "DUO:"):
					code := strings.Replace(cd.Code, "DUO_", "DUO:", 1)
					if u, ok := byDUOId(Uses, code); ok {
						c.Uses = appendOnce(c.Uses, u)
					} else if m, ok := byDUOId(Modifiers, code); ok {
						c.Modifiers = appendOnce(c.Modifiers, m)
					} else {
						return nil, bad("DUO code %q is not one this version maps", cd.Code)
					}
				case cd.System == SystemMONDO || strings.HasPrefix(cd.Code, "MONDO:"):
					c.Diseases = appendOnce(c.Diseases, strings.Replace(cd.Code, "MONDO_", "MONDO:", 1))
					c.Uses = appendOnce(c.Uses, "DS")
				default:
					return nil, bad("code %s|%s has no DUO mapping", cd.System, cd.Code)
				}
			}
		}
		for _, a := range p.Actor {
			id := a.Reference.Identifier
			if id.System != SystemEthereum {
				return nil, bad("actor identifier system %q (want %s for a named investigator)", id.System, SystemEthereum)
			}
			c.Investigators = appendOnce(c.Investigators, id.Value)
		}
	}
	if period == nil || period.End == "" {
		return nil, bad("no period end: a consent is time-limited")
	}
	var err error
	if c.ValidUntil, err = ParseTime(period.End); err != nil {
		return nil, bad("period end: %v", err)
	}
	if c.ValidFrom, err = ParseTime(period.Start); err != nil {
		return nil, bad("period start: %v", err)
	}
	if c.ValidFrom.IsZero() {
		c.ValidFrom = time.Now().UTC().Truncate(time.Second)
	}
	if len(c.Uses) == 0 {
		return nil, bad("no purpose or DUO permission code")
	}
	return c, nil
}

func byDUOId(m map[string]string, id string) (string, bool) {
	for code, duo := range m {
		if duo == id {
			return code, true
		}
	}
	return "", false
}

func appendOnce(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// ParseTime reads a date (2027-12-31, midnight UTC) or an RFC 3339 time,
// as consent bounds and FHIR dates and dateTimes are written; empty is the
// zero time. A year or month alone is refused: a consent's bounds are days.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (2027-12-31) or an RFC 3339 time", s)
	}
	return t.UTC().Truncate(time.Second), nil
}
