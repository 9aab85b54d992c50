package grants

import (
	"context"
	"flag"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/desci-platform/desci/internal/testgeth"
	"github.com/desci-platform/desci/keys"
)

func TestMain(m *testing.M) {
	// The stories on geth mostly wait for blocks and deadlines: run them
	// all side by side, not GOMAXPROCS at a time, unless told otherwise.
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "8")
	}
	code := m.Run()
	testgeth.StopShared()
	os.Exit(code)
}

// pace is how long a story's deadlines and windows are.
type pace struct {
	// deadline is a grant's deadline or a round's claim period that the
	// story then waits out: long enough for the few transactions before it.
	deadline time.Duration
	// window is a round's window: eight donations, each with its approval.
	window time.Duration
}

var (
	// On the simulated chain time jumps: an hour, as a user would set.
	simPace = pace{deadline: time.Hour, window: time.Hour}
	// On geth --dev (a block a second) time passes: as short as the
	// transactions within allow on a loaded machine (each takes one or
	// two seconds to be mined and seen).
	gethPace = pace{deadline: 45 * time.Second, window: 100 * time.Second}
)

// newGethEnv is newEnv on the package's shared geth --dev: fresh accounts
// (so tests can run side by side), funded by the developer account, and
// their own contracts.
func newGethEnv(t *testing.T, accounts int) *env {
	t.Helper()
	node := testgeth.Shared(t)
	e := &env{t: t, ctx: context.Background(), pace: gethPace}
	client, err := ethclient.DialContext(e.ctx, node.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	e.chain = client
	var addrs []common.Address
	for range accounts {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		e.keys = append(e.keys, keys.NewKey(k))
		addrs = append(addrs, e.keys[len(e.keys)-1].Address())
	}
	// geth --dev charges the next fork's gas (about three times mainnet's
	// for storage), and a base fee of a few wei: 10 ether each is plenty.
	if err := node.Fund(e.ctx, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)), addrs...); err != nil {
		t.Fatal(err)
	}
	e.deploy()
	return e
}

// waitHead waits until the chain's head is after t (geth mines a block a
// second, stamped with the wall clock).
func (e *env) waitHead(t time.Time) {
	e.t.Helper()
	limit := time.Now().Add(time.Until(t) + time.Minute)
	for !e.head().After(t) {
		if time.Now().After(limit) {
			e.t.Fatalf("the chain's head did not pass %s within a minute of it", t.UTC().Format(time.RFC3339))
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// chains runs a story on each chain: the simulated backend (the embedded
// chain's rules, time that jumps) and a real geth --dev over JSON-RPC (the
// next fork's rules, time that passes). The geth runs go side by side.
func chains(t *testing.T, accounts int, story func(t *testing.T, e *env)) {
	// Side by side with the other stories: each waits on geth's blocks and
	// deadlines, and a subtest alone would only overlap its siblings.
	t.Parallel()
	t.Run("simulated", func(t *testing.T) { story(t, newEnv(t, accounts)) })
	t.Run("geth", func(t *testing.T) {
		testgeth.Need(t)
		if testing.Short() {
			t.Skip("-short: the stories against geth take a minute or two of chain time")
		}
		story(t, newGethEnv(t, accounts))
	})
}

// geth stopped mid-story and started again on its data dir: a donation
// while it is down fails with a clear error and changes nothing; after the
// restart the story goes on from where it was, nothing lost.
func TestGethRestartMidStory(t *testing.T) {
	node := testgeth.Start(t, testgeth.Options{})
	e := &env{t: t, ctx: context.Background(), pace: gethPace}
	client, err := ethclient.DialContext(e.ctx, node.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	e.chain = client
	e.keys = append(e.keys, keys.NewKey(node.Key))
	var addrs []common.Address
	for range 9 {
		k, _ := crypto.GenerateKey()
		e.keys = append(e.keys, keys.NewKey(k))
		addrs = append(addrs, e.keys[len(e.keys)-1].Address())
	}
	must(t, node.Fund(e.ctx, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether)), addrs...))
	e.deploy()
	id := e.standardGrant()
	must(t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))

	must(t, node.Down())
	_, err = e.clients[donor2].Donate(e.ctx, id, big.NewInt(50))
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("a donation with geth down: %v", err)
	}
	t.Logf("with geth down: %v", err)
	must(t, node.Up())

	st, err := e.clients[outsider].Status(e.ctx, id)
	must(t, err)
	if st.Raised.Int64() != 100 || len(st.Donors) != 1 {
		t.Fatalf("after the restart: raised %s from %d donors, want 100 from 1", st.Raised, len(st.Donors))
	}
	must(t, second(e.clients[donor2].Donate(e.ctx, id, big.NewInt(50))))
	wantBalance(t, e, e.grants, 150)
}

// A client pointed at geth refuses to go on when the chain is not the one
// it was told: the chain id is checked before anything is signed.
func TestWrongChainID(t *testing.T) {
	node := testgeth.Shared(t)
	client, err := ethclient.Dial(node.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	id, err := client.ChainID(context.Background())
	must(t, err)
	if id.Uint64() != testgeth.ChainID {
		t.Fatalf("geth --dev is chain %d, want %d", id, testgeth.ChainID)
	}
	// A transaction signed for another chain id is refused by geth.
	c, err := New(context.Background(), client, keys.NewKey(node.Key), Options{})
	must(t, err)
	c.chainID = big.NewInt(5)
	to := node.Address()
	_, err = c.send(context.Background(), "transfer", &to, nil)
	if err == nil || !strings.Contains(err.Error(), "chain") {
		t.Errorf("a transaction for chain 5 sent to chain 1337: %v", err)
	}
	t.Logf("refused: %v", err)
}
