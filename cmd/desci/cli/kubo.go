package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary/kubo"
)

func (e *env) pushCommand() *cobra.Command {
	var node string
	cmd := &cobra.Command{
		Use:   "push CID... [--kubo URL]",
		Short: "Publish DAGs to a Kubo (go-ipfs) node: imported as CARs and pinned there",
		Long: `Send each DAG (a manifest and everything it links, or any stored content)
to a Kubo node through its RPC API (ipfs dag import), which checks every block
and pins the root, so the IPFS network serves the same CIDs desci computed.
Sealed content goes as ciphertext only. The node is --kubo, else config.json's
"kubo".`,
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
			s, err := e.openStore()
			if err != nil {
				return err
			}
			k := &kubo.Client{URL: node}
			for _, a := range args {
				c, err := parseCID(a)
				if err != nil {
					return err
				}
				if err := k.Publish(cmd.Context(), s, c); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, c)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&node, "kubo", "", "the Kubo node's RPC API (default: config.json's kubo)")
	return cmd
}
