// Package graphql is the platform's API: one GraphQL schema over the
// notary, consent and extracts, served over HTTP with Sign-In with
// Ethereum (EIP-4361) sessions.
//
// The handler serves /graphql (POST JSON, multipart uploads per the
// GraphQL multipart request spec, and GET for queries), resumable uploads
// at /uploads (tus 1.0 core, resumable.go: notarize and addDataset take
// completed ones by ID, once), a query console at
// /, /healthz and Prometheus metrics at /metrics. The schema's SDL is kept
// in testdata/schema.graphql, which a test compares (go test -update
// rewrites it).
//
// Every error carries a stable extensions.code: UNAUTHENTICATED,
// FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, UNAVAILABLE (INTERNAL for a
// resolver that panicked, whose details go to the log only). This package
// is the only place the domain packages' sentinel errors become codes.
//
// Abuse limits apply before any costly work (cost.go): the query's text
// and syntax tree are measured in linear passes (size, tokens, nesting,
// aliases, fragments, spreads, cycles, depth, cost) before graphql-go
// validates it, new queries are validated a few at a time, resolvers stop
// when the request's time is spent or its client goes, and request bodies
// are paced. Sign-in is bounded per client and in total, and a message
// must name the server's origin in its domain and URI (siwe.go); uploads
// wait for a session (upload.go); ConnLimit caps connections per client
// and in all (connlimit.go). Parsed and
// validated documents are cached by their text (an LRU), since graphql-go
// would otherwise parse and validate every request anew; decoded
// manifests are cached by CID, which names them forever. A page of
// manifests reads its anchoring status in two index reads whatever its
// length.
//
// Grants (grants.go, donate.go): the server never holds donors' keys.
// It prepares transactions for their wallets (quantities as JSON numbers,
// gas and gasLimit, as viem and ethers take them; gas estimated on the
// state each will meet) and relays what donors sign without ETH (a
// Donation and a permit, or a Refund, checked by the contract), paying gas
// with its own key, simulating first and rate-limiting per donor and
// client. Refusals speak in the token's units with a next step
// (grants.Explain), with extensions.next for the pages.
//
// Sessions and SIWE nonces live in memory: a restart signs everyone out.
// Roles come from configuration, by address; an address with none is a
// patient, who sees only their own consents and access log.
package graphql
