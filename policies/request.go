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
	"disease":  "research on one disease (with a MONDO id)",
	"poa":      "population origins or ancestry research",
}

// A Request is what an extract asks the policy: the purpose and the
// attributes that consent modifiers ask about. An attribute left nil or
// empty is not shown, and a modifier that needs it denies.
type Request struct {
	Purpose   string    // one of Purposes
	Disease   string    // MONDO id, for purpose disease
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
// lineage comes from the ontology, whose release the caller records.
func (r *Request) Input(o *Ontology) (map[string]any, error) {
	if _, ok := Purposes[r.Purpose]; !ok {
		return nil, fmt.Errorf("%w: purpose %q (want %s)", ErrBadRequest, r.Purpose, strings.Join(slices.Sorted(maps.Keys(Purposes)), ", "))
	}
	t := r.Time
	if t.IsZero() {
		t = time.Now()
	}
	in := map[string]any{"purpose": r.Purpose, "time": t.Unix(), "requester": r.Requester}
	switch {
	case r.Purpose == "disease" && r.Disease == "":
		return nil, fmt.Errorf("%w: purpose disease names the disease (a MONDO id)", ErrBadRequest)
	case r.Purpose != "disease" && r.Disease != "":
		return nil, fmt.Errorf("%w: a disease goes with purpose disease", ErrBadRequest)
	case r.Disease != "":
		if o == nil {
			return nil, fmt.Errorf("%w: a disease purpose needs a MONDO release", ErrBadRequest)
		}
		lineage, err := o.Lineage(r.Disease)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadRequest, err)
		}
		in["disease"] = r.Disease
		in["disease_lineage"] = strs(lineage)
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
