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
	"github.com/desci-platform/desci/grants/contract/gen"
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
// happened, in words, and what to do next; the error stays matchable.
func (e *env) explainRevert(err error) error {
	var re *grants.RevertError
	if !errors.As(err, &re) {
		return err
	}
	amt := func(v *big.Int) string {
		if e.units != nil {
			return e.units.amount(v)
		}
		return v.String() + " token units"
	}
	sym := "the token"
	if e.units != nil {
		sym = e.units.symbol
	}
	var why string
	switch d := re.Detail.(type) {
	case *gen.TestUSDERC20InsufficientBalance:
		why = fmt.Sprintf("you have %s and this needs %s; get more %s (on the embedded chain: desci grants faucet --amount N)", amt(d.Balance), amt(d.Needed), sym)
	case *gen.TestUSDERC20InsufficientAllowance:
		why = fmt.Sprintf("the Grants contract may spend %s of yours and this needs %s; retry (desci approves what is needed first) or, for a grant, use --permit", amt(d.Allowance), amt(d.Needed))
	case *gen.GrantsNotApproved:
		why = fmt.Sprintf("the deliverable has %d of the %d approvals it needs; each reviewer runs desci grants approve ID MILESTONE CID", d.Approvals, d.Threshold)
	case *gen.GrantsRoundNotOver:
		why = fmt.Sprintf("round %d's window is not over; wait for its end (desci grants round status %d)", d.RoundId, d.RoundId)
	case *gen.GrantsRoundNotOpen:
		why = fmt.Sprintf("round %d is not open for donations now (desci grants round status %d shows its window)", d.RoundId, d.RoundId)
	case *gen.GrantsNotEligible:
		why = fmt.Sprintf("grant %d is not one of round %d's grants (desci grants round status %d lists them)", d.GrantId, d.RoundId, d.RoundId)
	case *gen.GrantsDeadlinePassed:
		why = fmt.Sprintf("grant %d's deadline has passed; donors may reclaim with desci grants refund %d", d.GrantId, d.GrantId)
	case *gen.GrantsNotFunded:
		why = fmt.Sprintf("grant %d has not reached its goal; milestones are paid once it has (desci grants status %d)", d.GrantId, d.GrantId)
	case *gen.GrantsNotReviewer:
		why = fmt.Sprintf("%s is not a reviewer of this grant; use a reviewer's --key", d.Account.Hex())
	case *gen.GrantsNotBeneficiary:
		why = fmt.Sprintf("%s is not this grant's beneficiary; use the beneficiary's --key", d.Account.Hex())
	case *gen.GrantsNotOperator:
		why = fmt.Sprintf("%s is not the round's operator; use the operator's --key", d.Account.Hex())
	case *gen.GrantsNotNotarized:
		why = "the deliverable is not anchored yet; run desci anchor, then retry"
	case *gen.GrantsNothingToRefund:
		why = fmt.Sprintf("%s has nothing to reclaim from this grant", d.Donor.Hex())
	default:
		return err
	}
	return explained{err, fmt.Sprintf("%s refused (%s): %s", re.Op, re.Reason, why)}
}

// explained is an error in words that still matches what it explains.
type explained struct {
	err error
	msg string
}

func (x explained) Error() string { return x.msg }
func (x explained) Unwrap() error { return x.err }
