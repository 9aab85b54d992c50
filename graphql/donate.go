package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	gql "github.com/graphql-go/graphql"
	"golang.org/x/time/rate"

	"github.com/desci-platform/desci/grants"
)

// Donor is what the donor pages need of the Grants contract beyond
// Grants: gasless donations relayed by the server's key, a donor's
// grants and badges, and the round estimate. *grants.Client is one.
type Donor interface {
	DonationToSign(ctx context.Context, round, grant uint64, amount *big.Int, donor common.Address) (*grants.DonationRequest, error)
	TypedData(d grants.Donation) apitypes.TypedData
	Relay(ctx context.Context, s grants.SignedDonation) (*types.Receipt, *big.Int, error)
	RefundToSign(ctx context.Context, grant uint64, donor common.Address) (*grants.RefundRequest, *big.Int, error)
	RefundTypedData(q grants.RefundRequest) apitypes.TypedData
	RelayRefund(ctx context.Context, q grants.RefundRequest, signature []byte) (*types.Receipt, *big.Int, error)
	Address() common.Address
	Units(ctx context.Context, token common.Address) grants.TokenUnits
	DonorGrants(ctx context.Context, donor common.Address) ([]uint64, error)
	Badge(ctx context.Context, grant uint64, donor common.Address) (*grants.Badge, error)
	EstimateMatch(ctx context.Context, round, grant uint64, donor common.Address, amount *big.Int) (*grants.MatchEstimate, error)
}

var _ Donor = (*grants.Client)(nil)

// Faucet gives test tokens on a development chain; nil where there is none.
type Faucet func(ctx context.Context, token, to common.Address, amount *big.Int) error

// relayLimiter bounds gasless donations: each donor address and each
// client address (the relayer's gas is the server's money) gets
// opts.RelayPerHour an hour, with bursts of a third of it.
type relayLimiter struct {
	perHour int
	mu      sync.Mutex
	buckets *lru[string, *rate.Limiter]
}

func newRelayLimiter(perHour int) *relayLimiter {
	if perHour < 0 {
		return nil
	}
	return &relayLimiter{perHour: perHour, buckets: newLRU[string, *rate.Limiter](10_000)}
}

// allow takes one relay from every key's bucket, or none if any is empty.
func (l *relayLimiter) allow(keys ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	var got []*rate.Limiter
	for _, k := range keys {
		b, ok := l.buckets.get(k)
		if !ok {
			b = rate.NewLimiter(rate.Limit(float64(l.perHour)/3600), max(1, l.perHour/3))
			l.buckets.put(k, b)
		}
		r := b.ReserveN(now, 1)
		if !r.OK() || r.DelayFrom(now) > 0 {
			r.CancelAt(now)
			for _, g := range got {
				g.ReserveN(now, -1) // a negative reservation returns the token
			}
			return false
		}
		got = append(got, b)
	}
	return true
}

func (s *Server) needDonor() (Grants, Donor, error) {
	g, err := s.needGrants()
	if err != nil {
		return nil, nil, err
	}
	d, ok := g.(Donor)
	if !ok {
		return nil, nil, coded(CodeUnavailable, fmt.Errorf("gasless donations: %w", errUnavailable))
	}
	return g, d, nil
}

// relayer is what a gasless transaction needs before its arguments are
// read: the signed-in donor, the grants client that relays, and a key to
// pay with (relays are off when RelayPerHour < 0: s.relays is nil). what
// and wallet name the transaction and the mutation that sends it from the
// donor's own wallet instead.
func (s *Server) relayer(ctx context.Context, what, wallet string) (*Session, Grants, Donor, error) {
	sess, err := s.needSession(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	g, d, err := s.needDonor()
	if err != nil {
		return nil, nil, nil, err
	}
	if s.relays == nil {
		return nil, nil, nil, coded(CodeUnavailable, fmt.Errorf("relaying a %s: %w; send it from your wallet with %s", what, errUnavailable, wallet))
	}
	if d.Address() == (common.Address{}) {
		return nil, nil, nil, coded(CodeUnavailable, fmt.Errorf("this server has no relayer key (it is read-only): send the %s from your wallet with %s", what, wallet))
	}
	return sess, g, d, nil
}

// admitRelay counts a relay against the donor's and the client's hourly
// allowance (donations and refunds together), then brings a development
// chain's head up to date for the relay's simulation.
func (s *Server) admitRelay(ctx context.Context, donor common.Address, what, wallet string) error {
	if !s.relays.allow("donor:"+donor.Hex(), "client:"+clientOfCtx(ctx)) {
		return coded(CodeForbidden, fmt.Errorf("too many gasless transactions: %d an hour per donor and per client; wait, or send the %s from your wallet (%s)", s.opts.RelayPerHour, what, wallet))
	}
	if s.opts.BeforeEstimate != nil {
		s.opts.BeforeEstimate(ctx)
	}
	return nil
}

// hexArg decodes argument name, 0x-hex, refusing it as the client's error.
func hexArg(p gql.ResolveParams, name string) ([]byte, error) {
	b, err := hexutil.Decode(strings.TrimSpace(p.Args[name].(string)))
	if err != nil {
		return nil, coded(CodeBadUserInput, fmt.Errorf("%s: %w", name, err))
	}
	return b, nil
}

// grantsNext names a refusal's next step for clients (extensions.next)
// and in words, as the web pages say it.
func grantsNext(r *grants.Refusal, symbol string) (string, string) {
	switch r.Next {
	case grants.StepGetTokens:
		return "GET_TOKENS", fmt.Sprintf("get more %s (on a development chain: get test tokens with the faucet mutation, or desci grants faucet)", symbol)
	case grants.StepApprove:
		return "APPROVE", "send the approval first (the first transaction of prepareDonate), or donate without gas (donationToSign, then relayDonation)"
	case grants.StepGetApprovals:
		return "GET_APPROVALS", "more reviewers must approve this deliverable (prepareApproveMilestone)"
	case grants.StepWaitRoundEnd:
		return "WAIT", fmt.Sprintf("wait for round %d's end (the round query shows it)", r.Round)
	case grants.StepSeeRound:
		return "SEE_ROUND", fmt.Sprintf("round %d's window and grants are in the round query", r.Round)
	case grants.StepRefund:
		return "REFUND", fmt.Sprintf("donors may reclaim what they gave from grant %d (refundToSign without gas, or prepareRefund)", r.Grant)
	case grants.StepWaitFunded:
		return "WAIT", fmt.Sprintf("grant %d's progress is in the grant query", r.Grant)
	case grants.StepUseReviewer:
		return "SWITCH_ACCOUNT", "sign in with one of the grant's reviewers"
	case grants.StepUseBeneficiary:
		return "SWITCH_ACCOUNT", "sign in with the grant's beneficiary"
	case grants.StepUseOperator:
		return "SWITCH_ACCOUNT", "sign in with the round's operator"
	case grants.StepAnchor:
		return "WAIT", "wait for the deliverable to be anchored (the node query shows the anchoring), then retry"
	case grants.StepSignAgain:
		return "SIGN_AGAIN", "ask for a new donation to sign (donationToSign) and sign it with the donor's wallet"
	}
	return "", ""
}

// explain words a grants error for a person (grants.Explain: amounts in
// the token's units with its symbol) with the next step, under its
// grantsCode; errors it has no words for keep their own message. u may be
// zero when the token is not known.
func explain(err error, u grants.TokenUnits) error {
	r := grants.Explain(err, u)
	if r == nil {
		return coded(grantsCode(err), err)
	}
	code := grantsCode(err)
	next, words := grantsNext(r, u.Symbol)
	msg := strings.ToUpper(r.What[:1]) + r.What[1:]
	if words != "" {
		msg += "; " + words
	}
	return &Error{Code: code, Err: wordsErr{msg: msg + ".", err: err}, Next: next}
}

// relayError is explain, but for the relayer's own account running dry,
// which is the operator's to fix and not the donor's.
func relayError(err error, d Donor, u grants.TokenUnits, instead string) error {
	if strings.Contains(err.Error(), "insufficient funds") {
		return &Error{Code: CodeUnavailable, Next: "SEND_FROM_WALLET", Err: wordsErr{err: err,
			msg: fmt.Sprintf("This server's relayer (%s) has no ETH left to pay for gas; send the transaction from your wallet instead (%s), and tell the server's operator.", d.Address().Hex(), instead)}}
	}
	return explain(err, u)
}

// wordsErr is an error in words that still matches what it explains.
type wordsErr struct {
	msg string
	err error
}

func (w wordsErr) Error() string { return w.msg }
func (w wordsErr) Unwrap() error { return w.err }

// units is how amounts of the token of a grant (or round, if not 0) read.
func (s *Server) units(ctx context.Context, g Grants, round, grant uint64) grants.TokenUnits {
	d, ok := g.(Donor)
	if !ok {
		return grants.TokenUnits{}
	}
	var token common.Address
	var err error
	if round != 0 {
		token, err = s.roundToken(ctx, g, round)
	} else {
		token, err = g.Token(ctx, grant)
	}
	if err != nil {
		return grants.TokenUnits{}
	}
	return d.Units(ctx, token)
}

// donationToSignView is what donationToSign answers.
type donationToSignView struct {
	req      *grants.DonationRequest
	donation any // typed data, as typedDataJSON has it
	permit   any
	estimate *grants.MatchEstimate
}

// relayView is what relayDonation answers.
type relayView struct {
	tx       *txOutcome
	accepted *big.Int
	units    grants.TokenUnits
	grant    uint64
}

// donorGrantView is one grant a donor gave to.
type donorGrantView struct {
	st    *grants.Status
	d     grants.DonorStatus
	badge *grants.Badge
	units grants.TokenUnits
}

func (s *Server) donorFields(grant, unsigned, txResult *gql.Object) (queries, mutations gql.Fields) {
	bigNN, strNN := nonNull(bigScalar), nonNull(gql.String)
	amountText := func(u grants.TokenUnits, v *big.Int) string {
		if u.Symbol == "" {
			return v.String() + " token units"
		}
		return u.Format(v)
	}
	estimate := gql.NewObject(gql.ObjectConfig{Name: "MatchEstimate", Description: "What a donation through a round would add to a grant's quadratic match, were the round to close now (later donations change it).", Fields: gql.Fields{
		"amount": field(bigNN, "what the grant would accept of the donation (no more than its goal still lacks)", func(_ context.Context, e *grants.MatchEstimate) (any, error) { return e.Amount, nil }),
		"before": field(bigNN, "the grant's match now", func(_ context.Context, e *grants.MatchEstimate) (any, error) { return e.Before, nil }),
		"after":  field(bigNN, "the grant's match with the donation", func(_ context.Context, e *grants.MatchEstimate) (any, error) { return e.After, nil }),
		"adds":   field(bigNN, "after - before", func(_ context.Context, e *grants.MatchEstimate) (any, error) { return e.Adds, nil }),
	}})
	estimateText := func(u grants.TokenUnits, e *grants.MatchEstimate) string {
		return fmt.Sprintf("Your donation of %s adds about %s of matching.", amountText(u, e.Amount), amountText(u, e.Adds))
	}
	type estimateView struct {
		e *grants.MatchEstimate
		u grants.TokenUnits
	}
	estimateResult := gql.NewObject(gql.ObjectConfig{Name: "MatchEstimateResult", Fields: gql.Fields{
		"estimate": field(nonNull(estimate), "", func(_ context.Context, v *estimateView) (any, error) { return v.e, nil }),
		"symbol":   field(strNN, "the round token's symbol", func(_ context.Context, v *estimateView) (any, error) { return v.u.Symbol, nil }),
		"decimals": field(nonNull(gql.Int), "", func(_ context.Context, v *estimateView) (any, error) { return v.u.Decimals, nil }),
		"text":     field(strNN, `"Your donation of 5 tUSD adds about 3.2 tUSD of matching."`, func(_ context.Context, v *estimateView) (any, error) { return estimateText(v.u, v.e), nil }),
	}})
	toSign := gql.NewObject(gql.ObjectConfig{Name: "DonationToSign", Description: "A donation for the donor's wallet to sign without paying gas: two EIP-712 typed data, each for eth_signTypedData_v4 as it is (ethers: signTypedData(domain, types without EIP712Domain, message)). Hand both signatures to relayDonation with donation unchanged.", Fields: gql.Fields{
		"donation": field(nonNull(jsonScalar), "the Donation (grant, round, amount, donor, nonce, deadline) in the Grants contract's domain; the contract checks it, so the relayer cannot redirect or resize it", func(_ context.Context, v *donationToSignView) (any, error) { return v.donation, nil }),
		"permit":   field(nonNull(jsonScalar), "the EIP-2612 permit letting the Grants contract take the amount, in the token's domain", func(_ context.Context, v *donationToSignView) (any, error) { return v.permit, nil }),
		"amount":   field(bigNN, "in the token's smallest unit", func(_ context.Context, v *donationToSignView) (any, error) { return v.req.Donation.Amount, nil }),
		"text": field(strNN, `the amount in words: "2.5 tUSD"`, func(_ context.Context, v *donationToSignView) (any, error) {
			return v.req.Token.Format(v.req.Donation.Amount), nil
		}),
		"token":    field(strNN, "", func(_ context.Context, v *donationToSignView) (any, error) { return v.req.Permit.Token.Hex(), nil }),
		"symbol":   field(strNN, "", func(_ context.Context, v *donationToSignView) (any, error) { return v.req.Token.Symbol, nil }),
		"decimals": field(nonNull(gql.Int), "", func(_ context.Context, v *donationToSignView) (any, error) { return v.req.Token.Decimals, nil }),
		"deadline": field(strNN, "relay before this (RFC 3339, the chain's clock)", func(_ context.Context, v *donationToSignView) (any, error) {
			return timeString(time.Unix(int64(v.req.Donation.Deadline), 0)), nil
		}),
		"estimate": field(estimate, "through a round: what it adds to the grant's match (null otherwise)", func(_ context.Context, v *donationToSignView) (any, error) { return v.estimate, nil }),
	}})
	relayed := gql.NewObject(gql.ObjectConfig{Name: "RelayedDonation", Description: "A gasless donation sent and paid for by the server's relayer key, mined.", Fields: gql.Fields{
		"transaction": field(nonNull(txResult), "", func(_ context.Context, v *relayView) (any, error) { return v.tx, nil }),
		"hash":        field(strNN, "the transaction's (as transaction.hash)", func(_ context.Context, v *relayView) (any, error) { return v.tx.TxHash.Hex(), nil }),
		"success": field(nonNull(gql.Boolean), "always true: what would fail is refused before it is sent", func(_ context.Context, v *relayView) (any, error) {
			return v.tx.Status == types.ReceiptStatusSuccessful, nil
		}),
		"revertReason": field(gql.String, "null: kept for clients that read a TransactionResult", func(_ context.Context, v *relayView) (any, error) { return strOrNil(v.tx.reason), nil }),
		"accepted":     field(bigNN, "what the grant took (no more than its goal still lacked)", func(_ context.Context, v *relayView) (any, error) { return v.accepted, nil }),
		"text": field(strNN, `"You gave 2.5 tUSD to grant 3."`, func(_ context.Context, v *relayView) (any, error) {
			return fmt.Sprintf("You gave %s to grant %d.", amountText(v.units, v.accepted), v.grant), nil
		}),
	}})
	type refundView struct {
		refund any // typed data
		q      *grants.RefundRequest
		amount *big.Int
		units  grants.TokenUnits
	}
	refundToSign := gql.NewObject(gql.ObjectConfig{Name: "RefundToSign", Description: "A refund for the donor's wallet to sign without paying gas (eth_signTypedData_v4, as DonationToSign's); hand the signature to relayRefund with refund unchanged. What is reclaimed goes to the donor.", Fields: gql.Fields{
		"refund": field(nonNull(jsonScalar), "the Refund (grant, donor, nonce, deadline) in the Grants contract's domain", func(_ context.Context, v *refundView) (any, error) { return v.refund, nil }),
		"amount": field(bigNN, "what it would pay now", func(_ context.Context, v *refundView) (any, error) { return v.amount, nil }),
		"text": field(strNN, `"You can reclaim 250 tUSD."`, func(_ context.Context, v *refundView) (any, error) {
			return fmt.Sprintf("You can reclaim %s.", amountText(v.units, v.amount)), nil
		}),
		"deadline": field(strNN, "relay before this (RFC 3339, the chain's clock)", func(_ context.Context, v *refundView) (any, error) {
			return timeString(time.Unix(int64(v.q.Deadline), 0)), nil
		}),
	}})
	relayedRefund := gql.NewObject(gql.ObjectConfig{Name: "RelayedRefund", Description: "A gasless refund sent and paid for by the server's relayer key, mined.", Fields: gql.Fields{
		"transaction": field(nonNull(txResult), "", func(_ context.Context, v *relayView) (any, error) { return v.tx, nil }),
		"refunded":    field(bigNN, "what the donor was paid", func(_ context.Context, v *relayView) (any, error) { return v.accepted, nil }),
		"text": field(strNN, `"You reclaimed 250 tUSD from grant 3."`, func(_ context.Context, v *relayView) (any, error) {
			return fmt.Sprintf("You reclaimed %s from grant %d.", amountText(v.units, v.accepted), v.grant), nil
		}),
	}})
	badge := gql.NewObject(gql.ObjectConfig{Name: "Badge", Description: "A donor's soulbound SupporterBadge (ERC-721, ERC-5192: never transferable), minted on the first donation to a grant.", Fields: gql.Fields{
		"contract": field(strNN, "the SupporterBadge contract", func(_ context.Context, b *grants.Badge) (any, error) { return b.Contract.Hex(), nil }),
		"tokenId":  field(bigNN, "grant << 160 | donor", func(_ context.Context, b *grants.Badge) (any, error) { return b.ID, nil }),
		"grant":    field(nonNull(longScalar), "", func(_ context.Context, b *grants.Badge) (any, error) { return b.Grant, nil }),
		"owner":    field(strNN, "", func(_ context.Context, b *grants.Badge) (any, error) { return b.Owner.Hex(), nil }),
	}})
	donorGrant := gql.NewObject(gql.ObjectConfig{Name: "DonorGrant", Description: "One grant a donor gave to, and what they may reclaim.", Fields: gql.Fields{
		"grant":       field(nonNull(grant), "", func(_ context.Context, v *donorGrantView) (any, error) { return v.st, nil }),
		"donated":     field(bigNN, "all donations, from events", func(_ context.Context, v *donorGrantView) (any, error) { return v.d.Donated, nil }),
		"outstanding": field(bigNN, "not yet reclaimed", func(_ context.Context, v *donorGrantView) (any, error) { return v.d.Outstanding, nil }),
		"reclaimable": field(bigNN, "what prepareRefund would pay now: all of it after a missed goal, a share of the unreleased remainder after a cancellation, else 0", func(_ context.Context, v *donorGrantView) (any, error) { return v.d.Reclaimable, nil }),
		"refunded":    field(bigNN, "", func(_ context.Context, v *donorGrantView) (any, error) { return v.d.Refunded, nil }),
		"symbol":      field(strNN, "", func(_ context.Context, v *donorGrantView) (any, error) { return v.units.Symbol, nil }),
		"decimals":    field(nonNull(gql.Int), "", func(_ context.Context, v *donorGrantView) (any, error) { return v.units.Decimals, nil }),
		"text": field(strNN, `"You gave 250 tUSD; you can reclaim 250 tUSD."`, func(_ context.Context, v *donorGrantView) (any, error) {
			t := fmt.Sprintf("You gave %s", amountText(v.units, v.d.Donated))
			if v.d.Reclaimable.Sign() > 0 {
				t += fmt.Sprintf("; you can reclaim %s", amountText(v.units, v.d.Reclaimable))
			}
			if v.d.Refunded.Sign() > 0 {
				t += fmt.Sprintf("; %s was refunded to you", amountText(v.units, v.d.Refunded))
			}
			return t + ".", nil
		}),
		"badge": field(badge, "null until the first donation is mined", func(_ context.Context, v *donorGrantView) (any, error) { return v.badge, nil }),
	}})
	type donorView struct {
		address common.Address
		grants  []*donorGrantView
	}
	donor := gql.NewObject(gql.ObjectConfig{Name: "Donor", Description: "A donor's grants, refunds and badges.", Fields: gql.Fields{
		"address": field(strNN, "", func(_ context.Context, v *donorView) (any, error) { return v.address.Hex(), nil }),
		"grants":  field(listOf(donorGrant), "every grant given to, first donation first", func(_ context.Context, v *donorView) (any, error) { return v.grants, nil }),
		"badges": field(listOf(badge), "", func(_ context.Context, v *donorView) (any, error) {
			out := []*grants.Badge{}
			for _, g := range v.grants {
				if g.badge != nil {
					out = append(out, g.badge)
				}
			}
			return out, nil
		}),
		"refundable": field(listOf(donorGrant), "the grants with something to reclaim now", func(_ context.Context, v *donorView) (any, error) {
			out := []*donorGrantView{}
			for _, g := range v.grants {
				if g.d.Reclaimable.Sign() > 0 {
					out = append(out, g)
				}
			}
			return out, nil
		}),
	}})
	idArg := func() *gql.ArgumentConfig { return &gql.ArgumentConfig{Type: gql.NewNonNull(longScalar)} }
	amountOf := func(p gql.ResolveParams) (*big.Int, error) {
		a, ok := p.Args["amount"].(*big.Int)
		if !ok || a.Sign() <= 0 {
			return nil, coded(CodeBadUserInput, errors.New("amount is a positive decimal string of the token's smallest unit"))
		}
		return a, nil
	}
	queries = gql.Fields{
		"estimateMatch": {Type: nonNull(estimateResult), Description: "What a donation of amount to a grant through a round would add to its quadratic match were the round to close now, as the signed-in donor (or donor, or a new donor) would give it: \"Your donation of X adds about Y of matching.\"",
			Args: gql.FieldConfigArgument{"round": idArg(), "grant": idArg(), "amount": {Type: gql.NewNonNull(bigScalar)}, "donor": {Type: gql.String, Description: "default: the signed-in account, else a donor new to the round"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				g, d, err := s.needDonor()
				if err != nil {
					return nil, err
				}
				amount, err := amountOf(p)
				if err != nil {
					return nil, err
				}
				who := common.Address{0xde, 0x5c, 0x1} // a donor no round has seen
				if v, _ := p.Args["donor"].(string); v != "" {
					if !common.IsHexAddress(v) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("donor %q is not an address", v))
					}
					who = common.HexToAddress(v)
				} else if sess := sessionOf(p.Context); sess != nil {
					who = sess.Address
				}
				round, grant := longArg(p, "round"), longArg(p, "grant")
				u := s.units(p.Context, g, round, 0)
				e, err := d.EstimateMatch(p.Context, round, grant, who, amount)
				if err != nil {
					return nil, explain(err, u)
				}
				return &estimateView{e: e, u: u}, nil
			}},
		"donor": {Type: nonNull(donor), Description: "A donor's grants (what they gave, may reclaim, were refunded) and soulbound badges. Default: the signed-in account.",
			Args: gql.FieldConfigArgument{"address": {Type: gql.String}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				g, d, err := s.needDonor()
				if err != nil {
					return nil, err
				}
				var who common.Address
				if v, _ := p.Args["address"].(string); v != "" {
					if !common.IsHexAddress(v) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("address %q is not an address", v))
					}
					who = common.HexToAddress(v)
				} else {
					sess, err := s.needSession(p.Context)
					if err != nil {
						return nil, err
					}
					who = sess.Address
				}
				ids, err := d.DonorGrants(p.Context, who)
				if err != nil {
					return nil, grantsError(err)
				}
				const maxGrants = 200 // each costs a status read; a donor past this is a script
				if len(ids) > maxGrants {
					ids = ids[len(ids)-maxGrants:]
				}
				v := &donorView{address: who, grants: []*donorGrantView{}}
				units := map[common.Address]grants.TokenUnits{}
				for _, id := range ids {
					st, err := g.Status(p.Context, id)
					if err != nil {
						return nil, grantsError(err)
					}
					gv := &donorGrantView{st: st}
					for _, ds := range st.Donors {
						if ds.Donor == who {
							gv.d = ds
						}
					}
					if gv.d.Donated == nil {
						continue
					}
					if gv.badge, err = d.Badge(p.Context, id, who); err != nil {
						return nil, grantsError(err)
					}
					u, ok := units[st.Token]
					if !ok {
						u = d.Units(p.Context, st.Token)
						units[st.Token] = u
					}
					gv.units = u
					v.grants = append(v.grants, gv)
				}
				return v, nil
			}},
	}
	mutations = gql.Fields{
		"donationToSign": {Type: nonNull(toSign), Description: "A donation of amount to a grant (through a round, if given) for the signed-in donor's wallet to sign; the donor needs the tokens, not ETH. Then relayDonation.",
			Args: gql.FieldConfigArgument{"grant": idArg(), "round": {Type: longScalar, Description: "give through this round, which matches it"}, "amount": {Type: gql.NewNonNull(bigScalar), Description: "in the token's smallest unit"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, d, err := s.needDonor()
				if err != nil {
					return nil, err
				}
				amount, err := amountOf(p)
				if err != nil {
					return nil, err
				}
				round, grant := longArg(p, "round"), longArg(p, "grant")
				if s.opts.BeforeEstimate != nil {
					s.opts.BeforeEstimate(p.Context)
				}
				req, err := d.DonationToSign(p.Context, round, grant, amount, sess.Address)
				if err != nil {
					return nil, explain(err, s.units(p.Context, g, round, grant))
				}
				v := &donationToSignView{req: req}
				if v.donation, err = typedDataJSON(d.TypedData(req.Donation)); err != nil {
					return nil, err
				}
				if v.permit, err = typedDataJSON(req.Permit.TypedData()); err != nil {
					return nil, err
				}
				if round != 0 {
					if v.estimate, err = d.EstimateMatch(p.Context, round, grant, sess.Address, amount); err != nil {
						return nil, explain(err, req.Token)
					}
				}
				return v, nil
			}},
		"refundToSign": {Type: nonNull(refundToSign), Description: "A refund of the signed-in donor's donation to a grant (after a missed goal or a cancellation) for their wallet to sign; the donor needs no ETH. Then relayRefund.",
			Args: gql.FieldConfigArgument{"grant": idArg()},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, d, err := s.needDonor()
				if err != nil {
					return nil, err
				}
				if s.opts.BeforeEstimate != nil {
					s.opts.BeforeEstimate(p.Context)
				}
				grant := longArg(p, "grant")
				u := s.units(p.Context, g, 0, grant)
				q, amount, err := d.RefundToSign(p.Context, grant, sess.Address)
				if err != nil {
					return nil, explain(err, u)
				}
				if amount.Sign() == 0 {
					return nil, coded(CodeBadUserInput, fmt.Errorf("you have nothing to reclaim from grant %d now: refunds open when its goal is missed by the deadline or it is cancelled (the grant query shows its state)", grant))
				}
				td, err := typedDataJSON(d.RefundTypedData(*q))
				if err != nil {
					return nil, err
				}
				return &refundView{refund: td, q: q, amount: amount, units: u}, nil
			}},
		"relayDonation": {Type: nonNull(relayed), Description: "Send a donation the signed-in donor signed (donationToSign) from the server's relayer key, which pays the gas, and wait for it to be mined. " +
			"It is simulated first: what would revert is refused in words and nothing is sent. Rate-limited per donor and per client.",
			Args: gql.FieldConfigArgument{
				"donation":          {Type: gql.NewNonNull(jsonScalar), Description: "donationToSign's donation, unchanged (or its message)"},
				"donationSignature": {Type: gql.NewNonNull(gql.String), Description: "the donor's signature of donation: 65 bytes (v 0/1/27/28) or 64 (EIP-2098), 0x-hex; or a contract account's ERC-1271 signature"},
				"permit":            {Type: jsonScalar, Description: "donationToSign's permit, unchanged (its deadline is read from it; default the donation's, which donationToSign gives both)"},
				"permitSignature":   {Type: gql.String, Description: "the donor's signature of donationToSign's permit; omit if the donor approved the Grants contract before"},
			},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, g, d, err := s.relayer(p.Context, "donation", "prepareDonate")
				if err != nil {
					return nil, err
				}
				don, err := donationArg(p.Args["donation"])
				if err != nil {
					return nil, coded(CodeBadUserInput, err)
				}
				if don.Donor != sess.Address {
					return nil, coded(CodeForbidden, fmt.Errorf("the donation is %s's; you are signed in as %s", don.Donor.Hex(), sess.Address.Hex()))
				}
				sig, err := hexArg(p, "donationSignature")
				if err != nil {
					return nil, err
				}
				sd := grants.SignedDonation{Donation: don, Signature: sig}
				if ps, _ := p.Args["permitSignature"].(string); ps != "" {
					if sd.PermitSig, err = hexutil.Decode(strings.TrimSpace(ps)); err != nil {
						return nil, coded(CodeBadUserInput, fmt.Errorf("permitSignature: %w", err))
					}
					sd.PermitExpiry = don.Deadline
					if pv := p.Args["permit"]; pv != nil {
						m, err := typedMessage(pv, "Permit")
						if err != nil {
							return nil, coded(CodeBadUserInput, fmt.Errorf("permit: %w", err))
						}
						if sd.PermitExpiry, err = m.u64("deadline"); err != nil {
							return nil, coded(CodeBadUserInput, fmt.Errorf("permit: %w", err))
						}
					}
				}
				if err := s.admitRelay(p.Context, don.Donor, "donation", "prepareDonate"); err != nil {
					return nil, err
				}
				rcpt, accepted, err := d.Relay(p.Context, sd)
				u := s.units(p.Context, g, don.Round, don.Grant)
				if err != nil {
					return nil, relayError(err, d, u, "prepareDonate")
				}
				return &relayView{tx: &txOutcome{Receipt: rcpt}, accepted: accepted, units: u, grant: don.Grant}, nil
			}},
		"relayRefund": {Type: nonNull(relayedRefund), Description: "Send a refund the signed-in donor signed (refundToSign) from the server's relayer key, as relayDonation: simulated first, refused in words if it would revert, rate-limited with relayDonation.",
			Args: gql.FieldConfigArgument{
				"refund":          {Type: gql.NewNonNull(jsonScalar), Description: "refundToSign's refund, unchanged (or its message)"},
				"refundSignature": {Type: gql.NewNonNull(gql.String), Description: "the donor's signature of refund, 0x-hex (65 or 64 bytes, or ERC-1271)"},
			},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, g, d, err := s.relayer(p.Context, "refund", "prepareRefund")
				if err != nil {
					return nil, err
				}
				q, err := refundArg(p.Args["refund"])
				if err != nil {
					return nil, coded(CodeBadUserInput, err)
				}
				if q.Donor != sess.Address {
					return nil, coded(CodeForbidden, fmt.Errorf("the refund is %s's; you are signed in as %s", q.Donor.Hex(), sess.Address.Hex()))
				}
				sig, err := hexArg(p, "refundSignature")
				if err != nil {
					return nil, err
				}
				if err := s.admitRelay(p.Context, q.Donor, "refund", "prepareRefund"); err != nil {
					return nil, err
				}
				rcpt, amount, err := d.RelayRefund(p.Context, q, sig)
				u := s.units(p.Context, g, 0, q.Grant)
				if err != nil {
					return nil, relayError(err, d, u, "prepareRefund")
				}
				return &relayView{tx: &txOutcome{Receipt: rcpt}, accepted: amount, units: u, grant: q.Grant}, nil
			}},
		"prepareRefund": {Type: nonNull(unsigned), Description: "The transaction by which the signed-in donor reclaims a donation: all of it after a missed goal, a share of what was not released after a cancellation (donor.grants.reclaimable says how much).",
			Args: gql.FieldConfigArgument{"grant": idArg()},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, err := s.needGrants()
				if err != nil {
					return nil, err
				}
				return s.prepare(p.Context, sess.Address, g.Contract(), grantsABI.PackRefund(new(big.Int).SetUint64(longArg(p, "grant"))))
			}},
		"faucet": {Type: strNN, Description: "On a development chain: mint test tokens (TestUSD) to the signed-in account, at most 1,000 tokens a call, rate-limited as relayDonation. Answers what was given, in words.",
			Args: gql.FieldConfigArgument{"token": {Type: gql.String, Description: "default: the token of grant 1"}, "amount": {Type: gql.NewNonNull(bigScalar), Description: "in the token's smallest unit"}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				g, d, err := s.needDonor()
				if err != nil {
					return nil, err
				}
				if s.opts.Faucet == nil {
					return nil, coded(CodeUnavailable, errors.New("this chain has no faucet: its tokens are real; get them as you would elsewhere"))
				}
				amount, err := amountOf(p)
				if err != nil {
					return nil, err
				}
				var token common.Address
				if v, _ := p.Args["token"].(string); v != "" {
					if !common.IsHexAddress(v) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("token %q is not an address", v))
					}
					token = common.HexToAddress(v)
				} else if token, err = g.Token(p.Context, 1); err != nil {
					return nil, grantsError(err)
				}
				u := d.Units(p.Context, token)
				most := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(u.Decimals)+3), nil)
				if amount.Cmp(most) > 0 {
					return nil, coded(CodeBadUserInput, fmt.Errorf("the faucet gives at most %s a call", u.Format(most)))
				}
				if s.relays == nil || !s.relays.allow("faucet:"+sess.Address.Hex(), "faucet-client:"+clientOfCtx(p.Context)) {
					return nil, coded(CodeForbidden, errors.New("too many faucet calls; wait an hour"))
				}
				if err := s.opts.Faucet(p.Context, token, sess.Address, amount); err != nil {
					if errors.Is(err, grants.ErrNotDevToken) {
						return nil, coded(CodeBadUserInput, fmt.Errorf("the faucet cannot mint %s: %w", token.Hex(), err))
					}
					return nil, coded(CodeUnavailable, err)
				}
				return fmt.Sprintf("You received %s.", u.Format(amount)), nil
			}},
	}
	return queries, mutations
}

// typedMessage reads the message of typed data of primary type want, or
// the message alone.
func typedMessage(v any, want string) (typedFields, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s is the typed data this server gave, a JSON object", strings.ToLower(want))
	}
	if msg, ok := m["message"].(map[string]any); ok {
		if pt, _ := m["primaryType"].(string); pt != want {
			return nil, fmt.Errorf("the typed data's primaryType is %q, not %s", pt, want)
		}
		m = msg
	}
	return typedFields(m), nil
}

// typedFields is a typed data message, as JSON decoded it.
type typedFields map[string]any

// num reads a non-negative integer field: a decimal or 0x string, or a
// JSON number.
func (m typedFields) num(name string) (*big.Int, error) {
	var s string
	switch x := m[name].(type) {
	case string:
		s = x
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		s = x.String()
	default:
		return nil, fmt.Errorf("%s is missing", name)
	}
	b, ok := new(big.Int).SetString(s, 0)
	if !ok || b.Sign() < 0 || b.BitLen() > 256 {
		return nil, fmt.Errorf("%s %q is not a non-negative integer", name, s)
	}
	return b, nil
}

func (m typedFields) u64(name string) (uint64, error) {
	b, err := m.num(name)
	if err != nil {
		return 0, err
	}
	if !b.IsUint64() {
		return 0, fmt.Errorf("%s is too large", name)
	}
	return b.Uint64(), nil
}

func (m typedFields) addr(name string) (common.Address, error) {
	a, _ := m[name].(string)
	if !common.IsHexAddress(a) {
		return common.Address{}, fmt.Errorf("%s %q is not an address", name, a)
	}
	return common.HexToAddress(a), nil
}

// donationArg reads a Donation from donationToSign's typed data, or its
// message alone.
func donationArg(v any) (grants.Donation, error) {
	m, err := typedMessage(v, "Donation")
	if err != nil {
		return grants.Donation{}, err
	}
	r := fieldReader{m: m}
	d := grants.Donation{Round: r.u64("round"), Grant: r.u64("grant"), Deadline: r.u64("deadline"),
		Amount: r.num("amount"), Nonce: r.num("nonce"), Donor: r.addr("donor")}
	if r.err != nil {
		return d, fmt.Errorf("donation: %w", r.err)
	}
	return d, nil
}

// refundArg reads a Refund from refundToSign's typed data, or its message.
func refundArg(v any) (grants.RefundRequest, error) {
	m, err := typedMessage(v, "Refund")
	if err != nil {
		return grants.RefundRequest{}, err
	}
	r := fieldReader{m: m}
	q := grants.RefundRequest{Grant: r.u64("grant"), Deadline: r.u64("deadline"), Nonce: r.num("nonce"), Donor: r.addr("donor")}
	if r.err != nil {
		return q, fmt.Errorf("refund: %w", r.err)
	}
	return q, nil
}

// fieldReader reads fields of a message in turn and keeps the first error,
// so a message is read in one expression and checked once.
type fieldReader struct {
	m   typedFields
	err error
}

func (r *fieldReader) num(name string) *big.Int {
	if r.err != nil {
		return nil
	}
	v, err := r.m.num(name)
	r.err = err
	return v
}

func (r *fieldReader) u64(name string) uint64 {
	if r.err != nil {
		return 0
	}
	v, err := r.m.u64(name)
	r.err = err
	return v
}

func (r *fieldReader) addr(name string) common.Address {
	if r.err != nil {
		return common.Address{}
	}
	v, err := r.m.addr(name)
	r.err = err
	return v
}
