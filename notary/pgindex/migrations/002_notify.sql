-- Every write transaction advances index_seq; its commit tells every
-- replica listening on desci_index, so each can keep what it read (a
-- manifest's status) until something changes.
CREATE FUNCTION desci_index_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('desci_index', '');
	RETURN NULL;
END $$;

CREATE TRIGGER index_seq_notify AFTER UPDATE ON index_seq
	FOR EACH STATEMENT EXECUTE FUNCTION desci_index_notify();
