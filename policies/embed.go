package policies

import "embed"

// defaultBundle is the default consent policy: DUO matching, with its
// Rego unit tests (bundle/*_test.rego), which are not loaded for decisions.
//
//go:embed bundle
var defaultBundle embed.FS

//go:embed mondo-demo.tsv
var demoMONDO string
