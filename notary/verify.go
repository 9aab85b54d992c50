package notary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ethereum/go-ethereum/common"
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

// Conclusive says whether the failed check proves the publication false.
// A wrong chain proves nothing (the endpoint is another chain, or has no
// Notary where the receipt says): the verifier could not check. Errors
// that are not a VerifyError (ErrUnreachable, I/O) are never conclusive.
func (e *VerifyError) Conclusive() bool { return e.Check != CheckChain }

// FileChange is one file whose CID differs from what a manifest lists:
// Want undefined for a file the manifest does not list (extra), Got
// undefined for a listed file that is missing.
type FileChange struct {
	Path      string
	Want, Got cid.Cid
}

func (f FileChange) String() string {
	// The path comes from a stranger's manifest or disk: quoted if it
	// holds anything a terminal would act on.
	p := f.Path
	if strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsPrint(r) }) {
		p = strconv.Quote(p)
	}
	switch {
	case !f.Got.Defined():
		return fmt.Sprintf("%s missing (expected %s)", p, f.Want)
	case !f.Want.Defined():
		return fmt.Sprintf("%s not in the manifest (got %s)", p, f.Got)
	}
	return fmt.Sprintf("%s changed (expected %s, got %s)", p, f.Want, f.Got)
}

// ContentChangedError says how content differs from its manifest: the
// roots, and the files whose CIDs differ when the files are known.
type ContentChangedError struct {
	Want, Got cid.Cid
	Profile   string
	Files     []FileChange // nil when only the root is known
}

// maxNamedChanges bounds the files an error message names; the error
// still holds them all.
const maxNamedChanges = 10

func (e *ContentChangedError) Error() string {
	if len(e.Files) == 0 {
		msg := fmt.Sprintf("the files hash to %s, the manifest names %s (profile %s)", e.Got, e.Want, e.Profile)
		if e.Files != nil {
			msg += "; every file matches, so the tree differs (names, empty directories or symlinks)"
		}
		return msg
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d file%s differ%s from the manifest (the files hash to %s, it names %s): ",
		len(e.Files), plural(len(e.Files)), map[bool]string{true: "s", false: ""}[len(e.Files) == 1], e.Got, e.Want)
	for i, f := range e.Files {
		if i == maxNamedChanges {
			fmt.Fprintf(&b, "; and %d more", len(e.Files)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// diffFiles lists the files of got that differ from want, by path: changed
// and missing in want's order, then extra ones in got's order.
func diffFiles(want, got []File) []FileChange {
	out := []FileChange{}
	have := make(map[string]cid.Cid, len(got))
	for _, f := range got {
		have[f.Path] = f.CID
	}
	listed := make(map[string]bool, len(want))
	for _, f := range want {
		listed[f.Path] = true
		if g, ok := have[f.Path]; !ok {
			out = append(out, FileChange{Path: f.Path, Want: f.CID})
		} else if !g.Equals(f.CID) {
			out = append(out, FileChange{Path: f.Path, Want: f.CID, Got: g})
		}
	}
	for _, f := range got {
		if !listed[f.Path] {
			out = append(out, FileChange{Path: f.Path, Got: f.CID})
		}
	}
	return out
}

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
	// Finality says how deep the block is and why it is final or not,
	// in the words desci show uses too.
	Finality Finality
}

// ContentFunc recomputes the content CID of what is being verified with
// the manifest's import profile, and the files under it when it knows
// them (nil otherwise), so a mismatch can name the changed files.
type ContentFunc func(ctx context.Context, profile string) (cid.Cid, []File, error)

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
		got, files, err := content(ctx, m.Content.Profile)
		if err != nil {
			return nil, failed(CheckContent, err)
		}
		if !got.Equals(m.Content.Root) {
			ce := &ContentChangedError{Want: m.Content.Root, Got: got, Profile: m.Content.Profile}
			if files != nil {
				ce.Files = diffFiles(m.Content.Files, files)
			}
			return nil, failed(CheckContent, ce)
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
	if errors.Is(err, ErrNoContract) {
		return nil, failed(CheckChain, err)
	} else if err != nil {
		return nil, err
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
		// The contract says the root is in this block: a chain that
		// cannot show it did not answer.
		return nil, fmt.Errorf("%w: block %d: %w", ErrUnreachable, r.BlockNumber, err)
	}
	if h.Hash() != r.BlockHash || int64(h.Time) != r.BlockTime.Unix() || a.timestamp != h.Time {
		return nil, failed(CheckBlock, fmt.Errorf("block %d is %s at %s, the receipt says %s at %s",
			r.BlockNumber, h.Hash(), time.Unix(int64(h.Time), 0).UTC().Format(time.RFC3339), r.BlockHash, r.BlockTime.Format(time.RFC3339)))
	}
	// Finality is reported, not required.
	if f, err := CheckFinality(ctx, ch, r.BlockNumber); err == nil {
		v.Finality = f
		v.Final, v.FinalizedHead = f.Final, f.FinalizedHead
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
	return func(ctx context.Context, profile string) (cid.Cid, []File, error) {
		res, err := Import(ctx, path, nil, ImportOptions{Profile: profile, Hidden: hidden})
		if err != nil {
			return cid.Undef, nil, err
		}
		return res.Root, res.Files, nil
	}
}

// ContentOfStore checks, block by block, that the stored DAG under root is
// intact, and returns root.
func (s *Store) ContentOfStore(root cid.Cid) ContentFunc {
	return func(ctx context.Context, _ string) (cid.Cid, []File, error) {
		// Every block the walk reads is checked against its CID.
		return root, nil, s.walkDAG(ctx, root, func(cid.Cid, []byte) error { return nil })
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
