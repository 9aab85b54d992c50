package cli

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary"
)

// publicRPC is the config.json key listing public JSON-RPC endpoints that
// bundles name ("rpc" is not used: it may hold a private URL or a key).
type publicRPC struct {
	PublicRPC []string `json:"public_rpc"`
}

func (e *env) bundleCommand() *cobra.Command {
	var (
		out string
		rpc []string
	)
	cmd := &cobra.Command{
		Use:   "bundle CID -o FILE.desci.car [--public-rpc URL]...",
		Short: "Write a verification bundle: manifest, content, receipt and chain in one file",
		Long: `Write one file that lets anyone verify an anchored manifest with nothing else
(desci verify FILE.desci.car, or the verify page): a CARv1 whose root is a
small JSON document naming the manifest, its receipt (Merkle proof, root,
transaction, block), the chain id, the Notary contract and public JSON-RPC
endpoints of that chain, and the corrections and newer versions known here
with their receipts; then the manifests and their content. Sealed content is
left out: only its manifest travels. The format is doc/bundle.md.

Endpoints: every --public-rpc, then "public_rpc" (a list of URLs) in
DATA_DIR/config.json. desci import FILE.desci.car keeps the receipts.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				return usageError{errors.New("give the file to write: -o FILE.desci.car")}
			}
			var cfg publicRPC
			if err := e.readConfig(&cfg); err != nil {
				return err
			}
			endpoints := append(append([]string{}, rpc...), cfg.PublicRPC...)
			for _, u := range rpc {
				if p, err := url.Parse(u); err != nil || p.Host == "" {
					return usageError{fmt.Errorf("--public-rpc %q is not a URL", u)}
				}
			}
			// Written beside the target and renamed: a failed bundle
			// leaves no partial file under the name asked for.
			tmp, err := os.CreateTemp(filepath.Dir(out), ".desci-bundle-*.car")
			if err != nil {
				return err
			}
			defer os.Remove(tmp.Name())
			doc, err := s.WriteBundle(cmd.Context(), c, notary.BundleOptions{RPC: dedupe(endpoints)}, tmp)
			if err != nil {
				tmp.Close()
				return err
			}
			if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
				return err
			}
			if err := os.Rename(tmp.Name(), out); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "bundle of %s: chain %d, %d related manifest(s), %d endpoint(s), content %s\n",
				c, doc.ChainID, len(doc.Related), len(doc.RPC), map[bool]string{true: "included", false: "left out (sealed)"}[doc.Content])
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (FILE.desci.car)")
	cmd.Flags().StringArrayVar(&rpc, "public-rpc", nil, "a public JSON-RPC endpoint of the chain to name in the bundle (repeatable)")
	return cmd
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
