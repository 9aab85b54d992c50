package cli

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/merkle"
)

// grantsFlags say which chain and Grants contract a grants command uses.
// On the embedded chain the Grants contract and a TestUSD are deployed on
// first use; elsewhere --grants-contract (or grants_contract in
// config.json) names it.
type grantsFlags struct {
	chain     chainFlags
	contract  string
	key       string
	asJSON    bool
	fromBlock uint64
}

func (f *grantsFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.chain.RPC, "rpc", "", "JSON-RPC endpoint of an Ethereum chain (default: the data dir's embedded chain)")
	fl.Uint64Var(&f.chain.ChainID, "chain-id", 0, "refuse to work unless the endpoint is this chain")
	fl.StringVar(&f.contract, "grants-contract", "", "address of the Grants contract on that chain")
	fl.StringVar(&f.key, "key", "", "key that signs (default: the only key)")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	fl.Uint64Var(&f.fromBlock, "from-block", 0, "first block to read events from (default: genesis; set it to the Grants deployment's block on long chains)")
}

// grantsConn is an open chain with a Grants client.
type grantsConn struct {
	*conn
	client *grants.Client
	token  common.Address // the embedded chain's TestUSD; zero elsewhere
	signer *keys.Key
}

// grantsConfig is what config.json may say about grants.
type grantsConfig struct {
	RPC      string `json:"rpc"`
	Contract string `json:"grants_contract"`
}

// openGrants opens the chain and the Grants contract, unlocking the
// signing key unless readOnly.
func (e *env) openGrants(ctx context.Context, f *grantsFlags, readOnly bool) (*grantsConn, error) {
	if err := e.loadConfig(&f.chain); err != nil {
		return nil, err
	}
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	if f.contract == "" {
		var cfg grantsConfig
		if err := e.readConfig(&cfg); err != nil {
			return nil, err
		}
		if cfg.RPC == f.chain.RPC {
			f.contract = cfg.Contract
		}
	}
	gc := &grantsConn{}
	if f.chain.RPC == "" {
		if gc.conn, err = e.connect(ctx, &f.chain); err != nil {
			return nil, err
		}
		addr, token, err := ensureDevGrants(ctx, gc.conn.dev, filepath.Join(dir, "chain"), gc.conn.contract)
		if err != nil {
			gc.close()
			return nil, err
		}
		if f.contract == "" {
			f.contract = addr.Hex()
		}
		gc.token = token
	} else {
		client, err := ethclient.DialContext(ctx, f.chain.RPC)
		if err != nil {
			return nil, fmt.Errorf("chain %s unreachable: %w", f.chain.RPC, err)
		}
		gc.conn = &conn{client: client}
		id, err := client.ChainID(ctx)
		if err != nil {
			gc.close()
			return nil, fmt.Errorf("chain %s unreachable: %w", f.chain.RPC, err)
		}
		if f.chain.ChainID != 0 && id.Uint64() != f.chain.ChainID {
			gc.close()
			return nil, fmt.Errorf("%w: %s is chain %d, not %d", notary.ErrWrongChain, f.chain.RPC, id, f.chain.ChainID)
		}
		if f.contract == "" {
			gc.close()
			return nil, usageError{errors.New("no Grants contract for this chain: pass --grants-contract (desci grants deploy makes one)")}
		}
	}
	if !common.IsHexAddress(f.contract) {
		gc.close()
		return nil, usageError{fmt.Errorf("--grants-contract %q is not an address", f.contract)}
	}
	var signer grants.Signer
	if !readOnly {
		if gc.signer, err = e.signer(f.key); err != nil {
			gc.close()
			return nil, err
		}
		if err := fundOnDev(ctx, gc.conn, gc.signer.Address()); err != nil {
			gc.close()
			return nil, err
		}
		signer = gc.signer
	}
	if gc.client, err = grants.New(ctx, gc.conn.client, signer, grants.Options{Contract: common.HexToAddress(f.contract), FromBlock: f.fromBlock}); err != nil {
		gc.close()
		return nil, err
	}
	if code, err := gc.conn.client.CodeAt(ctx, gc.client.Contract(), nil); err != nil || len(code) == 0 {
		gc.close()
		return nil, fmt.Errorf("%w %s", grants.ErrNoContract, f.contract)
	}
	return gc, nil
}

// ensureDevGrants deploys the Grants contract (over the embedded chain's
// Notary) and a TestUSD, both from development account 0, on first use.
func ensureDevGrants(ctx context.Context, dev *chain.Dev, chainDir string, notaryAddr common.Address) (common.Address, common.Address, error) {
	deployer := keys.NewKey(chain.DevAccounts()[0])
	get := func(name string, deploy func() (common.Address, *types.Receipt, error)) (common.Address, error) {
		p := filepath.Join(chainDir, name)
		if b, err := os.ReadFile(p); err == nil {
			addr := common.HexToAddress(strings.TrimSpace(string(b)))
			if code, err := dev.Client().CodeAt(ctx, addr, nil); err == nil && len(code) > 0 {
				return addr, nil
			}
		}
		addr, _, err := deploy()
		if err != nil {
			return common.Address{}, err
		}
		return addr, writeFileAtomic(p, strings.NewReader(addr.Hex()+"\n"), 0o644)
	}
	g, err := get("grants-contract", func() (common.Address, *types.Receipt, error) {
		return grants.Deploy(ctx, dev.Client(), deployer, notaryAddr)
	})
	if err != nil {
		return g, g, err
	}
	t, err := get("grants-token", func() (common.Address, *types.Receipt, error) {
		return grants.DeployTestUSD(ctx, dev.Client(), deployer)
	})
	return g, t, err
}

var tokenABI = gen.NewTestUSD()

// decimals asks a token for its decimals (18 if it does not say).
func decimals(ctx context.Context, c *ethclient.Client, token common.Address) int {
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &token, Data: tokenABI.PackDecimals()}, nil)
	if err != nil {
		return 18
	}
	d, err := tokenABI.UnpackDecimals(out)
	if err != nil {
		return 18
	}
	return int(d)
}

// parseAmount reads a decimal token amount ("12.5") into units.
func parseAmount(s string, dec int) (*big.Int, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > dec {
		return nil, usageError{fmt.Errorf("amount %q has more than %d decimals", s, dec)}
	}
	v, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", dec-len(frac)), 10)
	if !ok || v.Sign() < 0 {
		return nil, usageError{fmt.Errorf("amount %q is not a decimal number", s)}
	}
	return v, nil
}

// formatAmount writes units as a decimal token amount.
func formatAmount(v *big.Int, dec int) string { return grants.FormatAmount(v, dec) }

func parseID(s, what string) (uint64, error) {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v == 0 {
		return 0, usageError{fmt.Errorf("%s %q is not an id (1, 2, ...)", what, s)}
	}
	return v, nil
}

// parseTime reads an RFC 3339 time or a duration from now ("720h").
func parseTime(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(d), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usageError{fmt.Errorf("%q is neither a duration (720h) nor an RFC 3339 time", s)}
	}
	return t, nil
}

// now is the chain's time, the clock deadlines are read against: on the
// embedded chain it runs ahead of the wall clock when blocks come faster
// than one a second.
func (gc *grantsConn) now(ctx context.Context) time.Time {
	if h, err := gc.conn.client.HeaderByNumber(ctx, nil); err == nil && int64(h.Time) > time.Now().Unix() {
		return time.Unix(int64(h.Time), 0)
	}
	return time.Now()
}

// grantToken returns a grant's token and its decimals.
func (gc *grantsConn) grantToken(ctx context.Context, id uint64) (common.Address, int, error) {
	token, err := gc.client.Token(ctx, id)
	if err != nil {
		return common.Address{}, 0, err
	}
	return token, decimals(ctx, gc.conn.client, token), nil
}

// txResult prints what a transaction did.
func (e *env) txResult(asJSON bool, what string, rcpt *types.Receipt, extra map[string]any) error {
	if asJSON {
		out := map[string]any{"ok": true, "tx": rcpt.TxHash.Hex(), "block_number": rcpt.BlockNumber.Uint64(), "gas_used": rcpt.GasUsed}
		for k, v := range extra {
			out[k] = v
		}
		return e.printJSON(out)
	}
	fmt.Fprintf(e.stdout, "%s\tblock %d\ttx %s\tgas %d\n", what, rcpt.BlockNumber.Uint64(), rcpt.TxHash.Hex(), rcpt.GasUsed)
	return nil
}

func (e *env) grantsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "grants",
		Short: "Fund research: escrowed grants released on notarized evidence, refunds, quadratic-funding rounds",
		Long: `Grants are escrowed on chain in any ERC-20 and paid milestone by milestone:
the beneficiary names a notarized, anchored manifest as the deliverable and
reviewers approve it. If the goal is missed by the deadline every donor gets
their donation back; if the grant is cancelled, donors share what is left.
Rounds match donations quadratically from a sponsors' pool
(doc/quadratic-funding.md).

Amounts are in whole tokens ("12.5"). On the embedded chain the Grants
contract and a test stablecoin (tUSD) are deployed on first use; get tUSD with
desci grants faucet.`,
	}
	cmd.AddCommand(e.grantsCreateCommand(), e.grantsDonateCommand(), e.grantsStatusCommand(),
		e.grantsApproveCommand(), e.grantsReleaseCommand(), e.grantsCancelCommand(), e.grantsRefundCommand(),
		e.grantsFaucetCommand(), e.grantsDeployCommand(), e.grantsRoundCommand())
	e.explainGrantErrors(cmd)
	return cmd
}

func (e *env) grantsCreateCommand() *cobra.Command {
	var (
		f                            grantsFlags
		beneficiary, token, deadline string
		milestones, reviewers        []string
		threshold                    int
	)
	cmd := &cobra.Command{
		Use:   "create --milestone AMOUNT:DESCRIPTION... --reviewer ADDR... [--deadline 720h] [--threshold N]",
		Short: "Create a grant; its goal is the sum of its milestones",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			t := grants.Terms{Beneficiary: gc.signer.Address(), Token: gc.token, Threshold: threshold}
			if beneficiary != "" {
				if !common.IsHexAddress(beneficiary) {
					return usageError{fmt.Errorf("--beneficiary %q is not an address", beneficiary)}
				}
				t.Beneficiary = common.HexToAddress(beneficiary)
			}
			if token != "" {
				if !common.IsHexAddress(token) {
					return usageError{fmt.Errorf("--token %q is not an address", token)}
				}
				t.Token = common.HexToAddress(token)
			}
			if t.Token == (common.Address{}) {
				return usageError{errors.New("--token is needed on this chain")}
			}
			if t.Deadline, err = parseTime(deadline, gc.now(ctx)); err != nil {
				return err
			}
			dec := decimals(ctx, gc.conn.client, t.Token)
			for _, m := range milestones {
				amount, desc, ok := strings.Cut(m, ":")
				if !ok {
					return usageError{fmt.Errorf("--milestone %q: want AMOUNT:DESCRIPTION", m)}
				}
				v, err := parseAmount(amount, dec)
				if err != nil {
					return err
				}
				t.Milestones = append(t.Milestones, grants.Milestone{Amount: v, Description: desc})
			}
			for _, r := range reviewers {
				if !common.IsHexAddress(r) {
					return usageError{fmt.Errorf("--reviewer %q is not an address", r)}
				}
				t.Reviewers = append(t.Reviewers, common.HexToAddress(r))
			}
			if len(t.Milestones) == 0 || len(t.Reviewers) == 0 {
				return usageError{errors.New("a grant needs at least one --milestone and one --reviewer")}
			}
			id, rcpt, err := gc.client.CreateGrant(ctx, t)
			if err != nil {
				return err
			}
			if f.asJSON {
				return e.txResult(true, "", rcpt, map[string]any{"grant": id})
			}
			fmt.Fprintln(e.stdout, id)
			fmt.Fprintf(e.stderr, "grant %d created in block %d (gas %d)\n", id, rcpt.BlockNumber.Uint64(), rcpt.GasUsed)
			return nil
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&beneficiary, "beneficiary", "", "who is paid (default: the signing key)")
	fl.StringVar(&token, "token", "", "ERC-20 the grant is paid in (default on the embedded chain: its tUSD)")
	fl.StringVar(&deadline, "deadline", "720h", "donations until then: a duration from now or an RFC 3339 time")
	fl.StringArrayVar(&milestones, "milestone", nil, "AMOUNT:DESCRIPTION, in order (repeat)")
	fl.StringArrayVar(&reviewers, "reviewer", nil, "reviewer address (repeat)")
	fl.IntVar(&threshold, "threshold", 0, "approvals a milestone needs (default: a majority of reviewers)")
	return cmd
}

func (e *env) grantsDonateCommand() *cobra.Command {
	var (
		f      grantsFlags
		permit bool
	)
	cmd := &cobra.Command{
		Use:   "donate ID AMOUNT [--permit]",
		Short: "Donate to a grant (approve + donate, or one transaction with an EIP-2612 permit)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			token, err := gc.client.Token(ctx, id)
			if err != nil {
				return err
			}
			u := e.tokenUnitsOf(ctx, gc.conn.client, token)
			amount, err := parseAmount(args[1], u.dec)
			if err != nil {
				return err
			}
			donate := gc.client.Donate
			if permit {
				donate = gc.client.DonateWithPermit
			}
			rcpt, err := donate(ctx, id, amount)
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("donated %s to grant %d", u.amount(amount), id), rcpt, nil)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&permit, "permit", false, "sign an EIP-2612 permit instead of sending an approve")
	return cmd
}

func (e *env) grantsStatusCommand() *cobra.Command {
	var f grantsFlags
	cmd := &cobra.Command{
		Use:   "status ID",
		Short: "Show a grant: goal, raised, donors and what each could reclaim, milestones with evidence and approvals",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			gc, err := e.openGrants(ctx, &f, true)
			if err != nil {
				return err
			}
			defer gc.close()
			st, err := gc.client.Status(ctx, id)
			if err != nil {
				return err
			}
			u := e.tokenUnitsOf(ctx, gc.conn.client, st.Token)
			amt := func(v *big.Int) string { return formatAmount(v, u.dec) }
			cidString := func(b []byte) string {
				if c, err := cid.Cast(b); err == nil {
					return c.String()
				}
				return fmt.Sprintf("0x%x", b)
			}
			if f.asJSON {
				type approval struct {
					Reviewer string `json:"reviewer"`
					CID      string `json:"cid"`
				}
				type milestone struct {
					Index       int        `json:"index"`
					Amount      string     `json:"amount"`
					Description string     `json:"description"`
					Released    bool       `json:"released"`
					Evidence    string     `json:"evidence,omitempty"`
					Root        string     `json:"root,omitempty"`
					Approvals   []approval `json:"approvals"`
				}
				type donor struct {
					Donor       string `json:"donor"`
					Donated     string `json:"donated"`
					Outstanding string `json:"outstanding"`
					Reclaimable string `json:"reclaimable"`
					Refunded    string `json:"refunded"`
				}
				out := map[string]any{
					"id": st.ID, "state": st.State, "beneficiary": st.Beneficiary.Hex(), "token": st.Token.Hex(), "symbol": u.symbol,
					"goal": amt(st.Goal), "raised": amt(st.Raised), "released": amt(st.Released), "refunded": amt(st.Refunded),
					"escrow": amt(st.Escrow), "deadline": st.Deadline.Format(time.RFC3339), "threshold": st.Threshold,
					"cancel_votes": st.CancelVotes,
				}
				var rs []string
				for _, r := range st.Reviewers {
					rs = append(rs, r.Hex())
				}
				out["reviewers"] = rs
				ms := []milestone{}
				for _, m := range st.Milestones {
					j := milestone{Index: m.Index, Amount: amt(m.Amount), Description: m.Description, Released: m.Released, Approvals: []approval{}}
					if m.Evidence != nil {
						j.Evidence, j.Root = cidString(m.Evidence.CID), m.Evidence.Root.String()
					}
					for _, a := range m.Approvals {
						j.Approvals = append(j.Approvals, approval{a.Reviewer.Hex(), cidString(a.CID)})
					}
					ms = append(ms, j)
				}
				out["milestones"] = ms
				ds := []donor{}
				for _, d := range st.Donors {
					ds = append(ds, donor{d.Donor.Hex(), amt(d.Donated), amt(d.Outstanding), amt(d.Reclaimable), amt(d.Refunded)})
				}
				out["donors"] = ds
				return e.printJSON(out)
			}
			w := e.stdout
			fmt.Fprintf(w, "grant %d  %s\n", st.ID, st.State)
			amt = u.amount // a person reads the symbol with each amount
			fmt.Fprintf(w, "  beneficiary %s\n  token       %s (%s)\n", st.Beneficiary.Hex(), u.symbol, st.Token.Hex())
			fmt.Fprintf(w, "  goal %s  raised %s  released %s  refunded %s  in escrow %s\n", amt(st.Goal), amt(st.Raised), amt(st.Released), amt(st.Refunded), amt(st.Escrow))
			fmt.Fprintf(w, "  deadline %s\n", st.Deadline.Format(time.RFC3339))
			fmt.Fprintf(w, "  reviewers (%d of %d approve; cancel votes %d):\n", st.Threshold, len(st.Reviewers), st.CancelVotes)
			for _, r := range st.Reviewers {
				fmt.Fprintf(w, "    %s\n", r.Hex())
			}
			fmt.Fprintln(w, "  milestones:")
			for _, m := range st.Milestones {
				state := "pending"
				if m.Released {
					state = "released"
				}
				fmt.Fprintf(w, "    %d  %s  %s  %q\n", m.Index, amt(m.Amount), state, m.Description)
				if m.Evidence != nil {
					fmt.Fprintf(w, "       evidence %s under root %s\n", cidString(m.Evidence.CID), m.Evidence.Root)
				}
				for _, a := range m.Approvals {
					fmt.Fprintf(w, "       approved by %s: %s\n", a.Reviewer.Hex(), cidString(a.CID))
				}
			}
			fmt.Fprintf(w, "  donors (%d):\n", len(st.Donors))
			for _, d := range st.Donors {
				fmt.Fprintf(w, "    %s  gave %s  could reclaim %s  reclaimed %s\n", d.Donor.Hex(), amt(d.Donated), amt(d.Reclaimable), amt(d.Refunded))
			}
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) grantsApproveCommand() *cobra.Command {
	var f grantsFlags
	cmd := &cobra.Command{
		Use:   "approve ID MILESTONE CID",
		Short: "As a reviewer, approve a manifest CID as a milestone's deliverable",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			m, err := strconv.Atoi(args[1])
			if err != nil || m < 0 {
				return usageError{fmt.Errorf("milestone %q is not an index (0, 1, ...)", args[1])}
			}
			c, err := cid.Decode(args[2])
			if err != nil {
				return usageError{fmt.Errorf("%q is not a CID: %v", args[2], err)}
			}
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			rcpt, err := gc.client.Approve(ctx, id, m, c.Bytes())
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("approved %s for grant %d milestone %d", c, id, m), rcpt, nil)
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) grantsReleaseCommand() *cobra.Command {
	var (
		f       grantsFlags
		receipt string
	)
	cmd := &cobra.Command{
		Use:   "release ID MILESTONE CID [--receipt FILE.json]",
		Short: "As the beneficiary, release a milestone on its deliverable's anchored manifest",
		Long: `Release a milestone's amount to the beneficiary. The deliverable is a manifest
CID; its Merkle proof and root come from its notary receipt, found in this data
dir's store (desci anchor writes it) or given with --receipt. The contract checks
with the Notary that the root is anchored and the proof holds, and that enough
reviewers approved this CID.`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			m, err := strconv.Atoi(args[1])
			if err != nil || m < 0 {
				return usageError{fmt.Errorf("milestone %q is not an index (0, 1, ...)", args[1])}
			}
			c, err := cid.Decode(args[2])
			if err != nil {
				return usageError{fmt.Errorf("%q is not a CID: %v", args[2], err)}
			}
			var doc []byte
			if receipt != "" {
				if doc, err = os.ReadFile(receipt); err != nil {
					return err
				}
			} else {
				s, err := e.openStore()
				if err != nil {
					return err
				}
				if doc, err = s.Receipt(c); err != nil {
					return err
				}
			}
			ev, err := grants.EvidenceFromReceipt(doc)
			if err != nil {
				return err
			}
			if !cid.MustParse(ev.CID).Equals(c) {
				return fmt.Errorf("%w: the receipt is for %s, not %s", grants.ErrNoEvidence, cid.MustParse(ev.CID), c)
			}
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			rcpt, err := gc.client.Release(ctx, id, m, ev)
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("released grant %d milestone %d", id, m), rcpt, nil)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&receipt, "receipt", "", "the deliverable's receipt (default: from this data dir's store)")
	return cmd
}

func (e *env) grantsCancelCommand() *cobra.Command {
	var f grantsFlags
	cmd := &cobra.Command{
		Use:   "cancel ID",
		Short: "Cancel a grant (the beneficiary), or vote to (a reviewer; a majority cancels)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			rcpt, err := gc.client.Cancel(ctx, id)
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("cancel grant %d", id), rcpt, nil)
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) grantsRefundCommand() *cobra.Command {
	var f grantsFlags
	cmd := &cobra.Command{
		Use:   "refund ID",
		Short: "Reclaim your donation (goal missed) or your share of what is left (cancelled)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parseID(args[0], "grant")
			if err != nil {
				return err
			}
			gc, err := e.openGrants(ctx, &f, false)
			if err != nil {
				return err
			}
			defer gc.close()
			_, dec, err := gc.grantToken(ctx, id)
			if err != nil {
				return err
			}
			amount, rcpt, err := gc.client.Refund(ctx, id)
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("refunded %s from grant %d", formatAmount(amount, dec), id), rcpt,
				map[string]any{"amount": formatAmount(amount, dec)})
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) grantsFaucetCommand() *cobra.Command {
	var (
		f        grantsFlags
		amount   string
		tokenStr string
	)
	cmd := &cobra.Command{
		Use:   "faucet [ADDR] [--amount 1000] [--token ADDR]",
		Short: "Mint test stablecoin (tUSD) to an address (default: your --key, else the default or only key), where that key is its minter",
		Long: `Mint TestUSD to an address (default: your --key, else the default or only
key). On the embedded chain the
token is the one deployed there on first use, and anyone may ask. On any
other chain name the TestUSD with --token (desci grants deploy --test-token
printed it); your key must be the token's minter (the key that deployed it).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var to common.Address
			if len(args) == 1 {
				if !common.IsHexAddress(args[0]) {
					return usageError{fmt.Errorf("%q is not an address", args[0])}
				}
				to = common.HexToAddress(args[0])
			}
			if tokenStr != "" && !common.IsHexAddress(tokenStr) {
				return usageError{fmt.Errorf("--token %q is not an address", tokenStr)}
			}
			// On the embedded chain the minter is development account 0 and
			// the user needs no key to name another address.
			gc, err := e.openGrants(ctx, &f, len(args) == 1 && f.chain.RPC == "")
			if err != nil {
				return err
			}
			defer gc.close()
			minterKey := gc.signer
			token := gc.token
			if gc.conn.dev != nil {
				minterKey = keys.NewKey(chain.DevAccounts()[0])
			} else if minterKey == nil {
				if minterKey, err = e.signer(f.key); err != nil {
					return err
				}
			}
			if tokenStr != "" {
				token = common.HexToAddress(tokenStr)
			}
			if token == (common.Address{}) {
				return usageError{errors.New("which token? pass --token with the TestUSD's address (desci grants deploy --test-token printed it)")}
			}
			if to == (common.Address{}) {
				to = gc.signer.Address()
			}
			v, err := parseAmount(amount, decimals(ctx, gc.conn.client, token))
			if err != nil {
				return err
			}
			minter, err := grants.New(ctx, gc.conn.client, minterKey, grants.Options{Contract: gc.client.Contract()})
			if err != nil {
				return err
			}
			rcpt, err := minter.Mint(ctx, token, to, v)
			if err != nil {
				return err
			}
			return e.txResult(f.asJSON, fmt.Sprintf("minted %s tUSD (%s) to %s", amount, token.Hex(), to.Hex()), rcpt,
				map[string]any{"token": token.Hex(), "to": to.Hex(), "amount": amount})
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&amount, "amount", "1000", "tUSD to mint")
	cmd.Flags().StringVar(&tokenStr, "token", "", "the TestUSD to mint (default: the embedded chain's)")
	return cmd
}

func (e *env) grantsDeployCommand() *cobra.Command {
	var (
		f         grantsFlags
		notaryStr string
		testToken bool
	)
	cmd := &cobra.Command{
		Use:   "deploy --rpc URL --notary-contract ADDR [--test-token]",
		Short: "Deploy a Grants contract (and with --test-token a TestUSD) and print the addresses",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if f.chain.RPC == "" || !common.IsHexAddress(notaryStr) {
				return usageError{errors.New("deploy needs --rpc and --notary-contract (the embedded chain deploys its own)")}
			}
			client, err := ethclient.DialContext(ctx, f.chain.RPC)
			if err != nil {
				return err
			}
			defer client.Close()
			signer, err := e.signer(f.key)
			if err != nil {
				return err
			}
			addr, _, err := grants.Deploy(ctx, client, signer, common.HexToAddress(notaryStr))
			if err != nil {
				return err
			}
			out := map[string]any{"grants_contract": addr.Hex()}
			if testToken {
				tok, _, err := grants.DeployTestUSD(ctx, client, signer)
				if err != nil {
					return err
				}
				out["test_token"] = tok.Hex()
			}
			if f.asJSON {
				return e.printJSON(out)
			}
			for _, k := range []string{"grants_contract", "test_token"} {
				if v, ok := out[k]; ok {
					fmt.Fprintf(e.stdout, "%s\t%s\n", k, v)
				}
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&notaryStr, "notary-contract", "", "the Notary contract milestone evidence is checked against")
	cmd.Flags().BoolVar(&testToken, "test-token", false, "also deploy a TestUSD mintable by this key")
	return cmd
}

func (e *env) grantsRoundCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "round", Short: "Quadratic-funding rounds: create, fund, donate, close, verify, claim, reclaim"}

	var (
		cf                             grantsFlags
		token, start, end, claimPeriod string
		capBps                         uint16
		ids                            []uint
	)
	create := &cobra.Command{
		Use:   "create --grant ID... [--end 168h] [--cap-bps 2500] [--claim-period 168h]",
		Short: "Create a round over eligible grants, with you as its operator",
		Long: `Create a quadratic-funding round over eligible grants, with you as its
operator (doc/quadratic-funding.md).

The whole pool is paid out: it is divided in proportion to the grants'
quadratic scores, scaled up or down to the pool (Gitcoin's grants-stack pays
each grant its ideal match and never scales up, leaving the rest of an
over-funded pool unpaid). No grant gets more than --cap-bps of the pool: with
the default 2500 (25%), when fewer than four grants score, part of the pool
is not matched and goes back to the sponsors after the claim deadline; use
--cap-bps 10000 for no cap. A grant with a single donor scores 0.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			gc, err := e.openGrants(ctx, &cf, false)
			if err != nil {
				return err
			}
			defer gc.close()
			now := gc.now(ctx)
			t := grants.RoundTerms{Token: gc.token, CapBps: capBps}
			for _, id := range ids {
				t.Grants = append(t.Grants, uint64(id))
			}
			if token != "" {
				t.Token = common.HexToAddress(token)
			}
			if t.Token == (common.Address{}) {
				return usageError{errors.New("--token is needed on this chain")}
			}
			if t.Start, err = parseTime(start, now); err != nil {
				return err
			}
			if t.End, err = parseTime(end, now); err != nil {
				return err
			}
			d, err := time.ParseDuration(claimPeriod)
			if err != nil {
				return usageError{fmt.Errorf("--claim-period: %v", err)}
			}
			t.ClaimPeriod = d
			id, rcpt, err := gc.client.CreateRound(ctx, t)
			if err != nil {
				return err
			}
			if cf.asJSON {
				return e.txResult(true, "", rcpt, map[string]any{"round": id})
			}
			fmt.Fprintln(e.stdout, id)
			return nil
		},
	}
	cf.register(create)
	create.Flags().StringVar(&token, "token", "", "the round's ERC-20 (default on the embedded chain: its tUSD)")
	create.Flags().StringVar(&start, "start", "0s", "window start: a duration from now or an RFC 3339 time")
	create.Flags().StringVar(&end, "end", "168h", "window end: a duration from now or an RFC 3339 time")
	create.Flags().StringVar(&claimPeriod, "claim-period", "168h", "how long grants may claim after the matching is committed")
	create.Flags().Uint16Var(&capBps, "cap-bps", 2500, "the most one grant may get, in basis points of the pool")
	create.Flags().UintSliceVar(&ids, "grant", nil, "eligible grant (repeat)")

	// roundDecimals are the decimals of a round's token, for amounts.
	roundUnits := func(ctx context.Context, gc *grantsConn, round uint64) (tokenUnits, error) {
		token, err := gc.client.RoundToken(ctx, round)
		if err != nil {
			return tokenUnits{}, err
		}
		return e.tokenUnitsOf(ctx, gc.conn.client, token), nil
	}
	roundDecimals := func(ctx context.Context, gc *grantsConn, round uint64) (int, error) {
		u, err := roundUnits(ctx, gc, round)
		return u.dec, err
	}
	// simple is a round command: the round id parsed from the first
	// argument, the chain opened.
	simple := func(use, short string, nargs int, readOnly bool, do func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error) *cobra.Command {
		var f grantsFlags
		c := &cobra.Command{
			Use: use, Short: short, Args: cobra.ExactArgs(nargs),
			RunE: func(cmd *cobra.Command, args []string) error {
				round, err := parseID(args[0], "round")
				if err != nil {
					return err
				}
				gc, err := e.openGrants(cmd.Context(), &f, readOnly)
				if err != nil {
					return err
				}
				defer gc.close()
				return do(cmd.Context(), gc, &f, round, args)
			},
		}
		f.register(c)
		return c
	}
	var fundPermit, donatePermit bool
	fund := simple("fund ROUND AMOUNT [--permit]", "Add to a round's matching pool (approve + fund, or one transaction with an EIP-2612 permit)", 2, false, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		amount, err := parseAmount(args[1], dec)
		if err != nil {
			return err
		}
		fundRound := gc.client.FundRound
		if fundPermit {
			fundRound = gc.client.FundRoundWithPermit
		}
		rcpt, err := fundRound(ctx, round, amount)
		if err != nil {
			return err
		}
		return e.txResult(f.asJSON, fmt.Sprintf("funded round %d with %s", round, e.units.amount(amount)), rcpt, nil)
	})
	fund.Flags().BoolVar(&fundPermit, "permit", false, "sign an EIP-2612 permit instead of sending an approve")
	donate := simple("donate ROUND GRANT AMOUNT [--permit]", "Donate to a grant through a round, counted for matching (approve + donate, or one transaction with an EIP-2612 permit)", 3, false, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		grant, err := parseID(args[1], "grant")
		if err != nil {
			return err
		}
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		amount, err := parseAmount(args[2], dec)
		if err != nil {
			return err
		}
		donateRound := gc.client.DonateRound
		if donatePermit {
			donateRound = gc.client.DonateRoundWithPermit
		}
		rcpt, err := donateRound(ctx, round, grant, amount)
		if err != nil {
			return err
		}
		return e.txResult(f.asJSON, fmt.Sprintf("donated %s to grant %d through round %d", e.units.amount(amount), grant, round), rcpt, nil)
	})
	donate.Flags().BoolVar(&donatePermit, "permit", false, "sign an EIP-2612 permit instead of sending an approve")
	printMatching := func(f *grantsFlags, m *grants.Matching, dec int, extra map[string]any) error {
		if f.asJSON {
			out := map[string]any{"pool": formatAmount(m.Pool, dec), "cap_bps": m.CapBps, "total": formatAmount(m.Total, dec), "root": m.Root.String()}
			var gs []map[string]any
			for _, g := range m.Grants {
				gs = append(gs, map[string]any{"grant": g.Grant, "donors": g.Donors, "raised": formatAmount(g.Raised, dec),
					"score": g.Score.String(), "match": formatAmount(g.Match, dec), "capped": g.Capped})
			}
			out["grants"] = gs
			for k, v := range extra {
				out[k] = v
			}
			return e.printJSON(out)
		}
		fmt.Fprintf(e.stdout, "pool %s  cap %d bps (%s)  matched %s  root %s\n", formatAmount(m.Pool, dec), m.CapBps, formatAmount(m.Cap, dec), formatAmount(m.Total, dec), m.Root)
		for _, g := range m.Grants {
			capped := ""
			if g.Capped {
				capped = "  (capped)"
			}
			fmt.Fprintf(e.stdout, "  grant %d  donors %d  raised %s  match %s%s\n", g.Grant, g.Donors, formatAmount(g.Raised, dec), formatAmount(g.Match, dec), capped)
		}
		return nil
	}
	closeCmd := simple("close ROUND", "As the operator, compute the matching from events and commit its root", 1, false, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		m, rcpt, err := gc.client.CloseRound(ctx, round)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "committed in block %d, tx %s, gas %d\n", rcpt.BlockNumber.Uint64(), rcpt.TxHash.Hex(), rcpt.GasUsed)
		return printMatching(f, m, dec, map[string]any{"tx": rcpt.TxHash.Hex()})
	})
	verify := simple("verify ROUND", "Recompute a round's matching from the chain's events and check the committed root", 1, true, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		m, err := grants.VerifyRound(ctx, gc.client, round)
		if err != nil {
			if f.asJSON && m != nil {
				printMatching(f, m, dec, map[string]any{"ok": false, "error": err.Error()})
			}
			return err
		}
		if !f.asJSON {
			fmt.Fprintf(e.stdout, "OK  round %d: the committed root is the matching of its events\n", round)
		}
		return printMatching(f, m, dec, map[string]any{"ok": true})
	})
	claim := simple("claim ROUND GRANT", "Pay a grant's match to its beneficiary (anyone may)", 2, false, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		grant, err := parseID(args[1], "grant")
		if err != nil {
			return err
		}
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		amount, rcpt, err := gc.client.ClaimMatch(ctx, round, grant)
		if err != nil {
			return err
		}
		return e.txResult(f.asJSON, fmt.Sprintf("claimed %s for grant %d from round %d", e.units.amount(amount), grant, round), rcpt,
			map[string]any{"amount": formatAmount(amount, dec)})
	})
	reclaim := simple("reclaim ROUND", "As a sponsor, take back your share of what was not claimed", 1, false, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		dec, err := roundDecimals(ctx, gc, round)
		if err != nil {
			return err
		}
		amount, rcpt, err := gc.client.ReclaimSponsor(ctx, round)
		if err != nil {
			return err
		}
		return e.txResult(f.asJSON, fmt.Sprintf("reclaimed %s from round %d", e.units.amount(amount), round), rcpt,
			map[string]any{"amount": formatAmount(amount, dec)})
	})
	status := simple("status ROUND", "Show a round: window, pool, grants, the committed root and what was claimed", 1, true, func(ctx context.Context, gc *grantsConn, f *grantsFlags, round uint64, args []string) error {
		r, err := gc.client.Round(ctx, round)
		if err != nil {
			return err
		}
		u := e.tokenUnitsOf(ctx, gc.conn.client, r.Token)
		dec := u.dec
		state := "open"
		switch now := gc.now(ctx); {
		case r.Root != (merkle.Hash{}) && now.After(r.ClaimDeadline):
			state = "claims over"
		case r.Root != (merkle.Hash{}):
			state = "claiming"
		case now.After(r.End.Add(r.ClaimPeriod)):
			state = "never closed"
		case now.After(r.End):
			state = "window over"
		case now.Before(r.Start):
			state = "not started"
		}
		// Each grant's match: committed once the round is closed, else
		// what closing now would give (from the donations so far).
		m, _, merr := gc.client.Matching(ctx, round)
		matchNote := "if the round closed now"
		if r.Root != (merkle.Hash{}) {
			matchNote = "committed"
		}
		if f.asJSON {
			out := map[string]any{"id": r.ID, "state": state, "operator": r.Operator.Hex(), "token": r.Token.Hex(), "symbol": u.symbol,
				"start": r.Start.Format(time.RFC3339), "end": r.End.Format(time.RFC3339), "claim_period": r.ClaimPeriod.String(),
				"cap_bps": r.CapBps, "pool": formatAmount(r.Pool, dec), "claimed": formatAmount(r.Claimed, dec),
				"returned": formatAmount(r.Returned, dec), "grants": r.Grants}
			if r.Root != (merkle.Hash{}) {
				out["root"], out["total"], out["claim_deadline"] = r.Root.String(), formatAmount(r.Total, dec), r.ClaimDeadline.Format(time.RFC3339)
			}
			if merr == nil {
				ms := []map[string]any{}
				for _, g := range m.Grants {
					ms = append(ms, map[string]any{"grant": g.Grant, "donors": g.Donors, "raised": formatAmount(g.Raised, dec),
						"match": formatAmount(g.Match, dec), "capped": g.Capped})
				}
				out["matches"], out["matches_are"] = ms, matchNote
			}
			return e.printJSON(out)
		}
		w := e.stdout
		fmt.Fprintf(w, "round %d  %s\n  operator %s\n  token    %s (%s)\n", r.ID, state, r.Operator.Hex(), u.symbol, r.Token.Hex())
		fmt.Fprintf(w, "  window %s to %s, claims for %s after closing\n", r.Start.Format(time.RFC3339), r.End.Format(time.RFC3339), r.ClaimPeriod)
		fmt.Fprintf(w, "  pool %s  cap %d bps  claimed %s  returned to sponsors %s\n", u.amount(r.Pool), r.CapBps, u.amount(r.Claimed), u.amount(r.Returned))
		fmt.Fprintf(w, "  grants %v\n", r.Grants)
		if r.Root != (merkle.Hash{}) {
			fmt.Fprintf(w, "  root %s  total %s  claims until %s\n", r.Root, u.amount(r.Total), r.ClaimDeadline.Format(time.RFC3339))
		}
		if merr == nil {
			fmt.Fprintf(w, "  matches (%s):\n", matchNote)
			for _, g := range m.Grants {
				capped := ""
				if g.Capped {
					capped = "  (capped)"
				}
				fmt.Fprintf(w, "    grant %d  donors %d  raised %s  match %s%s\n", g.Grant, g.Donors, u.amount(g.Raised), u.amount(g.Match), capped)
			}
		}
		return nil
	})
	cmd.AddCommand(create, fund, donate, closeCmd, verify, claim, reclaim, status)
	return cmd
}
