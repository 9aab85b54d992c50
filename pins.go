//go:build pins

// This file pins graphql-go, a required library still unused, at a version
// that resolves and builds with the rest here, before the package that uses
// it lands: go mod tidy keeps any requirement that a build-tagged file
// imports. Remove it when graphql/ uses the library.
package desci

import _ "github.com/graphql-go/graphql"
