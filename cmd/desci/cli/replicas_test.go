package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/internal/testkubo"
	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/kubo"
	"github.com/desci-platform/desci/notary/pgindex"
)

// replica is one desci serve process of a deployment.
type replica struct {
	dir, url string
	cmd      *exec.Cmd
}

// startReplica runs desci serve (this test binary as desci) on dir and
// waits until it listens.
func startReplica(t *testing.T, dir string, args ...string) *replica {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "DESCI_TEST_HELPER=1",
		"DESCI_TEST_ARGS="+strings.Join(append([]string{"--data-dir", dir, "serve", "--http", "127.0.0.1:0"}, args...), "\n"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logf, _ := os.OpenFile(filepath.Join(dir, "serve.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go cmd.Wait()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://") {
		b, _ := os.ReadFile(filepath.Join(dir, "serve.log"))
		t.Fatalf("replica did not start: %q %v\n%s", line, err, b)
	}
	go func() { bufio.NewReader(out).WriteTo(new(strings.Builder)) }()
	r := &replica{dir: dir, url: strings.TrimSpace(line), cmd: cmd}
	t.Cleanup(func() { r.cmd.Process.Kill() })
	return r
}

// TestReplicasAnchorOnce runs three desci serve processes on one
// PostgreSQL database, one chain and one block store, anchoring every
// 200 ms with two confirmations, while manifests keep coming and the
// replica holding the anchoring lock is killed with SIGKILL at random
// points (and started again). Every manifest ends with exactly one
// receipt, every root on chain has exactly one Anchored event and is
// named by receipts, and nothing stays queued.
//
// The replicas share blocks on a real Kubo node (--blocks) when the tests
// have one, else through one directory (each data dir's blocks/ is a link
// to it): a replica writes receipts from manifest blocks another stored.
func TestReplicasAnchorOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("three processes and a chain: not in -short")
	}
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	ctx := context.Background()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	dsn := testpg.DSN(t)

	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir(), HTTP: "127.0.0.1:0", Period: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	contract, err := notary.DeployNotary(ctx, dev.Client(), keys.NewKey(chain.DevAccounts()[1]))
	if err != nil {
		t.Fatal(err)
	}
	serverKey := chain.DevAccounts()[2]

	// Blocks: a real Kubo node's RPC API (--blocks) when the tests have
	// one (CI does), else one directory every data dir's blocks/ links
	// to, as a shared file system would.
	shared := t.TempDir()
	var sharedBlocks *kubo.Blockstore
	args := []string{"--rpc", dev.HTTPEndpoint(), "--notary-contract", contract.Hex(), "--database", dsn,
		"--anchor-interval", "200ms", "--confirmations", "2", "--webhook-interval", "0", "--shutdown-timeout", "1s",
		"--domain", "lb.test:8080"} // behind one load balancer's name
	if os.Getenv(testkubo.EnvBinary) != "" || os.Getenv("CI") == "true" {
		node := testkubo.Start(t, testkubo.Options{})
		sharedBlocks = kubo.NewBlockstore(&kubo.Client{URL: node.API})
		args = append(args, "--blocks", node.API)
		t.Logf("blocks on Kubo at %s", node.API)
	} else {
		t.Logf("no Kubo ($%s): blocks in one shared directory", testkubo.EnvBinary)
		if err := os.MkdirAll(filepath.Join(shared, "blocks"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	var replicas []*replica
	for range 3 {
		dir := t.TempDir()
		if sharedBlocks == nil {
			if err := os.Symlink(filepath.Join(shared, "blocks"), filepath.Join(dir, "blocks")); err != nil {
				t.Fatal(err)
			}
		}
		mustRun(t, dir, "keys", "import", "--private-key", hex.EncodeToString(crypto.FromECDSA(serverKey)))
		replicas = append(replicas, startReplica(t, dir, args...))
	}

	// What the replicas are asked to anchor comes from a writer of its
	// own, on the same database and blocks.
	ix, err := pgindex.Open(ctx, dsn, pgindex.Options{Name: "desci test writer"})
	if err != nil {
		t.Fatal(err)
	}
	opts := notary.Options{Index: ix}
	if sharedBlocks != nil {
		opts.Blocks = sharedBlocks
	}
	store, err := notary.OpenWith(shared, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	author := keys.NewKey(chain.DevAccounts()[3])
	published := map[cid.Cid]bool{}
	var mu sync.Mutex
	notarize := func(round, n int) {
		var docs []notary.Doc
		for i := range n {
			docs = append(docs, notary.Doc{Pub: notary.Publication{Kind: notary.KindDataset, Title: fmt.Sprintf("round %d dataset %d", round, i)},
				Name: "data.csv", Data: fmt.Appendf(nil, "round,i\n%d,%d\n", round, i)})
		}
		cs, err := store.NotarizeMany(ctx, docs, author)
		if err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		for _, c := range cs {
			published[c] = true
		}
		mu.Unlock()
	}

	kills, midBatch := 0, 0
	for round := range 6 {
		notarize(round, 1+rng.IntN(4))
		// Wait for a replica to take the lock, then kill it a random
		// moment later: before, during or after its batch.
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			holder, err := ix.AnchorHolder(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pid := pidOf(holder)
			if pid == 0 {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			time.Sleep(time.Duration(rng.IntN(2500)) * time.Millisecond)
			for i, r := range replicas {
				if r.cmd.Process.Pid == pid {
					syscall.Kill(pid, syscall.SIGKILL)
					kills++
					if bs, _ := ix.Batches(); len(bs) > 0 {
						midBatch++ // recorded, maybe sent: another replica resumes it
					}
					replicas[i] = startReplica(t, r.dir, args...)
				}
			}
			break
		}
	}
	t.Logf("%d manifests; %d anchoring replicas killed, %d with a batch in flight", len(published), kills, midBatch)

	// Then let them finish.
	deadline := time.Now().Add(60 * time.Second)
	for {
		q, err := ix.Queue()
		bs, err2 := ix.Batches()
		if err == nil && err2 == nil && len(q) == 0 && len(bs) == 0 {
			break
		}
		if time.Now().After(deadline) {
			for _, r := range replicas {
				b, _ := os.ReadFile(filepath.Join(r.dir, "serve.log"))
				t.Logf("%s:\n%s", r.dir, b)
			}
			t.Fatalf("after a minute, %d manifests queued, %d batches in flight (%v %v)", len(q), len(bs), err, err2)
		}
		time.Sleep(100 * time.Millisecond)
	}

	roots := map[common.Hash]int{}
	for c := range published {
		doc, err := store.Receipt(c)
		if err != nil {
			t.Errorf("no receipt for %s: %v", c, err)
			continue
		}
		r, err := notary.VerifyReceipt(ctx, dev.Client(), doc, nil)
		if err != nil {
			t.Errorf("receipt of %s: %v", c, err)
			continue
		}
		roots[common.HexToHash(r.Root)]++
	}
	logs, err := dev.Client().FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{contract}})
	if err != nil {
		t.Fatal(err)
	}
	events := map[common.Hash]int{}
	for _, l := range logs {
		if len(l.Topics) > 1 {
			events[l.Topics[1]]++
		}
	}
	for root, n := range events {
		if n != 1 || roots[root] == 0 {
			t.Errorf("root %s: %d Anchored events, named by %d receipts", root, n, roots[root])
		}
	}
	if len(events) != len(roots) {
		t.Errorf("%d roots on chain, receipts name %d", len(events), len(roots))
	}
	t.Logf("%d roots anchored", len(events))

	// Sessions work across replicas: signed in on one, known on another,
	// and the nonce is spent on both.
	a, b := replicas[0].url, replicas[1].url
	k := chain.DevAccounts()[4]
	var nonce struct{ SiweNonce string }
	replicaPost(t, a, "", `mutation { siweNonce }`, nil, &nonce)
	msg := (&graphql.SIWEMessage{Domain: "lb.test:8080", Address: crypto.PubkeyToAddress(k.PublicKey), URI: "http://lb.test:8080", Version: "1",
		ChainID: 1337, Nonce: nonce.SiweNonce, IssuedAt: time.Now().UTC().Truncate(time.Second)}).String()
	sig, err := graphql.SignSIWE(msg, keys.NewKey(k).SignHash)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]any{"m": msg, "s": hexutil.Encode(sig)}
	var in struct{ SignIn struct{ Token string } }
	replicaPost(t, a, "", `mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }`, vars, &in)
	var me struct{ Me struct{ Address string } }
	replicaPost(t, b, in.SignIn.Token, `{ me { address } }`, nil, &me)
	if !strings.EqualFold(me.Me.Address, crypto.PubkeyToAddress(k.PublicKey).Hex()) {
		t.Errorf("the other replica sees the session as %q", me.Me.Address)
	}
	if err := gqlTry(b, "", `mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }`, vars, nil); err == nil || !strings.Contains(err.Error(), "nonce") {
		t.Errorf("the nonce used on one replica, again on another: %v", err)
	}
}

func replicaPost(t *testing.T, url, token, query string, vars map[string]any, out any) {
	t.Helper()
	if err := gqlTry(url, token, query, vars, out); err != nil {
		t.Fatal(err)
	}
}

// gqlTry posts a GraphQL request and decodes its data into out, or
// returns its first error.
func gqlTry(url, token, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		return errors.New(res.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(res.Data, out)
	}
	return nil
}

// pidOf reads the pid out of a holder's application_name ("desci HOST pid N ...").
func pidOf(holder string) int {
	f := strings.Fields(holder)
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "pid" {
			n, _ := strconv.Atoi(f[i+1])
			return n
		}
	}
	return 0
}
