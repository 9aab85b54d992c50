package grants

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/merkle"
)

// Milestone is one step of a grant: what it pays and what it promises.
type Milestone struct {
	Amount      *big.Int
	Description string
}

// Terms are what a researcher asks for when creating a grant.
type Terms struct {
	Beneficiary common.Address
	Token       common.Address
	Deadline    time.Time // donations until then; refunds after it if the goal is missed
	Milestones  []Milestone
	Reviewers   []common.Address
	// Threshold is how many reviewers must approve a milestone's
	// deliverable; 0 means a simple majority.
	Threshold int
}

// Evidence is a milestone's deliverable: a manifest CID (binary) and the
// Merkle proof that places it under a root anchored in the Notary, as a
// notary receipt has them.
type Evidence struct {
	CID   []byte
	Root  merkle.Hash
	Proof []merkle.Hash
}

// CreateGrant creates a grant and returns its id.
func (c *Client) CreateGrant(ctx context.Context, t Terms) (uint64, *types.Receipt, error) {
	threshold := t.Threshold
	if threshold == 0 {
		threshold = len(t.Reviewers)/2 + 1
	}
	terms := gen.GrantsTerms{
		Beneficiary: t.Beneficiary, Token: t.Token, Deadline: uint64(t.Deadline.Unix()),
		Threshold: uint32(threshold), Reviewers: t.Reviewers,
	}
	for _, m := range t.Milestones {
		terms.Amounts = append(terms.Amounts, m.Amount)
		terms.Descriptions = append(terms.Descriptions, m.Description)
	}
	rcpt, err := c.transact(ctx, "create grant", grantsABI.PackCreateGrant(terms))
	if err != nil || rcpt == nil {
		return 0, rcpt, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackGrantCreatedEvent(l); err == nil && l.Address == c.opts.Contract {
			return ev.GrantId.Uint64(), rcpt, nil
		}
	}
	return 0, rcpt, errors.New("grants: create grant: no GrantCreated event in the receipt")
}

// grant reads a grant's state.
func (c *Client) grant(ctx context.Context, id uint64) (gen.GrantsGrant, error) {
	g, err := call(ctx, c, "grant", grantsABI.PackGrant(u256(id)), grantsABI.UnpackGrant)
	if err == nil && g.Beneficiary == (common.Address{}) {
		return g, &RevertError{Op: "grant", Reason: "UnknownGrant", Detail: &gen.GrantsUnknownGrant{GrantId: u256(id)}}
	}
	return g, err
}

// Donate gives amount to a grant (approving the contract first if
// needed); only what the goal still lacks is taken.
func (c *Client) Donate(ctx context.Context, id uint64, amount *big.Int) (*types.Receipt, error) {
	g, err := c.grant(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := c.ensureAllowance(ctx, g.Token, amount); err != nil {
		return nil, err
	}
	return c.transact(ctx, "donate", grantsABI.PackDonate(u256(id), amount))
}

// DonateWithPermit gives amount to a grant in one transaction, with an
// EIP-2612 permit signed here instead of an approve.
func (c *Client) DonateWithPermit(ctx context.Context, id uint64, amount *big.Int) (*types.Receipt, error) {
	g, err := c.grant(ctx, id)
	if err != nil {
		return nil, err
	}
	deadline := c.permitDeadline(ctx)
	v, r, s, err := c.signPermit(ctx, g.Token, c.opts.Contract, amount, deadline)
	if err != nil {
		return nil, err
	}
	return c.transact(ctx, "donate with permit", grantsABI.PackDonateWithPermit(u256(id), amount, deadline, v, r, s))
}

// permitDeadline is an hour from the chain's head: the chain's clock, not
// ours, as the simulated chain runs ahead.
func (c *Client) permitDeadline(ctx context.Context) *big.Int {
	if head, err := c.backend.HeaderByNumber(ctx, nil); err == nil {
		return u256(head.Time + 3600)
	}
	return u256(uint64(time.Now().Add(time.Hour).Unix()))
}

var permitTypeHash = crypto.Keccak256Hash([]byte("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"))

// signPermit signs an EIP-2612 permit for spender (the Grants contract,
// but for tests of what it refuses) to take value of token, using the
// token's own domain separator and nonce.
func (c *Client) signPermit(ctx context.Context, token, spender common.Address, value, deadline *big.Int) (uint8, [32]byte, [32]byte, error) {
	var r, s [32]byte
	if c.signer == nil {
		return 0, r, s, ErrNoSigner
	}
	domain, err := callAt(ctx, c, "DOMAIN_SEPARATOR", token, tokenABI.PackDOMAINSEPARATOR(), tokenABI.UnpackDOMAINSEPARATOR)
	if err != nil {
		return 0, r, s, fmt.Errorf("grants: the token does not support permit: %w", err)
	}
	nonce, err := callAt(ctx, c, "nonces", token, tokenABI.PackNonces(c.Address()), tokenABI.UnpackNonces)
	if err != nil {
		return 0, r, s, fmt.Errorf("grants: the token does not support permit: %w", err)
	}
	word := func(b []byte) []byte { return common.LeftPadBytes(b, 32) }
	structHash := crypto.Keccak256(permitTypeHash[:], word(c.Address().Bytes()), word(spender.Bytes()),
		word(value.Bytes()), word(nonce.Bytes()), word(deadline.Bytes()))
	digest := crypto.Keccak256([]byte{0x19, 0x01}, domain[:], structHash)
	sig, err := c.signer.SignHash(digest)
	if err != nil {
		return 0, r, s, err
	}
	copy(r[:], sig[:32])
	copy(s[:], sig[32:64])
	return sig[64] + 27, r, s, nil
}

// Approve records the signer's approval, as a reviewer, of a deliverable
// (a manifest CID) for a milestone.
func (c *Client) Approve(ctx context.Context, id uint64, milestone int, cid []byte) (*types.Receipt, error) {
	return c.transact(ctx, "approve milestone", grantsABI.PackApproveMilestone(u256(id), big.NewInt(int64(milestone)), cid))
}

// Release pays the beneficiary (the signer) a milestone on its evidence.
func (c *Client) Release(ctx context.Context, id uint64, milestone int, ev Evidence) (*types.Receipt, error) {
	proof := make([][32]byte, len(ev.Proof))
	for i, h := range ev.Proof {
		proof[i] = h
	}
	return c.transact(ctx, "release", grantsABI.PackRelease(u256(id), big.NewInt(int64(milestone)), ev.CID, ev.Root, proof))
}

// Cancel cancels a grant (the beneficiary) or votes to (a reviewer).
func (c *Client) Cancel(ctx context.Context, id uint64) (*types.Receipt, error) {
	return c.transact(ctx, "cancel", grantsABI.PackCancel(u256(id)))
}

// Refund reclaims the signer's donation, or its share of what is left.
func (c *Client) Refund(ctx context.Context, id uint64) (*big.Int, *types.Receipt, error) {
	rcpt, err := c.transact(ctx, "refund", grantsABI.PackRefund(u256(id)))
	if err != nil || rcpt == nil {
		return nil, rcpt, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackRefundedEvent(l); err == nil {
			return ev.Amount, rcpt, nil
		}
	}
	return new(big.Int), rcpt, nil
}

// Reclaimable is what a donor could reclaim from a grant now.
func (c *Client) Reclaimable(ctx context.Context, id uint64, donor common.Address) (*big.Int, error) {
	return call(ctx, c, "reclaimable", grantsABI.PackReclaimable(u256(id), donor), grantsABI.UnpackReclaimable)
}

// Status is a grant as the chain has it, events included.
type Status struct {
	ID          uint64            `json:"id"`
	Beneficiary common.Address    `json:"beneficiary"`
	Token       common.Address    `json:"token"`
	Goal        *big.Int          `json:"goal"`
	Raised      *big.Int          `json:"raised"`
	Released    *big.Int          `json:"released"`
	Refunded    *big.Int          `json:"refunded"`
	Escrow      *big.Int          `json:"escrow"` // raised - released - refunded
	Deadline    time.Time         `json:"deadline"`
	State       string            `json:"state"` // open, funded, failed, cancelled, completed
	Reviewers   []common.Address  `json:"reviewers"`
	Threshold   int               `json:"threshold"`
	CancelVotes int               `json:"cancel_votes"`
	Milestones  []MilestoneStatus `json:"milestones"`
	Donors      []DonorStatus     `json:"donors"`
}

// MilestoneStatus is one milestone with its approvals and, once released,
// its evidence.
type MilestoneStatus struct {
	Index       int        `json:"index"`
	Amount      *big.Int   `json:"amount"`
	Description string     `json:"description"`
	Released    bool       `json:"released"`
	Evidence    *Evidence  `json:"evidence,omitempty"`
	Approvals   []Approval `json:"approvals"`
}

// Approval is one reviewer's approval of a deliverable.
type Approval struct {
	Reviewer common.Address `json:"reviewer"`
	CID      []byte         `json:"cid"`
}

// DonorStatus is what one donor gave and could reclaim now.
type DonorStatus struct {
	Donor       common.Address `json:"donor"`
	Donated     *big.Int       `json:"donated"`     // all donations, from events
	Outstanding *big.Int       `json:"outstanding"` // not yet reclaimed
	Reclaimable *big.Int       `json:"reclaimable"`
	Refunded    *big.Int       `json:"refunded"`
}

// Status reads a grant's state and history.
func (c *Client) Status(ctx context.Context, id uint64) (*Status, error) {
	g, err := c.grant(ctx, id)
	if err != nil {
		return nil, err
	}
	st := &Status{
		ID: id, Beneficiary: g.Beneficiary, Token: g.Token, Goal: g.Goal, Raised: g.Raised,
		Released: g.Released, Refunded: g.Refunded, Deadline: time.Unix(int64(g.Deadline), 0).UTC(),
		Threshold: int(g.Threshold), CancelVotes: int(g.CancelVotes),
	}
	st.Escrow = new(big.Int).Sub(new(big.Int).Sub(g.Raised, g.Released), g.Refunded)
	head, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("grants: status: %w", err)
	}
	amounts, err := call(ctx, c, "milestones", grantsABI.PackMilestones(u256(id)), grantsABI.UnpackMilestones)
	if err != nil {
		return nil, err
	}
	switch {
	case g.Cancelled:
		st.State = "cancelled"
	case int(g.NextMilestone) == len(amounts):
		st.State = "completed"
	case g.Raised.Cmp(g.Goal) >= 0:
		st.State = "funded"
	case head.Time > g.Deadline:
		st.State = "failed"
	default:
		st.State = "open"
	}
	for i, a := range amounts {
		st.Milestones = append(st.Milestones, MilestoneStatus{Index: i, Amount: a, Released: i < int(g.NextMilestone), Approvals: []Approval{}})
	}
	logs, err := c.logs(ctx, common.BigToHash(u256(id)))
	if err != nil {
		return nil, err
	}
	donors := map[common.Address]*DonorStatus{}
	donor := func(a common.Address) *DonorStatus {
		d := donors[a]
		if d == nil {
			d = &DonorStatus{Donor: a, Donated: new(big.Int), Refunded: new(big.Int)}
			donors[a] = d
		}
		return d
	}
	for i := range logs {
		l := &logs[i]
		if ev, err := grantsABI.UnpackGrantCreatedEvent(l); err == nil {
			st.Reviewers = ev.Terms.Reviewers
			for j, d := range ev.Terms.Descriptions {
				if j < len(st.Milestones) {
					st.Milestones[j].Description = d
				}
			}
		} else if ev, err := grantsABI.UnpackDonatedEvent(l); err == nil {
			donor(ev.Donor).Donated.Add(donor(ev.Donor).Donated, ev.Amount)
		} else if ev, err := grantsABI.UnpackRefundedEvent(l); err == nil {
			donor(ev.Donor).Refunded.Add(donor(ev.Donor).Refunded, ev.Amount)
		} else if ev, err := grantsABI.UnpackMilestoneApprovedEvent(l); err == nil {
			if m := int(ev.Milestone.Int64()); m < len(st.Milestones) {
				st.Milestones[m].Approvals = append(st.Milestones[m].Approvals, Approval{Reviewer: ev.Reviewer, CID: ev.Cid})
			}
		} else if ev, err := grantsABI.UnpackMilestoneReleasedEvent(l); err == nil {
			if m := int(ev.Milestone.Int64()); m < len(st.Milestones) {
				st.Milestones[m].Evidence = &Evidence{CID: ev.Cid, Root: ev.Root}
			}
		}
	}
	for _, d := range donors {
		if d.Outstanding, err = call(ctx, c, "contributionOf", grantsABI.PackContributionOf(u256(id), d.Donor), grantsABI.UnpackContributionOf); err != nil {
			return nil, err
		}
		if d.Reclaimable, err = c.Reclaimable(ctx, id, d.Donor); err != nil {
			return nil, err
		}
		st.Donors = append(st.Donors, *d)
	}
	slices.SortFunc(st.Donors, func(a, b DonorStatus) int { return a.Donor.Cmp(b.Donor) })
	return st, nil
}

// logs returns the Grants contract's events whose first indexed topic is
// topic1 (a grant or round id), oldest first.
func (c *Client) logs(ctx context.Context, topic1 common.Hash, events ...common.Hash) ([]types.Log, error) {
	return c.logsWhere(ctx, [][]common.Hash{events, {topic1}})
}

// logsWhere returns the Grants contract's events matching topics (as
// eth_getLogs has them), oldest first.
func (c *Client) logsWhere(ctx context.Context, topics [][]common.Hash) ([]types.Log, error) {
	q := ethereum.FilterQuery{
		FromBlock: u256(c.opts.FromBlock),
		Addresses: []common.Address{c.opts.Contract},
		Topics:    topics,
	}
	// A filter up to "latest" can meet a block whose logs go-ethereum has
	// not stored yet ("failed to retrieve log value pointer"): the range
	// stops at a head read first, and a failed read is tried again.
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var head *types.Header
		if head, err = c.backend.HeaderByNumber(ctx, nil); err == nil {
			q.ToBlock = head.Number
			var logs []types.Log
			if logs, err = c.backend.FilterLogs(ctx, q); err == nil {
				return logs, nil
			}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 20 * time.Millisecond):
		}
	}
	return nil, fmt.Errorf("grants: read events: %w", err)
}

// EvidenceFromReceipt takes a milestone's evidence from a notary receipt
// (desci receipt CID, or notary.Store.Receipt): the manifest CID, its
// proof and the anchored root. The receipt's own consistency is checked;
// whether the root is anchored is for the contract to ask the Notary.
func EvidenceFromReceipt(doc []byte) (Evidence, error) {
	r, _, err := notary.DecodeReceipt(doc)
	if err != nil {
		return Evidence{}, fmt.Errorf("%w: %w", ErrNoEvidence, err)
	}
	c, err := r.ManifestCID()
	if err != nil {
		return Evidence{}, fmt.Errorf("%w: %w", ErrNoEvidence, err)
	}
	return Evidence{CID: c.Bytes(), Root: r.Root, Proof: r.Proof}, nil
}

// Token is the ERC-20 a grant is paid in.
func (c *Client) Token(ctx context.Context, id uint64) (common.Address, error) {
	g, err := c.grant(ctx, id)
	return g.Token, err
}
