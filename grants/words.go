package grants

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants/contract/gen"
)

// TokenUnits is how a person reads amounts of a token: its symbol and
// decimals.
type TokenUnits struct {
	Symbol   string
	Decimals int
}

// Format writes v (in the token's smallest unit) as a decimal amount
// with the symbol: "2.5 tUSD".
func (u TokenUnits) Format(v *big.Int) string { return FormatAmount(v, u.Decimals) + " " + u.Symbol }

// FormatAmount writes units as a decimal amount with dec decimals.
func FormatAmount(v *big.Int, dec int) string {
	if v == nil {
		return "0"
	}
	s := v.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if dec > 0 {
		if len(s) <= dec {
			s = strings.Repeat("0", dec-len(s)+1) + s
		}
		whole, frac := s[:len(s)-dec], strings.TrimRight(s[len(s)-dec:], "0")
		s = whole
		if frac != "" {
			s += "." + frac
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Units asks a token for its symbol (its short address if it has none)
// and decimals (18 if it does not say).
func (c *Client) Units(ctx context.Context, token common.Address) TokenUnits {
	u := TokenUnits{Symbol: token.Hex()[:10], Decimals: 18}
	if out, err := c.backend.CallContract(ctx, ethereum.CallMsg{To: &token, Data: tokenABI.PackSymbol()}, nil); err == nil {
		if s, err := tokenABI.UnpackSymbol(out); err == nil && s != "" && len(s) <= 16 {
			u.Symbol = s
		}
	}
	if out, err := c.backend.CallContract(ctx, ethereum.CallMsg{To: &token, Data: tokenABI.PackDecimals()}, nil); err == nil {
		if d, err := tokenABI.UnpackDecimals(out); err == nil && d <= 77 {
			u.Decimals = int(d)
		}
	}
	return u
}

// Step is what a person does next after a refusal. Each surface (the
// CLI, the API) words it in its own terms: a command, a button.
type Step int

const (
	StepNone           Step = iota
	StepGetTokens           // get more of the token (a faucet on a dev chain)
	StepApprove             // let the Grants contract spend the token, or sign a permit
	StepGetApprovals        // more reviewers must approve the deliverable
	StepWaitRoundEnd        // wait for the round's window to end
	StepSeeRound            // look at the round: window, eligible grants
	StepRefund              // reclaim the donation (the grant failed)
	StepWaitFunded          // wait for the grant to reach its goal
	StepUseReviewer         // act as one of the grant's reviewers
	StepUseBeneficiary      // act as the grant's beneficiary
	StepUseOperator         // act as the round's operator
	StepAnchor              // anchor the deliverable, then retry
	StepSignAgain           // sign a new donation (expired, replayed or not the donor's)
	StepNothing             // nothing to do: nothing is owed
)

// Refusal is a refused transaction in words: what happened, in token
// units with the symbol, and the next step. It unwraps to the error it
// explains.
type Refusal struct {
	Err    error
	Reason string // the contract's custom error ("ERC20InsufficientBalance")
	What   string // "you have 0 tUSD and this needs 250 tUSD"
	Next   Step
	Grant  uint64 // the grant or round the step is about, if any
	Round  uint64
}

func (r *Refusal) Error() string { return r.What }
func (r *Refusal) Unwrap() error { return r.Err }

// Explain words a *RevertError (or a gasless-donation error) for a
// person, with amounts in u; nil if it has no words for it.
func Explain(err error, u TokenUnits) *Refusal {
	if errors.Is(err, ErrBadSignature) {
		return &Refusal{Err: err, Reason: "BadSignature", What: "the signature is not the donor's for this grant, round and amount", Next: StepSignAgain}
	}
	var re *RevertError
	if !errors.As(err, &re) {
		return nil
	}
	if u.Symbol == "" {
		u.Symbol = "token units"
	}
	r := &Refusal{Err: err, Reason: re.Reason}
	id := func(v *big.Int) uint64 {
		if v == nil || !v.IsUint64() {
			return 0
		}
		return v.Uint64()
	}
	switch d := re.Detail.(type) {
	case *gen.TestUSDERC20InsufficientBalance:
		r.What, r.Next = fmt.Sprintf("you have %s and this needs %s", u.Format(d.Balance), u.Format(d.Needed)), StepGetTokens
	case *gen.TestUSDERC20InsufficientAllowance:
		r.What, r.Next = fmt.Sprintf("the Grants contract may spend %s of yours and this needs %s", u.Format(d.Allowance), u.Format(d.Needed)), StepApprove
	case *gen.GrantsNotApproved:
		r.What, r.Next = fmt.Sprintf("the deliverable has %d of the %d approvals it needs", d.Approvals, d.Threshold), StepGetApprovals
	case *gen.GrantsRoundNotOver:
		r.What, r.Next, r.Round = fmt.Sprintf("round %d's window is not over", d.RoundId), StepWaitRoundEnd, id(d.RoundId)
	case *gen.GrantsRoundNotOpen:
		r.What, r.Next, r.Round = fmt.Sprintf("round %d is not open for donations now", d.RoundId), StepSeeRound, id(d.RoundId)
	case *gen.GrantsNotEligible:
		r.What, r.Next, r.Round, r.Grant = fmt.Sprintf("grant %d is not one of round %d's grants", d.GrantId, d.RoundId), StepSeeRound, id(d.RoundId), id(d.GrantId)
	case *gen.GrantsDeadlinePassed:
		r.What, r.Next, r.Grant = fmt.Sprintf("grant %d's deadline has passed", d.GrantId), StepRefund, id(d.GrantId)
	case *gen.GrantsGoalReached:
		r.What, r.Next, r.Grant = fmt.Sprintf("grant %d has reached its goal and takes no more donations", d.GrantId), StepNone, id(d.GrantId)
	case *gen.GrantsGrantCancelled:
		r.What, r.Next, r.Grant = fmt.Sprintf("grant %d was cancelled", d.GrantId), StepRefund, id(d.GrantId)
	case *gen.GrantsNotFunded:
		r.What, r.Next, r.Grant = fmt.Sprintf("grant %d has not reached its goal; milestones are paid once it has", d.GrantId), StepWaitFunded, id(d.GrantId)
	case *gen.GrantsNotReviewer:
		r.What, r.Next = fmt.Sprintf("%s is not a reviewer of this grant", d.Account.Hex()), StepUseReviewer
	case *gen.GrantsNotBeneficiary:
		r.What, r.Next = fmt.Sprintf("%s is not this grant's beneficiary", d.Account.Hex()), StepUseBeneficiary
	case *gen.GrantsNotOperator:
		r.What, r.Next = fmt.Sprintf("%s is not the round's operator", d.Account.Hex()), StepUseOperator
	case *gen.GrantsNotNotarized:
		r.What, r.Next = "the deliverable is not anchored yet", StepAnchor
	case *gen.GrantsNotRefundable:
		r.What, r.Grant = fmt.Sprintf("grant %d is not refundable: its goal is not missed and it is not cancelled", d.GrantId), id(d.GrantId)
	case *gen.GrantsNothingToRefund:
		r.What, r.Next = fmt.Sprintf("%s has nothing to reclaim from this grant", d.Donor.Hex()), StepNothing
	case *gen.GrantsUnknownGrant:
		r.What = fmt.Sprintf("there is no grant %d", d.GrantId)
	case *gen.GrantsUnknownRound:
		r.What = fmt.Sprintf("there is no round %d", d.RoundId)
	case *gen.GrantsZeroAmount:
		r.What = "the amount is zero"
	case *gen.GrantsSignatureExpired:
		r.What, r.Next = "the signature has expired", StepSignAgain
	case *gen.GrantsBadSignature:
		r.What, r.Next = fmt.Sprintf("the signature is not %s's for this grant, round and amount", d.Signer.Hex()), StepSignAgain
	case *gen.GrantsInvalidAccountNonce:
		r.What, r.Next = "this signature was already used (or another was signed after it)", StepSignAgain
	case *gen.GrantsAlreadyApproved:
		r.What = fmt.Sprintf("%s has already approved this deliverable", d.Reviewer.Hex())
	case *gen.GrantsAlreadyVoted:
		r.What = fmt.Sprintf("%s has already voted to cancel this grant", d.Reviewer.Hex())
	case *gen.GrantsMilestoneOutOfOrder:
		r.What = fmt.Sprintf("milestones are released in order: the next is milestone %d, not %d", d.Next, d.Milestone)
	case *gen.GrantsAllReleased:
		r.What, r.Grant = fmt.Sprintf("every milestone of grant %d is released", d.GrantId), id(d.GrantId)
	case *gen.GrantsNoEvidence:
		r.What = "a milestone needs its deliverable: a notarized manifest CID"
	case *gen.GrantsInvalidGrant:
		r.What = "the grant's terms are invalid: " + d.Reason
	case *gen.GrantsInvalidRound:
		r.What = "the round's terms are invalid: " + d.Reason
	case *gen.GrantsInvalidProof:
		r.What = "the proof does not match the committed matching"
	case *gen.GrantsAlreadyClaimed:
		r.What, r.Round = fmt.Sprintf("grant %d's match from round %d is already claimed", d.GrantId, d.RoundId), id(d.RoundId)
	case *gen.GrantsClaimsClosed:
		r.What, r.Round = fmt.Sprintf("round %d's claims are closed", d.RoundId), id(d.RoundId)
	case *gen.GrantsClaimsOpen:
		r.What, r.Next, r.Round = fmt.Sprintf("round %d's grants may still claim their matches", d.RoundId), StepWaitRoundEnd, id(d.RoundId)
	case *gen.GrantsRoundAlreadyClosed:
		r.What, r.Round = fmt.Sprintf("round %d is already closed", d.RoundId), id(d.RoundId)
	case *gen.GrantsOverPool:
		r.What, r.Round = fmt.Sprintf("that is more than round %d's pool", d.RoundId), id(d.RoundId)
	case *gen.GrantsGrantRefundable:
		r.What, r.Grant = fmt.Sprintf("grant %d's donors are being refunded: it gets no match", d.GrantId), id(d.GrantId)
	case *gen.GrantsNoFunds:
		r.What = fmt.Sprintf("%s gave nothing to this round's pool", d.Sponsor.Hex())
	default:
		return nil
	}
	return r
}
