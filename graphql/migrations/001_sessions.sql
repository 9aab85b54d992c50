-- Sign-in nonces and sessions, shared by every replica (graphql/sessiondb.go).

-- Issued, unused SIWE nonces; a nonce is used by deleting its row.
CREATE TABLE session_nonces (
	nonce text PRIMARY KEY,
	seq bigserial NOT NULL, -- issue order, where clocks tie
	client text NOT NULL,
	issued timestamptz NOT NULL,
	expires timestamptz NOT NULL
);
CREATE INDEX session_nonces_client ON session_nonces (client, issued, seq);
CREATE INDEX session_nonces_expires ON session_nonces (expires);

-- Live sessions, by the SHA-256 of their token: the database never holds
-- a token a reader could use.
CREATE TABLE session_tokens (
	token_hash bytea PRIMARY KEY,
	seq bigserial NOT NULL, -- sign-in order, where clocks tie
	id text NOT NULL,
	address text NOT NULL,
	roles text[] NOT NULL,
	client text NOT NULL,
	created timestamptz NOT NULL,
	expires timestamptz NOT NULL
);
CREATE INDEX session_tokens_address ON session_tokens (address, created, seq);
CREATE INDEX session_tokens_client ON session_tokens (client);
CREATE INDEX session_tokens_expires ON session_tokens (expires);
