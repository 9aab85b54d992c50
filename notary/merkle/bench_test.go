package merkle

import (
	"crypto/sha256"
	"encoding/binary"
	"testing"
)

// cidValues returns n distinct values shaped like binary CIDv1 of dag-cbor
// blocks: 0x01 0x71 0x12 0x20 and a 32-byte sha2-256 digest.
func cidValues(n int) [][]byte {
	values := make([][]byte, n)
	for i := range values {
		var seed [8]byte
		binary.BigEndian.PutUint64(seed[:], uint64(i))
		d := sha256.Sum256(seed[:])
		values[i] = append([]byte{0x01, 0x71, 0x12, 0x20}, d[:]...)
	}
	return values
}

// BenchmarkTree1M builds a tree of a million CIDs and produces, then
// discards, every proof: the work of anchoring a full batch, where each
// proof is written out as soon as it is made.
func BenchmarkTree1M(b *testing.B) {
	values := cidValues(1_000_000)
	for b.Loop() {
		t, err := New(values)
		if err != nil {
			b.Fatal(err)
		}
		var proof []Hash
		for i := range t.Len() {
			proof = t.AppendProof(proof[:0], i)
		}
	}
}
