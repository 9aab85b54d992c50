// Package walletrpc serves a chain's JSON-RPC to browser wallets and dApps
// from desci serve's own origin, so a wallet can add the platform's chain
// (wallet_addEthereumChain) even when it is the embedded one, which has no
// endpoint of its own.
//
// It is a gateway, not a node: every call goes to the upstream chain (the
// embedded chain in process, or the --rpc endpoint), and only the read and
// send methods a wallet needs pass. Nothing that would use a key on the
// node (eth_sendTransaction, eth_sign...), administer it (admin_, debug_,
// miner_, personal_, txpool_), move a dev chain's clock (evm_) or keep
// state on it (filters, subscriptions) is forwarded. Requests are bounded
// in size, batch length and log range, and each client address is
// rate-limited, so the gateway cannot be used to tie up the node.
package walletrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
	"golang.org/x/time/rate"
)

// Upstream is the chain the gateway forwards to; *rpc.Client is one.
type Upstream interface {
	CallContext(ctx context.Context, result any, method string, args ...any) error
}

// Options bound what the gateway accepts. The zero value is usable.
type Options struct {
	// MaxBodyBytes bounds a request's body. Default 256 KiB (a transaction
	// with calldata fits; a contract deployment of 24 KiB code too).
	MaxBodyBytes int64
	// MaxBatch bounds the calls in one batch. Default 20.
	MaxBatch int
	// Rate is the calls a second allowed to one client address, with
	// bursts of Burst. Defaults 20 and 60.
	Rate  float64
	Burst int
	// MaxClients bounds the rate limiters kept (one per client address);
	// past it, those idle longest are forgotten. Default 10,000.
	MaxClients int
	// MaxLogRange bounds the blocks one eth_getLogs may span. Default 10,000.
	MaxLogRange uint64
	// Timeout bounds one upstream call. Default 15 s.
	Timeout time.Duration
}

// allowed are the methods a wallet or dApp needs against a chain, as
// MetaMask, viem and ethers call them.
var allowed = map[string]bool{
	"web3_clientVersion": true, "web3_sha3": true,
	"net_version": true, "net_listening": true, "net_peerCount": true,
	"eth_chainId": true, "eth_syncing": true, "eth_blockNumber": true, "eth_accounts": true,
	"eth_gasPrice": true, "eth_maxPriorityFeePerGas": true, "eth_feeHistory": true, "eth_blobBaseFee": true,
	"eth_getBalance": true, "eth_getCode": true, "eth_getStorageAt": true, "eth_getTransactionCount": true,
	"eth_getProof": true,
	"eth_call":     true, "eth_estimateGas": true, "eth_createAccessList": true,
	"eth_sendRawTransaction":   true,
	"eth_getTransactionByHash": true, "eth_getTransactionReceipt": true,
	"eth_getTransactionByBlockHashAndIndex": true, "eth_getTransactionByBlockNumberAndIndex": true,
	"eth_getBlockByNumber": true, "eth_getBlockByHash": true, "eth_getBlockReceipts": true,
	"eth_getBlockTransactionCountByHash": true, "eth_getBlockTransactionCountByNumber": true,
	"eth_getUncleCountByBlockHash": true, "eth_getUncleCountByBlockNumber": true,
	"eth_getLogs": true,
}

// JSON-RPC error codes: the specification's, and EIP-1474's for limits.
const (
	codeParse          = -32700
	codeInvalidRequest = -32600
	codeNoMethod       = -32601
	codeInvalidParams  = -32602
	codeInternal       = -32603
	codeLimit          = -32005
)

// Gateway is the handler.
type Gateway struct {
	up   Upstream
	opts Options

	mu      sync.Mutex
	clients map[string]*client
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

// New returns a gateway forwarding to up.
func New(up Upstream, opts Options) *Gateway {
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = 256 << 10
	}
	if opts.MaxBatch == 0 {
		opts.MaxBatch = 20
	}
	if opts.Rate == 0 {
		opts.Rate = 20
	}
	if opts.Burst == 0 {
		opts.Burst = 60
	}
	if opts.MaxClients == 0 {
		opts.MaxClients = 10_000
	}
	if opts.MaxLogRange == 0 {
		opts.MaxLogRange = 10_000
	}
	if opts.Timeout == 0 {
		opts.Timeout = 15 * time.Second
	}
	return &Gateway{up: up, opts: opts, clients: make(map[string]*client)}
}

type request struct {
	Version string            `json:"jsonrpc"`
	ID      json.RawMessage   `json:"id"`
	Method  string            `json:"method"`
	Params  []json.RawMessage `json:"params"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

type response struct {
	Version string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Wallets call from extension pages and dApps from any origin; nothing
	// here depends on cookies or credentials, as on any public RPC.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	switch r.Method {
	case http.MethodOptions:
		w.Header().Set("Access-Control-Allow-Methods", "POST, OPTIONS")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodPost:
	default:
		w.Header().Set("Allow", "POST, OPTIONS")
		http.Error(w, "JSON-RPC takes POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, g.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse(nil, codeLimit, fmt.Sprintf("request larger than %d bytes", g.opts.MaxBodyBytes)))
			return
		}
		return
	}
	body = bytes.TrimSpace(body)
	batch := len(body) > 0 && body[0] == '['
	var reqs []json.RawMessage
	if batch {
		if err := json.Unmarshal(body, &reqs); err != nil {
			writeJSON(w, http.StatusOK, errorResponse(nil, codeParse, "parse error: "+err.Error()))
			return
		}
		if len(reqs) == 0 {
			writeJSON(w, http.StatusOK, errorResponse(nil, codeInvalidRequest, "empty batch"))
			return
		}
		if len(reqs) > g.opts.MaxBatch {
			writeJSON(w, http.StatusOK, errorResponse(nil, codeLimit, fmt.Sprintf("batch of %d calls: at most %d", len(reqs), g.opts.MaxBatch)))
			return
		}
	} else {
		reqs = []json.RawMessage{body}
	}
	lim := g.limiter(clientAddr(r))
	if !lim.AllowN(time.Now(), len(reqs)) {
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusTooManyRequests, errorResponse(nil, codeLimit, "too many requests: slow down and retry"))
		return
	}
	out := make([]response, len(reqs))
	for i, raw := range reqs {
		out[i] = g.call(r.Context(), raw)
	}
	if batch {
		writeJSON(w, http.StatusOK, out)
	} else {
		writeJSON(w, http.StatusOK, out[0])
	}
}

func (g *Gateway) call(ctx context.Context, raw json.RawMessage) response {
	if !json.Valid(raw) {
		return errorResponse(nil, codeParse, "parse error: not JSON")
	}
	var req request
	if err := json.Unmarshal(raw, &req); err != nil {
		return errorResponse(nil, codeInvalidRequest, "invalid request: "+err.Error())
	}
	if req.Version != "2.0" || req.Method == "" {
		return errorResponse(req.ID, codeInvalidRequest, `invalid request: want {"jsonrpc":"2.0","method":...}`)
	}
	if !allowed[req.Method] {
		return errorResponse(req.ID, codeNoMethod, fmt.Sprintf("the method %s is not available here (this endpoint serves what wallets need to read the chain and send signed transactions)", req.Method))
	}
	if req.Method == "eth_getLogs" {
		if err := g.checkLogRange(ctx, req.Params); err != nil {
			return errorResponse(req.ID, codeLimit, err.Error())
		}
	}
	ctx, cancel := context.WithTimeout(ctx, g.opts.Timeout)
	defer cancel()
	args := make([]any, len(req.Params))
	for i, p := range req.Params {
		args[i] = p
	}
	var result json.RawMessage
	if err := g.up.CallContext(ctx, &result, req.Method, args...); err != nil {
		return upstreamError(req.ID, err)
	}
	if result == nil {
		result = json.RawMessage("null")
	}
	return response{Version: "2.0", ID: idOrNull(req.ID), Result: result}
}

// checkLogRange refuses an eth_getLogs over more than MaxLogRange blocks:
// a query from block 0 would have the node read the whole chain.
func (g *Gateway) checkLogRange(ctx context.Context, params []json.RawMessage) error {
	if len(params) != 1 {
		return errors.New("eth_getLogs takes one filter object")
	}
	var f struct {
		BlockHash *string `json:"blockHash"`
		From      *string `json:"fromBlock"`
		To        *string `json:"toBlock"`
	}
	if err := json.Unmarshal(params[0], &f); err != nil {
		return fmt.Errorf("eth_getLogs filter: %v", err)
	}
	if f.BlockHash != nil {
		return nil
	}
	var head *uint64
	resolve := func(s *string) (uint64, error) {
		if s == nil || *s == "latest" || *s == "safe" || *s == "finalized" || *s == "pending" {
			if head == nil {
				var h hexutil.Uint64
				if err := g.up.CallContext(ctx, &h, "eth_blockNumber"); err != nil {
					return 0, fmt.Errorf("chain unreachable: %v", err)
				}
				v := uint64(h)
				head = &v
			}
			return *head, nil
		}
		if *s == "earliest" {
			return 0, nil
		}
		v, err := hexutil.DecodeBig(*s)
		if err != nil || !v.IsUint64() {
			return 0, fmt.Errorf("eth_getLogs: block %q is not a quantity or tag", *s)
		}
		return v.Uint64(), nil
	}
	from, err := resolve(f.From)
	if err != nil {
		return err
	}
	to, err := resolve(f.To)
	if err != nil {
		return err
	}
	if to >= from && to-from+1 > g.opts.MaxLogRange {
		return fmt.Errorf("eth_getLogs over %d blocks: at most %d at a time", to-from+1, g.opts.MaxLogRange)
	}
	return nil
}

// limiter returns the client's rate limiter, forgetting the longest idle
// clients when there are too many.
func (g *Gateway) limiter(addr string) *rate.Limiter {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := time.Now()
	if c, ok := g.clients[addr]; ok {
		c.seen = now
		return c.lim
	}
	if len(g.clients) >= g.opts.MaxClients {
		// Forget the idle half; a client with a full bucket loses nothing.
		cutoff := now
		for _, c := range g.clients {
			if c.seen.Before(cutoff) {
				cutoff = c.seen
			}
		}
		mid := cutoff.Add(now.Sub(cutoff) / 2)
		for a, c := range g.clients {
			if !c.seen.After(mid) {
				delete(g.clients, a)
			}
		}
	}
	c := &client{lim: rate.NewLimiter(rate.Limit(g.opts.Rate), g.opts.Burst), seen: now}
	g.clients[addr] = c
	return c.lim
}

// clientAddr is the remote IP: a forwarded-for header is not trusted, since
// anyone can send one.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func upstreamError(id json.RawMessage, err error) response {
	var re rpc.Error
	if errors.As(err, &re) {
		e := &rpcError{Code: re.ErrorCode(), Message: re.Error()}
		var de rpc.DataError
		if errors.As(err, &de) {
			e.Data = de.ErrorData() // a revert's data, which wallets decode
		}
		return response{Version: "2.0", ID: idOrNull(id), Error: e}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errorResponse(id, codeInternal, "the chain did not answer in time")
	}
	return errorResponse(id, codeInternal, "chain unreachable: "+strings.TrimSpace(err.Error()))
}

func errorResponse(id json.RawMessage, code int, msg string) response {
	return response{Version: "2.0", ID: idOrNull(id), Error: &rpcError{Code: code, Message: msg}}
}

func idOrNull(id json.RawMessage) json.RawMessage {
	if len(id) == 0 {
		return json.RawMessage("null")
	}
	return id
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
