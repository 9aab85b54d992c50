-- A change to what a manifest's status is read from (the queue and the
-- receipts) tells every replica listening on desci_index when its
-- transaction commits, whoever made it (desci, or an operator's SQL), so
-- each replica can keep the statuses it read until then.
CREATE FUNCTION desci_index_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('desci_index', '');
	RETURN NULL;
END $$;

CREATE TRIGGER index_queue_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON index_queue
	FOR EACH STATEMENT EXECUTE FUNCTION desci_index_notify();
CREATE TRIGGER index_receipts_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON index_receipts
	FOR EACH STATEMENT EXECUTE FUNCTION desci_index_notify();
