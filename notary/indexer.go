package notary

import (
	"context"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/index"
)

// Index is what a store keeps beside its blocks: pins, manifest records
// and their links, the anchoring queue, batches in flight and receipts.
// index.Index (one bbolt file in the data dir) is the default; pgindex
// keeps it in PostgreSQL, shared by replicas. Every method is one
// transaction. notary/index/indextest holds the behaviours every
// implementation must have.
type Index interface {
	AddPin(p index.Pin) error
	AddPins(ps []index.Pin) error
	Pins() ([]index.Pin, error)

	// PutManifest(s) record manifests and their links; a manifest already
	// known is only promoted from imported to local, and queue puts a
	// manifest in the anchoring queue only when its record is written.
	PutManifest(m index.Manifest, queue bool) error
	PutManifests(ms []index.Manifest, queue bool) error
	Manifest(c cid.Cid) (index.Manifest, bool, error)
	Manifests() ([]index.Manifest, error)
	SupersededBy(c cid.Cid) ([]cid.Cid, error)
	CorrectedBy(c cid.Cid) ([]cid.Cid, error)

	Queued(c cid.Cid) (bool, error)
	Queue() ([]cid.Cid, error) // oldest first
	InQueue(cs []cid.Cid) (map[cid.Cid]bool, error)

	// PutBatch records a signed anchoring transaction before it is sent;
	// it fails with index.ErrBatchInFlight while another batch is
	// recorded, so only one transaction is ever in flight.
	PutBatch(b index.Batch) error
	DeleteBatch(root string) error
	Batches() ([]index.Batch, error)
	// Confirm stores a batch's receipts, unqueues its manifests and
	// forgets it; confirming again changes nothing.
	Confirm(root string, receipts map[cid.Cid][]byte) error
	Receipt(c cid.Cid) ([]byte, bool, error)
	Receipts(cs []cid.Cid) (map[cid.Cid][]byte, error)

	// Seq changes with every committed write.
	Seq() (uint64, error)
	// LockAnchoring makes the caller the one anchorer, until unlock, of
	// every process sharing the index; it fails with index.ErrAnchoring
	// at once when another holds it.
	LockAnchoring(ctx context.Context) (unlock func(), err error)
	Close() error
}

var _ Index = (*index.Index)(nil)
