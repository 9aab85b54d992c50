// Package delivery hands authorized extracts to analysis tools: over HTTP,
// as the notarized file itself (Parquet, Arrow IPC or CSV, byte for byte
// what the manifest names) or converted to an Arrow IPC stream or CSV,
// and over Arrow Flight (DoGet, and GetFlightInfo, GetSchema and
// ListFlights for the tickets a caller presents, so discovery-first
// clients work), so pyarrow, Polars and DuckDB clients read them directly.
//
// Access is by ticket: an HMAC-signed, expiring grant of one extract to one
// holder, issued when the extract is requested (Tickets). Every download
// is reported to the server's Record function, which puts it in the
// access log.
package delivery
