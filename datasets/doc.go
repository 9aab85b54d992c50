// Package datasets turns patient-level tables into what researchers may
// see: it reads CSV, TSV, Parquet and Arrow IPC into Arrow record batches
// (streaming, so file size does not bound memory), checks them against a
// data dictionary that says what every column is, and de-identifies them
// with pure functions on Arrow batches (HIPAA Safe Harbor transforms and
// keyed pseudonyms) before anything leaves the data steward's hands.
//
// The data dictionary format is specified in doc/data-dictionary.md.
package datasets
