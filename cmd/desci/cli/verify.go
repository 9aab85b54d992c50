package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/notary"
)

// unchecked marks an error after which verify could not check: exit 3.
func unchecked(err error) error { return codedError{exitUnchecked, err} }

// verdict maps a verification error to verify's exit codes: a conclusive
// failed check or a bad bundle is 1 (checked and false), a usage error 2,
// anything else 3 (could not check).
func verdict(err error) error {
	var ve *notary.VerifyError
	var ce codedError
	var ue usageError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce), errors.As(err, &ue), isCobraUsage(err):
		return err
	case errors.As(err, &ve) && ve.Conclusive(), errors.Is(err, notary.ErrBadBundle):
		return codedError{exitError, err}
	}
	return unchecked(err)
}

const verifyLong = `Verify, trusting nothing but the files, the receipt and the chain:
  1. the manifest in the receipt is signed by its signer,
  2. the files recompute to the content CID it names (with its import
     profile); if not, the files whose CIDs differ are named,
  3. the Merkle proof leads from the manifest's leaf to the root,
  4. the chain is the receipt's chain and has the Notary contract,
  5. the root was anchored there by the submitter in the receipt's block,
  6. that block is canonical, with the receipt's hash and time.
It then says whether the block is final, and lists the corrections and newer
versions it can see (in the bundle, this data dir, or with --server the index
of a desci serve, whose answers are checked like any receipt), anchored or
not.

What to verify:
  desci verify FILE.desci.car               a verification bundle (desci bundle):
                                            manifest, content, receipt, chain
  desci verify PATH --receipt FILE          files on disk against a receipt
                                            (desci receipt) or a bundle
  desci verify CID                          a manifest in this data dir's store

Which chain: --rpc URL, else "rpc" in DATA_DIR/config.json, else the
bundle's endpoints, else this data dir's own embedded chain if it has one
(it anchored here) and the receipt is from it. Verify never creates a chain:
with none of these it says what it needs.

Exit status:
  0  every check holds
  1  checked and false: a check failed (named), or the bundle is corrupt
  2  the command line was wrong
  3  could not check: no chain to ask, the chain is down, is another chain
     or has no Notary contract at the receipt's address, or the input is
     unreadable`

func (e *env) verifyCommand() *cobra.Command {
	var (
		f       chainFlags
		receipt string
		server  string
		hidden  bool
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "verify (FILE.desci.car | PATH --receipt FILE | CID) [--rpc URL] [--server URL]",
		Short: "Check a bundle, files or a stored manifest against its receipt and the chain",
		Long:  verifyLong,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return verdict(e.verify(cmd.Context(), &f, args[0], receipt, server, hidden, asJSON))
		},
	}
	f.register(cmd)
	cmd.Flags().Lookup("rpc").Usage = "JSON-RPC endpoint of the receipt's chain (default: config.json, the bundle's endpoints, this data dir's chain if the receipt is from it)"
	cmd.Flags().MarkHidden("notary-contract") // the receipt names it
	cmd.Flags().StringVar(&receipt, "receipt", "", "receipt (desci receipt) or bundle (desci bundle) of the files at PATH")
	cmd.Flags().StringVar(&server, "server", "", "a desci serve URL whose index may know more corrections and versions (each checked, never trusted)")
	cmd.Flags().BoolVarP(&hidden, "hidden", "H", false, "the content was added with --hidden")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (also when a check fails: ok false, failed, error)")
	return cmd
}

// verifyInput is what is verified, however it was given.
type verifyInput struct {
	doc       []byte
	content   notary.ContentFunc
	contentOf string // what the content check compares, for the report
	bundle    *notary.Bundle
	related   []notary.RelatedManifest
	endpoints []string // the bundle's
	cid       cid.Cid  // a manifest of this data dir's store
}

func (e *env) verify(ctx context.Context, f *chainFlags, arg, receipt, server string, hidden, asJSON bool) error {
	in, err := e.verifyInput(ctx, arg, receipt, hidden)
	if err != nil {
		if asJSON {
			e.printVerifyFailure(err)
		}
		return err
	}
	r, _, err := notary.CheckReceiptDoc(in.doc)
	if err != nil {
		if asJSON {
			e.printVerifyFailure(err)
		}
		return err
	}
	conn, source, err := e.verifyChain(ctx, f, r, in.endpoints)
	if err != nil {
		if asJSON {
			e.printVerifyFailure(err)
		}
		return err
	}
	defer conn.close()
	v, err := notary.VerifyReceipt(ctx, conn.client, in.doc, in.content)
	if err != nil {
		if asJSON {
			e.printVerifyFailure(err)
		}
		return err
	}
	serverNote := ""
	if server != "" {
		more, n, err := relatedFromServer(ctx, server, v.Manifest)
		if err != nil {
			serverNote = fmt.Sprintf("the server's index was not read: %v", err)
		} else {
			in.related = mergeRelated(in.related, more)
			if n > 0 {
				serverNote = fmt.Sprintf("the server lists %d more without a receipt that checks (not anchored, or not what it claims): not shown", n)
			}
		}
	}
	related := e.checkRelated(ctx, conn, in.related)
	if asJSON {
		out := verifyJSON(v, source, in, related)
		if serverNote != "" {
			out["server"] = serverNote
		}
		return e.printJSON(out)
	}
	fmt.Fprintf(e.stdout, "OK  %s %q\n", v.Kind, v.Title)
	fmt.Fprintf(e.stdout, "    manifest %s signed by %s\n", v.Manifest, v.Signer.Hex())
	switch {
	case v.Content.Defined():
		fmt.Fprintf(e.stdout, "    content  %s matches (%s)\n", v.Content, in.contentOf)
	case in.contentOf != "":
		fmt.Fprintf(e.stdout, "    content  not checked: %s\n", in.contentOf)
	}
	fmt.Fprintf(e.stdout, "    anchored by %s at %s UTC\n", v.Submitter.Hex(), v.BlockTime.UTC().Format("2006-01-02 15:04:05"))
	fmt.Fprintf(e.stdout, "    chain %d, block %d (%s), tx %s\n", v.ChainID, v.BlockNumber, v.BlockHash.Hex(), v.Tx.Hex())
	fmt.Fprintf(e.stdout, "    asked %s\n", source)
	if v.Finality.Head > 0 {
		fmt.Fprintf(e.stdout, "    %s\n", v.Finality)
	}
	for _, rel := range related {
		fmt.Fprintf(e.stdout, "    %s\n", rel)
	}
	if serverNote != "" {
		fmt.Fprintf(e.stdout, "    %s\n", serverNote)
	}
	return nil
}

func (e *env) printVerifyFailure(err error) {
	out := map[string]any{"ok": false, "checked": false, "error": err.Error()}
	var ve *notary.VerifyError
	if errors.As(err, &ve) {
		out["failed"], out["error"], out["checked"] = ve.Check, ve.Err.Error(), ve.Conclusive()
		var ce *notary.ContentChangedError
		if errors.As(err, &ce) && ce.Files != nil {
			files := []map[string]string{}
			for _, fc := range ce.Files {
				files = append(files, map[string]string{"path": fc.Path, "expected": cidString(fc.Want), "got": cidString(fc.Got)})
			}
			out["files"] = files
		}
	} else if errors.Is(err, notary.ErrBadBundle) {
		out["failed"], out["checked"] = "bundle", true
	}
	e.printJSON(out)
}

func cidString(c cid.Cid) string {
	if !c.Defined() {
		return ""
	}
	return c.String()
}

// verifyInput reads what arg and --receipt name.
func (e *env) verifyInput(ctx context.Context, arg, receipt string, hidden bool) (*verifyInput, error) {
	if receipt != "" {
		in, err := readReceiptOrBundle(ctx, receipt)
		if err != nil {
			return nil, err
		}
		if _, err := os.Lstat(arg); err != nil {
			return nil, unchecked(err)
		}
		in.content, in.contentOf = notary.ContentOfPath(arg, hidden), "the files at "+arg
		return in, nil
	}
	if st, err := os.Stat(arg); err == nil && st.Mode().IsRegular() {
		in, err := readReceiptOrBundle(ctx, arg)
		if err != nil {
			return nil, err
		}
		if in.bundle == nil {
			return nil, usageError{fmt.Errorf("%s is a receipt: give the files it is for, desci verify PATH --receipt %s", arg, arg)}
		}
		return in, nil
	}
	c, err := cid.Decode(arg)
	if err != nil {
		return nil, usageError{fmt.Errorf("%q is neither a bundle, nor a CID, nor (without --receipt) verifiable: give --receipt FILE for a path", arg)}
	}
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		// Opening the store would create a data dir for nothing.
		return nil, unchecked(fmt.Errorf("no data dir at %s, so no manifest %s: verify a bundle (desci verify FILE.desci.car) or files with --receipt", dir, c))
	}
	s, err := e.openStore()
	if err != nil {
		return nil, unchecked(err)
	}
	doc, err := s.Receipt(c)
	if err != nil {
		return nil, unchecked(err)
	}
	m, err := s.Manifest(ctx, c)
	if err != nil {
		return nil, unchecked(err)
	}
	in := &verifyInput{doc: doc, cid: c}
	switch {
	case m.Content == nil:
	case m.Content.Sealed.Defined():
		in.contentOf = "sealed (a data steward decrypts it and verifies the files with --receipt)"
	default:
		in.content, in.contentOf = s.ContentOfStore(m.Content.Root), "the blocks in this data dir"
	}
	if in.related, err = s.Newer(ctx, c); err != nil {
		return nil, unchecked(err)
	}
	return in, nil
}

// readReceiptOrBundle reads a receipt document or a verification bundle.
func readReceiptOrBundle(ctx context.Context, path string) (*verifyInput, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, unchecked(err)
	}
	defer fh.Close()
	if !notary.IsBundle(fh) {
		if _, err := fh.Seek(0, io.SeekStart); err != nil {
			return nil, unchecked(err)
		}
		if st, err := fh.Stat(); err == nil && st.Size() > notary.MaxReceiptSize {
			return nil, unchecked(fmt.Errorf("%w: %s is neither a whole bundle nor a receipt (%d bytes, a receipt has at most %d)", notary.ErrBundleUnreadable, path, st.Size(), notary.MaxReceiptSize))
		}
		b, err := io.ReadAll(io.LimitReader(fh, notary.MaxReceiptSize+1))
		if err != nil {
			return nil, unchecked(err)
		}
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] != '{' {
			// Neither JSON nor a bundle: say what it is not.
			return nil, unchecked(fmt.Errorf("%w: %s is neither a receipt (JSON) nor a whole bundle (a CAR with one raw root)", notary.ErrBundleUnreadable, path))
		}
		return &verifyInput{doc: b}, nil
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, unchecked(err)
	}
	b, err := notary.ReadBundle(ctx, fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	in := &verifyInput{doc: b.Receipt, bundle: b, related: b.Related, endpoints: b.Doc.RPC}
	if c := b.ContentOfBundle(); c != nil {
		in.content, in.contentOf = c, "the blocks in the bundle"
	} else if b.Manifest.Content != nil {
		in.contentOf = "sealed: the bundle holds only the manifest (a data steward verifies the files with --receipt)"
	}
	return in, nil
}

// verifyChain opens the chain to verify r against and says which it is.
// It never creates one: the data dir's embedded chain is used only when
// the data dir has one with a Notary, and only for receipts from it.
func (e *env) verifyChain(ctx context.Context, f *chainFlags, r *notary.Receipt, endpoints []string) (*conn, string, error) {
	if err := e.loadConfig(f); err != nil {
		return nil, "", unchecked(err)
	}
	if f.RPC != "" {
		c, err := e.dialVerify(ctx, f.RPC, r, f.ChainID)
		if err != nil {
			return nil, "", err
		}
		return c, f.RPC, nil
	}
	var tried []string
	for _, u := range endpoints {
		c, err := e.dialVerify(ctx, u, r, f.ChainID)
		if err == nil {
			// The bundle's author chose this endpoint: a forger would
			// name a node that lies. Say so.
			return c, u + " (from the bundle: an endpoint its author chose; for an independent check give --rpc URL of a node you trust)", nil
		}
		tried = append(tried, err.Error())
	}
	if c, err := e.embeddedForVerify(ctx, r); c != nil || err != nil {
		if err != nil {
			return nil, "", err
		}
		return c, "this data dir's embedded chain", nil
	}
	msg := fmt.Sprintf("no chain to check against: give --rpc URL, a JSON-RPC endpoint of chain %d (the receipt's), whose Notary is %s", r.ChainID, r.Contract.Hex())
	if len(tried) > 0 {
		msg += "; the bundle's endpoints failed: " + strings.Join(tried, "; ")
	} else {
		msg += " (this data dir has no chain of its own that anchored)"
	}
	return nil, "", unchecked(errors.New(msg))
}

// dialVerify connects to url and checks it is r's chain with its Notary.
func (e *env) dialVerify(ctx context.Context, url string, r *notary.Receipt, wantID uint64) (*conn, error) {
	dctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	client, err := ethclient.DialContext(dctx, url)
	if err != nil {
		return nil, unchecked(fmt.Errorf("chain %s unreachable: %w", url, err))
	}
	id, err := client.ChainID(dctx)
	if err != nil {
		client.Close()
		return nil, unchecked(fmt.Errorf("chain %s unreachable: %w", url, err))
	}
	if wantID != 0 && id.Uint64() != wantID {
		client.Close()
		return nil, unchecked(fmt.Errorf("%w: %s is chain %d, not %d (--chain-id)", notary.ErrWrongChain, url, id, wantID))
	}
	if id.Uint64() != r.ChainID {
		client.Close()
		return nil, unchecked(fmt.Errorf("%w: %s is chain %d, the receipt is from chain %d: could not check", notary.ErrWrongChain, url, id, r.ChainID))
	}
	if code, err := client.CodeAt(dctx, r.Contract, nil); err != nil {
		client.Close()
		return nil, unchecked(fmt.Errorf("chain %s unreachable: %w", url, err))
	} else if len(code) == 0 {
		client.Close()
		return nil, unchecked(fmt.Errorf("%w %s on chain %d at %s: could not check", notary.ErrNoContract, r.Contract.Hex(), id, url))
	}
	return &conn{client: client, contract: r.Contract}, nil
}

// embeddedForVerify opens this data dir's embedded chain if it has one
// with a Notary (nil, nil if not), and checks the receipt is from it: the
// embedded chains of all data dirs share a chain id, a genesis and the
// Notary's address, so only the receipt's block tells them apart.
func (e *env) embeddedForVerify(ctx context.Context, r *notary.Receipt) (*conn, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, nil
	}
	chainDir := filepath.Join(dir, "chain")
	b, err := os.ReadFile(devContractFile(chainDir))
	if err != nil {
		return nil, nil // no embedded chain here, or it never had a Notary
	}
	addr := common.HexToAddress(strings.TrimSpace(string(b)))
	if r.ChainID != chain.ChainID().Uint64() || addr != r.Contract {
		return nil, unchecked(fmt.Errorf("the receipt is from chain %d, Notary %s; this data dir's embedded chain is chain %s, Notary %s: give --rpc URL of the receipt's chain",
			r.ChainID, r.Contract.Hex(), chain.ChainID(), addr.Hex()))
	}
	dev, err := chain.OpenDev(chain.DevOptions{Dir: chainDir})
	if err != nil {
		return nil, unchecked(err)
	}
	c := &conn{client: dev.Client(), dev: dev, contract: addr}
	h, err := c.client.HeaderByNumber(ctx, new(big.Int).SetUint64(r.BlockNumber))
	if err != nil || h.Hash() != r.BlockHash {
		c.close()
		here := "does not have that block"
		if err == nil {
			here = "has " + h.Hash().Hex() + " there"
		}
		return nil, unchecked(fmt.Errorf("the receipt is not from this data dir's embedded chain (its block %d is %s, this chain %s): give --rpc URL of the chain that anchored it",
			r.BlockNumber, r.BlockHash.Hex(), here))
	}
	return c, nil
}

// relatedStatus is what verify found of a correction or newer version.
type relatedStatus struct {
	notary.RelatedManifest
	v   *notary.Verification
	err error
}

func (r relatedStatus) String() string {
	what := "newer version"
	about := fmt.Sprintf("%q", r.Manifest.Title)
	if r.Relation == notary.RelCorrection {
		what, about = "corrected by", fmt.Sprintf("%q", r.Manifest.Reason)
	}
	switch {
	case r.v != nil:
		return fmt.Sprintf("%s %s %s: anchored at %s UTC, block %d, %s", what, r.CID, about, r.v.BlockTime.UTC().Format("2006-01-02 15:04:05"), r.v.BlockNumber, r.v.Finality)
	case r.Receipt == nil:
		return fmt.Sprintf("%s %s %s: not anchored (no receipt)", what, r.CID, about)
	}
	return fmt.Sprintf("%s %s %s: its receipt does not verify: %v", what, r.CID, about, r.err)
}

// checkRelated verifies the receipts of the corrections and newer versions
// on the same chain.
func (e *env) checkRelated(ctx context.Context, c *conn, rel []notary.RelatedManifest) []relatedStatus {
	out := make([]relatedStatus, 0, len(rel))
	for _, r := range rel {
		s := relatedStatus{RelatedManifest: r}
		if r.Receipt != nil {
			s.v, s.err = notary.VerifyReceipt(ctx, c.client, r.Receipt, nil)
		}
		out = append(out, s)
	}
	return out
}

func verifyJSON(v *notary.Verification, source string, in *verifyInput, related []relatedStatus) map[string]any {
	contentString := "" // nothing recomputed: no content to check
	if v.Content.Defined() {
		contentString = v.Content.String()
	}
	rel := []map[string]any{}
	for _, r := range related {
		item := map[string]any{"relation": r.Relation, "cid": r.CID.String(), "title": r.Manifest.Title, "reason": r.Manifest.Reason, "anchored": r.v != nil}
		if r.v != nil {
			item["block_number"], item["block_time"], item["final"] = r.v.BlockNumber, r.v.BlockTime.Format(time.RFC3339), r.v.Final
		} else if r.err != nil {
			item["error"] = r.err.Error()
		}
		rel = append(rel, item)
	}
	return map[string]any{
		"ok": true, "manifest": v.Manifest.String(), "kind": v.Kind, "title": v.Title, "signer": v.Signer.Hex(),
		"content": contentString, "content_checked": in.contentOf, "root": v.Root, "chain_id": v.ChainID, "contract": v.Contract.Hex(),
		"tx": v.Tx.Hex(), "submitter": v.Submitter.Hex(), "block_number": v.BlockNumber,
		"block_hash": v.BlockHash.Hex(), "block_time": v.BlockTime.Format(time.RFC3339),
		"final": v.Final, "finalized_head": v.FinalizedHead, "finality": v.Finality.String(), "depth": v.Finality.Depth(),
		"rpc": source, "related": rel,
	}
}

// finalityOf says, in desci verify's words, whether the block that
// anchored c (by its stored receipt) is final, asking the chain verify
// would ask; "" when c has no receipt, or why it could not be asked.
func (e *env) finalityOf(ctx context.Context, f *chainFlags, c cid.Cid) string {
	doc, ok, err := e.store.Index().Receipt(c)
	if err != nil || !ok {
		return ""
	}
	r, _, err := notary.DecodeReceipt(doc)
	if err != nil {
		return "unknown: the stored receipt does not decode (desci repo verify)"
	}
	conn, _, err := e.verifyChain(ctx, f, r, nil)
	if err != nil {
		return "unknown: " + err.Error()
	}
	defer conn.close()
	fin, err := notary.CheckFinality(ctx, conn.client, r.BlockNumber)
	if err != nil {
		return "unknown: " + err.Error()
	}
	return fin.String()
}

// maxServerAnswer bounds what verify reads from --server.
const maxServerAnswer = 64 << 20

// relatedFromServer asks desci serve at base for the versions and
// corrections of c that its index knows. The server is not trusted: only
// entries with a receipt are kept, each receipt checked (its manifest
// hashes to its CID and is signed) and its manifest shown to correct c or
// to supersede c through versions so checked; the chain is asked later.
// It returns them and how many entries it could not check.
func relatedFromServer(ctx context.Context, base string, c cid.Cid) ([]notary.RelatedManifest, int, error) {
	body, _ := json.Marshal(map[string]any{
		"query":     `query($c: String!) { manifest(cid: $c) { versions { cid receipt { document } } corrections { cid receipt { document } } } }`,
		"variables": map[string]any{"c": c.String()},
	})
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(base, "/")+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("--server %s: %w", base, err)
	}
	defer resp.Body.Close()
	type entry struct {
		CID     string `json:"cid"`
		Receipt *struct {
			Document json.RawMessage `json:"document"`
		} `json:"receipt"`
	}
	var answer struct {
		Data struct {
			Manifest *struct {
				Versions    []entry `json:"versions"`
				Corrections []entry `json:"corrections"`
			} `json:"manifest"`
		} `json:"data"`
		Errors []gqlError `json:"errors"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxServerAnswer)).Decode(&answer); err != nil {
		return nil, 0, fmt.Errorf("--server %s: %s: %w", base, resp.Status, err)
	}
	if len(answer.Errors) > 0 {
		return nil, 0, fmt.Errorf("--server %s: %w", base, answer.Errors[0])
	}
	if answer.Data.Manifest == nil {
		return nil, 0, nil
	}
	var out []notary.RelatedManifest
	unchecked := 0
	decode := func(e entry) (*notary.Manifest, []byte, cid.Cid, bool) {
		if e.Receipt == nil {
			return nil, nil, cid.Undef, false
		}
		r, m, err := notary.DecodeReceipt(e.Receipt.Document)
		if err != nil || r.CID != e.CID {
			return nil, nil, cid.Undef, false
		}
		rc, _ := r.ManifestCID()
		return m, e.Receipt.Document, rc, true
	}
	for _, e := range answer.Data.Manifest.Corrections {
		m, doc, rc, ok := decode(e)
		if !ok || !m.Corrects.Equals(c) {
			unchecked++
			continue
		}
		out = append(out, notary.RelatedManifest{Relation: notary.RelCorrection, CID: rc, Manifest: m, Receipt: doc})
	}
	// Versions come oldest first: each newer one must supersede c or one
	// kept before it.
	newer := cid.NewSet()
	newer.Add(c)
	for _, e := range answer.Data.Manifest.Versions {
		if e.CID == c.String() {
			continue
		}
		m, doc, rc, ok := decode(e)
		if !ok {
			unchecked++
			continue
		}
		if !newer.Has(m.Supersedes) {
			continue // an older version, or not in c's line
		}
		newer.Add(rc)
		out = append(out, notary.RelatedManifest{Relation: notary.RelVersion, CID: rc, Manifest: m, Receipt: doc})
	}
	return out, unchecked, nil
}

// mergeRelated adds to have what more has that it lacks.
func mergeRelated(have, more []notary.RelatedManifest) []notary.RelatedManifest {
	seen := cid.NewSet()
	for _, r := range have {
		seen.Add(r.CID)
	}
	for _, r := range more {
		if seen.Visit(r.CID) {
			have = append(have, r)
		}
	}
	return have
}
