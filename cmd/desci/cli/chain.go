package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// chainFlags say which chain a command talks to. With none, it is the
// data dir's embedded chain; DATA_DIR/config.json may set defaults.
type chainFlags struct {
	RPC           string `json:"rpc"`
	Contract      string `json:"notary_contract"`
	ChainID       uint64 `json:"chain_id"`
	Confirmations uint64 `json:"confirmations"`
}

func (f *chainFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.RPC, "rpc", "", "JSON-RPC endpoint of an Ethereum chain (default: the data dir's embedded chain)")
	fl.StringVar(&f.Contract, "notary-contract", "", "address of the Notary contract on that chain")
	fl.Uint64Var(&f.ChainID, "chain-id", 0, "refuse to work unless the endpoint is this chain")
}

// conn is an open chain.
type conn struct {
	client   *ethclient.Client
	contract common.Address
	dev      *chain.Dev // nil for an external chain
}

func (c *conn) close() {
	if c.dev != nil {
		c.dev.Close()
	} else {
		c.client.Close()
	}
}

// readConfig decodes DATA_DIR/config.json into v (each caller reads the
// keys it knows); a missing file leaves v as it is.
func (e *env) readConfig(v any) error {
	dir, err := e.dir()
	if err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("config.json: %w", err)
	}
	return nil
}

// loadConfig fills unset flags from DATA_DIR/config.json.
func (e *env) loadConfig(f *chainFlags) error {
	var cfg chainFlags
	if err := e.readConfig(&cfg); err != nil {
		return err
	}
	if f.RPC == "" {
		f.RPC = cfg.RPC
	}
	if f.Contract == "" && f.RPC == cfg.RPC {
		f.Contract = cfg.Contract
	}
	if f.ChainID == 0 {
		f.ChainID = cfg.ChainID
	}
	if f.Confirmations == 0 {
		f.Confirmations = cfg.Confirmations
	}
	return nil
}

// devContractFile records where the embedded chain's Notary is.
func devContractFile(chainDir string) string { return filepath.Join(chainDir, "notary-contract") }

// connect opens the chain the flags name.
func (e *env) connect(ctx context.Context, f *chainFlags) (*conn, error) {
	if err := e.loadConfig(f); err != nil {
		return nil, err
	}
	if f.RPC == "" {
		dir, err := e.dir()
		if err != nil {
			return nil, err
		}
		dev, err := chain.OpenDev(chain.DevOptions{Dir: filepath.Join(dir, "chain")})
		if err != nil {
			return nil, err
		}
		c := &conn{client: dev.Client(), dev: dev}
		if c.contract, err = ensureDevNotary(ctx, dev, filepath.Join(dir, "chain")); err != nil {
			dev.Close()
			return nil, err
		}
		return c, nil
	}
	client, err := ethclient.DialContext(ctx, f.RPC)
	if err != nil {
		return nil, fmt.Errorf("chain %s unreachable: %w", f.RPC, err)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("chain %s unreachable: %w", f.RPC, err)
	}
	if f.ChainID != 0 && id.Uint64() != f.ChainID {
		client.Close()
		return nil, fmt.Errorf("%w: %s is chain %d, not %d", notary.ErrWrongChain, f.RPC, id, f.ChainID)
	}
	if f.Contract == "" {
		client.Close()
		return nil, usageError{errors.New("no Notary contract for this chain: pass --notary-contract (desci chain serve prints it; desci chain deploy makes one)")}
	}
	if !common.IsHexAddress(f.Contract) {
		client.Close()
		return nil, usageError{fmt.Errorf("--notary-contract %q is not an address", f.Contract)}
	}
	addr := common.HexToAddress(f.Contract)
	if code, err := client.CodeAt(ctx, addr, nil); err != nil {
		client.Close()
		return nil, fmt.Errorf("chain %s unreachable: %w", f.RPC, err)
	} else if len(code) == 0 {
		client.Close()
		return nil, fmt.Errorf("%w %s on chain %d", notary.ErrNoContract, addr.Hex(), id)
	}
	return &conn{client: client, contract: addr}, nil
}

// ensureDevNotary deploys the Notary on the embedded chain on first use.
func ensureDevNotary(ctx context.Context, dev *chain.Dev, chainDir string) (common.Address, error) {
	p := devContractFile(chainDir)
	if b, err := os.ReadFile(p); err == nil {
		addr := common.HexToAddress(strings.TrimSpace(string(b)))
		if code, err := dev.Client().CodeAt(ctx, addr, nil); err == nil && len(code) > 0 {
			return addr, nil
		}
	}
	addr, err := notary.DeployNotary(ctx, dev.Client(), keys.NewKey(chain.DevAccounts()[0]))
	if err != nil {
		return common.Address{}, err
	}
	return addr, writeFileAtomic(p, strings.NewReader(addr.Hex()+"\n"), 0o644)
}

// fundOnDev tops up a key on the embedded chain, so keys made with
// desci keys new can pay for their transactions there.
func fundOnDev(ctx context.Context, c *conn, addr common.Address) error {
	if c.dev == nil {
		return nil
	}
	bal, err := c.client.BalanceAt(ctx, addr, nil)
	if err != nil {
		return err
	}
	if bal.Cmp(big.NewInt(params.Ether/10)) >= 0 {
		return nil
	}
	return c.dev.Fund(ctx, addr, new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether)))
}

func (e *env) chainCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "chain", Short: "Run or set up the Ethereum chain the notary anchors on"}
	var httpAddr string
	serve := &cobra.Command{
		Use:   "serve --http 127.0.0.1:PORT",
		Short: "Run the embedded dev chain as a JSON-RPC node (what geth --dev is)",
		Long: `Run the data dir's embedded chain as a standalone JSON-RPC node over HTTP, so
other processes and data dirs can use it with --rpc. It prints the endpoint,
the Notary contract address and funded development accounts with their private
keys (import one elsewhere with: desci keys import --private-key). Blocks are
mined as transactions arrive. Stop it with Ctrl-C.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := e.dir()
			if err != nil {
				return err
			}
			chainDir := filepath.Join(dir, "chain")
			dev, err := chain.OpenDev(chain.DevOptions{Dir: chainDir, HTTP: httpAddr})
			if err != nil {
				return err
			}
			defer dev.Close()
			addr, err := ensureDevNotary(cmd.Context(), dev, chainDir)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "JSON-RPC         %s\n", dev.HTTPEndpoint())
			fmt.Fprintf(e.stdout, "chain id         %s\n", chain.ChainID())
			fmt.Fprintf(e.stdout, "Notary contract  %s\n\n", addr.Hex())
			fmt.Fprintln(e.stdout, "Development accounts (10,000 ETH each; the keys are public, use them on this chain only):")
			for i, k := range chain.DevAccounts() {
				fmt.Fprintf(e.stdout, "(%d) %s  0x%x\n", i, crypto.PubkeyToAddress(k.PublicKey).Hex(), crypto.FromECDSA(k))
			}
			if f, ok := e.stdout.(interface{ Sync() error }); ok {
				f.Sync()
			}
			<-cmd.Context().Done()
			fmt.Fprintln(e.stderr, "stopping the chain")
			return nil
		},
	}
	serve.Flags().StringVar(&httpAddr, "http", "127.0.0.1:8545", "address to serve JSON-RPC on (port 0 picks one)")

	var f chainFlags
	var key string
	deploy := &cobra.Command{
		Use:   "deploy --rpc URL [--key ADDR]",
		Short: "Deploy a Notary contract and print its address",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.RPC == "" {
				return usageError{errors.New("deploy needs --rpc (the embedded chain deploys its own)")}
			}
			client, err := ethclient.DialContext(cmd.Context(), f.RPC)
			if err != nil {
				return err
			}
			defer client.Close()
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			addr, err := notary.DeployNotary(cmd.Context(), client, signer)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, addr.Hex())
			return nil
		},
	}
	deploy.Flags().StringVar(&f.RPC, "rpc", "", "JSON-RPC endpoint")
	deploy.Flags().StringVar(&key, "key", "", "key paying for the deployment (default: the only key)")
	cmd.AddCommand(serve, deploy)
	cmd.AddCommand(e.chainClockCommands()...)
	return cmd
}

// devClock is a development chain's time controls: the data dir's
// embedded chain opened here, or a node at --rpc that answers Hardhat's
// and Anvil's evm_ methods (desci chain serve, Hardhat, Anvil).
type devClock struct {
	dev *chain.Dev
	rpc *rpc.Client
	url string
}

func (e *env) openDevClock(ctx context.Context, url string) (*devClock, error) {
	if url == "" {
		dir, err := e.dir()
		if err != nil {
			return nil, err
		}
		dev, err := chain.OpenDev(chain.DevOptions{Dir: filepath.Join(dir, "chain")})
		if errors.Is(err, chain.ErrInUse) {
			return nil, fmt.Errorf("%w; move its clock through its endpoint: --rpc URL", err)
		}
		if err != nil {
			return nil, err
		}
		return &devClock{dev: dev}, nil
	}
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("chain %s unreachable: %w", url, err)
	}
	return &devClock{rpc: c, url: url}, nil
}

func (c *devClock) close() {
	if c.dev != nil {
		c.dev.Close()
	} else {
		c.rpc.Close()
	}
}

// call runs an evm_ method, naming a chain that has none for what it is.
func (c *devClock) call(ctx context.Context, method string, args ...any) error {
	var out json.RawMessage
	err := c.rpc.CallContext(ctx, &out, method, args...)
	var re rpc.Error
	if errors.As(err, &re) && re.ErrorCode() == -32601 {
		return fmt.Errorf("%s is not a development chain (it has no %s): time moves only on dev chains", c.url, method)
	}
	return err
}

// head returns the latest block's number and time.
func (c *devClock) head(ctx context.Context) (uint64, time.Time, error) {
	var client *ethclient.Client
	if c.dev != nil {
		client = c.dev.Client()
	} else {
		client = ethclient.NewClient(c.rpc)
	}
	h, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, time.Time{}, err
	}
	return h.Number.Uint64(), time.Unix(int64(h.Time), 0), nil
}

func (e *env) printChainTime(ctx context.Context, c *devClock, asJSON bool) error {
	n, t, err := c.head(ctx)
	if err != nil {
		return err
	}
	lead := t.Sub(time.Now()).Truncate(time.Second)
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]any{
			"block": n, "time": t.UTC().Format(time.RFC3339), "unix": t.Unix(), "ahead_of_wall_clock_seconds": int64(lead / time.Second),
		})
	}
	fmt.Fprintf(e.stdout, "block %d at %s", n, t.UTC().Format(time.RFC3339))
	switch {
	case lead > 0:
		fmt.Fprintf(e.stdout, " (%s ahead of this machine's clock)", lead)
	case lead < -time.Second:
		fmt.Fprintf(e.stdout, " (%s ago)", -lead)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// chainClockCommands are desci chain time (with increase and set) and
// desci chain mine, which share their flags.
func (e *env) chainClockCommands() []*cobra.Command {
	var url string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "time [increase DURATION | set TIME]",
		Short: "Show or move a development chain's time (for testing deadlines)",
		Long: `Show the time of the chain's latest block. On a development chain (the data
dir's embedded chain, or desci chain serve, Hardhat or Anvil at --rpc) move it
forward to test deadlines without waiting:

  desci chain time increase 1h          the next block an hour later, mined now
  desci chain time set 2027-01-01T00:00:00Z

Blocks follow the moved clock from then on; time never moves back. Any other
chain (geth, a testnet, mainnet) refuses.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := e.openDevClock(cmd.Context(), url)
			if err != nil {
				return err
			}
			defer c.close()
			return e.printChainTime(cmd.Context(), c, asJSON)
		},
	}
	flags := func(c *cobra.Command) {
		c.Flags().StringVar(&url, "rpc", "", "JSON-RPC endpoint of a development chain (default: the data dir's embedded chain)")
		c.Flags().BoolVar(&asJSON, "json", false, "print the new head as JSON")
	}
	flags(cmd)
	increase := &cobra.Command{
		Use:   "increase DURATION",
		Short: "Move the chain's clock forward (evm_increaseTime) and mine a block",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			by, err := time.ParseDuration(args[0])
			if err != nil || by <= 0 {
				return usageError{fmt.Errorf("%q is not a positive duration (90s, 1h, 720h)", args[0])}
			}
			c, err := e.openDevClock(cmd.Context(), url)
			if err != nil {
				return err
			}
			defer c.close()
			if c.dev != nil {
				_, err = c.dev.IncreaseTime(by)
			} else {
				err = c.call(cmd.Context(), "evm_increaseTime", int64(by/time.Second))
				if err == nil {
					err = c.call(cmd.Context(), "evm_mine")
				}
			}
			if err != nil {
				return err
			}
			return e.printChainTime(cmd.Context(), c, asJSON)
		},
	}
	set := &cobra.Command{
		Use:   "set TIME",
		Short: "Mine the next block at TIME (RFC 3339), after the head's (evm_setNextBlockTimestamp)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := time.Parse(time.RFC3339, args[0])
			if err != nil {
				return usageError{fmt.Errorf("%q is not an RFC 3339 time (2027-01-01T00:00:00Z)", args[0])}
			}
			c, err := e.openDevClock(cmd.Context(), url)
			if err != nil {
				return err
			}
			defer c.close()
			if c.dev != nil {
				_, err = c.dev.SetNextBlockTime(t)
			} else {
				err = c.call(cmd.Context(), "evm_mine", t.Unix())
			}
			if err != nil {
				return err
			}
			return e.printChainTime(cmd.Context(), c, asJSON)
		},
	}
	flags(increase)
	flags(set)
	cmd.AddCommand(increase, set)
	mine := &cobra.Command{
		Use:   "mine [N]",
		Short: "Mine N blocks now on a development chain (evm_mine; default 1)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n := 1
			if len(args) == 1 {
				v, err := strconv.Atoi(args[0])
				if err != nil || v < 1 || v > 10_000 {
					return usageError{fmt.Errorf("%q is not a number of blocks from 1 to 10000", args[0])}
				}
				n = v
			}
			c, err := e.openDevClock(cmd.Context(), url)
			if err != nil {
				return err
			}
			defer c.close()
			for range n {
				if c.dev != nil {
					_, err = c.dev.Mine(1)
				} else {
					err = c.call(cmd.Context(), "evm_mine")
				}
				if err != nil {
					return err
				}
			}
			return e.printChainTime(cmd.Context(), c, asJSON)
		},
	}
	flags(mine)
	return []*cobra.Command{cmd, mine}
}
