package graphql

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/npmtest"
)

// TestWalletLibraries runs tools/conformance/signin-consent.mjs against
// this server: ethers v6, viem and MetaMask's eth-sig-util, unmodified,
// sign in, consent and revoke (issue 15), with 65-byte signatures and
// EIP-2098 compact ones, the document as JSON and as a string.
func TestWalletLibraries(t *testing.T) {
	root := npmtest.Need(t, "ethers", "viem", "@metamask/eth-sig-util")
	e := newEnv(t, nil)
	type patient struct {
		Library string `json:"library"`
		Key     string `json:"key"`
		Subject string `json:"subject"`
		Compact bool   `json:"compact"`
		String  bool   `json:"string"`
	}
	var patients []patient
	want := map[string]common.Address{}
	for i, p := range []patient{
		{Library: "ethers"}, {Library: "viem"}, {Library: "eth-sig-util"},
		{Library: "viem", Compact: true}, {Library: "ethers", String: true},
	} {
		k, _ := crypto.GenerateKey()
		p.Key, p.Subject = hexutil.Encode(crypto.FromECDSA(k)), "L"+string(rune('1'+i))
		if err := e.reg.Enroll("trial-42", p.Subject, addr(k)); err != nil {
			t.Fatal(err)
		}
		patients = append(patients, p)
		want[p.Subject] = addr(k)
	}
	cfg, _ := json.Marshal(map[string]any{"url": e.http.URL + "/graphql", "domain": testDomain, "uri": "https://" + testDomain,
		"chainId": 1337, "study": "trial-42", "patients": patients})
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "tools/conformance/signin-consent.mjs", file)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("conformance: %v\n%s", err, stderr.Bytes())
	}
	var results []struct {
		Library    string
		Address    common.Address
		Consent    common.Hash
		Revocation common.Hash
	}
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(patients) {
		t.Fatalf("conformance printed %s: %v", out, err)
	}
	for i, p := range patients {
		h, err := e.reg.History("trial-42", p.Subject)
		if err != nil || len(h) != 2 {
			t.Fatalf("%s: history %v, %v", p.Library, h, err)
		}
		if h[0].Hash != results[i].Consent || h[1].Hash != results[i].Revocation || h[1].Kind != "revocation" ||
			h[0].Signer != want[p.Subject] || results[i].Address != want[p.Subject] {
			t.Errorf("%s: recorded %+v %+v, the script says %+v", p.Library, h[0], h[1], results[i])
		}
	}
}
