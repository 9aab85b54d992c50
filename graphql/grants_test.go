package graphql

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// signPrepared signs an UnsignedTransaction as a wallet would.
func signPrepared(t *testing.T, u map[string]any, k *ecdsa.PrivateKey) string {
	t.Helper()
	// Quantities are JSON numbers, decoded here as float64: exact below 2^53.
	num := func(f string) *big.Int { return new(big.Int).SetUint64(uint64(u[f].(float64))) }
	to := common.HexToAddress(u["to"].(string))
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: num("chainId"), Nonce: num("nonce").Uint64(), GasTipCap: num("maxPriorityFeePerGas"),
		GasFeeCap: num("maxFeePerGas"), Gas: num("gas").Uint64(), To: &to, Value: num("value"), Data: hexutil.MustDecode(u["data"].(string))})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(num("chainId")), k)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := signed.MarshalBinary()
	return hexutil.Encode(b)
}

const unsignedFields = `from to data value chainId nonce gas maxFeePerGas maxPriorityFeePerGas`

func TestGrants(t *testing.T) {
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var closeOnce sync.Once
	t.Cleanup(func() { closeOnce.Do(func() { dev.Close() }) })
	deployer := keys.NewKey(chain.DevAccounts()[0])
	payer := keys.NewKey(chain.DevAccounts()[1])
	notaryAddr, err := notary.DeployNotary(ctx, dev.Client(), payer)
	if err != nil {
		t.Fatal(err)
	}
	grantsAddr, _, err := grants.Deploy(ctx, dev.Client(), deployer, notaryAddr)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := grants.DeployTestUSD(ctx, dev.Client(), deployer)
	if err != nil {
		t.Fatal(err)
	}
	fund := func(a common.Address) {
		if err := dev.Fund(ctx, a, new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))); err != nil {
			t.Fatal(err)
		}
	}
	e := newEnv(t, func(o *Options) {
		signer := o.Signer.(*keys.Key)
		fund(signer.Address())
		c, err := grants.New(ctx, dev.Client(), signer, grants.Options{Contract: grantsAddr})
		if err != nil {
			t.Fatal(err)
		}
		o.Grants, o.Chain = c, dev.Client()
	})
	reviewerKey, donorKey := e.patient2, e.patient
	for _, k := range []*ecdsa.PrivateKey{e.researcher, reviewerKey, donorKey} {
		fund(addr(k))
	}
	minter, _ := grants.New(ctx, dev.Client(), deployer, grants.Options{Contract: grantsAddr})
	if _, err := minter.Mint(ctx, token, addr(donorKey), big.NewInt(1000)); err != nil {
		t.Fatal(err)
	}
	researcher, reviewer, donor := e.signIn(e.researcher), e.signIn(reviewerKey), e.signIn(donorKey)
	send := func(t *testing.T, token string, signed string) map[string]any {
		t.Helper()
		d := e.ok(token, `mutation($s: String!) { sendTransaction(signed: $s) { hash success blockNumber gasUsed } }`, map[string]any{"s": signed})
		if get(d, "sendTransaction.success") != true {
			t.Fatalf("sendTransaction = %v", d)
		}
		return d
	}
	const grantQuery = `query($id: Long!) { grant(id: $id) { id beneficiary token goal raised escrow state threshold reviewers
		milestones { index amount description released evidence { cid } approvals { reviewer cid } } donations { donor donated } } }`

	t.Run("a researcher creates a grant, sent by the server's key", func(t *testing.T) {
		d := e.ok(researcher, `mutation($token: String!, $deadline: String!, $reviewer: String!) {
			createGrant(token: $token, deadline: $deadline, milestones: [{amount: "100", description: "the analysis, notarized"}], reviewers: [$reviewer], threshold: 1) { id beneficiary goal state } }`,
			map[string]any{"token": token.Hex(), "deadline": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "reviewer": addr(reviewerKey).Hex()})
		if get(d, "createGrant.id") != float64(1) || get(d, "createGrant.beneficiary") != addr(e.researcher).Hex() ||
			get(d, "createGrant.goal") != "100" || get(d, "createGrant.state") != "open" {
			t.Errorf("createGrant = %v", d)
		}
	})
	t.Run("a donor signs the approval and the donation in their wallet", func(t *testing.T) {
		d := e.ok(donor, `mutation { prepareDonate(grant: 1, amount: "100") { `+unsignedFields+` } }`, nil)
		txs := d["prepareDonate"].([]any)
		if len(txs) != 2 || get(d, "prepareDonate.0.to") != token.Hex() || get(d, "prepareDonate.1.to") != grantsAddr.Hex() {
			t.Fatalf("prepareDonate = %v", d)
		}
		for _, tx := range txs {
			send(t, donor, signPrepared(t, tx.(map[string]any), donorKey))
		}
		g := e.ok("", grantQuery, map[string]any{"id": 1})
		if get(g, "grant.raised") != "100" || get(g, "grant.state") != "funded" || get(g, "grant.donations.0.donor") != addr(donorKey).Hex() {
			t.Errorf("grant = %v", g)
		}
	})
	result := e.notarize("the analysis", notary.Publication{Kind: notary.KindResult})
	if _, err := e.store.Anchor(ctx, dev.Client(), payer, notary.AnchorOptions{Contract: notaryAddr}); err != nil {
		t.Fatal(err)
	}
	var approval map[string]any
	t.Run("the reviewer approves the notarized result", func(t *testing.T) {
		d := e.ok(reviewer, `mutation($c: String!) { prepareApproveMilestone(grant: 1, milestone: 0, cid: $c) { `+unsignedFields+` } }`, map[string]any{"c": result.String()})
		if get(d, "prepareApproveMilestone.from") != addr(reviewerKey).Hex() {
			t.Errorf("%v", d)
		}
		approval = d["prepareApproveMilestone"].(map[string]any)
		send(t, reviewer, signPrepared(t, approval, reviewerKey))
		g := e.ok("", grantQuery, map[string]any{"id": 1})
		if get(g, "grant.milestones.0.approvals.0.cid") != result.String() {
			t.Errorf("grant = %v", g)
		}
	})
	t.Run("a relayed transaction that reverts says why", func(t *testing.T) {
		// The same approval again, with a gas limit of its own so that it
		// is mined, and reverts.
		again := map[string]any{}
		for k, v := range approval {
			again[k] = v
		}
		again["nonce"] = approval["nonce"].(float64) + 1
		again["gas"] = float64(0x50000)
		d := e.ok(reviewer, `mutation($s: String!) { sendTransaction(signed: $s) { success revertReason } }`, map[string]any{"s": signPrepared(t, again, reviewerKey)})
		if get(d, "sendTransaction.success") != false || get(d, "sendTransaction.revertReason") == nil || strings.Contains(get(d, "sendTransaction.revertReason").(string), "execution reverted") {
			t.Errorf("sendTransaction = %v", d)
		}
		t.Logf("revertReason: %v", get(d, "sendTransaction.revertReason"))
	})
	t.Run("the beneficiary releases the milestone on the anchored result", func(t *testing.T) {
		d := e.ok(researcher, `mutation($c: String!) { prepareReleaseMilestone(grant: 1, milestone: 0, cid: $c) { `+unsignedFields+` } }`, map[string]any{"c": result.String()})
		send(t, researcher, signPrepared(t, d["prepareReleaseMilestone"].(map[string]any), e.researcher))
		g := e.ok("", grantQuery, map[string]any{"id": 1})
		if get(g, "grant.milestones.0.released") != true || get(g, "grant.milestones.0.evidence.cid") != result.String() || get(g, "grant.state") != "completed" {
			t.Errorf("grant = %v", g)
		}
	})
	t.Run("a quadratic-funding round is created, funded, donated to, closed and claimed", func(t *testing.T) {
		opKey := e.steward
		e.srv.opts.Roles[addr(opKey)] = []string{RoleSteward, RoleOperator}
		fund(addr(opKey))
		if _, err := minter.Mint(ctx, token, addr(opKey), big.NewInt(1000)); err != nil {
			t.Fatal(err)
		}
		operator := e.signIn(opKey)
		e.ok(researcher, `mutation($token: String!, $deadline: String!, $reviewer: String!) {
			createGrant(token: $token, deadline: $deadline, milestones: [{amount: "1000", description: "v2"}], reviewers: [$reviewer]) { id } }`,
			map[string]any{"token": token.Hex(), "deadline": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "reviewer": addr(reviewerKey).Hex()})
		// The embedded chain's clock runs ahead of the wall's when blocks
		// come fast (each is a second past its parent): the window is set
		// by the chain's head, and passed by mining blocks.
		head, err := dev.Client().HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		end := time.Unix(int64(head.Time)+10, 0).UTC()
		d := e.ok(operator, `mutation($token: String!, $end: String!) { prepareCreateRound(token: $token, end: $end, claimPeriod: 3600, grants: [2]) { `+unsignedFields+` } }`,
			map[string]any{"token": token.Hex(), "end": end.Format(time.RFC3339)})
		send(t, operator, signPrepared(t, d["prepareCreateRound"].(map[string]any), opKey))
		d = e.ok(operator, `mutation { prepareFundRound(round: 1, amount: "50") { `+unsignedFields+` } }`, nil)
		for _, tx := range d["prepareFundRound"].([]any) {
			send(t, operator, signPrepared(t, tx.(map[string]any), opKey))
		}
		d = e.ok(donor, `mutation { prepareDonateRound(round: 1, grant: 2, amount: "9") { `+unsignedFields+` } }`, nil)
		for _, tx := range d["prepareDonateRound"].([]any) {
			send(t, donor, signPrepared(t, tx.(map[string]any), donorKey))
		}
		r := e.ok("", `{ round(id: 1) { operator pool grants root matching { pool total grants { grant donors raised match } } } }`, nil)
		if get(r, "round.operator") != addr(opKey).Hex() || get(r, "round.pool") != "50" || get(r, "round.root") != nil ||
			get(r, "round.matching.grants.0.raised") != "9" {
			t.Errorf("round = %v", r)
		}
		if r := e.do(donor, `mutation { prepareCloseRound(round: 1) { to } }`, nil); r.code() != CodeForbidden {
			t.Errorf("a donor closing the round: %q", r.code())
		}
		for {
			h, err := dev.Client().HeaderByNumber(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if int64(h.Time) > end.Unix() {
				break
			}
			dev.Commit()
		}
		d = e.ok(operator, `mutation { prepareCloseRound(round: 1) { `+unsignedFields+` } }`, nil)
		send(t, operator, signPrepared(t, d["prepareCloseRound"].(map[string]any), opKey))
		d = e.ok(donor, `mutation { prepareClaimMatch(round: 1, grant: 2) { `+unsignedFields+` } }`, nil)
		send(t, donor, signPrepared(t, d["prepareClaimMatch"].(map[string]any), donorKey))
		r = e.ok("", `{ round(id: 1) { root claimed matching { root total } } }`, nil)
		if get(r, "round.root") == nil || get(r, "round.root") != get(r, "round.matching.root") || get(r, "round.claimed") != get(r, "round.matching.total") {
			t.Errorf("round = %v", r)
		}
	})
	other, _ := crypto.GenerateKey()
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code               string
	}{
		{"an unknown grant is null, without an error (as manifest is)", "", `{ grant(id: 99) { id } }`, nil, ""},
		{"an unknown round is NOT_FOUND", "", `{ round(id: 99) { id } }`, nil, CodeNotFound},
		{"createGrant without a session is UNAUTHENTICATED", "", `mutation { createGrant(token: "` + token.Hex() + `", deadline: "2030-01-01T00:00:00Z", milestones: [{amount: "1", description: "x"}], reviewers: ["` + addr(reviewerKey).Hex() + `"]) { id } }`, nil, CodeUnauthenticated},
		{"createGrant by a patient is FORBIDDEN", donor, `mutation { createGrant(token: "` + token.Hex() + `", deadline: "2030-01-01T00:00:00Z", milestones: [{amount: "1", description: "x"}], reviewers: ["` + addr(reviewerKey).Hex() + `"]) { id } }`, nil, CodeForbidden},
		{"a grant the contract refuses is BAD_USER_INPUT", researcher, `mutation { createGrant(token: "` + token.Hex() + `", deadline: "2001-01-01T00:00:00Z", milestones: [{amount: "1", description: "x"}], reviewers: ["` + addr(reviewerKey).Hex() + `"]) { id } }`, nil, CodeBadUserInput},
		{"an approval by someone not a reviewer is BAD_USER_INPUT", donor, `mutation($c: String!) { prepareApproveMilestone(grant: 1, milestone: 0, cid: $c) { to } }`, map[string]any{"c": result.String()}, CodeBadUserInput},
		{"a transaction signed by another key than the session's is FORBIDDEN", donor, `mutation($s: String!) { sendTransaction(signed: $s) { hash } }`,
			map[string]any{"s": signPrepared(t, map[string]any{"chainId": 1337.0, "nonce": 0.0, "maxPriorityFeePerGas": 1.0, "maxFeePerGas": 1.0, "gas": 21000.0, "to": grantsAddr.Hex(), "value": 0.0, "data": "0x"}, other)}, CodeForbidden},
		{"a transaction to another contract is FORBIDDEN", donor, `mutation($s: String!) { sendTransaction(signed: $s) { hash } }`,
			map[string]any{"s": signPrepared(t, map[string]any{"chainId": 1337.0, "nonce": 0.0, "maxPriorityFeePerGas": 1.0, "maxFeePerGas": 1.0, "gas": 21000.0, "to": notaryAddr.Hex(), "value": 0.0, "data": "0x"}, donorKey)}, CodeForbidden},
		{"a transaction that is not one is BAD_USER_INPUT", donor, `mutation { sendTransaction(signed: "0x1234") { hash } }`, nil, CodeBadUserInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := e.do(tc.token, tc.query, tc.vars); r.code() != tc.code {
				t.Errorf("code %q, want %s: %+v", r.code(), tc.code, r.Errors)
			}
		})
	}
	t.Run("a dead chain is UNAVAILABLE", func(t *testing.T) {
		closeOnce.Do(func() { dev.Close() })
		if r := e.do("", `{ grant(id: 1) { id } }`, nil); r.code() != CodeUnavailable {
			t.Errorf("code %q: %+v", r.code(), r.Errors)
		}
	})
}
