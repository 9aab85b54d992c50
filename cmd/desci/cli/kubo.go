package cli

import (
	"fmt"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary/kubo"
)

func (e *env) pushCommand() *cobra.Command {
	var node, kinds string
	cmd := &cobra.Command{
		Use:   "push CID... [--kubo URL] [--kubo-kinds KINDS]",
		Short: "Publish DAGs to a Kubo (go-ipfs) node: imported as CARs and pinned there",
		Long: `Send each DAG (a manifest and everything it links, or any stored content)
to a Kubo node through its RPC API (ipfs dag import), which checks every block
and pins the root, so the IPFS network serves the same CIDs desci computed.
The node is --kubo, else config.json's "kubo".

Only what is meant to be public leaves: manifests of kind dataset, method,
result, correction, run and attestation, and their plaintext content.
Consents, access entries, extracts (and corrections of them) and sealed
ciphertext are refused, and a public manifest that links to one is pinned
without it, unless --kubo-kinds names that kind (public,consent,access,
extract,sealed).`,
		Example: "  desci push bafyrei... --kubo http://127.0.0.1:5001",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if node == "" {
				cfg, err := e.policyConfig()
				if err != nil {
					return err
				}
				node = cfg.Kubo
			}
			if node == "" {
				return usageError{fmt.Errorf("no Kubo node: give --kubo URL or set \"kubo\" in config.json")}
			}
			sel, err := kubo.ParseKinds(kinds)
			if err != nil {
				return usageError{err}
			}
			var cs []cid.Cid
			for _, a := range args {
				c, err := parseCID(a)
				if err != nil {
					return err
				}
				cs = append(cs, c)
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			f, err := kubo.NewFilter(cmd.Context(), s, sel)
			if err != nil {
				return err
			}
			k := &kubo.Client{URL: node}
			for _, c := range cs {
				if _, err := k.PublishPublic(cmd.Context(), f, c); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, c)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&node, "kubo", "", "the Kubo node's RPC API (default: config.json's kubo)")
	cmd.Flags().StringVar(&kinds, "kubo-kinds", "public", "the kinds that may be pinned: public (dataset, method, result, correction, run, attestation), and any of consent, access, extract, sealed")
	return cmd
}
