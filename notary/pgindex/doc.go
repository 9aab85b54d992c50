// Package pgindex keeps the notary's index (pins, manifest records and
// their links, the anchoring queue, the batch in flight, receipts) in
// PostgreSQL, so several desci serve replicas share one.
//
// It behaves as the embedded bbolt index does (notary/index/indextest
// checks both), with two additions replicas need: one anchorer at a
// time, held by a session advisory lock that PostgreSQL releases when the
// holder's connection ends (a replica killed mid-batch frees it for
// another, which resumes the recorded batch by its nonce and hash); and a
// table that holds at most one batch, so even a replica that lost the
// lock without noticing cannot send a second transaction.
//
// Its schema is in migrations/, applied on Open and recorded in
// desci_index_migrations.
package pgindex
