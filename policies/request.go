package policies

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// ErrBadRequest is returned for a request the policy cannot be asked.
var ErrBadRequest = errors.New("policies: bad request")

// Purposes are the research purposes a request may state, as the default
// bundle reads them.
var Purposes = map[string]string{
	"research": "any research (what GRU permits)",
	"hmb":      "health, medical or biomedical research",
	"disease":  "research on diseases (with MONDO ids; a consent must cover every one)",
	"poa":      "population origins or ancestry research",
	"methods":  "methods development (software, algorithms, statistics) not tied to a disease",
}

// A Request is what an extract asks the policy: the purpose and the
// attributes that consent modifiers ask about. An attribute left nil or
// empty is not shown, and a modifier that needs it denies.
type Request struct {
	Purpose   string    // one of Purposes
	Diseases  []string  // MONDO ids, for purpose disease: every one must be covered
	Time      time.Time // when; zero means now
	Requester string    // the requester's Ethereum address (checked by US)

	Nonprofit          *bool // NPU, NPUNCU
	Commercial         *bool // NCU, NPUNCU: must be false
	Publish            *bool // PUB
	ReturnResults      *bool // RTN
	MethodsDevelopment *bool // NMDS: must be false
	Genetic            *bool // GSO

	IRB             string   // IRB: the ethics approval id
	Collaborators   []string // COL
	Region          string   // GS
	Project         string   // PS
	Institution     string   // IS
	PublicationDate time.Time
}

// Input is the request as the policy sees it (input.request). The disease
// lineages come from the ontology, whose release the caller records.
func (r *Request) Input(o *Ontology) (map[string]any, error) {
	rc := *r // filled in below, the caller's left as it is
	r = &rc
	if _, ok := Purposes[r.Purpose]; !ok {
		return nil, fmt.Errorf("%w: purpose %q (want %s)", ErrBadRequest, r.Purpose, strings.Join(slices.Sorted(maps.Keys(Purposes)), ", "))
	}
	t := r.Time
	if t.IsZero() {
		t = time.Now()
	}
	in := map[string]any{"purpose": r.Purpose, "time": t.Unix(), "requester": r.Requester}
	switch {
	case r.Purpose == "disease" && len(r.Diseases) == 0:
		return nil, fmt.Errorf("%w: purpose disease names the diseases (MONDO ids)", ErrBadRequest)
	case r.Purpose != "disease" && len(r.Diseases) > 0:
		return nil, fmt.Errorf("%w: a disease goes with purpose disease", ErrBadRequest)
	case len(r.Diseases) > 0:
		if o == nil {
			return nil, fmt.Errorf("%w: a disease purpose needs a MONDO release", ErrBadRequest)
		}
		// One lineage per disease: a consent must cover each, so a
		// request for A and B is never released as one for B alone.
		diseases := slices.Compact(slices.Sorted(slices.Values(r.Diseases)))
		lineages := make([]any, len(diseases))
		for i, d := range diseases {
			lineage, err := o.Lineage(d)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrBadRequest, err)
			}
			lineages[i] = strs(lineage)
		}
		in["diseases"] = strs(diseases)
		in["disease_lineages"] = lineages
	}
	if r.Purpose == "methods" {
		// Methods development is what the purpose is; NMDS reads it.
		if r.MethodsDevelopment != nil && !*r.MethodsDevelopment {
			return nil, fmt.Errorf("%w: purpose methods is methods development (drop --methods-development=false)", ErrBadRequest)
		}
		r.MethodsDevelopment = new(bool)
		*r.MethodsDevelopment = true
	}
	if r.Region != "" {
		code, ok := CanonicalRegion(r.Region)
		if !ok {
			return nil, fmt.Errorf("%w: region %q is not an ISO 3166 country code or a region of doc/consent.md (EU, EEA, EUROPE, ...)", ErrBadRequest, r.Region)
		}
		r.Region = code
	}
	for k, v := range map[string]*bool{"nonprofit": r.Nonprofit, "commercial": r.Commercial, "publish": r.Publish,
		"return_results": r.ReturnResults, "methods_development": r.MethodsDevelopment, "genetic": r.Genetic} {
		if v != nil {
			in[k] = *v
		}
	}
	for k, v := range map[string]string{"irb": r.IRB, "region": r.Region, "project": r.Project, "institution": r.Institution} {
		if v != "" {
			in[k] = v
		}
	}
	if len(r.Collaborators) > 0 {
		in["collaborators"] = strs(r.Collaborators)
	}
	if !r.PublicationDate.IsZero() {
		in["publication_date"] = r.PublicationDate.Unix()
	}
	return in, nil
}
