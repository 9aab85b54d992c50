package policies

import (
	"bytes"
	"encoding/hex"
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

// ethers v6, unmodified, signs the typed data desci sends to wallets
// (issue 15: it refused types beside the primary type and empty domain
// fields), and what it signs is a document desci accepts.
func TestEthersSignsTypedData(t *testing.T) {
	root := npmtest.Need(t, "ethers")
	key, _ := crypto.HexToECDSA(patientKeyHex)
	d := Domain{ChainID: 1337, Deployment: exampleDeployment}
	c := exampleConsent()
	rv := &Revocation{Study: c.Study, Subject: c.Subject, Consent: common.Hash{0xc0}, Nonce: 2}
	docs := []*Document{{Consent: c, Domain: d}, {Revocation: rv, Domain: d}}
	var tds []json.RawMessage
	for _, doc := range docs {
		b, err := MarshalTypedData(doc.TypedData())
		if err != nil {
			t.Fatal(err)
		}
		tds = append(tds, b)
	}
	in, _ := json.Marshal(map[string]any{"key": "0x" + patientKeyHex, "typedData": tds})
	file := filepath.Join(t.TempDir(), "in.json")
	os.WriteFile(file, in, 0o600)
	cmd := exec.Command("node", "policies/testdata/ethers-sign.js", file)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("ethers refused the typed data: %v\n%s", err, stderr.Bytes())
	}
	var out []struct{ Hash, Signature string }
	if err := json.Unmarshal(stdout, &out); err != nil || len(out) != len(docs) {
		t.Fatalf("ethers said %s: %v", stdout, err)
	}
	for i, doc := range docs {
		h, _ := Hash(doc.TypedData())
		if out[i].Hash != h.Hex() {
			t.Errorf("%s: ethers hashes %s, desci %s", doc.Kind(), out[i].Hash, h.Hex())
		}
		sig, err := hexutil.Decode(out[i].Signature)
		if err != nil {
			t.Fatal(err)
		}
		wire, _ := json.Marshal(map[string]any{"typedData": tds[i], "signature": "0x" + hex.EncodeToString(sig)})
		back, err := ParseDocument(wire)
		if err != nil || back.Signer != crypto.PubkeyToAddress(key.PublicKey) || back.Domain != d {
			t.Errorf("%s signed by ethers: %+v, %v", doc.Kind(), back, err)
		}
	}
}
