package graphql

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/internal/testgeth"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// Every prepared transaction against a real geth --dev, which runs the
// next fork (storage costs about three times mainnet's): each is signed
// as prepared, sent, and succeeds. A first donation there needs more than
// 500,000 gas, the limit preparePaid once fixed; its gas is now estimated
// by simulating it after its approval.
func TestPreparedTransactionsOnGeth(t *testing.T) {
	node := testgeth.Start(t, testgeth.Options{})
	ctx := context.Background()
	client, err := ethclient.Dial(node.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	dev := keys.NewKey(node.Key)
	notaryAddr, err := notary.DeployNotary(ctx, client, dev)
	if err != nil {
		t.Fatal(err)
	}
	grantsAddr, _, err := grants.Deploy(ctx, client, dev, notaryAddr)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := grants.DeployTestUSD(ctx, client, dev)
	if err != nil {
		t.Fatal(err)
	}
	ether := new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))
	e := newEnv(t, func(o *Options) {
		signer := o.Signer.(*keys.Key)
		if err := node.Fund(ctx, ether, signer.Address()); err != nil {
			t.Fatal(err)
		}
		c, err := grants.New(ctx, client, signer, grants.Options{Contract: grantsAddr})
		if err != nil {
			t.Fatal(err)
		}
		o.Grants, o.Chain = c, client
	})
	opKey, reviewerKey, donorKey := e.steward, e.patient2, e.patient
	e.srv.opts.Roles[addr(opKey)] = []string{RoleSteward, RoleOperator}
	if err := node.Fund(ctx, ether, addr(e.researcher), addr(reviewerKey), addr(donorKey), addr(opKey)); err != nil {
		t.Fatal(err)
	}
	minter, _ := grants.New(ctx, client, dev, grants.Options{Contract: grantsAddr})
	for _, a := range []common.Address{addr(donorKey), addr(opKey)} {
		if _, err := minter.Mint(ctx, token, a, big.NewInt(1000)); err != nil {
			t.Fatal(err)
		}
	}
	researcher, reviewer, donor, operator := e.signIn(e.researcher), e.signIn(reviewerKey), e.signIn(donorKey), e.signIn(opKey)
	// sendAll signs each prepared transaction, sends it, and checks it
	// succeeded within the gas it was given (and that the limit is an
	// estimate, not a guess); returns the gas each used.
	sendAll := func(t *testing.T, session string, k *ecdsa.PrivateKey, field string, d map[string]any) []uint64 {
		t.Helper()
		var txs []any
		switch v := d[field].(type) {
		case []any:
			txs = v
		default:
			txs = []any{v}
		}
		var used []uint64
		for _, tx := range txs {
			u := tx.(map[string]any)
			r := e.ok(session, `mutation($s: String!) { sendTransaction(signed: $s) { success gasUsed } }`,
				map[string]any{"s": signPrepared(t, u, k)})
			if get(r, "sendTransaction.success") != true {
				t.Fatalf("%s: a prepared transaction failed on geth: %v", field, r)
			}
			g := uint64(get(r, "sendTransaction.gasUsed").(float64))
			if limit := uint64(u["gas"].(float64)); g > limit || limit > 2*g {
				t.Errorf("%s: gas used %d of a limit of %d", field, g, limit)
			} else {
				t.Logf("%s: %d gas used of %d prepared", field, g, limit)
			}
			used = append(used, g)
		}
		return used
	}
	prepare := func(session, query string, vars map[string]any) map[string]any {
		t.Helper()
		return e.ok(session, query, vars)
	}

	e.ok(researcher, `mutation($token: String!, $deadline: String!, $reviewer: String!) {
		createGrant(token: $token, deadline: $deadline, milestones: [{amount: "300", description: "the analysis"}], reviewers: [$reviewer], threshold: 1) { id } }`,
		map[string]any{"token": token.Hex(), "deadline": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "reviewer": addr(reviewerKey).Hex()})
	first := sendAll(t, donor, donorKey, "prepareDonate", prepare(donor, `mutation { prepareDonate(grant: 1, amount: "100") { `+unsignedFields+` } }`, nil))
	t.Logf("a first donation on geth --dev: %d gas (the fixed limit was 500,000)", first[1])
	sendAll(t, donor, donorKey, "prepareDonate", prepare(donor, `mutation { prepareDonate(grant: 1, amount: "200") { `+unsignedFields+` } }`, nil))
	if g := e.ok("", `{ grant(id: 1) { raised state } }`, nil); get(g, "grant.raised") != "300" || get(g, "grant.state") != "funded" {
		t.Fatalf("grant = %v", g)
	}

	result := e.notarize("the analysis", notary.Publication{Kind: notary.KindResult})
	if _, err := e.store.Anchor(ctx, client, dev, notary.AnchorOptions{Contract: notaryAddr, Poll: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	cidVar := map[string]any{"c": result.String()}
	sendAll(t, reviewer, reviewerKey, "prepareApproveMilestone",
		prepare(reviewer, `mutation($c: String!) { prepareApproveMilestone(grant: 1, milestone: 0, cid: $c) { `+unsignedFields+` } }`, cidVar))
	sendAll(t, researcher, e.researcher, "prepareReleaseMilestone",
		prepare(researcher, `mutation($c: String!) { prepareReleaseMilestone(grant: 1, milestone: 0, cid: $c) { `+unsignedFields+` } }`, cidVar))
	if g := e.ok("", `{ grant(id: 1) { state } }`, nil); get(g, "grant.state") != "completed" {
		t.Errorf("grant = %v", g)
	}

	// A round over a second grant: geth's clock is the wall's, so the
	// window is short and waited out.
	e.ok(researcher, `mutation($token: String!, $deadline: String!, $reviewer: String!) {
		createGrant(token: $token, deadline: $deadline, milestones: [{amount: "1000", description: "v2"}], reviewers: [$reviewer]) { id } }`,
		map[string]any{"token": token.Hex(), "deadline": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "reviewer": addr(reviewerKey).Hex()})
	// More than the donor holds (700 left): refused when prepared, in
	// tUSD with the next step, and nothing to sign.
	if r := e.do(donor, `mutation { prepareDonate(grant: 2, amount: "900") { `+unsignedFields+` } }`, nil); r.code() != CodeBadUserInput ||
		!strings.Contains(r.Errors[0].Message, "You have 0.0007 tUSD and this needs 0.0009 tUSD") || r.Errors[0].Extensions["next"] != "GET_TOKENS" {
		t.Errorf("a donation above the balance: %+v", r.Errors)
	}
	end := time.Now().Add(25 * time.Second).UTC().Truncate(time.Second)
	sendAll(t, operator, opKey, "prepareCreateRound", prepare(operator, `mutation($token: String!, $end: String!) {
		prepareCreateRound(token: $token, end: $end, claimPeriod: 3600, grants: [2]) { `+unsignedFields+` } }`,
		map[string]any{"token": token.Hex(), "end": end.Format(time.RFC3339)}))
	sendAll(t, operator, opKey, "prepareFundRound", prepare(operator, `mutation { prepareFundRound(round: 1, amount: "50") { `+unsignedFields+` } }`, nil))
	sendAll(t, donor, donorKey, "prepareDonateRound", prepare(donor, `mutation { prepareDonateRound(round: 1, grant: 2, amount: "9") { `+unsignedFields+` } }`, nil))
	for {
		h, err := client.HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if int64(h.Time) > end.Unix() {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	sendAll(t, operator, opKey, "prepareCloseRound", prepare(operator, `mutation { prepareCloseRound(round: 1) { `+unsignedFields+` } }`, nil))
	sendAll(t, donor, donorKey, "prepareClaimMatch", prepare(donor, `mutation { prepareClaimMatch(round: 1, grant: 2) { `+unsignedFields+` } }`, nil))
	r := e.ok("", `{ round(id: 1) { root claimed matching { root total } } }`, nil)
	if get(r, "round.root") == nil || get(r, "round.root") != get(r, "round.matching.root") || get(r, "round.claimed") != get(r, "round.matching.total") {
		t.Errorf("round = %v", r)
	}
}
