package merkle

import (
	"bytes"
	"slices"
	"sort"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/crypto"
)

// refTree is OpenZeppelin's StandardMerkleTree.of(values.map(v => [v]),
// ['bytes']) transcribed line for line from @openzeppelin/merkle-tree's
// dist/merkletree.js and dist/core.js, slow and obvious, with go-ethereum's
// ABI packer for the encoding. Tests hold the fast Tree to it.
type refTree struct {
	tree      []Hash
	treeIndex []int // by value index
}

var bytesArgs = func() abi.Arguments {
	typ, err := abi.NewType("bytes", "", nil)
	if err != nil {
		panic(err)
	}
	return abi.Arguments{{Type: typ}}
}()

func refLeafHash(t testing.TB, value []byte) Hash {
	t.Helper()
	enc, err := bytesArgs.Pack(value)
	if err != nil {
		t.Fatal(err)
	}
	return Hash(crypto.Keccak256Hash(crypto.Keccak256(enc)))
}

func refNodeHash(a, b Hash) Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return Hash(crypto.Keccak256Hash(a[:], b[:]))
}

func newRefTree(t testing.TB, values [][]byte) *refTree {
	t.Helper()
	type hashed struct {
		valueIndex int
		hash       Hash
	}
	hv := make([]hashed, len(values))
	for i, v := range values {
		hv[i] = hashed{i, refLeafHash(t, v)}
	}
	// JavaScript's Array.prototype.sort is stable.
	sort.SliceStable(hv, func(i, j int) bool {
		return bytes.Compare(hv[i].hash[:], hv[j].hash[:]) < 0
	})
	tree := make([]Hash, 2*len(values)-1)
	for i, v := range hv {
		tree[len(tree)-1-i] = v.hash
	}
	for i := len(tree) - 1 - len(values); i >= 0; i-- {
		tree[i] = refNodeHash(tree[2*i+1], tree[2*i+2])
	}
	r := &refTree{tree: tree, treeIndex: make([]int, len(values))}
	for leafIndex, v := range hv {
		r.treeIndex[v.valueIndex] = len(tree) - leafIndex - 1
	}
	return r
}

func (r *refTree) proof(i int) []Hash {
	proof := []Hash{}
	for j := r.treeIndex[i]; j > 0; j = (j - 1) / 2 {
		sib := j + 1
		if j%2 == 0 {
			sib = j - 1
		}
		proof = append(proof, r.tree[sib])
	}
	return proof
}

// checkAgainstRef fails t unless tr is the reference tree of values.
func checkAgainstRef(t testing.TB, tr *Tree, values [][]byte) {
	t.Helper()
	ref := newRefTree(t, values)
	if got, want := tr.Root(), ref.tree[0]; got != want {
		t.Fatalf("root %v, OpenZeppelin's is %v", got, want)
	}
	if tr.Len() != len(values) {
		t.Fatalf("Len() = %d, want %d", tr.Len(), len(values))
	}
	for i := range values {
		if got, want := tr.Leaf(i), ref.tree[ref.treeIndex[i]]; got != want {
			t.Fatalf("Leaf(%d) = %v, want %v", i, got, want)
		}
		if got, want := tr.Proof(i), ref.proof(i); !slices.Equal(got, want) {
			t.Fatalf("Proof(%d) = %v, want %v", i, got, want)
		}
	}
}
