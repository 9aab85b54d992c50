package grants

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/desci-platform/desci/internal/npmtest"
)

// TestMatchingRootIsOpenZeppelins holds the round's tree to
// @openzeppelin/merkle-tree itself: StandardMerkleTree.of(leaves,
// ['uint256', 'uint256']) has the root ComputeMatching commits.
func TestMatchingRootIsOpenZeppelins(t *testing.T) {
	lib := filepath.Join(npmtest.Need(t, "@openzeppelin/merkle-tree"), "tools/npm/node_modules/@openzeppelin/merkle-tree")
	m, err := ComputeMatching(big.NewInt(1000), 4000, []uint64{1, 2, 3, 17},
		append(append(donors(1, 4, 100), donors(2, 3, 100)...), donors(3, 2, 100)...))
	if err != nil {
		t.Fatal(err)
	}
	var values [][2]string
	for _, g := range m.Grants {
		values = append(values, [2]string{fmt.Sprint(g.Grant), g.Match.String()})
	}
	b, _ := json.Marshal(values)
	script := `const {StandardMerkleTree} = require(process.argv[1]);
const t = StandardMerkleTree.of(JSON.parse(process.argv[2]), ['uint256', 'uint256']);
console.log(t.root);`
	out, err := exec.Command("node", "-e", script, lib, string(b)).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != m.Root.String() {
		t.Errorf("OpenZeppelin's root %s, ours %s", got, m.Root)
	}
}
