package notary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary/merkle"
)

// testChain is the embedded chain with the Notary deployed, reached either
// in process or over JSON-RPC on 127.0.0.1, as an external chain is.
type testChain struct {
	dev      *chain.Dev
	client   *ethclient.Client
	contract common.Address
	key      *keys.Key
}

func newTestChain(t testing.TB, overHTTP bool) *testChain {
	t.Helper()
	opts := chain.DevOptions{Dir: t.TempDir()}
	if overHTTP {
		opts.HTTP = "127.0.0.1:0"
	}
	dev, err := chain.OpenDev(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dev.Close() })
	client := dev.Client()
	if overHTTP {
		if client, err = ethclient.Dial(dev.HTTPEndpoint()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(client.Close)
	}
	key := keys.NewKey(chain.DevAccounts()[1])
	addr, err := DeployNotary(context.Background(), client, key)
	if err != nil {
		t.Fatal(err)
	}
	return &testChain{dev: dev, client: client, contract: addr, key: key}
}

// chains runs f against the embedded chain in process and over HTTP.
func chains(t *testing.T, f func(t *testing.T, tc *testChain)) {
	for _, overHTTP := range []bool{false, true} {
		name := "embedded"
		if overHTTP {
			name = "json-rpc"
		}
		t.Run(name, func(t *testing.T) { f(t, newTestChain(t, overHTTP)) })
	}
}

// notarizeN notarizes n small datasets, returning their paths by CID.
func notarizeN(t *testing.T, s *Store, key Signer, n int) map[cid.Cid]string {
	t.Helper()
	out := map[cid.Cid]string{}
	for i := range n {
		p := filepath.Join(t.TempDir(), "data.csv")
		os.WriteFile(p, fmt.Appendf(nil, "id,value\n%d,%d\n", i, i*i), 0o644)
		c, _, err := s.Notarize(context.Background(), p, Publication{Kind: KindDataset, Title: fmt.Sprint("dataset ", i)}, ImportOptions{}, key)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = p
	}
	return out
}

func TestAnchorAndVerify(t *testing.T) {
	chains(t, func(t *testing.T, tc *testChain) {
		ctx := context.Background()
		s := openStore(t)
		published := notarizeN(t, s, tc.key, 5)
		res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 || res[0].Manifests != 5 {
			t.Fatalf("results %+v", res)
		}
		if res[0].GasUsed > 60000 {
			t.Errorf("anchor used %d gas, target 60,000", res[0].GasUsed)
		}
		if q, _ := s.Index().Queue(); len(q) != 0 {
			t.Errorf("queue still has %d", len(q))
		}
		// Nothing left: a second anchor does nothing.
		if res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil || len(res) != 0 {
			t.Errorf("second anchor: %v %v", res, err)
		}
		for c, p := range published {
			doc, err := s.Receipt(c)
			if err != nil {
				t.Fatal(err)
			}
			v, err := VerifyReceipt(ctx, tc.client, doc, ContentOfPath(p, false))
			if err != nil {
				t.Fatalf("verify %s: %v", c, err)
			}
			if v.Submitter != tc.key.Address() || v.BlockNumber != res[0].BlockNumber || !v.Manifest.Equals(c) {
				t.Errorf("verification %+v", v)
			}
			// The contract's own MerkleProof agrees.
			r, _, _ := DecodeReceipt(doc)
			if !isNotarizedOnChain(t, tc, c, r) {
				t.Errorf("the Notary contract rejects the receipt's proof for %s", c)
			}
			bad := *r
			bad.Proof = append([]merkle.Hash(nil), r.Proof...)
			bad.Proof[0][0] ^= 1
			if isNotarizedOnChain(t, tc, c, &bad) {
				t.Errorf("the Notary contract accepts a changed proof")
			}
			// From the store too.
			m, _ := s.Manifest(ctx, c)
			if _, err := VerifyReceipt(ctx, tc.client, doc, s.ContentOfStore(m.Content.Root)); err != nil {
				t.Errorf("verify from the store: %v", err)
			}
			if v.Final {
				t.Errorf("block %d final with the finalized head at %d", v.BlockNumber, v.FinalizedHead)
			}
		}
		// The dev chain finalizes every 32 blocks, as the beacon chain's epochs.
		for range 33 {
			tc.dev.Commit()
		}
		for c := range published {
			doc, _ := s.Receipt(c)
			v, err := VerifyReceipt(ctx, tc.client, doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Final {
				t.Errorf("after 33 more blocks: not final (finalized head %d, block %d)", v.FinalizedHead, v.BlockNumber)
			}
			break
		}
	})
}

func TestVerifyDetectsTampering(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, false)
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 3)
	if _, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil {
		t.Fatal(err)
	}
	var c cid.Cid
	var path string
	for c, path = range published {
		break
	}
	doc, _ := s.Receipt(c)
	good, _, err := DecodeReceipt(doc)
	if err != nil {
		t.Fatal(err)
	}
	other := newTestChain(t, false) // another chain with its own Notary
	changed := filepath.Join(t.TempDir(), "changed.csv")
	data, _ := os.ReadFile(path)
	data[len(data)-2] ^= 1
	os.WriteFile(changed, data, 0o644)

	edit := func(f func(r *Receipt)) []byte {
		r := *good
		r.Proof = append([]merkleHash(nil), good.Proof...)
		f(&r)
		b, _ := r.Encode()
		return b
	}
	cases := []struct {
		name    string
		doc     []byte
		ch      Chain
		content ContentFunc
		check   string
	}{
		{"changed byte in a file", doc, tc.client, ContentOfPath(changed, false), CheckContent},
		{"changed proof element", edit(func(r *Receipt) { r.Proof[0][3] ^= 1 }), tc.client, nil, CheckProof},
		{"another root", edit(func(r *Receipt) { r.Root[0] ^= 1 }), tc.client, nil, CheckProof},
		{"another block", edit(func(r *Receipt) { r.BlockNumber++ }), tc.client, nil, CheckAnchored},
		{"another block hash", edit(func(r *Receipt) { r.BlockHash[0] ^= 1 }), tc.client, nil, CheckBlock},
		{"another chain id", edit(func(r *Receipt) { r.ChainID = 5 }), tc.client, nil, CheckChain},
		{"another chain with the same id", doc, other.client, nil, CheckAnchored},
		{"another submitter", edit(func(r *Receipt) { r.Submitter[0] ^= 1 }), tc.client, nil, CheckAnchored},
		{"manifest swapped", edit(func(r *Receipt) {
			for o := range published {
				if !o.Equals(c) {
					r.Manifest, _ = s.Block(ctx, o)
					return
				}
			}
		}), tc.client, nil, CheckReceipt},
		{"truncated", doc[:len(doc)/2], tc.client, nil, CheckReceipt},
		{"not json", []byte("hello"), tc.client, nil, CheckReceipt},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			_, err := VerifyReceipt(ctx, k.ch, k.doc, k.content)
			var ve *VerifyError
			if !errors.As(err, &ve) || ve.Check != k.check {
				t.Errorf("error %v, want check %q", err, k.check)
			}
		})
	}
}

// TestAnchorSurvivesCrashes stops Anchor at each step as a kill would, then
// runs it again: every manifest ends up anchored exactly once.
func TestAnchorSurvivesCrashes(t *testing.T) {
	for _, step := range []string{"record", "send", "confirm"} {
		t.Run(step, func(t *testing.T) {
			ctx := context.Background()
			tc := newTestChain(t, false)
			s := openStore(t)
			published := notarizeN(t, s, tc.key, 4)
			if _, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, crashAfter: step}); !errors.Is(err, errCrash) {
				t.Fatalf("crash run: %v", err)
			}
			res, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract})
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, r := range res {
				total += r.Manifests
			}
			if total != len(published) {
				t.Errorf("anchored %d manifests, want %d", total, len(published))
			}
			for c := range published {
				if _, err := s.Receipt(c); err != nil {
					t.Errorf("no receipt for %s: %v", c, err)
				}
			}
			// One Anchored event on chain: nothing was anchored twice.
			logs, err := tc.client.FilterLogs(ctx, filterAnchored(tc.contract))
			if err != nil || len(logs) != 1 {
				t.Errorf("%d Anchored events (%v), want 1", len(logs), err)
			}
		})
	}
}

type merkleHash = merkle.Hash

func filterAnchored(contract common.Address) ethereum.FilterQuery {
	return ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{contract}, Topics: [][]common.Hash{{anchoredEventID}}}
}

// isNotarizedOnChain asks the Notary contract's isNotarized view, which
// checks the proof with OpenZeppelin's MerkleProof.
func isNotarizedOnChain(t *testing.T, tc *testChain, c cid.Cid, r *Receipt) bool {
	t.Helper()
	proof := make([][32]byte, len(r.Proof))
	for i, p := range r.Proof {
		proof[i] = p
	}
	out, err := tc.client.CallContract(context.Background(), ethereum.CallMsg{To: &tc.contract, Data: notaryABI.PackIsNotarized(c.Bytes(), r.Root, proof)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := notaryABI.UnpackIsNotarized(out)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestAnchorSurvivesReorg removes the block holding the anchor before it
// has its confirmations: Anchor must see it go, get the transaction mined
// again, and write receipts for the new, canonical block.
func TestAnchorSurvivesReorg(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, false)
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 2)
	done := make(chan error, 1)
	var res []AnchorResult
	go func() {
		var err error
		res, err = s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract, Confirmations: 3, Poll: 20 * time.Millisecond})
		done <- err
	}()
	// Wait for the batch to be mined.
	var first *types.Receipt
	for first == nil {
		bs, _ := s.Index().Batches()
		if len(bs) == 1 {
			first, _ = tc.client.TransactionReceipt(ctx, common.HexToHash(bs[0].TxHash))
		}
		time.Sleep(10 * time.Millisecond)
	}
	parent, err := tc.client.HeaderByNumber(ctx, new(big.Int).Sub(first.BlockNumber, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := tc.dev.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	// The chain grows again from the parent; the pool puts the transaction
	// back (or Anchor resends it) and blocks pile up for the confirmations.
	for i := 0; i < 50; i++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if res[0].BlockNumber == 0 {
				t.Fatal("no block")
			}
			for c := range published {
				doc, err := s.Receipt(c)
				if err != nil {
					t.Fatal(err)
				}
				r, _, _ := DecodeReceipt(doc)
				canon, _ := tc.client.HeaderByNumber(ctx, new(big.Int).SetUint64(r.BlockNumber))
				if r.BlockHash == first.BlockHash || canon.Hash() != r.BlockHash {
					t.Errorf("receipt names block %s; the reorganized-away block was %s, the canonical one is %s", r.BlockHash, first.BlockHash, canon.Hash())
				}
				if _, err := VerifyReceipt(ctx, tc.client, doc, nil); err != nil {
					t.Errorf("verify after the reorg: %v", err)
				}
			}
			return
		case <-time.After(100 * time.Millisecond):
			tc.dev.Commit()
		}
	}
	t.Fatal("Anchor did not finish after the reorg")
}
