// Package merkle builds the Merkle trees whose roots the notary anchors on
// Ethereum, one root per batch of manifests, and the proofs that a manifest
// is in a batch.
//
// It is OpenZeppelin's StandardMerkleTree for leaves of the single ABI type
// bytes, reimplemented in Go for speed: a million leaves and all their
// proofs take about 1.6 s on two 2.5 GHz Xeon cores (BenchmarkTree1M),
// nearly all of it keccak256, which New spreads over GOMAXPROCS goroutines. Each value is
// one manifest's binary CID.
//
// The package promises, for any non-empty list of values:
//
//   - New(values).Root() is the root that @openzeppelin/merkle-tree
//     (tested against v1.0.8) computes for StandardMerkleTree.of(values.map(v => [v]), ['bytes']).
//   - Proof(i), and what AppendProof(dst, i) appends, is element for
//     element that library's getProof(i), so it is accepted by
//     StandardMerkleTree.verify and by Solidity's MerkleProof.verify(proof,
//     root, leaf) with leaf = LeafHash(values[i]).
//   - LeafHash(v) is keccak256(bytes.concat(keccak256(abi.encode(v)))),
//     the leaf a contract computes from the bytes it is given.
//   - Verify and ProcessProof are MerkleProof.verify and
//     MerkleProof.processProof.
//
// How the tree is laid out follows OpenZeppelin exactly, because the root
// is the library's only if every detail agrees: leaves
// are sorted by hash, stored in reverse at the end of a heap-ordered array
// of 2n-1 nodes, and every pair is hashed in ascending byte order. As a
// result the tree is not padded to a power of two, proofs of different
// leaves can differ in length by one, and equal values get leaves of their
// own, in input order. A Tree is immutable once built and safe for
// concurrent use; it keeps 2n-1 hashes, not the values.
package merkle
