package notary

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/internal/testgeth"
	"github.com/desci-platform/desci/keys"
)

// gethChain is a real geth --dev with the Notary deployed by its
// developer account, reached over JSON-RPC.
func gethChain(t *testing.T) (*testgeth.Node, *testChain) {
	t.Helper()
	node := testgeth.Start(t, testgeth.Options{})
	client, err := ethclient.Dial(node.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	key := keys.NewKey(node.Key)
	addr, err := DeployNotary(context.Background(), client, key)
	if err != nil {
		t.Fatal(err)
	}
	return node, &testChain{client: client, contract: addr, key: key}
}

// The anchoring story against a real geth --dev, as TestAnchorAndVerify
// tells it against the embedded chain: anchor with confirmations, then
// verify each receipt from a fresh data dir (nothing but the receipt, the
// content and the chain), with the contract's own proof check agreeing,
// and tampering caught.
func TestAnchorAndVerifyOnGeth(t *testing.T) {
	node, tc := gethChain(t)
	ctx := context.Background()
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 5)
	res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, Confirmations: 2, Poll: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Manifests != 5 {
		t.Fatalf("results %+v", res)
	}
	t.Logf("anchor of 5 manifests on geth --dev: %d gas", res[0].GasUsed)
	if res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil || len(res) != 0 {
		t.Errorf("second anchor: %v %v", res, err)
	}
	// A verifier with a fresh data dir: the receipt as a file, the data as
	// published, and its own connection to the chain.
	fresh := t.TempDir()
	verifier, err := ethclient.Dial(node.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer verifier.Close()
	var some cid.Cid
	for c, p := range published {
		doc, err := s.Receipt(c)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(fresh, c.String()+".json")
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		doc, _ = os.ReadFile(file)
		v, err := VerifyReceipt(ctx, verifier, doc, ContentOfPath(p, false))
		if err != nil {
			t.Fatalf("verify %s from a fresh data dir: %v", c, err)
		}
		if v.Submitter != tc.key.Address() || v.BlockNumber != res[0].BlockNumber || !v.Manifest.Equals(c) || v.ChainID != testgeth.ChainID {
			t.Errorf("verification %+v", v)
		}
		r, _, _ := DecodeReceipt(doc)
		if !isNotarizedOnChain(t, tc, c, r) {
			t.Errorf("the Notary contract on geth rejects the receipt's proof for %s", c)
		}
		some = c
	}
	doc, _ := s.Receipt(some)
	good, _, _ := DecodeReceipt(doc)
	changed := filepath.Join(t.TempDir(), "changed.csv")
	data, _ := os.ReadFile(published[some])
	data[len(data)-2] ^= 1
	os.WriteFile(changed, data, 0o644)
	edit := func(f func(r *Receipt)) []byte {
		r := *good
		r.Proof = append([]merkleHash(nil), good.Proof...)
		f(&r)
		b, _ := r.Encode()
		return b
	}
	for _, k := range []struct {
		name    string
		doc     []byte
		content ContentFunc
		check   string
	}{
		{"changed byte in a file", doc, ContentOfPath(changed, false), CheckContent},
		{"changed proof element", edit(func(r *Receipt) { r.Proof[0][3] ^= 1 }), nil, CheckProof},
		{"another block", edit(func(r *Receipt) { r.BlockNumber++ }), nil, CheckAnchored},
		{"another block hash", edit(func(r *Receipt) { r.BlockHash[0] ^= 1 }), nil, CheckBlock},
		{"another chain id", edit(func(r *Receipt) { r.ChainID = 1 }), nil, CheckChain},
		{"another submitter", edit(func(r *Receipt) { r.Submitter[0] ^= 1 }), nil, CheckAnchored},
	} {
		_, err := VerifyReceipt(ctx, verifier, k.doc, k.content)
		var ve *VerifyError
		if !errors.As(err, &ve) || ve.Check != k.check {
			t.Errorf("%s: error %v, want check %q", k.name, err, k.check)
		}
	}
}

// geth stopped, then started again on its data dir, between and during
// anchoring: Anchor says the chain is unreachable and keeps the queue;
// after the restart everything is anchored exactly once and verifies.
func TestAnchorAcrossGethRestart(t *testing.T) {
	node, tc := gethChain(t)
	ctx := context.Background()
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 3)
	if err := node.Down(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("anchor with geth down: %v", err)
	}
	if q, _ := s.Index().Queue(); len(q) != 3 {
		t.Fatalf("queue holds %d after a failed anchor, want 3", len(q))
	}
	if err := node.Up(); err != nil {
		t.Fatal(err)
	}
	// Down again while waiting for confirmations: the transaction is
	// recorded and sent; geth's clean stop keeps its pool and chain.
	done := make(chan error, 1)
	go func() {
		_, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, Confirmations: 3, Poll: 50 * time.Millisecond})
		done <- err
	}()
	for {
		if bs, _ := s.Index().Batches(); len(bs) == 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := node.Down(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil {
		t.Log("anchor finished before geth went down")
	} else {
		t.Logf("anchor with geth gone mid-wait: %v", err)
	}
	if err := node.Up(); err != nil {
		t.Fatal(err)
	}
	res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, Poll: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("after the restart: %+v", res)
	for c, p := range published {
		doc, err := s.Receipt(c)
		if err != nil {
			t.Fatalf("no receipt for %s: %v", c, err)
		}
		if _, err := VerifyReceipt(ctx, tc.client, doc, ContentOfPath(p, false)); err != nil {
			t.Errorf("verify %s after the restart: %v", c, err)
		}
	}
	logs, err := tc.client.FilterLogs(ctx, filterAnchored(tc.contract))
	if err != nil || len(logs) != 1 {
		t.Errorf("%d Anchored events (%v), want 1", len(logs), err)
	}
}

// A receipt checked against another geth --dev (the same chain id 1337, a
// different chain) is refused: its Notary there never anchored the root.
func TestVerifyOnAnotherGeth(t *testing.T) {
	_, tc := gethChain(t)
	ctx := context.Background()
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 1)
	if _, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, Poll: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	_, other := gethChain(t)
	for c := range published {
		doc, _ := s.Receipt(c)
		_, err := VerifyReceipt(ctx, other.client, doc, nil)
		var ve *VerifyError
		if !errors.As(err, &ve) || (ve.Check != CheckAnchored && ve.Check != CheckBlock) {
			t.Errorf("verify on another chain with the same id: %v", err)
		}
	}
}
