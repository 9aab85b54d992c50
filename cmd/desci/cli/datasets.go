package cli

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

func (e *env) stewards() (*keys.Stewards, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	return keys.OpenStewards(filepath.Join(dir, "stewards"), keys.Options{LightKDF: e.lightKDF})
}

// stewardFlags name the key that opens sealed data.
type stewardFlags struct{ identity string }

func (f *stewardFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.identity, "identity", "", "age identity file of a data steward (default: the data dir's steward keys)")
}

// identities unlocks the steward keys: the --identity file, or the data
// dir's, all with one passphrase.
func (e *env) identities(f stewardFlags) ([]age.Identity, error) {
	if f.identity != "" {
		pass := ""
		if data, err := os.ReadFile(f.identity); err == nil && strings.HasPrefix(string(data), "age-encryption.org/v1\n") {
			if pass, err = e.passphrase("Passphrase for "+f.identity+": ", false); err != nil {
				return nil, err
			}
		}
		return keys.LoadIdentities(f.identity, pass)
	}
	st, err := e.stewards()
	if err != nil {
		return nil, err
	}
	if names, err := st.List(); err != nil {
		return nil, err
	} else if len(names) == 0 {
		return nil, keys.ErrNoStewardKey
	}
	pass, err := e.passphrase("Passphrase for the data steward key: ", false)
	if err != nil {
		return nil, err
	}
	return st.Unlock(pass)
}

func (e *env) datasetsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "datasets",
		Short: "Raw patient-level datasets: sealed at rest, notarized, de-identified on extract",
		Long: `Raw datasets hold patient-level rows, so they are stored encrypted (age, to
the data dir's steward keys and any --recipient) and never served in the
clear; their plaintext CID is what the manifest names and the chain anchors.
Researchers get de-identified extracts (desci extract). The data dictionary
format is in doc/data-dictionary.md.`,
	}
	cmd.AddCommand(e.stewardCommand(), e.datasetsAddCommand(), e.datasetsDecryptCommand(), e.reproduceCommand())
	return cmd
}

func (e *env) stewardCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "steward", Short: "Manage data steward keys (age post-quantum hybrid ML-KEM-768 + X25519; passphrase from $DESCI_PASSPHRASE or a prompt)"}
	newCmd := &cobra.Command{
		Use:   "new",
		Short: "Make a post-quantum steward key; prints its public key (age1pq1...), which raw data is sealed to",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.stewards()
			if err != nil {
				return err
			}
			pass, err := e.passphrase("Passphrase for the new steward key: ", true)
			if err != nil {
				return err
			}
			r, err := st.New(pass)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(e.stdout, r)
			return err
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the steward keys' public keys",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.stewards()
			if err != nil {
				return err
			}
			names, err := st.List()
			for _, n := range names {
				fmt.Fprintln(e.stdout, n)
			}
			return err
		},
	}
	cmd.AddCommand(newCmd, list)
	return cmd
}

func (e *env) datasetsAddCommand() *cobra.Command {
	var (
		pf         publicationFlags
		dictionary string
		recipients []string
		key        string
		asJSON     bool
	)
	cmd := &cobra.Command{
		Use:   "add FILE --dictionary D.yaml --title T [flags]",
		Short: "Check raw data against its dictionary, seal it, notarize it",
		Long: `Read every row of FILE (.csv, .tsv, .parquet or .arrow) with its data
dictionary, so a malformed row or a type that does not parse stops here with
its line and column. Warn of identifiers (email, SSN, phone, IP) in columns
declared plain. Then store the dictionary in the clear and the data encrypted
to the data dir's steward keys and every --recipient, and notarize it as a
dataset whose manifest names the plaintext's CID. Prints the manifest CID.`,
		Example: `  desci datasets steward new
  desci datasets add patients.csv --dictionary patients.yaml --title "Trial 42 patients"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pub, err := pf.publication()
			if err != nil {
				return err
			}
			rs, err := keys.ParseRecipients(recipients)
			if err != nil {
				return usageError{err}
			}
			st, err := e.stewards()
			if err != nil {
				return err
			}
			names, err := st.List()
			if err != nil {
				return err
			}
			own, err := keys.ParseRecipients(names)
			if err != nil {
				return err
			}
			if rs, err = keys.SealTo(own, rs); err != nil {
				return usageError{err}
			}
			if len(rs) == 0 {
				return keys.ErrNoStewardKey
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			var size int64
			if fi, err := os.Stat(args[0]); err == nil {
				size = fi.Size()
			}
			p := e.newProgress("checking and sealing", 2*size)
			res, err := datasets.Add(cmd.Context(), s, args[0], datasets.AddOptions{
				Dictionary: dictionary, Publication: pub, Recipients: rs, Progress: p.add,
			}, signer)
			p.finish()
			if err != nil {
				return err
			}
			for _, w := range res.Warnings {
				fmt.Fprintf(e.stderr, "desci: warning: column %s holds what looks like %s values (row %d: %s); declare it as an identifier if it is one\n",
					w.Column, w.Kind, w.Row+1, w.Sample)
			}
			if asJSON {
				return e.printJSON(struct {
					manifestStatus
					Rows     int64              `json:"rows"`
					Warnings []datasets.Warning `json:"warnings"`
				}{manifestStatus{res.Manifest.JSON(res.CID), "queued"}, res.Rows, res.Warnings})
			}
			_, err = fmt.Fprintln(e.stdout, res.CID)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dictionary, "dictionary", "", "data dictionary, YAML or JSON (required; see doc/data-dictionary.md)")
	pf.register(fl)
	fl.StringArrayVar(&recipients, "recipient", nil, "also seal to this age public key, age1... (repeatable)")
	fl.StringVar(&key, "key", "", "signing key address (default: the only key)")
	fl.BoolVar(&asJSON, "json", false, "print the manifest, row count and warnings as JSON")
	cmd.MarkFlagRequired("dictionary")
	cmd.MarkFlagRequired("title")
	return cmd
}

func (e *env) datasetsDecryptCommand() *cobra.Command {
	var (
		sf  stewardFlags
		out string
	)
	cmd := &cobra.Command{
		Use:   "decrypt DATASET_CID -o FILE",
		Short: "Write a sealed dataset's raw bytes (steward key required), checked against its CID",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := parseCID(args[0])
			if err != nil {
				return err
			}
			if _, err := os.Lstat(out); err == nil {
				return fmt.Errorf("%w: %s", notary.ErrExists, out)
			}
			ids, err := e.identities(sf)
			if err != nil {
				return err
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			plain, size, err := s.OpenSealed(cmd.Context(), c, ids...)
			if err != nil {
				return err
			}
			return writeFileAtomic(out, io.NewSectionReader(plain, 0, size), 0o600)
		},
	}
	sf.register(cmd.Flags())
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (required; must not exist)")
	cmd.MarkFlagRequired("output")
	return cmd
}

// writeFileAtomic writes r to a new file beside p, syncs it and renames it
// into place, so p is whole or absent.
func writeFileAtomic(p string, r io.Reader, perm os.FileMode) error {
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".desci-partial")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// printExtractSummary says what an extract holds and what was done to it:
// rows, k and risk over the columns counted (only when some are), and
// which columns were generalized or suppressed entirely.
func printExtractSummary(w io.Writer, res *datasets.ExtractResult) {
	r := res.Report
	if len(r.QuasiIdentifiers) == 0 {
		fmt.Fprintf(w, "desci: %d rows; no quasi-identifier delivered, so no k-anonymity grouping\n", res.Rows)
	} else {
		fmt.Fprintf(w, "desci: %d rows, k = %d over %s, %d rows suppressed, highest prosecutor risk %.3f\n",
			res.Rows, r.K, strings.Join(r.QuasiIdentifiers, ", "), r.Suppressed, r.ProsecutorHighest)
	}
	if len(res.Generalized) > 0 {
		var cols []string
		for _, c := range res.Generalized {
			cols = append(cols, fmt.Sprintf("%s (level %d)", c, res.Levels[c]))
		}
		fmt.Fprintf(w, "desci: generalized: %s\n", strings.Join(cols, ", "))
	}
	if len(res.SuppressedColumns) > 0 {
		fmt.Fprintf(w, "desci: suppressed entirely (every value is %s): %s\n", datasets.Suppressed, strings.Join(res.SuppressedColumns, ", "))
	}
	for _, c := range slices.Sorted(maps.Keys(r.NotQuasi)) {
		fmt.Fprintf(w, "desci: %s not counted as a quasi-identifier: %s\n", c, r.NotQuasi[c])
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (e *env) extractCommand() *cobra.Command {
	var (
		sf       stewardFlags
		req      datasets.Request
		columns  []string
		format   string
		suppress float64
		out, key string
		asJSON   bool
		pf       policyFlags
		rf       requestFlags
	)
	cmd := &cobra.Command{
		Use:   "extract DATASET_CID --purpose P --use USE -o FILE [--columns A,B] [--k 5] [--l 2 --sensitive COL] [--format parquet]",
		Short: "Cut a de-identified, k-anonymous extract of a raw dataset and notarize it",
		Long: `Decrypt the raw dataset with a data steward key, apply HIPAA Safe Harbor
(identifiers dropped; dates to years, those 90 or more years before today
as one group such as <=1936; ages over 89 to 90+, whatever the column's role;
ZIP codes to three digits, 000 for small areas), replace the subject key with
a keyed pseudonym (the study's secret, kept sealed in the data dir, never in
the extract), then generalize the quasi-identifiers (the declared ones and
every delivered ZIP3, year and age column, doc/data-dictionary.md) along their
hierarchies and suppress rows until every equivalence class has at least k
rows (and l distinct values of the sensitive column). The generalization kept
is the one that loses the least information within the suppression limit;
the summary names the columns generalized and those suppressed entirely.

Only the rows of subjects whose consent in force permits the request go in
(desci consent; the policy bundle decides, by default GA4GH DUO matching): say
what the use is (--use) and what the modifiers ask about (--nonprofit,
--commercial=false, --irb, ...). Every request, allowed or denied, is in the
access log (desci access-log).

The extract is notarized as a manifest of kind extract whose provenance names
the raw dataset, the settings (a raw block whose hash is the settings hash),
the risk report, the study, the requester, the purpose, the policy bundle's
hash and the Merkle root of the consents in force. Prints the manifest CID, or
with --json the manifest and the risk report.`,
		Example: `  desci extract bafy... --study trial-42 --columns subject_id,age,sex,zip,diagnosis --k 5 \
      --purpose "diabetes risk model" --use disease --disease MONDO:0005148 --nonprofit \
      --format parquet -o extract.parquet`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := parseCID(args[0])
			if err != nil {
				return err
			}
			f, err := datasets.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			if req.K.K < 1 {
				return usageError{fmt.Errorf("--k %d: k must be at least 1 (1 asks for no grouping)", req.K.K)}
			}
			req.Dataset, req.Format, req.Columns = c, f, columns
			req.K.MaxSuppression = suppress
			if suppress == 0 {
				req.K.MaxSuppression = -1
			}
			if req.Study == "" {
				req.Study = c.String()
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			if req.Requester == "" {
				req.Requester = signer.Address().Hex()
			}
			if req.Identities, err = e.identities(sf); err != nil {
				return err
			}
			st, err := e.stewards()
			if err != nil {
				return err
			}
			if req.Secret, err = st.StudySecret(req.Study, req.Identities, true); err != nil {
				return err
			}
			reg, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			policy, ontology, err := e.loadPolicy(cmd.Context(), pf)
			if err != nil {
				return err
			}
			preq, err := rf.request(cmd, req.Requester)
			if err != nil {
				return err
			}
			gate, err := reg.NewGate(cmd.Context(), policies.GateOptions{Study: req.Study, Dataset: c, Policy: policy,
				Ontology: ontology, Request: preq, Purpose: req.Purpose}, signer)
			if err != nil {
				return err
			}
			req.Consent = gate
			res, err := datasets.NotarizeExtract(cmd.Context(), s, req, out, signer)
			var none *datasets.NothingAllowedError
			if errors.As(err, &none) {
				if none.NoConsents {
					return fmt.Errorf("%w; record the subjects' consents first (desci consent grant --study %q ...), or name the study they were given for with --study (it defaults to the dataset's CID)", err, none.Study)
				}
				return fmt.Errorf("%w; desci access-log shows why each subject was withheld", err)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return e.printJSON(struct {
					manifestStatus
					Rows        int                 `json:"rows"`
					Levels      map[string]int      `json:"generalization"`
					Generalized []string            `json:"generalized"`
					Suppressed  []string            `json:"suppressed_columns"`
					Risk        datasets.RiskReport `json:"risk"`
				}{manifestStatus{res.Manifest.JSON(res.CID), "queued"}, res.Result.Rows, res.Result.Levels,
					nonNil(res.Result.Generalized), nonNil(res.Result.SuppressedColumns), res.Result.Report})
			}
			printExtractSummary(e.stderr, res.Result)
			_, err = fmt.Fprintln(e.stdout, res.CID)
			return err
		},
	}
	fl := cmd.Flags()
	sf.register(fl)
	fl.StringVar(&req.Purpose, "purpose", "", "what the extract is for (required; recorded in its provenance)")
	fl.StringVar(&req.Requester, "requester", "", "who asked for it (default: the signing key's address)")
	fl.StringVar(&req.Study, "study", "", "study whose secret keys the pseudonyms (default: the dataset's CID)")
	fl.StringVar(&req.Title, "title", "", `title (default "Extract of " and the dataset's title)`)
	fl.StringSliceVar(&columns, "columns", nil, "columns to deliver, in order (default: every column Safe Harbor keeps)")
	fl.IntVar(&req.K.K, "k", 5, "smallest equivalence class over the quasi-identifiers (at least 1)")
	fl.IntVar(&req.K.L, "l", 0, "distinct sensitive values per class (needs --sensitive)")
	fl.StringVar(&req.K.Sensitive, "sensitive", "", "the sensitive column for --l")
	fl.Float64Var(&suppress, "max-suppression", 0.05, "fraction of rows that may be suppressed")
	fl.StringVar(&format, "format", "parquet", "arrow, parquet or csv")
	fl.StringVarP(&out, "output", "o", "", "file to write (required; must not exist)")
	fl.StringVar(&key, "key", "", "signing key address (default: the only key)")
	fl.BoolVar(&asJSON, "json", false, "print the manifest and risk report as JSON")
	pf.register(fl)
	rf.register(fl)
	cmd.MarkFlagRequired("purpose")
	cmd.MarkFlagRequired("use")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (e *env) reproduceCommand() *cobra.Command {
	var sf stewardFlags
	var pf policyFlags
	cmd := &cobra.Command{
		Use:   "reproduce EXTRACT_CID",
		Short: "Re-run a notarized extract from the raw data and its settings; check the bytes are identical",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := parseCID(args[0])
			if err != nil {
				return err
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			m, err := s.Manifest(cmd.Context(), c)
			if err != nil {
				return err
			}
			if m.Extract == nil {
				return fmt.Errorf("%w: %s is a %s", datasets.ErrNotExtract, c, m.Kind)
			}
			ids, err := e.identities(sf)
			if err != nil {
				return err
			}
			st, err := e.stewards()
			if err != nil {
				return err
			}
			secret, err := st.StudySecret(m.Extract.Study, ids, false)
			if err != nil {
				return err
			}
			var filter datasets.RowFilter
			snapshot, err := datasets.ConsentSnapshot(cmd.Context(), s, c)
			if err != nil {
				return err
			}
			if snapshot != nil {
				reg, err := e.registry(cmd.Context())
				if err != nil {
					return err
				}
				policy, _, err := e.loadPolicy(cmd.Context(), pf)
				if err != nil {
					return err
				}
				if filter, err = reg.GateFromSnapshot(cmd.Context(), snapshot, policy); err != nil {
					return err
				}
			}
			if _, err := datasets.Reproduce(cmd.Context(), s, c, ids, secret, filter); err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stdout, "reproduced: %s (content %s)\n", c, m.Content.Root)
			return err
		},
	}
	sf.register(cmd.Flags())
	pf.register(cmd.Flags())
	return cmd
}
