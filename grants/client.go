package grants

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/internal/ethtx"
	"github.com/desci-platform/desci/keys"
)

// Backend is what a Client needs of a chain. *ethclient.Client is one,
// in process on the embedded chain or over JSON-RPC, and so is
// simulated.Client.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ChainID(ctx context.Context) (*big.Int, error)
}

// Signer signs transactions for one account; *keys.Key is one.
type Signer interface {
	Address() common.Address
	SignHash(hash []byte) ([]byte, error)
}

var (
	_ Backend = (*ethclient.Client)(nil)
	_ Signer  = (*keys.Key)(nil)
)

// Errors callers branch on. Reverts wrap ErrReverted in a *RevertError.
var (
	ErrReverted     = errors.New("grants: transaction reverted")
	ErrNoSigner     = errors.New("grants: no signing key")
	ErrNoContract   = errors.New("grants: no contract code at the Grants address")
	ErrNoEvidence   = errors.New("grants: no evidence for the milestone")
	ErrRootMismatch = errors.New("grants: committed root does not match the matching recomputed from events")
	ErrNotDevToken  = errors.New("grants: the token is not a TestUSD this key can mint")
)

// RevertError is a transaction or call that the contract rejected, with
// the custom error it gave when it could be decoded ("NotNotarized").
type RevertError struct {
	Op     string
	Reason string // the custom error's name, or "" if unknown
	Detail any    // the decoded error (a gen.Grants... value), or nil
	Tx     common.Hash
}

func (e *RevertError) Error() string {
	s := "grants: " + e.Op + ": reverted"
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	if e.Detail != nil {
		if f := fieldsOf(e.Detail); f != "" {
			s += " " + f
		}
	}
	if e.Tx != (common.Hash{}) {
		s += " (tx " + e.Tx.Hex() + ")"
	}
	return s
}

func (e *RevertError) Unwrap() error { return ErrReverted }

// Reason returns the custom error name of a revert, or "".
func Reason(err error) string {
	var re *RevertError
	if errors.As(err, &re) {
		return re.Reason
	}
	return ""
}

func fieldsOf(v any) string {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct || rv.NumField() == 0 {
		return ""
	}
	var parts []string
	for i := range rv.NumField() {
		parts = append(parts, fmt.Sprintf("%s=%v", rv.Type().Field(i).Name, rv.Field(i).Interface()))
	}
	return "(" + strings.Join(parts, " ") + ")"
}

var (
	grantsABI = gen.NewGrants()
	tokenABI  = gen.NewTestUSD()
	badgeABI  = gen.NewSupporterBadge()
)

// DecodeRevert names the custom error in revert data, trying each of the
// contracts a grants transaction touches, and returns its decoded value.
func DecodeRevert(data []byte) (string, any) {
	type unpacker interface{ UnpackError([]byte) (any, error) }
	for _, u := range []struct {
		prefix string
		u      unpacker
	}{{"Grants", grantsABI}, {"TestUSD", tokenABI}, {"SupporterBadge", badgeABI}} {
		if v, err := u.u.UnpackError(data); err == nil && v != nil {
			return strings.TrimPrefix(reflect.Indirect(reflect.ValueOf(v)).Type().Name(), u.prefix), v
		}
	}
	return "", nil
}

// AsRevert turns a node's refusal of a call or estimate of op (an
// rpc.DataError carrying revert data) into a *RevertError naming the
// contract's custom error; other errors are wrapped as they are.
func AsRevert(op string, err error) error { return revertOf(op, err) }

// revertOf turns an RPC error carrying revert data into a *RevertError.
func revertOf(op string, err error) error {
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, ok := de.ErrorData().(string); ok {
			if data, derr := hexutil.Decode(s); derr == nil && len(data) >= 4 {
				name, v := DecodeRevert(data)
				return &RevertError{Op: op, Reason: name, Detail: v}
			}
		}
		if strings.Contains(err.Error(), "revert") {
			return &RevertError{Op: op}
		}
	}
	if strings.Contains(err.Error(), "execution reverted") {
		return &RevertError{Op: op}
	}
	return fmt.Errorf("grants: %s: %w", op, err)
}

// Options configure a Client. The zero value estimates gas and waits
// for each transaction to be mined; Contract is needed for all but Deploy.
type Options struct {
	// Contract is the Grants contract's address.
	Contract common.Address
	// GasLimit, if not 0, is every transaction's gas limit and skips the
	// estimate, so a transaction that will revert is sent anyway and fails
	// on chain. 0 estimates and adds a fifth.
	GasLimit uint64
	// FromBlock is where event scans (Status, rounds) start; 0 is genesis.
	FromBlock uint64
}

// Client is one account's view of a Grants contract.
type Client struct {
	backend Backend
	signer  Signer // nil: read only
	opts    Options
	chainID *big.Int
	grants  *bind.BoundContract

	// noWait is for tests that batch many transactions per block: send
	// returns at once (nil receipt) and the nonce is counted here.
	noWait bool
	mu     sync.Mutex
	nonce  *uint64
	sent   []common.Hash
}

// New returns a client of the Grants contract at opts.Contract, signing
// with signer (nil for a read-only client).
func New(ctx context.Context, backend Backend, signer Signer, opts Options) (*Client, error) {
	id, err := backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("grants: chain unreachable: %w", err)
	}
	c := &Client{backend: backend, signer: signer, opts: opts, chainID: id}
	if opts.Contract != (common.Address{}) {
		c.grants = grantsABI.Instance(backend, opts.Contract)
	}
	return c, nil
}

// checkContract reports ErrNoContract if there is no code at the address.
func (c *Client) checkContract(ctx context.Context) error {
	code, err := c.backend.CodeAt(ctx, c.opts.Contract, nil)
	if err != nil {
		return fmt.Errorf("grants: chain unreachable: %w", err)
	}
	if len(code) == 0 {
		return fmt.Errorf("%w %s", ErrNoContract, c.opts.Contract.Hex())
	}
	return nil
}

// Address is the signer's account.
func (c *Client) Address() common.Address {
	if c.signer == nil {
		return common.Address{}
	}
	return c.signer.Address()
}

// Contract is the Grants contract's address.
func (c *Client) Contract() common.Address { return c.opts.Contract }

// Backend is the chain the client talks to.
func (c *Client) Backend() Backend { return c.backend }

// send signs a transaction to `to` (nil deploys data), sends it and waits
// for its receipt; a revert, at estimate or on chain, is a *RevertError.
func (c *Client) send(ctx context.Context, op string, to *common.Address, data []byte) (*types.Receipt, error) {
	if c.signer == nil {
		return nil, ErrNoSigner
	}
	from := c.signer.Address()
	gas := c.opts.GasLimit
	if gas == 0 {
		g, err := c.backend.EstimateGas(ctx, ethereum.CallMsg{From: from, To: to, Data: data})
		if err != nil {
			return nil, revertOf(op, err)
		}
		gas = g + g/5
	}
	tip, feeCap, err := ethtx.Fees(ctx, c.backend)
	if err != nil {
		return nil, fmt.Errorf("grants: %s: fees: %w", op, err)
	}
	c.mu.Lock()
	var nonce uint64
	if c.noWait && c.nonce != nil {
		nonce = *c.nonce
	} else if nonce, err = c.backend.PendingNonceAt(ctx, from); err != nil {
		c.mu.Unlock()
		return nil, fmt.Errorf("grants: %s: nonce: %w", op, err)
	}
	unsigned := types.NewTx(&types.DynamicFeeTx{
		ChainID: c.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: to, Data: data,
	})
	ethSigner := types.LatestSignerForChainID(c.chainID)
	sig, err := c.signer.SignHash(ethSigner.Hash(unsigned).Bytes())
	if err != nil {
		c.mu.Unlock()
		return nil, err
	}
	tx, err := unsigned.WithSignature(ethSigner, sig)
	if err != nil {
		c.mu.Unlock()
		return nil, err
	}
	// A node's pool checks balances against the state it last caught up
	// with, a moment behind the head: just after funding an account it
	// still sees none. Ask again for a second before believing it.
	for try := 0; ; try++ {
		err = c.backend.SendTransaction(ctx, tx)
		if err == nil || try == 20 || !strings.Contains(err.Error(), "insufficient funds") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		c.mu.Unlock()
		return nil, fmt.Errorf("grants: %s: send: %w", op, err)
	}
	if c.noWait {
		next := nonce + 1
		c.nonce = &next
		c.sent = append(c.sent, tx.Hash())
		c.mu.Unlock()
		return nil, nil
	}
	c.mu.Unlock()
	rcpt, err := ethtx.WaitMined(ctx, c.backend, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("grants: %s: %w", op, err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		// Replay it on the block before to learn why; best effort, as
		// other transactions in its block may have changed the state.
		re := &RevertError{Op: op, Tx: tx.Hash()}
		_, cerr := c.backend.CallContract(ctx, ethereum.CallMsg{From: from, To: to, Data: data, Gas: gas},
			new(big.Int).Sub(rcpt.BlockNumber, big.NewInt(1)))
		var de *RevertError
		if cerr != nil && errors.As(revertOf(op, cerr), &de) {
			re.Reason, re.Detail = de.Reason, de.Detail
		}
		return rcpt, re
	}
	return rcpt, nil
}

// call runs a read-only call of the Grants contract.
func call[T any](ctx context.Context, c *Client, op string, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	if c.grants == nil {
		return zero, fmt.Errorf("grants: %s: no Grants contract address", op)
	}
	v, err := bind.Call(c.grants, &bind.CallOpts{Context: ctx}, data, unpack)
	if err != nil {
		return zero, revertOf(op, err)
	}
	return v, nil
}

// callAt is call on any contract with its ABI's pack and unpack.
func callAt[T any](ctx context.Context, c *Client, op string, to common.Address, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := c.backend.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		return zero, revertOf(op, err)
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("grants: %s: %w", op, err)
	}
	return v, nil
}

func (c *Client) transact(ctx context.Context, op string, data []byte) (*types.Receipt, error) {
	if c.opts.Contract == (common.Address{}) {
		return nil, fmt.Errorf("grants: %s: no Grants contract address", op)
	}
	return c.send(ctx, op, &c.opts.Contract, data)
}

// Deploy deploys a Grants contract (and its SupporterBadge) that checks
// evidence against the Notary at notary, and returns its address.
func Deploy(ctx context.Context, backend Backend, signer Signer, notary common.Address) (common.Address, *types.Receipt, error) {
	return deploy(ctx, backend, signer, "deploy Grants", append(common.FromHex(gen.GrantsMetaData.Bin), grantsABI.PackConstructor(notary)...))
}

// DeployTestUSD deploys the development stablecoin; signer alone can mint.
func DeployTestUSD(ctx context.Context, backend Backend, signer Signer) (common.Address, *types.Receipt, error) {
	return deploy(ctx, backend, signer, "deploy TestUSD", common.FromHex(gen.TestUSDMetaData.Bin))
}

func deploy(ctx context.Context, backend Backend, signer Signer, op string, code []byte) (common.Address, *types.Receipt, error) {
	c, err := New(ctx, backend, signer, Options{})
	if err != nil {
		return common.Address{}, nil, err
	}
	rcpt, err := c.send(ctx, op, nil, code)
	if err != nil {
		return common.Address{}, rcpt, err
	}
	return rcpt.ContractAddress, rcpt, nil
}

// Mint mints amount of a TestUSD token to an account; only its deployer may.
func (c *Client) Mint(ctx context.Context, token, to common.Address, amount *big.Int) (*types.Receipt, error) {
	minter, err := callAt(ctx, c, "minter", token, tokenABI.PackMinter(), tokenABI.UnpackMinter)
	if err != nil {
		return nil, fmt.Errorf("%w: %s has no minter (not a TestUSD?): %v", ErrNotDevToken, token.Hex(), err)
	}
	if minter != c.Address() {
		return nil, fmt.Errorf("%w: the minter of %s is %s, not %s", ErrNotDevToken, token.Hex(), minter.Hex(), c.Address().Hex())
	}
	return c.send(ctx, "mint", &token, tokenABI.PackMint(to, amount))
}

// Balance is an account's balance of an ERC-20 token.
func (c *Client) Balance(ctx context.Context, token, account common.Address) (*big.Int, error) {
	return callAt(ctx, c, "balanceOf", token, tokenABI.PackBalanceOf(account), tokenABI.UnpackBalanceOf)
}

// ensureAllowance approves the Grants contract to take amount of token
// from the signer, if it may not already.
func (c *Client) ensureAllowance(ctx context.Context, token common.Address, amount *big.Int) error {
	have, err := callAt(ctx, c, "allowance", token, tokenABI.PackAllowance(c.Address(), c.opts.Contract), tokenABI.UnpackAllowance)
	if err != nil {
		return err
	}
	if have.Cmp(amount) >= 0 {
		return nil
	}
	_, err = c.send(ctx, "approve token", &token, tokenABI.PackApprove(c.opts.Contract, amount))
	return err
}

// ApproveToken lets the Grants contract take amount of token from the
// signer (what Donate does when the allowance is short).
func (c *Client) ApproveToken(ctx context.Context, token common.Address, amount *big.Int) (*types.Receipt, error) {
	return c.send(ctx, "approve token", &token, tokenABI.PackApprove(c.opts.Contract, amount))
}

func u256(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
