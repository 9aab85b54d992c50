package index

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

func testCID(s string) cid.Cid {
	h, _ := mh.Sum([]byte(s), mh.SHA2_256, -1)
	return cid.NewCidV1(cid.DagCBOR, h)
}

func TestIndexPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.db")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v1, v2, fix, other := testCID("v1"), testCID("v2"), testCID("fix"), testCID("other")
	now := time.Now().UTC().Truncate(time.Second)
	for _, m := range []Manifest{
		{CID: v1, Kind: "dataset", Title: "v1", Created: now, Local: true},
		{CID: v2, Kind: "dataset", Title: "v2", Created: now, Supersedes: v1, Local: true},
		{CID: fix, Kind: "correction", Title: "fix", Created: now, Corrects: v1, Local: true},
		{CID: other, Kind: "dataset", Title: "other", Created: now, Supersedes: v2},
	} {
		if err := ix.PutManifest(m, m.Local); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.AddPin(Pin{Root: v1, Profile: "kubo-cidv1", Size: 3, Added: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err != ErrLocked {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
	ix.Close()

	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	m, ok, err := ix.Manifest(v2)
	if err != nil || !ok || m.Title != "v2" || !m.Supersedes.Equals(v1) {
		t.Errorf("Manifest(v2) = %+v %v %v", m, ok, err)
	}
	next, _ := ix.SupersededBy(v1)
	corr, _ := ix.CorrectedBy(v1)
	later, _ := ix.SupersededBy(v2)
	if len(next) != 1 || !next[0].Equals(v2) || len(corr) != 1 || !corr[0].Equals(fix) || len(later) != 1 || !later[0].Equals(other) {
		t.Errorf("relations: %v %v %v", next, corr, later)
	}
	if q, _ := ix.Queued(v1); !q {
		t.Error("v1 not queued")
	}
	if q, _ := ix.Queued(other); q {
		t.Error("an imported manifest was queued")
	}
	pins, _ := ix.Pins()
	if len(pins) != 1 || pins[0].Profile != "kubo-cidv1" {
		t.Errorf("pins %+v", pins)
	}
}

func TestReceiptsAndQueueInOneRead(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a, b, none := testCID("a"), testCID("b"), testCID("none")
	if err := ix.Confirm("0x00", map[cid.Cid][]byte{a: []byte(`{"a":1}`), b: []byte(`{"b":2}`)}); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutManifest(Manifest{CID: none, Kind: "dataset"}, true); err != nil {
		t.Fatal(err)
	}
	if q, err := ix.InQueue([]cid.Cid{a, none}); err != nil || len(q) != 1 || !q[none] {
		t.Errorf("InQueue = %v, %v", q, err)
	}
	got, err := ix.Receipts([]cid.Cid{a, b, none})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got[a]) != `{"a":1}` || string(got[b]) != `{"b":2}` {
		t.Errorf("Receipts = %q", got)
	}
}

func TestSeqChangesWithEveryWrite(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a, _ := ix.Seq()
	if b, _ := ix.Seq(); b != a {
		t.Errorf("a read changed Seq: %d, %d", a, b)
	}
	if err := ix.PutManifest(Manifest{CID: testCID("x"), Kind: "dataset"}, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := ix.Seq(); b == a {
		t.Errorf("a write left Seq at %d", a)
	}
}
