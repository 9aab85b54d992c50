package kubo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/car"
)

// ErrPrivate is returned for a DAG whose root must not leave for Kubo.
var ErrPrivate = errors.New("kubo: private")

// KindSealed names sealed content (age ciphertext) in a Kinds selection.
const KindSealed = "sealed"

// PublicKinds are the manifests meant to be public, pinned by default.
var PublicKinds = []string{notary.KindDataset, notary.KindMethod, notary.KindResult, notary.KindCorrection, notary.KindRun, notary.KindAttestation}

// PrivateKinds are kept off Kubo unless an operator names them.
var PrivateKinds = []string{notary.KindConsent, notary.KindAccess, notary.KindExtract, KindSealed}

// Kinds is the set of manifest kinds (and "sealed") that may be pinned.
type Kinds map[string]bool

// DefaultKinds are PublicKinds.
func DefaultKinds() Kinds {
	k := Kinds{}
	for _, n := range PublicKinds {
		k[n] = true
	}
	return k
}

// ParseKinds reads a comma-separated list of kinds; "public" stands for
// PublicKinds, and the empty string means DefaultKinds.
func ParseKinds(s string) (Kinds, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultKinds(), nil
	}
	k := Kinds{}
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		switch {
		case n == "public":
			for _, p := range PublicKinds {
				k[p] = true
			}
		case slices.Contains(PublicKinds, n) || slices.Contains(PrivateKinds, n):
			k[n] = true
		default:
			return nil, fmt.Errorf("kubo: unknown kind %q (known: public, %s, %s)", n, strings.Join(PublicKinds, ", "), strings.Join(PrivateKinds, ", "))
		}
	}
	return k, nil
}

// Source is the store a DAG is published from (notary.Store).
type Source interface {
	Block(ctx context.Context, c cid.Cid) ([]byte, error)
	Index() notary.Index
}

// A Filter knows which blocks of a store must stay: manifests of kinds not
// selected and their content, and sealed ciphertext unless "sealed" is.
// It is built once from the store's index; build a new one to see
// manifests added since.
type Filter struct {
	kinds   Kinds
	private map[cid.Cid]string // CID -> the kind that keeps it private
	src     Source
}

// NewFilter reads every manifest the index knows.
func NewFilter(ctx context.Context, src Source, kinds Kinds) (*Filter, error) {
	if kinds == nil {
		kinds = DefaultKinds()
	}
	f := &Filter{kinds: kinds, private: map[cid.Cid]string{}, src: src}
	ms, err := src.Index().Manifests()
	if err != nil {
		return nil, err
	}
	for _, rec := range ms {
		m, err := f.manifest(ctx, rec.CID)
		if err != nil {
			continue // a manifest whose block is absent is not published either
		}
		kind := f.kind(ctx, m, 0)
		if !kinds[kind] {
			f.hide(kind, rec.CID)
			if c := m.Content; c != nil {
				f.hide(kind, c.Root, c.Sealed)
				for _, file := range c.Files {
					// The same file inside a public DAG stays back too.
					f.hide(kind, file.CID)
				}
			}
			if p := m.Extract; p != nil {
				f.hide(kind, p.Settings, p.Risk, p.Consents)
			}
		}
		if c := m.Content; c != nil && c.Sealed.Defined() && !kinds[KindSealed] {
			f.hide(KindSealed, c.Sealed)
		}
	}
	return f, nil
}

func (f *Filter) hide(kind string, cs ...cid.Cid) {
	for _, c := range cs {
		if c.Defined() {
			if _, ok := f.private[c]; !ok {
				f.private[c] = kind
			}
		}
	}
}

func (f *Filter) manifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error) {
	if c.Type() != cid.DagCBOR {
		return nil, notary.ErrNotManifest
	}
	data, err := f.src.Block(ctx, c)
	if err != nil {
		return nil, err
	}
	return notary.DecodeManifest(data)
}

// kind is what a manifest counts as: a correction counts as what it
// corrects (its replacement content is of that kind).
func (f *Filter) kind(ctx context.Context, m *notary.Manifest, depth int) string {
	if m.Kind == notary.KindCorrection && m.Corrects.Defined() && depth < 64 {
		if t, err := f.manifest(ctx, m.Corrects); err == nil {
			return f.kind(ctx, t, depth+1)
		}
	}
	return m.Kind
}

// Private reports the kind that keeps c off Kubo, or "" when it may go.
func (f *Filter) Private(c cid.Cid) string { return f.private[c] }

// plan is what goes to Kubo for one root: the blocks, in CAR order, and
// the pins that cover them without naming anything left out.
type plan struct {
	blocks    []cid.Cid
	recursive []cid.Cid // roots of complete sub-DAGs
	direct    []cid.Cid // blocks some of whose links were left out
	left      int       // links left out
}

// plan walks the DAG under root, leaving out private blocks and what only
// they link to.
func (f *Filter) plan(ctx context.Context, root cid.Cid) (*plan, error) {
	if kind := f.private[root]; kind != "" {
		return nil, fmt.Errorf("%w: %s is %s (pinned only when %q is in --kubo-kinds)", ErrPrivate, root, article(kind), kind)
	}
	p := &plan{}
	complete := map[cid.Cid]bool{}
	var walk func(c cid.Cid) (bool, error)
	walk = func(c cid.Cid) (bool, error) {
		if done, ok := complete[c]; ok {
			return done, nil
		}
		complete[c] = true // a DAG has no cycles; this guards a hostile one
		if err := ctx.Err(); err != nil {
			return false, err
		}
		data, err := f.src.Block(ctx, c)
		if err != nil {
			return false, err
		}
		p.blocks = append(p.blocks, c)
		ls, err := notary.Links(c, data)
		if err != nil {
			return false, err
		}
		all := true
		var kids []cid.Cid
		for _, l := range ls {
			if f.private[l] != "" {
				all = false
				p.left++
				continue
			}
			ok, err := walk(l)
			if err != nil {
				return false, err
			}
			all = all && ok
			kids = append(kids, l)
		}
		complete[c] = all
		if !all {
			p.direct = append(p.direct, c)
			for _, k := range kids {
				if complete[k] {
					p.recursive = append(p.recursive, k)
				}
			}
		}
		return all, nil
	}
	all, err := walk(root)
	if err != nil {
		return nil, fmt.Errorf("kubo: %s: %w", root, err)
	}
	if all {
		p.recursive = []cid.Cid{root}
	}
	p.recursive = dedupe(p.recursive)
	p.direct = dedupe(p.direct)
	return p, nil
}

func dedupe(cs []cid.Cid) []cid.Cid {
	seen := cid.NewSet()
	out := cs[:0]
	for _, c := range cs {
		if seen.Visit(c) {
			out = append(out, c)
		}
	}
	return out
}

func article(kind string) string {
	if kind == KindSealed {
		return "sealed content"
	}
	if strings.IndexAny(kind[:1], "aeiou") == 0 {
		return "an " + kind
	}
	return "a " + kind
}

// Pinned says what PublishPublic did.
type Pinned struct {
	Blocks    int       // blocks sent
	Recursive []cid.Cid // pinned with everything below them
	Direct    []cid.Cid // pinned alone: some of their links stay private
	Left      int       // links left out
}

// PublishPublic sends what of the DAG under root the filter lets go, and
// pins it: the whole DAG when nothing was left out, else each block that
// lost a link alone and every complete sub-DAG below it recursively. A
// root that is itself private is refused with ErrPrivate.
func (c *Client) PublishPublic(ctx context.Context, f *Filter, root cid.Cid) (*Pinned, error) {
	p, err := f.plan(ctx, root)
	if err != nil {
		return nil, err
	}
	// The blocks are read again as the CAR is written, rather than held.
	write := func(w io.Writer) error {
		cw, err := car.NewWriter(w, []cid.Cid{root})
		if err != nil {
			return err
		}
		for _, b := range p.blocks {
			data, err := f.src.Block(ctx, b)
			if err != nil {
				return err
			}
			if err := cw.Put(b, data); err != nil {
				return err
			}
		}
		return cw.Flush()
	}
	complete := len(p.direct) == 0
	if err := c.importCAR(ctx, write, root, complete); err != nil {
		return nil, err
	}
	if !complete {
		for _, d := range p.direct {
			if err := c.pin(ctx, d, false); err != nil {
				return nil, err
			}
		}
		for _, r := range p.recursive {
			if err := c.pin(ctx, r, true); err != nil {
				return nil, err
			}
		}
	}
	return &Pinned{Blocks: len(p.blocks), Recursive: p.recursive, Direct: p.direct, Left: p.left}, nil
}
