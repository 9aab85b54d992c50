package merkle

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// byteValues returns n distinct short values, the i-th being "value i".
func byteValues(n int) [][]byte {
	values := make([][]byte, n)
	for i := range values {
		values[i] = fmt.Appendf(nil, "value %d", i)
	}
	return values
}

func repeat(v string, n int) [][]byte {
	values := make([][]byte, n)
	for i := range values {
		values[i] = []byte(v)
	}
	return values
}

// wordEdgeValues have lengths where abi.encode's zero padding changes.
var wordEdgeValues = [][]byte{{}, {1}, make([]byte, 31), make([]byte, 32), make([]byte, 33), make([]byte, 64), make([]byte, 200)}

var treeTests = []struct {
	name   string
	values [][]byte
}{
	{"1 leaf", byteValues(1)},
	{"2 leaves", byteValues(2)},
	{"3 leaves", byteValues(3)},
	{"4 leaves", byteValues(4)},
	{"5 leaves", byteValues(5)},
	{"7 leaves", byteValues(7)},
	{"8 leaves", byteValues(8)},
	{"1000 leaves", byteValues(1000)},
	{"1000 CIDs", cidValues(1000)},
	{"empty value", [][]byte{{}}},
	{"value lengths around a word", wordEdgeValues},
	{"duplicate pair", repeat("same", 2)},
	{"duplicates only", repeat("same", 5)},
	{"duplicates among others", [][]byte{[]byte("a"), []byte("b"), []byte("a"), []byte("c"), []byte("b"), []byte("a")}},
}

func TestTree(t *testing.T) {
	for _, tt := range treeTests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := New(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstRef(t, tr, tt.values)
			root := tr.Root()
			for i, v := range tt.values {
				leaf, proof := tr.Leaf(i), tr.Proof(i)
				if leaf != LeafHash(v) {
					t.Fatalf("Leaf(%d) = %v, LeafHash = %v", i, leaf, LeafHash(v))
				}
				if !Verify(root, leaf, proof) {
					t.Fatalf("proof %d does not verify", i)
				}
				if got := ProcessProof(leaf, proof); got != root {
					t.Fatalf("ProcessProof(%d) = %v, want root %v", i, got, root)
				}
				prefix := []Hash{{1}, {2}}
				if got := tr.AppendProof(prefix, i); !slices.Equal(got, append(prefix, proof...)) {
					t.Fatalf("AppendProof(%v, %d) = %v, want the prefix and %v", prefix, i, got, proof)
				}
			}
		})
	}
}

func TestSingleLeaf(t *testing.T) {
	v := []byte("only")
	tr, err := New([][]byte{v})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Root() != LeafHash(v) {
		t.Errorf("root %v, want the leaf %v", tr.Root(), LeafHash(v))
	}
	if p := tr.Proof(0); p == nil || len(p) != 0 {
		t.Errorf("proof %#v, want empty and not nil", p)
	}
}

// flipBit returns h with bit i (0..255) inverted.
func flipBit(h Hash, i int) Hash {
	h[i/8%32] ^= 1 << (i % 8)
	return h
}

func TestTamperedProofsFail(t *testing.T) {
	for _, tt := range treeTests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := New(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			// A tree whose first value differs has another root.
			other := slices.Clone(tt.values)
			other[0] = append([]byte("other "), other[0]...)
			otherTree, err := New(other)
			if err != nil {
				t.Fatal(err)
			}
			root := tr.Root()
			for i := range tt.values {
				leaf, proof := tr.Leaf(i), tr.Proof(i)
				for k := range proof {
					bad := slices.Clone(proof)
					bad[k] = flipBit(bad[k], 7*k+i)
					if Verify(root, leaf, bad) {
						t.Fatalf("proof %d verifies with element %d changed", i, k)
					}
				}
				if Verify(root, flipBit(leaf, i), proof) {
					t.Fatalf("proof %d verifies a changed leaf", i)
				}
				if Verify(root, LeafHash(append([]byte("not "), tt.values[i]...)), proof) {
					t.Fatalf("proof %d verifies the leaf of another value", i)
				}
				if Verify(otherTree.Root(), leaf, proof) {
					t.Fatalf("proof %d verifies against another tree's root", i)
				}
				if len(proof) > 0 && Verify(root, leaf, proof[:len(proof)-1]) {
					t.Fatalf("proof %d verifies truncated", i)
				}
				if Verify(root, leaf, append(slices.Clone(proof), root)) {
					t.Fatalf("proof %d verifies extended", i)
				}
			}
		})
	}
}

// TestParallel runs the parallel code paths on small trees, which
// normally take the serial ones, with various numbers of workers.
func TestParallel(t *testing.T) {
	defer func(m int) { chunkSize = m }(chunkSize)
	chunkSize = 1
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 8} {
		for _, n := range []int{1, 2, 3, 5, 8, 9, 300, 1025} {
			t.Run(fmt.Sprintf("GOMAXPROCS=%d/%d leaves", procs, n), func(t *testing.T) {
				runtime.GOMAXPROCS(procs)
				values := append(cidValues(n), cidValues(n/3)...) // with duplicates
				tr, err := New(values)
				if err != nil {
					t.Fatal(err)
				}
				checkAgainstRef(t, tr, values)
			})
		}
	}
}

func TestNewEmpty(t *testing.T) {
	for _, values := range [][][]byte{nil, {}} {
		tr, err := New(values)
		if !errors.Is(err, ErrEmpty) || tr != nil {
			t.Errorf("New(%#v) = %v, %v; want nil, ErrEmpty", values, tr, err)
		}
	}
	if !strings.HasPrefix(ErrEmpty.Error(), "merkle: ") {
		t.Errorf("ErrEmpty = %q, want the prefix \"merkle: \"", ErrEmpty)
	}
}

func TestLeafHash(t *testing.T) {
	// keccak256(bytes.concat(keccak256(abi.encode(bytes("")))), as
	// computed by @openzeppelin/merkle-tree 1.0.8 for the value "0x".
	const want = "0x2eac7b0cadd960cd4457012a5e232aa3532d9365ba6df63c1b5a9c7846f77760"
	if got := LeafHash(nil).String(); got != want {
		t.Errorf("LeafHash(empty) = %s, want %s", got, want)
	}
	for _, v := range wordEdgeValues {
		if got, want := LeafHash(v), refLeafHash(t, v); got != want {
			t.Errorf("LeafHash(%d bytes) = %v, want %v", len(v), got, want)
		}
	}
}

func TestParseHash(t *testing.T) {
	const hex = "0x2eac7b0cadd960cd4457012a5e232aa3532d9365ba6df63c1b5a9c7846f77760"
	tests := []struct {
		in      string
		want    string
		wantErr string // what the error must contain, if one is expected
	}{
		{in: hex, want: hex},
		{in: "0X" + strings.ToUpper(hex[2:]), want: hex},
		{in: hex[2:], wantErr: "not 0x and 64 hex digits"},
		{in: hex[:65], wantErr: "not 0x and 64 hex digits"},
		{in: hex + "00", wantErr: "not 0x and 64 hex digits"},
		{in: "", wantErr: "not 0x and 64 hex digits"},
		{in: hex[:65] + "g", wantErr: "invalid byte"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, err := ParseHash(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "merkle: ") {
					t.Fatalf("ParseHash = %v, %v; want error containing %q", h, err, tt.wantErr)
				}
				return
			}
			if err != nil || h.String() != tt.want {
				t.Fatalf("ParseHash = %v, %v; want %s", h, err, tt.want)
			}
		})
	}
}

func TestHashJSON(t *testing.T) {
	type doc struct {
		Root  Hash          `json:"root"`
		Proof []Hash        `json:"proof"`
		ByKey map[Hash]bool `json:"byKey"`
	}
	var h Hash
	h[0], h[31] = 0xab, 0x01
	in := doc{Root: h, Proof: []Hash{h, {}}, ByKey: map[Hash]bool{h: true}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	hs := h.String()
	zero := "0x" + strings.Repeat("0", 64)
	want := `{"root":"` + hs + `","proof":["` + hs + `","` + zero + `"],"byKey":{"` + hs + `":true}}`
	if string(b) != want {
		t.Fatalf("Marshal = %s\nwant %s", b, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Root != in.Root || !slices.Equal(out.Proof, in.Proof) || !out.ByKey[h] {
		t.Fatalf("round trip gave %+v, want %+v", out, in)
	}
	if err := json.Unmarshal([]byte(`{"root":"0x12"}`), &out); err == nil {
		t.Fatal("Unmarshal accepted a short hash")
	}
}

// FromLeaves over the leaves New hashes gives New's tree, and
// EncodedLeafHash of abi.encode(bytes) is LeafHash: the generalization
// changes nothing for bytes values.
func TestFromLeaves(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 100} {
		values := byteValues(n)
		want, _ := New(values)
		leaves := make([]Hash, n)
		for i, v := range values {
			enc := make([]byte, 64+(len(v)+31)/32*32)
			enc[31] = 0x20
			enc[63] = byte(len(v))
			copy(enc[64:], v)
			leaves[i] = EncodedLeafHash(enc)
			if leaves[i] != LeafHash(v) {
				t.Fatalf("n=%d: EncodedLeafHash(abi.encode(%x)) != LeafHash", n, v)
			}
		}
		got, err := FromLeaves(leaves)
		if err != nil {
			t.Fatal(err)
		}
		if got.Root() != want.Root() {
			t.Errorf("n=%d: root %s, want %s", n, got.Root(), want.Root())
		}
		for i := range n {
			if !slices.Equal(got.Proof(i), want.Proof(i)) {
				t.Errorf("n=%d: proof %d differs", n, i)
			}
		}
	}
	if _, err := FromLeaves(nil); err != ErrEmpty {
		t.Errorf("FromLeaves(nil): %v", err)
	}
}
