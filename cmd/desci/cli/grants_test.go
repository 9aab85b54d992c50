package cli

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/internal/testgeth"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// A grant on the embedded chain from the command line: faucet, create,
// donate (approve and permit), notarize and anchor the deliverable,
// approve, release from the store's receipt, status; then a round, funded
// and donated to both ways.
func TestGrantsStory(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home := t.TempDir()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,2\n"})
	researcher := mustRun(t, home, "keys", "new")
	reviewer := mustRun(t, home, "keys", "new")

	mustRun(t, home, "grants", "faucet", "--key", reviewer, "--amount", "500")
	id := mustRun(t, home, "grants", "create", "--key", researcher, "--deadline", "240h",
		"--milestone", "60:raw data", "--milestone", "40.5:paper", "--reviewer", reviewer, "--threshold", "1")
	if id != "1" {
		t.Fatalf("grant id %q", id)
	}
	mustRun(t, home, "grants", "donate", id, "60", "--key", reviewer)
	mustRun(t, home, "grants", "donate", id, "40.5", "--key", reviewer, "--permit")

	deliverable := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Raw data", "--key", researcher)
	mustRun(t, home, "anchor", "--key", researcher)
	if r := run(t, home, "grants", "release", id, "0", deliverable, "--key", researcher); r.code != 1 || !strings.Contains(r.stderr, "NotApproved") {
		t.Errorf("release before approval: exit %d: %s", r.code, r.stderr)
	}
	mustRun(t, home, "grants", "approve", id, "0", deliverable, "--key", reviewer)
	mustRun(t, home, "grants", "release", id, "0", deliverable, "--key", researcher)

	var st struct {
		State      string `json:"state"`
		Goal       string `json:"goal"`
		Raised     string `json:"raised"`
		Released   string `json:"released"`
		Milestones []struct {
			Released  bool   `json:"released"`
			Evidence  string `json:"evidence"`
			Approvals []struct {
				Reviewer string `json:"reviewer"`
			} `json:"approvals"`
		} `json:"milestones"`
		Donors []struct {
			Donor       string `json:"donor"`
			Donated     string `json:"donated"`
			Reclaimable string `json:"reclaimable"`
		} `json:"donors"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, "grants", "status", id, "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.State != "funded" || st.Goal != "100.5" || st.Raised != "100.5" || st.Released != "60" ||
		!st.Milestones[0].Released || st.Milestones[0].Evidence != deliverable || len(st.Milestones[0].Approvals) != 1 ||
		len(st.Donors) != 1 || st.Donors[0].Donated != "100.5" || st.Donors[0].Reclaimable != "0" {
		t.Errorf("status %+v", st)
	}
	if out := mustRun(t, home, "grants", "status", id); !strings.Contains(out, "evidence "+deliverable) {
		t.Errorf("status:\n%s", out)
	}
	// The reviewer cancels (a majority of one): the donor can reclaim the rest.
	mustRun(t, home, "grants", "cancel", id, "--key", reviewer)
	if out := mustRun(t, home, "grants", "refund", id, "--key", reviewer); !strings.Contains(out, "refunded 40.5") {
		t.Errorf("refund: %s", out)
	}

	// A round: created, funded, donated to; closed once its window is over,
	// verified from events, claimed.
	g2 := mustRun(t, home, "grants", "create", "--key", researcher, "--milestone", "100:all", "--reviewer", reviewer)
	mustRun(t, home, "grants", "faucet", "--key", researcher, "--amount", "100")
	round := mustRun(t, home, "grants", "round", "create", "--key", researcher, "--grant", g2, "--end", "1h", "--cap-bps", "10000")
	mustRun(t, home, "grants", "round", "fund", round, "40", "--key", researcher)
	mustRun(t, home, "grants", "round", "fund", round, "10", "--key", researcher, "--permit")
	mustRun(t, home, "grants", "round", "donate", round, g2, "4", "--key", reviewer, "--permit")
	mustRun(t, home, "grants", "round", "donate", round, g2, "1", "--key", researcher)
	if r := run(t, home, "grants", "round", "verify", round); r.code != 1 || !strings.Contains(r.stderr, "no root committed") {
		t.Errorf("verify of an open round: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, home, "grants", "round", "close", round, "--key", researcher); r.code != 1 || !strings.Contains(r.stderr, "RoundNotOver") {
		t.Errorf("close of an open round: exit %d: %s", r.code, r.stderr)
	}
	var rs struct {
		State string    `json:"state"`
		End   time.Time `json:"end"`
		Pool  string    `json:"pool"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, "grants", "round", "status", round, "--json")), &rs); err != nil {
		t.Fatal(err)
	}
	if rs.State != "open" || rs.Pool != "50" {
		t.Errorf("round status %+v", rs)
	}
	// The window is an hour of the chain's time: moved past it rather than
	// waited for, so a loaded machine cannot close it under the donations.
	// (The clock moves from the wall clock, which the head may lead by up
	// to 30 s: two hours is past the window whatever the lead.)
	mustRun(t, home, "chain", "time", "increase", "2h")
	mustRun(t, home, "grants", "round", "close", round, "--key", researcher)
	if out := mustRun(t, home, "grants", "round", "status", round); !strings.Contains(out, "claiming") {
		t.Errorf("round status:\n%s", out)
	}
	// (√4 + √1)² − 5 = 4: the only scoring grant gets the whole pool.
	if out := mustRun(t, home, "grants", "round", "verify", round); !strings.Contains(out, "OK") || !strings.Contains(out, "match 50") {
		t.Errorf("verify:\n%s", out)
	}
	if out := mustRun(t, home, "grants", "round", "claim", round, g2, "--key", reviewer); !strings.Contains(out, "claimed 50") {
		t.Errorf("claim: %s", out)
	}
	if r := run(t, home, "grants", "faucet", "--rpc", "http://127.0.0.1:1"); r.code == 0 || !strings.Contains(r.stderr, "unreachable") {
		t.Errorf("faucet on a chain that is down: exit %d: %s", r.code, r.stderr)
	}
}

// The same commands against any JSON-RPC endpoint: the embedded chain
// served on 127.0.0.1, and a real geth --dev. The key that deploys the
// TestUSD mints it with the faucet; another key may not.
func TestGrantsOverRPC(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	for _, tc := range []struct {
		name  string
		start func(t *testing.T) (url string, key *ecdsa.PrivateKey)
	}{
		{"embedded chain over HTTP", func(t *testing.T) (string, *ecdsa.PrivateKey) {
			dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir(), HTTP: "127.0.0.1:0"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { dev.Close() })
			return dev.HTTPEndpoint(), chain.DevAccounts()[3]
		}},
		{"geth --dev", func(t *testing.T) (string, *ecdsa.PrivateKey) {
			node := testgeth.Start(t, testgeth.Options{})
			return node.URL, node.Key
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, key := tc.start(t)
			grantsOverRPC(t, url, key)
		})
	}
}

func grantsOverRPC(t *testing.T, url string, key *ecdsa.PrivateKey) {
	client, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	notaryAddr, err := notary.DeployNotary(t.Context(), client, keys.NewKey(key))
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	me := mustRun(t, home, "keys", "import", "--private-key", fmt.Sprintf("%x", crypto.FromECDSA(key)))
	if r := run(t, home, "grants", "status", "1", "--rpc", url); r.code != 2 || !strings.Contains(r.stderr, "--grants-contract") {
		t.Errorf("status without a contract: exit %d: %s", r.code, r.stderr)
	}
	var dep struct {
		Grants string `json:"grants_contract"`
		Token  string `json:"test_token"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, "grants", "deploy", "--rpc", url, "--notary-contract", notaryAddr.Hex(), "--test-token", "--json")), &dep); err != nil {
		t.Fatal(err)
	}
	on := []string{"--rpc", url, "--grants-contract", dep.Grants}
	id := mustRun(t, home, append([]string{"grants", "create", "--token", dep.Token, "--milestone", "10:all", "--reviewer", me}, on...)...)
	var st struct {
		State       string `json:"state"`
		Goal        string `json:"goal"`
		Raised      string `json:"raised"`
		Beneficiary string `json:"beneficiary"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, append([]string{"grants", "status", id, "--json"}, on...)...)), &st); err != nil {
		t.Fatal(err)
	}
	if st.State != "open" || st.Goal != "10" || !strings.EqualFold(st.Beneficiary, me) {
		t.Errorf("status %+v", st)
	}
	if r := run(t, home, append([]string{"grants", "donate", id, "1"}, on...)...); r.code != 1 || !strings.Contains(r.stderr, "ERC20InsufficientBalance") {
		t.Errorf("donation without tokens: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, home, append([]string{"grants", "faucet", "--amount", "5"}, on...)...); r.code != 2 || !strings.Contains(r.stderr, "--token") {
		t.Errorf("faucet without a token: exit %d: %s", r.code, r.stderr)
	}
	mustRun(t, home, append([]string{"grants", "faucet", "--token", dep.Token, "--amount", "5"}, on...)...)
	mustRun(t, home, append([]string{"grants", "donate", id, "1.5"}, on...)...)
	if err := json.Unmarshal([]byte(mustRun(t, home, append([]string{"grants", "status", id, "--json"}, on...)...)), &st); err != nil {
		t.Fatal(err)
	}
	if st.Raised != "1.5" {
		t.Errorf("raised %s after a donation of 1.5", st.Raised)
	}
	// Another key is not the token's minter: refused before anything is sent.
	other := t.TempDir()
	mustRun(t, other, "keys", "new")
	if r := run(t, other, append([]string{"grants", "faucet", "--token", dep.Token, me}, on...)...); r.code == 0 || !strings.Contains(r.stderr, "minter of "+dep.Token) {
		t.Errorf("faucet by a key that is not the minter: exit %d: %s", r.code, r.stderr)
	}
}
