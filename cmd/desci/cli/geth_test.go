package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/testgeth"
)

// The notary from the command line against a real geth --dev: deploy the
// Notary, notarize, anchor, and verify from a fresh data dir that has
// nothing but the receipt and the data; a wrong --chain-id is refused
// before anything is signed, and geth gone is a clear error (verify: exit
// 3, could not check).
func TestAnchorAndVerifyOnGethCLI(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	node := testgeth.Start(t, testgeth.Options{})
	home := t.TempDir()
	mustRun(t, home, "keys", "import", "--private-key", fmt.Sprintf("%x", crypto.FromECDSA(node.Key)))
	notaryAddr := mustRun(t, home, "chain", "deploy", "--rpc", node.URL)
	on := []string{"--rpc", node.URL, "--notary-contract", notaryAddr}
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,2\n"})
	c := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Study data")
	if r := run(t, home, append([]string{"anchor", "--chain-id", "1"}, on...)...); r.code == 0 || !strings.Contains(r.stderr, "is chain 1337, not 1") {
		t.Errorf("anchor on the wrong chain id: exit %d: %s", r.code, r.stderr)
	}
	mustRun(t, home, append([]string{"anchor", "--chain-id", "1337"}, on...)...)
	receipt := filepath.Join(t.TempDir(), "receipt.json")
	mustRun(t, home, "receipt", c, "-o", receipt)

	fresh := t.TempDir()
	out := mustRun(t, fresh, "verify", src, "--receipt", receipt, "--rpc", node.URL)
	if !strings.Contains(out, c) {
		t.Errorf("verify from a fresh data dir:\n%s", out)
	}
	if r := run(t, fresh, "verify", src, "--receipt", receipt, "--rpc", node.URL, "--chain-id", "5"); r.code != exitUnchecked || !strings.Contains(r.stderr, "not 5") {
		t.Errorf("verify against the wrong chain id: exit %d: %s", r.code, r.stderr)
	}
	if err := node.Down(); err != nil {
		t.Fatal(err)
	}
	if r := run(t, fresh, "verify", src, "--receipt", receipt, "--rpc", node.URL); r.code != exitUnchecked || !strings.Contains(r.stderr, "unreachable") {
		t.Errorf("verify with geth down: exit %d: %s", r.code, r.stderr)
	}
}
