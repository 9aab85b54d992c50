package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	gql "github.com/graphql-go/graphql"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/datasets/delivery"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// extractGrant is a requested extract with its download ticket.
type extractGrant struct {
	n       *node
	ticket  string
	url     string
	expires time.Time
	rows    int
	risk    datasets.RiskReport
	// what consent kept out (policies.Gate.Withheld)
	withheldRows     int64
	withheldSubjects int
	withheldBy       map[string]int
}

// deliveryHandler serves /extracts/CID to ticket holders, recording every
// download in the access log of the subjects whose rows it holds.
func (s *Server) deliveryHandler() *delivery.Server {
	return delivery.NewServer(delivery.Options{Store: s.opts.Store, Tickets: s.tickets,
		Record: func(ctx context.Context, g delivery.Grant, format string, rows int64) error {
			if s.opts.Registry == nil || s.opts.Signer == nil {
				return nil
			}
			return s.opts.Registry.LogDownload(ctx, g.Extract, g.Holder, format, rows, s.opts.Signer)
		},
		Notice: func(ctx context.Context, extract cid.Cid) string {
			if s.opts.Registry == nil {
				return ""
			}
			if a, err := s.opts.Registry.Affected(extract); err == nil && len(a) > 0 {
				return fmt.Sprintf("%d subject(s) revoked consent since this extract was made: stop using their rows, and request a fresh extract (see your notices)", len(a))
			}
			return ""
		}})
}

func extractArgs() gql.FieldConfigArgument {
	str, strNN, boolean := gql.String, gql.NewNonNull(gql.String), gql.Boolean
	return gql.FieldConfigArgument{
		"dataset":            {Type: strNN, Description: "the raw dataset's manifest"},
		"purpose":            {Type: strNN, Description: "what the extract is for, in the requester's words (recorded)"},
		"use":                {Type: strNN, Description: "the use consents are matched against: research, hmb, disease (with disease), poa"},
		"disease":            {Type: str, Description: "MONDO ids, comma-separated, for use disease: a consent must cover every one"},
		"study":              {Type: str, Description: "the study whose consents and pseudonym secret apply; default the dataset's CID"},
		"title":              {Type: str},
		"columns":            {Type: gql.NewList(gql.NewNonNull(gql.String)), Description: "columns to deliver, in order; default every column Safe Harbor keeps"},
		"k":                  {Type: gql.Int, DefaultValue: 5, Description: "smallest equivalence class over the quasi-identifiers"},
		"l":                  {Type: gql.Int, Description: "distinct sensitive values per class (with sensitive)"},
		"sensitive":          {Type: str},
		"maxSuppression":     {Type: gql.Float, DefaultValue: 0.05, Description: "fraction of rows that may be suppressed"},
		"format":             {Type: str, DefaultValue: "parquet", Description: "arrow, parquet or csv"},
		"nonprofit":          {Type: boolean},
		"commercial":         {Type: boolean},
		"publish":            {Type: boolean},
		"returnResults":      {Type: boolean},
		"methodsDevelopment": {Type: boolean},
		"genetic":            {Type: boolean},
		"irb":                {Type: str},
		"region":             {Type: str},
		"project":            {Type: str},
		"institution":        {Type: str},
		"collaborators":      {Type: gql.NewList(gql.NewNonNull(gql.String))},
	}
}

func (s *Server) resolveRequestExtract(p gql.ResolveParams) (any, error) {
	sess, err := s.needRole(p.Context, RoleResearcher, RoleSteward)
	if err != nil {
		return nil, err
	}
	signer, err := s.needSigner()
	if err != nil {
		return nil, err
	}
	if s.opts.Registry == nil || s.opts.Stewards == nil || len(s.opts.StewardIdentities) == 0 {
		return nil, coded(CodeUnavailable, fmt.Errorf("extracts (no steward key on this server): %w", errUnavailable))
	}
	a := p.Args
	arg := func(k string) string { v, _ := a[k].(string); return v }
	flag := func(k string) *bool {
		if v, ok := a[k].(bool); ok {
			return &v
		}
		return nil
	}
	strs := func(k string) []string {
		var out []string
		if l, ok := a[k].([]any); ok {
			for _, x := range l {
				out = append(out, x.(string))
			}
		}
		return out
	}
	dataset, err := parseCIDArg(arg("dataset"))
	if err != nil {
		return nil, err
	}
	format, err := datasets.ParseFormat(arg("format"))
	if err != nil {
		return nil, coded(CodeBadUserInput, err)
	}
	raw, err := s.manifest(p.Context, dataset)
	if err != nil {
		return nil, err
	}
	if raw.Kind != notary.KindDataset || raw.Content == nil || !raw.Content.Sealed.Defined() {
		return nil, coded(CodeBadUserInput, fmt.Errorf("%s is not a raw dataset (desci datasets add)", dataset))
	}
	req := datasets.Request{Dataset: dataset, Identities: s.opts.StewardIdentities, Study: arg("study"),
		Requester: sess.Address.Hex(), Purpose: arg("purpose"), Title: arg("title"), Columns: strs("columns"), Format: format}
	if req.Study == "" {
		req.Study = dataset.String()
	}
	req.K.K, _ = a["k"].(int)
	req.K.L, _ = a["l"].(int)
	req.K.Sensitive = arg("sensitive")
	req.K.MaxSuppression, _ = a["maxSuppression"].(float64)
	if req.K.MaxSuppression == 0 {
		req.K.MaxSuppression = -1 // as the CLI: 0 means none may be suppressed
	}
	if strings.TrimSpace(req.Purpose) == "" {
		return nil, coded(CodeBadUserInput, errors.New("an extract needs a purpose"))
	}
	if req.Secret, err = s.opts.Stewards.StudySecret(req.Study, req.Identities, true); err != nil {
		return nil, err
	}
	preq := policies.Request{Purpose: strings.ToLower(arg("use")), Diseases: splitList(arg("disease")), Requester: req.Requester,
		IRB: arg("irb"), Collaborators: strs("collaborators"), Region: arg("region"), Project: arg("project"), Institution: arg("institution"),
		Nonprofit: flag("nonprofit"), Commercial: flag("commercial"), Publish: flag("publish"),
		ReturnResults: flag("returnResults"), MethodsDevelopment: flag("methodsDevelopment"), Genetic: flag("genetic")}
	gate, err := s.opts.Registry.NewGate(p.Context, policies.GateOptions{Study: req.Study, Dataset: dataset, Policy: s.opts.Policy,
		Ontology: s.opts.Ontology, Request: preq, Purpose: req.Purpose}, signer)
	if err != nil {
		return nil, err
	}
	req.Consent = gate
	dir, err := os.MkdirTemp("", "desci-extract-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // the extract is in the store once notarized
	ex, err := datasets.NotarizeExtract(p.Context, s.opts.Store, req, filepath.Join(dir, "extract."+string(format)), signer)
	if err != nil {
		return nil, err
	}
	s.manifests.put(ex.CID, ex.Manifest)
	g := &extractGrant{n: &node{c: ex.CID, m: ex.Manifest}, rows: ex.Result.Rows, risk: ex.Result.Report,
		expires: s.opts.Now().Add(s.opts.TicketTTL).UTC().Truncate(time.Second)}
	g.withheldRows, g.withheldSubjects, g.withheldBy = gate.Withheld()
	g.ticket = s.tickets.Issue(delivery.Grant{Extract: ex.CID, Holder: req.Requester, Expires: g.expires})
	g.url = "/extracts/" + ex.CID.String()
	return g, nil
}

// resolveExtractTicket issues a fresh ticket for an extract the session
// requested (or any extract, for a steward).
func (s *Server) resolveExtractTicket(p gql.ResolveParams) (any, error) {
	sess, err := s.needSession(p.Context)
	if err != nil {
		return nil, err
	}
	c, err := parseCIDArg(p.Args["cid"].(string))
	if err != nil {
		return nil, err
	}
	m, err := s.manifest(p.Context, c)
	if err != nil {
		return nil, err
	}
	if m.Kind != notary.KindExtract || m.Extract == nil {
		return nil, coded(CodeBadUserInput, fmt.Errorf("%s is not an extract", c))
	}
	if !strings.EqualFold(m.Extract.Requester, sess.Address.Hex()) && !sess.Has(RoleSteward) {
		return nil, coded(CodeForbidden, errors.New("an extract is downloaded by its requester (or a steward)"))
	}
	if s.opts.Registry != nil {
		// Rows a patient has withdrawn are not handed out again: tickets
		// issued before keep working until they expire, and the holder has
		// the notice.
		affected, err := s.opts.Registry.Affected(c)
		if err != nil {
			return nil, err
		}
		if len(affected) > 0 {
			return nil, coded(CodeForbidden, fmt.Errorf("%w: %s: %d subject(s) revoked consent since it was made; request a fresh extract (requestExtract), which leaves their rows out",
				policies.ErrRevokedSince, c, len(affected)))
		}
	}
	g := &extractGrant{n: &node{c: c, m: m}, expires: s.opts.Now().Add(s.opts.TicketTTL).UTC().Truncate(time.Second), url: "/extracts/" + c.String()}
	g.ticket = s.tickets.Issue(delivery.Grant{Extract: c, Holder: sess.Address.Hex(), Expires: g.expires})
	if b, err := s.rawBlock(p.Context, m.Extract.Risk); err == nil && b != nil {
		if r, err := decodeRisk(b); err == nil {
			g.risk, g.rows = *r, r.Rows
		}
	}
	return g, nil
}

func decodeRisk(b []byte) (*datasets.RiskReport, error) {
	var r datasets.RiskReport
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("risk report: %w", err)
	}
	return &r, nil
}

// splitList splits a comma-separated argument, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
