package grants

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	notarygen "github.com/desci-platform/desci/notary/contract/gen"
	"github.com/desci-platform/desci/notary/merkle"
)

// autoMine seals a block after every transaction, as Hardhat's automine
// does, unless batching: then the test commits when it wants.
type autoMine struct {
	simulated.Client
	sim   *simulated.Backend
	batch bool
}

func (a *autoMine) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	if !a.batch {
		a.sim.Commit()
	}
	return nil
}

// testChain is what the tests need of a chain: what a Client and the
// notary's anchoring need. *autoMine and *ethclient.Client are ones.
type testChain interface {
	Backend
	notary.Chain
}

// env is a chain with the Notary, Grants and TestUSD deployed and
// accounts holding ether and tokens. Account 0 deploys everything. The
// chain is go-ethereum's simulated backend (newEnv), whose clock jumps,
// or a real geth --dev (newGethEnv), whose clock is the wall's.
type env struct {
	t     testing.TB
	ctx   context.Context
	sim   *simulated.Backend // nil on geth
	auto  *autoMine          // the simulated chain; nil on geth
	chain testChain
	// pace is how long the stories' deadlines and windows are: an hour
	// where time can jump, seconds where it must pass.
	pace    pace
	notary  common.Address
	grants  common.Address
	token   common.Address
	keys    []*keys.Key
	clients []*Client
}

var testKeys = func() []*ecdsa.PrivateKey {
	var out []*ecdsa.PrivateKey
	for i := range 64 {
		k, _ := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprint("grants test account ", i))))
		out = append(out, k)
	}
	return out
}()

// mainnetRules makes the simulated chain run the embedded chain's rules
// (no unreleased forks), so measured gas is what the embedded chain and
// mainnet charge.
func mainnetRules(_ *node.Config, ec *ethconfig.Config) {
	cfg := *params.AllDevChainProtocolChanges
	cfg.BogotaTime = nil
	ec.Genesis.Config = &cfg
}

func newEnv(t testing.TB, accounts int) *env {
	t.Helper()
	alloc := types.GenesisAlloc{}
	e := &env{t: t, ctx: context.Background(), pace: simPace}
	for i := range accounts {
		k := keys.NewKey(testKeys[i])
		e.keys = append(e.keys, k)
		alloc[k.Address()] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))}
	}
	e.sim = simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000), mainnetRules)
	t.Cleanup(func() { e.sim.Close() })
	e.auto = &autoMine{Client: e.sim.Client(), sim: e.sim}
	e.chain = e.auto
	e.deploy()
	return e
}

// deploy deploys the Notary, Grants and TestUSD from account 0 and makes
// each account's client.
func (e *env) deploy() {
	t := e.t
	t.Helper()
	var err error
	if e.notary, err = notary.DeployNotary(e.ctx, e.chain, e.keys[0]); err != nil {
		t.Fatal(err)
	}
	if e.grants, _, err = Deploy(e.ctx, e.chain, e.keys[0], e.notary); err != nil {
		t.Fatal(err)
	}
	if e.token, _, err = DeployTestUSD(e.ctx, e.chain, e.keys[0]); err != nil {
		t.Fatal(err)
	}
	for _, k := range e.keys {
		c, err := New(e.ctx, e.chain, k, Options{Contract: e.grants})
		if err != nil {
			t.Fatal(err)
		}
		e.clients = append(e.clients, c)
	}
}

func (e *env) addr(i int) common.Address { return e.keys[i].Address() }

// mint gives every account from..to-1 amount tUSD units.
func (e *env) mint(amount int64, accounts ...int) {
	e.t.Helper()
	for _, i := range accounts {
		if _, err := e.clients[0].Mint(e.ctx, e.token, e.addr(i), big.NewInt(amount)); err != nil {
			e.t.Fatal(err)
		}
	}
}

func (e *env) head() time.Time {
	h, err := e.chain.HeaderByNumber(e.ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return time.Unix(int64(h.Time), 0)
}

// advance moves the chain's clock forward by d (one empty block), or on
// geth waits until it has moved so far.
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if e.sim == nil {
		e.waitHead(e.head().Add(d).Add(-time.Second))
		return
	}
	// The pool forgets mined transactions a moment after the block, and
	// until then refuses to adjust time: wait for it.
	for try := 0; ; try++ {
		err := e.sim.AdjustTime(d)
		if err == nil {
			return
		}
		if try == 400 || !strings.Contains(err.Error(), "non-empty") {
			e.t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// pass makes the chain's time pass t: the next block is after it.
func (e *env) pass(t time.Time) {
	e.t.Helper()
	if e.sim == nil {
		e.waitHead(t)
		return
	}
	if h := e.head(); !h.After(t) {
		e.advance(t.Sub(h) + time.Second)
	}
}

func (e *env) balance(a common.Address) *big.Int {
	e.t.Helper()
	b, err := e.clients[0].Balance(e.ctx, e.token, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// manifestCID is a CID like a manifest's (dag-cbor, sha2-256) for a name.
func manifestCID(name string) []byte {
	c, _ := cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: multihash.SHA2_256, MhLength: -1}.Sum([]byte(name))
	return c.Bytes()
}

// anchor builds a tree over the CIDs, anchors its root in the Notary and
// returns each CID's evidence.
func (e *env) anchor(cids ...[]byte) []Evidence {
	e.t.Helper()
	ev := e.tree(cids...)
	to := e.notary
	if _, err := e.clients[0].send(e.ctx, "anchor", &to, notarygen.NewNotary().PackAnchor(ev[0].Root)); err != nil {
		e.t.Fatal(err)
	}
	return ev
}

// tree is anchor without anchoring.
func (e *env) tree(cids ...[]byte) []Evidence {
	e.t.Helper()
	tr, err := merkle.New(cids)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []Evidence
	for i, c := range cids {
		out = append(out, Evidence{CID: c, Root: tr.Root(), Proof: tr.Proof(i)})
	}
	return out
}

// Accounts in the standard scenario.
const (
	deployer    = 0
	beneficiary = 1
	reviewer1   = 2 // reviewers 2, 3, 4; threshold 2
	donor1      = 5
	donor2      = 6
	outsider    = 7
)

// standardGrant creates a grant of two milestones (600 and 400 units)
// for the beneficiary, reviewed by accounts 2-4 with threshold 2, open
// for e.pace.deadline; donors 5 and 6 hold 10,000 units each.
func (e *env) standardGrant() uint64 {
	e.t.Helper()
	e.mint(10_000, donor1, donor2)
	id, _, err := e.clients[beneficiary].CreateGrant(e.ctx, Terms{
		Beneficiary: e.addr(beneficiary), Token: e.token, Deadline: e.head().Add(e.pace.deadline),
		Milestones: []Milestone{{big.NewInt(600), "data collected"}, {big.NewInt(400), "paper"}},
		Reviewers:  []common.Address{e.addr(2), e.addr(3), e.addr(4)}, Threshold: 2,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// fund has donors 5 and 6 give 700 and 300: the goal.
func (e *env) fund(id uint64) {
	e.t.Helper()
	for _, d := range []struct {
		who    int
		amount int64
	}{{donor1, 700}, {donor2, 300}} {
		if _, err := e.clients[d.who].Donate(e.ctx, id, big.NewInt(d.amount)); err != nil {
			e.t.Fatal(err)
		}
	}
}

// approve has the reviewers approve a CID for a milestone.
func (e *env) approve(id uint64, milestone int, c []byte, reviewers ...int) {
	e.t.Helper()
	for _, r := range reviewers {
		if _, err := e.clients[r].Approve(e.ctx, id, milestone, c); err != nil {
			e.t.Fatal(err)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
