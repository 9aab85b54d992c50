package cli

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/keys"
)

// demoDonors sets up what a donor can try in the web app after the story
// (and what its browser journeys need, in the fixture): an open round with
// grants whose matches already differ, a grant that missed its goal and
// one that was cancelled, each with a donation to reclaim, and donors'
// wallets: one with tUSD and ether, one with tUSD and no ether (it can
// only donate without gas), one whose donations can be refunded.
func demoDonors(ctx context.Context, n *narrator, ch *demoChain, grantsAddr, token common.Address, actor func(string) *ecdsa.PrivateKey,
	researcher, reviewer, operator, donor, sponsor *ecdsa.PrivateKey) error {
	usd := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000)) }
	client := func(k *ecdsa.PrivateKey) (*grants.Client, error) {
		return grants.New(ctx, ch.client, keys.NewKey(k), grants.Options{Contract: grantsAddr})
	}
	webDonor, gasless, refunder := actor("web donor"), actor("gasless donor"), actor("refunder")
	for _, w := range []struct {
		k        *ecdsa.PrivateKey
		eth, usd int64
	}{{webDonor, 10, 1_000}, {gasless, 0, 500}, {refunder, 1, 300}} {
		if w.eth > 0 {
			if err := ch.fund(ctx, addrOf(w.k), new(big.Int).Mul(big.NewInt(w.eth), big.NewInt(1e18))); err != nil {
				return err
			}
		}
		if err := ch.mint(ctx, token, addrOf(w.k), usd(w.usd)); err != nil {
			return err
		}
	}
	res, err := client(researcher)
	if err != nil {
		return err
	}
	head, err := ch.head(ctx)
	if err != nil {
		return err
	}
	create := func(what string, goal int64, deadline time.Time) (uint64, error) {
		id, _, err := res.CreateGrant(ctx, grants.Terms{Beneficiary: addrOf(researcher), Token: token, Deadline: deadline,
			Milestones: []grants.Milestone{{Amount: usd(goal), Description: what}}, Reviewers: []common.Address{addrOf(reviewer)}})
		return id, err
	}
	month := head.Add(30 * 24 * time.Hour)
	a, err := create("replicate the HbA1c analysis in a second cohort", 2_000, month)
	if err != nil {
		return err
	}
	b, err := create("open data dictionary for diabetes registries", 1_500, month)
	if err != nil {
		return err
	}
	missed := head.Add(20 * time.Second)
	failed, err := create("a pilot that did not find its donors", 5_000, missed)
	if err != nil {
		return err
	}
	cancelled, err := create("a study its researcher withdrew", 5_000, month)
	if err != nil {
		return err
	}
	op, err := client(operator)
	if err != nil {
		return err
	}
	round, _, err := op.CreateRound(ctx, grants.RoundTerms{Token: token, Start: head, End: month, ClaimPeriod: 7 * 24 * time.Hour, CapBps: 8000, Grants: []uint64{a, b}})
	if err != nil {
		return err
	}
	sp, err := client(sponsor)
	if err != nil {
		return err
	}
	if _, err := sp.FundRound(ctx, round, usd(500)); err != nil {
		return err
	}
	dn, err := client(donor)
	if err != nil {
		return err
	}
	// Two donors to a, one to b: a is matched, b not yet.
	for _, d := range []struct {
		c      *grants.Client
		grant  uint64
		amount int64
	}{{dn, a, 20}, {sp, a, 5}, {dn, b, 30}} {
		if _, err := d.c.DonateRound(ctx, round, d.grant, usd(d.amount)); err != nil {
			return err
		}
	}
	rf, err := client(refunder)
	if err != nil {
		return err
	}
	for _, g := range []uint64{failed, cancelled} {
		if _, err := rf.Donate(ctx, g, usd(100)); err != nil {
			return err
		}
	}
	if _, err := res.Cancel(ctx, cancelled); err != nil {
		return err
	}
	if err := ch.pass(ctx, missed); err != nil {
		return err
	}
	n.say("For donors to try in the web app: round %d is open (grants %d and %d), grant %d missed its goal and grant %d was cancelled.", round, a, b, failed, cancelled)
	n.detail("wallets (public dev keys, see demoActor): \"web donor\" has tUSD and ether, \"gasless donor\" tUSD only, \"refunder\" gave 100 tUSD to each of grants %d and %d", failed, cancelled)
	n.fixture["donor"] = map[string]any{"round": round, "roundGrants": []uint64{a, b}, "failedGrant": failed, "cancelledGrant": cancelled}
	return nil
}
