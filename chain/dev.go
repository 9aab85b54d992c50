package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/desci-platform/desci/internal/ethtx"
)

// ErrInUse means another process has the chain open.
var ErrInUse = errors.New("chain: the embedded chain is in use by another desci process (run commands against it with --rpc, or stop it)")

// DevAccountCount is how many funded development accounts the genesis has.
const DevAccountCount = 10

// devBalance is what each development account starts with: 10,000 ether.
var devBalance = new(big.Int).Mul(big.NewInt(10_000), big.NewInt(params.Ether))

// DevAccounts returns the development accounts' keys. They are derived
// from public strings, like Hardhat's and Anvil's: anyone can spend them,
// so they belong on development chains only.
func DevAccounts() []*ecdsa.PrivateKey {
	keys := make([]*ecdsa.PrivateKey, DevAccountCount)
	for i := range keys {
		k, err := crypto.ToECDSA(crypto.Keccak256([]byte("desci development account " + strconv.Itoa(i))))
		if err != nil {
			panic(err)
		}
		keys[i] = k
	}
	return keys
}

// DevOptions configure the embedded chain.
type DevOptions struct {
	// Dir holds the chain database. Required.
	Dir string
	// HTTP, if set ("127.0.0.1:8545"), serves JSON-RPC (eth, net, web3)
	// over HTTP there; port 0 picks a free port. Empty: in process only.
	HTTP string
	// Period is the block interval in seconds; 0 (the default) mines a block
	// as soon as a transaction arrives, like geth --dev.
	Period uint64
	// MaxLead is how far the chain's time may run ahead of its clock when
	// transactions come faster than one block a second (each block is a
	// second after its parent at least); past it a block waits for the
	// clock and carries every transaction that arrived meanwhile. The
	// default, 0, means 30 seconds; a negative value lets the chain run
	// ahead without bound, as geth --dev, Hardhat and Anvil do.
	MaxLead time.Duration
}

// defaultMaxLead is MaxLead's default: bursts of transactions (a command's
// few, a script's few dozen) are mined at once, while sustained load cannot
// carry the chain's time more than half a minute ahead of the wall clock.
const defaultMaxLead = 30 * time.Second

// Dev is an open embedded chain.
type Dev struct {
	stack  *node.Node
	eth    *eth.Ethereum
	beacon *catalyst.SimulatedBeacon
	client *ethclient.Client
	clock  *clock

	stopSync, syncDone chan struct{}
	stopMine, mineDone chan struct{} // nil when blocks come on a period
	sealing            sync.Mutex    // one block at a time
}

func genesis() *core.Genesis {
	alloc := core.SystemContractAllocs()
	for _, k := range DevAccounts() {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: devBalance}
	}
	g := core.DeveloperGenesisBlock(60_000_000, nil)
	// Mainnet's rules (Osaka), not the unreleased forks go-ethereum's dev
	// config also turns on: gas measured here is then what users pay.
	cfg := *g.Config
	cfg.BogotaTime = nil
	g.Config = &cfg
	for a, acc := range alloc {
		g.Alloc[a] = acc
	}
	return g
}

// ChainID is the embedded chain's id (go-ethereum's developer chain, 1337).
func ChainID() *big.Int { return new(big.Int).Set(params.AllDevChainProtocolChanges.ChainID) }

// OpenDev opens (creating on first use) the embedded chain under opts.Dir.
func OpenDev(opts DevOptions) (*Dev, error) {
	if opts.Dir == "" {
		return nil, errors.New("chain: no directory for the embedded chain")
	}
	log.SetDefault(log.NewLogger(log.DiscardHandler()))
	cfg := node.Config{
		Name:    "desci",
		DataDir: opts.Dir,
		P2P:     p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""},
	}
	if opts.HTTP != "" {
		host, port, err := net.SplitHostPort(opts.HTTP)
		if err != nil {
			return nil, fmt.Errorf("chain: --http %q: %w", opts.HTTP, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("chain: --http %q: bad port", opts.HTTP)
		}
		cfg.HTTPHost, cfg.HTTPPort = host, p
		cfg.HTTPModules = []string{"eth", "net", "web3", "evm"}
		cfg.HTTPVirtualHosts = []string{"*"}
	}
	clk, err := openClock(opts.Dir)
	if err != nil {
		return nil, err
	}
	stack, err := node.New(&cfg)
	if err != nil {
		if strings.Contains(err.Error(), "already used by another process") {
			return nil, ErrInUse
		}
		return nil, fmt.Errorf("chain: %w", err)
	}
	ecfg := ethconfig.Defaults
	ecfg.Genesis = genesis()
	ecfg.NetworkId = ChainID().Uint64()
	ecfg.SyncMode = ethconfig.FullSync
	ecfg.StateScheme = rawdb.HashScheme
	ecfg.NoPruning = true
	ecfg.TxPool.NoLocals = true
	ecfg.Miner.GasPrice = big.NewInt(1)
	// A dev chain's caches, not a mainnet node's: go-ethereum's defaults
	// (2 GiB for the database) size pebble's memtables, and pebble
	// preallocates each write-ahead log file to a memtable's size, so every
	// data dir held hundreds of MB of log before its first block.
	ecfg.DatabaseCache = 32
	ecfg.TrieCleanCache = 32
	ecfg.TrieDirtyCache = 32
	ecfg.SnapshotCache = 16
	backend, err := eth.New(stack, &ecfg)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("chain: %w", err)
	}
	fs := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(fs)}})
	beacon, err := catalyst.NewSimulatedBeacon(opts.Period, common.Address{}, backend)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("chain: %w", err)
	}
	stack.RegisterLifecycle(beacon)
	d := &Dev{eth: backend, beacon: beacon, clock: clk}
	stack.RegisterAPIs([]rpc.API{{Namespace: "evm", Service: devAPI{d}}})
	if err := stack.Start(); err != nil {
		stack.Close()
		return nil, fmt.Errorf("chain: start: %w", err)
	}
	d.stack, d.client = stack, ethclient.NewClient(stack.Attach())
	d.syncHeads()
	if opts.Period == 0 {
		maxLead := opts.MaxLead
		if maxLead == 0 {
			maxLead = defaultMaxLead
		}
		// A head left behind the clock (the chain was closed for a while,
		// or its clock was moved) gets a block at the clock's time first:
		// calls and gas estimates run against the latest block, and must
		// see the deadlines that have passed.
		if d.headBehindClock(time.Second) {
			if _, err := d.mineAtClock(); err != nil {
				d.Close()
				return nil, err
			}
		}
		d.mineOnDemand(maxLead)
	}
	return d, nil
}

// idleBlock is how long an idle chain goes without a block: one Ethereum
// slot. Calls and gas estimates run against the latest block, so the
// chain's time they see is at most this old.
const idleBlock = 12 * time.Second

// headBehindClock says whether the head's time is at least by behind the
// chain's clock.
func (d *Dev) headBehindClock(by time.Duration) bool {
	return d.clock.now().Sub(d.HeadTime()) >= by
}

// mineOnDemand seals a block whenever transactions wait in the pool, as
// geth --dev does. go-ethereum's own loop subscribes to the pool in a
// goroutine of its own, so a transaction sent right after start could be
// missed and wait forever; this one subscribes before OpenDev returns, and
// also looks at the pool every half second.
func (d *Dev) mineOnDemand(maxLead time.Duration) {
	txs := make(chan core.NewTxsEvent, 64)
	sub := d.eth.TxPool().SubscribeTransactions(txs, true)
	d.stopMine = make(chan struct{})
	d.mineDone = make(chan struct{})
	go func() {
		defer close(d.mineDone)
		defer sub.Unsubscribe()
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-txs:
			case <-tick.C:
				if pending, _ := d.eth.TxPool().Stats(); pending == 0 && d.headBehindClock(idleBlock) {
					d.mineAtClock()
				}
			case <-sub.Err():
				return
			case <-d.stopMine:
				return
			}
			for range 100 { // a bounded burst: the pool drains in a few blocks
				if pending, _ := d.eth.TxPool().Stats(); pending == 0 {
					break
				}
				if maxLead > 0 {
					d.waitForClock(maxLead, d.stopMine)
				}
				d.Commit()
				d.eth.TxPool().Sync()
			}
		}
	}()
}

// syncHeads flushes the database's write-ahead log to disk after every new
// block. go-ethereum writes without fsync and its WAL buffers in process,
// so a kill -9 lost the last blocks, anchors included; a block every few
// seconds at most makes an fsync each affordable.
func (d *Dev) syncHeads() {
	heads := make(chan core.ChainHeadEvent, 64)
	sub := d.eth.BlockChain().SubscribeChainHeadEvent(heads)
	d.stopSync = make(chan struct{})
	d.syncDone = make(chan struct{})
	go func() {
		defer close(d.syncDone)
		defer sub.Unsubscribe()
		for {
			select {
			case <-heads:
				d.eth.ChainDb().SyncKeyValue()
			case <-sub.Err():
				return
			case <-d.stopSync:
				return
			}
		}
	}()
}

// Client returns an in-process client of the chain.
func (d *Dev) Client() *ethclient.Client { return d.client }

// HTTPEndpoint returns the JSON-RPC URL, or "" when not serving HTTP.
func (d *Dev) HTTPEndpoint() string { return d.stack.HTTPEndpoint() }

// Commit mines a block now, with whatever the pool holds.
func (d *Dev) Commit() common.Hash {
	d.sealing.Lock()
	defer d.sealing.Unlock()
	return d.beacon.Commit()
}

// Fork rewinds the head to parent, so the next blocks replace what was
// after it: a reorg, for tests.
func (d *Dev) Fork(parent common.Hash) error {
	d.sealing.Lock()
	defer d.sealing.Unlock()
	return d.beacon.Fork(parent)
}

// Close stops the chain, flushing it to disk.
func (d *Dev) Close() error {
	if d.stopMine != nil {
		close(d.stopMine)
		<-d.mineDone
	}
	close(d.stopSync)
	<-d.syncDone
	d.client.Close()
	return d.stack.Close()
}

// Fund sends amount wei from the first development account to addr and
// waits for it to be mined.
func (d *Dev) Fund(ctx context.Context, addr common.Address, amount *big.Int) error {
	return Fund(ctx, d.client, DevAccounts()[0], addr, amount)
}

// Fund sends amount wei from the key's account to addr and waits for the
// transaction to be mined.
func Fund(ctx context.Context, c *ethclient.Client, from *ecdsa.PrivateKey, to common.Address, amount *big.Int) error {
	fromAddr := crypto.PubkeyToAddress(from.PublicKey)
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return err
	}
	nonce, err := c.PendingNonceAt(ctx, fromAddr)
	if err != nil {
		return err
	}
	tip, feeCap, err := ethtx.Fees(ctx, c)
	if err != nil {
		return err
	}
	tx, err := types.SignNewTx(from, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &to, Value: amount,
	})
	if err != nil {
		return err
	}
	if err := c.SendTransaction(ctx, tx); err != nil {
		return fmt.Errorf("chain: fund %s: %w", to, err)
	}
	_, err = ethtx.WaitMined(ctx, c, tx.Hash())
	return err
}
