// Package testgeth runs a real go-ethereum node in developer mode for
// tests: `geth --dev` built from source by scripts/build-geth.sh, listening
// on 127.0.0.1 only, with no peers and no discovery, in a temporary
// directory that goes away with the test.
//
// The binary is DESCI_TEST_GETH (scripts/test.sh sets it), or else the one
// scripts/build-geth.sh caches. When neither is there a test skips with a
// loud note, except under CI (CI=true), where it fails: CI builds geth.
package testgeth

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/internal/ethtx"
)

// Version is the geth release the tests run, the one docker-compose.yml
// pins and scripts/build-geth.sh builds.
const Version = "1.17.10"

// ChainID is geth --dev's chain id.
const ChainID = 1337

// ErrNoGeth means no geth binary was found.
var ErrNoGeth = errors.New("testgeth: no geth binary (run scripts/build-geth.sh, or set DESCI_TEST_GETH)")

// Binary returns the geth to run: $DESCI_TEST_GETH, or the binary that
// scripts/build-geth.sh caches for Version.
func Binary() (string, error) {
	if p := os.Getenv("DESCI_TEST_GETH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: DESCI_TEST_GETH=%s: %v", ErrNoGeth, p, err)
		}
		return p, nil
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", ErrNoGeth
		}
		cache = filepath.Join(home, ".cache")
	}
	p := filepath.Join(cache, "desci", "geth-"+Version, "geth")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s is missing", ErrNoGeth, p)
	}
	return p, nil
}

// Need returns the geth binary, or skips the test (fails it under CI).
func Need(t testing.TB) string {
	t.Helper()
	p, err := Binary()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI builds geth (scripts/test.sh runs scripts/build-geth.sh): %v", err)
		}
		t.Skipf("SKIPPED: this test runs against a real geth --dev and none is built here: %v", err)
	}
	return p
}

// Options configure a node. The zero value is what the tests use: a block
// every second, a fresh temporary data dir, a free port.
type Options struct {
	// Period is the block interval in seconds (--dev.period); 0 means 1.
	Period uint64
	// Dir is the data dir; empty: a new temporary one. Start again on the
	// same Dir to restart the same chain.
	Dir string
	// Port is the HTTP JSON-RPC port; 0 picks a free one.
	Port int
	// Args are more flags for geth.
	Args []string
}

// Node is a running geth --dev.
type Node struct {
	// URL is the JSON-RPC endpoint, http://127.0.0.1:PORT.
	URL string
	// Key is the developer account's key, read from the data dir's
	// keystore (empty password): funded at genesis.
	Key *ecdsa.PrivateKey
	// Dir is the data dir.
	Dir string
	// Log is where geth's output goes (Dir/geth.log).
	Log string

	bin     string
	opts    Options
	ownDir  bool
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
	mu      sync.Mutex // Fund's nonces
}

// Start runs a node for the test and stops it when the test ends. Without
// a geth binary it skips (fails under CI).
func Start(t testing.TB, opts Options) *Node {
	t.Helper()
	bin := Need(t)
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	n, err := Run(bin, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Stop() })
	return n
}

// Run starts geth (bin) with opts and waits until it answers on JSON-RPC.
// The caller stops it. Without opts.Dir it makes a temporary one, removed
// by Stop.
func Run(bin string, opts Options) (*Node, error) {
	if opts.Period == 0 {
		opts.Period = 1
	}
	n := &Node{bin: bin, opts: opts}
	if opts.Dir == "" {
		d, err := os.MkdirTemp("", "testgeth-")
		if err != nil {
			return nil, err
		}
		n.opts.Dir, n.ownDir = d, true
	}
	n.Dir = n.opts.Dir
	n.Log = filepath.Join(n.Dir, "geth.log")
	var err error
	// A free port can be taken between our check and geth's bind: try again.
	for try := 0; try < 5; try++ {
		if err = n.start(); err == nil {
			return n, nil
		}
		if opts.Port != 0 {
			break
		}
	}
	if n.ownDir {
		os.RemoveAll(n.Dir)
	}
	return nil, err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (n *Node) start() error {
	port := n.opts.Port
	if port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		port = p
	}
	authPort, err := freePort()
	if err != nil {
		return err
	}
	args := append([]string{
		"--dev", "--dev.period", strconv.FormatUint(n.opts.Period, 10),
		"--datadir", n.Dir,
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port),
		"--nodiscover", "--maxpeers", "0", "--ipcdisable",
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(authPort),
		"--metrics=false", "--verbosity", "3",
	}, n.opts.Args...)
	logf, err := os.OpenFile(n.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(n.bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
	// Its own process group: a Ctrl-C to the test stops it too, but a
	// test's signal to it does not reach the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("testgeth: start %s: %w", n.bin, err)
	}
	logf.Close()
	n.cmd, n.exited = cmd, make(chan struct{})
	go func() {
		n.waitErr = cmd.Wait()
		close(n.exited)
	}()
	n.URL = "http://127.0.0.1:" + strconv.Itoa(port)
	if err := n.waitReady(60 * time.Second); err != nil {
		n.kill()
		return err
	}
	if n.Key == nil {
		if n.Key, err = devKey(n.Dir); err != nil {
			n.kill()
			return err
		}
	}
	return nil
}

// waitReady polls eth_chainId until geth answers, it exits, or the time
// is up.
func (n *Node) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		c, err := ethclient.DialContext(ctx, n.URL)
		if err == nil {
			var id *big.Int
			id, err = c.ChainID(ctx)
			c.Close()
			if err == nil && id.Uint64() == ChainID {
				// The developer account is funded once the first block is in.
				cancel()
				return nil
			}
		}
		cancel()
		select {
		case <-n.exited:
			return fmt.Errorf("testgeth: geth exited (%v) before answering; its log:\n%s", n.waitErr, tail(n.Log))
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("testgeth: geth did not answer on %s within %s; its log:\n%s", n.URL, limit, tail(n.Log))
		}
	}
}

// tail returns the end of a log file.
func tail(p string) string {
	b, _ := os.ReadFile(p)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// devKey decrypts the developer account's key from the keystore (geth
// --dev imports it with an empty password and light scrypt).
func devKey(dir string) (*ecdsa.PrivateKey, error) {
	files, err := filepath.Glob(filepath.Join(dir, "keystore", "UTC--*"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("testgeth: no key in %s/keystore", dir)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		return nil, err
	}
	k, err := keystore.DecryptKey(b, "")
	if err != nil {
		return nil, fmt.Errorf("testgeth: the developer key: %w", err)
	}
	return k.PrivateKey, nil
}

// Address is the developer account.
func (n *Node) Address() common.Address { return crypto.PubkeyToAddress(n.Key.PublicKey) }

// Stop ends geth (SIGINT, then SIGKILL after 20 s) and removes a data dir
// Run made.
func (n *Node) Stop() error {
	err := n.stop(syscall.SIGINT)
	if n.ownDir {
		os.RemoveAll(n.Dir)
	}
	return err
}

func (n *Node) stop(sig syscall.Signal) error {
	if n.cmd == nil {
		return nil
	}
	select {
	case <-n.exited:
		return nil
	default:
	}
	n.cmd.Process.Signal(sig)
	select {
	case <-n.exited:
	case <-time.After(20 * time.Second):
		n.kill()
	}
	return nil
}

func (n *Node) kill() {
	n.cmd.Process.Kill()
	<-n.exited
}

// Kill stops geth at once (SIGKILL), as a crash would.
func (n *Node) Kill() { n.kill() }

// Down stops geth cleanly and keeps its data dir, for Up to restart it.
func (n *Node) Down() error { return n.stop(syscall.SIGINT) }

// Up starts geth again on the same data dir and port after Down or Kill.
func (n *Node) Up() error {
	port, err := strconv.Atoi(n.URL[len("http://127.0.0.1:"):])
	if err != nil {
		return err
	}
	n.opts.Port = port
	var lastErr error
	// The port may linger a moment after the old process is gone.
	for try := 0; try < 20; try++ {
		if lastErr = n.start(); lastErr == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return lastErr
}

// Fund sends amount wei from the developer account to each address and
// waits until all are mined. The transactions go out together, so the
// whole takes about one block.
func (n *Node) Fund(ctx context.Context, amount *big.Int, to ...common.Address) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	c, err := ethclient.DialContext(ctx, n.URL)
	if err != nil {
		return err
	}
	defer c.Close()
	nonce, err := c.PendingNonceAt(ctx, n.Address())
	if err != nil {
		return fmt.Errorf("testgeth: fund: %w", err)
	}
	tip, feeCap, err := ethtx.Fees(ctx, c)
	if err != nil {
		return fmt.Errorf("testgeth: fund: %w", err)
	}
	signer := types.LatestSignerForChainID(big.NewInt(ChainID))
	var hashes []common.Hash
	for i, a := range to {
		tx, err := types.SignNewTx(n.Key, signer, &types.DynamicFeeTx{
			ChainID: big.NewInt(ChainID), Nonce: nonce + uint64(i), GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &a, Value: amount,
		})
		if err != nil {
			return err
		}
		if err := c.SendTransaction(ctx, tx); err != nil {
			return fmt.Errorf("testgeth: fund %s: %w", a.Hex(), err)
		}
		hashes = append(hashes, tx.Hash())
	}
	for _, h := range hashes {
		r, err := ethtx.WaitMined(ctx, c, h)
		if err != nil {
			return fmt.Errorf("testgeth: fund: %w", err)
		}
		if r.Status != types.ReceiptStatusSuccessful {
			return fmt.Errorf("testgeth: fund: transaction %s failed", h.Hex())
		}
	}
	return nil
}

// LogContains reports whether geth's log has s (for tests of what it did).
func (n *Node) LogContains(s string) bool {
	b, _ := os.ReadFile(n.Log)
	return bytes.Contains(b, []byte(s))
}

var shared struct {
	sync.Mutex
	n   *Node
	err error
}

// Shared returns one node for the whole test binary, started on first
// use: tests that deploy their own contracts and use their own accounts
// share it and so wait on the same blocks (and can run in parallel). The
// package's TestMain must call StopShared after m.Run.
func Shared(t testing.TB) *Node {
	t.Helper()
	bin := Need(t)
	shared.Lock()
	defer shared.Unlock()
	if shared.n == nil && shared.err == nil {
		shared.n, shared.err = Run(bin, Options{})
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.n
}

// StopShared stops the node Shared started, if any.
func StopShared() {
	shared.Lock()
	defer shared.Unlock()
	if shared.n != nil {
		shared.n.Stop()
		shared.n = nil
	}
}
