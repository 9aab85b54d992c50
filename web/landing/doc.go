// Package landing serves the public page of every public research object:
// /m/CID, rendered on the server with html/template, so it reads without
// JavaScript, is indexed by search engines, and loads nothing from
// anywhere else (a Content-Security-Policy with one inline stylesheet,
// no script).
//
// A page shows a manifest's title, authors (ORCID links), licence,
// description and files (CIDs, sizes, downloads), where and when it was
// anchored (chain, block, time, finality, a link to the verify page), the
// versions and corrections of the object as a timeline, the notebook runs
// and reproductions that involve it, and the grant milestones that cite
// it. Beside the page, at stable URLs:
//
//	/m/CID                  the page (HTML, with schema.org JSON-LD)
//	/m/CID/cite.bib         BibTeX          application/x-bibtex
//	/m/CID/cite.ris         RIS             application/x-research-info-systems
//	/m/CID/cite.csl.json    CSL-JSON        application/vnd.citationstyles.csl+json
//	/m/CID/cite.datacite.json  DataCite 4.5 JSON  application/vnd.datacite.datacite+json
//	/m/CID/receipt.json     the anchoring receipt (doc/receipt.md), once anchored
//	/m/CID/files/PATH       a file of the content, with HTTP ranges
//
// # Public and private
//
// Only the public kinds have a page: dataset, method, result, run,
// attestation, and a correction of one of those. Consents, access log
// entries, extracts (and corrections of them) answer 404 exactly as an
// unknown CID does, so a page never says that a private object exists.
// Sealed content (raw patient data) is listed by its manifest, which is
// public, but never served; nor is a file that also belongs to a private
// object, as notary/kubo keeps such files off Kubo.
//
// # Costs
//
// Everything shown comes from the manifest, the index and the receipt,
// with no chain call per file or per page: the chain's finalized head and
// the grants' citations are read in the background at most every few
// seconds (Options) and kept. Relations no manifest states (the runs of a
// method, the attestations of a run, which files are private) come from a
// derived index, brought up to date when the notary's index has changed.
// Templates are parsed once. A page for an object of 1,000 files renders
// in well under 50 ms (BenchmarkPage).
//
// Downloads read through the store's checked blockstore, so every block
// is hashed against its CID as it is served, and declared sizes are
// checked before the first byte. At most Options.MaxDownloads run at
// once, and MaxDownloadsPerClient from one address, and each must keep up
// MinDownloadRate, so that slow readers cannot hold every slot. Files are
// served as application/octet-stream attachments under a sandbox policy:
// a stranger's HTML never renders in this origin.
//
// # Untrusted text
//
// Every field of a manifest is a stranger's: html/template escapes the
// page, the JSON-LD is encoded with <, > and & escaped (so </script>
// cannot end its element), BibTeX values escape TeX's specials and
// balance braces, and RIS values lose their line breaks, which would
// otherwise start new tags.
package landing
