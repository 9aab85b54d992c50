package landing

import (
	"context"
	"sync"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// relations is the derived index of what no manifest states about itself:
// the runs of a notebook, the runs that wrote a file or read an input, the
// attestations of a run, and the CIDs that belong to private objects. It
// is built from the notary's index and brought up to date, reading only
// the manifests added since, when the index's Seq has changed and the
// last update is at least every old (so a page never waits on a full
// rebuild under a stream of writes).
type relations struct {
	notary Notary
	index  Index
	every  time.Duration

	mu       sync.Mutex
	seq      uint64
	built    bool
	updated  time.Time
	seen     map[cid.Cid]bool
	snapshot *relSnapshot
}

// relSnapshot is one state of the derived index; it is never changed once
// published, so readers use it without a lock.
type relSnapshot struct {
	byNotebook map[cid.Cid][]cid.Cid // a run's notebook file -> runs
	byFile     map[cid.Cid][]cid.Cid // a file (or content root) a run wrote -> runs
	byInput    map[cid.Cid][]cid.Cid // an input -> runs that read it
	attests    map[cid.Cid][]cid.Cid // a run -> attestations of it
	private    map[cid.Cid]bool      // manifests, roots, files and blocks of private objects
	runs       map[cid.Cid]*notary.Manifest
	attsByCID  map[cid.Cid]*notary.Manifest
}

func newRelations(n Notary, ix Index, every time.Duration) *relations {
	return &relations{notary: n, index: ix, every: every, seen: map[cid.Cid]bool{}, snapshot: emptySnapshot()}
}

func emptySnapshot() *relSnapshot {
	return &relSnapshot{
		byNotebook: map[cid.Cid][]cid.Cid{}, byFile: map[cid.Cid][]cid.Cid{}, byInput: map[cid.Cid][]cid.Cid{},
		attests: map[cid.Cid][]cid.Cid{}, private: map[cid.Cid]bool{},
		runs: map[cid.Cid]*notary.Manifest{}, attsByCID: map[cid.Cid]*notary.Manifest{},
	}
}

// get returns the derived index, updated first if it is due.
func (r *relations) get(ctx context.Context) *relSnapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.built && time.Since(r.updated) < r.every {
		return r.snapshot
	}
	seq, err := r.index.Seq()
	if err != nil || (r.built && seq == r.seq) {
		r.updated = time.Now()
		return r.snapshot
	}
	recs, err := r.index.Manifests()
	if err != nil {
		return r.snapshot
	}
	kinds := make(map[cid.Cid]string, len(recs))
	corrects := make(map[cid.Cid]cid.Cid)
	for _, rec := range recs {
		kinds[rec.CID] = rec.Kind
		if rec.Corrects.Defined() {
			corrects[rec.CID] = rec.Corrects
		}
	}
	kindOf := func(c cid.Cid) string {
		for i := 0; i < 64 && kinds[c] == notary.KindCorrection; i++ {
			t, ok := corrects[c]
			if !ok {
				return ""
			}
			c = t
		}
		return kinds[c]
	}
	next := r.snapshot.clone()
	for _, rec := range recs {
		if r.seen[rec.CID] {
			continue
		}
		kind := kindOf(rec.CID)
		if publicKinds[kind] && rec.Kind != notary.KindRun && rec.Kind != notary.KindAttestation {
			r.seen[rec.CID] = true // nothing to derive
			continue
		}
		m, err := r.notary.Manifest(ctx, rec.CID)
		if err != nil {
			if ctx.Err() != nil {
				return r.snapshot
			}
			// Absent here: hide the manifest itself if it is private, and
			// look again next time.
			if !publicKinds[kind] {
				next.private[rec.CID] = true
			}
			continue
		}
		r.seen[rec.CID] = true
		next.add(rec.CID, m, publicKinds[kind])
	}
	r.snapshot, r.seq, r.built, r.updated = next, seq, true, time.Now()
	return r.snapshot
}

func (s *relSnapshot) clone() *relSnapshot {
	n := emptySnapshot()
	for _, p := range []struct{ dst, src map[cid.Cid][]cid.Cid }{
		{n.byNotebook, s.byNotebook}, {n.byFile, s.byFile}, {n.byInput, s.byInput}, {n.attests, s.attests},
	} {
		for k, v := range p.src {
			p.dst[k] = v[:len(v):len(v)] // appends copy
		}
	}
	for k := range s.private {
		n.private[k] = true
	}
	for k, v := range s.runs {
		n.runs[k] = v
	}
	for k, v := range s.attsByCID {
		n.attsByCID[k] = v
	}
	return n
}

// add records what manifest m at c adds to the index.
func (s *relSnapshot) add(c cid.Cid, m *notary.Manifest, public bool) {
	if !public {
		s.private[c] = true
		if ct := m.Content; ct != nil {
			s.private[ct.Root] = true
			if ct.Sealed.Defined() {
				s.private[ct.Sealed] = true
			}
			for _, f := range ct.Files {
				s.private[f.CID] = true
			}
		}
		if p := m.Extract; p != nil {
			for _, x := range []cid.Cid{p.Settings, p.Risk, p.Consents} {
				if x.Defined() {
					s.private[x] = true
				}
			}
		}
		return
	}
	if ct := m.Content; ct != nil && ct.Sealed.Defined() {
		s.private[ct.Sealed] = true // ciphertext stays with the stewards
	}
	switch {
	case m.Run != nil:
		s.runs[c] = m
		s.byNotebook[m.Run.Notebook] = append(s.byNotebook[m.Run.Notebook], c)
		for _, in := range m.Run.Inputs {
			s.byInput[in] = append(s.byInput[in], c)
		}
		if ct := m.Content; ct != nil {
			s.byFile[ct.Root] = append(s.byFile[ct.Root], c)
			for _, f := range ct.Files {
				s.byFile[f.CID] = append(s.byFile[f.CID], c)
			}
		}
	case m.Attestation != nil:
		s.attsByCID[c] = m
		s.attests[m.Attestation.Run] = append(s.attests[m.Attestation.Run], c)
	}
}
