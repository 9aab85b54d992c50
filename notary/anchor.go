package notary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/internal/ethtx"
	"github.com/desci-platform/desci/notary/contract/gen"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/notary/merkle"
)

// Chain is what anchoring and verification need of an Ethereum node.
// *ethclient.Client is one, whether it talks to the embedded chain in
// process or to any JSON-RPC endpoint.
type Chain interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error)
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	BalanceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (*big.Int, error)
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
}

// Errors of anchoring and verification that callers branch on.
var (
	ErrNoContract   = errors.New("notary: no contract code at the Notary address")
	ErrWrongChain   = errors.New("notary: wrong chain")
	ErrNotAnchored  = errors.New("notary: root not anchored")
	ErrNoFunds      = errors.New("notary: the signing key has no funds to pay for the transaction")
	ErrNotInReceipt = errors.New("notary: no receipt for this manifest yet (run desci anchor)")
	// ErrUnreachable means the chain did not answer: nothing was checked.
	ErrUnreachable = errors.New("notary: chain unreachable")
)

var (
	notaryABI       = gen.NewNotary()
	anchoredEventID = notaryABI.GetABI().Events[gen.NotaryAnchoredEventName].ID
)

// AnchorOptions configure Anchor. The zero value (but for Contract) waits
// for one confirmation: the block that includes the transaction.
type AnchorOptions struct {
	// Contract is the Notary contract's address. Required.
	Contract common.Address
	// Confirmations is how many blocks, counting the one that includes the
	// transaction, must be on top before receipts are written; 0 means 1.
	Confirmations uint64
	// Poll is how often to ask the chain while waiting; 0 means 250 ms.
	Poll time.Duration
	// Log, if set, receives one line per step.
	Log func(format string, args ...any)
	// crashAfter is for tests: return errCrash at the named step.
	crashAfter string
}

var errCrash = errors.New("notary: simulated crash")

func (o *AnchorOptions) logf(format string, args ...any) {
	if o.Log != nil {
		o.Log(format, args...)
	}
}

// AnchorResult says what one Anchor call did.
type AnchorResult struct {
	Root        merkle.Hash
	Manifests   int
	Tx          common.Hash
	BlockNumber uint64
	GasUsed     uint64
}

// Anchor anchors every queued manifest in one transaction: it builds the
// Merkle tree, records the signed transaction, sends it, waits for
// confirmations and stores a receipt for each manifest. It picks up any
// batch a killed run left behind first, by transaction hash and nonce, so
// nothing is lost and nothing is anchored twice. With nothing queued it
// returns a nil result.
//
// Only one anchorer works at a time among the processes sharing the
// index: Anchor fails at once with an error wrapping index.ErrAnchoring
// while another holds the anchoring lock.
func (s *Store) Anchor(ctx context.Context, ch Chain, signer Signer, opts AnchorOptions) ([]AnchorResult, error) {
	chainID, err := checkChain(ctx, ch, opts.Contract, 0)
	if err != nil {
		return nil, err
	}
	unlock, err := s.index.LockAnchoring(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var results []AnchorResult
	batches, err := s.index.Batches()
	if err != nil {
		return nil, err
	}
	for _, b := range batches {
		if b.ChainID != chainID.Uint64() || !strings.EqualFold(b.Contract, opts.Contract.Hex()) {
			return nil, fmt.Errorf("notary: a batch for chain %d contract %s is in flight; anchor it there first", b.ChainID, b.Contract)
		}
		opts.logf("resuming batch %s (tx %s)", b.Root, b.TxHash)
		r, err := s.finish(ctx, ch, b, &opts)
		if err != nil {
			return results, err
		}
		if r != nil {
			results = append(results, *r)
		}
		// A dropped batch's manifests are still queued: they go again below.
	}

	queue, err := s.index.Queue()
	if err != nil {
		return results, err
	}
	if len(queue) == 0 {
		return results, nil
	}
	// Sorted, so the same queue always makes the same tree.
	sort.Slice(queue, func(i, j int) bool { return queue[i].KeyString() < queue[j].KeyString() })
	values := make([][]byte, len(queue))
	for i, c := range queue {
		values[i] = c.Bytes()
	}
	tree, err := merkle.New(values)
	if err != nil {
		return results, err
	}
	root := tree.Root()
	b := index.Batch{Root: root.String(), ChainID: chainID.Uint64(), Contract: opts.Contract.Hex(), From: signer.Address().Hex(), Created: time.Now().UTC()}
	for _, c := range queue {
		b.Manifests = append(b.Manifests, c.String())
	}

	// If this root is on chain already (anchored by anyone), use that.
	if a, err := anchorOf(ctx, ch, opts.Contract, root, nil); err != nil {
		return results, err
	} else if a.blockNumber != 0 {
		opts.logf("root %s was anchored already in block %d", root, a.blockNumber)
		r, err := s.confirmFromChain(ctx, ch, b, a, &opts)
		if err != nil {
			return results, err
		}
		return append(results, *r), nil
	}

	tx, err := s.signAnchor(ctx, ch, signer, chainID, opts.Contract, root)
	if err != nil {
		return results, err
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return results, err
	}
	b.Nonce, b.TxHash, b.RawTx = tx.Nonce(), tx.Hash().Hex(), raw
	if err := s.index.PutBatch(b); err != nil {
		return results, err
	}
	if opts.crashAfter == "record" {
		return results, errCrash
	}
	opts.logf("anchoring %d manifests under root %s (tx %s, nonce %d)", len(queue), root, tx.Hash(), tx.Nonce())
	if err := send(ctx, ch, tx); err != nil {
		if !refused(err) {
			// The node may have taken the transaction and the answer been
			// lost on the way back: keep the batch, which the next run
			// resumes by hash and nonce (resending the same bytes if the
			// node never had them).
			return results, fmt.Errorf("%w; the batch is kept (tx %s, nonce %d): run desci anchor again to resume it", err, tx.Hash(), tx.Nonce())
		}
		// The node refused it: nothing reached the chain. Forget the
		// batch, keep the queue.
		if derr := s.index.DeleteBatch(b.Root); derr != nil {
			return results, errors.Join(err, derr)
		}
		return results, err
	}
	if opts.crashAfter == "send" {
		return results, errCrash
	}
	r, err := s.finish(ctx, ch, b, &opts)
	if err != nil {
		return results, err
	}
	if r == nil {
		return results, fmt.Errorf("notary: anchor transaction %s was dropped; run desci anchor again", tx.Hash())
	}
	return append(results, *r), nil
}

// refused reports whether err is the node's own answer refusing a
// transaction (a JSON-RPC error reply), as opposed to a request or an
// answer lost on the way, after which the node may have the transaction.
func refused(err error) bool {
	var re rpc.Error
	return errors.As(err, &re) || errors.Is(err, ErrNoFunds)
}

func send(ctx context.Context, ch Chain, tx *types.Transaction) error {
	err := ch.SendTransaction(ctx, tx)
	if err != nil && (strings.Contains(err.Error(), "already known") || strings.Contains(err.Error(), "nonce too low")) {
		return nil // sent before; finish() finds out what became of it
	}
	if err != nil && strings.Contains(err.Error(), "insufficient funds") {
		return fmt.Errorf("%w (%s): %v", ErrNoFunds, txFrom(tx), err)
	}
	if err != nil {
		return fmt.Errorf("notary: send anchor transaction: %w", err)
	}
	return nil
}

func txFrom(tx *types.Transaction) string {
	from, err := types.Sender(types.LatestSignerForChainID(tx.ChainId()), tx)
	if err != nil {
		return "?"
	}
	return from.Hex()
}

// signAnchor makes and signs the anchor(root) transaction.
func (s *Store) signAnchor(ctx context.Context, ch Chain, signer Signer, chainID *big.Int, contract common.Address, root merkle.Hash) (*types.Transaction, error) {
	return signTx(ctx, ch, signer, chainID, &contract, notaryABI.PackAnchor(root))
}

// signTx makes and signs a dynamic-fee transaction from signer's account
// (to nil deploys data as a contract), after checking the account can pay
// for it.
func signTx(ctx context.Context, ch Chain, signer Signer, chainID *big.Int, to *common.Address, data []byte) (*types.Transaction, error) {
	from := signer.Address()
	nonce, err := ch.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("notary: nonce of %s: %w", from, err)
	}
	gas, err := ch.EstimateGas(ctx, ethereum.CallMsg{From: from, To: to, Data: data})
	if err != nil {
		return nil, fmt.Errorf("notary: estimate gas: %w", err)
	}
	tip, feeCap, err := ethtx.Fees(ctx, ch)
	if err != nil {
		return nil, err
	}
	gas += gas / 5
	bal, err := ch.BalanceAt(ctx, from, nil)
	if err != nil {
		return nil, err
	}
	if cost := new(big.Int).Mul(feeCap, new(big.Int).SetUint64(gas)); bal.Cmp(cost) < 0 {
		return nil, fmt.Errorf("%w: %s has %s wei, the transaction may cost up to %s", ErrNoFunds, from, bal, cost)
	}
	unsigned := types.NewTx(&types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: gas, To: to, Data: data,
	})
	ethSigner := types.LatestSignerForChainID(chainID)
	sig, err := signer.SignHash(ethSigner.Hash(unsigned).Bytes())
	if err != nil {
		return nil, err
	}
	return unsigned.WithSignature(ethSigner, sig)
}

// finish waits for a recorded batch to be mined and confirmed, and writes
// its receipts. It returns nil (and forgets the batch) if the transaction
// can never be mined because its nonce went to another transaction and the
// root is not on chain.
func (s *Store) finish(ctx context.Context, ch Chain, b index.Batch, opts *AnchorOptions) (*AnchorResult, error) {
	txHash := common.HexToHash(b.TxHash)
	from := common.HexToAddress(b.From)
	poll := opts.Poll
	if poll == 0 {
		poll = 250 * time.Millisecond
	}
	confirmations := max(opts.Confirmations, 1)
	for {
		rcpt, err := ch.TransactionReceipt(ctx, txHash)
		switch {
		case err == nil:
			if rcpt.Status != types.ReceiptStatusSuccessful {
				// Most likely AlreadyAnchored: someone anchored the same root.
				root, _ := merkle.ParseHash(b.Root)
				a, aerr := anchorOf(ctx, ch, common.HexToAddress(b.Contract), root, nil)
				if aerr == nil && a.blockNumber != 0 {
					return s.confirmFromChain(ctx, ch, b, a, opts)
				}
				if derr := s.index.DeleteBatch(b.Root); derr != nil {
					return nil, derr
				}
				return nil, fmt.Errorf("notary: anchor transaction %s reverted", txHash)
			}
			head, err := ch.BlockNumber(ctx)
			if err != nil {
				return nil, err
			}
			if head+1 >= rcpt.BlockNumber.Uint64()+confirmations {
				// Confirmed deep enough; check the block is still canonical.
				h, err := ch.HeaderByNumber(ctx, rcpt.BlockNumber)
				if err != nil {
					return nil, err
				}
				if h.Hash() == rcpt.BlockHash {
					if opts.crashAfter == "confirm" {
						return nil, errCrash
					}
					return s.writeReceipts(ctx, b, rcpt, h, from)
				}
				opts.logf("block %d was reorganized away; waiting for %s again", rcpt.BlockNumber, txHash)
			} else {
				opts.logf("mined in block %d, %d of %d confirmations", rcpt.BlockNumber, head+1-rcpt.BlockNumber.Uint64(), confirmations)
			}
		case ethtx.NotYet(err):
			// Not mined (or reorganized out). Resend the recorded transaction
			// unless its nonce was used by another.
			nonce, nerr := ch.NonceAt(ctx, from, nil)
			if nerr != nil {
				return nil, nerr
			}
			if nonce > b.Nonce {
				// The nonce is spent; if not by ours, ours can never be mined.
				if _, rerr := ch.TransactionReceipt(ctx, txHash); rerr == nil {
					continue
				}
				root, _ := merkle.ParseHash(b.Root)
				a, aerr := anchorOf(ctx, ch, common.HexToAddress(b.Contract), root, nil)
				if aerr != nil {
					return nil, aerr
				}
				if a.blockNumber != 0 {
					return s.confirmFromChain(ctx, ch, b, a, opts)
				}
				opts.logf("nonce %d of %s went to another transaction; the batch will be rebuilt", b.Nonce, from)
				return nil, s.index.DeleteBatch(b.Root)
			}
			tx := new(types.Transaction)
			if err := tx.UnmarshalBinary(b.RawTx); err != nil {
				return nil, fmt.Errorf("notary: recorded transaction: %w", err)
			}
			if err := send(ctx, ch, tx); err != nil {
				if refused(err) {
					// The node has it neither mined nor pending, and will
					// not take it: nothing of it is on chain.
					if derr := s.index.DeleteBatch(b.Root); derr != nil {
						return nil, errors.Join(err, derr)
					}
					return nil, fmt.Errorf("%w; the batch was dropped, its manifests stay queued", err)
				}
				return nil, err
			}
		default:
			return nil, fmt.Errorf("notary: receipt of %s: %w", txHash, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// onChain is what the Notary contract records for a root.
type onChain struct {
	submitter   common.Address
	timestamp   uint64
	blockNumber uint64
}

func anchorOf(ctx context.Context, ch Chain, contract common.Address, root merkle.Hash, block *big.Int) (onChain, error) {
	out, err := ch.CallContract(ctx, ethereum.CallMsg{To: &contract, Data: notaryABI.PackAnchorOf(root)}, block)
	if err != nil {
		return onChain{}, fmt.Errorf("%w: ask the Notary contract: %w", ErrUnreachable, err)
	}
	a, err := notaryABI.UnpackAnchorOf(out)
	if err != nil {
		return onChain{}, fmt.Errorf("%w at %s (not a Notary contract?): %v", ErrNoContract, contract, err)
	}
	return onChain{a.Submitter, a.Timestamp.Uint64(), a.BlockNumber.Uint64()}, nil
}

// confirmFromChain writes receipts for a batch whose root is on chain,
// finding the anchoring transaction from the contract's event.
func (s *Store) confirmFromChain(ctx context.Context, ch Chain, b index.Batch, a onChain, opts *AnchorOptions) (*AnchorResult, error) {
	root, _ := merkle.ParseHash(b.Root)
	n := new(big.Int).SetUint64(a.blockNumber)
	contract := common.HexToAddress(b.Contract)
	logs, err := ch.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: n, ToBlock: n, Addresses: []common.Address{contract},
		Topics: [][]common.Hash{{anchoredEventID}, {common.Hash(root)}},
	})
	if err != nil {
		return nil, err
	}
	if len(logs) == 0 {
		return nil, fmt.Errorf("notary: root %s is anchored in block %d but its event is missing", root, a.blockNumber)
	}
	rcpt, err := ch.TransactionReceipt(ctx, logs[0].TxHash)
	if err != nil {
		return nil, err
	}
	h, err := ch.HeaderByNumber(ctx, n)
	if err != nil {
		return nil, err
	}
	return s.writeReceipts(ctx, b, rcpt, h, a.submitter)
}

// writeReceipts stores a receipt for every manifest of the batch and takes
// them off the queue, atomically.
func (s *Store) writeReceipts(ctx context.Context, b index.Batch, rcpt *types.Receipt, h *types.Header, submitter common.Address) (*AnchorResult, error) {
	cids := make([]cid.Cid, len(b.Manifests))
	values := make([][]byte, len(b.Manifests))
	for i, m := range b.Manifests {
		c, err := cid.Decode(m)
		if err != nil {
			return nil, err
		}
		cids[i], values[i] = c, c.Bytes()
	}
	tree, err := merkle.New(values)
	if err != nil {
		return nil, err
	}
	if tree.Root().String() != b.Root {
		return nil, fmt.Errorf("notary: batch %s does not rebuild to its root", b.Root)
	}
	contract := common.HexToAddress(b.Contract)
	out := make(map[cid.Cid][]byte, len(cids))
	for i, c := range cids {
		block, err := s.Block(ctx, c)
		if err != nil {
			return nil, err
		}
		r := &Receipt{
			Version:     ReceiptVersion,
			Manifest:    block,
			CID:         c.String(),
			Leaf:        tree.Leaf(i),
			Proof:       tree.Proof(i),
			Root:        tree.Root(),
			ChainID:     b.ChainID,
			Contract:    contract,
			Tx:          rcpt.TxHash,
			BlockNumber: rcpt.BlockNumber.Uint64(),
			BlockHash:   rcpt.BlockHash,
			BlockTime:   time.Unix(int64(h.Time), 0).UTC(),
			Submitter:   submitter,
		}
		doc, err := r.Encode()
		if err != nil {
			return nil, err
		}
		out[c] = doc
	}
	if err := s.index.Confirm(b.Root, out); err != nil {
		return nil, err
	}
	return &AnchorResult{Root: tree.Root(), Manifests: len(cids), Tx: rcpt.TxHash, BlockNumber: rcpt.BlockNumber.Uint64(), GasUsed: rcpt.GasUsed}, nil
}

// checkChain checks the endpoint's chain id (if want is not 0) and that
// the contract has code; it returns the chain id.
func checkChain(ctx context.Context, ch Chain, contract common.Address, want uint64) (*big.Int, error) {
	id, err := ch.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	if want != 0 && id.Uint64() != want {
		return nil, fmt.Errorf("%w: the endpoint is chain %d, expected %d", ErrWrongChain, id, want)
	}
	code, err := ch.CodeAt(ctx, contract, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("%w %s on chain %d", ErrNoContract, contract, id)
	}
	return id, nil
}

// DeployNotary deploys the Notary contract from signer's account and
// returns its address once mined.
func DeployNotary(ctx context.Context, ch Chain, signer Signer) (common.Address, error) {
	chainID, err := ch.ChainID(ctx)
	if err != nil {
		return common.Address{}, fmt.Errorf("notary: chain unreachable: %w", err)
	}
	tx, err := signTx(ctx, ch, signer, chainID, nil, common.FromHex(gen.NotaryMetaData.Bin))
	if err != nil {
		return common.Address{}, fmt.Errorf("notary: deploy: %w", err)
	}
	if err := send(ctx, ch, tx); err != nil {
		return common.Address{}, err
	}
	rcpt, err := ethtx.WaitMined(ctx, ch, tx.Hash())
	if err != nil {
		return common.Address{}, err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return common.Address{}, fmt.Errorf("notary: deploy transaction %s failed", tx.Hash())
	}
	return rcpt.ContractAddress, nil
}
