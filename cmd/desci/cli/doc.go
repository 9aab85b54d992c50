// Package cli is the desci command line: flags become options structs for
// the domain packages, results go to stdout (human text or --json),
// progress and messages to stderr, and errors become one line and an exit
// code here and nowhere else.
package cli
