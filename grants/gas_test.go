package grants

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/internal/testgeth"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	notarygen "github.com/desci-platform/desci/notary/contract/gen"
	"github.com/desci-platform/desci/notary/merkle"
)

// BenchmarkGas measures each operation's gas and reports it as gas/tx,
// one sub-benchmark per chain and operation: the embedded chain (mainnet's
// Osaka rules, what users pay) and a real geth --dev (the next fork, as
// docker-compose runs it; skipped without a geth binary). Run it once:
//
//	go test ./grants -run '^$' -bench Gas -benchtime 1x
//
// Deadlines pass by setting the embedded chain's next block time past them
// and by waiting on geth (about 70 s).
func BenchmarkGas(b *testing.B) {
	ctx := context.Background()
	b.Run("embedded", func(b *testing.B) {
		dev, err := chain.OpenDev(chain.DevOptions{Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		defer dev.Close()
		var ks []*keys.Key
		for _, k := range chain.DevAccounts() {
			ks = append(ks, keys.NewKey(k))
		}
		gas := measureGas(b, dev.Client(), ks, func(head func() time.Time, t time.Time) {
			if !head().After(t) {
				if _, err := dev.SetNextBlockTime(t.Add(time.Second)); err != nil {
					b.Fatal(err)
				}
			}
		})
		for name, limit := range map[string]uint64{
			"donate, repeat": 100_000, "donate, first (mints the badge)": 200_000, "release, 20-level proof": 150_000,
		} {
			if gas[name] >= limit {
				b.Errorf("%s: %d gas, target under %d", name, gas[name], limit)
			}
		}
	})
	b.Run("geth", func(b *testing.B) {
		node := testgeth.Shared(b)
		client, err := ethclient.Dial(node.URL)
		if err != nil {
			b.Fatal(err)
		}
		defer client.Close()
		ks := []*keys.Key{keys.NewKey(node.Key)}
		var addrs []common.Address
		for range chain.DevAccountCount - 1 {
			k, _ := crypto.GenerateKey()
			ks = append(ks, keys.NewKey(k))
			addrs = append(addrs, ks[len(ks)-1].Address())
		}
		if err := node.Fund(ctx, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)), addrs...); err != nil {
			b.Fatal(err)
		}
		measureGas(b, client, ks, func(head func() time.Time, t time.Time) {
			for !head().After(t) {
				time.Sleep(250 * time.Millisecond)
			}
		})
	})
}

// measureGas runs every operation once on a chain with ks funded (ks[0]
// deploys), reports each one's gas as a sub-benchmark and returns them.
// pass makes the chain's time pass t.
func measureGas(b *testing.B, be testChain, ks []*keys.Key, pass func(head func() time.Time, t time.Time)) map[string]uint64 {
	ctx := context.Background()
	gas := map[string]uint64{}
	var order []string
	note := func(name string, rcpt *types.Receipt, err error) {
		b.Helper()
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		gas[name] = rcpt.GasUsed
		order = append(order, name)
	}
	notaryAddr, err := notary.DeployNotary(ctx, be, ks[0])
	if err != nil {
		b.Fatal(err)
	}
	grantsAddr, rcpt, err := Deploy(ctx, be, ks[0], notaryAddr)
	note("deploy Grants", rcpt, err)
	token, _, err := DeployTestUSD(ctx, be, ks[0])
	if err != nil {
		b.Fatal(err)
	}
	cl := make([]*Client, len(ks))
	for i, k := range ks {
		if cl[i], err = New(ctx, be, k, Options{Contract: grantsAddr}); err != nil {
			b.Fatal(err)
		}
		if _, err := cl[0].Mint(ctx, token, k.Address(), big.NewInt(1_000_000_000)); err != nil {
			b.Fatal(err)
		}
	}
	head := func() time.Time {
		h, err := be.HeaderByNumber(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		return time.Unix(int64(h.Time), 0)
	}
	reviewers := []common.Address{ks[2].Address(), ks[3].Address(), ks[4].Address()}
	terms := func(deadline time.Time) Terms {
		return Terms{
			Beneficiary: ks[1].Address(), Token: token, Deadline: deadline,
			Milestones: []Milestone{{big.NewInt(600_000), "data collected"}, {big.NewInt(400_000), "paper"}},
			Reviewers:  reviewers, Threshold: 2,
		}
	}

	// A grant that is funded and released.
	id, rcpt, err := cl[1].CreateGrant(ctx, terms(head().Add(time.Hour)))
	note("create (2 milestones, 3 reviewers)", rcpt, err)
	rcpt, err = cl[5].Donate(ctx, id, big.NewInt(300_000))
	note("donate, first (mints the badge)", rcpt, err)
	rcpt, err = cl[5].Donate(ctx, id, big.NewInt(100_000))
	note("donate, repeat", rcpt, err)
	rcpt, err = cl[6].DonateWithPermit(ctx, id, big.NewInt(300_000))
	note("donate with permit, first", rcpt, err)
	rcpt, err = cl[6].DonateWithPermit(ctx, id, big.NewInt(300_000))
	note("donate with permit, repeat", rcpt, err)

	// Evidence with a 20-level proof: a root 20 hashes above the leaf,
	// what a batch of about a million manifests gives.
	cid := manifestCID("deliverable")
	proof := make([]merkle.Hash, 20)
	for i := range proof {
		proof[i] = merkle.LeafHash([]byte{byte(i)})
	}
	ev := Evidence{CID: cid, Root: merkle.ProcessProof(merkle.LeafHash(cid), proof), Proof: proof}
	if _, err := cl[0].send(ctx, "anchor", &notaryAddr, notarygen.NewNotary().PackAnchor(ev.Root)); err != nil {
		b.Fatal(err)
	}
	rcpt, err = cl[2].Approve(ctx, id, 0, cid)
	note("approve milestone", rcpt, err)
	_, err = cl[3].Approve(ctx, id, 0, cid)
	if err != nil {
		b.Fatal(err)
	}
	rcpt, err = cl[1].Release(ctx, id, 0, ev)
	note("release, 20-level proof", rcpt, err)

	// A grant that misses its goal.
	failing, _, err := cl[1].CreateGrant(ctx, terms(head().Add(60*time.Second)))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cl[7].Donate(ctx, failing, big.NewInt(1000)); err != nil {
		b.Fatal(err)
	}

	// A round over a fresh grant.
	g2, _, err := cl[1].CreateGrant(ctx, terms(head().Add(time.Hour)))
	if err != nil {
		b.Fatal(err)
	}
	start := head()
	round, rcpt, err := cl[0].CreateRound(ctx, RoundTerms{Token: token, Start: start, End: start.Add(30 * time.Second),
		ClaimPeriod: time.Hour, CapBps: 10_000, Grants: []uint64{id, g2}})
	note("round create (2 grants)", rcpt, err)
	rcpt, err = cl[0].FundRound(ctx, round, big.NewInt(500_000))
	note("round fund", rcpt, err)
	rcpt, err = cl[8].DonateRound(ctx, round, g2, big.NewInt(10_000))
	note("round donate, first", rcpt, err)
	rcpt, err = cl[8].DonateRound(ctx, round, g2, big.NewInt(10_000))
	note("round donate, repeat", rcpt, err)
	rcpt, err = cl[5].FundRoundWithPermit(ctx, round, big.NewInt(100_000))
	note("round fund with permit", rcpt, err)
	// A reviewer who has not yet signed a permit, as round donors 8 and 9
	// have not approved before.
	rcpt, err = cl[4].DonateRoundWithPermit(ctx, round, g2, big.NewInt(10_000))
	note("round donate with permit, first", rcpt, err)
	rcpt, err = cl[4].DonateRoundWithPermit(ctx, round, g2, big.NewInt(10_000))
	note("round donate with permit, repeat", rcpt, err)
	if _, err := cl[9].DonateRound(ctx, round, g2, big.NewInt(10_000)); err != nil {
		b.Fatal(err)
	}

	pass(head, start.Add(61*time.Second))
	_, rcpt, err = cl[7].Refund(ctx, failing)
	note("refund", rcpt, err)
	_, rcpt, err = cl[0].CloseRound(ctx, round)
	note("round close (commit root)", rcpt, err)
	_, rcpt, err = cl[9].ClaimMatch(ctx, round, g2)
	note("round claim", rcpt, err)
	rcpt, err = cl[1].Cancel(ctx, g2)
	note("cancel (beneficiary)", rcpt, err)

	for _, name := range order {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
			}
			b.ReportMetric(float64(gas[name]), "gas/tx")
		})
	}
	return gas
}
