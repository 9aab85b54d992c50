package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/car"
	"github.com/desci-platform/desci/notary/merkle"
)

// servedChain is an embedded chain served over HTTP, as desci chain serve
// does, with a Notary deployed: an external chain to the data dirs.
func servedChain(t *testing.T) (url, contract string) {
	t.Helper()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir(), HTTP: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dev.Close() })
	addr, err := notary.DeployNotary(context.Background(), dev.Client(), keys.NewKey(chain.DevAccounts()[0]))
	if err != nil {
		t.Fatal(err)
	}
	return dev.HTTPEndpoint(), addr.Hex()
}

// editJSON rewrites a JSON file's top-level fields into a new file.
func editJSON(t *testing.T, src string, set map[string]any) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		m[k] = v
	}
	out, _ := json.Marshal(m)
	p := filepath.Join(t.TempDir(), "edited.json")
	os.WriteFile(p, out, 0o644)
	return p
}

// bundleOnChain rewrites a bundle as if it came from chain id: its
// document and its receipt say so (the receipt's chain fields are not
// signed; only the chain can refute them).
func bundleOnChain(t *testing.T, path string, id int) string {
	t.Helper()
	data, _ := os.ReadFile(path)
	cr, err := car.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	type blk struct {
		c    cid.Cid
		data []byte
	}
	var bs []blk
	for {
		c, d, err := cr.Next()
		if err != nil {
			break
		}
		bs = append(bs, blk{c, bytes.Clone(d)})
	}
	raw := func(d []byte) blk {
		c, _ := cid.V1Builder{Codec: cid.Raw, MhType: mh.SHA2_256}.Sum(d)
		return blk{c, d}
	}
	var doc, receipt map[string]any
	json.Unmarshal(bs[0].data, &doc)
	json.Unmarshal(bs[1].data, &receipt)
	receipt["chain_id"], doc["chain_id"] = id, id
	rb, _ := json.Marshal(receipt)
	bs[1] = raw(rb)
	doc["receipt"] = bs[1].c.String()
	db, _ := json.Marshal(doc)
	bs[0] = raw(db)
	var buf bytes.Buffer
	w, _ := car.NewWriter(&buf, []cid.Cid{bs[0].c})
	for _, b := range bs {
		w.Put(b.c, b.data)
	}
	w.Flush()
	out := filepath.Join(t.TempDir(), "other-chain.desci.car")
	os.WriteFile(out, buf.Bytes(), 0o644)
	return out
}

// TestVerifyCannotBeFooled publishes a dataset, a correction and a new
// version on a served chain, then verifies as a stranger would, from data
// dirs that have nothing: honest inputs pass (exit 0), false ones are
// named (exit 1), and what cannot be checked says so (exit 3) without
// creating a chain or even a data dir.
func TestVerifyCannotBeFooled(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	url, contract := servedChain(t)
	home := t.TempDir()
	mustRun(t, home, "keys", "import", "--private-key", fmt.Sprintf("%x", crypto.FromECDSA(chain.DevAccounts()[1])))
	src := filepath.Join(t.TempDir(), "trial-42")
	writeFiles(t, src, map[string]string{"values.csv": "id,value\n1,2\n", "README.txt": "Trial 42.\n"})
	v1 := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Trial 42")
	other := mustRun(t, home, "notarize", filepath.Join(src, "README.txt"), "--kind", "dataset", "--title", "Another")
	on := []string{"--rpc", url, "--notary-contract", contract}
	mustRun(t, home, append([]string{"anchor"}, on...)...)
	fix := mustRun(t, home, "correct", v1, "--reason", "values are in mg")
	v2dir := filepath.Join(t.TempDir(), "v2")
	writeFiles(t, v2dir, map[string]string{"values.csv": "id,value\n1,2.5\n", "README.txt": "Trial 42.\n"})
	v2 := mustRun(t, home, "notarize", v2dir, "--kind", "dataset", "--title", "Trial 42, v2", "--supersedes", v1)
	mustRun(t, home, append([]string{"anchor"}, on...)...)

	dir := t.TempDir()
	receipt := filepath.Join(dir, "receipt.json")
	mustRun(t, home, "receipt", v1, "-o", receipt)
	otherReceipt := filepath.Join(dir, "other.json")
	mustRun(t, home, "receipt", other, "-o", otherReceipt)
	bundle := filepath.Join(dir, "trial-42.desci.car")
	mustRun(t, home, "bundle", v1, "-o", bundle, "--public-rpc", url)
	bare := filepath.Join(dir, "bare.desci.car")
	mustRun(t, home, "bundle", v1, "-o", bare)

	changed := filepath.Join(t.TempDir(), "changed")
	writeFiles(t, changed, map[string]string{"values.csv": "id,value\n1,3\n", "extra.csv": "x\n"})
	b, _ := os.ReadFile(bundle)
	truncated := filepath.Join(dir, "truncated.desci.car")
	os.WriteFile(truncated, b[:len(b)*2/3], 0o644)
	garbage := filepath.Join(dir, "garbage.desci.car")
	os.WriteFile(garbage, []byte("\x00\x01 not a bundle"), 0o644)
	flipped := filepath.Join(dir, "flipped.desci.car")
	fb := append([]byte(nil), b...)
	fb[len(fb)-5] ^= 1
	os.WriteFile(flipped, fb, 0o644)

	// A data dir that anchored on its own embedded chain: same chain id,
	// same Notary address, another chain.
	own := t.TempDir()
	mustRun(t, own, "keys", "new")
	mustRun(t, own, "notarize", filepath.Join(src, "README.txt"), "--kind", "dataset", "--title", "Own")
	mustRun(t, own, "anchor")
	// Another served chain whose Notary has the same address.
	otherURL, otherContract := servedChain(t)
	if otherContract != contract {
		t.Fatalf("the second chain's Notary is %s, not %s", otherContract, contract)
	}

	cases := []struct {
		name    string
		dataDir string // "" is a fresh one that must not be created
		args    []string
		code    int
		want    []string // in stdout+stderr
	}{
		{"files and receipt, no chain", "", []string{"verify", src, "--receipt", receipt}, 3, []string{"no chain to check against", "--rpc", "chain 1337"}},
		{"files and receipt", "", []string{"verify", src, "--receipt", receipt, "--rpc", url}, 0, []string{"OK", v1, "content", "matches"}},
		{"bundle, its endpoint", "", []string{"verify", bundle}, 0, []string{"OK", "(from the bundle: an endpoint its author chose", "corrected by " + fix, "values are in mg", "newer version " + v2, "anchored at"}},
		{"bundle, no endpoint", "", []string{"verify", bare}, 3, []string{"no chain to check against"}},
		{"bundle, --rpc", "", []string{"verify", bare, "--rpc", url}, 0, []string{"OK", "matches (the blocks in the bundle)"}},
		{"bundle as the receipt of files", "", []string{"verify", src, "--receipt", bundle}, 0, []string{"OK", "the files at"}},
		{"RPC down", "", []string{"verify", bundle, "--rpc", "http://127.0.0.1:1"}, 3, []string{"unreachable"}},
		{"a bundle from another chain", "", []string{"verify", bundleOnChain(t, bare, 5), "--rpc", url}, 3, []string{"the receipt is from chain 5", "could not check"}},
		{"RPC on another chain id", "", []string{"verify", src, "--receipt", editJSON(t, receipt, map[string]any{"chain_id": 5}), "--rpc", url}, 3, []string{"the receipt is from chain 5"}},
		{"--chain-id not the endpoint's", "", []string{"verify", src, "--receipt", receipt, "--rpc", url, "--chain-id", "5"}, 3, []string{"not 5"}},
		{"no Notary at the address", "", []string{"verify", src, "--receipt", editJSON(t, receipt, map[string]any{"contract": "0x000000000000000000000000000000000000dEaD"}), "--rpc", url}, 3, []string{"no contract code"}},
		{"another chain, same id and Notary address", "", []string{"verify", bundle, "--rpc", otherURL}, 1, []string{"root not anchored"}},
		{"a receipt for another manifest", "", []string{"verify", src, "--receipt", otherReceipt, "--rpc", url}, 1, []string{"content changed", "values.csv not in the manifest"}},
		{"extra and missing files", "", []string{"verify", changed, "--receipt", receipt, "--rpc", url}, 1, []string{"content changed", "values.csv changed", "README.txt missing", "extra.csv not in the manifest"}},
		{"truncated bundle", "", []string{"verify", truncated, "--rpc", url}, 3, []string{"unreadable verification bundle", "truncated"}},
		{"garbage bundle", "", []string{"verify", garbage, "--rpc", url}, 3, []string{"neither a receipt"}},
		{"a byte changed in the bundle", "", []string{"verify", flipped, "--rpc", url}, 1, []string{"bad verification bundle", "does not match its CID"}},
		{"a CID not in a fresh data dir", "", []string{"verify", v1}, 3, []string{"no data dir"}},
		{"a data dir with its own chain", own, []string{"verify", src, "--receipt", receipt}, 3, []string{"not from this data dir's embedded chain"}},
		{"the publisher's data dir, chain in config.json", "config", []string{"verify", v1}, 0, []string{"OK", "corrected by " + fix, "newer version " + v2}},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			d := k.dataDir
			switch d {
			case "":
				d = filepath.Join(t.TempDir(), "fresh")
			case "config":
				d = home
				os.WriteFile(filepath.Join(home, "config.json"), fmt.Appendf(nil, `{"rpc": %q, "notary_contract": %q}`, url, contract), 0o644)
				defer os.Remove(filepath.Join(home, "config.json"))
			}
			r := run(t, d, k.args...)
			out := r.stdout + r.stderr
			if r.code != k.code {
				t.Errorf("exit %d, want %d:\n%s", r.code, k.code, out)
			}
			for _, w := range k.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if k.dataDir == "" {
				if _, err := os.Stat(d); err == nil {
					t.Errorf("verify created the data dir %s", d)
				}
			}
		})
	}

	// --json says which check failed and which files changed.
	r := run(t, t.TempDir(), "verify", changed, "--receipt", receipt, "--rpc", url, "--json")
	var res struct {
		OK      bool   `json:"ok"`
		Checked bool   `json:"checked"`
		Failed  string `json:"failed"`
		Files   []struct{ Path, Expected, Got string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.OK || !res.Checked || res.Failed != notary.CheckContent || len(res.Files) != 3 {
		t.Errorf("--json of changed files: %v %+v\n%s", err, res, r.stdout)
	}

	// verify --help documents the exit codes.
	help := mustRun(t, t.TempDir(), "verify", "--help")
	for _, w := range []string{"0  every check holds", "1  checked and false", "3  could not check"} {
		if !strings.Contains(help, w) {
			t.Errorf("verify --help lacks %q", w)
		}
	}
}

// A bundle imported into a fresh data dir keeps its receipts: show knows
// the manifest anchored and advises nothing, and verify finds the
// corrections and versions the bundle carried.
func TestBundleImportKeepsReceipt(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	url, contract := servedChain(t)
	home := t.TempDir()
	mustRun(t, home, "keys", "import", "--private-key", fmt.Sprintf("%x", crypto.FromECDSA(chain.DevAccounts()[1])))
	os.WriteFile(filepath.Join(home, "config.json"), fmt.Appendf(nil, `{"rpc": %q, "notary_contract": %q, "public_rpc": [%q]}`, url, contract, url), 0o644)
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,2\n"})
	v1 := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Study")
	fix := mustRun(t, home, "correct", v1, "--reason", "row 1 was mistyped")
	mustRun(t, home, "anchor")
	bundle := filepath.Join(t.TempDir(), "study.desci.car")
	mustRun(t, home, "bundle", v1, "-o", bundle)

	fresh := t.TempDir()
	if got := mustRun(t, fresh, "import", bundle); got != v1 {
		t.Errorf("import printed %q", got)
	}
	show := mustRun(t, fresh, "show", v1, "--offline")
	if !strings.Contains(show, "anchored") || strings.Contains(show, "desci anchor") || strings.Contains(show, "pending") {
		t.Errorf("show after import:\n%s", show)
	}
	out := mustRun(t, fresh, "verify", v1, "--rpc", url)
	if !strings.Contains(out, "OK") || !strings.Contains(out, "corrected by "+fix) {
		t.Errorf("verify after import:\n%s", out)
	}
	// show and verify say finality in the same words.
	show = mustRun(t, fresh, "show", v1, "--rpc", url)
	fin := ""
	for _, l := range strings.Split(show, "\n") {
		if rest, ok := strings.CutPrefix(l, "finality"); ok {
			fin = strings.TrimSpace(rest)
		}
	}
	if fin == "" || !strings.Contains(out, fin) {
		t.Errorf("show says finality %q, verify:\n%s", fin, out)
	}
	mustRun(t, fresh, "repo", "verify")
	// From stdin too.
	var stdout, stderr bytes.Buffer
	piped := t.TempDir()
	bb, _ := os.ReadFile(bundle)
	if code := Main([]string{"--data-dir", piped, "import", "-"}, bytes.NewReader(bb), &stdout, &stderr); code != 0 || strings.TrimSpace(stdout.String()) != v1 {
		t.Errorf("import - of a bundle: exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	if r := run(t, piped, "receipt", v1); r.code != 0 {
		t.Errorf("no receipt after import -: %s", r.stderr)
	}

	// A version published after the bundle was made: the publisher's
	// server knows it, and verify --server finds it (checked on chain).
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,3\n"})
	v2 := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Study v2", "--supersedes", v1)
	mustRun(t, home, "anchor")
	server, stop := startServe(t, home, serveOptions{chain: chainFlags{RPC: url, Contract: contract}, http: "127.0.0.1:0", shutdown: 10 * time.Second})
	out = mustRun(t, fresh, "verify", v1, "--rpc", url, "--server", server)
	if !strings.Contains(out, "newer version "+v2) || !strings.Contains(out, "corrected by "+fix) {
		t.Errorf("verify --server:\n%s", out)
	}
	if r := run(t, fresh, "verify", v1, "--rpc", url, "--server", "http://127.0.0.1:1"); r.code != 0 || !strings.Contains(r.stdout, "was not read") {
		t.Errorf("verify with the server down: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if err := stop(); err != nil {
		t.Error(err)
	}

	// A bundle import is refused whole when the bundle is damaged.
	b, _ := os.ReadFile(bundle)
	bad := filepath.Join(t.TempDir(), "bad.desci.car")
	os.WriteFile(bad, b[:len(b)-3], 0o644)
	empty := t.TempDir()
	if r := run(t, empty, "import", bad); r.code != 1 || !strings.Contains(r.stderr, "truncated") {
		t.Errorf("import of a truncated bundle: exit %d: %s", r.code, r.stderr)
	}
	if n := storeFiles(t, empty); n != 0 {
		t.Errorf("a refused bundle left %d blocks", n)
	}
}

// A bundle whose file declares more bytes than its blocks hold is refused
// by verify (checked and false) and by import, which stores nothing.
func TestBundleSizesLieCLI(t *testing.T) {
	ctx := context.Background()
	pub := t.TempDir()
	s, err := notary.Open(pub)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	leaf := []byte("0123456789")
	leafCID, _ := cid.V1Builder{Codec: cid.Raw, MhType: mh.SHA2_256}.Sum(leaf)
	fs := ft.NewFSNode(ft.TFile)
	fs.AddBlockSize(10)
	fs.UpdateFilesize(1 << 40) // the lie: a terabyte
	fsData, _ := fs.GetBytes()
	pn := dag.NodeWithData(fsData)
	pn.SetCidBuilder(cid.V1Builder{Codec: cid.DagProtobuf, MhType: mh.SHA2_256})
	pn.AddRawLink("", &ipld.Link{Cid: leafCID, Size: 10})
	for c, d := range map[cid.Cid][]byte{leafCID: leaf, pn.Cid(): pn.RawData()} {
		if err := s.PutBlock(ctx, c, d); err != nil {
			t.Fatal(err)
		}
	}
	m := &notary.Manifest{Kind: notary.KindDataset, Title: "liar", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Content: &notary.Content{Root: pn.Cid(), Profile: notary.DefaultProfile, Files: []notary.File{{Path: "f", CID: pn.Cid(), Size: 1 << 40}}}}
	if err := m.Sign(chain.DevAccounts()[1]); err != nil {
		t.Fatal(err)
	}
	mc, data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	s.PutBlock(ctx, mc, data)
	tree, _ := merkle.New([][]byte{mc.Bytes()})
	r := &notary.Receipt{Version: notary.ReceiptVersion, Manifest: data, CID: mc.String(), Leaf: tree.Leaf(0), Proof: tree.Proof(0), Root: tree.Root(),
		ChainID: 1337, Contract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"), Tx: common.HexToHash("0x01"),
		BlockNumber: 1, BlockHash: common.HexToHash("0x02"), BlockTime: time.Unix(1, 0).UTC(), Submitter: common.HexToAddress("0x03")}
	doc, _ := r.Encode()
	if err := s.Index().Confirm("", map[cid.Cid][]byte{mc: doc}); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(t.TempDir(), "liar.desci.car")
	f, _ := os.Create(bundle)
	if _, err := s.WriteBundle(ctx, mc, notary.BundleOptions{}, f); err != nil {
		t.Fatal(err)
	}
	f.Close()

	fresh := filepath.Join(t.TempDir(), "fresh")
	if r := run(t, fresh, "verify", bundle, "--rpc", "http://127.0.0.1:1"); r.code != 1 || !strings.Contains(r.stderr, "declared sizes disagree") {
		t.Errorf("verify: exit %d: %s", r.code, r.stderr)
	}
	other := t.TempDir()
	if r := run(t, other, "import", bundle); r.code != 1 || !strings.Contains(r.stderr, "declared sizes disagree") {
		t.Errorf("import: exit %d: %s", r.code, r.stderr)
	}
	if n := storeFiles(t, other); n != 0 {
		t.Errorf("a refused bundle left %d blocks", n)
	}
}
