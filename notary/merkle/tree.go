package merkle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/crypto"
)

// ErrEmpty is returned by New for no values: OpenZeppelin has no tree, and
// so no root, for them.
var ErrEmpty = errors.New("merkle: no values")

// chunkSize is how many leaves or nodes goroutines take at a time. Fewer
// are done without starting goroutines, which would cost more than they
// save. Tests lower it to exercise the parallel paths on small trees.
var chunkSize = 4096

// Tree is a StandardMerkleTree over values of ABI type bytes.
type Tree struct {
	// nodes is OpenZeppelin's array: nodes[0] is the root, the children
	// of nodes[i] are nodes[2i+1] and nodes[2i+2], and the n leaves,
	// sorted by hash, fill the last n slots in reverse order.
	nodes []Hash
	// pos[i] is where the leaf of values[i] is in nodes.
	pos []int
}

// leafEntry is a leaf before sorting, with the index of its value.
type leafEntry struct {
	hash  Hash
	value int
}

// New builds the tree of values. Values are identified by their index in
// values; equal values are allowed and each gets its own leaf, as with
// OpenZeppelin. New does not keep values.
func New(values [][]byte) (*Tree, error) {
	return build(len(values), func(h *hasher, out *Hash, i int) { h.leaf(out, values[i]) })
}

// FromLeaves builds the tree of leaves already hashed, for
// StandardMerkleTrees of other ABI types than bytes: leaves[i] must be
// keccak256(bytes.concat(keccak256(abi.encode(...values[i])))), what
// EncodedLeafHash returns for the ABI encoding of values[i]. Leaves are
// identified by their index, as values are in New.
func FromLeaves(leaves []Hash) (*Tree, error) {
	return build(len(leaves), func(_ *hasher, out *Hash, i int) { *out = leaves[i] })
}

// EncodedLeafHash returns keccak256(bytes.concat(keccak256(encoded))): the
// StandardMerkleTree leaf of a value whose ABI encoding (abi.encode of all
// its fields) is encoded. For one bytes value it is LeafHash of the bytes.
func EncodedLeafHash(encoded []byte) Hash {
	var out Hash
	st := crypto.NewKeccakState()
	st.Write(encoded)
	st.Read(out[:])
	st.Reset()
	st.Write(out[:])
	st.Read(out[:])
	return out
}

// build is New for n leaves that leaf computes.
func build(n int, leaf func(h *hasher, out *Hash, i int)) (*Tree, error) {
	if n == 0 {
		return nil, ErrEmpty
	}

	// Leaves are hashed in parallel, and counted by first byte in each
	// chunk so that they can then be moved into 256 buckets of increasing
	// hash, which are sorted in parallel.
	entries := make([]leafEntry, n)
	chunks := (n + chunkSize - 1) / chunkSize
	counts := make([][256]int, chunks)
	forChunks(n, chunkSize, func(c, lo, hi int) {
		h := newHasher()
		for i := lo; i < hi; i++ {
			e := &entries[i]
			leaf(h, &e.hash, i)
			e.value = i
			counts[c][e.hash[0]]++
		}
	})

	// Chunk c's part of bucket b follows all smaller buckets and the parts
	// of b from chunks before c, so equal hashes stay in input order.
	// counts[c][b] becomes where that part starts.
	var bucketStart [257]int
	off := 0
	for b := range 256 {
		bucketStart[b] = off
		for c := range counts {
			k := counts[c][b]
			counts[c][b] = off
			off += k
		}
	}
	bucketStart[256] = n
	sorted := make([]leafEntry, n)
	forChunks(n, chunkSize, func(c, lo, hi int) {
		next := &counts[c]
		for i := lo; i < hi; i++ {
			b := entries[i].hash[0]
			sorted[next[b]] = entries[i]
			next[b]++
		}
	})
	entries = nil

	// OpenZeppelin sorts leaves with a stable sort, so equal leaves (equal
	// values) keep their input order; breaking ties by index does the same
	// with the faster unstable sort. It decides which proof each duplicate
	// gets, not the root.
	bucketsPerChunk := 256
	if n >= 2*chunkSize {
		bucketsPerChunk = 4
	}
	forChunks(256, bucketsPerChunk, func(_, lo, hi int) {
		for b := lo; b < hi; b++ {
			slices.SortFunc(sorted[bucketStart[b]:bucketStart[b+1]], compareEntries)
		}
	})

	t := &Tree{nodes: make([]Hash, 2*n-1), pos: make([]int, n)}
	last := len(t.nodes) - 1
	forChunks(n, chunkSize, func(_, lo, hi int) {
		for k := lo; k < hi; k++ {
			t.nodes[last-k] = sorted[k].hash
			t.pos[sorted[k].value] = last - k
		}
	})
	sorted = nil

	// Inner nodes are 0..n-2. Each depth of the heap depends only on
	// deeper ones, so a depth is hashed in parallel, deepest first.
	for d := bits.Len(uint(n-1)) - 1; d >= 0; d-- {
		first := 1<<d - 1
		end := min(1<<(d+1)-1, n-1)
		forChunks(end-first, chunkSize, func(_, lo, hi int) {
			h := newHasher()
			for i := first + lo; i < first+hi; i++ {
				h.pair(&t.nodes[i], &t.nodes[2*i+1], &t.nodes[2*i+2])
			}
		})
	}
	return t, nil
}

// Root returns the root, which for a single value is its leaf.
func (t *Tree) Root() Hash { return t.nodes[0] }

// Len returns the number of values.
func (t *Tree) Len() int { return len(t.pos) }

// Leaf returns the leaf hash of values[i], which is LeafHash(values[i]).
// It panics if i is out of range.
func (t *Tree) Leaf(i int) Hash { return t.nodes[t.pos[i]] }

// Proof returns the proof for values[i]: the siblings on the way from its
// leaf to the root, leaf end first. A single value has an empty proof,
// never nil, so that it is [] in JSON (OpenZeppelin's JavaScript rejects
// null). It panics if i is out of range.
func (t *Tree) Proof(i int) []Hash {
	return t.AppendProof(make([]Hash, 0, proofLen(t.pos[i])), i)
}

// proofLen returns the proof length of the node at index j, its depth:
// floor(log2(j+1)).
func proofLen(j int) int { return bits.Len(uint(j)+1) - 1 }

// AppendProof appends the proof for values[i] to proof and returns the
// extended slice. Writing out many proofs through one reused slice is
// about twice as fast as allocating each with Proof.
// It panics if i is out of range.
func (t *Tree) AppendProof(proof []Hash, i int) []Hash {
	j := uint(t.pos[i])
	n := proofLen(t.pos[i])
	proof = slices.Grow(proof, n)
	out := proof[len(proof) : len(proof)+n]
	for k := range out {
		// With m = j-1, the sibling of j is m^1 + 1 (left children
		// have odd indexes, right ones even) and its parent is m/2.
		m := j - 1
		out[k] = t.nodes[m^1+1]
		j = m >> 1
	}
	return proof[:len(proof)+n]
}

// LeafHash returns keccak256(bytes.concat(keccak256(abi.encode(value)))).
// The outer hash is of 32 bytes and an inner node's of 64, so no inner
// node can be passed off as a leaf (OpenZeppelin's reason for hashing
// twice).
func LeafHash(value []byte) Hash {
	var out Hash
	newHasher().leaf(&out, value)
	return out
}

// ProcessProof returns the root that proof leads to from leaf, as
// OpenZeppelin's MerkleProof.processProof does.
func ProcessProof(leaf Hash, proof []Hash) Hash {
	if len(proof) == 0 {
		return leaf
	}
	h := newHasher()
	node := leaf
	for i := range proof {
		h.pair(&node, &node, &proof[i])
	}
	return node
}

// Verify reports whether proof leads from leaf to root, as OpenZeppelin's
// MerkleProof.verify does.
func Verify(root, leaf Hash, proof []Hash) bool {
	return ProcessProof(leaf, proof) == root
}

// hasher is one goroutine's keccak state and scratch space. Reusing them
// matters: allocating a state per hash would cost more than the hash.
type hasher struct {
	st  crypto.KeccakState
	buf []byte
}

func newHasher() *hasher {
	return &hasher{st: crypto.NewKeccakState(), buf: make([]byte, 128)}
}

// leaf writes the leaf hash of value to out.
func (h *hasher) leaf(out *Hash, value []byte) {
	// abi.encode(bytes): the offset of the data (0x20), its length, then
	// the data padded with zeros to a multiple of 32 bytes.
	size := 64 + (len(value)+31)&^31
	if cap(h.buf) < size {
		h.buf = make([]byte, size)
	}
	b := h.buf[:size]
	clear(b[:56])
	b[31] = 0x20
	binary.BigEndian.PutUint64(b[56:64], uint64(len(value)))
	copy(b[64:], value)
	clear(b[64+len(value):])

	h.st.Reset()
	h.st.Write(b)
	h.st.Read(out[:])
	h.st.Reset()
	h.st.Write(out[:])
	h.st.Read(out[:])
}

// pair writes OpenZeppelin's commutative keccak256 of a and b to out: the
// smaller hash goes first, so a proof needs no left/right flags.
func (h *hasher) pair(out, a, b *Hash) {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	buf := h.buf[:64]
	copy(buf[:32], a[:])
	copy(buf[32:], b[:])
	h.st.Reset()
	h.st.Write(buf)
	h.st.Read(out[:])
}

// compareEntries orders by hash, then by value index.
func compareEntries(a, b leafEntry) int {
	// Hashes are uniform, so the first 8 bytes nearly always decide.
	x, y := binary.BigEndian.Uint64(a.hash[:8]), binary.BigEndian.Uint64(b.hash[:8])
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	if c := bytes.Compare(a.hash[8:], b.hash[8:]); c != 0 {
		return c
	}
	return a.value - b.value
}

// forChunks calls f(c, lo, hi) for every chunk c = [lo, hi) of [0, n)
// cut every size, on up to GOMAXPROCS goroutines that take chunks in
// turn: a goroutine slowed down, say by another process on its CPU, then
// does fewer chunks instead of holding up the others. A single chunk is
// done without starting a goroutine.
func forChunks(n, size int, f func(c, lo, hi int)) {
	chunks := (n + size - 1) / size
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		for c := range chunks {
			f(c, c*size, min((c+1)*size, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				f(c, c*size, min((c+1)*size, n))
			}
		})
	}
	wg.Wait()
}
