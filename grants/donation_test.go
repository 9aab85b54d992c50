package grants

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	evilgen "github.com/desci-platform/desci/grants/internal/evil/gen"
	"github.com/desci-platform/desci/keys"
)

// A donor with no ETH at all signs a donation and a permit; another
// account relays them and pays the gas. The donation is the donor's: the
// tokens leave the donor, the badge is the donor's, the round counts the
// donor; the donor's ETH stays zero. On the simulated chain and on geth.
func TestEndToEndGaslessDonation(t *testing.T) { chains(t, 10, gaslessDonation) }

func gaslessDonation(t *testing.T, e *env) {
	k, err := crypto.GenerateKey()
	must(t, err)
	donorKey := keys.NewKey(k)
	donor, err := New(e.ctx, e.chain, donorKey, Options{Contract: e.grants})
	must(t, err)
	relayer := e.clients[outsider]
	r, ids := e.openRound()
	must(t, second(e.clients[deployer].Mint(e.ctx, e.token, donorKey.Address(), big.NewInt(500))))

	est, err := relayer.EstimateMatch(e.ctx, r, ids[0], donorKey.Address(), big.NewInt(200))
	must(t, err)
	if est.Before.Sign() != 0 || est.Adds.Sign() != 0 || est.Amount.Int64() != 200 {
		// The first donor of a round gets no match: (√c)² − c = 0.
		t.Errorf("estimate before any donation: %+v", est)
	}

	// A plain donation, then one through the round: nonces 0 and 1.
	for i, round := range []uint64{0, r} {
		req, err := relayer.DonationToSign(e.ctx, round, ids[0], big.NewInt(200), donorKey.Address())
		must(t, err)
		if req.Donation.Nonce.Int64() != int64(i) || req.Token.Symbol != "tUSD" || req.Token.Decimals != 6 {
			t.Fatalf("request %+v", req)
		}
		// The contract hashes what Go hashes.
		want, err := call(e.ctx, relayer, "digest", grantsABI.PackDonationDigest(donationArg(req.Donation)), grantsABI.UnpackDonationDigest)
		must(t, err)
		got, _, err := apitypes.TypedDataAndHash(relayer.TypedData(req.Donation))
		must(t, err)
		if common.BytesToHash(got) != common.Hash(want) {
			t.Fatalf("digest: Go %x, contract %x", got, want)
		}
		signed, err := donor.Sign(req)
		must(t, err)
		rcpt, accepted, err := relayer.Relay(e.ctx, signed)
		must(t, err)
		if accepted.Int64() != 200 || rcpt.GasUsed == 0 {
			t.Fatalf("accepted %v", accepted)
		}
		t.Logf("a relayed donation (round %d, nonce %d): %d gas, paid by the relayer", round, i, rcpt.GasUsed)
	}
	wantBalance(t, e, donorKey.Address(), 100)
	eth, err := e.chain.BalanceAt(e.ctx, donorKey.Address(), nil)
	must(t, err)
	if eth.Sign() != 0 {
		t.Errorf("the donor paid %s wei of gas", eth)
	}
	st, err := relayer.Status(e.ctx, ids[0])
	must(t, err)
	if len(st.Donors) != 1 || st.Donors[0].Donor != donorKey.Address() || st.Donors[0].Donated.Int64() != 400 {
		t.Errorf("donors %+v", st.Donors)
	}
	contribs, err := relayer.Contributions(e.ctx, r)
	must(t, err)
	if len(contribs) != 1 || contribs[0].Donor != donorKey.Address() || contribs[0].Amount.Int64() != 200 {
		t.Errorf("round contributions %+v", contribs)
	}
	b, err := relayer.Badge(e.ctx, ids[0], donorKey.Address())
	must(t, err)
	if b == nil || b.Owner != donorKey.Address() || b.ID.Cmp(badgeID(ids[0], donorKey.Address())) != 0 || b.Contract != e.badge() {
		t.Errorf("badge %+v", b)
	}
	if b, err := relayer.Badge(e.ctx, ids[1], donorKey.Address()); err != nil || b != nil {
		t.Errorf("a badge for a grant not given to: %+v, %v", b, err)
	}
	mine, err := relayer.DonorGrants(e.ctx, donorKey.Address())
	must(t, err)
	if len(mine) != 1 || mine[0] != ids[0] {
		t.Errorf("donor's grants %v", mine)
	}
	// A second donor to the same grant now makes a match.
	est, err = relayer.EstimateMatch(e.ctx, r, ids[0], e.addr(donor2), big.NewInt(200))
	must(t, err)
	if est.Before.Sign() != 0 || est.Adds.Sign() <= 0 || est.After.Cmp(est.Adds) != 0 {
		t.Errorf("estimate with a second donor: %+v", est)
	}
}

func donationArg(d Donation) struct {
	Round, Grant, Amount *big.Int
	Donor                common.Address
	Nonce, Deadline      *big.Int
} {
	return struct {
		Round, Grant, Amount *big.Int
		Donor                common.Address
		Nonce, Deadline      *big.Int
	}{u256(d.Round), u256(d.Grant), d.Amount, d.Donor, d.Nonce, u256(d.Deadline)}
}

func badgeID(grant uint64, donor common.Address) *big.Int {
	return new(big.Int).Or(new(big.Int).Lsh(u256(grant), 160), new(big.Int).SetBytes(donor.Bytes()))
}

func TestNormalizeSignature(t *testing.T) {
	k, _ := crypto.GenerateKey()
	hash := crypto.Keccak256([]byte("x"))
	sig, _ := crypto.Sign(hash, k) // v in {0, 1}
	want := append(append([]byte(nil), sig[:64]...), sig[64]+27)
	compact := append([]byte(nil), sig[:64]...)
	compact[32] |= sig[64] << 7
	for name, in := range map[string][]byte{"v 0/1": sig, "v 27/28": want, "EIP-2098": compact} {
		if got := NormalizeSignature(in); string(got) != string(want) {
			t.Errorf("%s: %x, want %x", name, got, want)
		}
	}
	if got := NormalizeSignature([]byte{1, 2, 3}); len(got) != 3 {
		t.Errorf("an ERC-1271 signature was changed: %x", got)
	}
}

// A donor who gave without gas reclaims without gas after a missed goal:
// the refund goes to the donor whoever sends it, and only once.
func TestGaslessRefund(t *testing.T) {
	e := newEnv(t, 10)
	k, err := crypto.GenerateKey()
	must(t, err)
	donorKey := keys.NewKey(k)
	donor, err := New(e.ctx, e.chain, donorKey, Options{Contract: e.grants})
	must(t, err)
	relayer := e.clients[outsider]
	id := e.standardGrant()
	must(t, second(e.clients[deployer].Mint(e.ctx, e.token, donorKey.Address(), big.NewInt(300))))
	req, err := relayer.DonationToSign(e.ctx, 0, id, big.NewInt(300), donorKey.Address())
	must(t, err)
	signed, err := donor.Sign(req)
	must(t, err)
	if _, _, err := relayer.Relay(e.ctx, signed); err != nil {
		t.Fatal(err)
	}

	if _, amount, err := relayer.RefundToSign(e.ctx, id, donorKey.Address()); err != nil || amount.Sign() != 0 {
		t.Fatalf("reclaimable before the deadline: %v, %v", amount, err)
	}
	st, err := relayer.Status(e.ctx, id)
	must(t, err)
	e.pass(st.Deadline)
	q, amount, err := relayer.RefundToSign(e.ctx, id, donorKey.Address())
	must(t, err)
	if amount.Int64() != 300 || q.Nonce.Int64() != 1 {
		t.Fatalf("refund to sign %+v, %v", q, amount)
	}
	sig, err := donor.SignRefund(*q)
	must(t, err)
	// Another account's signature is refused before anything is sent.
	forged, err := relayer.SignRefund(*q)
	must(t, err)
	if _, _, err := relayer.RelayRefund(e.ctx, *q, forged); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a forged refund: %v", err)
	}
	_, got, err := relayer.RelayRefund(e.ctx, *q, sig)
	must(t, err)
	if got.Int64() != 300 {
		t.Errorf("refunded %v", got)
	}
	wantBalance(t, e, donorKey.Address(), 300)
	if _, _, err := relayer.RelayRefund(e.ctx, *q, sig); Reason(err) != "InvalidAccountNonce" {
		t.Errorf("the refund replayed: %v", err)
	}
	if eth, err := e.chain.BalanceAt(e.ctx, donorKey.Address(), nil); err != nil || eth.Sign() != 0 {
		t.Errorf("the donor holds %v wei", eth)
	}
}

// A smart-contract account (ERC-1271) donates without gas: its owner's
// key signs the donation, the Grants contract asks the account, and the
// badge is the account's. A signature by another key is refused on chain.
func TestSmartAccountGaslessDonation(t *testing.T) {
	e := newEnv(t, 10)
	walletABI := evilgen.NewSmartWallet()
	owner := e.clients[donor1]
	rcpt, err := owner.send(e.ctx, "deploy wallet", nil, append(common.FromHex(evilgen.SmartWalletMetaData.Bin), walletABI.PackConstructor(e.addr(donor1))...))
	must(t, err)
	wallet := rcpt.ContractAddress
	id := e.standardGrant()
	must(t, second(e.clients[deployer].Mint(e.ctx, e.token, wallet, big.NewInt(500))))
	// A contract cannot sign an EIP-2612 permit: it approves beforehand.
	must(t, second(owner.send(e.ctx, "approve from the wallet", &wallet, walletABI.PackExecute(e.token, tokenABI.PackApprove(e.grants, big.NewInt(500))))))

	relayer := e.clients[outsider]
	for _, tt := range []struct {
		signer int
		want   string
	}{{donor2, "BadSignature"}, {donor1, ""}} {
		req, err := relayer.DonationToSign(e.ctx, 0, id, big.NewInt(200), wallet)
		must(t, err)
		s, err := e.clients[tt.signer].Sign(req)
		must(t, err)
		s.PermitSig = nil
		_, accepted, err := relayer.Relay(e.ctx, s)
		if got := Reason(err); got != tt.want {
			t.Fatalf("signed by %d: %v, want %q", tt.signer, err, tt.want)
		}
		if tt.want == "" && accepted.Int64() != 200 {
			t.Errorf("accepted %v", accepted)
		}
	}
	wantBalance(t, e, wallet, 300)
	b, err := relayer.Badge(e.ctx, id, wallet)
	must(t, err)
	if b == nil || b.Owner != wallet {
		t.Errorf("badge %+v", b)
	}
}
