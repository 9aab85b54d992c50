package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow/flight"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/datasets/delivery"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// demoPassphrase protects the demo data dir's keys when $DESCI_PASSPHRASE
// is not set: the demo is for looking at, not for real keys.
const demoPassphrase = "desci demo"

func (e *env) demoCommand() *cobra.Command {
	var (
		exit, keep bool
		addr       string
		fixture    string
		so         serverDemo
	)
	cmd := &cobra.Command{
		Use:   "demo [--exit] [--http 127.0.0.1:8080] | demo --server URL --rpc URL --token ADDR --funder-key FILE.json",
		Short: "Start the platform on a fresh data dir and play the whole story through its API",
		Long: `Start the embedded platform (desci serve on the embedded chain, served over
JSON-RPC too) on a fresh data dir, and play the story through the public
GraphQL API, narrating each step:

  a researcher publishes a synthetic patient dataset and an analysis method;
  they are anchored; a reviewer verifies the method from a fresh data dir;
  ten patients consent, one with limits, and one revokes; the researcher takes
  a de-identified extract and the patients see it in their access logs; a
  donor funds a grant, whose milestone is released on the notarized result;
  a small quadratic-funding round is matched and verified.

The data dir is --data-dir if it is empty or new, else a new temporary one,
removed when the demo ends unless --keep is given.
Keys are protected by $DESCI_PASSPHRASE, or "desci demo". At the end the
server keeps running (the web app at its URL, GraphiQL at /graphiql) until interrupted, or stops with
--exit.

With --server the story is played over the network against a running desci
serve (docker compose's, say) and its chain (--rpc): the server must give the
demo's wallets their roles and have a Grants contract; --print-roles prints
the "roles" for its config.json. --funder-key is a keystore file (unlocked
with $DESCI_PASSPHRASE) of an account with ether that minted the TestUSD
named by --token: it funds the wallets.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if so.printRoles {
				return e.printJSON(demoRoles())
			}
			if so.server != "" {
				return e.demoAgainst(cmd.Context(), so)
			}
			return e.demo(cmd.Context(), addr, exit, keep, fixture)
		},
	}
	cmd.Flags().BoolVar(&exit, "exit", false, "stop when the story is told")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary data dir when the demo ends (a --data-dir is always kept)")
	cmd.Flags().StringVar(&addr, "http", "127.0.0.1:0", "address to serve on (port 0 picks one)")
	cmd.Flags().StringVar(&fixture, "fixture", "", "when the story is told, write its world (URLs, contracts, ids, the wallets' dev keys) as JSON to this file: for browser tests")
	cmd.Flags().StringVar(&so.server, "server", "", "play against this running desci serve (http://host:port) instead of starting one")
	cmd.Flags().StringVar(&so.rpc, "rpc", "", "with --server: the JSON-RPC endpoint of the server's chain")
	cmd.Flags().StringVar(&so.token, "token", "", "with --server: the TestUSD the grants are in")
	cmd.Flags().StringVar(&so.funder, "funder-key", "", "with --server: keystore file of the account that funds the wallets and mints --token")
	cmd.Flags().BoolVar(&so.printRoles, "print-roles", false, "print the roles the server must give the demo's wallets (config.json \"roles\") and exit")
	return cmd
}

// serverDemo is what playing against a running server needs.
type serverDemo struct {
	server, rpc, token, funder string
	printRoles                 bool
}

// demoActor is a wallet of the story played against a server: its key is
// derived from a public string, so the server can be given its roles
// beforehand. Public keys: for demonstrations on development chains only.
func demoActor(name string) *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("desci demo " + name)))
	if err != nil {
		panic(err)
	}
	return k
}

// demoWebPatient is the patient whose key the demo prints for trying the
// web app in a browser wallet: public, like demoActor's.
func demoWebPatient() *ecdsa.PrivateKey { return demoActor("web patient") }

// demoWebSubject is demoWebPatient's subject in the demo's study.
const demoWebSubject = "S0010"

var demoActorRoles = []struct {
	name  string
	roles []string
}{{"researcher", []string{"researcher", "steward"}}, {"reviewer 1", []string{"reviewer"}}, {"reviewer 2", []string{"reviewer"}}, {"operator", []string{"operator"}}}

// demoRoles is the "roles" object a server's config.json needs for the
// story played against it.
func demoRoles() map[string][]string {
	out := map[string][]string{}
	for _, a := range demoActorRoles {
		out[addrOf(demoActor(a.name)).Hex()] = a.roles
	}
	return out
}

// demoAgainst plays the story against a running server over the network.
func (e *env) demoAgainst(ctx context.Context, so serverDemo) error {
	if so.rpc == "" || !common.IsHexAddress(so.token) || so.funder == "" {
		return usageError{errors.New("--server needs --rpc, --token and --funder-key")}
	}
	base := strings.TrimSuffix(so.server, "/")
	client, err := ethclient.DialContext(ctx, so.rpc)
	if err != nil {
		return fmt.Errorf("demo: chain %s unreachable: %w", so.rpc, err)
	}
	defer client.Close()
	id, err := client.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("demo: chain %s unreachable: %w", so.rpc, err)
	}
	if id.Uint64() != 1337 {
		return fmt.Errorf("demo: %w: %s is chain %d; the story signs for a development chain (1337)", notary.ErrWrongChain, so.rpc, id)
	}
	kj, err := os.ReadFile(so.funder)
	if err != nil {
		return err
	}
	fk, err := keystore.DecryptKey(kj, os.Getenv("DESCI_PASSPHRASE"))
	if err != nil {
		return fmt.Errorf("demo: --funder-key %s: %w", so.funder, err)
	}
	dir, err := os.MkdirTemp("", "desci-demo-client-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ch := &demoChain{rpc: so.rpc, client: client, funder: fk.PrivateKey}
	token := common.HexToAddress(so.token)
	researcher, reviewer1, reviewer2, operator := demoActor("researcher"), demoActor("reviewer 1"), demoActor("reviewer 2"), demoActor("operator")
	actor := func() *ecdsa.PrivateKey { k, _ := crypto.GenerateKey(); return k }
	donor, sponsor := actor(), actor()
	patients := make([]*ecdsa.PrivateKey, 10)
	for i := range patients {
		patients[i] = actor()
	}
	usd := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000)) }
	for _, k := range []*ecdsa.PrivateKey{researcher, reviewer1, reviewer2, donor, sponsor, operator} {
		if err := ch.fund(ctx, addrOf(k), new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))); err != nil {
			return fmt.Errorf("demo: funding the wallets: %w", err)
		}
	}
	for _, k := range []*ecdsa.PrivateKey{donor, sponsor} {
		if err := ch.mint(ctx, token, addrOf(k), usd(10_000)); err != nil {
			return fmt.Errorf("demo: minting tUSD: %w", err)
		}
	}
	n := &narrator{w: e.stdout, start: time.Now(), fixture: map[string]any{}}
	fmt.Fprintf(e.stdout, "desci demo: playing against %s (chain %s)\n", base, so.rpc)
	if err := e.playDemo(ctx, n, base, "", ch, dir, token, common.Address{}, researcher, reviewer1, reviewer2, donor, sponsor, operator, patients); err != nil {
		return fmt.Errorf("demo: step %d: %w", n.step, err)
	}
	fmt.Fprintf(e.stdout, "\nThe story took %s against %s.\n", time.Since(n.start).Round(100*time.Millisecond), base)
	return nil
}

// demoDir returns the data dir for the demo: --data-dir if empty or new,
// else a fresh temporary one (temp true).
func (e *env) demoDir() (dir string, temp bool, err error) {
	if e.dataDir != "" {
		ents, err := os.ReadDir(e.dataDir)
		if errors.Is(err, os.ErrNotExist) || (err == nil && len(ents) == 0) {
			dir, err := filepath.Abs(e.dataDir)
			return dir, false, err
		}
		if err != nil {
			return "", false, err
		}
		return "", false, usageError{fmt.Errorf("the demo wants a fresh data dir; %s is not empty", e.dataDir)}
	}
	dir, err = os.MkdirTemp("", "desci-demo-")
	return dir, err == nil, err
}

type narrator struct {
	w     io.Writer
	step  int
	start time.Time
	// fixture is the world the story leaves, for --fixture: what browser
	// tests need to act in it (keys are the public dev keys of demoActor).
	fixture map[string]any
}

func (n *narrator) say(format string, args ...any) {
	n.step++
	fmt.Fprintf(n.w, "\n%2d. %s\n", n.step, fmt.Sprintf(format, args...))
}

func (n *narrator) detail(format string, args ...any) {
	fmt.Fprintf(n.w, "    %s\n", fmt.Sprintf(format, args...))
}

func (e *env) demo(ctx context.Context, httpAddr string, exit, keep bool, fixture string) error {
	dir, temp, err := e.demoDir()
	if err != nil {
		return err
	}
	if temp && !keep {
		// Deferred first, so it runs last: after the server, the chain and
		// the keys have closed their files.
		defer func() {
			if err := os.RemoveAll(dir); err != nil {
				fmt.Fprintf(e.stderr, "desci demo: could not remove its data dir %s: %v\n", dir, err)
				return
			}
			fmt.Fprintf(e.stderr, "desci demo: removed its data dir %s (--keep keeps it)\n", dir)
		}()
	} else {
		defer fmt.Fprintf(e.stderr, "desci demo: its data dir is kept at %s\n", dir)
	}
	if _, ok := os.LookupEnv("DESCI_PASSPHRASE"); !ok {
		os.Setenv("DESCI_PASSPHRASE", demoPassphrase)
	}
	pass := os.Getenv("DESCI_PASSPHRASE")
	n := &narrator{w: e.stdout, start: time.Now(), fixture: map[string]any{}}
	fmt.Fprintf(e.stdout, "desci demo: data dir %s\n", dir)
	srv := &env{stdin: e.stdin, stdout: io.Discard, stderr: io.Discard, dataDir: dir, lightKDF: true}
	defer srv.close()

	// The platform: a server key, a data steward key, the embedded chain
	// (also served over JSON-RPC, for the reviewer), its contracts.
	kr, err := srv.keyring()
	if err != nil {
		return err
	}
	serverAddr, err := kr.New(pass)
	if err != nil {
		return err
	}
	st, err := srv.stewards()
	if err != nil {
		return err
	}
	if _, err := st.New(pass); err != nil {
		return err
	}
	dev, err := chain.OpenDev(chain.DevOptions{Dir: filepath.Join(dir, "chain"), HTTP: "127.0.0.1:0"})
	if err != nil {
		return err
	}
	defer dev.Close()
	notaryAddr, err := ensureDevNotary(ctx, dev, filepath.Join(dir, "chain"))
	if err != nil {
		return err
	}
	grantsAddr, token, err := ensureDevGrants(ctx, dev, filepath.Join(dir, "chain"), notaryAddr)
	if err != nil {
		return err
	}
	// The embedded story's wallets have public dev keys (demoActor), so a
	// person can import one into a browser wallet and try the web app.
	keyOf := map[string]*ecdsa.PrivateKey{}
	actor := func(name string) *ecdsa.PrivateKey { k := demoActor(name); keyOf[name] = k; return k }
	researcher, reviewer1, reviewer2, donor, sponsor, operator := actor("researcher"), actor("reviewer 1"), actor("reviewer 2"), actor("donor"), actor("sponsor"), actor("operator")
	patients := make([]*ecdsa.PrivateKey, 10)
	for i := range patients {
		patients[i] = actor(fmt.Sprintf("patient %d", i))
	}
	keyOf["web patient"] = demoWebPatient()
	eth := new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))
	for _, a := range []common.Address{serverAddr, addrOf(researcher), addrOf(reviewer1), addrOf(reviewer2), addrOf(donor), addrOf(sponsor), addrOf(operator)} {
		if err := dev.Fund(ctx, a, eth); err != nil {
			return err
		}
	}
	minter, err := grants.New(ctx, dev.Client(), keys.NewKey(chain.DevAccounts()[0]), grants.Options{Contract: grantsAddr})
	if err != nil {
		return err
	}
	usd := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000)) }
	for _, a := range []common.Address{addrOf(donor), addrOf(sponsor)} {
		if _, err := minter.Mint(ctx, token, a, usd(10_000)); err != nil {
			return err
		}
	}

	// desci serve, over the chain's JSON-RPC endpoint like any external chain.
	flightAddr, err := freeAddr()
	if err != nil {
		return err
	}
	o := serveOptions{http: httpAddr, anchorInterval: time.Second, flight: flightAddr, key: serverAddr.Hex(), shutdown: 30 * time.Second,
		chain: chainFlags{RPC: dev.HTTPEndpoint(), Contract: notaryAddr.Hex()}, grants: grantsAddr.Hex(),
		roles: map[common.Address][]string{
			addrOf(researcher): {"researcher", "steward"},
			addrOf(reviewer1):  {"reviewer"}, addrOf(reviewer2): {"reviewer"},
			addrOf(operator): {"operator"},
		}}
	ready := make(chan string, 1)
	serveCtx, stopServe := context.WithCancel(ctx)
	defer stopServe()
	served := make(chan error, 1)
	serveReady = func(u string) { ready <- u }
	go func() { served <- srv.serve(serveCtx, o) }()
	var base string
	select {
	case base = <-ready:
	case err := <-served:
		return fmt.Errorf("demo: the server did not start: %w", err)
	case <-time.After(2 * time.Minute):
		return errors.New("demo: the server did not start in 2 minutes")
	}
	serveReady = nil
	fmt.Fprintf(e.stdout, "desci demo: platform at %s (chain JSON-RPC %s)\n", base, dev.HTTPEndpoint())

	ch := &demoChain{rpc: dev.HTTPEndpoint(), client: dev.Client(), funder: chain.DevAccounts()[0], dev: dev}
	if err := e.playDemo(ctx, n, base, flightAddr, ch, dir, token, grantsAddr, researcher, reviewer1, reviewer2, donor, sponsor, operator, patients); err != nil {
		return fmt.Errorf("demo: step %d: %w", n.step, err)
	}
	if err := demoDonors(ctx, n, ch, grantsAddr, token, actor, researcher, reviewer1, operator, donor, sponsor); err != nil {
		return fmt.Errorf("demo: step %d: %w", n.step, err)
	}
	if fixture != "" {
		keysHex := map[string]string{}
		for name, k := range keyOf {
			keysHex[name] = hexutil.Encode(crypto.FromECDSA(k))
		}
		n.fixture["url"], n.fixture["rpc"], n.fixture["chainId"] = base, dev.HTTPEndpoint(), chain.ChainID().Uint64()
		n.fixture["notary"], n.fixture["grants"], n.fixture["token"], n.fixture["keys"] = notaryAddr.Hex(), grantsAddr.Hex(), token.Hex(), keysHex
		b, err := json.MarshalIndent(n.fixture, "", "  ")
		if err != nil {
			return err
		}
		if err := writeFileAtomic(fixture, bytes.NewReader(append(b, '\n')), 0o600); err != nil {
			return fmt.Errorf("demo: --fixture: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "\nThe story took %s. Open the web app at %s/ (patients and donors sign in with a browser wallet), GraphQL at %s/graphql (GraphiQL at %s/graphiql).\n",
		time.Since(n.start).Round(100*time.Millisecond), base, base, base)
	passNote := "the keys' passphrase is your $DESCI_PASSPHRASE"
	if pass == demoPassphrase {
		passNote = fmt.Sprintf("DESCI_PASSPHRASE=%s", demoPassphrase)
	}
	fate := "kept when the demo ends"
	if temp && !keep {
		fate = "removed when the demo ends; --keep keeps it"
	}
	wp := demoWebPatient()
	fmt.Fprintf(e.stdout, "To try the patient's pages at %s/patient, import this development key into a browser wallet (public: never hold anything real with it):\n  %s\n  address %s, subject %s of demo-diabetes, enrolled, not yet consented.\n",
		base, hexutil.Encode(crypto.FromECDSA(wp)), addrOf(wp).Hex(), demoWebSubject)
	fmt.Fprintf(e.stdout, "Its data dir is %s (%s): any command reads it with --data-dir %s (%s).\n", dir, fate, dir, passNote)
	if exit {
		stopServe()
		return <-served
	}
	fmt.Fprintln(e.stdout, "It keeps running until interrupted (Ctrl-C).")
	select {
	case <-ctx.Done():
		fmt.Fprintln(e.stdout, "\ndesci demo: stopping")
		stopServe()
		<-served
		return nil
	case err := <-served:
		return err
	}
}

// demoChain is the chain the story's wallets use: the embedded chain, or
// (with --server) the server's chain over JSON-RPC.
type demoChain struct {
	rpc    string
	client *ethclient.Client
	funder *ecdsa.PrivateKey // pays the wallets' ether and mints tUSD
	dev    *chain.Dev        // the embedded chain; nil for another
}

func (c *demoChain) fund(ctx context.Context, a common.Address, wei *big.Int) error {
	return chain.Fund(ctx, c.client, c.funder, a, wei)
}

func (c *demoChain) mint(ctx context.Context, token, to common.Address, amount *big.Int) error {
	m, err := grants.New(ctx, c.client, keys.NewKey(c.funder), grants.Options{})
	if err != nil {
		return err
	}
	_, err = m.Mint(ctx, token, to, amount)
	return err
}

func (c *demoChain) head(ctx context.Context) (time.Time, error) {
	h, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(int64(h.Time), 0), nil
}

// pass makes the chain's time pass t: on the embedded chain by setting
// the next block's time past it, on another by waiting for blocks.
func (c *demoChain) pass(ctx context.Context, t time.Time) error {
	if c.dev != nil {
		if !c.dev.HeadTime().After(t) {
			_, err := c.dev.SetNextBlockTime(t.Add(time.Second))
			return err
		}
		return nil
	}
	for {
		h, err := c.head(ctx)
		if err != nil {
			return err
		}
		if h.After(t) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func addrOf(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

// demoDictionary and demoTable are the synthetic patient data: eleven
// subjects (the story's ten patients and the web app's, demoWebPatient),
// twenty visits each, with identifiers Safe Harbor must drop.
const demoDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: email, type: string, role: email}
  - {name: zip, type: string, role: zip}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: visit, type: int, role: plain}
  - {name: hba1c, type: float, role: sensitive}
`

func demoTable() []byte {
	var b bytes.Buffer
	b.WriteString("subject_id,name,email,zip,age,sex,visit,hba1c\n")
	for v := range 20 {
		for i := range 11 {
			fmt.Fprintf(&b, "S%04d,Patient %d,p%d@example.org,%05d,%d,%s,%d,%.1f\n",
				i, i, i, 10000+i*37, 30+10*(i%3), []string{"F", "M"}[i%2], v, 5.2+float64((i*7+v*3)%40)/10)
		}
	}
	return b.Bytes()
}

// demoMethod is the analysis method: mean HbA1c by age band and sex.
const demoMethod = `# Mean HbA1c by age band and sex, from a de-identified extract (CSV).
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
groups = {}
for r in rows:
    groups.setdefault((r["age"], r["sex"]), []).append(float(r["hba1c"]))
for k in sorted(groups):
    print(k[0], k[1], len(groups[k]), round(statistics.mean(groups[k]), 3))
`

// analyze is demoMethod, in Go: what the researcher's analysis gives.
func analyze(extractCSV []byte) ([]byte, error) {
	recs, err := csv.NewReader(bytes.NewReader(extractCSV)).ReadAll()
	if err != nil || len(recs) < 2 {
		return nil, fmt.Errorf("extract: %v", err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	type key struct{ age, sex string }
	sums, counts := map[key]float64{}, map[key]int{}
	var order []key
	for _, r := range recs[1:] {
		k := key{r[col["age"]], r[col["sex"]]}
		v, err := strconv.ParseFloat(r[col["hba1c"]], 64)
		if err != nil {
			return nil, err
		}
		if counts[k] == 0 {
			order = append(order, k)
		}
		sums[k] += v
		counts[k]++
	}
	var out bytes.Buffer
	out.WriteString("age,sex,n,mean_hba1c\n")
	for _, k := range order {
		fmt.Fprintf(&out, "%s,%s,%d,%.3f\n", k.age, k.sex, counts[k], sums[k]/float64(counts[k]))
	}
	return out.Bytes(), nil
}

func (e *env) playDemo(ctx context.Context, n *narrator, base, flightAddr string, ch *demoChain, dir string, token, grantsAddr common.Address,
	researcher, reviewer1, reviewer2, donor, sponsor, operator *ecdsa.PrivateKey, patients []*ecdsa.PrivateKey) error {
	const chainID = 1337
	const study = "demo-diabetes"
	as := func(k *ecdsa.PrivateKey) (*gqlClient, error) {
		c := newGQLClient(base)
		return c, c.signIn(ctx, k, chainID)
	}

	n.say("The researcher signs in with Ethereum (EIP-4361) and publishes a synthetic patient dataset.")
	res, err := as(researcher)
	if err != nil {
		return err
	}
	var ds struct{ AddDataset struct{ CID, Title string } }
	if err := res.upload(ctx, `mutation($f: Upload!, $d: Upload!) { addDataset(file: $f, dictionary: $d, title: "Diabetes visits (synthetic)", license: "CC-BY-4.0", keywords: ["diabetes", "synthetic"]) { cid title } }`,
		map[string]any{"f": nil, "d": nil}, map[string]namedBytes{
			"variables.f": {"visits.csv", demoTable()}, "variables.d": {"visits.yaml", []byte(demoDictionary)},
		}, &ds); err != nil {
		return err
	}
	raw := ds.AddDataset.CID
	n.fixture["dataset"] = map[string]string{"cid": raw, "study": study}
	n.detail("dataset %s: 220 rows checked against its dictionary, stored encrypted to the data steward;", raw)
	n.detail("its plaintext CID is what is notarized and will be anchored")

	n.say("The researcher publishes the analysis method.")
	var me struct{ Notarize struct{ CID string } }
	if err := res.upload(ctx, `mutation($f: [Upload!]!) { notarize(files: $f, kind: "method", title: "Mean HbA1c by age band and sex", keywords: ["diabetes"]) { cid } }`,
		map[string]any{"f": []any{nil}}, map[string]namedBytes{"variables.f.0": {"analysis.py", []byte(demoMethod)}}, &me); err != nil {
		return err
	}
	method := me.Notarize.CID
	n.detail("method %s (analysis.py)", method)

	n.say("Both are anchored on the chain in one Merkle batch.")
	receipt, err := waitAnchored(ctx, res, method)
	if err != nil {
		return err
	}
	if _, err := waitAnchored(ctx, res, raw); err != nil {
		return err
	}
	n.detail("block %v, root %v", receipt["block_number"], receipt["root"])

	n.say("A reviewer verifies the method from a fresh data dir: recomputes its CID, checks the proof against the chain.")
	rdir := filepath.Join(dir, "reviewer")
	os.MkdirAll(rdir, 0o700)
	rb, _ := json.Marshal(receipt)
	rfile, mfile := filepath.Join(rdir, "method.receipt.json"), filepath.Join(rdir, "analysis.py")
	os.WriteFile(rfile, rb, 0o600)
	os.WriteFile(mfile, []byte(demoMethod), 0o600)
	var out, errb bytes.Buffer
	if code := Main([]string{"--data-dir", filepath.Join(rdir, "data"), "verify", mfile, "--receipt", rfile, "--rpc", ch.rpc}, nil, &out, &errb); code != 0 {
		return fmt.Errorf("reviewer's verify: %s", strings.TrimSpace(errb.String()))
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		n.detail("%s", l)
	}
	n.fixture["method"] = map[string]string{"cid": method, "receipt": rfile, "file": mfile}

	n.say("The data steward enrolls ten patients; they consent with their own keys (EIP-712, GA4GH DUO codes).")
	// The domain names this deployment (its salt), so the server says it.
	var dq struct{ ConsentDomain policies.Domain }
	if err := res.do(ctx, `{ consentDomain }`, nil, &dq); err != nil {
		return err
	}
	domain := dq.ConsentDomain
	until := time.Now().AddDate(1, 0, 0).UTC().Truncate(time.Second)
	hashes := make([]string, len(patients))
	for i, p := range patients {
		subject := fmt.Sprintf("S%04d", i)
		if err := res.do(ctx, `mutation($s: String!, $j: String!, $p: String!) { enroll(study: $s, subject: $j, patient: $p) { subject } }`,
			map[string]any{"s": study, "j": subject, "p": addrOf(p).Hex()}, nil); err != nil {
			return err
		}
		c := &policies.Consent{Study: study, Subject: subject, Uses: []string{"HMB"}, ValidFrom: time.Now().Add(-time.Minute).UTC().Truncate(time.Second),
			ValidUntil: until, Nonce: 1}
		terms := "HMB (health, medical, biomedical research)"
		if i == 8 {
			c.Uses, c.Diseases, c.Modifiers = []string{"DS"}, []string{"MONDO:0005015"}, []string{"NPU"}
			terms = "DS MONDO:0005015 (diabetes and the diseases under it), NPU (non-profit use only)"
		}
		h, err := submitDocument(ctx, base, p, domain, c, nil)
		if err != nil {
			return err
		}
		hashes[i] = h
		n.detail("patient %s (%s): %s", subject, short(addrOf(p).Hex()), terms)
	}
	// The web app's patient is enrolled and has not consented: their rows
	// are left out until they consent in the browser (README, quick start).
	if err := res.do(ctx, `mutation($s: String!, $j: String!, $p: String!) { enroll(study: $s, subject: $j, patient: $p) { subject } }`,
		map[string]any{"s": study, "j": demoWebSubject, "p": addrOf(demoWebPatient()).Hex()}, nil); err != nil {
		return err
	}
	n.detail("patient %s (%s) is enrolled and has not consented yet: the web app's patient", demoWebSubject, short(addrOf(demoWebPatient()).Hex()))
	if n.fixture != nil { // keys["web patient"] is their key
		n.fixture["patient"] = map[string]any{"study": study, "subject": demoWebSubject, "dataset": raw, "revoked": "S0009"}
	}

	n.say("Patient S0009 changes their mind and revokes.")
	if _, err := submitDocument(ctx, base, patients[9], domain, nil, &policies.Revocation{Study: study, Subject: "S0009",
		Consent: common.HexToHash(hashes[9]), Nonce: 2}); err != nil {
		return err
	}
	n.detail("the revocation is notarized like the consents; nothing personal goes on chain")

	n.say("The researcher takes a de-identified extract for type 2 diabetes research, as a non-profit.")
	var ex struct {
		RequestExtract struct {
			CID, DownloadURL, Ticket string
			Rows                     int
			Risk                     struct{ KAchieved, RowsSuppressed int }
			Manifest                 struct {
				Extract struct{ Policy, ConsentRoot string }
			}
		}
	}
	if err := res.do(ctx, `mutation($d: String!, $s: String!) { requestExtract(dataset: $d, study: $s, purpose: "HbA1c by age and sex in type 2 diabetes",
		use: "disease", disease: "MONDO:0005148", nonprofit: true, columns: ["subject_id", "age", "sex", "hba1c"], k: 2, format: "csv") {
		cid downloadUrl ticket rows risk { kAchieved rowsSuppressed } manifest { extract { policy consentRoot } } } }`,
		map[string]any{"d": raw, "s": study}, &ex); err != nil {
		return err
	}
	x := ex.RequestExtract
	n.detail("extract %s: %d rows (the revoked patient's are not in it), k = %d", x.CID, x.Rows, x.Risk.KAchieved)
	n.detail("names, emails and exact ZIP codes dropped, subjects pseudonymized, policy %s, consent root %s", short(x.Manifest.Extract.Policy), short(x.Manifest.Extract.ConsentRoot))
	if strings.HasPrefix(x.DownloadURL, "/") {
		x.DownloadURL = base + x.DownloadURL
	}
	data, err := res.get(ctx, x.DownloadURL, x.Ticket)
	if err != nil {
		return err
	}
	n.detail("downloaded %d bytes over HTTP with its ticket", len(data))
	if flightAddr != "" {
		rows, err := flightRows(ctx, flightAddr, x.Ticket)
		if err != nil {
			return err
		}
		n.detail("and %d rows as Arrow record batches over Arrow Flight (DoGet), as pyarrow or Polars would read them", rows)
	}

	n.say("Patients see the access in their own logs, and nothing about anyone else.")
	for _, i := range []int{0, 8, 9} {
		pc, err := as(patients[i])
		if err != nil {
			return err
		}
		var log struct {
			AccessLog []struct{ Subject, Outcome, Purpose, Requester string }
		}
		if err := pc.do(ctx, `{ accessLog { subject outcome purpose requester } }`, nil, &log); err != nil {
			return err
		}
		for _, a := range log.AccessLog {
			n.detail("%s sees: %q by %s: %s", a.Subject, a.Purpose, short(a.Requester), a.Outcome)
		}
	}

	n.say("The researcher runs the method on the extract and notarizes the result.")
	result, err := analyze(data)
	if err != nil {
		return err
	}
	var rm struct{ Notarize struct{ CID string } }
	if err := res.upload(ctx, `mutation($f: [Upload!]!) { notarize(files: $f, kind: "result", title: "Mean HbA1c by age band and sex, type 2 diabetes") { cid } }`,
		map[string]any{"f": []any{nil}}, map[string]namedBytes{"variables.f.0": {"hba1c-by-age-sex.csv", result}}, &rm); err != nil {
		return err
	}
	resultCID := rm.Notarize.CID
	n.detail("result %s:", resultCID)
	for _, l := range strings.Split(strings.TrimSpace(string(result)), "\n") {
		n.detail("  %s", l)
	}
	if _, err := waitAnchored(ctx, res, resultCID); err != nil {
		return err
	}
	n.detail("anchored")

	n.say("A grant: 1,000 tUSD for the analysis, two reviewers; a donor funds it.")
	var cg struct{ CreateGrant struct{ ID uint64 } }
	if err := res.do(ctx, `mutation($t: String!, $d: String!, $r: [String!]!) { createGrant(token: $t, deadline: $d, milestones: [{amount: "1000000000", description: "notarized analysis result"}], reviewers: $r, threshold: 2) { id } }`,
		map[string]any{"t": token.Hex(), "d": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
			"r": []string{addrOf(reviewer1).Hex(), addrOf(reviewer2).Hex()}}, &cg); err != nil {
		return err
	}
	grantID := cg.CreateGrant.ID
	dc, err := as(donor)
	if err != nil {
		return err
	}
	var pd struct{ PrepareDonate []unsignedTx }
	if err := dc.do(ctx, `mutation($g: Long!) { prepareDonate(grant: $g, amount: "1000000000") { `+unsignedFields+` } }`, map[string]any{"g": grantID}, &pd); err != nil {
		return err
	}
	if err := dc.signAndSend(ctx, pd.PrepareDonate...); err != nil {
		return err
	}
	n.detail("grant %d funded: the donor signed the approval and the donation in their wallet; a supporter badge was minted", grantID)

	n.say("The reviewers approve the notarized result; the milestone is released on its Merkle proof.")
	for _, rk := range []*ecdsa.PrivateKey{reviewer1, reviewer2} {
		rc, err := as(rk)
		if err != nil {
			return err
		}
		var pa struct{ PrepareApproveMilestone unsignedTx }
		if err := rc.do(ctx, `mutation($g: Long!, $c: String!) { prepareApproveMilestone(grant: $g, milestone: 0, cid: $c) { `+unsignedFields+` } }`,
			map[string]any{"g": grantID, "c": resultCID}, &pa); err != nil {
			return err
		}
		if err := rc.signAndSend(ctx, pa.PrepareApproveMilestone); err != nil {
			return err
		}
	}
	var pr struct{ PrepareReleaseMilestone unsignedTx }
	if err := res.do(ctx, `mutation($g: Long!, $c: String!) { prepareReleaseMilestone(grant: $g, milestone: 0, cid: $c) { `+unsignedFields+` } }`,
		map[string]any{"g": grantID, "c": resultCID}, &pr); err != nil {
		return err
	}
	if err := res.signAndSend(ctx, pr.PrepareReleaseMilestone); err != nil {
		return err
	}
	var gs struct {
		Grant struct {
			Raised, Released string
			Milestones       []struct{ Released bool }
		}
	}
	if err := res.do(ctx, `query($g: Long!) { grant(id: $g) { raised released milestones { released } } }`, map[string]any{"g": grantID}, &gs); err != nil {
		return err
	}
	n.detail("raised %s, released %s (in tUSD's 6-decimal units); the contract checked the proof through the Notary", gs.Grant.Raised, gs.Grant.Released)
	n.detail("the result's public page, citing the grant, with BibTeX, RIS, CSL-JSON and DataCite: %s/m/%s", base, resultCID)
	n.fixture["result"] = resultCID

	n.say("A small quadratic-funding round: three grants, a sponsor's pool, matched by the CLR formula and verified.")
	rootOK, err := demoRound(ctx, n, ch, base, res, grantsAddr, token, donor, sponsor, operator, patients[:3])
	if err != nil {
		return err
	}
	if !rootOK {
		return errors.New("the round's committed root does not match the matching recomputed from events")
	}
	return nil
}

// demoRound runs a round through the API: every transaction is prepared
// by the server and signed by its sender's wallet.
func demoRound(ctx context.Context, n *narrator, ch *demoChain, base string, res *gqlClient, grantsAddr, token common.Address,
	donor, sponsor, operator *ecdsa.PrivateKey, small []*ecdsa.PrivateKey) (bool, error) {
	usd := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000)) }
	as := func(k *ecdsa.PrivateKey) (*gqlClient, error) {
		c := newGQLClient(base)
		return c, c.signIn(ctx, k, 1337)
	}
	var ids []uint64
	for i := range 3 {
		var cg struct{ CreateGrant struct{ ID uint64 } }
		if err := res.do(ctx, `mutation($t: String!, $d: String!, $m: String!, $r: [String!]!) { createGrant(token: $t, deadline: $d, milestones: [{amount: "5000000000", description: $m}], reviewers: $r) { id } }`,
			map[string]any{"t": token.Hex(), "d": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339), "m": fmt.Sprintf("project %d", i+1),
				"r": []string{addrOf(operator).Hex()}}, &cg); err != nil {
			return false, err
		}
		ids = append(ids, cg.CreateGrant.ID)
	}
	oc, err := as(operator)
	if err != nil {
		return false, err
	}
	head, err := ch.head(ctx)
	if err != nil {
		return false, err
	}
	// Thirty seconds of chain time; on a chain whose clock is the wall's
	// (geth mining every two seconds) the donations below take a minute.
	window := 30 * time.Second
	if ch.dev == nil {
		window = 2 * time.Minute
	}
	end := head.Add(window).UTC()
	var pc struct{ PrepareCreateRound unsignedTx }
	if err := oc.do(ctx, `mutation($t: String!, $e: String!, $g: [Long!]!) { prepareCreateRound(token: $t, end: $e, grants: $g, capBps: 6000, claimPeriod: 3600) { `+unsignedFields+` } }`,
		map[string]any{"t": token.Hex(), "e": end.Format(time.RFC3339), "g": ids}, &pc); err != nil {
		return false, err
	}
	if err := oc.signAndSend(ctx, pc.PrepareCreateRound); err != nil {
		return false, err
	}
	round := uint64(0)
	for id := uint64(1); round == 0 && id < 100; id++ { // the newest round of this operator
		var q struct{ Round *struct{ Operator string } }
		if err := res.do(ctx, `query($r: Long!) { round(id: $r) { operator } }`, map[string]any{"r": id}, &q); err != nil || q.Round == nil {
			break
		}
		if strings.EqualFold(q.Round.Operator, addrOf(operator).Hex()) {
			round = id
		}
	}
	if round == 0 {
		return false, errors.New("the round is not on chain")
	}
	// give signs in as k and signs and sends what the mutation prepares.
	const (
		fund   = `mutation($r: Long!, $a: BigInt!) { txs: prepareFundRound(round: $r, amount: $a) { ` + unsignedFields + ` } }`
		donate = `mutation($r: Long!, $a: BigInt!, $g: Long!) { txs: prepareDonateRound(round: $r, amount: $a, grant: $g) { ` + unsignedFields + ` } }`
	)
	give := func(k *ecdsa.PrivateKey, mutation string, vars map[string]any) error {
		c, err := as(k)
		if err != nil {
			return err
		}
		var out struct{ Txs []unsignedTx }
		if err := c.do(ctx, mutation, vars, &out); err != nil {
			return err
		}
		return c.signAndSend(ctx, out.Txs...)
	}
	if err := give(sponsor, fund, map[string]any{"r": round, "a": usd(1_000).String()}); err != nil {
		return false, err
	}
	// Many small donors to the first project, two to the second, one large
	// donor to the third: quadratic funding favours breadth.
	for _, k := range small {
		if err := ch.fund(ctx, addrOf(k), big.NewInt(1e18)); err != nil {
			return false, err
		}
		if err := ch.mint(ctx, token, addrOf(k), usd(100)); err != nil {
			return false, err
		}
		if err := give(k, donate, map[string]any{"r": round, "a": usd(10).String(), "g": ids[0]}); err != nil {
			return false, err
		}
	}
	for _, d := range []struct {
		k      *ecdsa.PrivateKey
		amount int64
		grant  uint64
	}{{small[0], 10, ids[1]}, {donor, 30, ids[1]}, {donor, 40, ids[2]}} {
		if err := give(d.k, donate, map[string]any{"r": round, "a": usd(d.amount).String(), "g": d.grant}); err != nil {
			return false, err
		}
	}
	n.detail("round %d: pool 1,000 tUSD, a project may get 60%% of it; project %d: 3 donors × 10 tUSD,", round, ids[0])
	n.detail("project %d: 30 + 10 from two donors, project %d: 40 from one (one donor earns no match)", ids[1], ids[2])
	// The window closes: the embedded chain's clock is moved past its end,
	// as desci chain time increase does; another chain's is waited for.
	if err := ch.pass(ctx, end); err != nil {
		return false, err
	}
	var cl struct{ PrepareCloseRound unsignedTx }
	if err := oc.do(ctx, `mutation($r: Long!) { prepareCloseRound(round: $r) { `+unsignedFields+` } }`, map[string]any{"r": round}, &cl); err != nil {
		return false, err
	}
	if err := oc.signAndSend(ctx, cl.PrepareCloseRound); err != nil {
		return false, err
	}
	var q struct {
		Round struct {
			Root     string
			Matching struct {
				Root   string
				Total  string
				Grants []struct {
					Grant uint64
					Match string
				}
			}
		}
	}
	if err := res.do(ctx, `query($r: Long!) { round(id: $r) { root matching { root total grants { grant match } } } }`, map[string]any{"r": round}, &q); err != nil {
		return false, err
	}
	for _, g := range q.Round.Matching.Grants {
		n.detail("project %d is matched %s", g.Grant, g.Match)
	}
	n.detail("the operator committed root %s; recomputed from the chain's events by the server: %s", short(q.Round.Root), short(q.Round.Matching.Root))
	var claim struct{ PrepareClaimMatch unsignedTx }
	if err := res.do(ctx, `mutation($r: Long!, $g: Long!) { prepareClaimMatch(round: $r, grant: $g) { `+unsignedFields+` } }`, map[string]any{"r": round, "g": ids[0]}, &claim); err != nil {
		return false, err
	}
	if err := res.signAndSend(ctx, claim.PrepareClaimMatch); err != nil {
		return false, err
	}
	n.detail("project %d claimed its match with its Merkle proof (total matched %s)", ids[0], q.Round.Matching.Total)
	return strings.EqualFold(q.Round.Root, q.Round.Matching.Root), nil
}

// submitDocument signs a consent or revocation with the patient's key, as
// their wallet would (eth_signTypedData_v4), and submits it in their
// session.
func submitDocument(ctx context.Context, base string, patient *ecdsa.PrivateKey, d policies.Domain, c *policies.Consent, r *policies.Revocation) (string, error) {
	doc := &policies.Document{Consent: c, Revocation: r, Domain: d}
	sig, err := policies.Sign(doc.TypedData(), patient)
	if err != nil {
		return "", err
	}
	if doc, err = policies.NewDocument(d, c, r, sig); err != nil {
		return "", err
	}
	wire, _ := json.Marshal(doc)
	pc := newGQLClient(base)
	if err := pc.signIn(ctx, patient, d.ChainID); err != nil {
		return "", err
	}
	var out struct{ SubmitConsent struct{ Hash string } }
	if err := pc.do(ctx, `mutation($d: String!) { submitConsent(document: $d) { hash } }`, map[string]any{"d": string(wire)}, &out); err != nil {
		return "", err
	}
	return out.SubmitConsent.Hash, nil
}

// waitAnchored polls a manifest until it is anchored and returns its
// receipt document.
func waitAnchored(ctx context.Context, c *gqlClient, cid string) (map[string]any, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		var q struct {
			Manifest struct {
				Status  string
				Receipt *struct{ Document map[string]any }
			}
		}
		if err := c.do(ctx, `query($c: String!) { manifest(cid: $c) { status receipt { document } } }`, map[string]any{"c": cid}, &q); err != nil {
			return nil, err
		}
		if q.Manifest.Status == "ANCHORED" && q.Manifest.Receipt != nil {
			return q.Manifest.Receipt.Document, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s not anchored after a minute (%s)", cid, q.Manifest.Status)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func short(s string) string {
	if len(s) > 14 {
		return s[:10] + "…"
	}
	return s
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// flightRows reads an extract over Arrow Flight with its ticket.
func flightRows(ctx context.Context, addr, ticket string) (int64, error) {
	c, err := flight.NewClientWithMiddleware(addr, nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return 0, err
	}
	defer c.Close()
	stream, err := c.DoGet(ctx, delivery.Ticket(ticket))
	if err != nil {
		return 0, err
	}
	r, err := flight.NewRecordReader(stream)
	if err != nil {
		return 0, fmt.Errorf("flight: %w", err)
	}
	defer r.Release()
	var rows int64
	for r.Next() {
		rows += r.Record().NumRows()
	}
	return rows, r.Err()
}
