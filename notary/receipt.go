package notary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/merkle"
)

// ReceiptVersion is the receipt format version, specified in doc/receipt.md.
const ReceiptVersion = 1

// MaxReceiptSize bounds what DecodeReceipt reads.
const MaxReceiptSize = 8 << 20

// ErrBadReceipt wraps every reason a receipt document is refused.
var ErrBadReceipt = errors.New("notary: bad receipt")

// A Receipt proves that a manifest was anchored: it carries the signed
// manifest itself, its Merkle proof up to a root, and where and when that
// root was anchored. It is self-contained: with the files and a chain
// endpoint, a stranger can check all of it.
type Receipt struct {
	Version     int            `json:"version"`
	Manifest    []byte         `json:"manifest"` // the signed DAG-CBOR manifest block, base64
	CID         string         `json:"cid"`
	Leaf        merkle.Hash    `json:"leaf"`
	Proof       []merkle.Hash  `json:"proof"`
	Root        merkle.Hash    `json:"root"`
	ChainID     uint64         `json:"chain_id"`
	Contract    common.Address `json:"contract"`
	Tx          common.Hash    `json:"tx"`
	BlockNumber uint64         `json:"block_number"`
	BlockHash   common.Hash    `json:"block_hash"`
	BlockTime   time.Time      `json:"block_time"` // UTC, the block's timestamp
	Submitter   common.Address `json:"submitter"`
}

// Encode returns the receipt as indented JSON.
func (r *Receipt) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ManifestCID parses the receipt's manifest CID.
func (r *Receipt) ManifestCID() (cid.Cid, error) { return cid.Decode(r.CID) }

// DecodeReceipt parses a receipt document strictly: unknown fields, missing
// fields and trailing data are errors. It checks the receipt's inner
// consistency (the manifest hashes to the CID, its signature holds, the
// leaf is the CID's leaf, the proof leads to the root); whether the root
// is on chain is for the verifier to ask.
func DecodeReceipt(data []byte) (*Receipt, *Manifest, error) {
	if len(data) > MaxReceiptSize {
		return nil, nil, fmt.Errorf("%w: %d bytes", ErrBadReceipt, len(data))
	}
	var r Receipt
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrBadReceipt, err)
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("%w: data after the receipt", ErrBadReceipt)
	}
	switch {
	case r.Version != ReceiptVersion:
		return nil, nil, fmt.Errorf("%w: version %d (want %d)", ErrBadReceipt, r.Version, ReceiptVersion)
	case len(r.Manifest) == 0 || r.CID == "":
		return nil, nil, fmt.Errorf("%w: no manifest", ErrBadReceipt)
	case r.ChainID == 0 || r.Contract == (common.Address{}) || r.Tx == (common.Hash{}) ||
		r.BlockNumber == 0 || r.BlockHash == (common.Hash{}) || r.BlockTime.IsZero() || r.Submitter == (common.Address{}):
		return nil, nil, fmt.Errorf("%w: missing chain fields", ErrBadReceipt)
	}
	c, err := r.ManifestCID()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: cid: %v", ErrBadReceipt, err)
	}
	got, err := manifestPrefix.Sum(r.Manifest)
	if err != nil || !got.Equals(c) {
		return nil, nil, fmt.Errorf("%w: the manifest in it hashes to %s, not %s", ErrBadReceipt, got, c)
	}
	m, err := DecodeManifest(r.Manifest)
	if err != nil {
		return nil, nil, err
	}
	if merkle.LeafHash(c.Bytes()) != r.Leaf {
		return nil, nil, fmt.Errorf("%w: leaf %s is not the leaf of %s", ErrBadReceipt, r.Leaf, c)
	}
	if !merkle.Verify(r.Root, r.Leaf, r.Proof) {
		return nil, nil, fmt.Errorf("%w: %w", ErrBadReceipt, ErrProof)
	}
	return &r, m, nil
}

// ErrProof means a Merkle proof does not lead from the leaf to the root.
var ErrProof = errors.New("notary: proof does not lead from the leaf to the root")
