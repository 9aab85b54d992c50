package merkle

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/desci-platform/desci/internal/npmtest"
)

// hexBytes is a byte string as 0x-hex in JSON, as the JavaScript library
// takes ABI bytes values.
type hexBytes []byte

func (b hexBytes) MarshalText() ([]byte, error) {
	return []byte("0x" + hex.EncodeToString(b)), nil
}

// moduleRoot returns the module's root directory, skipping t (failing it
// under CI) unless node and @openzeppelin/merkle-tree are installed there.
func moduleRoot(t *testing.T) string {
	t.Helper()
	return npmtest.Need(t, "@openzeppelin/merkle-tree")
}

// ozCheck runs testdata/ozcheck.js, the real @openzeppelin/merkle-tree, on
// values and our proofs for them, and returns what it says.
func ozCheck(t *testing.T, root string, values [][]byte, proofs [][]Hash) (out struct {
	Root     Hash
	Leaves   []Hash
	Proofs   [][]Hash
	Verified []bool
}) {
	t.Helper()
	in := struct {
		Values []hexBytes `json:"values"`
		Proofs [][]Hash   `json:"proofs"`
	}{Proofs: proofs}
	for _, v := range values {
		in.Values = append(in.Values, v)
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "values.json")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "notary/merkle/testdata/ozcheck.js", file)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("ozcheck.js: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatalf("ozcheck.js printed %q: %v", stdout, err)
	}
	return out
}

// TestOpenZeppelin holds our trees to @openzeppelin/merkle-tree itself:
// the same root, leaves and proofs, and it accepts every proof of ours.
func TestOpenZeppelin(t *testing.T) {
	root := moduleRoot(t)
	tests := []struct {
		name   string
		values [][]byte
	}{
		{"1 CID", cidValues(1)},
		{"2 CIDs", cidValues(2)},
		{"3 CIDs", cidValues(3)},
		{"10 CIDs", cidValues(10)},
		{"257 CIDs", cidValues(257)},
		{"test vectors", vectorValues(t)},
		{"duplicate CIDs", append(cidValues(4), cidValues(3)...)},
		{"lengths around a word", slices.Concat(wordEdgeValues, [][]byte{bytes.Repeat([]byte{0xff}, 100)})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := New(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			proofs := make([][]Hash, tr.Len())
			for i := range proofs {
				proofs[i] = tr.Proof(i)
			}
			oz := ozCheck(t, root, tt.values, proofs)
			if oz.Root != tr.Root() {
				t.Fatalf("root %v, OpenZeppelin's is %v", tr.Root(), oz.Root)
			}
			if len(oz.Verified) != len(tt.values) {
				t.Fatalf("ozcheck.js checked %d proofs, want %d", len(oz.Verified), len(tt.values))
			}
			for i := range tt.values {
				if !oz.Verified[i] {
					t.Errorf("OpenZeppelin rejects proof %d %v", i, proofs[i])
				}
				if oz.Leaves[i] != tr.Leaf(i) {
					t.Errorf("leaf %d is %v, OpenZeppelin's is %v", i, tr.Leaf(i), oz.Leaves[i])
				}
				if !slices.Equal(oz.Proofs[i], proofs[i]) {
					t.Errorf("proof %d is %v, OpenZeppelin's is %v", i, proofs[i], oz.Proofs[i])
				}
			}
		})
	}
}
