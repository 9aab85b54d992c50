-- What the registry's rules rely on, kept by the database too: an
-- enrollment names one patient address, a latest-document pointer and a
-- subject's nonce entry name one document hash, and keys are never empty.
ALTER TABLE desci_consent_kv
	ADD CONSTRAINT desci_consent_kv_key CHECK (length(k) > 0),
	ADD CONSTRAINT desci_consent_kv_enrollment CHECK (bucket <> 'enrollments' OR length(v) = 20),
	ADD CONSTRAINT desci_consent_kv_latest CHECK (bucket NOT IN ('latest', 'subject-documents') OR length(v) = 32);
