package graphql

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// donateEnv is a server on the embedded chain with the Grants contract,
// TestUSD, a faucet, one grant (1, goal 1,000 tUSD) and a round (1) over
// it and grant 2, funded with 500 tUSD by the steward as operator.
type donateEnv struct {
	*env
	dev                 *chain.Dev
	grants, token       common.Address
	minter              *grants.Client
	researcher, steward string // sessions
}

const tUSD = 1_000_000 // units of one tUSD

func newDonateEnv(t *testing.T, edit func(*Options)) *donateEnv {
	t.Helper()
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var closeOnce sync.Once
	t.Cleanup(func() { closeOnce.Do(func() { dev.Close() }) })
	deployer := keys.NewKey(chain.DevAccounts()[0])
	notaryAddr, err := notary.DeployNotary(ctx, dev.Client(), keys.NewKey(chain.DevAccounts()[1]))
	if err != nil {
		t.Fatal(err)
	}
	d := &donateEnv{dev: dev}
	if d.grants, _, err = grants.Deploy(ctx, dev.Client(), deployer, notaryAddr); err != nil {
		t.Fatal(err)
	}
	if d.token, _, err = grants.DeployTestUSD(ctx, dev.Client(), deployer); err != nil {
		t.Fatal(err)
	}
	d.minter, _ = grants.New(ctx, dev.Client(), deployer, grants.Options{Contract: d.grants})
	d.env = newEnv(t, func(o *Options) {
		signer := o.Signer.(*keys.Key)
		d.fund(t, signer.Address())
		c, err := grants.New(ctx, dev.Client(), signer, grants.Options{Contract: d.grants})
		if err != nil {
			t.Fatal(err)
		}
		o.Grants, o.Chain = c, dev.Client()
		o.Faucet = func(ctx context.Context, token, to common.Address, amount *big.Int) error {
			_, err := d.minter.Mint(ctx, token, to, amount)
			return err
		}
		if edit != nil {
			edit(o)
		}
	})
	d.srv.opts.Roles[addr(d.env.steward)] = []string{RoleSteward, RoleOperator}
	for _, k := range []*ecdsa.PrivateKey{d.env.researcher, d.env.steward} {
		d.fund(t, addr(k))
	}
	d.researcher, d.steward = d.signIn(d.env.researcher), d.signIn(d.env.steward)
	deadline := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	for range 2 {
		d.ok(d.researcher, `mutation($token: String!, $deadline: String!, $reviewer: String!) {
			createGrant(token: $token, deadline: $deadline, milestones: [{amount: "1000000000", description: "the study"}], reviewers: [$reviewer], threshold: 1) { id } }`,
			map[string]any{"token": d.token.Hex(), "deadline": deadline, "reviewer": addr(d.env.steward).Hex()})
	}
	if _, err := d.minter.Mint(ctx, d.token, addr(d.env.steward), big.NewInt(500*tUSD)); err != nil {
		t.Fatal(err)
	}
	head, err := dev.Client().HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := d.ok(d.steward, `mutation($token: String!, $end: String!) { prepareCreateRound(token: $token, end: $end, claimPeriod: 3600, grants: [1, 2]) { `+unsignedFields+` } }`,
		map[string]any{"token": d.token.Hex(), "end": time.Unix(int64(head.Time)+86400, 0).UTC().Format(time.RFC3339)})
	d.send(t, d.steward, signPrepared(t, r["prepareCreateRound"].(map[string]any), d.env.steward))
	for _, tx := range d.ok(d.steward, `mutation { prepareFundRound(round: 1, amount: "500000000") { `+unsignedFields+` } }`, nil)["prepareFundRound"].([]any) {
		d.send(t, d.steward, signPrepared(t, tx.(map[string]any), d.env.steward))
	}
	return d
}

func (d *donateEnv) fund(t *testing.T, a common.Address) {
	t.Helper()
	if err := d.dev.Fund(context.Background(), a, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))); err != nil {
		t.Fatal(err)
	}
}

func (d *donateEnv) send(t *testing.T, token, signed string) {
	t.Helper()
	r := d.ok(token, `mutation($s: String!) { sendTransaction(signed: $s) { success revertReason } }`, map[string]any{"s": signed})
	if get(r, "sendTransaction.success") != true {
		t.Fatalf("sendTransaction = %v", r)
	}
}

// signDonationData signs donationToSign's typed data as eth_signTypedData_v4
// does, from the JSON the API returned.
func signDonationData(t *testing.T, v any, k *ecdsa.PrivateKey) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var td apitypes.TypedData
	if err := json.Unmarshal(b, &td); err != nil {
		t.Fatal(err)
	}
	hash, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.Sign(hash, k)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

const toSignFields = `donation permit amount text token symbol decimals deadline estimate { amount before after adds }`

// A donor who holds tokens and no ETH gives through the round by signing
// twice; the server relays. The donor's page then shows the grant, the
// badge and the round estimate; refusals speak in tUSD and say what next.
func TestGaslessDonationAPI(t *testing.T) {
	d := newDonateEnv(t, nil)
	ctx := context.Background()
	donorKey, _ := crypto.GenerateKey()
	donor := d.signIn(donorKey)

	t.Run("with no tokens the donor is told in tUSD, and how to get some", func(t *testing.T) {
		r2 := d.do(donor, `mutation { donationToSign(grant: 1, amount: "250000000") { donation permit } }`, nil)
		if r2.code() != CodeBadUserInput || r2.Errors[0].Extensions["next"] != "GET_TOKENS" ||
			!strings.Contains(r2.Errors[0].Message, "You have 0 tUSD and this needs 250 tUSD") || !strings.Contains(r2.Errors[0].Message, "faucet") {
			t.Fatalf("a donation without tokens: %+v", r2.Errors)
		}
		t.Log(r2.Errors[0].Message)
		if n, _ := d.dev.Client().NonceAt(ctx, addr(donorKey), nil); n != 0 {
			t.Errorf("the donor's account moved: nonce %d", n)
		}
	})
	t.Run("the faucet gives test tokens, in words", func(t *testing.T) {
		r := d.ok(donor, `mutation { faucet(amount: "300000000") }`, nil)
		if r["faucet"] != "You received 300 tUSD." {
			t.Errorf("faucet = %v", r)
		}
		if r := d.do(donor, `mutation { faucet(amount: "1000000001") }`, nil); r.code() != CodeBadUserInput {
			t.Errorf("a faucet call over its cap: %+v", r.Errors)
		}
	})
	t.Run("the estimate says what the donation adds to the match", func(t *testing.T) {
		r := d.ok(donor, `{ estimateMatch(round: 1, grant: 1, amount: "100000000") { text symbol estimate { adds } } }`, nil)
		if get(r, "estimateMatch.symbol") != "tUSD" || !strings.HasPrefix(get(r, "estimateMatch.text").(string), "Your donation of 100 tUSD adds about 0 tUSD") {
			t.Errorf("estimateMatch = %v", r)
		}
	})
	var signed map[string]any
	t.Run("the donor signs the donation and the permit; the server relays them", func(t *testing.T) {
		r := d.ok(donor, `mutation { donationToSign(grant: 1, round: 1, amount: "100000000") { `+toSignFields+` } }`, nil)
		if get(r, "donationToSign.text") != "100 tUSD" || get(r, "donationToSign.symbol") != "tUSD" || get(r, "donationToSign.decimals") != float64(6) ||
			get(r, "donationToSign.donation.primaryType") != "Donation" || get(r, "donationToSign.permit.primaryType") != "Permit" ||
			get(r, "donationToSign.donation.domain.verifyingContract") != d.grants.Hex() || get(r, "donationToSign.estimate.adds") != "0" {
			t.Fatalf("donationToSign = %v", r)
		}
		signed = map[string]any{"d": get(r, "donationToSign.donation"), "s": signDonationData(t, get(r, "donationToSign.donation"), donorKey),
			"p": signDonationData(t, get(r, "donationToSign.permit"), donorKey)}
		withPermit := map[string]any{"pt": get(r, "donationToSign.permit")}
		for k, v := range signed {
			withPermit[k] = v
		}
		out := d.ok(donor, `mutation($d: JSON!, $s: String!, $pt: JSON, $p: String) { relayDonation(donation: $d, donationSignature: $s, permit: $pt, permitSignature: $p) {
			accepted text hash success revertReason transaction { hash success gasUsed } } }`, withPermit)
		if get(out, "relayDonation.accepted") != "100000000" || get(out, "relayDonation.text") != "You gave 100 tUSD to grant 1." ||
			get(out, "relayDonation.transaction.success") != true || get(out, "relayDonation.success") != true ||
			get(out, "relayDonation.hash") != get(out, "relayDonation.transaction.hash") || get(out, "relayDonation.revertReason") != nil {
			t.Fatalf("relayDonation = %v", out)
		}
		if eth, _ := d.dev.Client().BalanceAt(ctx, addr(donorKey), nil); eth.Sign() != 0 {
			t.Errorf("the donor holds %s wei: it paid gas?", eth)
		}
	})
	t.Run("the same signatures again are refused in words, and nothing moves", func(t *testing.T) {
		before, _ := d.minter.Balance(ctx, d.token, addr(donorKey))
		r := d.do(donor, `mutation($d: JSON!, $s: String!, $p: String) { relayDonation(donation: $d, donationSignature: $s, permitSignature: $p) { accepted } }`, signed)
		if r.code() != CodeBadUserInput || r.Errors[0].Extensions["next"] != "SIGN_AGAIN" || !strings.Contains(r.Errors[0].Message, "already used") {
			t.Errorf("replay: %+v", r.Errors)
		}
		if after, _ := d.minter.Balance(ctx, d.token, addr(donorKey)); after.Cmp(before) != 0 {
			t.Errorf("balance %s -> %s", before, after)
		}
	})
	t.Run("a donation edited after signing is refused before it is sent", func(t *testing.T) {
		r := d.ok(donor, `mutation { donationToSign(grant: 1, amount: "1000000") { donation permit } }`, nil)
		td := get(r, "donationToSign.donation").(map[string]any)
		sig := signDonationData(t, td, donorKey)
		td["message"].(map[string]any)["grant"] = "2"
		r2 := d.do(donor, `mutation($d: JSON!, $s: String!) { relayDonation(donation: $d, donationSignature: $s) { accepted } }`, map[string]any{"d": td, "s": sig})
		if r2.code() != CodeBadUserInput || r2.Errors[0].Extensions["next"] != "SIGN_AGAIN" {
			t.Errorf("edited donation: %+v", r2.Errors)
		}
	})
	t.Run("another account cannot relay the donor's donation as its own session", func(t *testing.T) {
		r := d.do(d.researcher, `mutation($d: JSON!, $s: String!, $p: String) { relayDonation(donation: $d, donationSignature: $s, permitSignature: $p) { accepted } }`, signed)
		if r.code() != CodeForbidden {
			t.Errorf("relay by another session: %+v", r.Errors)
		}
	})
	t.Run("the donor's page: the grant, what was given, the badge", func(t *testing.T) {
		r := d.ok(donor, `{ donor { address grants { grant { id raised goal } donated reclaimable symbol text badge { tokenId grant owner } } badges { grant } refundable { donated } } }`, nil)
		if get(r, "donor.address") != addr(donorKey).Hex() || get(r, "donor.grants.0.grant.id") != float64(1) || get(r, "donor.grants.0.donated") != "100000000" ||
			get(r, "donor.grants.0.text") != "You gave 100 tUSD." || get(r, "donor.grants.0.badge.owner") != addr(donorKey).Hex() ||
			get(r, "donor.badges.0.grant") != float64(1) || len(r["donor"].(map[string]any)["refundable"].([]any)) != 0 {
			t.Errorf("donor = %v", r)
		}
	})
	t.Run("a second donor now moves the match", func(t *testing.T) {
		r := d.ok(d.researcher, `{ estimateMatch(round: 1, grant: 1, amount: "100000000") { text estimate { adds } } }`, nil)
		if get(r, "estimateMatch.estimate.adds") == "0" {
			t.Errorf("estimateMatch = %v", r)
		}
		t.Log(get(r, "estimateMatch.text"))
	})
	t.Run("after a missed goal the donor reclaims without gas", func(t *testing.T) {
		if r := d.do(donor, `mutation { refundToSign(grant: 1) { refund } }`, nil); r.code() != CodeBadUserInput {
			t.Errorf("a refund before the deadline: %+v", r.Errors)
		}
		if _, err := d.dev.IncreaseTime(25 * time.Hour); err != nil {
			t.Fatal(err)
		}
		if _, err := d.dev.Mine(1); err != nil {
			t.Fatal(err)
		}
		p := d.ok(donor, `{ donor { refundable { grant { id state } reclaimable text } } }`, nil)
		if get(p, "donor.refundable.0.grant.state") != "failed" || get(p, "donor.refundable.0.text") != "You gave 100 tUSD; you can reclaim 100 tUSD." {
			t.Fatalf("donor = %v", p)
		}
		r := d.ok(donor, `mutation { refundToSign(grant: 1) { refund amount text deadline } }`, nil)
		if get(r, "refundToSign.text") != "You can reclaim 100 tUSD." || get(r, "refundToSign.refund.primaryType") != "Refund" {
			t.Fatalf("refundToSign = %v", r)
		}
		out := d.ok(donor, `mutation($q: JSON!, $s: String!) { relayRefund(refund: $q, refundSignature: $s) { refunded text transaction { success } } }`,
			map[string]any{"q": get(r, "refundToSign.refund"), "s": signDonationData(t, get(r, "refundToSign.refund"), donorKey)})
		if get(out, "relayRefund.text") != "You reclaimed 100 tUSD from grant 1." || get(out, "relayRefund.transaction.success") != true {
			t.Errorf("relayRefund = %v", out)
		}
		if b, _ := d.minter.Balance(ctx, d.token, addr(donorKey)); b.Int64() != 300*tUSD {
			t.Errorf("the donor holds %s units", b)
		}
		if eth, _ := d.dev.Client().BalanceAt(ctx, addr(donorKey), nil); eth.Sign() != 0 {
			t.Errorf("the donor holds %s wei", eth)
		}
		// A donation now is refused in words, pointing to the refund.
		for _, q := range []string{`mutation { donationToSign(grant: 1, amount: "1") { donation } }`, `mutation { prepareDonate(grant: 1, amount: "1") { to } }`} {
			r := d.do(donor, q, nil)
			if r.code() != CodeBadUserInput || r.Errors[0].Extensions["next"] != "REFUND" {
				t.Errorf("a donation after the deadline: %+v", r.Errors)
			} else {
				t.Log(r.Errors[0].Message)
			}
		}
	})
	t.Run("relaying is rate-limited per donor", func(t *testing.T) {
		e := newDonateEnv(t, func(o *Options) { o.RelayPerHour = 3 }) // a burst of 1
		k, _ := crypto.GenerateKey()
		tok := e.signIn(k)
		e.ok(tok, `mutation { faucet(amount: "2") }`, nil)
		for i, want := range []string{"", CodeForbidden} {
			r := e.ok(tok, `mutation { donationToSign(grant: 1, amount: "1") { donation permit } }`, nil)
			out := e.do(tok, `mutation($d: JSON!, $s: String!, $p: String) { relayDonation(donation: $d, donationSignature: $s, permitSignature: $p) { accepted } }`,
				map[string]any{"d": get(r, "donationToSign.donation"), "s": signDonationData(t, get(r, "donationToSign.donation"), k),
					"p": signDonationData(t, get(r, "donationToSign.permit"), k)})
			if out.code() != want {
				t.Errorf("relay %d: %+v, want %q", i, out.Errors, want)
			}
		}
	})
}

// donationArg and refundArg read what a client sends back: whatever it
// is, they answer a Donation or an error, never a panic.
func FuzzDonationArg(f *testing.F) {
	f.Add(`{"primaryType":"Donation","message":{"round":"0","grant":"1","amount":"100","donor":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","nonce":"0","deadline":"1767225600"}}`)
	f.Add(`{"grant":1e30,"amount":-1,"donor":"0x1","nonce":"0x10","deadline":"99999999999999999999999"}`)
	f.Add(`[1,2]`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		if d, err := donationArg(v); err == nil && (d.Amount == nil || d.Nonce == nil || d.Amount.Sign() < 0) {
			t.Fatalf("%s: %+v", s, d)
		}
		if q, err := refundArg(v); err == nil && (q.Nonce == nil || q.Nonce.Sign() < 0) {
			t.Fatalf("%s: %+v", s, q)
		}
	})
}
