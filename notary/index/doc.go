// Package index is the notary's embedded index: which DAGs a data dir
// keeps (pins), which manifests it knows and how they link to each other
// (supersedes, corrects), and which manifests wait for anchoring.
//
// It is one bbolt file. Every write is one transaction, fsynced before it
// returns, so a killed process leaves the index as it was before the write
// or after it, never between. The blocks themselves live in the blockstore;
// the index only points at them and can be rebuilt from them.
package index
