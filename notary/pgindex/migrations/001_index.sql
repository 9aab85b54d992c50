-- The notary index (see notary/index for the embedded one): what a data
-- dir's store keeps beside its blocks, shared by every replica.

-- DAGs kept: a JSON index.Pin without its root.
CREATE TABLE index_pins (
	cid bytea PRIMARY KEY,
	rec jsonb NOT NULL
);

-- Manifest records: a JSON index.Manifest without its CID; local is
-- repeated as a column because a write depends on it.
CREATE TABLE index_manifests (
	cid bytea PRIMARY KEY,
	local boolean NOT NULL,
	rec jsonb NOT NULL
);

-- source supersedes or corrects target.
CREATE TABLE index_links (
	kind text NOT NULL CHECK (kind IN ('supersedes', 'corrects')),
	target bytea NOT NULL,
	source bytea NOT NULL,
	PRIMARY KEY (kind, target, source)
);

-- Manifests waiting for anchoring, in the order they came.
CREATE TABLE index_queue (
	cid bytea PRIMARY KEY,
	seq bigserial NOT NULL,
	queued timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX index_queue_seq ON index_queue (seq);

-- The anchoring transaction in flight, recorded before it is sent. The
-- one column makes a second batch impossible while one is recorded: a
-- replica that lost the anchoring lock without knowing it cannot send
-- another.
CREATE TABLE index_batches (
	root text PRIMARY KEY,
	one boolean NOT NULL DEFAULT true UNIQUE CHECK (one),
	rec jsonb NOT NULL
);

-- Receipt documents of anchored manifests.
CREATE TABLE index_receipts (
	cid bytea PRIMARY KEY,
	doc bytea NOT NULL
);

-- A number every write transaction increments (index.Seq).
CREATE TABLE index_seq (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	n bigint NOT NULL
);
INSERT INTO index_seq (n) VALUES (0);
