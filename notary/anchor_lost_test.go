package notary

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"
)

// rpcProxy stands in front of a JSON-RPC endpoint. For
// eth_sendRawTransaction it does what mode says: "lose" forwards the
// request and closes the connection without answering (the node has the
// transaction, the client never hears so), "refuse" answers with a
// JSON-RPC error without forwarding, "" forwards as for any other call.
type rpcProxy struct {
	upstream string
	mode     atomic.Value // string
	sends    atomic.Int32 // eth_sendRawTransaction requests seen
}

func (p *rpcProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	mode, _ := p.mode.Load().(string)
	if bytes.Contains(body, []byte("eth_sendRawTransaction")) {
		p.sends.Add(1)
		if mode == "refuse" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"txpool is full"}}`)
			return
		}
	}
	resp, err := http.Post(p.upstream, "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if mode == "lose" && bytes.Contains(body, []byte("eth_sendRawTransaction")) {
		io.Copy(io.Discard, resp.Body) // the node accepted it
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

func newRPCProxy(t *testing.T, tc *testChain) (*rpcProxy, *ethclient.Client) {
	p := &rpcProxy{upstream: tc.dev.HTTPEndpoint()}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	c, err := ethclient.Dial(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return p, c
}

// A lost answer to eth_sendRawTransaction, after the node took the
// transaction, keeps the batch; the next anchor resumes it, even with new
// manifests queued meanwhile: every manifest is under exactly one root,
// every root on chain has receipts, one Anchored event per root.
func TestAnchorLostAnswerKeepsBatch(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, true)
	proxy, client := newRPCProxy(t, tc)
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 4)

	proxy.mode.Store("lose")
	_, err := s.Anchor(ctx, client, tc.key, AnchorOptions{Contract: tc.contract})
	if err == nil || !strings.Contains(err.Error(), "the batch is kept") {
		t.Fatalf("anchor with the answer lost: %v", err)
	}
	if proxy.sends.Load() != 1 {
		t.Fatalf("%d sends through the proxy", proxy.sends.Load())
	}
	if bs, _ := s.Index().Batches(); len(bs) != 1 {
		t.Fatalf("%d batches recorded after the lost answer, want 1", len(bs))
	}
	// Another manifest arrives before the next anchor.
	late := filepath.Join(t.TempDir(), "late.csv")
	os.WriteFile(late, []byte("id,value\n9,81\n"), 0o644)
	c, _, err := s.Notarize(ctx, late, Publication{Kind: KindDataset, Title: "late"}, ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}
	published[c] = late
	proxy.mode.Store("")
	res, err := s.Anchor(ctx, client, tc.key, AnchorOptions{Contract: tc.contract})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Manifests != 4 || res[1].Manifests != 1 {
		t.Errorf("results %+v, want the resumed batch of 4 and a new one of 1", res)
	}
	checkAnchoredOnce(t, s, tc, published)
}

// A refusal (a JSON-RPC error reply) drops the batch and keeps the queue;
// the next anchor anchors everything once.
func TestAnchorRefusedDropsBatch(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, true)
	proxy, client := newRPCProxy(t, tc)
	s := openStore(t)
	published := notarizeN(t, s, tc.key, 3)

	proxy.mode.Store("refuse")
	if _, err := s.Anchor(ctx, client, tc.key, AnchorOptions{Contract: tc.contract}); err == nil || !strings.Contains(err.Error(), "txpool is full") {
		t.Fatalf("anchor refused: %v", err)
	}
	if bs, _ := s.Index().Batches(); len(bs) != 0 {
		t.Fatalf("%d batches kept after a refusal, want 0", len(bs))
	}
	if q, _ := s.Index().Queue(); len(q) != 3 {
		t.Fatalf("queue has %d after a refusal, want 3", len(q))
	}
	proxy.mode.Store("")
	if _, err := s.Anchor(ctx, client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil {
		t.Fatal(err)
	}
	checkAnchoredOnce(t, s, tc, published)
}

// checkAnchoredOnce checks every manifest has a receipt, each root on
// chain has exactly one Anchored event, and every such root is named by
// some receipt: no manifest anchored twice, no root nobody can prove.
func checkAnchoredOnce(t *testing.T, s *Store, tc *testChain, published map[cid.Cid]string) {
	t.Helper()
	ctx := context.Background()
	receiptRoots := map[common.Hash]int{}
	for c, p := range published {
		doc, err := s.Receipt(c)
		if err != nil {
			t.Errorf("no receipt for %s: %v", c, err)
			continue
		}
		if _, err := VerifyReceipt(ctx, tc.client, doc, ContentOfPath(p, false)); err != nil {
			t.Errorf("verify %s: %v", c, err)
		}
		r, _, _ := DecodeReceipt(doc)
		receiptRoots[common.Hash(r.Root)]++
	}
	logs, err := tc.client.FilterLogs(ctx, filterAnchored(tc.contract))
	if err != nil {
		t.Fatal(err)
	}
	events := map[common.Hash]int{}
	for _, l := range logs {
		events[l.Topics[1]]++
	}
	for root, n := range events {
		if n != 1 {
			t.Errorf("root %s has %d Anchored events", root, n)
		}
		if receiptRoots[root] == 0 {
			t.Errorf("root %s is on chain but no receipt names it (its manifests anchored twice)", root)
		}
	}
	if len(events) != len(receiptRoots) {
		t.Errorf("%d roots on chain, receipts name %d", len(events), len(receiptRoots))
	}
	if q, _ := s.Index().Queue(); len(q) != 0 {
		t.Errorf("%d manifests still queued", len(q))
	}
}
