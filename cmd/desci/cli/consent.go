package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/policies"
)

// policyConfig is what DATA_DIR/config.json says besides the chain.
type policyConfig struct {
	ChainID      uint64 `json:"chain_id"`
	MONDO        string `json:"mondo"`         // a MONDO release: mondo.obo, mondo.json or an is_a table
	PolicyBundle string `json:"policy_bundle"` // a policy bundle dir or .tar.gz
	Kubo         string `json:"kubo"`          // a Kubo node's RPC API, for desci push
	Database     string `json:"database"`      // PostgreSQL (postgres://…) for the registry; default consents.db
}

// consentDatabase is the PostgreSQL database the consent registry lives
// in: the one the index and sessions use (--database, $DESCI_DATABASE,
// config.json's "database"); empty means consents.db.
func (e *env) consentDatabase() string {
	d, _ := e.database()
	return d
}

func (e *env) policyConfig() (policyConfig, error) {
	var cfg policyConfig
	return cfg, e.readConfig(&cfg)
}

// registry opens the data dir's consent registry. Documents are signed for
// the chain config.json names, else the embedded chain's.
func (e *env) registry(ctx context.Context) (*policies.Registry, error) {
	if e.reg != nil {
		return e.reg, nil
	}
	s, err := e.openStore()
	if err != nil {
		return nil, err
	}
	cfg, err := e.policyConfig()
	if err != nil {
		return nil, err
	}
	id := cfg.ChainID
	if id == 0 {
		id = chain.ChainID().Uint64()
	}
	dir, _ := e.dir()
	r, err := policies.Open(ctx, policies.Options{Path: filepath.Join(dir, "consents.db"), Database: e.consentDatabase()}, s, policies.Domain{ChainID: id})
	if err != nil {
		return nil, err
	}
	e.reg = r
	return r, nil
}

// policyFlags choose the policy bundle and the MONDO release.
type policyFlags struct{ bundle, mondo string }

func (f *policyFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.bundle, "policy-bundle", "", "policy bundle, a dir or .tar.gz of Rego and data.json (default: config.json's policy_bundle, else the built-in DUO bundle)")
	fl.StringVar(&f.mondo, "mondo", "", "MONDO release for disease purposes: mondo.obo, mondo.json or an is_a table (default: config.json's mondo, $DESCI_MONDO, else a small built-in subset)")
}

// load compiles the chosen bundle and reads the chosen MONDO release.
func (e *env) loadPolicy(ctx context.Context, f policyFlags) (*policies.Policy, *policies.Ontology, error) {
	cfg, err := e.policyConfig()
	if err != nil {
		return nil, nil, err
	}
	bundlePath := f.bundle
	if bundlePath == "" {
		bundlePath = cfg.PolicyBundle
	}
	var p *policies.Policy
	if bundlePath == "" {
		p, err = policies.DefaultPolicy()
	} else if b, lerr := policies.LoadBundle(bundlePath); lerr != nil {
		err = lerr
	} else {
		p, err = policies.Compile(ctx, b)
	}
	if err != nil {
		return nil, nil, err
	}
	if !p.Exact() {
		fmt.Fprintf(e.stderr, "desci: bundle %s reads the consent by computed keys: every consent is evaluated on its own (slower, still exact)\n", p.Bundle.Name)
	}
	o, err := e.ontology(f.mondo)
	if err != nil {
		return nil, nil, err
	}
	return p, o, nil
}

// ontology reads the MONDO release: flag, else config.json's mondo, else
// $DESCI_MONDO, else the built-in subset.
func (e *env) ontology(flag string) (*policies.Ontology, error) {
	mondo := flag
	if mondo == "" {
		cfg, err := e.policyConfig()
		if err != nil {
			return nil, err
		}
		mondo = cfg.MONDO
	}
	if mondo == "" {
		mondo = os.Getenv("DESCI_MONDO")
	}
	if mondo == "" {
		return policies.DemoOntology(), nil
	}
	return policies.LoadOntology(mondo)
}

// checkTerms refuses a consent that could never release a row: diseases
// not in the configured MONDO release, an unknown GS region, a TS limit or
// validity already past. The region is written in its canonical case.
func (e *env) checkTerms(c *policies.Consent, mondo string) error {
	o, err := e.ontology(mondo)
	if err != nil {
		return err
	}
	if err := c.CheckTerms(o, time.Now()); err != nil {
		return usageError{err}
	}
	if code, ok := policies.CanonicalRegion(c.Region); ok {
		c.Region = code
	}
	return nil
}

func (e *env) consentCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "consent",
		Short: "Patient consents: enroll, grant, revoke, list, show, import FHIR, impact",
		Long: `Patients consent with their own Ethereum keys: a consent is EIP-712 typed
data (doc/consent.md) naming the study, the subject's study key, the permitted
uses as GA4GH DUO codes with modifiers, and a validity window. A data steward
first enrolls each subject, recording which patient address it is; only that
patient's signatures are accepted for it. Every consent and revocation is
notarized (anchored with the next batch), so the consent history is provable;
nothing personal goes on chain.`,
	}
	cmd.AddCommand(e.consentEnrollCommand(), e.consentGrantCommand(), e.consentSubmitCommand(), e.consentRevokeCommand(),
		e.consentListCommand(), e.consentShowCommand(), e.consentImportCommand(), e.consentImpactCommand(),
		e.consentNoticesCommand(), e.consentDomainCommand())
	return cmd
}

func (e *env) consentDomainCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "domain",
		Short: "Print the EIP-712 domain consents to this data dir's registry are signed in",
		Long: `Print the EIP-712 domain that consents and revocations for this data dir's
registry must be signed in: the chain id and the deployment id (the domain's
salt, drawn when the registry was made). A patient signing in their own data
dir passes it as --deployment with --sign-only; a wallet gets the same
domain from the server's consentDomain query.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			d := r.Domain()
			if asJSON {
				return e.printJSON(map[string]any{"chainId": d.ChainID, "deployment": d.Deployment.Hex()})
			}
			fmt.Fprintf(e.stdout, "chain id    %d\ndeployment  %s\n", d.ChainID, d.Deployment.Hex())
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (e *env) consentEnrollCommand() *cobra.Command {
	var study, subject, patient, csvFile string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "enroll --study S --subject ID --patient ADDRESS | --csv FILE [--study S]",
		Short: "Record which patient (Ethereum address) a study subject is (data steward)",
		Long: `Record which patient (Ethereum address) a study subject is: only that
patient's signatures are accepted for it.

With --csv, enroll every row of a CSV file in one transaction: rows of
subject,patient with --study, else study,subject,patient (a header row
naming the columns is skipped; "-" reads standard input). Every row is
checked first; if any is bad (not an address, an empty field, a wrong
number of columns, a subject already enrolled as another patient) the bad
rows are listed by line and nothing is enrolled. A row already enrolled
with the same patient is a no-op, so a file can be enrolled again.`,
		Example: `  desci consent enroll --study trial-42 --subject S000017 --patient 0x7099...
  desci consent enroll --study trial-42 --csv subjects.csv --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if csvFile != "" {
				if subject != "" || patient != "" {
					return usageError{errors.New("--csv takes the subjects and patients from the file: no --subject or --patient")}
				}
				return e.enrollCSV(cmd.Context(), csvFile, study, asJSON)
			}
			for _, f := range []string{"study", "subject", "patient"} {
				if !cmd.Flags().Changed(f) {
					return usageError{fmt.Errorf("required flag \"%s\" not set (or --csv FILE)", f)}
				}
			}
			if !common.IsHexAddress(patient) {
				return usageError{fmt.Errorf("--patient %q is not an Ethereum address", patient)}
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			if err := r.Enroll(study, subject, common.HexToAddress(patient)); err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stdout, "enrolled %s of %s as %s\n", subject, study, common.HexToAddress(patient))
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&study, "study", "", "the study (required, except with a --csv of study,subject,patient)")
	fl.StringVar(&subject, "subject", "", "the subject's study key (required without --csv)")
	fl.StringVar(&patient, "patient", "", "the patient's Ethereum address (required without --csv)")
	fl.StringVar(&csvFile, "csv", "", "enroll every row of this CSV file (subject,patient; or study,subject,patient without --study), all or nothing")
	fl.BoolVar(&asJSON, "json", false, "with --csv, print the report as JSON")
	return cmd
}

// enrollCSV enrolls a CSV file's rows, all or none, and reports.
func (e *env) enrollCSV(ctx context.Context, file, study string, asJSON bool) error {
	var in io.Reader = e.stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	r, err := e.registry(ctx)
	if err != nil {
		return err
	}
	rep, err := r.EnrollMany(ctx, policies.NewEnrollmentReader(bufio.NewReaderSize(in, 1<<20), study))
	return e.bulkReport(rep, err, file, "enrolled", "already enrolled", asJSON)
}

// bulkReport prints a bulk enrollment's or import's report: the counts,
// or the bad rows (file:line: error) and an error.
func (e *env) bulkReport(rep *policies.BulkReport, err error, file, added, already string, asJSON bool) error {
	if rep == nil {
		return err
	}
	if asJSON {
		if perr := e.printJSON(rep); perr != nil {
			return perr
		}
	} else if err == nil {
		fmt.Fprintf(e.stdout, "%d %s, %d %s (%d rows, %s)\n", rep.Added, added, rep.Already, already, rep.Rows, rep.Duration)
	}
	if err == nil {
		return nil
	}
	if !asJSON {
		for _, b := range rep.Bad {
			fmt.Fprintf(e.stderr, "%s:%d: %v\n", file, b.Line, b.Err)
		}
		if rep.BadRows > len(rep.Bad) {
			fmt.Fprintf(e.stderr, "%s: and %d more bad rows\n", file, rep.BadRows-len(rep.Bad))
		}
	}
	return fmt.Errorf("%s: %d bad rows of %d: nothing was written (fix them and run again)", file, rep.BadRows, rep.Rows)
}

func (e *env) consentGrantCommand() *cobra.Command {
	var (
		c                                   policies.Consent
		from, until, limit, mor, key, mondo string
		asJSON                              bool
		out, deployment                     string
	)
	cmd := &cobra.Command{
		Use:   "grant --study S --subject ID --permit CODE[,CODE] [--modifier CODE ...] --until DATE [--key PATIENT]",
		Short: "Sign a consent with the patient's key and submit it",
		Long: `Sign a consent with the patient's key (EIP-712), check it against the
enrollment and the subject's earlier documents, notarize it and record it.
It supersedes the subject's earlier consent. Prints the consent's hash.

Permissions (--permit): NRES (no restriction), GRU (general research use),
HMB (health, medical or biomedical), DS (disease specific, with --disease
MONDO ids), POA (population origins or ancestry only).
Modifiers (--modifier): NPU NCU NPUNCU IRB PUB COL (--investigator) GS
(--region) TS (--time-limit) US (--investigator) PS (--project) IS
(--institution) RTN NMDS GSO MOR (--moratorium) NPOA.`,
		Example: `  desci consent grant --study trial-42 --subject S000017 --permit HMB --modifier NPU --until 2027-12-31 --key 0x7099...`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			for _, d := range []struct {
				s string
				t *time.Time
			}{{from, &c.ValidFrom}, {mor, &c.Moratorium}} {
				if *d.t, err = policies.ParseTime(d.s); err != nil {
					return usageError{err}
				}
			}
			if c.ValidFrom.IsZero() {
				c.ValidFrom = time.Now().UTC().Truncate(time.Second)
			}
			if c.TimeLimit, err = policies.ParseTimeLimit(limit, c.ValidFrom); err != nil {
				return usageError{fmt.Errorf("--time-limit: %w", err)}
			}
			if c.ValidUntil, err = policies.ParseTimeLimit(until, c.ValidFrom); err != nil {
				return usageError{fmt.Errorf("--until: %w", err)}
			}
			for i := range c.Uses {
				c.Uses[i] = strings.ToUpper(c.Uses[i])
			}
			for i := range c.Modifiers {
				c.Modifiers[i] = strings.ToUpper(c.Modifiers[i])
			}
			if err := c.Validate(); err != nil {
				return usageError{err}
			}
			if err := e.checkTerms(&c, mondo); err != nil {
				return err
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			doc, signer, err := e.signDocument(r, key, &c, nil, out != "", deployment)
			if err != nil {
				return err
			}
			if out != "" {
				return e.writeSigned(doc, out)
			}
			rec, err := r.Submit(cmd.Context(), doc, signer)
			if err != nil {
				return err
			}
			return e.printRecord(rec, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&c.Study, "study", "", "the study (required)")
	fl.StringVar(&c.Subject, "subject", "", "the subject's study key, from enrollment (required)")
	fl.StringSliceVar(&c.Uses, "permit", nil, "DUO permissions: NRES, GRU, HMB, DS, POA (required)")
	fl.StringSliceVar(&c.Diseases, "disease", nil, "MONDO ids, for DS")
	fl.StringSliceVar(&c.Modifiers, "modifier", nil, "DUO modifiers")
	fl.StringSliceVar(&c.Investigators, "investigator", nil, "named investigators' addresses, for COL and US")
	fl.StringVar(&c.Region, "region", "", "the permitted region, for GS: an ISO 3166 country code (DE) or a region (EU, EEA, Europe; doc/consent.md), any case")
	fl.StringVar(&c.Project, "project", "", "the permitted project, for PS")
	fl.StringVar(&c.Institution, "institution", "", "the permitted institution, for IS")
	fl.StringVar(&limit, "time-limit", "", "end of use, for TS: a date (2027-12-31) or a duration from the consent's start (\"12 months\", \"90 days\", P1Y)")
	fl.StringVar(&mondo, "mondo", "", "MONDO release the --disease ids must be terms of (default: config.json's mondo, $DESCI_MONDO, else the built-in subset)")
	fl.StringVar(&mor, "moratorium", "", "no publication before, for MOR")
	fl.StringVar(&from, "from", "", "valid from (default now)")
	fl.StringVar(&until, "until", "", "valid until: a date (2027-12-31) or a duration from --from (\"2 years\") (required)")
	fl.StringVar(&key, "key", "", "the patient's key address (default: the only key)")
	fl.StringVar(&out, "sign-only", "", "write the signed document to this file instead of submitting it")
	fl.StringVar(&deployment, "deployment", "", "with --sign-only: the registry it is for, as desci consent domain prints it there (default: this data dir's)")
	fl.BoolVar(&asJSON, "json", false, "print the accepted record as JSON")
	for _, f := range []string{"study", "subject", "permit", "until"} {
		cmd.MarkFlagRequired(f)
	}
	return cmd
}

func (e *env) consentSubmitCommand() *cobra.Command {
	var key, mondo, jsonl string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "submit DOCUMENT.json | --jsonl FILE",
		Short: "Submit a consent or revocation a patient signed elsewhere (a wallet's eth_signTypedData_v4)",
		Long: `Submit a signed document: {"typedData": <EIP-712 typed data>, "signature": "0x..."}
(doc/consent.md). The patient's signature is what is checked; --key only
signs the manifest that notarizes the document.

With --jsonl, submit a JSON Lines file of such documents, one a line, each
checked as a single one is. Every line is checked before anything is
written; if any is bad (forged, replayed, out of nonce order, expired, a
disease outside the MONDO release) the bad lines are listed and nothing is
accepted. A document accepted before is a no-op, so a file can be
submitted again.`,
		Args: cobra.RangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == (jsonl != "") {
				return usageError{errors.New("submit takes one DOCUMENT.json, or --jsonl FILE")}
			}
			if jsonl != "" {
				return e.submitJSONL(cmd.Context(), jsonl, key, mondo, asJSON)
			}
			b, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			doc, err := policies.ParseDocument(b)
			if err != nil {
				return err
			}
			if doc.Consent != nil {
				o, err := e.ontology(mondo)
				if err != nil {
					return err
				}
				if err := doc.Consent.CheckTerms(o, time.Now()); err != nil {
					return err
				}
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			rec, err := r.Submit(cmd.Context(), doc, signer)
			if err != nil {
				return err
			}
			return e.printRecord(rec, asJSON)
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "key that signs the notarizing manifest (default: the only key)")
	cmd.Flags().StringVar(&mondo, "mondo", "", "MONDO release a consent's diseases must be terms of (default: config.json's mondo, $DESCI_MONDO, else the built-in subset)")
	cmd.Flags().StringVar(&jsonl, "jsonl", "", "submit every document of this JSON Lines file (one signed document a line), all or nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the accepted record (with --jsonl, the report) as JSON")
	return cmd
}

// submitJSONL submits a JSON Lines file of signed documents, all or none.
func (e *env) submitJSONL(ctx context.Context, file, key, mondo string, asJSON bool) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	o, err := e.ontology(mondo)
	if err != nil {
		return err
	}
	r, err := e.registry(ctx)
	if err != nil {
		return err
	}
	signer, err := e.signer(key)
	if err != nil {
		return err
	}
	opts := policies.ImportOptions{Ontology: o}
	if isTerminal(e.stderr) {
		opts.Progress = func(done, total int) {
			fmt.Fprintf(e.stderr, "\r\033[Kdesci: %d of %d documents notarized and recorded", done, total)
		}
	}
	rep, err := r.SubmitMany(ctx, f, signer, opts)
	if opts.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err == nil && !asJSON {
		fmt.Fprintf(e.stderr, "desci: documents notarized (queued for anchoring)\n")
	}
	return e.bulkReport(rep, err, file, "accepted", "already accepted", asJSON)
}

// signDocument gives a consent or a revocation the subject's next nonce
// and signs it with the patient's key. A document signed to be submitted
// elsewhere (offline) is signed in a data dir that may not hold the
// subject's history: its nonce is at least the time in milliseconds, which
// is above every nonce given before.
//
// deployment, if set, is the registry the document is for (its EIP-712
// salt, as desci consent domain prints it there): a patient signing in
// their own data dir signs for the steward's deployment, not their own.
func (e *env) signDocument(r *policies.Registry, key string, c *policies.Consent, rv *policies.Revocation, offline bool, deployment string) (*policies.Document, *keys.Key, error) {
	domain := r.Domain()
	if deployment != "" {
		if !offline {
			return nil, nil, usageError{errors.New("--deployment is for documents signed with --sign-only for another data dir's registry")}
		}
		b, err := hexutil.Decode(deployment)
		if err != nil || len(b) != 32 {
			return nil, nil, usageError{fmt.Errorf("--deployment %q is not a 32-byte hex id (desci consent domain prints the registry's)", deployment)}
		}
		domain.Deployment = common.BytesToHash(b)
	} else if offline {
		fmt.Fprintf(e.stderr, "signed for this data dir's registry (deployment %s); for another's, pass its --deployment (desci consent domain prints it there)\n", domain.Deployment.Hex())
	}
	var study, subject string
	var nonce *uint64
	if c != nil {
		study, subject, nonce = c.Study, c.Subject, &c.Nonce
	} else {
		study, subject, nonce = rv.Study, rv.Subject, &rv.Nonce
	}
	var err error
	if *nonce, err = r.NextNonce(study, subject); err != nil {
		return nil, nil, err
	}
	if offline {
		*nonce = max(*nonce, uint64(time.Now().UnixMilli()))
	}
	signer, err := e.signer(key)
	if err != nil {
		return nil, nil, err
	}
	td := (&policies.Document{Consent: c, Revocation: rv, Domain: domain}).TypedData()
	sig, err := policies.Sign(td, signer.PrivateKey())
	if err != nil {
		return nil, nil, err
	}
	doc, err := policies.NewDocument(domain, c, rv, sig)
	return doc, signer, err
}

// writeSigned writes a document signed with --sign-only to file, and
// keeps a copy in the data dir for consent list and show.
func (e *env) writeSigned(doc *policies.Document, file string) error {
	b, _ := json.MarshalIndent(doc, "", "  ")
	if err := writeFileAtomic(file, strings.NewReader(string(b)+"\n"), 0o600); err != nil {
		return err
	}
	if err := e.keepSigned(doc); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "desci: %s of %s in %s signed, written to %s: give it to the data steward (desci consent submit %s)\n", doc.Kind(), doc.Subject(), doc.Study(), file, filepath.Base(file))
	_, err := fmt.Fprintln(e.stdout, doc.Hash.Hex())
	return err
}

func (e *env) printRecord(rec *policies.Record, asJSON bool) error {
	if asJSON {
		return e.printJSON(rec)
	}
	fmt.Fprintf(e.stderr, "desci: %s of %s in %s accepted, notarized as %s (queued for anchoring)\n", rec.Kind, rec.Subject, rec.Study, rec.Manifest)
	_, err := fmt.Fprintln(e.stdout, rec.Hash.Hex())
	return err
}

func (e *env) consentRevokeCommand() *cobra.Command {
	var (
		rv          policies.Revocation
		target      string
		key         string
		out, server string
		deployment  string
		asJSON      bool
	)
	cmd := &cobra.Command{
		Use:   "revoke --study S --subject ID [--consent HASH] [--key PATIENT] [--sign-only FILE | --server URL]",
		Short: "Revoke the subject's consent in force, signed with the patient's key",
		Long: `Sign and submit a revocation of the subject's consent in force (or of
--consent HASH, which must be the one in force). No extract made after it
holds the subject's rows; extracts made before are marked affected (see
desci consent impact and desci show).

A patient acts from their own data dir, holding only their key: with
--server URL the platform server (desci serve, which holds the registry)
prepares the revocation, the key signs it here and the server records it;
with --sign-only FILE the signed revocation is written to FILE for the data
steward to submit (desci consent submit), --consent naming the consent in
force when this data dir does not know it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out != "" && server != "" {
				return usageError{errors.New("give --sign-only FILE or --server URL, not both")}
			}
			if server != "" {
				signer, err := e.signer(key)
				if err != nil {
					return err
				}
				ps, err := e.patientServer(cmd.Context(), server, signer)
				if err != nil {
					return err
				}
				h, err := ps.revoke(cmd.Context(), rv.Study, rv.Subject)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "desci: revocation of %s in %s accepted by %s\n", rv.Subject, rv.Study, server)
				_, err = fmt.Fprintln(e.stdout, h)
				return err
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			if target != "" {
				b, err := hexHash(target)
				if err != nil {
					return usageError{err}
				}
				rv.Consent = b
			} else {
				inForce, err := r.InForce(rv.Study)
				if err != nil {
					return err
				}
				rec, ok := inForce[rv.Subject]
				if !ok {
					if out != "" {
						return usageError{fmt.Errorf("this data dir does not know the consent in force of %s in %s: name it with --consent HASH (desci consent list --key ... shows what you signed), or revoke with --server URL", rv.Subject, rv.Study)}
					}
					return fmt.Errorf("%w: %s of %s has no consent in force", policies.ErrNotInForce, rv.Subject, rv.Study)
				}
				rv.Consent = rec.Hash
			}
			doc, signer, err := e.signDocument(r, key, nil, &rv, out != "", deployment)
			if err != nil {
				return err
			}
			if out != "" {
				return e.writeSigned(doc, out)
			}
			rec, err := r.Submit(cmd.Context(), doc, signer)
			if err != nil {
				return err
			}
			if affected, err := r.Impact(rv.Study, rv.Subject); err == nil && len(affected) > 0 {
				fmt.Fprintf(e.stderr, "desci: %d extract(s) made before hold this subject's rows: desci consent impact --study %s --subject %s\n", len(affected), rv.Study, rv.Subject)
			}
			return e.printRecord(rec, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&rv.Study, "study", "", "the study (required)")
	fl.StringVar(&rv.Subject, "subject", "", "the subject's study key (required)")
	fl.StringVar(&target, "consent", "", "hash of the consent to revoke (default: the one in force)")
	fl.StringVar(&key, "key", "", "the patient's key address (default: the only key)")
	fl.StringVar(&out, "sign-only", "", "write the signed revocation to this file instead of submitting it")
	fl.StringVar(&deployment, "deployment", "", "with --sign-only: the registry it is for, as desci consent domain prints it there (default: this data dir's)")
	fl.StringVar(&server, "server", "", "revoke through this platform server (desci serve's URL), signed with your key here")
	fl.BoolVar(&asJSON, "json", false, "print the accepted record as JSON")
	cmd.MarkFlagRequired("study")
	cmd.MarkFlagRequired("subject")
	return cmd
}

func hexHash(s string) (common.Hash, error) {
	b := common.FromHex(s)
	if len(b) != common.HashLength {
		return common.Hash{}, fmt.Errorf("%q is not a 32-byte hash (0x...)", s)
	}
	return common.BytesToHash(b), nil
}

func (e *env) consentListCommand() *cobra.Command {
	var study, key, server string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list (--key PATIENT [--server URL] | --study S)",
		Short: "List consents and revocations: a patient's own (unlocking their key), or a study's (steward)",
		Long: `With --key, a patient's own documents: those this data dir's registry holds,
and those signed here with --sign-only (status "signed here"); with
--server URL, those the platform server holds for them (signed in with the
key). With --study, every document of a study (the data steward).

TERMS name each date for what it is: the consent's validity, the end of
use (TS) and the publication moratorium (MOR). STATUS is where a consent
stands now: in force, not yet valid, expired, time limit passed,
superseded or revoked.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (study == "") == (key == "" && server == "") || (server != "" && study != "") {
				return usageError{errors.New("give --key PATIENT (with --server URL for a server's registry) or --study S")}
			}
			recs, latest, err := e.consentRecords(cmd.Context(), study, key, server)
			if err != nil {
				return err
			}
			revoked := map[common.Hash]bool{}
			for _, rec := range recs {
				if rec.Revocation != nil {
					revoked[rec.Revocation.Consent] = true
				}
			}
			now := time.Now()
			status := func(rec *policies.Record) string {
				switch {
				case rec.Manifest == "" && server == "":
					return "signed here"
				case rec.Consent == nil:
					return "accepted"
				}
				return consentStatus(rec.Consent, latest[rec.Hash], revoked[rec.Hash], now)
			}
			if asJSON {
				rows := make([]recordView, len(recs))
				for i, rec := range recs {
					rows[i] = viewOf(rec, status(rec))
				}
				return e.printJSON(rows)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "HASH\tKIND\tSTUDY\tSUBJECT\tNONCE\tTERMS\tSTATUS")
			for _, rec := range recs {
				terms := ""
				if c := rec.Consent; c != nil {
					terms = consentTerms(c)
				} else {
					terms = "ends " + rec.Revocation.Consent.Hex()[:10]
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", rec.Hash.Hex()[:10], rec.Kind, rec.Study, rec.Subject, nonceOf(rec), terms, status(rec))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&study, "study", "", "every document of a study")
	cmd.Flags().StringVar(&key, "key", "", "the patient's key address: their own documents")
	cmd.Flags().StringVar(&server, "server", "", "read the patient's documents from this platform server (desci serve's URL)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (doc/consent.md's field names)")
	return cmd
}

// consentRecords reads a study's documents, or a patient's own: from the
// data dir's registry and its --sign-only copies, or from a server. latest
// marks each subject's latest document.
func (e *env) consentRecords(ctx context.Context, study, key, server string) ([]*policies.Record, map[common.Hash]bool, error) {
	var recs []*policies.Record
	switch {
	case study != "":
		r, err := e.registry(ctx)
		if err != nil {
			return nil, nil, err
		}
		if recs, err = r.History(study, ""); err != nil {
			return nil, nil, err
		}
	default:
		// Unlocking proves the caller holds the patient's key.
		signer, err := e.signer(key)
		if err != nil {
			return nil, nil, err
		}
		if server != "" {
			ps, err := e.patientServer(ctx, server, signer)
			if err != nil {
				return nil, nil, err
			}
			if recs, err = ps.records(ctx); err != nil {
				return nil, nil, err
			}
			break
		}
		r, err := e.registry(ctx)
		if err != nil {
			return nil, nil, err
		}
		if recs, err = r.Signed(signer.Address()); err != nil {
			return nil, nil, err
		}
		kept, err := e.signedRecords(signer.Address())
		if err != nil {
			return nil, nil, err
		}
		for _, k := range kept {
			if !slices.ContainsFunc(recs, func(r *policies.Record) bool { return r.Hash == k.Hash }) {
				recs = append(recs, k)
			}
		}
	}
	// A subject's latest document: the registry's order is the nonce's.
	top := map[[2]string]*policies.Record{}
	for _, rec := range recs {
		k := [2]string{rec.Study, rec.Subject}
		if t, ok := top[k]; !ok || nonceOf(rec) > nonceOf(t) {
			top[k] = rec
		}
	}
	latest := map[common.Hash]bool{}
	for _, rec := range top {
		latest[rec.Hash] = true
	}
	return recs, latest, nil
}

func nonceOf(rec *policies.Record) uint64 {
	if rec.Consent != nil {
		return rec.Consent.Nonce
	}
	return rec.Revocation.Nonce
}

func (e *env) consentShowCommand() *cobra.Command {
	var key, server string
	cmd := &cobra.Command{
		Use:   "show HASH [--key PATIENT [--server URL]]",
		Short: "Print a consent or revocation as JSON: its terms (doc/consent.md's names), record and signed document",
		Long: `Print a document by its hash: from this data dir's registry, else from
what --key signed here with --sign-only, or with --server URL from what
the platform server holds for --key's patient.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := hexHash(args[0])
			if err != nil {
				return usageError{err}
			}
			if server != "" || key != "" {
				recs, latest, err := e.consentRecords(cmd.Context(), "", key, server)
				if err != nil {
					return err
				}
				for _, rec := range recs {
					if rec.Hash == h {
						st := ""
						if rec.Consent != nil {
							revoked := slices.ContainsFunc(recs, func(r *policies.Record) bool { return r.Revocation != nil && r.Revocation.Consent == h })
							st = consentStatus(rec.Consent, latest[h], revoked, time.Now())
						}
						if rec.Manifest == "" && server == "" {
							st = "signed here"
						}
						return e.printJSON(viewOf(rec, st))
					}
				}
				return fmt.Errorf("%w: %s is not one of your documents", policies.ErrUnknownConsent, h.Hex())
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			rec, err := r.Document(h)
			if err != nil {
				return err
			}
			st := ""
			if rec.Consent != nil {
				hist, err := r.History(rec.Study, rec.Subject)
				if err != nil {
					return err
				}
				last := hist[len(hist)-1]
				st = consentStatus(rec.Consent, last.Hash == h, last.Revocation != nil && last.Revocation.Consent == h, time.Now())
			}
			return e.printJSON(viewOf(rec, st))
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "the patient's key address: look among their own documents")
	cmd.Flags().StringVar(&server, "server", "", "read from this platform server (desci serve's URL), signed in with --key")
	return cmd
}

func (e *env) consentImportCommand() *cobra.Command {
	var study, subject, key string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import CONSENT.json --study S --subject ID [--key PATIENT]",
		Short: "Import a FHIR R4 or R5 Consent resource: map it to DUO, sign it with the patient's key, submit it",
		Long: `Read a FHIR Consent resource (JSON, R4 or R5), map its provisions to DUO
codes (doc/consent.md says how), and sign and submit the consent as grant
does. A provision that cannot be mapped is an error: nothing is guessed.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			c, err := policies.FromFHIR(b)
			if err != nil {
				return err
			}
			c.Study, c.Subject = study, subject
			if err := c.Validate(); err != nil {
				return err
			}
			if err := e.checkTerms(c, ""); err != nil {
				return err
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			doc, signer, err := e.signDocument(r, key, c, nil, false, "")
			if err != nil {
				return err
			}
			rec, err := r.Submit(cmd.Context(), doc, signer)
			if err != nil {
				return err
			}
			return e.printRecord(rec, asJSON)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&study, "study", "", "the study (required)")
	fl.StringVar(&subject, "subject", "", "the subject's study key (required)")
	fl.StringVar(&key, "key", "", "the patient's key address (default: the only key)")
	fl.BoolVar(&asJSON, "json", false, "print the accepted record as JSON")
	cmd.MarkFlagRequired("study")
	cmd.MarkFlagRequired("subject")
	return cmd
}

func (e *env) consentImpactCommand() *cobra.Command {
	var study, subject string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "impact --study S --subject ID",
		Short: "List the extracts made with a subject's rows (to act on a revocation)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			cs, err := r.Impact(study, subject)
			if err != nil {
				return err
			}
			s, _ := e.openStore()
			type row struct {
				Extract   string `json:"extract"`
				Title     string `json:"title"`
				Requester string `json:"requester"`
				Created   string `json:"created"`
			}
			rows := []row{}
			for _, c := range cs {
				rw := row{Extract: c.String()}
				if m, err := s.Manifest(cmd.Context(), c); err == nil {
					rw.Title, rw.Created = m.Title, m.Created.Format(time.RFC3339)
					if m.Extract != nil {
						rw.Requester = m.Extract.Requester
					}
				}
				rows = append(rows, rw)
			}
			if asJSON {
				return e.printJSON(rows)
			}
			for _, rw := range rows {
				fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", rw.Extract, rw.Created, rw.Requester, rw.Title)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&study, "study", "", "the study (required)")
	fl.StringVar(&subject, "subject", "", "the subject's study key (required)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	cmd.MarkFlagRequired("study")
	cmd.MarkFlagRequired("subject")
	return cmd
}

func (e *env) accessLogCommand() *cobra.Command {
	var key string
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "access-log (--key PATIENT | --all)",
		Short: "Show every extract request that touched a patient's rows (or, for the steward, the whole log)",
		Long: `Every extract request, allowed or denied, is in the access log: requester,
purpose, dataset, policy bundle hash, consent snapshot root, rows released
and rows denied by reason. Each entry is notarized and anchored. With --key,
a patient (unlocking their key) sees each request that touched their rows and
what happened to them, and nothing about other patients.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if all == (key != "") {
				return usageError{errors.New("give --key PATIENT or --all")}
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			if all {
				entries, err := r.Access()
				if err != nil {
					return err
				}
				if asJSON {
					return e.printJSON(entries)
				}
				for _, en := range entries {
					verdict := "allowed"
					if !en.Allowed {
						verdict = "denied: " + en.Error
					}
					fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%q\t%d rows\t%s\n", en.Seq, en.Time.Format(time.RFC3339), en.Requester, en.Dataset, en.Purpose, en.RowsReleased, verdict)
				}
				return nil
			}
			signer, err := e.signer(key)
			if err != nil {
				return err
			}
			log, err := r.AccessLog(signer.Address())
			if err != nil {
				return err
			}
			if asJSON {
				type row struct {
					Seq       uint64    `json:"seq"`
					Time      time.Time `json:"time"`
					Study     string    `json:"study"`
					Subject   string    `json:"subject"`
					Requester string    `json:"requester"`
					Purpose   string    `json:"purpose"`
					Dataset   string    `json:"dataset"`
					Extract   string    `json:"extract,omitempty"`
					Policy    string    `json:"policy"`
					Outcome   string    `json:"outcome"`
					InWords   string    `json:"in_words"`
					Manifest  string    `json:"manifest"`
				}
				rows := []row{}
				for _, a := range log {
					rows = append(rows, row{a.Seq, a.Time, a.Study, a.Subject, a.Requester, a.Purpose, a.Dataset, a.Extract, a.Policy, a.Outcome, outcomeInWords(a.Outcome), a.Manifest})
				}
				return e.printJSON(rows)
			}
			if len(log) == 0 {
				fmt.Fprintln(e.stderr, "desci: no access has touched your rows")
			}
			for _, a := range log {
				fmt.Fprintf(e.stdout, "%s  %s asked for data of %s (your subject %s) for %q: %s\n", a.Time.Format(time.RFC3339), a.Requester, a.Study, a.Subject, a.Purpose, outcomeInWords(a.Outcome))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "the patient's key address: accesses that touched their rows")
	cmd.Flags().BoolVar(&all, "all", false, "the whole log (data steward)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// requestFlags are what an extract request tells the consent policy.
type requestFlags struct {
	use, irb, region, project, institution, publication             string
	diseases, collaborators                                         []string
	nonprofit, commercial, publish, returnResults, methods, genetic bool
}

func (f *requestFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.use, "use", "", "what the data is used for, as consents are matched: research, hmb (health, medical, biomedical), disease (with --disease), poa (population origins or ancestry), methods (methods development) (required)")
	fl.StringSliceVar(&f.diseases, "disease", nil, "MONDO ids of the diseases researched, for --use disease; repeat or comma-separate: a consent must cover every one")
	fl.BoolVar(&f.nonprofit, "nonprofit", false, "the requester is a non-profit (NPU, NPUNCU)")
	fl.BoolVar(&f.commercial, "commercial", false, "the use is commercial; --commercial=false says it is not (NCU, NPUNCU)")
	fl.StringVar(&f.irb, "irb", "", "ethics approval id (IRB)")
	fl.BoolVar(&f.publish, "publish", false, "the requester commits to publish (PUB)")
	fl.StringSliceVar(&f.collaborators, "collaborator", nil, "investigators collaborated with (COL)")
	fl.StringVar(&f.region, "region", "", "where the data is used (GS): an ISO 3166 country code (DE) or a region (EU, EEA), any case")
	fl.StringVar(&f.project, "project", "", "the project (PS)")
	fl.StringVar(&f.institution, "institution", "", "the requester's institution (IS)")
	fl.BoolVar(&f.returnResults, "return-results", false, "the requester commits to return results (RTN)")
	fl.BoolVar(&f.methods, "methods-development", false, "the use develops methods; --methods-development=false says it does not (NMDS)")
	fl.BoolVar(&f.genetic, "genetic", false, "the use is a genetic study (GSO)")
	fl.StringVar(&f.publication, "publication-date", "", "earliest publication date (MOR)")
}

// request builds the policy request; an attribute is shown only if its
// flag was given, so a modifier that needs one the requester did not state
// denies.
func (f *requestFlags) request(cmd *cobra.Command, requester string) (policies.Request, error) {
	r := policies.Request{Purpose: strings.ToLower(f.use), Diseases: f.diseases, Requester: requester, IRB: f.irb,
		Collaborators: f.collaborators, Region: f.region, Project: f.project, Institution: f.institution}
	set := func(name string, v bool) *bool {
		if !cmd.Flags().Changed(name) {
			return nil
		}
		return &v
	}
	r.Nonprofit, r.Commercial, r.Publish = set("nonprofit", f.nonprofit), set("commercial", f.commercial), set("publish", f.publish)
	r.ReturnResults, r.MethodsDevelopment, r.Genetic = set("return-results", f.returnResults), set("methods-development", f.methods), set("genetic", f.genetic)
	if r.Region != "" {
		if _, ok := policies.CanonicalRegion(r.Region); !ok {
			return r, usageError{fmt.Errorf("--region %q is not an ISO 3166 country code or a region (%s)", r.Region, strings.Join(policies.RegionNames(), ", "))}
		}
	}
	var err error
	if r.PublicationDate, err = policies.ParseTime(f.publication); err != nil {
		return r, usageError{err}
	}
	return r, nil
}

func (e *env) consentNoticesCommand() *cobra.Command {
	var holder string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "notices --holder ADDRESS",
		Short: "Revocation notices for a holder's extracts: subjects whose rows they hold who revoked consent since",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !common.IsHexAddress(holder) {
				return usageError{fmt.Errorf("--holder %q is not an Ethereum address", holder)}
			}
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			ns, err := r.Notices(common.HexToAddress(holder).Hex())
			if err != nil {
				return err
			}
			if asJSON {
				if ns == nil {
					ns = []policies.Notice{}
				}
				return e.printJSON(ns)
			}
			for _, n := range ns {
				fmt.Fprintf(e.stdout, "%s\t%s\t%s of %s: a subject revoked consent (%s)\n", n.Time.Format(time.RFC3339), n.Event, n.Extract, n.Study, n.Revocation.Hex()[:10])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&holder, "holder", "", "the extracts' requester (required)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.MarkFlagRequired("holder")
	cmd.AddCommand(e.noticesDeliverCommand())
	return cmd
}
