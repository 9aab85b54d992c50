-- The consent registry, the access log and the notice outbox: the same
-- ordered buckets of keys and values as the bbolt file (policies/storage.go
-- names them and their keys). bytea compares bytewise, so a prefix scan is
-- a range on the primary key.
CREATE TABLE desci_consent_kv (
	bucket text  NOT NULL,
	k      bytea NOT NULL,
	v      bytea NOT NULL,
	PRIMARY KEY (bucket, k)
);

-- Each bucket's last sequence number (the access log's and the outbox's
-- entries are numbered).
CREATE TABLE desci_consent_seq (
	bucket text   PRIMARY KEY,
	n      bigint NOT NULL CHECK (n > 0)
);
