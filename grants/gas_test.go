package grants

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	notarygen "github.com/desci-platform/desci/notary/contract/gen"
	"github.com/desci-platform/desci/notary/merkle"
)

// BenchmarkGas measures each operation's gas on the embedded chain (the
// rules users pay under) and reports it as gas/tx, one sub-benchmark per
// operation. Run it once:
//
//	go test ./grants -run '^$' -bench Gas -benchtime 1x
//
// Deadlines pass by mining empty blocks: each is at least a second after
// its parent.
func BenchmarkGas(b *testing.B) {
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer dev.Close()
	be := dev.Client()
	var ks []*keys.Key
	for _, k := range chain.DevAccounts() {
		ks = append(ks, keys.NewKey(k))
	}
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
	if _, err := cl[9].DonateRound(ctx, round, g2, big.NewInt(10_000)); err != nil {
		b.Fatal(err)
	}

	for head().Before(start.Add(61 * time.Second)) {
		dev.Commit() // each block is at least a second after its parent
	}
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
	for name, limit := range map[string]uint64{
		"donate, repeat": 100_000, "donate, first (mints the badge)": 200_000, "release, 20-level proof": 150_000,
	} {
		if gas[name] >= limit {
			b.Errorf("%s: %d gas, target under %d", name, gas[name], limit)
		}
	}
}
