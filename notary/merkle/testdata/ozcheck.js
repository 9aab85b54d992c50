// Checks Go Merkle trees against OpenZeppelin's own library.
//
//   node notary/merkle/testdata/ozcheck.js input.json
//
// input.json is {"values": ["0x…", …], "proofs": [["0x…", …], …]}: bytes
// values and, for each, the proof our Go package made. Prints as JSON what
// @openzeppelin/merkle-tree computes for the same values: the root, each
// value's leaf hash and proof, and whether it accepts each of our proofs.
'use strict';

const fs = require('fs');
const path = require('path');
const { StandardMerkleTree } = require(path.join(
  __dirname, '../../../tools/npm/node_modules/@openzeppelin/merkle-tree'));

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const encoding = ['bytes'];
const tree = StandardMerkleTree.of(input.values.map(v => [v]), encoding);

console.log(JSON.stringify({
  root: tree.root,
  leaves: input.values.map(v => tree.leafHash([v])),
  proofs: input.values.map((_, i) => tree.getProof(i)),
  verified: input.values.map((v, i) =>
    StandardMerkleTree.verify(tree.root, encoding, [v], input.proofs[i])),
}));
