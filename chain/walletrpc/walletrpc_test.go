package walletrpc

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/chain"
)

// post sends body to the gateway as the client at addr.
func post(g *Gateway, addr, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/rpc", strings.NewReader(body))
	r.RemoteAddr = addr + ":40000"
	w := httptest.NewRecorder()
	g.ServeHTTP(w, r)
	return w
}

func decode(t *testing.T, w *httptest.ResponseRecorder) response {
	t.Helper()
	var r response
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
		t.Fatalf("not a JSON-RPC response (%d): %s", w.Code, w.Body)
	}
	return r
}

// TestGatewayOnDevChain: a wallet's calls pass to the embedded chain, a
// signed transaction is sent and its receipt read back, and everything
// that would use the node's keys, administer it or keep state on it is
// refused.
func TestGatewayOnDevChain(t *testing.T) {
	d, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	g := New(d.Client().Client(), Options{MaxLogRange: 100})

	if r := decode(t, post(g, "10.0.0.1", `{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}`)); r.Error != nil || string(r.Result) != `"0x539"` || string(r.ID) != "1" {
		t.Errorf("eth_chainId: %+v", r)
	}

	// A transaction signed in the "wallet", sent through the gateway.
	key := chain.DevAccounts()[1]
	from := crypto.PubkeyToAddress(key.PublicKey)
	to := common.HexToAddress("0x00000000000000000000000000000000000aa11e")
	w := post(g, "10.0.0.1", `[{"jsonrpc":"2.0","id":"n","method":"eth_getTransactionCount","params":["`+from.Hex()+`","pending"]},
		{"jsonrpc":"2.0","id":"f","method":"eth_gasPrice"}]`)
	var batch []response
	if err := json.Unmarshal(w.Body.Bytes(), &batch); err != nil || len(batch) != 2 || batch[0].Error != nil || batch[1].Error != nil {
		t.Fatalf("batch: %s", w.Body)
	}
	var nonce, price hexutil.Big
	json.Unmarshal(batch[0].Result, &nonce)
	json.Unmarshal(batch[1].Result, &price)
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(chain.ChainID()), &types.DynamicFeeTx{
		ChainID: chain.ChainID(), Nonce: nonce.ToInt().Uint64(), GasTipCap: big.NewInt(1),
		GasFeeCap: new(big.Int).Mul(price.ToInt(), big.NewInt(2)), Gas: 21000, To: &to, Value: big.NewInt(7),
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tx.MarshalBinary()
	if r := decode(t, post(g, "10.0.0.1", `{"jsonrpc":"2.0","id":2,"method":"eth_sendRawTransaction","params":["`+hexutil.Encode(raw)+`"]}`)); r.Error != nil {
		t.Fatalf("eth_sendRawTransaction: %+v", r.Error)
	}
	if _, err := bindWait(d, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	if r := decode(t, post(g, "10.0.0.1", `{"jsonrpc":"2.0","id":3,"method":"eth_getBalance","params":["`+to.Hex()+`","latest"]}`)); string(r.Result) != `"0x7"` {
		t.Errorf("balance after the transfer: %+v", r)
	}

	// The node's own errors come through as the node gave them.
	if r := decode(t, post(g, "10.0.0.1", `{"jsonrpc":"2.0","id":4,"method":"eth_estimateGas","params":[{"from":"`+to.Hex()+`","to":"`+from.Hex()+`","value":"0xffffffffffffffffffff"}]}`)); r.Error == nil || !strings.Contains(r.Error.Message, "insufficient funds") {
		t.Errorf("estimate beyond the balance: %+v", r)
	}

	for _, m := range []string{
		"eth_sendTransaction", "eth_sign", "eth_signTransaction", "eth_signTypedData_v4", "personal_unlockAccount",
		"admin_addPeer", "debug_traceTransaction", "miner_start", "txpool_content", "evm_increaseTime", "evm_mine",
		"eth_newFilter", "eth_getFilterChanges", "eth_subscribe", "engine_forkchoiceUpdatedV3",
	} {
		r := decode(t, post(g, "10.0.0.2", `{"jsonrpc":"2.0","id":9,"method":"`+m+`","params":[]}`))
		if r.Error == nil || r.Error.Code != codeNoMethod {
			t.Errorf("%s: %+v, want refused", m, r)
		}
	}

	head, _ := d.Client().BlockNumber(context.Background())
	for _, tc := range []struct {
		name, filter string
		ok           bool
	}{
		{"recent", `{"fromBlock":"0x0","toBlock":"latest"}`, head < 100},
		{"too wide", `{"fromBlock":"0x0","toBlock":"0x1000"}`, false},
		{"by block hash", `{"blockHash":"0x0000000000000000000000000000000000000000000000000000000000000000"}`, true},
		{"not a block", `{"fromBlock":"soon"}`, false},
	} {
		r := decode(t, post(g, "10.0.0.3", `{"jsonrpc":"2.0","id":5,"method":"eth_getLogs","params":[`+tc.filter+`]}`))
		refusedHere := r.Error != nil && r.Error.Code == codeLimit
		if refusedHere == tc.ok {
			t.Errorf("eth_getLogs %s: %+v", tc.name, r)
		}
	}
}

func bindWait(d *chain.Dev, h common.Hash) (*types.Receipt, error) {
	ctx := context.Background()
	for {
		r, err := d.Client().TransactionReceipt(ctx, h)
		if err == nil {
			return r, nil
		}
		d.Commit()
	}
}

// fake answers every call with its own name, or with err.
type fake struct{ err error }

func (f fake) CallContext(_ context.Context, result any, method string, _ ...any) error {
	if f.err != nil {
		return f.err
	}
	if method == "eth_blockNumber" {
		return json.Unmarshal([]byte(`"0x10"`), result)
	}
	return json.Unmarshal([]byte(`"`+method+`"`), result)
}

type revertErr struct{}

func (revertErr) Error() string          { return "execution reverted" }
func (revertErr) ErrorCode() int         { return 3 }
func (revertErr) ErrorData() interface{} { return "0x08c379a0" }

func TestGatewayLimits(t *testing.T) {
	call := `{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}`
	for _, tc := range []struct {
		name   string
		opts   Options
		body   string
		status int
		code   int
	}{
		{"ok", Options{}, call, 200, 0},
		{"not JSON", Options{}, `{"jsonrpc":`, 200, codeParse},
		{"bad batch", Options{}, `[{"jsonrpc"`, 200, codeParse},
		{"empty batch", Options{}, `[]`, 200, codeInvalidRequest},
		{"no version", Options{}, `{"id":1,"method":"eth_blockNumber"}`, 200, codeInvalidRequest},
		{"named params", Options{}, `{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":{"a":1}}`, 200, codeInvalidRequest},
		{"batch too long", Options{MaxBatch: 2}, "[" + call + "," + call + "," + call + "]", 200, codeLimit},
		{"body too large", Options{MaxBodyBytes: 64}, `{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":["` + strings.Repeat("a", 100) + `"]}`, 413, codeLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := post(New(fake{}, tc.opts), "10.0.0.1", tc.body)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			r := decode(t, w)
			switch {
			case tc.code == 0 && r.Error != nil:
				t.Errorf("error %+v", r.Error)
			case tc.code != 0 && (r.Error == nil || r.Error.Code != tc.code):
				t.Errorf("got %+v, want code %d", r.Error, tc.code)
			}
		})
	}

	t.Run("rate per client", func(t *testing.T) {
		g := New(fake{}, Options{Rate: 0.001, Burst: 3})
		for i := range 3 {
			if w := post(g, "10.0.0.1", call); w.Code != 200 {
				t.Fatalf("call %d: %d", i, w.Code)
			}
		}
		if w := post(g, "10.0.0.1", call); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
			t.Errorf("fourth call: %d %s", w.Code, w.Body)
		}
		if w := post(g, "10.0.0.2", call); w.Code != 200 {
			t.Errorf("another client was refused: %d", w.Code)
		}
		// A batch counts call by call.
		if w := post(g, "10.0.0.3", "["+call+","+call+","+call+","+call+"]"); w.Code != http.StatusTooManyRequests {
			t.Errorf("a batch of four past a burst of three: %d", w.Code)
		}
	})

	t.Run("revert data passes", func(t *testing.T) {
		r := decode(t, post(New(fake{err: revertErr{}}, Options{}), "10.0.0.1", `{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{}]}`))
		if r.Error == nil || r.Error.Code != 3 || r.Error.Data != "0x08c379a0" {
			t.Errorf("revert: %+v", r.Error)
		}
	})

	t.Run("GET", func(t *testing.T) {
		w := httptest.NewRecorder()
		New(fake{}, Options{}).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/rpc", nil))
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("GET: %d", w.Code)
		}
	})
}

func FuzzGateway(f *testing.F) {
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}`,
		`[{"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"earliest"}]}]`,
		`{"jsonrpc":"2.0","id":null,"method":"eth_getLogs","params":[{"blockHash":null}]}`,
		`[]`, `null`, `"x"`, ``,
	} {
		f.Add(s)
	}
	g := New(fake{}, Options{MaxLogRange: 10})
	f.Fuzz(func(t *testing.T, body string) {
		w := post(g, "10.0.0.1", body)
		var v any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil && w.Code != http.StatusTooManyRequests {
			t.Fatalf("%q: answer is not JSON: %s", body, w.Body)
		}
	})
}
