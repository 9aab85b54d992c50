package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ipfs/go-cid"
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

func (e *env) verifyCommand() *cobra.Command {
	var (
		f       chainFlags
		receipt string
		hidden  bool
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "verify (PATH --receipt FILE.json | CID) [--rpc URL]",
		Short: "Check files or a stored manifest against its receipt and the chain",
		Long: `Verify, trusting nothing but the files, the receipt and the chain:
  1. the manifest in the receipt is signed by its signer,
  2. the files recompute to the content CID it names (with its import profile),
  3. the Merkle proof leads from the manifest's leaf to the root,
  4. the chain is the receipt's chain and has the Notary contract,
  5. the root was anchored there by the submitter in the receipt's block,
  6. that block is canonical, with the receipt's hash and time.
With a CID instead of a path, the content and the receipt come from this data
dir. Exit status 0 only if every check holds; otherwise the first failed check
is named.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var (
				doc     []byte
				content notary.ContentFunc
			)
			if receipt != "" {
				b, err := os.ReadFile(receipt)
				if err != nil {
					return err
				}
				if _, err := os.Lstat(args[0]); err != nil {
					return err
				}
				doc, content = b, notary.ContentOfPath(args[0], hidden)
			} else {
				c, err := cid.Decode(args[0])
				if err != nil {
					return usageError{fmt.Errorf("%q is neither a CID nor, without --receipt, verifiable: give --receipt FILE.json for a path", args[0])}
				}
				s, err := e.openStore()
				if err != nil {
					return err
				}
				if doc, err = s.Receipt(c); err != nil {
					return err
				}
				m, err := s.Manifest(ctx, c)
				if err != nil {
					return err
				}
				if m.Content != nil {
					content = s.ContentOfStore(m.Content.Root)
				}
			}
			if f.RPC == "" && receipt != "" {
				if err := e.loadConfig(&f); err != nil {
					return err
				}
			}
			conn, err := e.connectForVerify(cmd, &f, doc)
			if err != nil {
				return err
			}
			defer conn.close()
			v, err := notary.VerifyReceipt(ctx, conn.client, doc, content)
			if err != nil {
				var ve *notary.VerifyError
				if asJSON && errors.As(err, &ve) {
					e.printJSON(map[string]any{"ok": false, "failed": ve.Check, "error": ve.Err.Error()})
				}
				return err
			}
			if asJSON {
				contentString := "" // nothing recomputed: no content to check
				if v.Content.Defined() {
					contentString = v.Content.String()
				}
				return e.printJSON(map[string]any{
					"ok": true, "manifest": v.Manifest.String(), "kind": v.Kind, "title": v.Title, "signer": v.Signer.Hex(),
					"content": contentString, "root": v.Root, "chain_id": v.ChainID, "contract": v.Contract.Hex(),
					"tx": v.Tx.Hex(), "submitter": v.Submitter.Hex(), "block_number": v.BlockNumber,
					"block_hash": v.BlockHash.Hex(), "block_time": v.BlockTime.Format(time.RFC3339),
					"final": v.Final, "finalized_head": v.FinalizedHead,
				})
			}
			fmt.Fprintf(e.stdout, "OK  %s %q\n", v.Kind, v.Title)
			fmt.Fprintf(e.stdout, "    manifest %s signed by %s\n", v.Manifest, v.Signer.Hex())
			if v.Content.Defined() {
				fmt.Fprintf(e.stdout, "    content  %s matches\n", v.Content)
			}
			fmt.Fprintf(e.stdout, "    anchored by %s at %s UTC\n", v.Submitter.Hex(), v.BlockTime.UTC().Format("2006-01-02 15:04:05"))
			fmt.Fprintf(e.stdout, "    chain %d, block %d (%s), tx %s\n", v.ChainID, v.BlockNumber, v.BlockHash.Hex(), v.Tx.Hex())
			switch {
			case v.Final:
				fmt.Fprintf(e.stdout, "    final (the chain has finalized up to block %d)\n", v.FinalizedHead)
			case v.FinalizedHead > 0:
				fmt.Fprintf(e.stdout, "    not final yet (the chain has finalized up to block %d)\n", v.FinalizedHead)
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&receipt, "receipt", "", "receipt file (from desci receipt)")
	cmd.Flags().BoolVarP(&hidden, "hidden", "H", false, "the content was added with --hidden")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// connectForVerify opens the chain to verify against. The receipt names
// its contract, so --notary-contract is not needed.
func (e *env) connectForVerify(cmd *cobra.Command, f *chainFlags, doc []byte) (*conn, error) {
	r, _, err := notary.CheckReceiptDoc(doc)
	if err != nil {
		return nil, err
	}
	if f.RPC != "" && f.Contract == "" {
		f.Contract = r.Contract.Hex()
	}
	return e.connect(cmd.Context(), f)
}
