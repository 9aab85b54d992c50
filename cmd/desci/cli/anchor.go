package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary"
)

func (e *env) anchorCommand() *cobra.Command {
	var (
		f      chainFlags
		key    string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "anchor [--rpc URL --notary-contract ADDR] [--confirmations N]",
		Short: "Anchor every queued manifest on chain in one transaction",
		Long: `Build a Merkle tree over every manifest waiting in the queue, anchor its root
in one transaction, wait for confirmations and store a receipt for each
manifest. Safe to interrupt or kill at any point: run it again and it finds
the transaction it sent (by hash and nonce) instead of sending another.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := e.openStore()
			if err != nil {
				return err
			}
			if q, err := s.Index().Queue(); err != nil {
				return err
			} else if bs, _ := s.Index().Batches(); len(q) == 0 && len(bs) == 0 {
				fmt.Fprintln(e.stderr, "nothing to anchor")
				if asJSON {
					return e.printJSON([]any{})
				}
				return nil
			}
			// The key first: a command that cannot sign opens no chain
			// (the embedded one would be created for nothing).
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			c, err := e.connect(ctx, &f)
			if err != nil {
				return err
			}
			defer c.close()
			if err := fundOnDev(ctx, c, signer.Address()); err != nil {
				return err
			}
			res, err := s.Anchor(ctx, c.client, signer, notary.AnchorOptions{
				Contract:      c.contract,
				Confirmations: f.Confirmations,
				Log:           func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) },
			})
			if asJSON && err == nil {
				type item struct {
					Root        string `json:"root"`
					Manifests   int    `json:"manifests"`
					Tx          string `json:"tx"`
					BlockNumber uint64 `json:"block_number"`
					GasUsed     uint64 `json:"gas_used"`
				}
				out := []item{}
				for _, r := range res {
					out = append(out, item{r.Root.String(), r.Manifests, r.Tx.Hex(), r.BlockNumber, r.GasUsed})
				}
				return e.printJSON(out)
			}
			for _, r := range res {
				fmt.Fprintf(e.stdout, "%s\t%d manifests\tblock %d\ttx %s\tgas %d\n", r.Root, r.Manifests, r.BlockNumber, r.Tx.Hex(), r.GasUsed)
			}
			return err
		},
	}
	f.register(cmd)
	cmd.Flags().Uint64Var(&f.Confirmations, "confirmations", 0, "blocks to wait for, counting the one with the transaction (default 1)")
	cmd.Flags().StringVar(&key, "key", "", "key that signs the transaction (default: the only key)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (e *env) receiptCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "receipt CID [-o FILE.json]",
		Short: "Write the anchoring receipt of a manifest: everything a stranger needs to verify it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			doc, err := s.Receipt(c)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = e.stdout.Write(doc)
				return err
			}
			return writeFileAtomic(out, bytes.NewReader(doc), 0o644)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default stdout)")
	return cmd
}
