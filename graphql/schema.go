package graphql

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ipfs/go-cid"

	gql "github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/policies"
)

// maxPage is the largest page a connection returns.
const maxPage = 100

// node is a manifest as the resolvers see it. batch, when set, holds the
// anchoring status of the whole page it came in, read at once.
type node struct {
	c     cid.Cid
	m     *notary.Manifest
	batch *pageStatus
}

// pageStatus is a page's queue membership and receipts, read in two
// index reads however long the page is.
type pageStatus struct {
	queued   map[cid.Cid]bool
	receipts map[cid.Cid][]byte
}

func parseCIDArg(s string) (cid.Cid, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, coded(CodeBadUserInput, fmt.Errorf("%q is not a CID", s))
	}
	return c, nil
}

// manifest reads a manifest through the cache: a CID names one manifest
// forever, so a decoded, signature-checked copy stays right.
func (s *Server) manifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error) {
	if m, ok := s.manifests.get(c); ok {
		return m, nil
	}
	m, err := s.opts.Store.Manifest(ctx, c)
	if err != nil {
		return nil, err
	}
	s.manifests.put(c, m)
	return m, nil
}

func (s *Server) receiptOf(n *node) ([]byte, error) {
	if n.batch != nil {
		return n.batch.receipts[n.c], nil
	}
	doc, ok, err := s.ix.Receipt(n.c)
	if !ok {
		doc = nil
	}
	return doc, err
}

// statusReader is an index that answers receipt and queue in one read
// (a database's, where each read is a round trip).
type statusReader interface {
	Status(c cid.Cid) (receipt []byte, queued bool, err error)
}

func (s *Server) statusOf(n *node) (string, error) {
	if sr, ok := s.ix.(statusReader); ok && n.batch == nil {
		doc, queued, err := sr.Status(n.c)
		switch {
		case err != nil:
			return "", err
		case doc != nil:
			return "ANCHORED", nil
		case queued:
			return "QUEUED", nil
		}
		return "NOT_QUEUED", nil
	}
	doc, err := s.receiptOf(n)
	if err != nil {
		return "", err
	}
	if doc != nil {
		return "ANCHORED", nil
	}
	var queued bool
	if n.batch != nil {
		queued = n.batch.queued[n.c]
	} else if queued, err = s.ix.Queued(n.c); err != nil {
		return "", err
	}
	if queued {
		return "QUEUED", nil
	}
	return "NOT_QUEUED", nil
}

var longScalar = gql.NewScalar(gql.ScalarConfig{
	Name:        "Long",
	Description: "A 64-bit integer (sizes, block numbers), as a JSON number.",
	Serialize: func(v any) any {
		switch v := v.(type) {
		case uint64, int64, int, uint32, int32:
			return v
		}
		return nil
	},
	ParseValue: func(v any) any {
		switch v := v.(type) {
		case int:
			return int64(v)
		case float64:
			return int64(v)
		}
		return nil
	},
	ParseLiteral: func(v ast.Value) any {
		if iv, ok := v.(*ast.IntValue); ok {
			var n int64
			fmt.Sscan(iv.Value, &n)
			return n
		}
		return nil
	},
})

var jsonScalar = gql.NewScalar(gql.ScalarConfig{
	Name:        "JSON",
	Description: "A JSON document, as it is stored.",
	Serialize: func(v any) any {
		switch v := v.(type) {
		case json.RawMessage:
			return v
		case []byte:
			return json.RawMessage(v)
		}
		return v
	},
	ParseValue:   func(v any) any { return v },
	ParseLiteral: literalJSON,
})

// literalJSON is a JSON argument written in the query itself.
func literalJSON(v ast.Value) any {
	switch v := v.(type) {
	case *ast.ObjectValue:
		m := map[string]any{}
		for _, f := range v.Fields {
			m[f.Name.Value] = literalJSON(f.Value)
		}
		return m
	case *ast.ListValue:
		l := []any{}
		for _, x := range v.Values {
			l = append(l, literalJSON(x))
		}
		return l
	case *ast.IntValue:
		return json.Number(v.Value)
	case *ast.FloatValue:
		return json.Number(v.Value)
	case *ast.StringValue:
		return v.Value
	case *ast.EnumValue:
		return v.Value
	case *ast.BooleanValue:
		return v.Value
	}
	return nil
}

func nonNull(t gql.Output) gql.Output { return gql.NewNonNull(t) }
func listOf(t gql.Type) gql.Output    { return gql.NewNonNull(gql.NewList(gql.NewNonNull(t))) }

// field makes a field resolved from the source by f.
func field[S any](t gql.Output, desc string, f func(ctx context.Context, src S) (any, error)) *gql.Field {
	return &gql.Field{Type: t, Description: desc, Resolve: func(p gql.ResolveParams) (any, error) {
		src, ok := p.Source.(S)
		if !ok {
			return nil, fmt.Errorf("graphql: internal: source is %T", p.Source)
		}
		return f(p.Context, src)
	}}
}

func cidString(c cid.Cid) any {
	if !c.Defined() {
		return nil
	}
	return c.String()
}

func strOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func timeString(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func (s *Server) buildSchema() (gql.Schema, error) {
	str, strNN := gql.String, nonNull(gql.String)
	statusEnum := gql.NewEnum(gql.EnumConfig{Name: "AnchorStatus", Description: "Where a manifest stands on its way to the chain.", Values: gql.EnumValueConfigMap{
		"ANCHORED":   {Value: "ANCHORED", Description: "in an anchored Merkle batch; the receipt proves it"},
		"QUEUED":     {Value: "QUEUED", Description: "waiting for the next anchoring"},
		"NOT_QUEUED": {Value: "NOT_QUEUED", Description: "imported, or anchored elsewhere: this server holds no receipt"},
	}})
	author := gql.NewObject(gql.ObjectConfig{Name: "Author", Fields: gql.Fields{
		"name":  field(strNN, "", func(_ context.Context, a notary.Author) (any, error) { return a.Name, nil }),
		"orcid": field(str, "ORCID iD, checksum verified", func(_ context.Context, a notary.Author) (any, error) { return strOrNil(a.ORCID), nil }),
	}})
	file := gql.NewObject(gql.ObjectConfig{Name: "File", Fields: gql.Fields{
		"path": field(strNN, "slash-separated, relative to the content root", func(_ context.Context, f notary.File) (any, error) { return f.Path, nil }),
		"cid":  field(strNN, "", func(_ context.Context, f notary.File) (any, error) { return f.CID.String(), nil }),
		"size": field(nonNull(longScalar), "bytes", func(_ context.Context, f notary.File) (any, error) { return f.Size, nil }),
	}})
	content := gql.NewObject(gql.ObjectConfig{Name: "Content", Fields: gql.Fields{
		"root":    field(strNN, "UnixFS root, as Kubo computes it", func(_ context.Context, c *notary.Content) (any, error) { return c.Root.String(), nil }),
		"profile": field(strNN, "import profile that recomputes root", func(_ context.Context, c *notary.Content) (any, error) { return c.Profile, nil }),
		"files":   field(listOf(file), "", func(_ context.Context, c *notary.Content) (any, error) { return c.Files, nil }),
		"sealed":  field(str, "root of the encrypted copy, for sealed raw data", func(_ context.Context, c *notary.Content) (any, error) { return cidString(c.Sealed), nil }),
	}})
	receipt := gql.NewObject(gql.ObjectConfig{Name: "Receipt", Description: "Proof that a manifest was anchored (doc/receipt.md).", Fields: gql.Fields{
		"chainId":     field(nonNull(longScalar), "", func(_ context.Context, r *receiptView) (any, error) { return r.ChainID, nil }),
		"contract":    field(strNN, "", func(_ context.Context, r *receiptView) (any, error) { return r.Contract.Hex(), nil }),
		"tx":          field(strNN, "", func(_ context.Context, r *receiptView) (any, error) { return r.Tx.Hex(), nil }),
		"blockNumber": field(nonNull(longScalar), "", func(_ context.Context, r *receiptView) (any, error) { return r.BlockNumber, nil }),
		"blockHash":   field(strNN, "", func(_ context.Context, r *receiptView) (any, error) { return r.BlockHash.Hex(), nil }),
		"blockTime":   field(strNN, "RFC 3339, UTC", func(_ context.Context, r *receiptView) (any, error) { return timeString(r.BlockTime), nil }),
		"root":        field(strNN, "Merkle root", func(_ context.Context, r *receiptView) (any, error) { return r.Root, nil }),
		"submitter":   field(strNN, "", func(_ context.Context, r *receiptView) (any, error) { return r.Submitter.Hex(), nil }),
		"proof":       field(listOf(gql.String), "", func(_ context.Context, r *receiptView) (any, error) { return r.Proof, nil }),
		"document":    field(nonNull(jsonScalar), "the receipt document, for desci verify --receipt", func(_ context.Context, r *receiptView) (any, error) { return json.RawMessage(r.doc), nil }),
	}})
	risk := gql.NewObject(gql.ObjectConfig{Name: "RiskReport", Description: "Re-identification risk of an extract.", Fields: gql.Fields{
		"rows":                  field(nonNull(gql.Int), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.Rows, nil }),
		"kAchieved":             field(nonNull(gql.Int), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.K, nil }),
		"rowsSuppressed":        field(nonNull(gql.Int), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.Suppressed, nil }),
		"equivalenceClasses":    field(nonNull(gql.Int), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.Classes, nil }),
		"prosecutorRiskHighest": field(nonNull(gql.Float), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.ProsecutorHighest, nil }),
		"prosecutorRiskAverage": field(nonNull(gql.Float), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.ProsecutorAverage, nil }),
		"journalistRiskHighest": field(nonNull(gql.Float), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.JournalistHighest, nil }),
		"journalistRiskAverage": field(nonNull(gql.Float), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.JournalistAverage, nil }),
		"marketerRisk":          field(nonNull(gql.Float), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.MarketerRisk, nil }),
		"recordsAtHighestRisk":  field(nonNull(gql.Int), "", func(_ context.Context, r *datasets.RiskReport) (any, error) { return r.RecordsAtHighestRisk, nil }),
	}})
	revoked := gql.NewObject(gql.ObjectConfig{Name: "Revoked", Description: "A subject who revoked consent after an extract held their rows.", Fields: gql.Fields{
		"subject":    field(strNN, "", func(_ context.Context, r policies.Revoked) (any, error) { return r.Subject, nil }),
		"revocation": field(strNN, "the revocation's EIP-712 hash", func(_ context.Context, r policies.Revoked) (any, error) { return r.Revocation.Hex(), nil }),
	}})

	var manifest *gql.Object
	provenance := gql.NewObject(gql.ObjectConfig{Name: "Provenance", Description: "How an extract was made.", Fields: gql.FieldsThunk(func() gql.Fields {
		return gql.Fields{
			"datasetCid": field(strNN, "the raw dataset's manifest", func(_ context.Context, p *notary.Provenance) (any, error) { return p.Dataset.String(), nil }),
			"dataset": field(manifest, "the raw dataset's manifest, if stored here", func(ctx context.Context, p *notary.Provenance) (any, error) {
				m, err := s.manifest(ctx, p.Dataset)
				if errors.Is(err, notary.ErrNotFound) {
					return nil, nil
				}
				if err != nil {
					return nil, err
				}
				return &node{c: p.Dataset, m: m}, nil
			}),
			"settings": field(jsonScalar, "the de-identification settings", func(ctx context.Context, p *notary.Provenance) (any, error) { return s.rawJSON(ctx, p.Settings) }),
			"risk": field(risk, "the re-identification risk report", func(ctx context.Context, p *notary.Provenance) (any, error) {
				b, err := s.rawBlock(ctx, p.Risk)
				if b == nil || err != nil {
					return nil, err
				}
				return decodeRisk(b)
			}),
			"riskDocument": field(jsonScalar, "the risk report as stored", func(ctx context.Context, p *notary.Provenance) (any, error) { return s.rawJSON(ctx, p.Risk) }),
			"study":        field(strNN, "", func(_ context.Context, p *notary.Provenance) (any, error) { return p.Study, nil }),
			"requester":    field(strNN, "", func(_ context.Context, p *notary.Provenance) (any, error) { return p.Requester, nil }),
			"purpose":      field(strNN, "", func(_ context.Context, p *notary.Provenance) (any, error) { return p.Purpose, nil }),
			"policy":       field(str, "the policy bundle's hash, when rows were filtered by consent", func(_ context.Context, p *notary.Provenance) (any, error) { return strOrNil(p.Policy), nil }),
			"consentRoot": field(str, "Merkle root of the consents in force", func(_ context.Context, p *notary.Provenance) (any, error) {
				if p.Policy == "" {
					return nil, nil
				}
				return p.ConsentRoot.Hex(), nil
			}),
			"consents": field(jsonScalar, "the consent snapshot", func(ctx context.Context, p *notary.Provenance) (any, error) { return s.rawJSON(ctx, p.Consents) }),
		}
	})})
	manifest = gql.NewObject(gql.ObjectConfig{Name: "Manifest", Description: "A signed, content-addressed manifest (doc/manifest.md).", Fields: gql.FieldsThunk(func() gql.Fields {
		m := func(t gql.Output, desc string, f func(*notary.Manifest) any) *gql.Field {
			return field(t, desc, func(_ context.Context, n *node) (any, error) { return f(n.m), nil })
		}
		return gql.Fields{
			"cid":         field(strNN, "", func(_ context.Context, n *node) (any, error) { return n.c.String(), nil }),
			"kind":        m(strNN, "dataset, method, result, correction, extract, ...", func(m *notary.Manifest) any { return m.Kind }),
			"title":       m(strNN, "", func(m *notary.Manifest) any { return m.Title }),
			"description": m(str, "", func(m *notary.Manifest) any { return strOrNil(m.Description) }),
			"authors":     m(listOf(author), "", func(m *notary.Manifest) any { return m.Authors }),
			"license":     m(str, "SPDX", func(m *notary.Manifest) any { return strOrNil(m.License) }),
			"keywords":    m(listOf(gql.String), "", func(m *notary.Manifest) any { return m.Keywords }),
			"created":     m(strNN, "RFC 3339, UTC", func(m *notary.Manifest) any { return timeString(m.Created) }),
			"signer":      m(strNN, "who signed it (EIP-191); the signature was checked", func(m *notary.Manifest) any { return m.Signer.Hex() }),
			"signature":   m(strNN, "", func(m *notary.Manifest) any { return hexutil.Encode(m.Signature) }),
			"content": m(content, "what it publishes; null for a correction without replacement", func(m *notary.Manifest) any {
				if m.Content == nil {
					return nil
				}
				return m.Content
			}),
			"supersedes": m(str, "the version it replaces", func(m *notary.Manifest) any { return cidString(m.Supersedes) }),
			"corrects":   m(str, "the manifest it corrects", func(m *notary.Manifest) any { return cidString(m.Corrects) }),
			"reason":     m(str, "why, for a correction", func(m *notary.Manifest) any { return strOrNil(m.Reason) }),
			"dictionary": m(str, "a dataset's data dictionary", func(m *notary.Manifest) any { return cidString(m.Dictionary) }),
			"dictionaryDocument": field(str, "the data dictionary itself (doc/data-dictionary.md), YAML", func(ctx context.Context, n *node) (any, error) {
				if !n.m.Dictionary.Defined() {
					return nil, nil
				}
				b, err := s.opts.Store.ReadFile(ctx, n.m.Dictionary, 1<<20)
				if errors.Is(err, notary.ErrNotFound) {
					return nil, nil
				}
				if err != nil {
					return nil, err
				}
				return string(b), nil
			}),
			"extract": m(provenance, "an extract's provenance", func(m *notary.Manifest) any {
				if m.Extract == nil {
					return nil
				}
				return m.Extract
			}),
			"status": field(nonNull(statusEnum), "", func(_ context.Context, n *node) (any, error) { return s.statusOf(n) }),
			"receipt": field(receipt, "null until anchored", func(_ context.Context, n *node) (any, error) {
				doc, err := s.receiptOf(n)
				if doc == nil || err != nil {
					return nil, err
				}
				return parseReceipt(doc)
			}),
			"versions": field(listOf(manifest), "every version of the object, oldest first, this one included", func(ctx context.Context, n *node) (any, error) {
				h, err := s.opts.Store.History(ctx, n.c)
				if err != nil {
					return nil, err
				}
				out := []*node{}
				for _, e := range h {
					if e.Manifest.Kind != notary.KindCorrection {
						out = append(out, &node{c: e.CID, m: e.Manifest})
					}
				}
				return out, nil
			}),
			"corrections": field(listOf(manifest), "corrections of this manifest, oldest first", func(ctx context.Context, n *node) (any, error) {
				cs, err := s.opts.Store.Corrections(ctx, n.c)
				if err != nil {
					return nil, err
				}
				out := []*node{}
				for _, e := range cs {
					out = append(out, &node{c: e.CID, m: e.Manifest})
				}
				return out, nil
			}),
			"revokedSince": field(gql.NewList(gql.NewNonNull(revoked)), "for an extract, shown to its holder (requester) and stewards only: subjects who revoked consent since it was made; null for anyone else", func(ctx context.Context, n *node) (any, error) {
				if s.opts.Registry == nil || n.m.Kind != notary.KindExtract {
					return []policies.Revoked{}, nil
				}
				// Who revoked is the patient's business: the holder must act
				// on it and the steward keeps the registry; no one else.
				sess := sessionOf(ctx)
				if sess == nil || n.m.Extract == nil || !strings.EqualFold(n.m.Extract.Requester, sess.Address.Hex()) && !sess.Has(RoleSteward) {
					return nil, nil
				}
				r, err := s.opts.Registry.Affected(n.c)
				if r == nil {
					r = []policies.Revoked{}
				}
				return r, err
			}),
		}
	})})
	pageInfo := gql.NewObject(gql.ObjectConfig{Name: "PageInfo", Fields: gql.Fields{
		"hasNextPage": field(nonNull(gql.Boolean), "", func(_ context.Context, c *connection) (any, error) { return c.hasNext, nil }),
		"endCursor":   field(str, "", func(_ context.Context, c *connection) (any, error) { return strOrNil(c.endCursor()), nil }),
	}})
	edge := gql.NewObject(gql.ObjectConfig{Name: "ManifestEdge", Fields: gql.Fields{
		"cursor": field(strNN, "", func(_ context.Context, n *node) (any, error) { return cursorOf(n.c), nil }),
		"node":   field(nonNull(manifest), "", func(_ context.Context, n *node) (any, error) { return n, nil }),
	}})
	conn := gql.NewObject(gql.ObjectConfig{Name: "ManifestConnection", Fields: gql.Fields{
		"edges":      field(listOf(edge), "", func(_ context.Context, c *connection) (any, error) { return c.nodes, nil }),
		"nodes":      field(listOf(manifest), "the edges' nodes, without cursors", func(_ context.Context, c *connection) (any, error) { return c.nodes, nil }),
		"pageInfo":   field(nonNull(pageInfo), "", func(_ context.Context, c *connection) (any, error) { return c, nil }),
		"totalCount": field(nonNull(gql.Int), "matches over all pages", func(_ context.Context, c *connection) (any, error) { return c.total, nil }),
	}})
	verification := gql.NewObject(gql.ObjectConfig{Name: "Verification", Description: "What verify established, or the first check that failed.", Fields: gql.Fields{
		"ok":             field(nonNull(gql.Boolean), "every check held", func(_ context.Context, v *verifyView) (any, error) { return v.ok, nil }),
		"failedCheck":    field(str, "the first check that failed: content changed, manifest signature, proof, wrong chain, root not anchored, block mismatch", func(_ context.Context, v *verifyView) (any, error) { return strOrNil(v.failed), nil }),
		"error":          field(str, "why it failed", func(_ context.Context, v *verifyView) (any, error) { return strOrNil(v.err), nil }),
		"manifest":       field(strNN, "", func(_ context.Context, v *verifyView) (any, error) { return v.c.String(), nil }),
		"contentChecked": field(nonNull(gql.Boolean), "the stored files were re-hashed (not for sealed content)", func(_ context.Context, v *verifyView) (any, error) { return v.contentChecked, nil }),
		"signer": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.Signer.Hex() }), nil
		}),
		"chainId": field(longScalar, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.num(func(x *notary.Verification) uint64 { return x.ChainID }), nil
		}),
		"contract": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.Contract.Hex() }), nil
		}),
		"tx": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.Tx.Hex() }), nil
		}),
		"submitter": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.Submitter.Hex() }), nil
		}),
		"blockNumber": field(longScalar, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.num(func(x *notary.Verification) uint64 { return x.BlockNumber }), nil
		}),
		"blockHash": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.BlockHash.Hex() }), nil
		}),
		"blockTime": field(str, "", func(_ context.Context, v *verifyView) (any, error) {
			return v.hex(func(x *notary.Verification) string { return x.BlockTime.UTC().Format(time.RFC3339) }), nil
		}),
		"final": field(nonNull(gql.Boolean), "the block is at or below the chain's finalized head", func(_ context.Context, v *verifyView) (any, error) { return v.v != nil && v.v.Final, nil }),
	}})
	session := gql.NewObject(gql.ObjectConfig{Name: "Session", Fields: gql.Fields{
		"token":   field(strNN, "send as Authorization: Bearer TOKEN", func(_ context.Context, x *Session) (any, error) { return x.Token, nil }),
		"address": field(strNN, "", func(_ context.Context, x *Session) (any, error) { return x.Address.Hex(), nil }),
		"roles":   field(listOf(gql.String), "researcher, steward, reviewer, operator", func(_ context.Context, x *Session) (any, error) { return x.Roles, nil }),
		"expires": field(strNN, "", func(_ context.Context, x *Session) (any, error) { return timeString(x.Expires), nil }),
	}})
	sessionInfo := gql.NewObject(gql.ObjectConfig{Name: "SessionInfo", Description: "A live session, as its owner sees it: never its token.", Fields: gql.Fields{
		"id":      field(strNN, "what revokeSession takes", func(_ context.Context, x sessionView) (any, error) { return x.s.ID, nil }),
		"created": field(strNN, "", func(_ context.Context, x sessionView) (any, error) { return timeString(x.s.Created), nil }),
		"expires": field(strNN, "", func(_ context.Context, x sessionView) (any, error) { return timeString(x.s.Expires), nil }),
		"current": field(nonNull(gql.Boolean), "the session this request is made with", func(_ context.Context, x sessionView) (any, error) { return x.current, nil }),
	}})
	consentRecord := gql.NewObject(gql.ObjectConfig{Name: "ConsentRecord", Description: "An accepted consent or revocation (doc/consent.md).", Fields: gql.Fields{
		"hash":     field(strNN, "the EIP-712 digest", func(_ context.Context, r *policies.Record) (any, error) { return r.Hash.Hex(), nil }),
		"kind":     field(strNN, "consent or revocation", func(_ context.Context, r *policies.Record) (any, error) { return r.Kind, nil }),
		"study":    field(strNN, "", func(_ context.Context, r *policies.Record) (any, error) { return r.Study, nil }),
		"subject":  field(strNN, "", func(_ context.Context, r *policies.Record) (any, error) { return r.Subject, nil }),
		"signer":   field(strNN, "", func(_ context.Context, r *policies.Record) (any, error) { return r.Signer.Hex(), nil }),
		"manifest": field(strNN, "the notarized document's manifest", func(_ context.Context, r *policies.Record) (any, error) { return r.Manifest, nil }),
		"accepted": field(strNN, "", func(_ context.Context, r *policies.Record) (any, error) { return timeString(r.Accepted), nil }),
		"document": field(nonNull(jsonScalar), "the signed document, wire form", func(_ context.Context, r *policies.Record) (any, error) { return r.Document, nil }),
	}})
	access := gql.NewObject(gql.ObjectConfig{Name: "PatientAccess", Description: "An extract request that touched one of the patient's subjects.", Fields: gql.Fields{
		"seq":          field(nonNull(longScalar), "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Seq, nil }),
		"time":         field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return timeString(a.Time), nil }),
		"dataset":      field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Dataset, nil }),
		"study":        field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Study, nil }),
		"subject":      field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Subject, nil }),
		"requester":    field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Requester, nil }),
		"purpose":      field(strNN, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Purpose, nil }),
		"allowed":      field(nonNull(gql.Boolean), "", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Allowed, nil }),
		"outcome":      field(strNN, "released, or why the rows were withheld", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.Outcome, nil }),
		"extract":      field(str, "", func(_ context.Context, a policies.PatientAccess) (any, error) { return strOrNil(a.Extract), nil }),
		"manifest":     field(str, "the log entry's own manifest", func(_ context.Context, a policies.PatientAccess) (any, error) { return strOrNil(a.Manifest), nil }),
		"rowsReleased": field(nonNull(longScalar), "over the whole extract", func(_ context.Context, a policies.PatientAccess) (any, error) { return a.RowsReleased, nil }),
	}})
	nodeStatus := gql.NewObject(gql.ObjectConfig{Name: "NodeStatus", Fields: gql.Fields{
		"chainId":   field(nonNull(longScalar), "the chain sign-in and consent documents are for", func(_ context.Context, _ *Server) (any, error) { return s.opts.ChainID, nil }),
		"signer":    field(str, "the server's own key", func(_ context.Context, _ *Server) (any, error) { return s.signerHex(), nil }),
		"queued":    field(nonNull(gql.Int), "manifests waiting for anchoring", func(_ context.Context, _ *Server) (any, error) { q, err := s.ix.Queue(); return len(q), err }),
		"manifests": field(nonNull(gql.Int), "manifests known to this data dir", func(_ context.Context, _ *Server) (any, error) { m, err := s.sortedManifests(); return len(m), err }),
		"chain":     field(nonNull(gql.Boolean), "a chain is connected (verify works)", func(_ context.Context, _ *Server) (any, error) { return s.opts.Chain != nil, nil }),
		"blockNumber": field(longScalar, "the chain's head; null without a chain", func(ctx context.Context, _ *Server) (any, error) {
			if s.opts.Chain == nil {
				return nil, nil
			}
			n, err := s.opts.Chain.BlockNumber(ctx)
			if err != nil {
				return nil, coded(CodeUnavailable, fmt.Errorf("chain: %w", err))
			}
			return n, nil
		}),
		"notaryContract": field(str, "where manifests are anchored", func(_ context.Context, _ *Server) (any, error) {
			if s.opts.NotaryContract == (common.Address{}) {
				return nil, nil
			}
			return s.opts.NotaryContract.Hex(), nil
		}),
		"grantsContract": field(str, "", func(_ context.Context, _ *Server) (any, error) {
			if s.opts.Grants == nil {
				return nil, nil
			}
			return s.opts.Grants.Contract().Hex(), nil
		}),
		"extracts": field(nonNull(gql.Boolean), "requestExtract works (a steward key is loaded)", func(_ context.Context, _ *Server) (any, error) {
			return s.opts.Stewards != nil && len(s.opts.StewardIdentities) > 0, nil
		}),
	}})

	withheld := gql.NewObject(gql.ObjectConfig{Name: "Withheld", Description: "Rows an extract left out for one reason.", Fields: gql.Fields{
		"reason": field(strNN, "why, in the policy's words", func(_ context.Context, w withheldRows) (any, error) { return w.Reason, nil }),
		"rows":   field(nonNull(gql.Int), "", func(_ context.Context, w withheldRows) (any, error) { return w.Rows, nil }),
	}})
	grant := gql.NewObject(gql.ObjectConfig{Name: "ExtractGrant", Description: "An extract and a ticket to download it.", Fields: gql.Fields{
		"cid":         field(strNN, "the extract's manifest", func(_ context.Context, g *extractGrant) (any, error) { return g.n.c.String(), nil }),
		"manifest":    field(nonNull(manifest), "", func(_ context.Context, g *extractGrant) (any, error) { return g.n, nil }),
		"ticket":      field(strNN, "send as Authorization: Bearer TICKET to downloadUrl, or as a Flight DoGet ticket", func(_ context.Context, g *extractGrant) (any, error) { return g.ticket, nil }),
		"downloadUrl": field(strNN, "GET it with the ticket; ?format=file (as notarized), arrows (Arrow IPC stream) or csv", func(_ context.Context, g *extractGrant) (any, error) { return g.url, nil }),
		"expires":     field(strNN, "when the ticket stops working", func(_ context.Context, g *extractGrant) (any, error) { return timeString(g.expires), nil }),
		"rows":        field(nonNull(gql.Int), "rows delivered", func(_ context.Context, g *extractGrant) (any, error) { return g.rows, nil }),
		"risk":        field(nonNull(risk), "", func(_ context.Context, g *extractGrant) (any, error) { return &g.risk, nil }),
		"rowsWithheld": field(nonNull(gql.Int), "rows left out because the subjects' consents do not allow this use (or there is no consent in force)",
			func(_ context.Context, g *extractGrant) (any, error) { return g.withheldRows, nil }),
		"subjectsWithheld": field(nonNull(gql.Int), "enrolled subjects whose rows were left out",
			func(_ context.Context, g *extractGrant) (any, error) { return g.withheldSubjects, nil }),
		"withheld": field(listOf(withheld), "rows left out by reason, as the access log records them; a row left out for two reasons counts under both",
			func(_ context.Context, g *extractGrant) (any, error) {
				out := make([]withheldRows, 0, len(g.withheldBy))
				for r, n := range g.withheldBy {
					out = append(out, withheldRows{r, n})
				}
				sort.Slice(out, func(i, j int) bool { return out[i].Reason < out[j].Reason })
				return out, nil
			}),
	}})
	notice := gql.NewObject(gql.ObjectConfig{Name: "Notice", Description: "A subject whose rows an extract of yours holds revoked their consent.", Fields: gql.Fields{
		"seq":        field(nonNull(longScalar), "", func(_ context.Context, n policies.Notice) (any, error) { return n.Seq, nil }),
		"event":      field(strNN, "consent.revoked", func(_ context.Context, n policies.Notice) (any, error) { return n.Event, nil }),
		"extract":    field(strNN, "", func(_ context.Context, n policies.Notice) (any, error) { return n.Extract, nil }),
		"study":      field(strNN, "", func(_ context.Context, n policies.Notice) (any, error) { return n.Study, nil }),
		"revocation": field(strNN, "", func(_ context.Context, n policies.Notice) (any, error) { return n.Revocation.Hex(), nil }),
		"time":       field(strNN, "", func(_ context.Context, n policies.Notice) (any, error) { return timeString(n.Time), nil }),
	}})

	query := gql.NewObject(gql.ObjectConfig{Name: "Query", Fields: gql.Fields{
		"notices": {Type: listOf(notice), Description: "Revocation notices for the signed-in holder's extracts, oldest first.", Resolve: func(p gql.ResolveParams) (any, error) {
			sess, err := s.needSession(p.Context)
			if err != nil {
				return nil, err
			}
			if s.opts.Registry == nil {
				return []policies.Notice{}, nil
			}
			ns, err := s.opts.Registry.Notices(sess.Address.Hex())
			if ns == nil {
				ns = []policies.Notice{}
			}
			return ns, err
		}},
		"manifest": {Type: manifest, Description: "A manifest by CID; null if this server does not have it.",
			Args: gql.FieldConfigArgument{"cid": {Type: strNN}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				c, err := parseCIDArg(p.Args["cid"].(string))
				if err != nil {
					return nil, err
				}
				m, err := s.manifest(p.Context, c)
				if errors.Is(err, notary.ErrNotFound) {
					return nil, nil
				}
				if err != nil {
					return nil, err
				}
				if m.Kind == notary.KindConsent && !isSteward(p.Context) {
					return nil, coded(CodeForbidden, errors.New("consent documents are shown to their patients (query consents) and stewards"))
				}
				return &node{c: c, m: m}, nil
			}},
		"manifests": {Type: nonNull(conn), Description: "Search manifests, newest first.",
			Args: gql.FieldConfigArgument{
				"kind":    {Type: str, Description: "only this kind"},
				"keyword": {Type: str, Description: "only manifests with this keyword (case-insensitive)"},
				"author":  {Type: str, Description: "only manifests with an author whose name contains this, or with this ORCID iD"},
				"signer":  {Type: str, Description: "only manifests signed by this address"},
				"first":   {Type: gql.Int, DefaultValue: 20, Description: "page size, at most 100"},
				"after":   {Type: str, Description: "the endCursor of the previous page"},
			},
			Resolve: s.resolveManifests},
		"verify": {Type: nonNull(verification), Description: "Check a stored manifest against its receipt, its stored content and the chain.",
			Args: gql.FieldConfigArgument{"cid": {Type: strNN}}, Resolve: s.resolveVerify},
		"me": {Type: session, Description: "The signed-in session, or null.", Resolve: func(p gql.ResolveParams) (any, error) {
			if sess := sessionOf(p.Context); sess != nil {
				return sess, nil
			}
			return nil, nil
		}},
		"sessions": {Type: listOf(sessionInfo), Description: "The signed-in address's live sessions, oldest first (revokeSession ends one).", Resolve: func(p gql.ResolveParams) (any, error) {
			sess, err := s.needSession(p.Context)
			if err != nil {
				return nil, err
			}
			mine, err := s.sessions.of(sess.Address)
			if err != nil {
				return nil, err
			}
			out := []sessionView{}
			for _, x := range mine {
				out = append(out, sessionView{x, x.ID == sess.ID})
			}
			return out, nil
		}},
		"consents": {Type: listOf(consentRecord), Description: "The signed-in patient's own consents and revocations, oldest first.", Resolve: func(p gql.ResolveParams) (any, error) {
			sess, err := s.needSession(p.Context)
			if err != nil {
				return nil, err
			}
			if err := s.needRegistry(); err != nil {
				return nil, err
			}
			r, err := s.opts.Registry.Signed(sess.Address)
			if r == nil {
				r = []*policies.Record{}
			}
			return r, err
		}},
		"accessLog": {Type: listOf(access), Description: "Every extract request that touched the patient's rows, oldest first. Patients see their own; stewards anyone's.",
			Args: gql.FieldConfigArgument{"patient": {Type: str, Description: "default: the signed-in address"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				who := sess.Address
				if a, ok := p.Args["patient"].(string); ok && a != "" {
					if !common.IsHexAddress(a) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("patient %q is not an address", a))
					}
					who = common.HexToAddress(a)
				}
				if who != sess.Address && !sess.Has(RoleSteward) {
					return nil, coded(CodeForbidden, errors.New("a patient sees only their own access log"))
				}
				if err := s.needRegistry(); err != nil {
					return nil, err
				}
				l, err := s.opts.Registry.AccessLog(who)
				if l == nil {
					l = []policies.PatientAccess{}
				}
				return l, err
			}},
		"consentToSign": {Type: nonNull(jsonScalar), Description: "The EIP-712 typed data of a consent for the signed-in patient's wallet to sign (eth_signTypedData_v4), with the nonce the registry expects. Submit {\"typedData\": ..., \"signature\": ...} with submitConsent.",
			Args: consentArgs(), Resolve: s.resolveConsentToSign},
		"consentDomain": {Type: nonNull(jsonScalar), Description: "The EIP-712 domain consents and revocations are signed in: this deployment's chain and salt (doc/consent.md). A document signed in another domain is refused.",
			Resolve: func(gql.ResolveParams) (any, error) {
				if err := s.needRegistry(); err != nil {
					return nil, err
				}
				return typedDataJSON(s.opts.Registry.Domain())
			}},
		"revocationToSign": {Type: nonNull(jsonScalar), Description: "The typed data of a revocation of the subject's consent in force, for the patient's wallet.",
			Args:    gql.FieldConfigArgument{"study": {Type: strNN}, "subject": {Type: strNN}},
			Resolve: s.resolveRevocationToSign},
		"node": {Type: nonNull(nodeStatus), Description: "This server: its chain, key and anchoring queue.", Resolve: func(gql.ResolveParams) (any, error) { return s, nil }},
	}})

	authorInput := gql.NewInputObject(gql.InputObjectConfig{Name: "AuthorInput", Fields: gql.InputObjectConfigFieldMap{
		"name":  {Type: gql.NewNonNull(gql.String)},
		"orcid": {Type: gql.String},
	}})
	mutation := gql.NewObject(gql.ObjectConfig{Name: "Mutation", Fields: gql.Fields{
		"siweNonce": {Type: strNN, Description: "A fresh nonce for a Sign-In with Ethereum (EIP-4361) message; usable once, for 10 minutes.",
			Resolve: func(p gql.ResolveParams) (any, error) {
				n, err := s.sessions.nonce(clientOfCtx(p.Context))
				if err != nil {
					return nil, coded(CodeUnavailable, err)
				}
				return n, nil
			}},
		"signIn": {Type: nonNull(session), Description: "Exchange an EIP-4361 message signed with personal_sign for a session.",
			Args: gql.FieldConfigArgument{"message": {Type: strNN}, "signature": {Type: strNN, Description: "0x-hex: a key's 65 bytes (v 0, 1, 27 or 28) or 64 (EIP-2098), or a smart account's ERC-1271 or ERC-6492 signature"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				hexSig := p.Args["signature"].(string)
				if len(hexSig) > 2+2*ethsig.MaxSize {
					return nil, coded(CodeUnauthenticated, fmt.Errorf("%w: signature longer than %d bytes", ErrSIWE, ethsig.MaxSize))
				}
				sig, err := hexutil.Decode(hexSig)
				if err != nil {
					return nil, coded(CodeUnauthenticated, fmt.Errorf("%w: signature is not 0x-hex", ErrSIWE))
				}
				return s.sessions.signIn(p.Context, s.sigChain(), p.Args["message"].(string), sig, s.domains, s.scheme, s.opts.ChainID, clientOfCtx(p.Context), s.rolesOf)
			}},
		"signOut": {Type: nonNull(gql.Boolean), Description: "End the session.", Resolve: func(p gql.ResolveParams) (any, error) {
			if sess := sessionOf(p.Context); sess != nil {
				if err := s.sessions.signOut(sess.Token); err != nil {
					return nil, err
				}
				return true, nil
			}
			return false, nil
		}},
		"revokeSession": {Type: nonNull(gql.Boolean), Description: "End one of your sessions, by the id the sessions query shows; false if you have none by that id.",
			Args: gql.FieldConfigArgument{"id": {Type: strNN}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				return s.sessions.revoke(sess.Address, p.Args["id"].(string))
			}},
		"submitConsent": {Type: nonNull(consentRecord), Description: "Submit a consent or revocation the patient signed in their wallet (eth_signTypedData_v4), in the wire form of doc/consent.md. The server notarizes it with its own key; it never holds patient keys.",
			Args: gql.FieldConfigArgument{
				"signed":   {Type: jsonScalar, Description: "the signed document as JSON: {\"typedData\": ..., \"signature\": \"0x...\"}, and \"signer\" for a smart account's"},
				"document": {Type: gql.String, Description: "the same as a JSON string (older clients); give signed or document"},
			},
			Resolve: s.resolveSubmitConsent},
		"notarize": {Type: nonNull(manifest), Description: "Store uploaded files (multipart request, or completed resumable uploads from /uploads), sign their manifest with the server's key and queue it for anchoring. Needs the researcher role.",
			Args: gql.FieldConfigArgument{
				"files":       {Type: gql.NewList(gql.NewNonNull(uploadScalar)), Description: "one file, or the files of a folder, sent with this request"},
				"uploads":     {Type: gql.NewList(gql.NewNonNull(gql.String)), Description: "IDs of this session's completed resumable uploads (tus at /uploads); each is used once"},
				"kind":        {Type: gql.NewNonNull(gql.String), Description: "dataset, method or result"},
				"title":       {Type: gql.NewNonNull(gql.String)},
				"description": {Type: gql.String},
				"authors":     {Type: gql.NewList(gql.NewNonNull(authorInput))},
				"license":     {Type: gql.String},
				"keywords":    {Type: gql.NewList(gql.NewNonNull(gql.String))},
				"supersedes":  {Type: gql.String, Description: "the version this one replaces"},
			},
			Resolve: s.resolveNotarize},
		"requestExtract": {Type: nonNull(grant), Description: "Cut a de-identified, k-anonymous extract of a raw dataset, filtered by consent, notarize it and return a download ticket. Needs the researcher or steward role; every request, allowed or denied, is in the access log.",
			Args: extractArgs(), Resolve: s.resolveRequestExtract},
		"extractTicket": {Type: nonNull(grant), Description: "A fresh download ticket for an extract you requested (any, for a steward).",
			Args: gql.FieldConfigArgument{"cid": {Type: gql.NewNonNull(gql.String)}}, Resolve: s.resolveExtractTicket},
		"watchNotices": {Type: nonNull(gql.String), Description: "Have revocation notices for your extracts POSTed to a webhook as they happen, retried with backoff until delivered. Returns the hook's signing secret (hex): each POST carries Desci-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, \"UNIX.\" + body)) and an Idempotency-Key (README, \"Webhooks\").",
			Args: gql.FieldConfigArgument{"webhook": {Type: gql.NewNonNull(gql.String), Description: "an http(s) URL"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				if err := s.needRegistry(); err != nil {
					return nil, err
				}
				u := p.Args["webhook"].(string)
				if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
					return nil, coded(CodeBadUserInput, fmt.Errorf("webhook %q is not an http(s) URL", u))
				}
				return s.opts.Registry.Watch(sess.Address.Hex(), u)
			}},
		"correct": {Type: nonNull(manifest), Description: "Append a signed correction to a manifest. Needs the researcher role.",
			Args: gql.FieldConfigArgument{
				"cid":    {Type: gql.NewNonNull(gql.String)},
				"reason": {Type: gql.NewNonNull(gql.String)},
			},
			Resolve: s.resolveCorrect},
	}})
	grant, round, unsigned, txResult := s.grantTypes()
	gq, gm := s.grantsFields(grant, round, unsigned, txResult)
	oq, om := s.donorFields(grant, unsigned, txResult)
	dq, dm := s.datasetFields(manifest)
	for _, fs := range []gql.Fields{gq, oq, dq} {
		for k, f := range fs {
			query.AddFieldConfig(k, f)
		}
	}
	for _, fs := range []gql.Fields{gm, om, dm} {
		for k, f := range fs {
			mutation.AddFieldConfig(k, f)
		}
	}
	schema, err := gql.NewSchema(gql.SchemaConfig{Query: query, Mutation: mutation})
	if err != nil {
		return schema, err
	}
	// Every resolver answers with a coded error and survives a panic.
	for _, t := range schema.TypeMap() {
		if o, ok := t.(*gql.Object); ok && !strings.HasPrefix(o.Name(), "__") {
			for _, f := range o.Fields() {
				if f.Resolve != nil {
					f.Resolve = s.guard(f.Resolve)
				}
			}
		}
	}
	return schema, nil
}

// guard turns a resolver's panic into an INTERNAL error (logged with its
// stack here, never sent) and its error into a coded one.
func (s *Server) guard(f gql.FieldResolveFn) gql.FieldResolveFn {
	return func(p gql.ResolveParams) (v any, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.opts.Logf("graphql: panic in %s.%s: %v\n%s", p.Info.ParentType.Name(), p.Info.FieldName, r, debug.Stack())
				v, err = nil, coded(CodeInternal, errors.New("internal error"))
			}
		}()
		// A client gone or out of time stops the work: graphql-go answers
		// at once but goes on resolving in the background.
		if err := p.Context.Err(); err != nil {
			return nil, coded(CodeUnavailable, errTimedOut)
		}
		v, err = f(p)
		if err != nil {
			return nil, classify(err)
		}
		return v, nil
	}
}

func (s *Server) signerHex() any {
	if s.opts.Signer == nil {
		return nil
	}
	return s.opts.Signer.Address().Hex()
}

func (s *Server) rolesOf(a common.Address) []string {
	r := append([]string{}, s.opts.Roles[a]...)
	sort.Strings(r)
	return r
}

// sessionView is a session in the sessions list.
type sessionView struct {
	s       *Session
	current bool
}

// clientOfCtx is the client a resolver serves (clientOf).
func clientOfCtx(ctx context.Context) string {
	if r := httpRequestOf(ctx); r != nil {
		return clientOf(r.RemoteAddr)
	}
	return ""
}

func isSteward(ctx context.Context) bool {
	sess := sessionOf(ctx)
	return sess != nil && sess.Has(RoleSteward)
}

func (s *Server) needSession(ctx context.Context) (*Session, error) {
	sess := sessionOf(ctx)
	if sess == nil {
		return nil, coded(CodeUnauthenticated, errUnauthenticated)
	}
	return sess, nil
}

func (s *Server) needRole(ctx context.Context, roles ...string) (*Session, error) {
	sess, err := s.needSession(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		if sess.Has(r) {
			return sess, nil
		}
	}
	return nil, coded(CodeForbidden, fmt.Errorf("%s has none of the roles %s", sess.Address.Hex(), strings.Join(roles, ", ")))
}

func (s *Server) needSigner() (notary.Signer, error) {
	if s.opts.Signer == nil {
		return nil, coded(CodeUnavailable, fmt.Errorf("server key: %w", errUnavailable))
	}
	return s.opts.Signer, nil
}

// needRegistry answers UNAVAILABLE on a server without a consent registry.
func (s *Server) needRegistry() error {
	if s.opts.Registry == nil {
		return coded(CodeUnavailable, fmt.Errorf("consent registry: %w", errUnavailable))
	}
	return nil
}

// rawBlock reads a small raw block a manifest links to; undefined is nil.
func (s *Server) rawBlock(ctx context.Context, c cid.Cid) ([]byte, error) {
	if !c.Defined() {
		return nil, nil
	}
	b, err := s.opts.Store.Block(ctx, c)
	if errors.Is(err, notary.ErrNotFound) {
		return nil, nil
	}
	return b, err
}

func (s *Server) rawJSON(ctx context.Context, c cid.Cid) (any, error) {
	b, err := s.rawBlock(ctx, c)
	if b == nil || err != nil {
		return nil, err
	}
	if !json.Valid(b) {
		return nil, fmt.Errorf("block %s is not JSON", c)
	}
	return json.RawMessage(b), nil
}

// receiptView is a receipt's fields with its document.
type receiptView struct {
	*notary.Receipt
	Root  string
	Proof []string
	doc   []byte
}

func parseReceipt(doc []byte) (*receiptView, error) {
	var r notary.Receipt
	if err := json.Unmarshal(doc, &r); err != nil {
		return nil, fmt.Errorf("stored receipt: %w", err)
	}
	v := &receiptView{Receipt: &r, Root: r.Root.String(), Proof: make([]string, len(r.Proof)), doc: doc}
	for i, p := range r.Proof {
		v.Proof[i] = p.String()
	}
	return v, nil
}

// connection is one page of a manifest search.
type connection struct {
	nodes   []*node
	total   int
	hasNext bool
}

func (c *connection) endCursor() string {
	if len(c.nodes) == 0 {
		return ""
	}
	return cursorOf(c.nodes[len(c.nodes)-1].c)
}

// Cursors are opaque to clients; they name the last manifest seen, so a
// page stays right while manifests are added.
func cursorOf(c cid.Cid) string {
	return base64.RawURLEncoding.EncodeToString([]byte("m:" + c.String()))
}

func parseCursor(s string) (cid.Cid, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), "m:"); ok {
			if c, err := cid.Decode(rest); err == nil {
				return c, nil
			}
		}
	}
	return cid.Undef, coded(CodeBadUserInput, fmt.Errorf("cursor %q is not one this server gave", s))
}

func (s *Server) resolveManifests(p gql.ResolveParams) (any, error) {
	first, _ := p.Args["first"].(int)
	if first < 0 || first > maxPage {
		return nil, coded(CodeBadUserInput, fmt.Errorf("first must be 0 to %d", maxPage))
	}
	kind, _ := p.Args["kind"].(string)
	keyword, _ := p.Args["keyword"].(string)
	author, _ := p.Args["author"].(string)
	signer, _ := p.Args["signer"].(string)
	var after cid.Cid
	if a, ok := p.Args["after"].(string); ok && a != "" {
		var err error
		if after, err = parseCursor(a); err != nil {
			return nil, err
		}
	}
	all, err := s.sortedManifests()
	if err != nil {
		return nil, err
	}
	steward := isSteward(p.Context)
	keyword = strings.ToLower(keyword)
	authorLower := strings.ToLower(author)
	var matched []*listEntry
	for i, le := range all {
		// A search reads every manifest: it stops when the client goes.
		if i%256 == 0 && p.Context.Err() != nil {
			return nil, errTimedOut
		}
		im := &le.Manifest
		switch {
		case kind != "" && im.Kind != kind,
			kind == "" && im.Kind == notary.KindConsent && !steward,
			kind == notary.KindConsent && !steward,
			signer != "" && !strings.EqualFold(im.Signer, signer):
			continue
		}
		if keyword != "" || author != "" {
			si, err := s.searchInfo(p.Context, le)
			if err != nil {
				return nil, err
			}
			if keyword != "" && !slices.Contains(si.keywords, keyword) || author != "" && !si.hasAuthor(author, authorLower) {
				continue
			}
		}
		matched = append(matched, le)
	}
	start := 0
	if after.Defined() {
		start = len(matched)
		for i, le := range matched {
			if le.CID == after {
				start = i + 1
				break
			}
		}
	}
	end := min(start+first, len(matched))
	c := &connection{nodes: make([]*node, 0, end-start), total: len(matched), hasNext: end < len(matched)}
	for _, le := range matched[start:end] {
		c.nodes = append(c.nodes, &node{c: le.CID})
	}
	if len(c.nodes) == 0 {
		return c, nil
	}
	// The page's status in two index reads, whatever its length.
	cs := make([]cid.Cid, len(c.nodes))
	for i, n := range c.nodes {
		cs[i] = n.c
	}
	batch := &pageStatus{}
	if batch.receipts, err = s.ix.Receipts(cs); err != nil {
		return nil, err
	}
	if batch.queued, err = s.ix.InQueue(cs); err != nil {
		return nil, err
	}
	for _, n := range c.nodes {
		n.batch = batch
		if n.m == nil {
			if n.m, err = s.manifest(p.Context, n.c); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// listEntry is a manifest record in the sorted list, with what a search
// reads of its manifest, kept with it once read.
type listEntry struct {
	index.Manifest
	search atomic.Pointer[searchable]
}

// searchable is a manifest's keywords and authors, lowercased once.
type searchable struct {
	keywords []string
	names    []string
	orcids   []string
}

func (si *searchable) hasAuthor(author, lower string) bool {
	return slices.Contains(si.orcids, author) || slices.ContainsFunc(si.names, func(n string) bool { return strings.Contains(n, lower) })
}

func (s *Server) searchInfo(ctx context.Context, le *listEntry) (*searchable, error) {
	if si := le.search.Load(); si != nil {
		return si, nil
	}
	m, err := s.manifest(ctx, le.CID)
	if err != nil {
		return nil, err
	}
	si := &searchable{}
	for _, k := range m.Keywords {
		si.keywords = append(si.keywords, strings.ToLower(k))
	}
	for _, a := range m.Authors {
		si.names = append(si.names, strings.ToLower(a.Name))
		if a.ORCID != "" {
			si.orcids = append(si.orcids, a.ORCID)
		}
	}
	le.search.Store(si)
	return si, nil
}

// sortedManifests returns every manifest record, newest first. The list is
// rebuilt only when the index has changed since: decoding every record
// for every search was most of a search's cost.
func (s *Server) sortedManifests() ([]*listEntry, error) {
	seq, err := s.ix.Seq()
	if err != nil {
		return nil, err
	}
	s.listMu.Lock()
	defer s.listMu.Unlock()
	if s.listOK && s.listSeq == seq {
		return s.list, nil
	}
	all, err := s.ix.Manifests()
	if err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool {
		if !all[i].Created.Equal(all[j].Created) {
			return all[i].Created.After(all[j].Created)
		}
		return all[i].CID.KeyString() < all[j].CID.KeyString()
	})
	// What a search read of the previous list's manifests stays true:
	// a CID names its manifest forever.
	old := make(map[cid.Cid]*searchable, len(s.list))
	for _, le := range s.list {
		if si := le.search.Load(); si != nil {
			old[le.CID] = si
		}
	}
	list := make([]*listEntry, len(all))
	for i, m := range all {
		list[i] = &listEntry{Manifest: m}
		if si := old[m.CID]; si != nil {
			list[i].search.Store(si)
		}
	}
	s.list, s.listSeq, s.listOK = list, seq, true
	return list, nil
}

// verifyView is a verification's outcome.
type verifyView struct {
	c              cid.Cid
	ok             bool
	failed, err    string
	contentChecked bool
	v              *notary.Verification
}

func (v *verifyView) hex(f func(*notary.Verification) string) any {
	if v.v == nil {
		return nil
	}
	return f(v.v)
}

func (v *verifyView) num(f func(*notary.Verification) uint64) any {
	if v.v == nil {
		return nil
	}
	return f(v.v)
}

func (s *Server) resolveVerify(p gql.ResolveParams) (any, error) {
	c, err := parseCIDArg(p.Args["cid"].(string))
	if err != nil {
		return nil, err
	}
	m, err := s.manifest(p.Context, c)
	if err != nil {
		return nil, err
	}
	doc, err := s.opts.Store.Receipt(c)
	if err != nil {
		return nil, err
	}
	if s.opts.Chain == nil {
		return nil, coded(CodeUnavailable, fmt.Errorf("chain: %w", errUnavailable))
	}
	select {
	case s.verifying <- struct{}{}:
		defer func() { <-s.verifying }()
	case <-p.Context.Done():
		return nil, coded(CodeUnavailable, fmt.Errorf("verify: waited for a turn: %w", p.Context.Err()))
	}
	out := &verifyView{c: c}
	var content notary.ContentFunc
	if m.Content != nil && !m.Content.Sealed.Defined() {
		content, out.contentChecked = s.opts.Store.ContentOfStore(m.Content.Root), true
	}
	v, err := notary.VerifyReceipt(p.Context, s.opts.Chain, doc, content)
	var ve *notary.VerifyError
	switch {
	case errors.As(err, &ve):
		out.failed, out.err = ve.Check, ve.Err.Error()
		return out, nil
	case err != nil:
		return nil, coded(CodeUnavailable, fmt.Errorf("chain: %w", err))
	}
	out.ok, out.v = true, v
	return out, nil
}

func (s *Server) resolveSubmitConsent(p gql.ResolveParams) (any, error) {
	sess, err := s.needSession(p.Context)
	if err != nil {
		return nil, err
	}
	if err := s.needRegistry(); err != nil {
		return nil, err
	}
	signer, err := s.needSigner()
	if err != nil {
		return nil, err
	}
	wire, err := signedArg(p.Args)
	if err != nil {
		return nil, err
	}
	doc, err := policies.ParseDocument(wire)
	if err != nil {
		return nil, err
	}
	if doc.Signer != sess.Address {
		return nil, coded(CodeForbidden, fmt.Errorf("the document is signed by %s, the session is %s: patients submit their own", doc.Signer.Hex(), sess.Address.Hex()))
	}
	return s.opts.Registry.Submit(p.Context, doc, signer)
}

func (s *Server) resolveNotarize(p gql.ResolveParams) (any, error) {
	if _, err := s.needRole(p.Context, RoleResearcher); err != nil {
		return nil, err
	}
	signer, err := s.needSigner()
	if err != nil {
		return nil, err
	}
	files, _ := p.Args["files"].([]any)
	var ups []*Upload
	for _, f := range files {
		u, ok := f.(*Upload)
		if !ok || u == nil {
			return nil, coded(CodeBadUserInput, errors.New("files must be sent as a multipart request (GraphQL multipart request spec)"))
		}
		ups = append(ups, u)
	}
	ids, _ := p.Args["uploads"].([]any)
	if len(ups) == 0 && len(ids) == 0 {
		return nil, coded(CodeBadUserInput, errors.New("no files"))
	}
	pub := notary.Publication{Kind: p.Args["kind"].(string), Title: p.Args["title"].(string)}
	pub.Description, _ = p.Args["description"].(string)
	pub.License, _ = p.Args["license"].(string)
	if ks, ok := p.Args["keywords"].([]any); ok {
		for _, k := range ks {
			pub.Keywords = append(pub.Keywords, k.(string))
		}
	}
	if as, ok := p.Args["authors"].([]any); ok {
		for _, a := range as {
			am := a.(map[string]any)
			au := notary.Author{Name: am["name"].(string)}
			au.ORCID, _ = am["orcid"].(string)
			pub.Authors = append(pub.Authors, au)
		}
	}
	if sup, ok := p.Args["supersedes"].(string); ok && sup != "" {
		if pub.Supersedes, err = parseCIDArg(sup); err != nil {
			return nil, err
		}
	}
	switch pub.Kind {
	case notary.KindDataset, notary.KindMethod, notary.KindResult:
	default:
		return nil, coded(CodeBadUserInput, fmt.Errorf("kind %q: notarize makes datasets, methods and results", pub.Kind))
	}
	// Resumable uploads are claimed last, once the arguments are good,
	// and given back unless the manifest is made.
	made := false
	if len(ids) > 0 {
		var names []string
		for _, id := range ids {
			names = append(names, id.(string))
		}
		taken, done, err := s.takeUploads(sessionOf(p.Context), names)
		if err != nil {
			return nil, err
		}
		defer func() { done(made) }()
		for _, u := range taken {
			u.resumable = true
		}
		ups = append(ups, taken...)
	}
	// One file is published as itself; several as a folder of them. The
	// folder is made beside the spool, so that uploads move by rename.
	var path string
	dir, err := os.MkdirTemp(s.opts.UploadDir, "desci-notarize-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	place := func(u *Upload, dst string) error {
		if u.resumable {
			return os.Link(u.Path, dst)
		}
		return os.Rename(u.Path, dst)
	}
	if len(ups) == 1 {
		path = filepath.Join(dir, ups[0].Filename)
		if err = place(ups[0], path); err != nil {
			return nil, err
		}
	} else {
		path = filepath.Join(dir, "content")
		if err := os.Mkdir(path, 0o755); err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, u := range ups {
			if seen[u.Filename] {
				return nil, coded(CodeBadUserInput, fmt.Errorf("two files named %q", u.Filename))
			}
			seen[u.Filename] = true
			if err = place(u, filepath.Join(path, u.Filename)); err != nil {
				return nil, err
			}
		}
	}
	c, m, err := s.opts.Store.Notarize(p.Context, path, pub, notary.ImportOptions{}, signer)
	if err != nil {
		return nil, err
	}
	made = true
	s.manifests.put(c, m)
	return &node{c: c, m: m}, nil
}

func (s *Server) resolveCorrect(p gql.ResolveParams) (any, error) {
	if _, err := s.needRole(p.Context, RoleResearcher); err != nil {
		return nil, err
	}
	signer, err := s.needSigner()
	if err != nil {
		return nil, err
	}
	target, err := parseCIDArg(p.Args["cid"].(string))
	if err != nil {
		return nil, err
	}
	reason := p.Args["reason"].(string)
	if strings.TrimSpace(reason) == "" {
		return nil, coded(CodeBadUserInput, errors.New("a correction needs a reason"))
	}
	c, m, err := s.opts.Store.Correct(p.Context, target, reason, "", notary.ImportOptions{}, signer)
	if err != nil {
		return nil, err
	}
	s.manifests.put(c, m)
	return &node{c: c, m: m}, nil
}

// withheldRows is one reason rows were left out of an extract.
type withheldRows struct {
	Reason string
	Rows   int
}
