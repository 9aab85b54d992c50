package merkle_test

import (
	"fmt"

	"github.com/desci-platform/desci/notary/merkle"
	"github.com/ipfs/go-cid"
)

func Example() {
	// A batch of manifests to anchor, by CID.
	var values [][]byte
	for _, s := range []string{
		"bafyreiaknygcyoibx2h6lyskkixp4r57zgqifzuqzg5szobnssyo6fhh3e",
		"bafyreicr77as3rpq4s6ybm66t43uwhdhbc5v43efdlu4bguhso2lgvg5h4",
		"bafyreicutqqrlakb2as2mt5z7n6vsvgmmzncq2fvhpdam2hkt35yorblpm",
	} {
		c, err := cid.Decode(s)
		if err != nil {
			panic(err)
		}
		values = append(values, c.Bytes())
	}

	tree, err := merkle.New(values)
	if err != nil {
		panic(err)
	}
	// The root goes on chain; each manifest keeps its proof.
	root := tree.Root()
	proof := tree.Proof(1)
	fmt.Println("root:", root)
	fmt.Println("proof of manifest 1:", proof)

	// Anyone holding the CID and the proof can check it against the root,
	// as MerkleProof.verify does on chain.
	fmt.Println("verifies:", merkle.Verify(root, merkle.LeafHash(values[1]), proof))
	fmt.Println("for another CID:", merkle.Verify(root, merkle.LeafHash(values[2]), proof))
	// Output:
	// root: 0x8e86a8e60d7db995d9f6b9105b2986b12965e9b758070e220f99ca2995a424f4
	// proof of manifest 1: [0x6b9b09128cf2d41edc83e0a1705bf54e1673fcfbd25684eaeeeb30b81edef666 0xfa1344cd2ca67d57d1271769f6a4138f889c708955d6e413b0cd7e3927bedd93]
	// verifies: true
	// for another CID: false
}
