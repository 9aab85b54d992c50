//go:build pins

// This file pins the platform's required libraries still unused
// (graphql-go, OPA) at versions that resolve and build together here, before the
// packages that use them land: go mod tidy keeps any requirement that a
// build-tagged file imports. Remove each import when a package uses it.
package desci

import (
	_ "github.com/graphql-go/graphql"
	_ "github.com/open-policy-agent/opa/v1/rego"
)
