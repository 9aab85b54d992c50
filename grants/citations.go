package grants

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants/contract/gen"
)

// A Citation is a grant milestone naming a manifest as its deliverable:
// a reviewer's approval of it, or the milestone's release on it.
type Citation struct {
	Grant       uint64
	Milestone   int
	Description string         // the milestone's, from the grant's terms
	CID         []byte         // the manifest, binary
	Released    bool           // the milestone was released on it; else approved
	Reviewer    common.Address // who approved (zero for a release)
	Block       uint64
	Tx          common.Hash
}

// maxCitationSpan bounds the blocks one eth_getLogs call asks for: public
// endpoints refuse wide ranges.
const maxCitationSpan = 50_000

// Citations returns the citations in the contract's events from block
// from up to the head, oldest first, and the head it read up to, so a
// caller keeps an index current by asking again from head+1. Descriptions
// are those of grants created in the same range; the caller keeps them
// for later ranges (Descriptions).
func (c *Client) Citations(ctx context.Context, from uint64) ([]Citation, map[[2]uint64]string, uint64, error) {
	head, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("grants: citations: %w", err)
	}
	to := head.Number.Uint64()
	from = max(from, c.opts.FromBlock)
	events := grantsABI.GetABI().Events
	topics := []common.Hash{
		events[gen.GrantsGrantCreatedEventName].ID,
		events[gen.GrantsMilestoneApprovedEventName].ID,
		events[gen.GrantsMilestoneReleasedEventName].ID,
	}
	var out []Citation
	desc := map[[2]uint64]string{}
	for lo := from; lo <= to; lo += maxCitationSpan {
		hi := min(lo+maxCitationSpan-1, to)
		logs, err := c.backend.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(lo), ToBlock: new(big.Int).SetUint64(hi),
			Addresses: []common.Address{c.opts.Contract}, Topics: [][]common.Hash{topics},
		})
		if err != nil {
			return nil, nil, 0, fmt.Errorf("grants: citations: %w", err)
		}
		for i := range logs {
			l := &logs[i]
			if ev, err := grantsABI.UnpackGrantCreatedEvent(l); err == nil {
				for j, d := range ev.Terms.Descriptions {
					desc[[2]uint64{ev.GrantId.Uint64(), uint64(j)}] = d
				}
			} else if ev, err := grantsABI.UnpackMilestoneApprovedEvent(l); err == nil {
				out = append(out, Citation{Grant: ev.GrantId.Uint64(), Milestone: int(ev.Milestone.Int64()), CID: ev.Cid, Reviewer: ev.Reviewer, Block: l.BlockNumber, Tx: l.TxHash})
			} else if ev, err := grantsABI.UnpackMilestoneReleasedEvent(l); err == nil {
				out = append(out, Citation{Grant: ev.GrantId.Uint64(), Milestone: int(ev.Milestone.Int64()), CID: ev.Cid, Released: true, Block: l.BlockNumber, Tx: l.TxHash})
			}
		}
	}
	for i := range out {
		out[i].Description = desc[[2]uint64{out[i].Grant, uint64(out[i].Milestone)}]
	}
	return out, desc, to, nil
}
