package graphql

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ipfs/go-cid"

	gql "github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/internal/ethtx"
	"github.com/desci-platform/desci/notary/merkle"
)

// Grants is what the server needs of the Grants contract: reads, a
// grant created with the server's key (it pays the gas on the embedded
// chain), and the chain to build and send the transactions users sign in
// their wallets. *grants.Client is one.
type Grants interface {
	Contract() common.Address
	Backend() grants.Backend
	Status(ctx context.Context, id uint64) (*grants.Status, error)
	Round(ctx context.Context, id uint64) (*grants.Round, error)
	Matching(ctx context.Context, round uint64) (*grants.Matching, *grants.Round, error)
	Token(ctx context.Context, id uint64) (common.Address, error)
	CreateGrant(ctx context.Context, t grants.Terms) (uint64, *types.Receipt, error)
}

var _ Grants = (*grants.Client)(nil)

var grantsABI = gen.NewGrants()
var tokenABI = gen.NewTestUSD()

// quantityScalar carries the numbers of a prepared transaction as JSON
// numbers: viem signs a number where it would sign a string's bytes, and
// ethers takes either. Every quantity a prepared transaction has (gas,
// fees in wei, nonce, chain id, a zero value) is far below 2^53.
var quantityScalar = gql.NewScalar(gql.ScalarConfig{
	Name:        "Quantity",
	Description: "A non-negative integer below 2^53 as a JSON number (gas, wei, nonces, chain ids), as viem and ethers take them.",
	Serialize: func(v any) any {
		switch v := v.(type) {
		case uint64:
			if v < 1<<53 {
				return v
			}
		case *big.Int:
			if v != nil && v.Sign() >= 0 && v.BitLen() <= 53 {
				return v.Uint64()
			}
		}
		return nil
	},
	ParseValue:   func(any) any { return nil },
	ParseLiteral: func(ast.Value) any { return nil },
})

// bigScalar carries token amounts, which overflow GraphQL's Int, as
// decimal strings of the token's smallest unit.
var bigScalar = gql.NewScalar(gql.ScalarConfig{
	Name:        "BigInt",
	Description: "An integer of any size as a decimal string (token amounts, in the token's smallest unit).",
	Serialize: func(v any) any {
		if b, ok := v.(*big.Int); ok && b != nil {
			return b.String()
		}
		return nil
	},
	ParseValue: func(v any) any {
		if s, ok := v.(string); ok {
			if b, ok := new(big.Int).SetString(s, 10); ok && b.Sign() >= 0 {
				return b
			}
		}
		return nil
	},
	ParseLiteral: func(v ast.Value) any {
		if s, ok := v.(*ast.StringValue); ok {
			if b, ok := new(big.Int).SetString(s.Value, 10); ok && b.Sign() >= 0 {
				return b
			}
		}
		return nil
	},
})

func (s *Server) needGrants() (Grants, error) {
	if s.opts.Grants == nil {
		return nil, coded(CodeUnavailable, fmt.Errorf("grants contract: %w", errUnavailable))
	}
	return s.opts.Grants, nil
}

// grantsError maps a contract's refusal to a code (grantsCode), in
// words where grants.Explain has them (explain).
func grantsError(err error) error { return explain(err, grants.TokenUnits{}) }

// grantsCode is the code of a grants error: an unknown grant or round is
// NOT_FOUND, any other revert BAD_USER_INPUT (the chain said no to these
// arguments), and the rest is the chain failing.
func grantsCode(err error) string {
	var re *grants.RevertError
	if errors.As(err, &re) {
		if re.Reason == "UnknownGrant" || re.Reason == "UnknownRound" {
			return CodeNotFound
		}
		return CodeBadUserInput
	}
	if errors.Is(err, grants.ErrReverted) || errors.Is(err, grants.ErrBadSignature) {
		return CodeBadUserInput
	}
	return CodeUnavailable
}

func cidOfBytes(b []byte) any {
	c, err := cid.Cast(b)
	if err != nil {
		return hexutil.Encode(b)
	}
	return c.String()
}

func addrList(as []common.Address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Hex()
	}
	return out
}

func hashList(hs []merkle.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	return out
}

// grantTypes returns the Grant and Round object types.
func (s *Server) grantTypes() (grant, round, unsigned, txResult *gql.Object) {
	str, strNN, big := gql.String, nonNull(gql.String), nonNull(bigScalar)
	evidence := gql.NewObject(gql.ObjectConfig{Name: "Evidence", Fields: gql.Fields{
		"cid":   field(strNN, "the deliverable's manifest", func(_ context.Context, e *grants.Evidence) (any, error) { return cidOfBytes(e.CID), nil }),
		"root":  field(strNN, "the anchored Merkle root", func(_ context.Context, e *grants.Evidence) (any, error) { return e.Root.String(), nil }),
		"proof": field(listOf(gql.String), "", func(_ context.Context, e *grants.Evidence) (any, error) { return hashList(e.Proof), nil }),
	}})
	approval := gql.NewObject(gql.ObjectConfig{Name: "Approval", Fields: gql.Fields{
		"reviewer": field(strNN, "", func(_ context.Context, a grants.Approval) (any, error) { return a.Reviewer.Hex(), nil }),
		"cid":      field(strNN, "the deliverable approved", func(_ context.Context, a grants.Approval) (any, error) { return cidOfBytes(a.CID), nil }),
	}})
	milestone := gql.NewObject(gql.ObjectConfig{Name: "Milestone", Fields: gql.Fields{
		"index":       field(nonNull(gql.Int), "", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Index, nil }),
		"amount":      field(big, "", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Amount, nil }),
		"description": field(strNN, "", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Description, nil }),
		"released":    field(nonNull(gql.Boolean), "", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Released, nil }),
		"evidence":    field(evidence, "once released", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Evidence, nil }),
		"approvals":   field(listOf(approval), "", func(_ context.Context, m grants.MilestoneStatus) (any, error) { return m.Approvals, nil }),
	}})
	donor := gql.NewObject(gql.ObjectConfig{Name: "Donation", Description: "What one donor gave a grant and could reclaim now.", Fields: gql.Fields{
		"donor":       field(strNN, "", func(_ context.Context, d grants.DonorStatus) (any, error) { return d.Donor.Hex(), nil }),
		"donated":     field(big, "", func(_ context.Context, d grants.DonorStatus) (any, error) { return d.Donated, nil }),
		"outstanding": field(big, "not yet reclaimed", func(_ context.Context, d grants.DonorStatus) (any, error) { return d.Outstanding, nil }),
		"reclaimable": field(big, "", func(_ context.Context, d grants.DonorStatus) (any, error) { return d.Reclaimable, nil }),
		"refunded":    field(big, "", func(_ context.Context, d grants.DonorStatus) (any, error) { return d.Refunded, nil }),
	}})
	grant = gql.NewObject(gql.ObjectConfig{Name: "Grant", Description: "A grant in the on-chain escrow (grants package).", Fields: gql.Fields{
		"id":          field(nonNull(longScalar), "", func(_ context.Context, g *grants.Status) (any, error) { return g.ID, nil }),
		"beneficiary": field(strNN, "", func(_ context.Context, g *grants.Status) (any, error) { return g.Beneficiary.Hex(), nil }),
		"token":       field(strNN, "the ERC-20 it is paid in", func(_ context.Context, g *grants.Status) (any, error) { return g.Token.Hex(), nil }),
		"goal":        field(big, "", func(_ context.Context, g *grants.Status) (any, error) { return g.Goal, nil }),
		"raised":      field(big, "", func(_ context.Context, g *grants.Status) (any, error) { return g.Raised, nil }),
		"released":    field(big, "", func(_ context.Context, g *grants.Status) (any, error) { return g.Released, nil }),
		"refunded":    field(big, "", func(_ context.Context, g *grants.Status) (any, error) { return g.Refunded, nil }),
		"escrow":      field(big, "raised - released - refunded", func(_ context.Context, g *grants.Status) (any, error) { return g.Escrow, nil }),
		"deadline":    field(strNN, "", func(_ context.Context, g *grants.Status) (any, error) { return timeString(g.Deadline), nil }),
		"state":       field(strNN, "open, funded, failed, cancelled, completed", func(_ context.Context, g *grants.Status) (any, error) { return g.State, nil }),
		"reviewers":   field(listOf(gql.String), "", func(_ context.Context, g *grants.Status) (any, error) { return addrList(g.Reviewers), nil }),
		"threshold":   field(nonNull(gql.Int), "approvals a milestone needs", func(_ context.Context, g *grants.Status) (any, error) { return g.Threshold, nil }),
		"cancelVotes": field(nonNull(gql.Int), "", func(_ context.Context, g *grants.Status) (any, error) { return g.CancelVotes, nil }),
		"milestones":  field(listOf(milestone), "", func(_ context.Context, g *grants.Status) (any, error) { return g.Milestones, nil }),
		"donations":   field(listOf(donor), "", func(_ context.Context, g *grants.Status) (any, error) { return g.Donors, nil }),
	}})
	match := gql.NewObject(gql.ObjectConfig{Name: "GrantMatch", Fields: gql.Fields{
		"grant":  field(nonNull(longScalar), "", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Grant, nil }),
		"donors": field(nonNull(gql.Int), "distinct donors through the round", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Donors, nil }),
		"raised": field(big, "", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Raised, nil }),
		"score":  field(big, "(Σ √c)² − Σ c", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Score, nil }),
		"match":  field(big, "", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Match, nil }),
		"capped": field(nonNull(gql.Boolean), "", func(_ context.Context, m grants.GrantMatch) (any, error) { return m.Capped, nil }),
	}})
	matching := gql.NewObject(gql.ObjectConfig{Name: "Matching", Description: "A round's quadratic matching, recomputed from the chain's events (doc/quadratic-funding.md).", Fields: gql.Fields{
		"pool":   field(big, "", func(_ context.Context, m *grants.Matching) (any, error) { return m.Pool, nil }),
		"cap":    field(big, "", func(_ context.Context, m *grants.Matching) (any, error) { return m.Cap, nil }),
		"total":  field(big, "", func(_ context.Context, m *grants.Matching) (any, error) { return m.Total, nil }),
		"root":   field(strNN, "the Merkle root the operator commits", func(_ context.Context, m *grants.Matching) (any, error) { return m.Root.String(), nil }),
		"grants": field(listOf(match), "", func(_ context.Context, m *grants.Matching) (any, error) { return m.Grants, nil }),
	}})
	round = gql.NewObject(gql.ObjectConfig{Name: "Round", Description: "A quadratic-funding round.", Fields: gql.Fields{
		"id":            field(nonNull(longScalar), "", func(_ context.Context, r *grants.Round) (any, error) { return r.ID, nil }),
		"operator":      field(strNN, "", func(_ context.Context, r *grants.Round) (any, error) { return r.Operator.Hex(), nil }),
		"token":         field(strNN, "", func(_ context.Context, r *grants.Round) (any, error) { return r.Token.Hex(), nil }),
		"start":         field(strNN, "", func(_ context.Context, r *grants.Round) (any, error) { return timeString(r.Start), nil }),
		"end":           field(strNN, "", func(_ context.Context, r *grants.Round) (any, error) { return timeString(r.End), nil }),
		"claimDeadline": field(strNN, "", func(_ context.Context, r *grants.Round) (any, error) { return timeString(r.ClaimDeadline), nil }),
		"capBps":        field(nonNull(gql.Int), "per-grant cap, in basis points of the pool", func(_ context.Context, r *grants.Round) (any, error) { return int(r.CapBps), nil }),
		"pool":          field(big, "", func(_ context.Context, r *grants.Round) (any, error) { return r.Pool, nil }),
		"claimed":       field(big, "", func(_ context.Context, r *grants.Round) (any, error) { return r.Claimed, nil }),
		"returned":      field(big, "", func(_ context.Context, r *grants.Round) (any, error) { return r.Returned, nil }),
		"root": field(str, "null until closed", func(_ context.Context, r *grants.Round) (any, error) {
			if r.Root == (merkle.Hash{}) {
				return nil, nil
			}
			return r.Root.String(), nil
		}),
		"grants": field(listOf(longScalar), "eligible grants", func(_ context.Context, r *grants.Round) (any, error) { return r.Grants, nil }),
		"matching": field(nonNull(matching), "recomputed now from the chain", func(ctx context.Context, r *grants.Round) (any, error) {
			m, _, err := s.opts.Grants.Matching(ctx, r.ID)
			if err != nil {
				return nil, grantsError(err)
			}
			return m, nil
		}),
	}})
	q := nonNull(quantityScalar)
	unsigned = gql.NewObject(gql.ObjectConfig{Name: "UnsignedTransaction", Description: "An EIP-1559 transaction for the user's wallet to send (eth_sendTransaction) or sign. " +
		"Quantities are JSON numbers. Selected as `{ from to data value chainId nonce gas gasLimit maxFeePerGas maxPriorityFeePerGas }` (no type: both infer EIP-1559 from the fee fields), " +
		"the object is taken unmodified by viem's sendTransaction/signTransaction (which read gas) and ethers v6's Wallet.sendTransaction/signTransaction (which read gasLimit).", Fields: gql.Fields{
		"from":                 field(strNN, "who must sign", func(_ context.Context, u *unsignedTx) (any, error) { return u.from.Hex(), nil }),
		"to":                   field(strNN, "", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.To.Hex(), nil }),
		"data":                 field(strNN, "0x-hex calldata", func(_ context.Context, u *unsignedTx) (any, error) { return hexutil.Encode(u.tx.Data), nil }),
		"value":                field(q, "wei", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.Value, nil }),
		"chainId":              field(q, "", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.ChainID, nil }),
		"nonce":                field(q, "", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.Nonce, nil }),
		"gas":                  field(q, "the gas limit, estimated on the state the transaction will meet (after the ones before it in the list), with a fifth added; viem's name", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.Gas, nil }),
		"gasLimit":             field(q, "the same as gas, under ethers' name", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.Gas, nil }),
		"maxFeePerGas":         field(q, "wei", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.GasFeeCap, nil }),
		"maxPriorityFeePerGas": field(q, "wei", func(_ context.Context, u *unsignedTx) (any, error) { return u.tx.GasTipCap, nil }),
		"type":                 field(strNN, `viem's name of the type: "eip1559" (ethers refuses it: leave it out, or select typeNumber as type)`, func(_ context.Context, u *unsignedTx) (any, error) { return "eip1559", nil }),
		"typeNumber":           field(nonNull(gql.Int), "the EIP-2718 type, 2, as ethers and JSON-RPC number it (viem refuses it)", func(_ context.Context, u *unsignedTx) (any, error) { return 2, nil }),
	}})
	txResult = gql.NewObject(gql.ObjectConfig{Name: "TransactionResult", Fields: gql.Fields{
		"hash": field(strNN, "", func(_ context.Context, r *txOutcome) (any, error) { return r.TxHash.Hex(), nil }),
		"success": field(nonNull(gql.Boolean), "", func(_ context.Context, r *txOutcome) (any, error) {
			return r.Status == types.ReceiptStatusSuccessful, nil
		}),
		"revertReason": field(str, "why a transaction mined but failed: the contract's error, decoded (null when it succeeded)", func(_ context.Context, r *txOutcome) (any, error) { return strOrNil(r.reason), nil }),
		"blockNumber":  field(nonNull(longScalar), "", func(_ context.Context, r *txOutcome) (any, error) { return r.BlockNumber.Uint64(), nil }),
		"gasUsed":      field(nonNull(longScalar), "", func(_ context.Context, r *txOutcome) (any, error) { return r.GasUsed, nil }),
	}})
	return grant, round, unsigned, txResult
}

// txOutcome is a relayed transaction's receipt and, if it reverted, why.
type txOutcome struct {
	*types.Receipt
	reason string
}

// replayRevert replays a reverted transaction on the state before its
// block to learn the contract's error: a receipt does not carry it.
func replayRevert(ctx context.Context, b grants.Backend, from common.Address, tx *types.Transaction, block *big.Int) string {
	before := new(big.Int).Sub(block, big.NewInt(1))
	_, err := b.CallContract(ctx, ethereum.CallMsg{From: from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}, before)
	if err == nil {
		return "reverted (the replay succeeded: the state it met changed within its block)"
	}
	if r := grants.Explain(grants.AsRevert("replay", err), grants.TokenUnits{}); r != nil {
		return r.Reason + ": " + explain(r.Err, grants.TokenUnits{}).Error()
	}
	return revertReason(err)
}

// unsignedTx is a prepared transaction and who must sign it.
type unsignedTx struct {
	from common.Address
	tx   *types.DynamicFeeTx
}

func longArg(p gql.ResolveParams, name string) uint64 {
	switch v := p.Args[name].(type) {
	case int64:
		return uint64(v)
	case int:
		return uint64(v)
	}
	return 0
}

// prepare builds a transaction from the session's address to a contract,
// with its nonce, a gas estimate (a call that would revert fails here,
// with the contract's reason) and fee caps.
func (s *Server) prepare(ctx context.Context, from, to common.Address, data []byte) (*unsignedTx, error) {
	g, err := s.needGrants()
	if err != nil {
		return nil, err
	}
	b := g.Backend()
	if s.opts.BeforeEstimate != nil {
		s.opts.BeforeEstimate(ctx)
	}
	id, err := b.ChainID(ctx)
	if err != nil {
		return nil, coded(CodeUnavailable, err)
	}
	nonce, err := b.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, coded(CodeUnavailable, err)
	}
	gas, err := b.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &to, Data: data})
	if err != nil {
		return nil, refused(err, grants.TokenUnits{})
	}
	tip, feeCap, err := ethtx.Fees(ctx, b)
	if err != nil {
		return nil, coded(CodeUnavailable, err)
	}
	return &unsignedTx{from: from, tx: &types.DynamicFeeTx{ChainID: id, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: ethtx.Margin(gas), To: &to, Value: new(big.Int), Data: data}}, nil
}

func (s *Server) grantsFields(grant, round, unsigned, txResult *gql.Object) (queries, mutations gql.Fields) {
	idArg := func(desc string) *gql.ArgumentConfig {
		return &gql.ArgumentConfig{Type: gql.NewNonNull(longScalar), Description: desc}
	}
	queries = gql.Fields{
		"grant": {Type: grant, Description: "A grant, its milestones, approvals and donations, as the chain has them.",
			Args: gql.FieldConfigArgument{"id": idArg("")},
			Resolve: func(p gql.ResolveParams) (any, error) {
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				st, err := g.Status(p.Context, longArg(p, "id"))
				if err != nil {
					// Unknown is null, as manifest(cid) is, not null and
					// NOT_FOUND at once.
					if e := grantsError(err); e.(*Error).Code != CodeNotFound {
						return nil, e
					}
					return nil, nil
				}
				return st, nil
			}},
		"round": {Type: round, Description: "A quadratic-funding round and its matching.",
			Args: gql.FieldConfigArgument{"id": idArg("")},
			Resolve: func(p gql.ResolveParams) (any, error) {
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				r, err := g.Round(p.Context, longArg(p, "id"))
				if err != nil {
					return nil, grantsError(err)
				}
				return r, nil
			}},
	}
	milestoneInput := gql.NewInputObject(gql.InputObjectConfig{Name: "MilestoneInput", Fields: gql.InputObjectConfigFieldMap{
		"amount":      {Type: gql.NewNonNull(bigScalar), Description: "in the token's smallest unit"},
		"description": {Type: gql.NewNonNull(gql.String)},
	}})
	addrArg := func(p gql.ResolveParams, name string) (common.Address, error) {
		v, _ := p.Args[name].(string)
		if !common.IsHexAddress(v) {
			return common.Address{}, coded(CodeBadUserInput, fmt.Errorf("%s %q is not an address", name, v))
		}
		return common.HexToAddress(v), nil
	}
	cidArg := func(p gql.ResolveParams) ([]byte, cid.Cid, error) {
		c, err := parseCIDArg(p.Args["cid"].(string))
		if err != nil {
			return nil, c, err
		}
		return c.Bytes(), c, nil
	}
	mutations = gql.Fields{
		"createGrant": {Type: nonNull(grant), Description: "Create a grant, sent and paid for by the server's key (for the embedded dev chain); the beneficiary defaults to the signed-in researcher.",
			Args: gql.FieldConfigArgument{
				"beneficiary": {Type: gql.String},
				"token":       {Type: gql.NewNonNull(gql.String), Description: "the ERC-20 it is paid in"},
				"deadline":    {Type: gql.NewNonNull(gql.String), Description: "RFC 3339: donations until then"},
				"milestones":  {Type: gql.NewNonNull(gql.NewList(gql.NewNonNull(milestoneInput)))},
				"reviewers":   {Type: gql.NewNonNull(gql.NewList(gql.NewNonNull(gql.String)))},
				"threshold":   {Type: gql.Int, Description: "approvals a milestone needs; default a majority"},
			},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needRole(p.Context, RoleResearcher)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				t := grants.Terms{Beneficiary: sess.Address}
				if b, _ := p.Args["beneficiary"].(string); b != "" {
					if t.Beneficiary, err = addrArg(p, "beneficiary"); err != nil {
						return nil, err
					}
				}
				if t.Token, err = addrArg(p, "token"); err != nil {
					return nil, err
				}
				if t.Deadline, err = time.Parse(time.RFC3339, p.Args["deadline"].(string)); err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("deadline: %w", err))
				}
				for _, m := range p.Args["milestones"].([]any) {
					m := m.(map[string]any)
					amount, ok := m["amount"].(*big.Int)
					if !ok {
						return nil, coded(CodeBadUserInput, errors.New("a milestone amount is a decimal string"))
					}
					t.Milestones = append(t.Milestones, grants.Milestone{Amount: amount, Description: m["description"].(string)})
				}
				for _, r := range p.Args["reviewers"].([]any) {
					if !common.IsHexAddress(r.(string)) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("reviewer %q is not an address", r))
					}
					t.Reviewers = append(t.Reviewers, common.HexToAddress(r.(string)))
				}
				t.Threshold, _ = p.Args["threshold"].(int)
				id, _, err := g.CreateGrant(p.Context, t)
				if err != nil {
					return nil, grantsError(err)
				}
				st, err := g.Status(p.Context, id)
				if err != nil {
					return nil, grantsError(err)
				}
				return st, nil
			}},
		"prepareApproveMilestone": {Type: nonNull(unsigned), Description: "The transaction by which the signed-in reviewer approves a deliverable (a manifest CID) for a milestone.",
			Args: gql.FieldConfigArgument{"grant": idArg(""), "milestone": {Type: gql.NewNonNull(gql.Int)}, "cid": {Type: gql.NewNonNull(gql.String)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				b, _, err := cidArg(p)
				if err != nil {
					return nil, err
				}
				data := grantsABI.PackApproveMilestone(new(big.Int).SetUint64(longArg(p, "grant")), big.NewInt(int64(p.Args["milestone"].(int))), b)
				return s.prepare(p.Context, sess.Address, g.Contract(), data)
			}},
		"prepareReleaseMilestone": {Type: nonNull(unsigned), Description: "The transaction by which the signed-in beneficiary releases a milestone on a notarized, anchored deliverable: its proof is taken from this server's receipt.",
			Args: gql.FieldConfigArgument{"grant": idArg(""), "milestone": {Type: gql.NewNonNull(gql.Int)}, "cid": {Type: gql.NewNonNull(gql.String)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				_, c, err := cidArg(p)
				if err != nil {
					return nil, err
				}
				doc, err := s.opts.Store.Receipt(c)
				if err != nil {
					return nil, err
				}
				ev, err := grants.EvidenceFromReceipt(doc)
				if err != nil {
					return nil, coded(CodeBadUserInput, err)
				}
				proof := make([][32]byte, len(ev.Proof))
				for i, h := range ev.Proof {
					proof[i] = h
				}
				data := grantsABI.PackRelease(new(big.Int).SetUint64(longArg(p, "grant")), big.NewInt(int64(p.Args["milestone"].(int))), ev.CID, ev.Root, proof)
				return s.prepare(p.Context, sess.Address, g.Contract(), data)
			}},
		"prepareDonate": {Type: listOf(unsigned), Description: "The transactions by which the signed-in donor gives to a grant: the token approval, then the donation. Sign and send them in order.",
			Args: gql.FieldConfigArgument{"grant": idArg(""), "amount": {Type: gql.NewNonNull(bigScalar)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				id := longArg(p, "grant")
				return s.preparePaid(p, func(g Grants) (common.Address, error) { return g.Token(p.Context, id) },
					func(amount *big.Int) []byte { return grantsABI.PackDonate(new(big.Int).SetUint64(id), amount) })
			}},
		"prepareDonateRound": {Type: listOf(unsigned), Description: "The token approval and the donation to an eligible grant through a round, which the round matches.",
			Args: gql.FieldConfigArgument{"round": idArg(""), "grant": idArg(""), "amount": {Type: gql.NewNonNull(bigScalar)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				round, id := longArg(p, "round"), longArg(p, "grant")
				return s.preparePaid(p, func(g Grants) (common.Address, error) { return s.roundToken(p.Context, g, round) },
					func(amount *big.Int) []byte {
						return grantsABI.PackDonateRound(new(big.Int).SetUint64(round), new(big.Int).SetUint64(id), amount)
					})
			}},
		"prepareFundRound": {Type: listOf(unsigned), Description: "The token approval and a sponsor's contribution to a round's matching pool.",
			Args: gql.FieldConfigArgument{"round": idArg(""), "amount": {Type: gql.NewNonNull(bigScalar)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				round := longArg(p, "round")
				return s.preparePaid(p, func(g Grants) (common.Address, error) { return s.roundToken(p.Context, g, round) },
					func(amount *big.Int) []byte { return grantsABI.PackFundRound(new(big.Int).SetUint64(round), amount) })
			}},
		"prepareCreateRound": {Type: nonNull(unsigned), Description: "The transaction by which the signed-in round operator creates a quadratic-funding round. Needs the operator role.",
			Args: gql.FieldConfigArgument{
				"token":       {Type: gql.NewNonNull(gql.String)},
				"start":       {Type: gql.String, Description: "RFC 3339; default now"},
				"end":         {Type: gql.NewNonNull(gql.String), Description: "RFC 3339"},
				"claimPeriod": {Type: gql.Int, DefaultValue: 7 * 24 * 3600, Description: "seconds after the end for matches to be claimed"},
				"capBps":      {Type: gql.Int, DefaultValue: 10000, Description: "most one grant may be matched, in basis points of the pool"},
				"grants":      {Type: gql.NewNonNull(gql.NewList(gql.NewNonNull(longScalar)))},
			},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needRole(p.Context, RoleOperator)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				token, err := addrArg(p, "token")
				if err != nil {
					return nil, err
				}
				start := s.opts.Now()
				if v, _ := p.Args["start"].(string); v != "" {
					if start, err = time.Parse(time.RFC3339, v); err != nil {
						return nil, coded(CodeBadUserInput, fmt.Errorf("start: %w", err))
					}
				}
				end, err := time.Parse(time.RFC3339, p.Args["end"].(string))
				if err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("end: %w", err))
				}
				capBps, _ := p.Args["capBps"].(int)
				period, _ := p.Args["claimPeriod"].(int)
				if capBps < 1 || capBps > 10000 || period < 0 {
					return nil, coded(CodeBadUserInput, errors.New("capBps is 1 to 10000, claimPeriod 0 or more"))
				}
				var ids []*big.Int
				for _, x := range p.Args["grants"].([]any) {
					n, ok := x.(int64)
					if !ok || n <= 0 {
						return nil, coded(CodeBadUserInput, errors.New("grants are grant ids"))
					}
					ids = append(ids, big.NewInt(n))
				}
				data := grantsABI.PackCreateRound(token, uint64(start.Unix()), uint64(end.Unix()), uint64(period), uint16(capBps), ids)
				return s.prepare(p.Context, sess.Address, g.Contract(), data)
			}},
		"prepareCloseRound": {Type: nonNull(unsigned), Description: "After the round's window: the matching is computed here from the chain's events, and the transaction commits its root and total. Needs the operator role; the chain checks it is the round's.",
			Args: gql.FieldConfigArgument{"round": idArg("")},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needRole(p.Context, RoleOperator)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				round := longArg(p, "round")
				m, _, err := g.Matching(p.Context, round)
				if err != nil {
					return nil, grantsError(err)
				}
				return s.prepare(p.Context, sess.Address, g.Contract(), grantsABI.PackCloseRound(new(big.Int).SetUint64(round), m.Root, m.Total))
			}},
		"prepareClaimMatch": {Type: nonNull(unsigned), Description: "The transaction that pays a grant's match, with its proof against the committed root; anyone may send it, the beneficiary is paid.",
			Args: gql.FieldConfigArgument{"round": idArg(""), "grant": idArg("")},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				round, id := longArg(p, "round"), longArg(p, "grant")
				m, _, err := g.Matching(p.Context, round)
				if err != nil {
					return nil, grantsError(err)
				}
				amount, proof, ok := m.Proof(id)
				if !ok {
					return nil, coded(CodeNotFound, fmt.Errorf("grant %d is not in round %d", id, round))
				}
				pr := make([][32]byte, len(proof))
				for i, h := range proof {
					pr[i] = h
				}
				data := grantsABI.PackClaimMatch(new(big.Int).SetUint64(round), new(big.Int).SetUint64(id), amount, pr)
				return s.prepare(p.Context, sess.Address, g.Contract(), data)
			}},
		"sendTransaction": {Type: nonNull(txResult), Description: "Send a transaction the signed-in user signed in their wallet (0x-hex, as eth_sendRawTransaction takes it) to the Grants contract or a grant's token, and wait for it to be mined.",
			Args: gql.FieldConfigArgument{"signed": {Type: gql.NewNonNull(gql.String)}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				raw, err := hexutil.Decode(strings.TrimSpace(p.Args["signed"].(string)))
				if err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("signed transaction: %w", err))
				}
				tx := new(types.Transaction)
				if err := tx.UnmarshalBinary(raw); err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("signed transaction: %w", err))
				}
				b := g.Backend()
				id, err := b.ChainID(p.Context)
				if err != nil {
					return nil, coded(CodeUnavailable, err)
				}
				if tx.ChainId().Cmp(id) != 0 {
					return nil, coded(CodeBadUserInput, fmt.Errorf("the transaction is for chain %s, this is chain %s", tx.ChainId(), id))
				}
				from, err := types.Sender(types.LatestSignerForChainID(id), tx)
				if err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("signed transaction: %w", err))
				}
				if from != sess.Address {
					return nil, coded(CodeForbidden, fmt.Errorf("the transaction is signed by %s, the session is %s", from.Hex(), sess.Address.Hex()))
				}
				if tx.To() == nil || (*tx.To() != g.Contract() && !s.isApproval(tx.Data())) {
					return nil, coded(CodeForbidden, errors.New("this server relays transactions to the Grants contract and grant tokens only"))
				}
				if err := b.SendTransaction(p.Context, tx); err != nil {
					return nil, coded(CodeBadUserInput, fmt.Errorf("the chain refused the transaction: %w", err))
				}
				r, err := ethtx.WaitMined(p.Context, b, tx.Hash())
				if err != nil {
					return nil, coded(CodeUnavailable, err)
				}
				out := &txOutcome{Receipt: r}
				if r.Status != types.ReceiptStatusSuccessful {
					out.reason = replayRevert(p.Context, b, from, tx, r.BlockNumber)
				}
				return out, nil
			}},
	}
	return queries, mutations
}

// preparePaid builds the two transactions of a payment into the Grants
// contract: the token approval, then the call with the next nonce. The
// call reverts until the approval is mined, so its gas is estimated by
// simulating the two in order on the latest block (ethtx.EstimateAfter):
// the state it will meet, never a fixed limit.
func (s *Server) preparePaid(p gql.ResolveParams, token func(Grants) (common.Address, error), call func(amount *big.Int) []byte) (any, error) {
	sess, err := s.needSession(p.Context)
	if err != nil {
		return nil, err
	}
	g, err := s.needGrants()
	if err != nil {
		return nil, err
	}
	amount, ok := p.Args["amount"].(*big.Int)
	if !ok || amount.Sign() <= 0 {
		return nil, coded(CodeBadUserInput, errors.New("amount is a positive decimal string"))
	}
	t, err := token(g)
	if err != nil {
		return nil, grantsError(err)
	}
	approveData := tokenABI.PackApprove(g.Contract(), amount)
	approve, err := s.prepare(p.Context, sess.Address, t, approveData)
	if err != nil {
		return nil, err
	}
	sim, ok := g.Backend().(ethtx.Simulator)
	if !ok {
		return nil, coded(CodeUnavailable, ethtx.ErrNoSimulation)
	}
	data := call(amount)
	gas, err := ethtx.EstimateAfter(p.Context, sim, []ethereum.CallMsg{{From: sess.Address, To: &t, Data: approveData}},
		ethereum.CallMsg{From: sess.Address, To: ptr(g.Contract()), Data: data})
	if err != nil {
		var ce *ethtx.CallError
		if errors.As(err, &ce) {
			var u grants.TokenUnits
			if d, ok := g.(Donor); ok {
				u = d.Units(p.Context, t)
			}
			return nil, refused(err, u)
		}
		return nil, coded(CodeUnavailable, err)
	}
	next := &unsignedTx{from: sess.Address, tx: &types.DynamicFeeTx{ChainID: approve.tx.ChainID, Nonce: approve.tx.Nonce + 1,
		GasTipCap: approve.tx.GasTipCap, GasFeeCap: approve.tx.GasFeeCap, Gas: gas, To: ptr(g.Contract()), Value: new(big.Int),
		Data: data}}
	return []*unsignedTx{approve, next}, nil
}

func (s *Server) roundToken(ctx context.Context, g Grants, round uint64) (common.Address, error) {
	r, err := g.Round(ctx, round)
	if err != nil {
		return common.Address{}, err
	}
	return r.Token, nil
}

// isApproval reports whether a transaction's data is a token approval of
// the Grants contract: the one token call a donation needs.
func (s *Server) isApproval(data []byte) bool {
	want := tokenABI.PackApprove(s.opts.Grants.Contract(), new(big.Int))
	return len(data) == len(want) && string(data[:4+32]) == string(want[:4+32])
}

func ptr[T any](v T) *T { return &v }

// refused is a transaction the chain would refuse: in words with the
// next step where grants.Explain has them (amounts in u), else naming
// the contract's error.
func refused(err error, u grants.TokenUnits) error {
	if r := grants.Explain(grants.AsRevert("prepare", err), u); r != nil {
		e := explain(r.Err, u).(*Error)
		e.Code = CodeBadUserInput
		return e
	}
	return coded(CodeBadUserInput, fmt.Errorf("the chain would refuse this transaction: %s", revertReason(err)))
}

// revertReason names the custom error a call reverted with, as the
// contract's ABI has it ("InvalidRound{Reason:window}").
func revertReason(err error) string {
	var de rpc.DataError
	if errors.As(err, &de) {
		if h, ok := de.ErrorData().(string); ok {
			if data, derr := hexutil.Decode(h); derr == nil && len(data) >= 4 {
				if name, v := grants.DecodeRevert(data); v != nil {
					return fmt.Sprintf("%s%+v", name, reflect.Indirect(reflect.ValueOf(v)).Interface())
				}
			}
		}
	}
	return err.Error()
}
