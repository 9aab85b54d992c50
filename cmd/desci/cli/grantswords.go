package cli

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/grants"
)

// tokenUnits is how a person reads amounts of a token: its symbol and
// decimals.
type tokenUnits struct {
	symbol string
	dec    int
}

// amount writes v as a decimal amount with the token's symbol.
func (u tokenUnits) amount(v *big.Int) string { return formatAmount(v, u.dec) + " " + u.symbol }

// tokenUnitsOf asks a token for its symbol (its short address if it has
// none) and decimals, and remembers them to word a refused transaction.
func (e *env) tokenUnitsOf(ctx context.Context, c *ethclient.Client, token common.Address) tokenUnits {
	u := tokenUnits{symbol: token.Hex()[:10], dec: decimals(ctx, c, token)}
	if out, err := c.CallContract(ctx, ethereum.CallMsg{To: &token, Data: tokenABI.PackSymbol()}, nil); err == nil {
		if s, err := tokenABI.UnpackSymbol(out); err == nil && s != "" && len(s) <= 16 {
			u.symbol = s
		}
	}
	e.units = &u
	return u
}

// explainGrantErrors words the refusals of every grants command.
func (e *env) explainGrantErrors(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		if run := c.RunE; run != nil {
			c.RunE = func(cmd *cobra.Command, args []string) error { return e.explainRevert(run(cmd, args)) }
		}
		e.explainGrantErrors(c)
	}
}

// explainRevert turns a reverted transaction's custom error into what
// happened, in words (grants.Explain), and the next step as a command;
// the error stays matchable.
func (e *env) explainRevert(err error) error {
	var re *grants.RevertError
	if !errors.As(err, &re) {
		return err
	}
	u := grants.TokenUnits{Symbol: "the token"}
	if e.units != nil {
		u = grants.TokenUnits{Symbol: e.units.symbol, Decimals: e.units.dec}
	}
	r := grants.Explain(err, u)
	if r == nil {
		return err
	}
	why := r.What
	if next := cliStep(r, u.Symbol); next != "" {
		why += "; " + next
	}
	return explained{err, fmt.Sprintf("%s refused (%s): %s", re.Op, re.Reason, why)}
}

// cliStep words a refusal's next step as the command that takes it.
func cliStep(r *grants.Refusal, symbol string) string {
	switch r.Next {
	case grants.StepGetTokens:
		return fmt.Sprintf("get more %s (on the embedded chain: desci grants faucet --amount N)", symbol)
	case grants.StepApprove:
		return "retry (desci approves what is needed first) or, for a grant, use --permit"
	case grants.StepGetApprovals:
		return "each reviewer runs desci grants approve ID MILESTONE CID"
	case grants.StepWaitRoundEnd:
		return fmt.Sprintf("wait for its end (desci grants round status %d)", r.Round)
	case grants.StepSeeRound:
		return fmt.Sprintf("desci grants round status %d shows its window and grants", r.Round)
	case grants.StepRefund:
		return fmt.Sprintf("donors may reclaim with desci grants refund %d", r.Grant)
	case grants.StepWaitFunded:
		return fmt.Sprintf("desci grants status %d", r.Grant)
	case grants.StepUseReviewer:
		return "use a reviewer's --key"
	case grants.StepUseBeneficiary:
		return "use the beneficiary's --key"
	case grants.StepUseOperator:
		return "use the operator's --key"
	case grants.StepAnchor:
		return "run desci anchor, then retry"
	}
	return ""
}

// explained is an error in words that still matches what it explains.
type explained struct {
	err error
	msg string
}

func (x explained) Error() string { return x.msg }
func (x explained) Unwrap() error { return x.err }
