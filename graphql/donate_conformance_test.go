package graphql

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/chain/walletrpc"
	"github.com/desci-platform/desci/internal/npmtest"
)

// ethers v6, viem 2 and @metamask/eth-sig-util, each unmodified
// (tools/conformance/donate.mjs), sign the gasless donation and the server
// relays it; viem and ethers send prepareDonate's transactions themselves
// to the chain's wallet JSON-RPC (/rpc, chain/walletrpc), viem also
// through an EIP-1193 wallet that answers eth_sendTransaction, and sign them for
// the API's sendTransaction; after a missed goal all three sign the
// refund alike and it is relayed. Issue 15: ethers refused type "0x2" and
// signed with gas 0, viem refused the fee fields as legacy.
func TestDonationConformance(t *testing.T) {
	root := npmtest.Need(t, "ethers", "viem", "@metamask/eth-sig-util")
	d := newDonateEnv(t, nil)
	ctx := context.Background()
	rpc := httptest.NewServer(walletrpc.New(d.dev.Client().Client(), walletrpc.Options{}))
	t.Cleanup(rpc.Close)
	key, _ := crypto.GenerateKey()
	donor := addr(key)
	if _, err := d.minter.Mint(ctx, d.token, donor, big.NewInt(100*tUSD)); err != nil {
		t.Fatal(err)
	}
	run := func(mode string) []map[string]any {
		t.Helper()
		cfg, _ := json.Marshal(map[string]any{"url": d.http.URL + "/graphql", "rpc": rpc.URL, "chainId": 1337, "token": d.signIn(key),
			"key": hexutil.Encode(crypto.FromECDSA(key)), "grant": 1, "round": 1, "amount": "1000000"})
		file := filepath.Join(t.TempDir(), "config.json")
		if err := os.WriteFile(file, cfg, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("node", "tools/conformance/donate.mjs", mode, file)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("donate.mjs %s: %v\n%s\n%s", mode, err, out, stderr.Bytes())
		}
		var steps []map[string]any
		for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
			var s map[string]any
			if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
				t.Fatalf("donate.mjs said %q", sc.Text())
			}
			t.Logf("%s %s: %s", s["library"], s["how"], s["hash"])
			steps = append(steps, s)
		}
		return steps
	}

	steps := run("gasless")
	if len(steps) != 3 {
		t.Fatalf("%d gasless donations, want 3 (ethers, viem, eth-sig-util)", len(steps))
	}
	for _, s := range steps {
		if s["accepted"] != "1000000" || s["text"] != "You gave 1 tUSD to grant 1." {
			t.Errorf("%v", s)
		}
	}
	if eth, err := d.dev.Client().BalanceAt(ctx, donor, nil); err != nil || eth.Sign() != 0 {
		t.Fatalf("the donor holds %v wei (%v): it paid gas?", eth, err)
	}

	d.fund(t, donor)
	if steps = run("send"); len(steps) != 10 {
		t.Fatalf("%d transactions, want 10 (5 ways × approval and donation)", len(steps))
	}
	for _, s := range steps {
		r, err := d.dev.Client().TransactionReceipt(ctx, hexToHash(s["hash"].(string)))
		if err != nil || r.Status != 1 {
			t.Errorf("%v: receipt %+v, %v", s, r, err)
		}
	}
	g := d.ok("", `{ grant(id: 1) { raised donations { donor donated } } }`, nil)
	if get(g, "grant.raised") != "8000000" || get(g, "grant.donations.0.donated") != "8000000" {
		t.Errorf("grant = %v", g)
	}

	// The goal is missed: the three libraries sign the refund alike and
	// it is relayed.
	if _, err := d.dev.IncreaseTime(25 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := d.dev.Mine(1); err != nil {
		t.Fatal(err)
	}
	if steps = run("refund"); len(steps) != 1 || steps[0]["accepted"] != "8000000" || steps[0]["text"] != "You reclaimed 8 tUSD from grant 1." {
		t.Errorf("refund: %v", steps)
	}
	if b, err := d.minter.Balance(ctx, d.token, donor); err != nil || b.Int64() != 100*tUSD {
		t.Errorf("the donor holds %v units after the refund (%v)", b, err)
	}
}

func hexToHash(s string) common.Hash { return common.HexToHash(s) }
