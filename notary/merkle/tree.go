package merkle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/crypto"
)

// ErrEmpty is returned by New for no values: OpenZeppelin has no tree, and
// so no root, for them.
var ErrEmpty = errors.New("merkle: no values")

// Work is split across goroutines only in chunks of at least this many
// hashes; below that, starting goroutines costs more than it saves.
// Tests lower it to exercise the parallel paths on small trees.
var minChunk = 2048

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
	n := len(values)
	if n == 0 {
		return nil, ErrEmpty
	}

	// Leaves are hashed in parallel, each worker counting its leaves by
	// first byte so that they can then be moved into 256 buckets of
	// increasing hash, which are sorted in parallel.
	entries := make([]leafEntry, n)
	workers := numWorkers(n)
	counts := make([][256]int, workers)
	parallelN(n, workers, func(w, lo, hi int) {
		h := newHasher()
		c := &counts[w]
		for i := lo; i < hi; i++ {
			e := &entries[i]
			h.leaf(&e.hash, values[i])
			e.value = i
			c[e.hash[0]]++
		}
	})

	// Bucket b of worker w starts after all smaller buckets and after
	// bucket b of workers before w, so equal hashes stay in input order.
	var bucketStart [257]int
	offsets := make([][256]int, workers)
	off := 0
	for b := range 256 {
		bucketStart[b] = off
		for w := range workers {
			offsets[w][b] = off
			off += counts[w][b]
		}
	}
	bucketStart[256] = n
	sorted := make([]leafEntry, n)
	parallelN(n, workers, func(w, lo, hi int) {
		o := &offsets[w]
		for i := lo; i < hi; i++ {
			b := entries[i].hash[0]
			sorted[o[b]] = entries[i]
			o[b]++
		}
	})
	entries = nil

	// OpenZeppelin sorts leaves with a stable sort, so equal leaves (equal
	// values) keep their input order; breaking ties by index does the same
	// with the faster unstable sort. It decides which proof each duplicate
	// gets, not the root.
	parallelN(256, min(workers, 256), func(_, lo, hi int) {
		for b := lo; b < hi; b++ {
			slices.SortFunc(sorted[bucketStart[b]:bucketStart[b+1]], compareEntries)
		}
	})

	t := &Tree{nodes: make([]Hash, 2*n-1), pos: make([]int, n)}
	last := len(t.nodes) - 1
	parallel(n, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			t.nodes[last-k] = sorted[k].hash
			t.pos[sorted[k].value] = last - k
		}
	})
	sorted = nil

	// Inner nodes are 0..n-2. Each depth of the heap depends only on
	// deeper ones, so a depth is hashed in parallel, deepest first.
	for d := bits.Len(uint(n-1)) - 1; d >= 0; d-- {
		lo := 1<<d - 1
		hi := min(1<<(d+1)-1, n-1)
		parallel(hi-lo, func(a, b int) {
			h := newHasher()
			for i := lo + a; i < lo+b; i++ {
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
// leaf to the root, leaf end first. A single value has an empty proof.
// It panics if i is out of range.
func (t *Tree) Proof(i int) []Hash {
	j := t.pos[i]
	// A node at index j is at depth floor(log2(j+1)).
	proof := make([]Hash, 0, bits.Len(uint(j+1))-1)
	for j > 0 {
		// Left children have odd indexes, their siblings follow them.
		sib := j - 1
		if j%2 == 1 {
			sib = j + 1
		}
		proof = append(proof, t.nodes[sib])
		j = (j - 1) / 2
	}
	return proof
}

// LeafHash returns keccak256(bytes.concat(keccak256(abi.encode(value)))).
// Hashing twice makes a leaf differ from any inner node, whose preimage is
// 64 bytes, so no inner node can pass as a leaf.
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

// numWorkers returns how many goroutines to split n hashes over.
func numWorkers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
}

// parallel calls f over [0, n) split into contiguous ranges, one per
// goroutine, using up to GOMAXPROCS goroutines.
func parallel(n int, f func(lo, hi int)) {
	parallelN(n, numWorkers(n), func(_, lo, hi int) { f(lo, hi) })
}

// parallelN calls f(w, lo, hi) for workers ranges splitting [0, n), each
// in its own goroutine, and waits for them.
func parallelN(n, workers int, f func(w, lo, hi int)) {
	if workers <= 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { f(w, lo, hi) })
	}
	wg.Wait()
}
