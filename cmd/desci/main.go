// Command desci is the DeSci research data notary: content addressing,
// manifests, anchoring, consent and grants. See README.md.
package main

import (
	"os"

	"github.com/desci-platform/desci/cmd/desci/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
