// Package pgdb opens the PostgreSQL database desci's components share
// (--database, DESCI_DATABASE, config.json's "database") and applies each
// component's versioned SQL migrations when it opens it.
//
// Each component keeps its migrations beside its code, as files named
// NNN_what.sql (NNN its version, from 1, no gaps), embedded in the binary,
// and records what it applied in a table of its own (for example
// desci_index_migrations), so several components share one database
// without their versions colliding. Migrations run in one transaction
// under an advisory lock named after that table: replicas starting
// together apply each migration once, and a failed migration leaves the
// schema as it was. A database already migrated further than this binary
// knows is refused rather than written with an older idea of its schema.
package pgdb
