package grants

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/grants/contract/gen"
)

// Donation is what a donor signs (EIP-712, the Grants contract's domain)
// for someone else to send and pay for: Grants.donateBySig. The contract
// checks the signature, so whoever relays it cannot change the grant,
// the round or the amount, and each nonce is used once.
type Donation struct {
	Round    uint64         // 0: a plain donation to the grant; else the round it is given through
	Grant    uint64         //
	Amount   *big.Int       // the most to take, in the token's smallest unit
	Donor    common.Address //
	Nonce    *big.Int       // Grants.nonces(donor) when signed
	Deadline uint64         // unix seconds, by the chain's clock
}

// Permit is an EIP-2612 permit letting the Grants contract take Value of
// Token from Owner, as the token's own domain has it.
type Permit struct {
	Token    common.Address
	Owner    common.Address
	Spender  common.Address
	Value    *big.Int
	Nonce    *big.Int
	Deadline uint64
	Domain   apitypes.TypedDataDomain // the token's, from its eip712Domain()
}

// DonationRequest is what a donor's wallet signs to donate without gas:
// the donation and the permit, each as EIP-712 typed data ready for
// eth_signTypedData_v4.
type DonationRequest struct {
	Donation Donation
	Permit   Permit
	Token    TokenUnits // how the amount reads
}

// Errors of gasless donations.
var (
	ErrBadSignature = errors.New("grants: the signature is not the donor's")
	ErrExpired      = errors.New("grants: the signed donation has expired")
)

// DonationTTL is how long a donation prepared by DonationToSign may be
// relayed: long enough to read the wallet's prompt, short enough that a
// forgotten signature is soon worthless.
const DonationTTL = 30 * time.Minute

// DonationToSign builds the donation and permit a donor signs to give
// amount to a grant (through round, if not 0) without holding ETH, with
// the donor's current nonces and a deadline DonationTTL past the chain's
// head. What the contract would refuse (a closed grant or round, a grant
// not in the round, too few tokens) is refused here as the *RevertError
// the chain would give, before the donor signs anything.
func (c *Client) DonationToSign(ctx context.Context, round, grant uint64, amount *big.Int, donor common.Address) (*DonationRequest, error) {
	if amount == nil || amount.Sign() <= 0 {
		return nil, fmt.Errorf("grants: the amount must be positive")
	}
	head, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("grants: chain unreachable: %w", err)
	}
	// What the contract would refuse, refused now, before the donor signs.
	refuse := func(reason string, detail any) error {
		return &RevertError{Op: "donate", Reason: reason, Detail: detail}
	}
	g, err := c.grant(ctx, grant)
	if err != nil {
		return nil, err
	}
	token := g.Token
	switch {
	case g.Cancelled:
		return nil, refuse("GrantCancelled", &gen.GrantsGrantCancelled{GrantId: u256(grant)})
	case head.Time > g.Deadline:
		return nil, refuse("DeadlinePassed", &gen.GrantsDeadlinePassed{GrantId: u256(grant), Deadline: u256(g.Deadline)})
	case g.Raised.Cmp(g.Goal) >= 0:
		return nil, refuse("GoalReached", &gen.GrantsGoalReached{GrantId: u256(grant)})
	}
	if round != 0 {
		r, err := c.Round(ctx, round)
		if err != nil {
			return nil, err
		}
		now := time.Unix(int64(head.Time), 0)
		if now.Before(r.Start) || now.After(r.End) {
			return nil, refuse("RoundNotOpen", &gen.GrantsRoundNotOpen{RoundId: u256(round)})
		}
		if !slices.Contains(r.Grants, grant) {
			return nil, refuse("NotEligible", &gen.GrantsNotEligible{RoundId: u256(round), GrantId: u256(grant)})
		}
		token = r.Token
	}
	if bal, err := c.Balance(ctx, token, donor); err == nil && bal.Cmp(amount) < 0 {
		return nil, refuse("ERC20InsufficientBalance", &gen.TestUSDERC20InsufficientBalance{Sender: donor, Balance: bal, Needed: amount})
	}
	nonce, err := call(ctx, c, "nonces", grantsABI.PackNonces(donor), grantsABI.UnpackNonces)
	if err != nil {
		return nil, err
	}
	deadline := head.Time + uint64(DonationTTL/time.Second)
	p, err := c.permitFor(ctx, token, donor, amount, deadline)
	if err != nil {
		return nil, err
	}
	return &DonationRequest{
		Donation: Donation{Round: round, Grant: grant, Amount: amount, Donor: donor, Nonce: nonce, Deadline: deadline},
		Permit:   *p,
		Token:    c.Units(ctx, token),
	}, nil
}

// permitFor reads a token's EIP-712 domain (ERC-5267) and the owner's
// permit nonce.
func (c *Client) permitFor(ctx context.Context, token, owner common.Address, value *big.Int, deadline uint64) (*Permit, error) {
	dom, err := callAt(ctx, c, "eip712Domain", token, tokenABI.PackEip712Domain(), tokenABI.UnpackEip712Domain)
	if err != nil {
		return nil, fmt.Errorf("grants: the token %s does not support permits (EIP-2612 with ERC-5267): %w", token.Hex(), err)
	}
	nonce, err := callAt(ctx, c, "nonces", token, tokenABI.PackNonces(owner), tokenABI.UnpackNonces)
	if err != nil {
		return nil, fmt.Errorf("grants: the token %s does not support permits: %w", token.Hex(), err)
	}
	return &Permit{Token: token, Owner: owner, Spender: c.opts.Contract, Value: value, Nonce: nonce, Deadline: deadline,
		Domain: apitypes.TypedDataDomain{Name: dom.Name, Version: dom.Version, ChainId: (*math.HexOrDecimal256)(dom.ChainId),
			VerifyingContract: dom.VerifyingContract.Hex()}}, nil
}

// domain is the Grants contract's EIP-712 domain (Grants.sol's constructor).
func (c *Client) domain() apitypes.TypedDataDomain {
	return apitypes.TypedDataDomain{Name: "desci Grants", Version: "1", ChainId: (*math.HexOrDecimal256)(c.chainID),
		VerifyingContract: c.opts.Contract.Hex()}
}

var domainTypes = []apitypes.Type{
	{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
}

// TypedData is the donation as EIP-712 typed data in the Grants
// contract's domain. Only the primary type and EIP712Domain are in its
// types; numbers are decimal strings.
func (c *Client) TypedData(d Donation) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": domainTypes,
			"Donation": {{Name: "round", Type: "uint256"}, {Name: "grant", Type: "uint256"}, {Name: "amount", Type: "uint256"},
				{Name: "donor", Type: "address"}, {Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"}},
		},
		PrimaryType: "Donation",
		Domain:      c.domain(),
		Message: apitypes.TypedDataMessage{
			"round": fmt.Sprint(d.Round), "grant": fmt.Sprint(d.Grant), "amount": d.Amount.String(),
			"donor": d.Donor.Hex(), "nonce": d.Nonce.String(), "deadline": fmt.Sprint(d.Deadline),
		},
	}
}

// TypedData is the permit as EIP-712 typed data in the token's domain.
func (p Permit) TypedData() apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": domainTypes,
			"Permit": {{Name: "owner", Type: "address"}, {Name: "spender", Type: "address"}, {Name: "value", Type: "uint256"},
				{Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"}},
		},
		PrimaryType: "Permit",
		Domain:      p.Domain,
		Message: apitypes.TypedDataMessage{
			"owner": p.Owner.Hex(), "spender": p.Spender.Hex(), "value": p.Value.String(),
			"nonce": p.Nonce.String(), "deadline": fmt.Sprint(p.Deadline),
		},
	}
}

// NormalizeSignature returns a 65-byte signature with v in {27, 28}, as
// the contracts take them, from any form wallets give: 65 bytes with v in
// {0, 1, 27, 28}, or 64 bytes (EIP-2098 compact). Anything else is
// returned as it is, for an ERC-1271 account to judge.
func NormalizeSignature(sig []byte) []byte {
	switch len(sig) {
	case 65:
		out := append([]byte(nil), sig...)
		if out[64] < 27 {
			out[64] += 27
		}
		return out
	case 64:
		out := make([]byte, 65)
		copy(out, sig[:32])
		copy(out[32:64], sig[32:64])
		out[64] = 27 + sig[32]>>7
		out[32] &= 0x7f
		return out
	}
	return sig
}

// SignedDonation is a donation and permit as signed by the donor.
// PermitSig may be nil when the donor has approved the contract before.
type SignedDonation struct {
	Donation     Donation
	Signature    []byte
	PermitSig    []byte
	PermitExpiry uint64 // the permit's deadline as signed (the donation's, from DonationToSign)
}

// Relay sends a signed donation from the client's key, which pays the
// gas. It first checks the signature (an account with code is asked by
// the contract, ERC-1271) and simulates the transaction: what would
// revert is refused here, as a *RevertError, and costs nothing. The
// transaction is one call, so a failure leaves no state behind.
func (c *Client) Relay(ctx context.Context, s SignedDonation) (*types.Receipt, *big.Int, error) {
	d := s.Donation
	if d.Amount == nil || d.Nonce == nil {
		return nil, nil, fmt.Errorf("grants: relay: the donation has no amount or nonce")
	}
	sig := NormalizeSignature(s.Signature)
	if err := c.checkSigner(ctx, d.Donor, c.TypedData(d), sig); err != nil {
		return nil, nil, err
	}
	pexpiry, v, r, ps, err := s.permit()
	if err != nil {
		return nil, nil, err
	}
	data := packDonateBySig(d, sig, pexpiry, v, r, ps)
	// send estimates the gas first: a donation that would revert (expired,
	// spent nonce, no allowance, a closed grant) stops there, unsent.
	rcpt, err := c.transact(ctx, "donate by signature", data)
	if err != nil {
		return rcpt, nil, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackDonatedEvent(l); err == nil && l.Address == c.opts.Contract {
			return rcpt, ev.Amount, nil
		}
	}
	return rcpt, new(big.Int), nil
}

// permit splits the permit signature as donateBySig takes it; a zero
// deadline (no permit) when there is none.
func (s SignedDonation) permit() (expiry *big.Int, v uint8, r, ps [32]byte, err error) {
	expiry = new(big.Int)
	if len(s.PermitSig) == 0 {
		return expiry, 0, r, ps, nil
	}
	p := NormalizeSignature(s.PermitSig)
	if len(p) != 65 {
		return nil, 0, r, ps, fmt.Errorf("grants: relay: the permit signature is %d bytes, not 65 or 64", len(s.PermitSig))
	}
	copy(r[:], p[:32])
	copy(ps[:], p[32:64])
	return expiry.SetUint64(s.PermitExpiry), p[64], r, ps, nil
}

func packDonateBySig(d Donation, sig []byte, pexpiry *big.Int, v uint8, r, s [32]byte) []byte {
	return grantsABI.PackDonateBySig(gen.GrantsDonation{Round: u256(d.Round), Grant: u256(d.Grant), Amount: d.Amount,
		Donor: d.Donor, Nonce: d.Nonce, Deadline: u256(d.Deadline)}, sig, pexpiry, v, r, s)
}

// Sign signs a donation request with the client's key, as the donor's
// wallet does with eth_signTypedData_v4: the donation, and the permit.
func (c *Client) Sign(req *DonationRequest) (SignedDonation, error) {
	if c.signer == nil {
		return SignedDonation{}, ErrNoSigner
	}
	sign := func(td apitypes.TypedData) ([]byte, error) {
		hash, _, err := apitypes.TypedDataAndHash(td)
		if err != nil {
			return nil, err
		}
		sig, err := c.signer.SignHash(hash)
		if err != nil {
			return nil, err
		}
		sig[64] += 27
		return sig, nil
	}
	ds, err := sign(c.TypedData(req.Donation))
	if err != nil {
		return SignedDonation{}, err
	}
	ps, err := sign(req.Permit.TypedData())
	if err != nil {
		return SignedDonation{}, err
	}
	return SignedDonation{Donation: req.Donation, Signature: ds, PermitSig: ps, PermitExpiry: req.Permit.Deadline}, nil
}

// RefundRequest is what a donor signs (EIP-712, the Grants contract's
// domain) for someone else to reclaim their donation for them:
// Grants.refundBySig. What is reclaimed goes to the donor whoever sends it.
type RefundRequest struct {
	Grant    uint64
	Donor    common.Address
	Nonce    *big.Int // Grants.nonces(donor), shared with donations
	Deadline uint64   // unix seconds, by the chain's clock
}

// RefundToSign builds the refund a donor signs to reclaim from a grant
// without holding ETH, with the donor's nonce and a deadline DonationTTL
// past the chain's head, and says what it would pay now.
func (c *Client) RefundToSign(ctx context.Context, grant uint64, donor common.Address) (*RefundRequest, *big.Int, error) {
	if _, err := c.grant(ctx, grant); err != nil {
		return nil, nil, err
	}
	amount, err := c.Reclaimable(ctx, grant, donor)
	if err != nil {
		return nil, nil, err
	}
	nonce, err := call(ctx, c, "nonces", grantsABI.PackNonces(donor), grantsABI.UnpackNonces)
	if err != nil {
		return nil, nil, err
	}
	head, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("grants: chain unreachable: %w", err)
	}
	return &RefundRequest{Grant: grant, Donor: donor, Nonce: nonce, Deadline: head.Time + uint64(DonationTTL/time.Second)}, amount, nil
}

// RefundTypedData is the refund as EIP-712 typed data in the Grants
// contract's domain.
func (c *Client) RefundTypedData(q RefundRequest) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": domainTypes,
			"Refund": {{Name: "grant", Type: "uint256"}, {Name: "donor", Type: "address"},
				{Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"}},
		},
		PrimaryType: "Refund",
		Domain:      c.domain(),
		Message: apitypes.TypedDataMessage{
			"grant": fmt.Sprint(q.Grant), "donor": q.Donor.Hex(), "nonce": q.Nonce.String(), "deadline": fmt.Sprint(q.Deadline),
		},
	}
}

// SignRefund signs a refund with the client's key, as a wallet would.
func (c *Client) SignRefund(q RefundRequest) ([]byte, error) {
	if c.signer == nil {
		return nil, ErrNoSigner
	}
	hash, _, err := apitypes.TypedDataAndHash(c.RefundTypedData(q))
	if err != nil {
		return nil, err
	}
	sig, err := c.signer.SignHash(hash)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// RelayRefund sends a refund the donor signed from the client's key, as
// Relay does a donation: the signature checked here first (an account
// with code is asked by the contract), the call simulated, one call so a
// failure leaves nothing. It returns what the donor was paid.
func (c *Client) RelayRefund(ctx context.Context, q RefundRequest, signature []byte) (*types.Receipt, *big.Int, error) {
	if q.Nonce == nil {
		return nil, nil, fmt.Errorf("grants: relay refund: no nonce")
	}
	sig := NormalizeSignature(signature)
	if err := c.checkSigner(ctx, q.Donor, c.RefundTypedData(q), sig); err != nil {
		return nil, nil, err
	}
	data := grantsABI.PackRefundBySig(gen.GrantsRefund{Grant: u256(q.Grant), Donor: q.Donor, Nonce: q.Nonce, Deadline: u256(q.Deadline)}, sig)
	rcpt, err := c.transact(ctx, "refund by signature", data)
	if err != nil {
		return rcpt, nil, err
	}
	for _, l := range rcpt.Logs {
		if ev, err := grantsABI.UnpackRefundedEvent(l); err == nil && l.Address == c.opts.Contract {
			return rcpt, ev.Amount, nil
		}
	}
	return rcpt, new(big.Int), nil
}

// checkSigner reports ErrBadSignature unless sig (normalized) is signer's
// of td; an account with code is left for the contract to ask (ERC-1271).
func (c *Client) checkSigner(ctx context.Context, signer common.Address, td apitypes.TypedData, sig []byte) error {
	code, err := c.backend.CodeAt(ctx, signer, nil)
	if err != nil || len(code) > 0 {
		return nil
	}
	hash, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return err
	}
	if len(sig) != 65 {
		return fmt.Errorf("%w: %d bytes is no signature", ErrBadSignature, len(sig))
	}
	rsv := append([]byte(nil), sig...)
	rsv[64] -= 27
	pub, err := crypto.SigToPub(hash, rsv)
	if err != nil || crypto.PubkeyToAddress(*pub) != signer {
		return fmt.Errorf("%w %s: it was signed by another account, or for other terms or another nonce", ErrBadSignature, signer.Hex())
	}
	return nil
}
