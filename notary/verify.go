package notary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ipfs/go-cid"
)

// The checks a verification makes, in order; a VerifyError names the
// first that failed.
const (
	CheckReceipt   = "receipt"            // the document parses and hangs together
	CheckSignature = "manifest signature" // the manifest is signed by its signer
	CheckProof     = "proof"              // the proof leads from the leaf to the root
	CheckContent   = "content changed"    // the files hash to the manifest's content CID
	CheckChain     = "wrong chain"        // the endpoint is the receipt's chain, with the contract
	CheckAnchored  = "root not anchored"  // the contract has the root, by that submitter in that block
	CheckBlock     = "block mismatch"     // the block is canonical with the receipt's hash and time
)

// VerifyError says which check failed and why.
type VerifyError struct {
	Check string
	Err   error
}

func (e *VerifyError) Error() string { return fmt.Sprintf("verify: %s: %v", e.Check, e.Err) }
func (e *VerifyError) Unwrap() error { return e.Err }

func failed(check string, err error) error { return &VerifyError{check, err} }

// Verification is what a successful verification establishes.
type Verification struct {
	Manifest    cid.Cid
	Kind, Title string
	Signer      common.Address
	Content     cid.Cid
	Root        string
	ChainID     uint64
	Contract    common.Address
	Tx          common.Hash
	Submitter   common.Address
	BlockNumber uint64
	BlockHash   common.Hash
	BlockTime   time.Time
	// Final says the block is at or below the chain's finalized head, so
	// no reorganization can remove it; FinalizedHead is that head (0 when
	// the chain does not say).
	Final         bool
	FinalizedHead uint64
}

// ContentFunc recomputes the content CID of what is being verified with
// the manifest's import profile.
type ContentFunc func(ctx context.Context, profile string) (cid.Cid, error)

// VerifyReceipt checks a receipt document against the content and the
// chain: the manifest's signature, that content recomputes to the CID the
// manifest names, that the proof leads to the root, and that the chain has
// the root, anchored by the submitter in the receipt's block. It needs
// nothing of the verifier's own data dir.
func VerifyReceipt(ctx context.Context, ch Chain, doc []byte, content ContentFunc) (*Verification, error) {
	r, m, err := CheckReceiptDoc(doc)
	if err != nil {
		return nil, err
	}
	mc, _ := r.ManifestCID()
	v := &Verification{
		Manifest: mc, Kind: m.Kind, Title: m.Title, Signer: m.Signer,
		Root: r.Root.String(), ChainID: r.ChainID, Contract: r.Contract, Tx: r.Tx,
		Submitter: r.Submitter, BlockNumber: r.BlockNumber, BlockHash: r.BlockHash, BlockTime: r.BlockTime,
	}
	if content != nil {
		if m.Content == nil {
			return nil, failed(CheckContent, errors.New("the manifest publishes no content"))
		}
		got, err := content(ctx, m.Content.Profile)
		if err != nil {
			return nil, failed(CheckContent, err)
		}
		if !got.Equals(m.Content.Root) {
			return nil, failed(CheckContent, fmt.Errorf("the files hash to %s, the manifest names %s (profile %s)", got, m.Content.Root, m.Content.Profile))
		}
		v.Content = got
	}
	if _, err := checkChain(ctx, ch, r.Contract, r.ChainID); err != nil {
		if errors.Is(err, ErrWrongChain) || errors.Is(err, ErrNoContract) {
			return nil, failed(CheckChain, err)
		}
		return nil, err
	}
	a, err := anchorOf(ctx, ch, r.Contract, r.Root, nil)
	if err != nil {
		return nil, failed(CheckChain, err)
	}
	if a.blockNumber == 0 {
		return nil, failed(CheckAnchored, fmt.Errorf("%w: %s is not anchored in %s on chain %d", ErrNotAnchored, r.Root, r.Contract, r.ChainID))
	}
	if a.blockNumber != r.BlockNumber || a.submitter != r.Submitter {
		return nil, failed(CheckAnchored, fmt.Errorf("%w: the chain has %s anchored by %s in block %d, the receipt says %s in block %d",
			ErrNotAnchored, r.Root, a.submitter, a.blockNumber, r.Submitter, r.BlockNumber))
	}
	h, err := ch.HeaderByNumber(ctx, new(big.Int).SetUint64(r.BlockNumber))
	if err != nil {
		return nil, failed(CheckBlock, err)
	}
	if h.Hash() != r.BlockHash || int64(h.Time) != r.BlockTime.Unix() || a.timestamp != h.Time {
		return nil, failed(CheckBlock, fmt.Errorf("block %d is %s at %s, the receipt says %s at %s",
			r.BlockNumber, h.Hash(), time.Unix(int64(h.Time), 0).UTC().Format(time.RFC3339), r.BlockHash, r.BlockTime.Format(time.RFC3339)))
	}
	// Finality is reported, not required: a chain without a finalized
	// head (or an old node) still verifies.
	if fh, err := ch.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber))); err == nil && fh != nil {
		v.FinalizedHead = fh.Number.Uint64()
		v.Final = r.BlockNumber <= v.FinalizedHead
	}
	return v, nil
}

// CheckReceiptDoc decodes a receipt and makes the checks that need no chain
// and no content (receipt, manifest signature, proof), failing with a
// VerifyError.
func CheckReceiptDoc(doc []byte) (*Receipt, *Manifest, error) {
	r, m, err := DecodeReceipt(doc)
	switch {
	case errors.Is(err, ErrBadSignature):
		return nil, nil, failed(CheckSignature, err)
	case errors.Is(err, ErrProof):
		return nil, nil, failed(CheckProof, err)
	case err != nil:
		return nil, nil, failed(CheckReceipt, err)
	}
	return r, m, nil
}

// ContentOfPath recomputes the CID of files on disk.
func ContentOfPath(path string, hidden bool) ContentFunc {
	return func(ctx context.Context, profile string) (cid.Cid, error) {
		res, err := Import(ctx, path, nil, ImportOptions{Profile: profile, Hidden: hidden})
		if err != nil {
			return cid.Undef, err
		}
		return res.Root, nil
	}
}

// ContentOfStore checks, block by block, that the stored DAG under root is
// intact, and returns root.
func (s *Store) ContentOfStore(root cid.Cid) ContentFunc {
	return func(ctx context.Context, _ string) (cid.Cid, error) {
		// Every block the walk reads is checked against its CID.
		return root, s.walkDAG(ctx, root, func(cid.Cid, []byte) error { return nil })
	}
}

// Receipt returns the stored receipt document of a manifest.
func (s *Store) Receipt(c cid.Cid) ([]byte, error) {
	doc, ok, err := s.index.Receipt(c)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotInReceipt, c)
	}
	return doc, nil
}
