package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/ipfs/go-cid"
	bolt "go.etcd.io/bbolt"
)

// Errors callers branch on.
var (
	// ErrLocked means another process holds the index open.
	ErrLocked = errors.New("index: data dir is in use by another desci process")
	// ErrBatchInFlight means an anchoring batch is recorded already: it
	// is resumed or dropped before another is made.
	ErrBatchInFlight = errors.New("index: another anchoring batch is in flight")
	// ErrAnchoring means another anchorer holds the anchoring lock.
	ErrAnchoring = errors.New("index: another process is anchoring")
)

var (
	bucketPins       = []byte("pins")
	bucketManifests  = []byte("manifests")
	bucketSuperseded = []byte("superseded-by") // old ++ new
	bucketCorrected  = []byte("corrected-by")  // target ++ correction
	bucketQueue      = []byte("anchor-queue")
)

// Pin records a DAG the data dir keeps.
type Pin struct {
	Root    cid.Cid   `json:"-"`
	Profile string    `json:"profile,omitempty"` // import profile, empty for imported CARs
	Size    uint64    `json:"size"`
	Added   time.Time `json:"added"`
}

// Manifest is what the index knows of a manifest without reading its block.
type Manifest struct {
	CID        cid.Cid   `json:"-"`
	Kind       string    `json:"kind"`
	Title      string    `json:"title"`
	Signer     string    `json:"signer"`
	Created    time.Time `json:"created"`
	Supersedes cid.Cid   `json:"supersedes"`
	Corrects   cid.Cid   `json:"corrects"`
	// Local is true for manifests notarized in this data dir, false for
	// those that arrived in an imported CAR.
	Local bool      `json:"local"`
	Added time.Time `json:"added"`
}

// Index is an open index file.
type Index struct {
	db        *bolt.DB
	anchoring sync.Mutex // the file lock keeps other processes out
}

// Open opens or creates the index file at path.
func Open(path string) (*Index, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPins, bucketManifests, bucketSuperseded, bucketCorrected, bucketQueue, bucketBatches, bucketReceipts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	return &Index{db: db}, nil
}

// Close closes the index file.
func (ix *Index) Close() error { return ix.db.Close() }

// AddPin records p; pinning a root again keeps the first record.
func (ix *Index) AddPin(p Pin) error { return ix.AddPins([]Pin{p}) }

// AddPins records many pins in one transaction.
func (ix *Index) AddPins(ps []Pin) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPins)
		for _, p := range ps {
			if b.Get(p.Root.Bytes()) != nil {
				continue
			}
			v, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if err := b.Put(p.Root.Bytes(), v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Pins returns every pin.
func (ix *Index) Pins() ([]Pin, error) {
	var out []Pin
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPins).ForEach(func(k, v []byte) error {
			var p Pin
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			c, err := cid.Cast(k)
			if err != nil {
				return err
			}
			p.Root = c
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// PutManifest records m and its links in one transaction. Queue also puts
// it in the anchoring queue.
func (ix *Index) PutManifest(m Manifest, queue bool) error {
	return ix.PutManifests([]Manifest{m}, queue)
}

// PutManifests records many manifests in one transaction.
func (ix *Index) PutManifests(ms []Manifest, queue bool) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		for _, m := range ms {
			if err := putManifest(tx, m, queue); err != nil {
				return err
			}
		}
		return nil
	})
}

func putManifest(tx *bolt.Tx, m Manifest, queue bool) error {
	key := m.CID.Bytes()
	b := tx.Bucket(bucketManifests)
	if old := b.Get(key); old != nil {
		// Known already: only promote an imported copy to local.
		var prev Manifest
		if err := json.Unmarshal(old, &prev); err != nil {
			return err
		}
		if prev.Local || !m.Local {
			return nil
		}
	}
	v, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := b.Put(key, v); err != nil {
		return err
	}
	if m.Supersedes.Defined() {
		if err := tx.Bucket(bucketSuperseded).Put(pair(m.Supersedes, m.CID), nil); err != nil {
			return err
		}
	}
	if m.Corrects.Defined() {
		if err := tx.Bucket(bucketCorrected).Put(pair(m.Corrects, m.CID), nil); err != nil {
			return err
		}
	}
	if queue {
		t, _ := time.Now().UTC().MarshalText()
		return tx.Bucket(bucketQueue).Put(key, t)
	}
	return nil
}

// pair is a length-prefixed a followed by b, so that a prefix scan over a
// finds exactly the pairs that start with it.
func pair(a, b cid.Cid) []byte {
	ab := a.Bytes()
	return append(append([]byte{byte(len(ab))}, ab...), b.Bytes()...)
}

// Manifest returns the record for c, or ok false.
func (ix *Index) Manifest(c cid.Cid) (m Manifest, ok bool, err error) {
	err = ix.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketManifests).Get(c.Bytes())
		if v == nil {
			return nil
		}
		ok = true
		m.CID = c
		return json.Unmarshal(v, &m)
	})
	return m, ok, err
}

// Manifests returns every manifest record.
func (ix *Index) Manifests() ([]Manifest, error) {
	var out []Manifest
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketManifests).ForEach(func(k, v []byte) error {
			var m Manifest
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			c, err := cid.Cast(k)
			if err != nil {
				return err
			}
			m.CID = c
			out = append(out, m)
			return nil
		})
	})
	return out, err
}

// SupersededBy returns the manifests that name c as the version they replace.
func (ix *Index) SupersededBy(c cid.Cid) ([]cid.Cid, error) {
	return ix.scan(bucketSuperseded, c)
}

// CorrectedBy returns the corrections of c.
func (ix *Index) CorrectedBy(c cid.Cid) ([]cid.Cid, error) {
	return ix.scan(bucketCorrected, c)
}

func (ix *Index) scan(bucket []byte, c cid.Cid) ([]cid.Cid, error) {
	var out []cid.Cid
	prefix := pair(c, cid.Undef)[:1+len(c.Bytes())]
	err := ix.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucket).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			o, err := cid.Cast(k[len(prefix):])
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// Queued says whether c waits for anchoring.
func (ix *Index) Queued(c cid.Cid) (bool, error) {
	var ok bool
	err := ix.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketQueue).Get(c.Bytes()) != nil
		return nil
	})
	return ok, err
}

var (
	bucketBatches  = []byte("anchor-batches")
	bucketReceipts = []byte("receipts")
)

// Batch is an anchoring transaction that was signed and may have been sent.
// It is recorded before the transaction is sent, so that after a crash the
// same transaction (same hash, same nonce) is looked for or sent again,
// never a second one for the same manifests.
type Batch struct {
	Root      string    `json:"root"` // 0x-hex Merkle root
	Manifests []string  `json:"manifests"`
	From      string    `json:"from"`
	Nonce     uint64    `json:"nonce"`
	TxHash    string    `json:"tx"`
	RawTx     []byte    `json:"raw_tx"`
	ChainID   uint64    `json:"chain_id"`
	Contract  string    `json:"contract"`
	Created   time.Time `json:"created"`
}

// PutBatch records b durably; it fails with ErrBatchInFlight while
// another batch is recorded.
func (ix *Index) PutBatch(b Batch) error {
	v, err := json.Marshal(b)
	if err != nil {
		return err
	}
	return ix.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketBatches)
		if k, _ := bk.Cursor().First(); k != nil {
			return fmt.Errorf("%w (root %s)", ErrBatchInFlight, k)
		}
		return bk.Put([]byte(b.Root), v)
	})
}

// LockAnchoring makes the caller the one anchorer until unlock. The file
// is locked to this process already, so a mutex is enough.
func (ix *Index) LockAnchoring(context.Context) (func(), error) {
	if !ix.anchoring.TryLock() {
		return nil, ErrAnchoring
	}
	return ix.anchoring.Unlock, nil
}

// DeleteBatch forgets a batch whose transaction will never be mined; its
// manifests are still queued.
func (ix *Index) DeleteBatch(root string) error {
	return ix.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketBatches).Delete([]byte(root)) })
}

// Batches returns the batches in flight.
func (ix *Index) Batches() ([]Batch, error) {
	var out []Batch
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBatches).ForEach(func(_, v []byte) error {
			var b Batch
			if err := json.Unmarshal(v, &b); err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
	})
	return out, err
}

// Queue returns the manifests waiting for anchoring, oldest first.
func (ix *Index) Queue() ([]cid.Cid, error) {
	type item struct {
		c cid.Cid
		t string
	}
	var items []item
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQueue).ForEach(func(k, v []byte) error {
			c, err := cid.Cast(k)
			if err != nil {
				return err
			}
			items = append(items, item{c, string(v)})
			return nil
		})
	})
	sort.SliceStable(items, func(i, j int) bool { return items[i].t < items[j].t })
	out := make([]cid.Cid, len(items))
	for i, it := range items {
		out[i] = it.c
	}
	return out, err
}

// Confirm stores the receipts of a confirmed batch, takes its manifests
// off the queue and forgets the batch, in one transaction.
func (ix *Index) Confirm(root string, receipts map[cid.Cid][]byte) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		for c, r := range receipts {
			if err := tx.Bucket(bucketReceipts).Put(c.Bytes(), r); err != nil {
				return err
			}
			if err := tx.Bucket(bucketQueue).Delete(c.Bytes()); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketBatches).Delete([]byte(root))
	})
}

// Receipt returns the stored receipt document of a manifest.
func (ix *Index) Receipt(c cid.Cid) ([]byte, bool, error) {
	var out []byte
	err := ix.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketReceipts).Get(c.Bytes()); v != nil {
			out = append([]byte(nil), v...)
		}
		return nil
	})
	return out, out != nil, err
}

// Receipts returns the stored receipts of many manifests in one
// transaction, so a list costs one read however long it is; manifests
// without a receipt are absent from the map.
func (ix *Index) Receipts(cs []cid.Cid) (map[cid.Cid][]byte, error) {
	out := make(map[cid.Cid][]byte, len(cs))
	err := ix.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReceipts)
		for _, c := range cs {
			if v := b.Get(c.Bytes()); v != nil {
				out[c] = append([]byte(nil), v...)
			}
		}
		return nil
	})
	return out, err
}

// Seq returns a number that changes with every write to the index (the
// last committed transaction's id), so a reader can keep what it derived
// from the index until it changes.
func (ix *Index) Seq() (uint64, error) {
	var id int
	err := ix.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return uint64(id), err
}

// InQueue says which of cs wait for anchoring, in one transaction.
func (ix *Index) InQueue(cs []cid.Cid) (map[cid.Cid]bool, error) {
	out := make(map[cid.Cid]bool, len(cs))
	err := ix.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueue)
		for _, c := range cs {
			if b.Get(c.Bytes()) != nil {
				out[c] = true
			}
		}
		return nil
	})
	return out, err
}
