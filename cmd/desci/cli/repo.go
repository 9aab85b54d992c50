package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

func (e *env) repoCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "repo", Short: "Look after the data dir's store"}
	var asJSON bool
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Re-hash every stored block, check the index and consents.db; report what is missing, corrupt or wrong",
		Long: `Re-hash every block in the store, walk every pinned DAG and manifest, and
check the index against the manifests it describes (kind, title, signer,
time, links, stored receipts). Check consents.db against the signed consent
documents notarized in the store: every record is its document, signed by
the enrolled patient for this deployment, and every subject's latest
document is the latest notarized (an edit that brings back a revoked
consent is found). Each problem is printed on stdout; the exit status is 1
if there is any. Reads check blocks too: get, extracts and the server
refuse a changed block.`,
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
			// consents.db against the signed documents notarized here.
			consents, cerr := e.verifyConsents(cmd.Context())
			if cerr != nil {
				return cerr
			}
			if len(consents) > 0 && err == nil {
				err = fmt.Errorf("%w: consents.db does not match the notarized consents (%d problems)", notary.ErrRepoDamaged, len(consents))
			}
			if asJSON {
				problems := []map[string]string{}
				for _, pr := range res.Problems {
					problems = append(problems, map[string]string{"cid": pr.CID.String(), "problem": pr.Kind, "detail": pr.Detail})
				}
				for _, pr := range consents {
					problems = append(problems, map[string]string{"problem": "consents.db", "study": pr.Study, "subject": pr.Subject,
						"document": pr.Document.Hex(), "detail": pr.Detail})
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
				for _, pr := range consents {
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

// verifyConsents checks the data dir's consent registry, if it has one,
// against the documents notarized in the store.
func (e *env) verifyConsents(ctx context.Context) ([]policies.Problem, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "consents.db")); errors.Is(err, os.ErrNotExist) && e.consentDatabase() == "" {
		return nil, nil
	}
	r, err := e.registry(ctx)
	if err != nil {
		return nil, err
	}
	return r.Verify(ctx)
}
