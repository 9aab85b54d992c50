package policies

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Storage is where a Registry keeps its records: ordered buckets of keys
// and values, read and written in transactions. Two implement it: a bbolt
// file (OpenBolt, the default: consents.db in the data dir) and a
// PostgreSQL database (OpenPostgres) that several replicas share. The
// registry's rules (nonce order, supersession, revocation, enrollment
// once) are checked and written inside one Update, so a Storage whose
// Updates are serializable keeps them under concurrent writers in any
// number of processes.
type Storage interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed when fn
	// returns nil. It may run fn again when the transaction lost a race
	// to another writer, so fn must only write through tx.
	Update(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// A Tx is one transaction of a Storage. Keys are compared bytewise. A
// value returned is valid until the transaction ends.
type Tx interface {
	// Get returns the value of k, nil if there is none.
	Get(b Bucket, k []byte) ([]byte, error)
	// GetMany returns the values of keys, in their order (nil where none).
	GetMany(b Bucket, keys [][]byte) ([][]byte, error)
	Put(b Bucket, k, v []byte) error
	// PutMany puts many pairs at once (the keys need not be sorted).
	PutMany(b Bucket, kvs []KV) error
	Delete(b Bucket, k []byte) error
	// Scan calls fn for each pair whose key starts with prefix, in key
	// order, until fn returns an error.
	Scan(b Bucket, prefix []byte, fn func(k, v []byte) error) error
	// ScanRefs is Scan of b where each value is a key of bucket ref: fn
	// gets ref's value too (nil if there is none).
	ScanRefs(b Bucket, prefix []byte, ref Bucket, fn func(k, v, refV []byte) error) error
	// NextSequence returns a new number for b, above every one before.
	NextSequence(b Bucket) (uint64, error)
}

// A Bucket names one set of keys in a Storage.
type Bucket string

// A KV is a key and its value.
type KV struct{ K, V []byte }

// The registry's buckets.
const (
	bucketEnroll      Bucket = "enrollments"       // study\0subject -> patient address
	bucketPatient     Bucket = "patient-subjects"  // address ++ study\0subject -> nil
	bucketDocs        Bucket = "documents"         // hash -> record
	bucketLatest      Bucket = "latest"            // study\0subject -> hash of the last document
	bucketSubjectDocs Bucket = "subject-documents" // study\0subject\0 ++ nonce -> hash
	bucketNotarized   Bucket = "notarized"         // manifest CID -> hash
	bucketExtracts    Bucket = "extracts"          // extract CID -> extractRecord
	bucketSubjectExt  Bucket = "subject-extracts"  // study\0subject\0 ++ extract CID -> nil
	bucketAffected    Bucket = "affected"          // extract CID ++ \0 ++ subject -> revocation hash
	bucketAccess      Bucket = "access"            // seq -> AccessEntry
	bucketSubjectAcc  Bucket = "subject-access"    // study\0subject\0 ++ seq -> outcome
	bucketWebhooks    Bucket = "webhooks"          // holder \0 URL -> secret
	bucketOutbox      Bucket = "outbox"            // seq -> Notice to deliver
	bucketNotices     Bucket = "notices"           // holder \0 seq -> Notice
	bucketMeta        Bucket = "meta"              // "deployment" -> the domain's salt
)

var buckets = []Bucket{bucketEnroll, bucketPatient, bucketDocs, bucketLatest, bucketSubjectDocs, bucketNotarized,
	bucketExtracts, bucketSubjectExt, bucketAffected, bucketAccess, bucketSubjectAcc,
	bucketWebhooks, bucketOutbox, bucketNotices, bucketMeta}

// ErrStorage wraps a failure of the storage itself (the database down, a
// connection lost): nothing of the request was written, and it can be
// retried.
var ErrStorage = errors.New("policies: registry storage unavailable")

// boltStorage is a Storage in one bbolt file.
type boltStorage struct{ db *bolt.DB }

// OpenBolt opens (creating) the bbolt registry file at path.
func OpenBolt(path string) (Storage, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("policies: open registry %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range buckets {
			if _, err := tx.CreateBucketIfNotExists([]byte(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &boltStorage{db}, nil
}

func (s *boltStorage) View(ctx context.Context, fn func(Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (s *boltStorage) Update(ctx context.Context, fn func(Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (s *boltStorage) Close() error { return s.db.Close() }

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) b(b Bucket) *bolt.Bucket { return t.tx.Bucket([]byte(b)) }

func (t boltTx) Get(b Bucket, k []byte) ([]byte, error) { return t.b(b).Get(k), nil }

func (t boltTx) GetMany(b Bucket, keys [][]byte) ([][]byte, error) {
	bk := t.b(b)
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i] = bk.Get(k)
	}
	return out, nil
}

func (t boltTx) Put(b Bucket, k, v []byte) error {
	if v == nil {
		v = []byte{}
	}
	return t.b(b).Put(k, v)
}

// PutMany puts in key order: bbolt splits a node only at commit, so puts
// in random order into one transaction move ever bigger nodes
// (quadratic: 100,000 random patient addresses took 25 s), where puts in
// order append.
func (t boltTx) PutMany(b Bucket, kvs []KV) error {
	kvs = slices.Clone(kvs)
	slices.SortStableFunc(kvs, func(a, b KV) int { return bytes.Compare(a.K, b.K) }) // a key put twice: the last value wins
	bk := t.b(b)
	for _, kv := range kvs {
		v := kv.V
		if v == nil {
			v = []byte{}
		}
		if err := bk.Put(kv.K, v); err != nil {
			return err
		}
	}
	return nil
}

func (t boltTx) Delete(b Bucket, k []byte) error { return t.b(b).Delete(k) }

func (t boltTx) Scan(b Bucket, prefix []byte, fn func(k, v []byte) error) error {
	c := t.b(b).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (t boltTx) ScanRefs(b Bucket, prefix []byte, ref Bucket, fn func(k, v, refV []byte) error) error {
	rb := t.b(ref)
	return t.Scan(b, prefix, func(k, v []byte) error { return fn(k, v, rb.Get(v)) })
}

func (t boltTx) NextSequence(b Bucket) (uint64, error) { return t.b(b).NextSequence() }

// bufferedTx serves a transaction's reads from what it prefetched and
// wrote, and holds its puts until a scan or flush: a bulk write asks a
// database a few queries a chunk instead of a few a document.
type bufferedTx struct {
	Tx
	known map[Bucket]map[string][]byte // nil: known to be absent
	dirty map[Bucket][]KV              // puts not yet written, in order
}

func newBufferedTx(tx Tx) *bufferedTx {
	return &bufferedTx{Tx: tx, known: map[Bucket]map[string][]byte{}, dirty: map[Bucket][]KV{}}
}

func (t *bufferedTx) bucket(b Bucket) map[string][]byte {
	m := t.known[b]
	if m == nil {
		m = map[string][]byte{}
		t.known[b] = m
	}
	return m
}

// prefetch reads keys of b in one lookup.
func (t *bufferedTx) prefetch(b Bucket, keys [][]byte) error {
	_, err := t.GetMany(b, keys)
	return err
}

func (t *bufferedTx) Get(b Bucket, k []byte) ([]byte, error) {
	m := t.bucket(b)
	if v, ok := m[string(k)]; ok {
		return v, nil
	}
	v, err := t.Tx.Get(b, k)
	if err == nil {
		m[string(k)] = v
	}
	return v, err
}

func (t *bufferedTx) GetMany(b Bucket, keys [][]byte) ([][]byte, error) {
	m := t.bucket(b)
	out := make([][]byte, len(keys))
	var missing [][]byte
	var at []int
	for i, k := range keys {
		if v, ok := m[string(k)]; ok {
			out[i] = v
		} else {
			missing, at = append(missing, k), append(at, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	vs, err := t.Tx.GetMany(b, missing)
	if err != nil {
		return nil, err
	}
	for j, v := range vs {
		out[at[j]] = v
		m[string(missing[j])] = v
	}
	return out, nil
}

func (t *bufferedTx) Put(b Bucket, k, v []byte) error {
	if v == nil {
		v = []byte{}
	}
	t.bucket(b)[string(k)] = v
	t.dirty[b] = append(t.dirty[b], KV{k, v})
	return nil
}

func (t *bufferedTx) PutMany(b Bucket, kvs []KV) error {
	for _, kv := range kvs {
		t.Put(b, kv.K, kv.V)
	}
	return nil
}

func (t *bufferedTx) Delete(b Bucket, k []byte) error {
	if err := t.flush(); err != nil {
		return err
	}
	t.bucket(b)[string(k)] = nil
	return t.Tx.Delete(b, k)
}

func (t *bufferedTx) Scan(b Bucket, prefix []byte, fn func(k, v []byte) error) error {
	if err := t.flush(); err != nil {
		return err
	}
	return t.Tx.Scan(b, prefix, fn)
}

func (t *bufferedTx) ScanRefs(b Bucket, prefix []byte, ref Bucket, fn func(k, v, refV []byte) error) error {
	if err := t.flush(); err != nil {
		return err
	}
	return t.Tx.ScanRefs(b, prefix, ref, fn)
}

// flush writes the puts held.
func (t *bufferedTx) flush() error {
	for b, kvs := range t.dirty {
		if err := t.Tx.PutMany(b, kvs); err != nil {
			return err
		}
		delete(t.dirty, b)
	}
	return nil
}
