// Package chain runs desci's embedded Ethereum development chain: a real
// go-ethereum node (the node, eth and simulated-beacon parts that
// `geth --dev` is made of) persisted under the data dir, which mines a block
// as soon as a transaction arrives. It can also serve JSON-RPC over HTTP on
// a local address, standing in for geth in tests and for other data dirs.
//
// Callers talk to it, and to any external chain, through *ethclient.Client:
// the notary never needs to know which one it has.
//
// The state is kept with the hash-based scheme and no pruning: a kill -9
// then loses at most the block being written, never the chain (with the
// path-based scheme it lost everything; see ../shared/FACTS.md).
package chain
