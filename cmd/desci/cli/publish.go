package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// parseAuthor reads "Name" or "Name <ORCID>" (the ORCID bare or as an
// https://orcid.org/ URL).
func parseAuthor(s string) (notary.Author, error) {
	name, rest, found := strings.Cut(s, "<")
	a := notary.Author{Name: strings.TrimSpace(name)}
	if found {
		id, ok := strings.CutSuffix(strings.TrimSpace(rest), ">")
		if !ok {
			return a, usageError{fmt.Errorf("author %q: missing '>' after the ORCID", s)}
		}
		id = strings.TrimPrefix(strings.TrimSpace(id), "https://orcid.org/")
		if !notary.ValidORCID(id) {
			return a, usageError{fmt.Errorf("author %q: %q is not a valid ORCID iD", s, id)}
		}
		a.ORCID = id
	}
	if a.Name == "" {
		return a, usageError{fmt.Errorf("author %q has no name", s)}
	}
	return a, nil
}

func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printPublished prints a new manifest's CID, or with asJSON the manifest.
func (e *env) printPublished(c cid.Cid, m *notary.Manifest, asJSON bool) error {
	if asJSON {
		return e.printJSON(m.JSON(c))
	}
	_, err := fmt.Fprintln(e.stdout, c)
	return err
}

// manifestStatus is a manifest's JSON view with where it stands.
type manifestStatus struct {
	notary.ManifestJSON
	Status string `json:"status"`
}

// publicationFlags are the flags that describe what is published.
type publicationFlags struct {
	pub        notary.Publication
	authors    []string
	supersedes string
}

func (p *publicationFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&p.pub.Title, "title", "", "title (required)")
	fl.StringVar(&p.pub.Description, "description", "", "description")
	fl.StringArrayVar(&p.authors, "author", nil, `author as "Name" or "Name <ORCID>" (repeatable)`)
	fl.StringVar(&p.pub.License, "license", "", "SPDX license identifier, e.g. CC-BY-4.0")
	fl.StringArrayVar(&p.pub.Keywords, "keyword", nil, "keyword (repeatable)")
	fl.StringVar(&p.supersedes, "supersedes", "", "manifest CID of the version this one replaces")
}

func (p *publicationFlags) publication() (notary.Publication, error) {
	pub := p.pub
	for _, s := range p.authors {
		a, err := parseAuthor(s)
		if err != nil {
			return pub, err
		}
		pub.Authors = append(pub.Authors, a)
	}
	if p.supersedes != "" {
		c, err := parseCID(p.supersedes)
		if err != nil {
			return pub, err
		}
		pub.Supersedes = c
	}
	return pub, nil
}

func (e *env) notarizeCommand() *cobra.Command {
	var (
		f      importFlags
		pf     publicationFlags
		kind   string
		key    string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "notarize PATH --kind K --title T [flags]",
		Short: "Store content, write and sign its manifest, queue it for anchoring",
		Long: `Store PATH, write a manifest describing it (kind, title, authors, license,
keywords, the content CID and file list), sign it with your key, and queue it
for anchoring on chain. Prints the manifest CID.

Kinds: dataset, method, result. A new version names the old one with
--supersedes; corrections use desci correct, raw patient data desci datasets
add, and de-identified extracts desci extract.`,
		Example: `  desci notarize ./trial-data --kind dataset --title "Trial 42 raw data" \
      --author "Ada Lovelace <0000-0002-1825-0097>" --license CC-BY-4.0 --keyword oncology`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pub, err := pf.publication()
			if err != nil {
				return err
			}
			pub.Kind = kind
			switch pub.Kind {
			case notary.KindCorrection:
				return usageError{fmt.Errorf("use desci correct for corrections")}
			case notary.KindExtract:
				return usageError{fmt.Errorf("use desci extract for extracts")}
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			p := e.newProgress("adding", treeSizeIfTTY(e, args[0]))
			opts, err := f.options(p)
			if err != nil {
				return err
			}
			c, m, err := s.Notarize(cmd.Context(), args[0], pub, opts, signer)
			p.finish()
			if err != nil {
				return err
			}
			f.noteSkipped(e)
			return e.printPublished(c, m, asJSON)
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&kind, "kind", "", "dataset, method or result (required)")
	pf.register(fl)
	fl.StringVar(&key, "key", "", "signing key address (default: the only key)")
	fl.BoolVar(&asJSON, "json", false, "print the manifest as JSON")
	cmd.MarkFlagRequired("kind")
	cmd.MarkFlagRequired("title")
	return cmd
}

func (e *env) correctCommand() *cobra.Command {
	var (
		f                 importFlags
		reason, repl, key string
		asJSON            bool
	)
	cmd := &cobra.Command{
		Use:   "correct CID --reason TEXT [--replacement PATH]",
		Short: "Append a signed correction to a manifest (nothing is rewritten)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			opts, err := f.options(nil)
			if err != nil {
				return err
			}
			c, m, err := s.Correct(cmd.Context(), target, reason, repl, opts, signer)
			if err != nil {
				return err
			}
			f.noteSkipped(e)
			return e.printPublished(c, m, asJSON)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&reason, "reason", "", "what is wrong and what the correction does (required)")
	cmd.Flags().StringVar(&repl, "replacement", "", "corrected content to publish with the correction")
	cmd.Flags().StringVar(&key, "key", "", "signing key address (default: the only key)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the correction manifest as JSON")
	cmd.MarkFlagRequired("reason")
	return cmd
}

// affected lists the subjects of an extract who revoked their consent
// since it was made (an empty list if none, or if no registry answers).
func (e *env) affected(c cid.Cid) []policies.Revoked {
	reg, err := e.registry(context.Background())
	if err != nil {
		return []policies.Revoked{}
	}
	r, err := reg.Affected(c)
	if err != nil || r == nil {
		return []policies.Revoked{}
	}
	return r
}

// status says where a manifest stands on its way to the chain.
func (e *env) status(c cid.Cid) string {
	if doc, ok, err := e.store.Index().Receipt(c); err == nil && ok {
		// Only where it was anchored is shown: checking the receipt is
		// desci verify's work, and would cost a signature recovery per row
		// of log and ls.
		var r struct {
			ChainID     uint64    `json:"chain_id"`
			BlockNumber uint64    `json:"block_number"`
			BlockTime   time.Time `json:"block_time"`
		}
		if json.Unmarshal(doc, &r) == nil {
			return fmt.Sprintf("anchored %s, chain %d block %d", r.BlockTime.Format(time.RFC3339), r.ChainID, r.BlockNumber)
		}
	}
	queued, err := e.store.Index().Queued(c)
	switch {
	case err != nil:
		return "unknown (" + err.Error() + ")"
	case queued:
		return "pending (queued for anchoring)"
	default:
		return "not queued here"
	}
}

func (e *env) showCommand() *cobra.Command {
	var (
		asJSON, roCrate, offline bool
		out                      string
		f                        chainFlags
	)
	cmd := &cobra.Command{
		Use:   "show CID [--json | --ro-crate [-o FILE]]",
		Short: "Show a manifest (checking its signature), as text, JSON or RO-Crate",
		Long: `Show a manifest, checking its signature, and where it stands: pending,
or anchored with its block. For an anchored manifest it asks the chain
desci verify would ask (--rpc, config.json, or this data dir's embedded
chain when the receipt is from it) whether the block is final, and says it
in the words desci verify uses; --offline asks nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			m, err := s.Manifest(cmd.Context(), c)
			if err != nil {
				return err
			}
			switch {
			case roCrate:
				b, err := json.MarshalIndent(m.ROCrate(c), "", "  ")
				if err != nil {
					return err
				}
				b = append(b, '\n')
				if out == "" || out == "-" {
					_, err = e.stdout.Write(b)
					return err
				}
				return os.WriteFile(out, b, 0o644)
			}
			fin := ""
			if !offline {
				fin = e.finalityOf(cmd.Context(), &f, c)
			}
			if asJSON {
				// finality: what desci verify says of the anchoring block.
				if m.Kind == notary.KindExtract {
					return e.printJSON(struct {
						manifestStatus
						Finality string             `json:"finality,omitempty"`
						Affected []policies.Revoked `json:"affected"`
					}{manifestStatus{m.JSON(c), e.status(c)}, fin, e.affected(c)})
				}
				return e.printJSON(struct {
					manifestStatus
					Finality string `json:"finality,omitempty"`
				}{manifestStatus{m.JSON(c), e.status(c)}, fin})
			}
			e.printManifest(c, m, fin)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.RPC, "rpc", "", "JSON-RPC endpoint to ask about finality (default: as desci verify)")
	cmd.Flags().BoolVar(&offline, "offline", false, "ask no chain (finality is not shown)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&roCrate, "ro-crate", false, "print an RO-Crate 1.1 ro-crate-metadata.json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "with --ro-crate: file to write")
	return cmd
}

func (e *env) printManifest(c cid.Cid, m *notary.Manifest, finality string) {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%s\t%s\n", k, v)
		}
	}
	row("manifest", c.String())
	row("kind", m.Kind)
	row("title", m.Title)
	row("description", m.Description)
	for _, a := range m.Authors {
		if a.ORCID != "" {
			row("author", fmt.Sprintf("%s <https://orcid.org/%s>", a.Name, a.ORCID))
		} else {
			row("author", a.Name)
		}
	}
	row("license", m.License)
	row("keywords", strings.Join(m.Keywords, ", "))
	row("created", m.Created.Format(time.RFC3339))
	row("signed by", m.Signer.Hex()+" (signature valid)")
	if m.Supersedes.Defined() {
		row("supersedes", m.Supersedes.String())
	}
	if m.Corrects.Defined() {
		row("corrects", m.Corrects.String())
		row("reason", m.Reason)
	}
	if ct := m.Content; ct != nil {
		row("content", fmt.Sprintf("%s (%s)", ct.Root, ct.Profile))
		for _, f := range ct.Files {
			row("  file", fmt.Sprintf("%s  %s  %s", f.Path, f.CID, bytesString(int64(f.Size))))
		}
		if ct.Sealed.Defined() {
			row("sealed", ct.Sealed.String()+" (encrypted at rest; a data steward decrypts it)")
		}
	}
	if m.Dictionary.Defined() {
		row("dictionary", m.Dictionary.String())
	}
	if p := m.Extract; p != nil {
		row("extract of", p.Dataset.String())
		row("  study", p.Study)
		row("  requester", p.Requester)
		row("  purpose", p.Purpose)
		row("  settings", p.Settings.String())
		row("  risk report", p.Risk.String())
		if p.Policy != "" {
			row("  policy bundle", p.Policy)
			row("  consent root", p.ConsentRoot.Hex()+" (consents in force: "+p.Consents.String()+")")
		}
		if revoked := e.affected(c); len(revoked) > 0 {
			row("affected", fmt.Sprintf("%d subject(s) revoked consent after this extract was made: holders should stop using their rows", len(revoked)))
		}
	}
	if r := m.Run; r != nil {
		row("method", r.Method.String())
		row("  notebook", r.Notebook.String())
		for _, k := range slices.Sorted(maps.Keys(r.Inputs)) {
			row("  input", k+" = "+r.Inputs[k].String())
		}
		for _, k := range slices.Sorted(maps.Keys(r.Params)) {
			row("  param", k+" = "+r.Params[k])
		}
		for _, k := range slices.Sorted(maps.Keys(r.Environment)) {
			row("  env", k+" "+r.Environment[k])
		}
		row("  executed", r.Executed.String())
		row("  outputs", r.Outputs.String())
		row("  started", r.Started.Format(time.RFC3339))
	}
	if a := m.Attestation; a != nil {
		verdict := "NOT reproduced"
		if a.Reproduced {
			verdict = "reproduced"
		}
		if a.Tolerance != "" {
			verdict += " (tolerance " + a.Tolerance + ")"
		} else {
			verdict += " (exact)"
		}
		row("attests", a.Run.String())
		row("  verdict", verdict)
		row("  report", a.Report.String())
	}
	row("status", e.status(c))
	row("finality", finality)
	w.Flush()
}

func (e *env) logCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "log CID",
		Short: "Show the versions and corrections of a research object, oldest first",
		Long: `Show every version of the research object CID belongs to, oldest first, each
followed by its corrections. CID may be any version or correction.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			hist, err := s.History(cmd.Context(), c)
			if err != nil {
				return err
			}
			if asJSON {
				out := []manifestStatus{}
				for _, h := range hist {
					out = append(out, manifestStatus{h.Manifest.JSON(h.CID), e.status(h.CID)})
				}
				return e.printJSON(out)
			}
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			version := 0
			for _, h := range hist {
				label := "correction"
				if h.Manifest.Kind != notary.KindCorrection {
					version++
					label = fmt.Sprintf("v%d %s", version, h.Manifest.Kind)
				}
				title := h.Manifest.Title
				if h.Manifest.Kind == notary.KindCorrection {
					title = "  " + h.Manifest.Reason
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", h.Manifest.Created.Format(time.RFC3339), h.CID, label, title, e.status(h.CID))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (e *env) lsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List the manifests published from this data dir, oldest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.openStore()
			if err != nil {
				return err
			}
			ms, err := s.Published()
			if err != nil {
				return err
			}
			if asJSON {
				type item struct {
					CID     string    `json:"cid"`
					Kind    string    `json:"kind"`
					Title   string    `json:"title"`
					Signer  string    `json:"signer"`
					Created time.Time `json:"created"`
					Status  string    `json:"status"`
				}
				out := []item{}
				for _, m := range ms {
					out = append(out, item{m.CID.String(), m.Kind, m.Title, m.Signer, m.Created, e.status(m.CID)})
				}
				return e.printJSON(out)
			}
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, m := range ms {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.Created.Format(time.RFC3339), m.CID, m.Kind, m.Title)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
