package grants

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/notary/merkle"
)

// RoundTerms describe a quadratic-funding round.
type RoundTerms struct {
	Token       common.Address
	Start, End  time.Time // donations through the round in [Start, End]
	ClaimPeriod time.Duration
	// CapBps is the most one grant may be matched, in basis points of the
	// pool; 0 means 10,000 (no cap).
	CapBps uint16
	Grants []uint64
}

// Round is a round's state on chain.
type Round struct {
	ID            uint64         `json:"id"`
	Operator      common.Address `json:"operator"`
	Token         common.Address `json:"token"`
	Start         time.Time      `json:"start"`
	End           time.Time      `json:"end"`
	ClaimPeriod   time.Duration  `json:"claim_period"`
	ClaimDeadline time.Time      `json:"claim_deadline"`
	CapBps        uint16         `json:"cap_bps"`
	Pool          *big.Int       `json:"pool"`
	Claimed       *big.Int       `json:"claimed"`
	Returned      *big.Int       `json:"returned"`
	Root          merkle.Hash    `json:"root"` // zero until closed
	Total         *big.Int       `json:"total"`
	Grants        []uint64       `json:"grants"`
	CreatedBlock  uint64         `json:"created_block"`
}

// CreateRound creates a round with the signer as its operator.
func (c *Client) CreateRound(ctx context.Context, t RoundTerms) (uint64, *types.Receipt, error) {
	capBps := t.CapBps
	if capBps == 0 {
		capBps = 10_000
	}
	ids := make([]*big.Int, len(t.Grants))
	for i, g := range t.Grants {
		ids[i] = u256(g)
	}
	data := grantsABI.PackCreateRound(t.Token, uint64(t.Start.Unix()), uint64(t.End.Unix()), uint64(t.ClaimPeriod/time.Second), capBps, ids)
	rcpt, err := c.transact(ctx, "create round", data)
	if err != nil || rcpt == nil {
		return 0, rcpt, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackRoundCreatedEvent(l); err == nil && l.Address == c.opts.Contract {
			return ev.RoundId.Uint64(), rcpt, nil
		}
	}
	return 0, rcpt, errors.New("grants: create round: no RoundCreated event in the receipt")
}

// Round reads a round's state and its list of grants.
func (c *Client) Round(ctx context.Context, id uint64) (*Round, error) {
	r, err := call(ctx, c, "round", grantsABI.PackRound(u256(id)), grantsABI.UnpackRound)
	if err != nil {
		return nil, err
	}
	if r.Operator == (common.Address{}) {
		return nil, &RevertError{Op: "round", Reason: "UnknownRound", Detail: &gen.GrantsUnknownRound{RoundId: u256(id)}}
	}
	out := &Round{
		ID: id, Operator: r.Operator, Token: r.Token, Start: unix(r.Start), End: unix(r.End),
		ClaimPeriod: time.Duration(r.ClaimPeriod) * time.Second, CapBps: r.CapBps,
		Pool: r.Pool, Claimed: r.Claimed, Returned: r.Returned, Root: r.Root, Total: r.Total,
	}
	if r.ClaimDeadline != 0 {
		out.ClaimDeadline = unix(r.ClaimDeadline)
	}
	logs, err := c.logs(ctx, common.BigToHash(u256(id)), grantsABI.GetABI().Events[gen.GrantsRoundCreatedEventName].ID)
	if err != nil {
		return nil, err
	}
	for i := range logs {
		if ev, err := grantsABI.UnpackRoundCreatedEvent(&logs[i]); err == nil {
			for _, g := range ev.GrantIds {
				out.Grants = append(out.Grants, g.Uint64())
			}
			out.CreatedBlock = logs[i].BlockNumber
			break
		}
	}
	return out, nil
}

// RoundToken is the ERC-20 a round is funded and donated in: one state
// read, without Round's scan of the chain's events.
func (c *Client) RoundToken(ctx context.Context, id uint64) (common.Address, error) {
	r, err := call(ctx, c, "round", grantsABI.PackRound(u256(id)), grantsABI.UnpackRound)
	if err != nil {
		return common.Address{}, err
	}
	if r.Operator == (common.Address{}) {
		return common.Address{}, &RevertError{Op: "round", Reason: "UnknownRound", Detail: &gen.GrantsUnknownRound{RoundId: u256(id)}}
	}
	return r.Token, nil
}

func unix(s uint64) time.Time { return time.Unix(int64(s), 0).UTC() }

// FundRound adds amount to a round's matching pool from the signer.
func (c *Client) FundRound(ctx context.Context, id uint64, amount *big.Int) (*types.Receipt, error) {
	r, err := call(ctx, c, "round", grantsABI.PackRound(u256(id)), grantsABI.UnpackRound)
	if err != nil {
		return nil, err
	}
	if r.Token != (common.Address{}) {
		if err := c.ensureAllowance(ctx, r.Token, amount); err != nil {
			return nil, err
		}
	}
	return c.transact(ctx, "fund round", grantsABI.PackFundRound(u256(id), amount))
}

// DonateRound donates to an eligible grant through a round.
func (c *Client) DonateRound(ctx context.Context, round, grant uint64, amount *big.Int) (*types.Receipt, error) {
	g, err := c.grant(ctx, grant)
	if err != nil {
		return nil, err
	}
	if err := c.ensureAllowance(ctx, g.Token, amount); err != nil {
		return nil, err
	}
	return c.transact(ctx, "donate through round", grantsABI.PackDonateRound(u256(round), u256(grant), amount))
}

// DonateRoundWithPermit donates to an eligible grant through a round in
// one transaction, with an EIP-2612 permit signed here instead of an
// approve.
func (c *Client) DonateRoundWithPermit(ctx context.Context, round, grant uint64, amount *big.Int) (*types.Receipt, error) {
	token, err := c.RoundToken(ctx, round)
	if err != nil {
		return nil, err
	}
	deadline := c.permitDeadline(ctx)
	v, r, s, err := c.signPermit(ctx, token, c.opts.Contract, amount, deadline)
	if err != nil {
		return nil, err
	}
	return c.transact(ctx, "donate through round with permit", grantsABI.PackDonateRoundWithPermit(u256(round), u256(grant), amount, deadline, v, r, s))
}

// FundRoundWithPermit adds amount to a round's matching pool in one
// transaction, with an EIP-2612 permit signed here instead of an approve.
func (c *Client) FundRoundWithPermit(ctx context.Context, id uint64, amount *big.Int) (*types.Receipt, error) {
	token, err := c.RoundToken(ctx, id)
	if err != nil {
		return nil, err
	}
	deadline := c.permitDeadline(ctx)
	v, r, s, err := c.signPermit(ctx, token, c.opts.Contract, amount, deadline)
	if err != nil {
		return nil, err
	}
	return c.transact(ctx, "fund round with permit", grantsABI.PackFundRoundWithPermit(u256(id), amount, deadline, v, r, s))
}

// Contributions reads a round's RoundDonated events.
func (c *Client) Contributions(ctx context.Context, round uint64) ([]Contribution, error) {
	logs, err := c.logs(ctx, common.BigToHash(u256(round)), grantsABI.GetABI().Events[gen.GrantsRoundDonatedEventName].ID)
	if err != nil {
		return nil, err
	}
	var out []Contribution
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		ev, err := grantsABI.UnpackRoundDonatedEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("grants: RoundDonated event: %w", err)
		}
		out = append(out, Contribution{Grant: ev.GrantId.Uint64(), Donor: ev.Donor, Amount: ev.Amount})
	}
	return out, nil
}

// Matching computes a round's matching from the chain: its pool, cap and
// grants from state, the contributions from events.
func (c *Client) Matching(ctx context.Context, round uint64) (*Matching, *Round, error) {
	r, err := c.Round(ctx, round)
	if err != nil {
		return nil, nil, err
	}
	contribs, err := c.Contributions(ctx, round)
	if err != nil {
		return nil, nil, err
	}
	m, err := ComputeMatching(r.Pool, r.CapBps, r.Grants, contribs)
	return m, r, err
}

// CloseRound computes the matching after the window and commits its root
// (the signer must be the operator).
func (c *Client) CloseRound(ctx context.Context, round uint64) (*Matching, *types.Receipt, error) {
	m, _, err := c.Matching(ctx, round)
	if err != nil {
		return nil, nil, err
	}
	rcpt, err := c.transact(ctx, "close round", grantsABI.PackCloseRound(u256(round), m.Root, m.Total))
	return m, rcpt, err
}

// VerifyRound recomputes a closed round's matching from events and checks
// that the committed root and total are its root and total.
func VerifyRound(ctx context.Context, c *Client, round uint64) (*Matching, error) {
	m, r, err := c.Matching(ctx, round)
	if err != nil {
		return nil, err
	}
	if r.Root == (merkle.Hash{}) {
		return m, fmt.Errorf("grants: verify round %d: no root committed yet", round)
	}
	if r.Root != m.Root || r.Total.Cmp(m.Total) != 0 {
		return m, fmt.Errorf("%w: round %d committed %s (total %s), events give %s (total %s)",
			ErrRootMismatch, round, r.Root, r.Total, m.Root, m.Total)
	}
	return m, nil
}

// ClaimMatch pays a grant's match to its beneficiary, with the proof
// from the matching recomputed here.
func (c *Client) ClaimMatch(ctx context.Context, round, grant uint64) (*big.Int, *types.Receipt, error) {
	m, err := VerifyRound(ctx, c, round)
	if err != nil {
		return nil, nil, err
	}
	amount, proof, ok := m.Proof(grant)
	if !ok {
		return nil, nil, fmt.Errorf("grants: grant %d is not in round %d", grant, round)
	}
	rcpt, err := c.ClaimMatchWithProof(ctx, round, grant, amount, proof)
	return amount, rcpt, err
}

// ClaimMatchWithProof claims a match with a given amount and proof.
func (c *Client) ClaimMatchWithProof(ctx context.Context, round, grant uint64, amount *big.Int, proof []merkle.Hash) (*types.Receipt, error) {
	p := make([][32]byte, len(proof))
	for i, h := range proof {
		p[i] = h
	}
	return c.transact(ctx, "claim match", grantsABI.PackClaimMatch(u256(round), u256(grant), amount, p))
}

// ReclaimSponsor pays the signer, a sponsor, its share of what was not
// claimed, after the claim deadline.
func (c *Client) ReclaimSponsor(ctx context.Context, round uint64) (*big.Int, *types.Receipt, error) {
	rcpt, err := c.transact(ctx, "reclaim sponsor funds", grantsABI.PackReclaimSponsor(u256(round)))
	if err != nil || rcpt == nil {
		return nil, rcpt, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackSponsorRefundedEvent(l); err == nil {
			return ev.Amount, rcpt, nil
		}
	}
	return new(big.Int), rcpt, nil
}
