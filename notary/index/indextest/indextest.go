// Package indextest is the conformance suite of notary.Index: one table of
// behaviours that every implementation (the embedded bbolt index, the
// PostgreSQL one) runs in its own tests.
package indextest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
)

// Opener opens a fresh, empty index for t and returns it with a function
// that opens the same index again (after the first is closed). The index
// is closed when t ends unless the test closes it.
type Opener func(t *testing.T) (ix notary.Index, reopen func() notary.Index)

// CID returns a test CID named by s.
func CID(s string) cid.Cid {
	h, _ := mh.Sum([]byte(s), mh.SHA2_256, -1)
	return cid.NewCidV1(cid.DagCBOR, h)
}

var now = time.Date(2026, 12, 7, 1, 2, 3, 0, time.UTC)

// Behaviours is the suite, by name.
var Behaviours = []struct {
	Name string
	Run  func(t *testing.T, open Opener)
}{
	{"pins keep the first record", pins},
	{"manifests and links", manifests},
	{"a known manifest is only promoted to local", promote},
	{"duplicates in one write", duplicates},
	{"queue oldest first", queueOrder},
	{"one batch in flight", oneBatch},
	{"confirm stores receipts and unqueues, once", confirm},
	{"seq changes with every write", seq},
	{"one anchorer at a time", anchorLock},
	{"concurrent writers", concurrent},
	{"everything persists", persists},
}

// Run runs every behaviour against the implementation open opens.
func Run(t *testing.T, open Opener) {
	for _, b := range Behaviours {
		t.Run(b.Name, func(t *testing.T) { b.Run(t, open) })
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func pins(t *testing.T, open Opener) {
	ix, _ := open(t)
	a, b := CID("a"), CID("b")
	must(t, ix.AddPin(index.Pin{Root: a, Profile: "p1", Size: 1, Added: now}))
	must(t, ix.AddPins([]index.Pin{{Root: a, Profile: "p2", Size: 2, Added: now}, {Root: b, Size: 3, Added: now}, {Root: b, Size: 4, Added: now}}))
	ps, err := ix.Pins()
	must(t, err)
	got := map[cid.Cid]index.Pin{}
	for _, p := range ps {
		got[p.Root] = p
	}
	if len(ps) != 2 || got[a].Profile != "p1" || got[a].Size != 1 || got[b].Size != 3 || !got[b].Added.Equal(now) {
		t.Errorf("pins = %+v", ps)
	}
}

func manifests(t *testing.T, open Opener) {
	ix, _ := open(t)
	v1, v2, fix, other := CID("v1"), CID("v2"), CID("fix"), CID("other")
	want := []index.Manifest{
		{CID: v1, Kind: "dataset", Title: "v1", Signer: "0xabc", Created: now, Local: true, Added: now},
		{CID: v2, Kind: "dataset", Title: "v2", Created: now, Supersedes: v1, Local: true, Added: now},
		{CID: fix, Kind: "correction", Title: "fix", Created: now, Corrects: v1, Local: true, Added: now},
		{CID: other, Kind: "dataset", Title: "other", Created: now, Supersedes: v2, Added: now},
	}
	for _, m := range want {
		must(t, ix.PutManifest(m, m.Local))
	}
	for _, w := range want {
		m, ok, err := ix.Manifest(w.CID)
		must(t, err)
		if !ok || !same(m, w) {
			t.Errorf("Manifest(%s) = %+v %v, want %+v", w.Title, m, ok, w)
		}
	}
	if _, ok, err := ix.Manifest(CID("nope")); ok || err != nil {
		t.Errorf("unknown manifest: ok %v err %v", ok, err)
	}
	all, err := ix.Manifests()
	must(t, err)
	if len(all) != len(want) {
		t.Errorf("Manifests: %d records, want %d", len(all), len(want))
	}
	next, _ := ix.SupersededBy(v1)
	corr, _ := ix.CorrectedBy(v1)
	later, _ := ix.SupersededBy(v2)
	none, _ := ix.CorrectedBy(v2)
	if !eq(next, v2) || !eq(corr, fix) || !eq(later, other) || len(none) != 0 {
		t.Errorf("links: %v %v %v %v", next, corr, later, none)
	}
	q, err := ix.InQueue([]cid.Cid{v1, v2, fix, other})
	must(t, err)
	if !q[v1] || !q[v2] || !q[fix] || q[other] || len(q) != 3 {
		t.Errorf("InQueue = %v", q)
	}
	if ok, err := ix.Queued(other); ok || err != nil {
		t.Errorf("Queued(other) = %v %v", ok, err)
	}
}

func same(a, b index.Manifest) bool {
	return a.CID.Equals(b.CID) && a.Kind == b.Kind && a.Title == b.Title && a.Signer == b.Signer &&
		a.Created.Equal(b.Created) && a.Added.Equal(b.Added) && a.Supersedes.Equals(b.Supersedes) &&
		a.Corrects.Equals(b.Corrects) && a.Local == b.Local
}

func eq(got []cid.Cid, want ...cid.Cid) bool {
	return slices.EqualFunc(got, want, func(a, b cid.Cid) bool { return a.Equals(b) })
}

func promote(t *testing.T, open Opener) {
	ix, _ := open(t)
	a, b := CID("a"), CID("b")
	must(t, ix.PutManifest(index.Manifest{CID: a, Title: "imported"}, false))
	must(t, ix.PutManifest(index.Manifest{CID: a, Title: "local", Local: true}, true))
	m, _, err := ix.Manifest(a)
	must(t, err)
	if !m.Local || m.Title != "local" {
		t.Errorf("imported then local: %+v", m)
	}
	if ok, _ := ix.Queued(a); !ok {
		t.Error("promoted manifest not queued")
	}
	// Known locally: neither demoted nor queued again once anchored.
	must(t, ix.PutManifest(index.Manifest{CID: b, Title: "local", Local: true}, true))
	must(t, ix.Confirm("0x01", map[cid.Cid][]byte{b: []byte("receipt")}))
	must(t, ix.PutManifest(index.Manifest{CID: b, Title: "imported"}, false))
	must(t, ix.PutManifest(index.Manifest{CID: b, Title: "again", Local: true}, true))
	m, _, err = ix.Manifest(b)
	must(t, err)
	if !m.Local || m.Title != "local" {
		t.Errorf("local then imported: %+v", m)
	}
	if ok, _ := ix.Queued(b); ok {
		t.Error("an anchored manifest was queued again")
	}
}

func duplicates(t *testing.T, open Opener) {
	ix, _ := open(t)
	a := CID("a")
	must(t, ix.PutManifests([]index.Manifest{{CID: a, Title: "1"}, {CID: a, Title: "2", Local: true, Supersedes: CID("old")}, {CID: a, Title: "3", Local: true}}, true))
	m, _, err := ix.Manifest(a)
	must(t, err)
	if m.Title != "2" || !m.Local {
		t.Errorf("record = %+v, want the first local one", m)
	}
	if next, _ := ix.SupersededBy(CID("old")); !eq(next, a) {
		t.Errorf("links = %v", next)
	}
	q, _ := ix.Queue()
	if !eq(q, a) {
		t.Errorf("queue = %v", q)
	}
}

func queueOrder(t *testing.T, open Opener) {
	ix, _ := open(t)
	var want []cid.Cid
	for i := range 5 {
		c := CID(fmt.Sprint("m", i))
		want = append(want, c)
		must(t, ix.PutManifest(index.Manifest{CID: c, Local: true}, true))
		time.Sleep(2 * time.Millisecond) // the embedded index orders by clock
	}
	q, err := ix.Queue()
	must(t, err)
	if !eq(q, want...) {
		t.Errorf("queue = %v, want %v", q, want)
	}
}

func batch(root string, ms ...cid.Cid) index.Batch {
	b := index.Batch{Root: root, From: "0x00000000000000000000000000000000000000aa", Nonce: 7, TxHash: "0x" + root,
		RawTx: []byte{1, 2, 3, 0, 255}, ChainID: 1337, Contract: "0x00000000000000000000000000000000000000bb", Created: now}
	for _, c := range ms {
		b.Manifests = append(b.Manifests, c.String())
	}
	return b
}

func oneBatch(t *testing.T, open Opener) {
	ix, _ := open(t)
	a := CID("a")
	must(t, ix.PutManifest(index.Manifest{CID: a, Local: true}, true))
	b := batch("0x01", a)
	must(t, ix.PutBatch(b))
	bs, err := ix.Batches()
	must(t, err)
	if len(bs) != 1 || bs[0].Root != b.Root || bs[0].Nonce != 7 || bs[0].TxHash != b.TxHash || string(bs[0].RawTx) != string(b.RawTx) ||
		bs[0].ChainID != 1337 || bs[0].From != b.From || bs[0].Contract != b.Contract || !bs[0].Created.Equal(now) || !slices.Equal(bs[0].Manifests, b.Manifests) {
		t.Errorf("Batches = %+v", bs)
	}
	for _, other := range []index.Batch{batch("0x02", a), batch("0x01", a)} {
		if err := ix.PutBatch(other); !errors.Is(err, index.ErrBatchInFlight) {
			t.Errorf("second batch %s: %v, want ErrBatchInFlight", other.Root, err)
		}
	}
	must(t, ix.DeleteBatch(b.Root))
	if bs, _ := ix.Batches(); len(bs) != 0 {
		t.Errorf("after delete: %v", bs)
	}
	if ok, _ := ix.Queued(a); !ok {
		t.Error("a dropped batch's manifest left the queue")
	}
	must(t, ix.PutBatch(batch("0x02", a)))
}

func confirm(t *testing.T, open Opener) {
	ix, _ := open(t)
	a, b, c := CID("a"), CID("b"), CID("c")
	must(t, ix.PutManifests([]index.Manifest{{CID: a, Local: true}, {CID: b, Local: true}, {CID: c, Local: true}}, true))
	must(t, ix.PutBatch(batch("0x01", a, b)))
	rs := map[cid.Cid][]byte{a: []byte("ra"), b: []byte("rb")}
	for range 2 {
		must(t, ix.Confirm("0x01", rs))
		got, err := ix.Receipts([]cid.Cid{a, b, c})
		must(t, err)
		if len(got) != 2 || string(got[a]) != "ra" || string(got[b]) != "rb" {
			t.Errorf("Receipts = %q", got)
		}
		q, _ := ix.Queue()
		if !eq(q, c) {
			t.Errorf("queue = %v", q)
		}
		if bs, _ := ix.Batches(); len(bs) != 0 {
			t.Errorf("batch left: %v", bs)
		}
	}
	if r, ok, err := ix.Receipt(a); !ok || string(r) != "ra" || err != nil {
		t.Errorf("Receipt(a) = %q %v %v", r, ok, err)
	}
	if _, ok, err := ix.Receipt(c); ok || err != nil {
		t.Errorf("Receipt(c): ok %v err %v", ok, err)
	}
}

func seq(t *testing.T, open Opener) {
	ix, _ := open(t)
	s0, err := ix.Seq()
	must(t, err)
	if s, _ := ix.Seq(); s != s0 {
		t.Errorf("seq moved without a write: %d, %d", s0, s)
	}
	prev := s0
	for i, w := range []func() error{
		func() error { return ix.AddPin(index.Pin{Root: CID("p")}) },
		func() error { return ix.PutManifest(index.Manifest{CID: CID("m"), Local: true}, true) },
		func() error { return ix.PutBatch(batch("0x01", CID("m"))) },
		func() error { return ix.Confirm("0x01", map[cid.Cid][]byte{CID("m"): []byte("r")}) },
	} {
		must(t, w())
		s, err := ix.Seq()
		must(t, err)
		if s == prev {
			t.Errorf("write %d left seq at %d", i, s)
		}
		prev = s
	}
}

func anchorLock(t *testing.T, open Opener) {
	ix, _ := open(t)
	ctx := context.Background()
	unlock, err := ix.LockAnchoring(ctx)
	must(t, err)
	if _, err := ix.LockAnchoring(ctx); !errors.Is(err, index.ErrAnchoring) {
		t.Fatalf("second lock: %v, want ErrAnchoring", err)
	}
	unlock()
	unlock2, err := ix.LockAnchoring(ctx)
	must(t, err)
	unlock2()
}

func concurrent(t *testing.T, open Opener) {
	ix, _ := open(t)
	const writers, each = 6, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Overlapping sets, in different orders.
			var ms []index.Manifest
			for i := range each {
				n := (i + w*each/2) % (writers * each / 2)
				if w%2 == 1 {
					n = writers*each/2 - 1 - n
				}
				ms = append(ms, index.Manifest{CID: CID(fmt.Sprint("c", n)), Local: true})
			}
			errs <- ix.PutManifests(ms, true)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
	all, _ := ix.Manifests()
	q, _ := ix.Queue()
	if len(all) != writers*each/2 || len(q) != len(all) {
		t.Errorf("%d records, %d queued, want %d each", len(all), len(q), writers*each/2)
	}
}

func persists(t *testing.T, open Opener) {
	ix, reopen := open(t)
	a := CID("a")
	must(t, ix.AddPin(index.Pin{Root: a, Size: 9}))
	must(t, ix.PutManifest(index.Manifest{CID: a, Title: "t", Local: true}, true))
	must(t, ix.PutBatch(batch("0x01", a)))
	must(t, ix.Close())
	ix = reopen()
	defer ix.Close()
	ps, _ := ix.Pins()
	m, ok, _ := ix.Manifest(a)
	q, _ := ix.Queue()
	bs, _ := ix.Batches()
	if len(ps) != 1 || !ok || m.Title != "t" || !eq(q, a) || len(bs) != 1 {
		t.Errorf("after reopen: pins %v manifest %+v %v queue %v batches %v", ps, m, ok, q, bs)
	}
}
