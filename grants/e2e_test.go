package grants

import (
	"bytes"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/desci-platform/desci/notary"
)

func wantBalance(t *testing.T, e *env, who common.Address, want int64) {
	t.Helper()
	if got := e.balance(who); got.Cmp(big.NewInt(want)) != 0 {
		t.Errorf("balance of %s: %s, want %d", who.Hex(), got, want)
	}
}

// Create, fund, miss the goal, refund: every donor gets exactly what it gave.
func TestEndToEndMissedGoalRefund(t *testing.T) { chains(t, 10, missedGoalRefund) }

func missedGoalRefund(t *testing.T, e *env) {
	id := e.standardGrant()
	must(t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(250))))
	must(t, second(e.clients[donor2].DonateWithPermit(e.ctx, id, big.NewInt(99))))
	must(t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(1))))
	st, err := e.clients[outsider].Status(e.ctx, id)
	must(t, err)
	if st.State != "open" || st.Raised.Int64() != 350 || len(st.Donors) != 2 {
		t.Fatalf("status %+v", st)
	}
	e.pass(st.Deadline)
	st, err = e.clients[outsider].Status(e.ctx, id)
	must(t, err)
	if st.State != "failed" {
		t.Fatalf("state %s, want failed", st.State)
	}
	for _, d := range st.Donors {
		if d.Reclaimable.Cmp(d.Donated) != 0 {
			t.Errorf("donor %s could reclaim %s of %s", d.Donor.Hex(), d.Reclaimable, d.Donated)
		}
	}
	for _, d := range []struct {
		who  int
		gave int64
	}{{donor1, 251}, {donor2, 99}} {
		got, _, err := e.clients[d.who].Refund(e.ctx, id)
		must(t, err)
		if got.Int64() != d.gave {
			t.Errorf("refund %d, want %d", got, d.gave)
		}
		wantBalance(t, e, e.addr(d.who), 10_000)
	}
	wantBalance(t, e, e.grants, 0)
}

// Create, fund, notarize a deliverable with notary.Store, anchor it,
// approve, release (from the store's receipt), twice.
func TestEndToEndNotarizedRelease(t *testing.T) { chains(t, 10, notarizedRelease) }

func notarizedRelease(t *testing.T, e *env) {
	id := e.standardGrant()
	e.fund(id)

	s, err := notary.Open(t.TempDir())
	must(t, err)
	defer s.Close()
	var cids [][]byte
	var receipts [][]byte
	for i, title := range []string{"trial 42 raw data", "trial 42 paper"} {
		p := filepath.Join(t.TempDir(), "data.csv")
		must(t, os.WriteFile(p, []byte("id,value\n1,"+title+"\n"), 0o644))
		c, _, err := s.Notarize(e.ctx, p, notary.Publication{Kind: notary.KindDataset, Title: title}, notary.ImportOptions{}, e.keys[beneficiary])
		must(t, err)
		_, err = s.Anchor(e.ctx, e.chain, e.keys[beneficiary], notary.AnchorOptions{Contract: e.notary, Poll: 10 * time.Millisecond})
		must(t, err)
		doc, err := s.Receipt(c)
		must(t, err)
		cids = append(cids, c.Bytes())
		receipts = append(receipts, doc)
		_ = i
	}
	for m := range 2 {
		ev, err := EvidenceFromReceipt(receipts[m])
		must(t, err)
		if !bytes.Equal(ev.CID, cids[m]) {
			t.Fatalf("evidence CID %x, want %x", ev.CID, cids[m])
		}
		e.approve(id, m, ev.CID, 2, 4)
		rcpt, err := e.clients[beneficiary].Release(e.ctx, id, m, ev)
		must(t, err)
		t.Logf("release of milestone %d: %d gas, proof of %d", m, rcpt.GasUsed, len(ev.Proof))
	}
	wantBalance(t, e, e.addr(beneficiary), 1000)
	wantBalance(t, e, e.grants, 0)
	st, err := e.clients[outsider].Status(e.ctx, id)
	must(t, err)
	if st.State != "completed" || st.Milestones[0].Evidence == nil || !bytes.Equal(st.Milestones[1].Evidence.CID, cids[1]) ||
		len(st.Milestones[0].Approvals) != 2 || st.Milestones[1].Description != "paper" {
		t.Errorf("status %+v", st)
	}
}

// Cancellation after a release: donors share the remainder pro rata,
// rounded down, and never more than the escrow holds.
func TestCancelProRata(t *testing.T) { chains(t, 10, cancelProRata) }

func cancelProRata(t *testing.T, e *env) {
	e.mint(10_000, donor1, donor2, outsider)
	id, _, err := e.clients[beneficiary].CreateGrant(e.ctx, Terms{
		Beneficiary: e.addr(beneficiary), Token: e.token, Deadline: e.head().Add(e.pace.deadline),
		Milestones: []Milestone{{big.NewInt(10), "a"}, {big.NewInt(990), "b"}},
		Reviewers:  []common.Address{e.addr(2), e.addr(3), e.addr(4)},
	})
	must(t, err)
	for _, d := range []struct {
		who int
		amt int64
	}{{donor1, 333}, {donor2, 333}, {outsider, 334}} {
		must(t, second(e.clients[d.who].Donate(e.ctx, id, big.NewInt(d.amt))))
	}
	ev := e.anchor(manifestCID("a"))[0]
	e.approve(id, 0, ev.CID, 2, 3)
	must(t, second(e.clients[beneficiary].Release(e.ctx, id, 0, ev)))
	// A majority of reviewers (2 of 3) cancels.
	must(t, second(e.clients[2].Cancel(e.ctx, id)))
	must(t, second(e.clients[3].Cancel(e.ctx, id)))
	// 990 remain of 1000 raised: 333*990/1000 = 329.67 -> 329, 334*990/1000 = 330.66 -> 330.
	total := int64(0)
	for _, d := range []struct {
		who  int
		want int64
	}{{donor1, 329}, {donor2, 329}, {outsider, 330}} {
		got, _, err := e.clients[d.who].Refund(e.ctx, id)
		must(t, err)
		if got.Int64() != d.want {
			t.Errorf("refund %d, want %d", got, d.want)
		}
		total += got.Int64()
	}
	wantBalance(t, e, e.grants, 990-total) // the rounding dust stays in escrow
}

// A round with three grants: donations, matching computed and committed,
// verified from events, claimed, and the rest back to the sponsors.
func TestEndToEndRound(t *testing.T) { chains(t, 10, endToEndRound) }

func endToEndRound(t *testing.T, e *env) {
	r, ids := e.closedRound()
	// A second sponsor funded nothing; a round with a second sponsor is
	// exercised by the property test.
	m, err := VerifyRound(e.ctx, e.clients[outsider], r)
	must(t, err)
	// Grant 0: five donors of 10: (5√10)² − 50 = 200. Grant 1: one donor,
	// 0. Grant 2: two of 40: (2√40)² − 80 = 80. Pool 1000, cap 50% = 500:
	// 1000·200/280 = 714 > 500 is capped; grant 2 gets the other 500.
	wantMatch := []int64{500, 0, 500}
	for i, g := range m.Grants {
		if g.Match.Int64() != wantMatch[i] {
			t.Errorf("grant %d: match %s (score %s), want %d", g.Grant, g.Match, g.Score, wantMatch[i])
		}
	}
	before := e.balance(e.addr(beneficiary))
	for _, id := range ids {
		if _, _, err := e.clients[outsider].ClaimMatch(e.ctx, r, id); err != nil && id != ids[1] {
			t.Fatal(err)
		}
	}
	if got := new(big.Int).Sub(e.balance(e.addr(beneficiary)), before); got.Int64() != 1000 {
		t.Errorf("beneficiary got %s of matching, want 1000", got)
	}
	// A tampered root is caught: recompute against a matching with one
	// more donation that never happened.
	contribs, err := e.clients[0].Contributions(e.ctx, r)
	must(t, err)
	forged, err := ComputeMatching(big.NewInt(1000), 5000, ids, append(contribs, Contribution{Grant: ids[1], Donor: e.addr(9), Amount: big.NewInt(400)}))
	must(t, err)
	if forged.Root == m.Root {
		t.Error("a different matching has the same root")
	}
	rs, err := e.clients[outsider].Round(e.ctx, r)
	must(t, err)
	e.pass(rs.ClaimDeadline)
	got, _, err := e.clients[deployer].ReclaimSponsor(e.ctx, r)
	must(t, err)
	if got.Sign() != 0 {
		t.Errorf("sponsor got back %s, want 0 (all claimed)", got)
	}
}

// The supporter badge: one per donor and grant, minted on the first
// donation only, locked (ERC-5192), and advertised as such (ERC-165).
func TestSupporterBadge(t *testing.T) { chains(t, 10, supporterBadge) }

func supporterBadge(t *testing.T, e *env) {
	id := e.standardGrant()
	badge := e.badge()
	c := e.clients[0]
	bid, err := callAt(e.ctx, c, "badgeId", badge, badgeABI.PackBadgeId(u256(id), e.addr(donor1)), badgeABI.UnpackBadgeId)
	must(t, err)
	if _, err := callAt(e.ctx, c, "ownerOf", badge, badgeABI.PackOwnerOf(bid), badgeABI.UnpackOwnerOf); err == nil {
		t.Fatal("a badge exists before any donation")
	}
	for range 2 {
		must(t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(10))))
	}
	owner, err := callAt(e.ctx, c, "ownerOf", badge, badgeABI.PackOwnerOf(bid), badgeABI.UnpackOwnerOf)
	must(t, err)
	n, err := callAt(e.ctx, c, "balanceOf", badge, badgeABI.PackBalanceOf(e.addr(donor1)), badgeABI.UnpackBalanceOf)
	must(t, err)
	locked, err := callAt(e.ctx, c, "locked", badge, badgeABI.PackLocked(bid), badgeABI.UnpackLocked)
	must(t, err)
	erc5192, err := callAt(e.ctx, c, "supportsInterface", badge, badgeABI.PackSupportsInterface([4]byte{0xb4, 0x5a, 0x3c, 0x0e}), badgeABI.UnpackSupportsInterface)
	must(t, err)
	if owner != e.addr(donor1) || n.Int64() != 1 || !locked || !erc5192 {
		t.Errorf("owner %s, badges %s, locked %v, ERC-5192 %v", owner.Hex(), n, locked, erc5192)
	}
}

// Round funding and donations with EIP-2612 permits: one transaction each
// (the sender's nonce moves by one), no allowance left over, counted as
// the approve path's are; a permit front-run by someone who copied it from
// the mempool still lets the call through on the allowance it left.
func TestRoundWithPermit(t *testing.T) { chains(t, 10, roundWithPermit) }

func roundWithPermit(t *testing.T, e *env) {
	r, ids := e.openRound() // 100,000 each; a pool of 1,000 by approve
	oneTx := func(who int, do func(c *Client) (*types.Receipt, error)) {
		t.Helper()
		before, err := e.chain.PendingNonceAt(e.ctx, e.addr(who))
		must(t, err)
		must(t, second(do(e.clients[who])))
		if after, err := e.chain.PendingNonceAt(e.ctx, e.addr(who)); err != nil || after != before+1 {
			t.Errorf("account %d sent %d transactions (%v), want 1", who, after-before, err)
		}
	}
	oneTx(outsider, func(c *Client) (*types.Receipt, error) { return c.FundRoundWithPermit(e.ctx, r, big.NewInt(500)) })
	for _, d := range []struct {
		who    int
		amount int64
	}{{donor1, 30}, {donor1, 20}, {donor2, 10}} {
		oneTx(d.who, func(c *Client) (*types.Receipt, error) {
			return c.DonateRoundWithPermit(e.ctx, r, ids[0], big.NewInt(d.amount))
		})
	}

	// Donor 8's permit, copied and sent to the token by the outsider first.
	deadline := e.clients[8].permitDeadline(e.ctx)
	v, rs, ss, err := e.clients[8].signPermit(e.ctx, e.token, e.grants, big.NewInt(40), deadline)
	must(t, err)
	token := e.token
	must(t, second(e.clients[outsider].send(e.ctx, "front-run permit", &token,
		tokenABI.PackPermit(e.addr(8), e.grants, big.NewInt(40), deadline, v, rs, ss))))
	must(t, second(e.clients[8].transact(e.ctx, "donate through round with permit",
		grantsABI.PackDonateRoundWithPermit(u256(r), u256(ids[2]), big.NewInt(40), deadline, v, rs, ss))))

	round, err := e.clients[0].Round(e.ctx, r)
	must(t, err)
	if round.Pool.Int64() != 1500 {
		t.Errorf("pool %s, want 1500", round.Pool)
	}
	sponsored, err := call(e.ctx, e.clients[0], "sponsorFunds", grantsABI.PackSponsorFunds(u256(r), e.addr(outsider)), grantsABI.UnpackSponsorFunds)
	must(t, err)
	if sponsored.Int64() != 500 {
		t.Errorf("outsider's share of the pool %s, want 500", sponsored)
	}
	contribs, err := e.clients[0].Contributions(e.ctx, r)
	must(t, err)
	got := map[[2]int64]int64{}
	for _, c := range contribs {
		got[[2]int64{int64(c.Grant), int64(e.account(c.Donor))}] += c.Amount.Int64()
	}
	want := map[[2]int64]int64{{int64(ids[0]), donor1}: 50, {int64(ids[0]), donor2}: 10, {int64(ids[2]), 8}: 40}
	if !maps.Equal(got, want) {
		t.Errorf("contributions (grant, account) → amount %v, want %v", got, want)
	}
	for who, spent := range map[int]int64{outsider: 500, donor1: 50, donor2: 10, 8: 40} {
		wantBalance(t, e, e.addr(who), 100_000-spent)
		left, err := callAt(e.ctx, e.clients[who], "allowance", e.token, tokenABI.PackAllowance(e.addr(who), e.grants), tokenABI.UnpackAllowance)
		must(t, err)
		if left.Sign() != 0 {
			t.Errorf("account %d: allowance %s left, want 0", who, left)
		}
	}
}

// account is the index of an env account, or -1.
func (e *env) account(a common.Address) int {
	for i := range e.keys {
		if e.addr(i) == a {
			return i
		}
	}
	return -1
}
