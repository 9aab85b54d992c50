package cli

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary"
)

func (e *env) repoCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "repo", Short: "Look after the data dir's store"}
	var asJSON bool
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Re-hash every stored block and check the index; report what is missing, corrupt or wrong",
		Long: `Re-hash every block in the store, walk every pinned DAG and manifest, and
check the index against the manifests it describes (kind, title, signer,
time, links, stored receipts). Each problem is printed on stdout as
"corrupt|missing|index CID: detail"; the exit status is 1 if there is any.
Reads check blocks too: get, extracts and the server refuse a changed block.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.openStore()
			if err != nil {
				return err
			}
			p := e.newProgress("verifying", 0)
			res, err := s.Verify(cmd.Context(), p.fn())
			p.finish()
			if res == nil {
				return err
			}
			if asJSON {
				problems := []map[string]string{}
				for _, pr := range res.Problems {
					problems = append(problems, map[string]string{"cid": pr.CID.String(), "problem": pr.Kind, "detail": pr.Detail})
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(map[string]any{"blocks": res.Blocks, "bytes": res.Bytes, "problems": problems}); err != nil {
					return err
				}
			} else {
				for _, pr := range res.Problems {
					fmt.Fprintln(e.stdout, pr)
				}
			}
			if errors.Is(err, notary.ErrRepoDamaged) {
				return err
			}
			fmt.Fprintf(e.stderr, "verified %d blocks (%s), no problems\n", res.Blocks, bytesString(res.Bytes))
			return err
		},
	}
	verify.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.AddCommand(verify)
	return cmd
}
