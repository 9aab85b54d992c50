package landing

import (
	"container/list"
	"context"
	"sort"
	"sync"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// manifestCache keeps decoded, signature-checked manifests: a CID names
// one manifest forever, and decoding a large one costs more than the rest
// of its page. It is bounded by weight (one per manifest and one per file
// listed), so a few huge manifests cannot hold the memory.
type manifestCache struct {
	mu     sync.Mutex
	budget int
	weight int
	order  *list.List // front: most recent; values *cached
	items  map[cid.Cid]*list.Element
}

type cached struct {
	c      cid.Cid
	m      *notary.Manifest
	weight int
}

func newManifestCache(budget int) *manifestCache {
	return &manifestCache{budget: budget, order: list.New(), items: map[cid.Cid]*list.Element{}}
}

func weightOf(m *notary.Manifest) int {
	w := 1
	if m.Content != nil {
		w += len(m.Content.Files)
	}
	return w
}

func (k *manifestCache) get(c cid.Cid) *notary.Manifest {
	k.mu.Lock()
	defer k.mu.Unlock()
	e, ok := k.items[c]
	if !ok {
		return nil
	}
	k.order.MoveToFront(e)
	return e.Value.(*cached).m
}

func (k *manifestCache) put(c cid.Cid, m *notary.Manifest) {
	w := weightOf(m)
	if w > k.budget {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.items[c]; ok {
		return
	}
	k.items[c] = k.order.PushFront(&cached{c, m, w})
	k.weight += w
	for k.weight > k.budget {
		last := k.order.Back()
		x := last.Value.(*cached)
		k.order.Remove(last)
		delete(k.items, x.c)
		k.weight -= x.weight
	}
}

// manifest reads a manifest through the cache.
func (h *Handler) manifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error) {
	if m := h.manifests.get(c); m != nil {
		return m, nil
	}
	m, err := h.opts.Notary.Manifest(ctx, c)
	if err != nil {
		return nil, err
	}
	h.manifests.put(c, m)
	return m, nil
}

// history returns the versions of the object c belongs to, oldest first,
// each followed by its corrections, as notary.Store.History does, but
// reading manifests through the cache. It stops at limit entries.
func (h *Handler) historyOf(ctx context.Context, c cid.Cid, m *notary.Manifest, limit int) ([]notary.Entry, error) {
	if m.Corrects.Defined() {
		t, err := h.manifest(ctx, m.Corrects)
		if err != nil {
			return []notary.Entry{{CID: c, Manifest: m}}, nil // the corrected version is not here
		}
		c, m = m.Corrects, t
	}
	seen := cid.NewSet()
	for m.Supersedes.Defined() && seen.Visit(c) {
		prev, err := h.manifest(ctx, m.Supersedes)
		if err != nil {
			break // older versions not held here: start from the oldest we have
		}
		c, m = m.Supersedes, prev
	}
	var out []notary.Entry
	seen = cid.NewSet()
	related := func(c cid.Cid, rel func(cid.Cid) ([]cid.Cid, error)) ([]notary.Entry, error) {
		cs, err := rel(c)
		if err != nil {
			return nil, err
		}
		// Anyone who may notarize can add corrections or versions: only
		// so many are read.
		if len(cs) > limit {
			cs = cs[:limit]
		}
		var es []notary.Entry
		for _, o := range cs {
			if m, err := h.manifest(ctx, o); err == nil {
				es = append(es, notary.Entry{CID: o, Manifest: m})
			} else if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].Manifest.Created.Before(es[j].Manifest.Created) })
		return es, nil
	}
	// Breadth of versions is walked with an explicit stack, so a long
	// chain of versions cannot exhaust the goroutine's stack.
	stack := []notary.Entry{{CID: c, Manifest: m}}
	for len(stack) > 0 && len(out) < limit {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !seen.Visit(e.CID) {
			continue
		}
		out = append(out, e)
		corr, err := related(e.CID, h.opts.Index.CorrectedBy)
		if err != nil {
			return nil, err
		}
		next, err := related(e.CID, h.opts.Index.SupersededBy)
		if err != nil {
			return nil, err
		}
		// Corrections come before the next version, in order.
		for i := len(next) - 1; i >= 0; i-- {
			stack = append(stack, next[i])
		}
		for i := len(corr) - 1; i >= 0; i-- {
			stack = append(stack, corr[i])
		}
	}
	return out, nil
}
