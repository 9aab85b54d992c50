package grants

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants/contract/gen"
)

// DonorGrants lists the grants a donor has given to (its Donated
// events), in the order of the first donation to each.
func (c *Client) DonorGrants(ctx context.Context, donor common.Address) ([]uint64, error) {
	donated := grantsABI.GetABI().Events[gen.GrantsDonatedEventName].ID
	logs, err := c.logsWhere(ctx, [][]common.Hash{{donated}, nil, {common.BytesToHash(donor.Bytes())}})
	if err != nil {
		return nil, err
	}
	var ids []uint64
	seen := map[uint64]bool{}
	for i := range logs {
		if logs[i].Removed || len(logs[i].Topics) < 2 {
			continue
		}
		id := new(big.Int).SetBytes(logs[i].Topics[1][:])
		if !id.IsUint64() || seen[id.Uint64()] {
			continue
		}
		seen[id.Uint64()] = true
		ids = append(ids, id.Uint64())
	}
	return ids, nil
}

// Badge is a donor's soulbound SupporterBadge (ERC-5192) for a grant,
// minted on the first donation and never transferable.
type Badge struct {
	Contract common.Address // the SupporterBadge, deployed by the Grants contract
	ID       *big.Int       // grant << 160 | donor
	Grant    uint64
	Owner    common.Address
}

// Badge returns the donor's badge for a grant, or nil if it has none.
func (c *Client) Badge(ctx context.Context, grant uint64, donor common.Address) (*Badge, error) {
	badge, err := call(ctx, c, "badge", grantsABI.PackBadge(), grantsABI.UnpackBadge)
	if err != nil {
		return nil, err
	}
	id := new(big.Int).Or(new(big.Int).Lsh(u256(grant), 160), new(big.Int).SetBytes(donor.Bytes()))
	owner, err := callAt(ctx, c, "ownerOf", badge, badgeABI.PackOwnerOf(id), badgeABI.UnpackOwnerOf)
	if err != nil {
		if Reason(err) == "ERC721NonexistentToken" {
			return nil, nil
		}
		return nil, err
	}
	return &Badge{Contract: badge, ID: id, Grant: grant, Owner: owner}, nil
}

// MatchEstimate is what a donation through a round would add to a
// grant's match, were the round to close now.
type MatchEstimate struct {
	Amount *big.Int // what the grant would accept of the donation (up to its goal)
	Before *big.Int // the grant's match now
	After  *big.Int // with the donation
	Adds   *big.Int // After - Before: the donation's effect (may be negative for other grants, never for this one)
}

// EstimateMatch recomputes a round's matching with donor's donation of
// amount to grant added, as it would count (capped at what the grant
// still lacks), and reports the grant's match before and after. It is
// an estimate: later donations to any grant of the round change it.
func (c *Client) EstimateMatch(ctx context.Context, round, grant uint64, donor common.Address, amount *big.Int) (*MatchEstimate, error) {
	r, err := c.Round(ctx, round)
	if err != nil {
		return nil, err
	}
	eligible := false
	for _, g := range r.Grants {
		eligible = eligible || g == grant
	}
	if !eligible {
		return nil, &RevertError{Op: "estimate match", Reason: "NotEligible", Detail: &gen.GrantsNotEligible{RoundId: u256(round), GrantId: u256(grant)}}
	}
	g, err := c.grant(ctx, grant)
	if err != nil {
		return nil, err
	}
	accepted := new(big.Int).Sub(g.Goal, g.Raised)
	if amount.Cmp(accepted) < 0 {
		accepted.Set(amount)
	}
	contribs, err := c.Contributions(ctx, round)
	if err != nil {
		return nil, err
	}
	before, err := ComputeMatching(r.Pool, r.CapBps, r.Grants, contribs)
	if err != nil {
		return nil, err
	}
	after, err := ComputeMatching(r.Pool, r.CapBps, r.Grants, append(contribs, Contribution{Grant: grant, Donor: donor, Amount: accepted}))
	if err != nil {
		return nil, err
	}
	e := &MatchEstimate{Amount: accepted, Before: matchOf(before, grant), After: matchOf(after, grant)}
	e.Adds = new(big.Int).Sub(e.After, e.Before)
	return e, nil
}

func matchOf(m *Matching, grant uint64) *big.Int {
	for _, g := range m.Grants {
		if g.Grant == grant {
			return g.Match
		}
	}
	panic(fmt.Sprintf("grants: grant %d not in its round's matching", grant))
}
