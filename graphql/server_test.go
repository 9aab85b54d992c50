package graphql

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/graphql-go/graphql/testutil"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/policies"
)

var update = flag.Bool("update", false, "rewrite testdata/schema.graphql")

const testDomain = "desci.test"

// consentDomain is the test registry's EIP-712 domain: the embedded
// chain and a fixed deployment id.
var consentDomain = policies.Domain{ChainID: 1337, Deployment: common.HexToHash("0xd5c1")}

// env is a server over a fresh data dir, with a researcher, a steward
// and two patients who can sign in.
type env struct {
	t          *testing.T
	dir        string
	store      *notary.Store
	reg        *policies.Registry
	srv        *Server
	http       *httptest.Server
	serverKey  *keys.Key
	researcher *ecdsa.PrivateKey
	steward    *ecdsa.PrivateKey
	patient    *ecdsa.PrivateKey
	patient2   *ecdsa.PrivateKey
}

func newEnv(t *testing.T, edit func(*Options)) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := notary.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := policies.OpenRegistry(context.Background(), filepath.Join(dir, "consents.db"), st, consentDomain)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	gen := func() *ecdsa.PrivateKey { k, _ := crypto.GenerateKey(); return k }
	e := &env{t: t, dir: dir, store: st, reg: reg, researcher: gen(), steward: gen(), patient: gen(), patient2: gen()}
	sk := gen()
	e.serverKey = keys.NewKey(sk)
	opts := Options{
		Store: st, Registry: reg, Signer: e.serverKey, Domain: testDomain,
		Roles: map[common.Address][]string{
			crypto.PubkeyToAddress(e.researcher.PublicKey): {RoleResearcher},
			crypto.PubkeyToAddress(e.steward.PublicKey):    {RoleSteward},
		},
		Logf: func(string, ...any) {},
	}
	if edit != nil {
		edit(&opts)
	}
	if e.srv, err = New(opts); err != nil {
		t.Fatal(err)
	}
	e.http = httptest.NewServer(e.srv)
	t.Cleanup(e.http.Close)
	return e
}

// response is a GraphQL response as a client reads it.
type response struct {
	status int
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func (e *env) post(token string, body []byte, contentType string) *response {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := &response{status: resp.StatusCode}
	if err := json.Unmarshal(b, r); err != nil {
		e.t.Fatalf("response %d is not JSON: %s", resp.StatusCode, b)
	}
	if strings.Contains(string(b), "goroutine ") || strings.Contains(string(b), ".go:") {
		e.t.Errorf("response carries a stack trace: %s", b)
	}
	return r
}

func (e *env) do(token, query string, vars map[string]any) *response {
	e.t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.post(token, b, "application/json")
}

// ok runs a query that must succeed.
func (e *env) ok(token, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	r := e.do(token, query, vars)
	if len(r.Errors) > 0 {
		e.t.Fatalf("%s: %+v", query, r.Errors)
	}
	return r.Data
}

func addr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

func (e *env) nonce() string {
	e.t.Helper()
	return e.ok("", `mutation { siweNonce }`, nil)["siweNonce"].(string)
}

func siweMessage(k *ecdsa.PrivateKey, nonce string, edit func(*SIWEMessage)) string {
	now := time.Now().UTC().Truncate(time.Second)
	m := &SIWEMessage{Domain: testDomain, Address: addr(k), Statement: "Sign in to desci.", URI: "https://" + testDomain,
		Version: "1", ChainID: 1337, Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(time.Hour)}
	if edit != nil {
		edit(m)
	}
	return m.String()
}

func signSIWE(k *ecdsa.PrivateKey, msg string) string {
	sig, err := SignSIWE(msg, keys.NewKey(k).SignHash)
	if err != nil {
		panic(err)
	}
	return hexutil.Encode(sig)
}

const signInMutation = `mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token address roles } }`

// signIn returns a session token for k.
func (e *env) signIn(k *ecdsa.PrivateKey) string {
	e.t.Helper()
	msg := siweMessage(k, e.nonce(), nil)
	d := e.ok("", signInMutation, map[string]any{"m": msg, "s": signSIWE(k, msg)})
	return d["signIn"].(map[string]any)["token"].(string)
}

// notarize publishes a small dataset from the server's key, directly.
func (e *env) notarize(title string, pub notary.Publication) cid.Cid {
	e.t.Helper()
	p := filepath.Join(e.t.TempDir(), "values.csv")
	os.WriteFile(p, []byte("id,value\n1,"+title+"\n"), 0o644)
	if pub.Kind == "" {
		pub.Kind = notary.KindDataset
	}
	pub.Title = title
	c, _, err := e.store.Notarize(context.Background(), p, pub, notary.ImportOptions{}, e.serverKey)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func get(m map[string]any, path string) any {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			var i int
			fmt.Sscan(k, &i)
			if i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

func TestSchemaGolden(t *testing.T) {
	e := newEnv(t, nil)
	got := e.srv.SDL()
	golden := filepath.Join("testdata", "schema.graphql")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./graphql -run SchemaGolden -update)", err)
	}
	if got != string(want) {
		t.Errorf("the schema changed; if on purpose, run go test ./graphql -run SchemaGolden -update\n%s", got)
	}
}

func TestEndpoints(t *testing.T) {
	e := newEnv(t, nil)
	c := e.notarize("trial 42", notary.Publication{})
	for _, tc := range []struct {
		name, path, want string
		status           int
	}{
		{"the query console at /graphiql", "/graphiql", "graphiql", 200},
		{"health at /healthz", "/healthz", `"ok":true`, 200},
		{"GET /graphql runs a query", "/graphql?query=" + url.QueryEscape(`{ manifest(cid: "`+c.String()+`") { title } }`), `"title":"trial 42"`, 200},
		{"GET /graphql takes variables and an operation name", "/graphql?operationName=M&query=" + url.QueryEscape(`mutation N { siweNonce } query M($c: String!) { manifest(cid: $c) { title } }`) +
			"&variables=" + url.QueryEscape(`{"c":"`+c.String()+`"}`), `"title":"trial 42"`, 200},
		{"GET /graphql refuses a mutation", "/graphql?query=" + url.QueryEscape(`mutation { siweNonce }`), "BAD_USER_INPUT", 405},
		{"metrics at /metrics in Prometheus text", "/metrics", "# TYPE desci_graphql_requests_total counter", 200},
		{"unknown paths are 404", "/nothing", "404", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(e.http.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Errorf("%s: %d %s, want %d containing %q", tc.path, resp.StatusCode, b, tc.status, tc.want)
			}
		})
	}
}

func TestCORS(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.CORSOrigins = []string{"https://portal.example"} })
	for _, tc := range []struct {
		name, origin, want string
	}{
		{"an allowed origin may call the API from a browser", "https://portal.example", "https://portal.example"},
		{"another origin may not", "https://evil.example", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodOptions, e.http.URL+"/graphql", nil)
			req.Header.Set("Origin", tc.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tc.want {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tc.want)
			}
		})
	}
}

func TestManifestQueries(t *testing.T) {
	e := newEnv(t, nil)
	v1 := e.notarize("trial 42", notary.Publication{Keywords: []string{"oncology"},
		Authors: []notary.Author{{Name: "Ada Lovelace", ORCID: "0000-0002-1825-0097"}}, License: "CC-BY-4.0"})
	v2 := e.notarize("trial 42, v2", notary.Publication{Supersedes: v1, Keywords: []string{"Oncology"}})
	other := e.notarize("method", notary.Publication{Kind: notary.KindMethod})
	fix, _, err := e.store.Correct(context.Background(), v1, "values in mg, not g", "", notary.ImportOptions{}, e.serverKey)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("manifest by CID with files, versions, corrections and status", func(t *testing.T) {
		d := e.ok("", `query($c: String!) { manifest(cid: $c) { cid kind title license keywords signer
			authors { name orcid } content { root profile files { path cid size } }
			status receipt { blockNumber } versions { cid title } corrections { cid reason } } }`, map[string]any{"c": v1.String()})
		m := d["manifest"].(map[string]any)
		if m["title"] != "trial 42" || m["kind"] != "dataset" || m["status"] != "QUEUED" || m["receipt"] != nil ||
			get(m, "authors.0.orcid") != "0000-0002-1825-0097" || get(m, "content.files.0.path") != "values.csv" ||
			get(m, "signer") != e.serverKey.Address().Hex() {
			t.Errorf("manifest = %v", m)
		}
		if get(m, "versions.0.cid") != v1.String() || get(m, "versions.1.cid") != v2.String() || len(m["versions"].([]any)) != 2 {
			t.Errorf("versions = %v", m["versions"])
		}
		if get(m, "corrections.0.cid") != fix.String() || get(m, "corrections.0.reason") != "values in mg, not g" {
			t.Errorf("corrections = %v", m["corrections"])
		}
	})
	t.Run("a CID this server does not have is null", func(t *testing.T) {
		c, _ := cid.Decode("bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")
		if d := e.ok("", `query($c: String!) { manifest(cid: $c) { cid } }`, map[string]any{"c": c.String()}); d["manifest"] != nil {
			t.Errorf("manifest = %v", d["manifest"])
		}
	})
	for _, tc := range []struct {
		name, args string
		want       []cid.Cid
	}{
		{"search by kind", `kind: "dataset"`, []cid.Cid{v2, v1}},
		{"search by keyword, any case", `keyword: "ONCOLOGY"`, []cid.Cid{v2, v1}},
		{"search by author name (a correction keeps the authors)", `author: "lovelace"`, []cid.Cid{fix, v1}},
		{"search by ORCID", `author: "0000-0002-1825-0097"`, []cid.Cid{fix, v1}},
		{"search by kind and keyword", `kind: "method", keyword: "oncology"`, nil},
		{"everything", ``, []cid.Cid{fix, other, v2, v1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.args != "" {
				tc.args = "(" + tc.args + ")"
			}
			d := e.ok("", `{ manifests`+tc.args+` { totalCount edges { cursor node { cid } } } }`, nil)
			edges := get(d, "manifests.edges").([]any)
			got := map[string]bool{}
			for _, ed := range edges {
				got[get(ed.(map[string]any), "node.cid").(string)] = true
			}
			if len(edges) != len(tc.want) || int(get(d, "manifests.totalCount").(float64)) != len(tc.want) {
				t.Fatalf("%d edges, want %d: %v", len(edges), len(tc.want), edges)
			}
			for _, w := range tc.want {
				if !got[w.String()] {
					t.Errorf("%s missing from %v", w, edges)
				}
			}
		})
	}
	t.Run("a manifest notarized after a search is in the next one", func(t *testing.T) {
		const q = `{ manifests(keyword: "oncology") { totalCount } }`
		before := get(e.ok("", q, nil), "manifests.totalCount").(float64)
		late := e.notarize("late", notary.Publication{Keywords: []string{"oncology"}})
		if after := get(e.ok("", q, nil), "manifests.totalCount").(float64); after != before+1 {
			t.Errorf("%v then %v", before, after)
		}
		if _, _, err := e.store.Correct(context.Background(), late, "withdrawn: a duplicate", "", notary.ImportOptions{}, e.serverKey); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("pages follow cursors to the end", func(t *testing.T) {
		var seen []string
		after := ""
		for range 10 {
			d := e.ok("", `query($a: String) { manifests(first: 1, after: $a) { edges { node { cid } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"a": after})
			for _, ed := range get(d, "manifests.edges").([]any) {
				seen = append(seen, get(ed.(map[string]any), "node.cid").(string))
			}
			if get(d, "manifests.pageInfo.hasNextPage") != true {
				break
			}
			after = get(d, "manifests.pageInfo.endCursor").(string)
		}
		if len(seen) != 6 {
			t.Errorf("pages gave %v", seen)
		}
	})
	for _, tc := range []struct{ name, query string }{
		{"a bad CID is BAD_USER_INPUT", `{ manifest(cid: "nope") { cid } }`},
		{"a bad cursor is BAD_USER_INPUT", `{ manifests(after: "xyz") { totalCount } }`},
		{"a page over 100 is BAD_USER_INPUT", `{ manifests(first: 101) { totalCount } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := e.do("", tc.query, nil); r.code() != CodeBadUserInput {
				t.Errorf("code %q, errors %+v", r.code(), r.Errors)
			}
		})
	}
}

// countingCatalog counts index reads.
type countingCatalog struct {
	catalog
	reads atomic.Int64
	panic bool
}

func (c *countingCatalog) Manifests() ([]index.Manifest, error) {
	if c.panic {
		panic("index exploded")
	}
	c.reads.Add(1)
	return c.catalog.Manifests()
}
func (c *countingCatalog) Queue() ([]cid.Cid, error) { c.reads.Add(1); return c.catalog.Queue() }
func (c *countingCatalog) Seq() (uint64, error)      { c.reads.Add(1); return c.catalog.Seq() }
func (c *countingCatalog) InQueue(xs []cid.Cid) (map[cid.Cid]bool, error) {
	c.reads.Add(1)
	return c.catalog.InQueue(xs)
}
func (c *countingCatalog) Queued(x cid.Cid) (bool, error) {
	c.reads.Add(1)
	return c.catalog.Queued(x)
}
func (c *countingCatalog) Receipt(x cid.Cid) ([]byte, bool, error) {
	c.reads.Add(1)
	return c.catalog.Receipt(x)
}
func (c *countingCatalog) Receipts(xs []cid.Cid) (map[cid.Cid][]byte, error) {
	c.reads.Add(1)
	return c.catalog.Receipts(xs)
}

func TestListIsBatched(t *testing.T) {
	e := newEnv(t, nil)
	var ms []index.Manifest
	for i := range 100 {
		m := &notary.Manifest{Kind: notary.KindDataset, Title: fmt.Sprint("dataset ", i), Created: time.Unix(1e9+int64(i), 0).UTC(),
			Content: &notary.Content{Root: e.notarize("content", notary.Publication{}), Profile: notary.DefaultProfile}}
		if err := m.Sign(e.serverKey.PrivateKey()); err != nil {
			t.Fatal(err)
		}
		c, b, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.PutBlock(context.Background(), c, b); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, index.Manifest{CID: c, Kind: m.Kind, Title: m.Title, Signer: m.Signer.Hex(), Created: m.Created, Local: true})
	}
	if err := e.store.Index().PutManifests(ms, true); err != nil {
		t.Fatal(err)
	}
	cc := &countingCatalog{catalog: e.srv.ix}
	e.srv.ix = cc
	d := e.ok("", `{ manifests(first: 100) { edges { node { cid status receipt { blockNumber tx } } } } }`, nil)
	if n := len(get(d, "manifests.edges").([]any)); n != 100 {
		t.Fatalf("%d edges", n)
	}
	if n := cc.reads.Load(); n > 4 {
		t.Errorf("100 manifests with their status and receipts took %d index reads, want at most 4", n)
	}
}

func TestSignIn(t *testing.T) {
	e := newEnv(t, nil)
	patient := e.patient
	t.Run("a signed nonce message gives a session with the address's roles", func(t *testing.T) {
		msg := siweMessage(e.researcher, e.nonce(), nil)
		d := e.ok("", signInMutation, map[string]any{"m": msg, "s": signSIWE(e.researcher, msg)})
		if get(d, "signIn.address") != addr(e.researcher).Hex() || get(d, "signIn.roles.0") != RoleResearcher {
			t.Errorf("signIn = %v", d)
		}
		tok := get(d, "signIn.token").(string)
		if me := e.ok(tok, `{ me { address } }`, nil); get(me, "me.address") != addr(e.researcher).Hex() {
			t.Errorf("me = %v", me)
		}
	})
	t.Run("a message with a scheme before the domain parses (ERC-4361's later form)", func(t *testing.T) {
		msg := siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.Scheme = "https" })
		if !strings.HasPrefix(msg, "https://"+testDomain+" wants you") {
			t.Fatalf("message %q", msg)
		}
		e.ok("", signInMutation, map[string]any{"m": msg, "s": signSIWE(patient, msg)})
	})
	t.Run("a message without a statement parses", func(t *testing.T) {
		msg := siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.Statement = "" })
		e.ok("", signInMutation, map[string]any{"m": msg, "s": signSIWE(patient, msg)})
	})
	replayed := siweMessage(patient, e.nonce(), nil)
	e.ok("", signInMutation, map[string]any{"m": replayed, "s": signSIWE(patient, replayed)})
	for _, tc := range []struct {
		name string
		msg  func() string
		sig  func(msg string) string
	}{
		{"a replayed message is refused", func() string { return replayed }, nil},
		{"an expired message is refused", func() string {
			return siweMessage(patient, e.nonce(), func(m *SIWEMessage) {
				m.IssuedAt, m.ExpirationTime = m.IssuedAt.Add(-2*time.Hour), m.IssuedAt.Add(-time.Hour)
			})
		}, nil},
		{"a message not valid yet is refused", func() string {
			return siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.NotBefore = m.IssuedAt.Add(time.Hour) })
		}, nil},
		{"a message for another domain is refused", func() string {
			return siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.Domain = "evil.example" })
		}, nil},
		{"a message for another chain is refused", func() string {
			return siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.ChainID = 1 })
		}, nil},
		{"a nonce the server never issued is refused", func() string { return siweMessage(patient, "abcdefgh1234", nil) }, nil},
		{"a signature by another key is refused", func() string { return siweMessage(patient, e.nonce(), nil) },
			func(msg string) string { return signSIWE(e.patient2, msg) }},
		{"a malformed signature is refused", func() string { return siweMessage(patient, e.nonce(), nil) },
			func(string) string { return "0x1234" }},
		{"a message that is not EIP-4361 is refused", func() string { return "hello" }, nil},
		{"version 2 is refused", func() string {
			return siweMessage(patient, e.nonce(), func(m *SIWEMessage) { m.Version = "2" })
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tc.msg()
			sig := signSIWE(patient, msg)
			if tc.sig != nil {
				sig = tc.sig(msg)
			}
			r := e.do("", signInMutation, map[string]any{"m": msg, "s": sig})
			if r.code() != CodeUnauthenticated || r.Data["signIn"] != nil {
				t.Errorf("code %q, data %v, errors %+v", r.code(), r.Data, r.Errors)
			}
		})
	}
	t.Run("a lowercase address is refused (EIP-55)", func(t *testing.T) {
		msg := strings.Replace(siweMessage(patient, e.nonce(), nil), addr(patient).Hex(), strings.ToLower(addr(patient).Hex()), 1)
		if r := e.do("", signInMutation, map[string]any{"m": msg, "s": signSIWE(patient, msg)}); r.code() != CodeUnauthenticated {
			t.Errorf("code %q", r.code())
		}
	})
	t.Run("an unknown token is UNAUTHENTICATED", func(t *testing.T) {
		if r := e.do("not-a-token", `{ me { address } }`, nil); r.code() != CodeUnauthenticated || r.status != 401 {
			t.Errorf("%d %q", r.status, r.code())
		}
	})
	t.Run("signed out, the token is dead", func(t *testing.T) {
		tok := e.signIn(patient)
		e.ok(tok, `mutation { signOut }`, nil)
		if r := e.do(tok, `{ me { address } }`, nil); r.code() != CodeUnauthenticated {
			t.Errorf("code %q", r.code())
		}
	})
}

// consentDocument returns the patient's signed consent for subject, in
// the wire form.
func consentDocument(t *testing.T, k *ecdsa.PrivateKey, subject string, nonce uint64) string {
	t.Helper()
	c := &policies.Consent{Study: "trial-42", Subject: subject, Uses: []string{"HMB"}, Nonce: nonce,
		ValidFrom: time.Now().Add(-time.Hour).UTC().Truncate(time.Second)}
	c.ValidUntil = c.ValidFrom.AddDate(1, 0, 0)
	d := consentDomain
	sig, err := policies.Sign(c.TypedData(d), k)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := policies.NewDocument(d, c, nil, sig)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// signTypedData signs typed data as eth_signTypedData_v4 does and returns
// the document's wire form.
func signTypedData(t *testing.T, td any, k *ecdsa.PrivateKey) string {
	t.Helper()
	raw, _ := json.Marshal(td)
	var typed apitypes.TypedData
	if err := json.Unmarshal(raw, &typed); err != nil {
		t.Fatal(err)
	}
	sig, err := policies.Sign(typed, k)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"typedData": json.RawMessage(raw), "signature": hexutil.Encode(sig)})
	return string(b)
}

func TestMutations(t *testing.T) {
	e := newEnv(t, nil)
	researcher, patient, patient2 := e.signIn(e.researcher), e.signIn(e.patient), e.signIn(e.patient2)
	steward := e.signIn(e.steward)
	target := e.notarize("trial 42", notary.Publication{})
	for _, s := range []struct {
		subject string
		k       *ecdsa.PrivateKey
	}{{"s1", e.patient}, {"s2", e.patient2}} {
		if err := e.reg.Enroll("trial-42", s.subject, addr(s.k)); err != nil {
			t.Fatal(err)
		}
	}
	const correct = `mutation($c: String!, $r: String!) { correct(cid: $c, reason: $r) { cid kind corrects reason signer status } }`
	const submit = `mutation($d: String!) { submitConsent(document: $d) { hash kind study subject signer manifest } }`

	t.Run("notarize uploads files per the multipart request spec", func(t *testing.T) {
		r := e.upload(researcher, map[string]string{"values.csv": "id,value\n1,2\n", "README.md": "# trial\n"}, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%+v", r.Errors)
		}
		m := r.Data["notarize"].(map[string]any)
		files := get(m, "content.files").([]any)
		if m["kind"] != "dataset" || m["status"] != "QUEUED" || len(files) != 2 || m["signer"] != e.serverKey.Address().Hex() ||
			get(m, "keywords.0") != "oncology" || get(m, "authors.0.name") != "Ada Lovelace" {
			t.Errorf("notarize = %v", m)
		}
		c, _ := cid.Decode(m["cid"].(string))
		got, err := e.store.Manifest(context.Background(), c)
		if err != nil || got.Title != "uploaded" {
			t.Errorf("stored: %v %v", got, err)
		}
	})
	t.Run("one uploaded file is published as itself", func(t *testing.T) {
		r := e.upload(researcher, map[string]string{"values.csv": "id,value\n1,2\n"}, nil)
		if len(r.Errors) > 0 || get(r.Data, "notarize.content.files.0.path") != "values.csv" {
			t.Errorf("%v %+v", r.Data, r.Errors)
		}
	})
	t.Run("correct appends a signed correction", func(t *testing.T) {
		d := e.ok(researcher, correct, map[string]any{"c": target.String(), "r": "values in mg"})
		if get(d, "correct.kind") != "correction" || get(d, "correct.corrects") != target.String() || get(d, "correct.reason") != "values in mg" {
			t.Errorf("correct = %v", d)
		}
	})
	t.Run("submitConsent accepts the patient's own signed document and notarizes it", func(t *testing.T) {
		d := e.ok(patient, submit, map[string]any{"d": consentDocument(t, e.patient, "s1", 1)})
		if get(d, "submitConsent.subject") != "s1" || get(d, "submitConsent.signer") != addr(e.patient).Hex() || get(d, "submitConsent.manifest") == "" {
			t.Errorf("submitConsent = %v", d)
		}
		cs := e.ok(patient, `{ consents { subject kind document } }`, nil)
		if n := len(cs["consents"].([]any)); n != 1 || get(cs, "consents.0.subject") != "s1" {
			t.Errorf("consents = %v", cs)
		}
		if cs := e.ok(patient2, `{ consents { subject } }`, nil); len(cs["consents"].([]any)) != 0 {
			t.Errorf("another patient sees %v", cs)
		}
		e.ok(patient, `{ accessLog { seq } }`, nil)
		e.ok(steward, `query($p: String) { accessLog(patient: $p) { seq } }`, map[string]any{"p": addr(e.patient).Hex()})
	})
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code               string
	}{
		{"correct without a session is UNAUTHENTICATED", "", correct, map[string]any{"c": target.String(), "r": "x"}, CodeUnauthenticated},
		{"correct by a patient is FORBIDDEN", patient, correct, map[string]any{"c": target.String(), "r": "x"}, CodeForbidden},
		{"correct of an unknown manifest is NOT_FOUND", researcher, correct, map[string]any{"c": "bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "r": "x"}, CodeNotFound},
		{"correct without a reason is BAD_USER_INPUT", researcher, correct, map[string]any{"c": target.String(), "r": " "}, CodeBadUserInput},
		{"submitConsent without a session is UNAUTHENTICATED", "", submit, map[string]any{"d": consentDocument(t, e.patient, "s1", 5)}, CodeUnauthenticated},
		{"submitConsent of another patient's document is FORBIDDEN", patient2, submit, map[string]any{"d": consentDocument(t, e.patient, "s1", 6)}, CodeForbidden},
		{"submitConsent replayed is BAD_USER_INPUT", patient, submit, map[string]any{"d": consentDocument(t, e.patient, "s1", 1)}, CodeBadUserInput},
		{"submitConsent of garbage is BAD_USER_INPUT", patient, submit, map[string]any{"d": `{"typedData": 1}`}, CodeBadUserInput},
		{"consents without a session is UNAUTHENTICATED", "", `{ consents { hash } }`, nil, CodeUnauthenticated},
		{"a patient asking for another patient's access log is FORBIDDEN", patient2, `query($p: String) { accessLog(patient: $p) { seq } }`, map[string]any{"p": addr(e.patient).Hex()}, CodeForbidden},
		{"watchNotices without a session is UNAUTHENTICATED", "", `mutation { watchNotices(webhook: "https://lab.example/hook") }`, nil, CodeUnauthenticated},
		{"watchNotices of a non-URL is BAD_USER_INPUT", researcher, `mutation { watchNotices(webhook: "ftp://x") }`, nil, CodeBadUserInput},
		{"notarize without files is BAD_USER_INPUT", researcher, `mutation { notarize(files: [], kind: "dataset", title: "x") { cid } }`, nil, CodeBadUserInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := e.do(tc.token, tc.query, tc.vars); r.code() != tc.code {
				t.Errorf("code %q, want %s: %+v", r.code(), tc.code, r.Errors)
			}
		})
	}
	t.Run("a patient's wallet signs the typed data the server builds: consent, then revocation", func(t *testing.T) {
		const toSign = `query($s: String!, $u: String!) { consentToSign(study: "trial-42", subject: $s, uses: ["HMB"], modifiers: ["NPU"], validUntil: $u) }`
		d := e.ok(patient2, toSign, map[string]any{"s": "s2", "u": time.Now().AddDate(1, 0, 0).Format(time.DateOnly)})
		// The shape wallets take (ethers refuses types the primary type
		// does not use, and empty domain fields): only EIP712Domain and
		// Consent, and the domain names this deployment by its salt.
		td, _ := d["consentToSign"].(map[string]any)
		types, _ := td["types"].(map[string]any)
		dom, _ := td["domain"].(map[string]any)
		if len(types) != 2 || types["Consent"] == nil || types["EIP712Domain"] == nil {
			t.Errorf("types %v, want EIP712Domain and Consent only", types)
		}
		if _, ok := dom["verifyingContract"]; ok || dom["salt"] != e.reg.Domain().Deployment.Hex() {
			t.Errorf("domain %v, want a salt %s and no verifyingContract", dom, e.reg.Domain().Deployment.Hex())
		}
		if cd := e.ok(patient2, `{ consentDomain }`, nil); !reflect.DeepEqual(cd["consentDomain"], dom) {
			t.Errorf("consentDomain %v, the typed data's %v", cd["consentDomain"], dom)
		}
		// The same consent signed for another data dir on this chain.
		other := maps.Clone(dom)
		other["salt"] = common.Hash{1}.Hex()
		foreign := maps.Clone(td)
		foreign["domain"] = other
		if r := e.do(patient2, submit, map[string]any{"d": signTypedData(t, foreign, e.patient2)}); r.code() != CodeBadUserInput ||
			!strings.Contains(fmt.Sprint(r.Errors), "another deployment") {
			t.Errorf("a document of another deployment: %q %+v", r.code(), r.Errors)
		}
		wire := signTypedData(t, d["consentToSign"], e.patient2)
		r := e.ok(patient2, submit, map[string]any{"d": wire})
		if get(r, "submitConsent.kind") != "consent" || get(r, "submitConsent.subject") != "s2" {
			t.Errorf("submitConsent = %v", r)
		}
		d = e.ok(patient2, `{ revocationToSign(study: "trial-42", subject: "s2") }`, nil)
		r = e.ok(patient2, submit, map[string]any{"d": signTypedData(t, d["revocationToSign"], e.patient2)})
		if get(r, "submitConsent.kind") != "revocation" {
			t.Errorf("submitConsent = %v", r)
		}
		if r := e.do(patient, toSign, map[string]any{"s": "s2", "u": "2030-01-01"}); r.code() != CodeForbidden {
			t.Errorf("another patient's subject: %q", r.code())
		}
		if r := e.do(patient2, `{ revocationToSign(study: "trial-42", subject: "s2") }`, nil); r.code() != CodeNotFound {
			t.Errorf("nothing in force to revoke: %q %+v", r.code(), r.Errors)
		}
	})
	t.Run("watchNotices registers a webhook", func(t *testing.T) {
		if d := e.ok(researcher, `mutation { watchNotices(webhook: "https://lab.example/hook") }`, nil); len(d["watchNotices"].(string)) != 64 {
			t.Errorf("%v", d)
		}
	})
	t.Run("notarize without a session is UNAUTHENTICATED", func(t *testing.T) {
		if r := e.upload("", map[string]string{"a.txt": "a"}, nil); r.code() != CodeUnauthenticated {
			t.Errorf("code %q", r.code())
		}
	})
	t.Run("notarize by a patient is FORBIDDEN", func(t *testing.T) {
		if r := e.upload(patient, map[string]string{"a.txt": "a"}, nil); r.code() != CodeForbidden {
			t.Errorf("code %q", r.code())
		}
	})
}

const notarizeMutation = `mutation($files: [Upload!]!) { notarize(files: $files, kind: "dataset", title: "uploaded",
	keywords: ["oncology"], authors: [{name: "Ada Lovelace"}]) { cid kind title status signer keywords authors { name } content { files { path size } } } }`

// upload sends a notarize mutation with files, per the GraphQL multipart
// request spec.
func (e *env) upload(token string, files map[string]string, edit func(*multipart.Writer)) *response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	nulls := make([]any, len(files))
	ops, _ := json.Marshal(map[string]any{"query": notarizeMutation, "variables": map[string]any{"files": nulls}})
	w.WriteField("operations", string(ops))
	m := map[string][]string{}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	for i := range names {
		m[fmt.Sprint(i)] = []string{fmt.Sprintf("variables.files.%d", i)}
	}
	mb, _ := json.Marshal(m)
	w.WriteField("map", string(mb))
	for i, name := range names {
		fw, _ := w.CreateFormFile(fmt.Sprint(i), name)
		fw.Write([]byte(files[name]))
	}
	if edit != nil {
		edit(w)
	}
	w.Close()
	return e.post(token, body.Bytes(), w.FormDataContentType())
}

func TestAbuseLimits(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxBodyBytes = 4 << 10; o.MaxUploadBytes = 8 << 10 })
	c := e.notarize("trial 42", notary.Publication{})
	deep := "{ manifest(cid: \"" + c.String() + "\") { " + strings.Repeat("versions { ", 10) + "cid" + strings.Repeat(" }", 10) + " } }"
	deepIntrospection := `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`
	complex := `{ manifests(first: 100) { edges { node { versions { corrections { versions { cid title kind } } } } } } }`
	for _, tc := range []struct {
		name, query string
		status      int
	}{
		{"a query too deep is BAD_USER_INPUT", deep, 200},
		{"a query too complex is BAD_USER_INPUT", complex, 200},
		{"introspection nesting lists too deep is BAD_USER_INPUT", deepIntrospection, 200},
		{"malformed GraphQL is BAD_USER_INPUT", `{ manifest(cid: `, 200},
		{"an unknown field is BAD_USER_INPUT", `{ manifest(cid: "x") { nonsense } }`, 200},
		{"an empty query is BAD_USER_INPUT", ` `, 400},
		{"a body over the limit is BAD_USER_INPUT", `{ node { queued } } #` + strings.Repeat("x", 8<<10), 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("", tc.query, nil)
			if r.code() != CodeBadUserInput || r.status != tc.status || r.Data != nil {
				t.Errorf("%d %q %v %+v", r.status, r.code(), r.Data, r.Errors)
			}
		})
	}
	t.Run("GraphiQL's introspection query is within the limits", func(t *testing.T) {
		d := e.ok("", testutil.IntrospectionQuery, nil)
		if get(d, "__schema.queryType.name") != "Query" {
			t.Errorf("%v", d["__schema"])
		}
	})
	t.Run("a body that is not JSON is BAD_USER_INPUT", func(t *testing.T) {
		if r := e.post("", []byte("{"), "application/json"); r.code() != CodeBadUserInput {
			t.Errorf("%q", r.code())
		}
	})
	t.Run("an upload over the limit is BAD_USER_INPUT", func(t *testing.T) {
		tok := e.signIn(e.researcher)
		r := e.upload(tok, map[string]string{"big.bin": strings.Repeat("x", 16<<10)}, nil)
		if r.code() != CodeBadUserInput || r.status != 413 {
			t.Errorf("%d %q", r.status, r.code())
		}
	})
	t.Run("a resolver that panics is INTERNAL and the server keeps serving", func(t *testing.T) {
		cc := &countingCatalog{catalog: e.srv.ix, panic: true}
		e.srv.ix = cc
		r := e.do("", `{ manifests { totalCount } }`, nil)
		if r.code() != CodeInternal || strings.Contains(r.Errors[0].Message, "exploded") {
			t.Errorf("%q %+v", r.code(), r.Errors)
		}
		cc.panic = false
		e.ok("", `{ manifests { totalCount } }`, nil)
	})
	t.Run("the parse cache serves repeated queries", func(t *testing.T) {
		q := `{ node { queued } }`
		e.ok("", q, nil)
		hits := e.srv.metrics.cacheHits.Load()
		e.ok("", q, nil)
		if e.srv.metrics.cacheHits.Load() != hits+1 {
			t.Error("no cache hit")
		}
	})
}

func TestTimeout(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Timeout = time.Nanosecond })
	r := e.do("", `{ manifests { totalCount } }`, nil)
	if r.code() != CodeUnavailable {
		t.Errorf("%q %+v", r.code(), r.Errors)
	}
}

func TestDeadStore(t *testing.T) {
	e := newEnv(t, nil)
	c := e.notarize("trial 42", notary.Publication{})
	e.reg.Close()
	e.store.Close()
	for _, tc := range []struct{ name, query string }{
		{"a manifest from a closed store is UNAVAILABLE", `{ manifest(cid: "` + c.String() + `") { cid status } }`},
		{"a search over a closed index is UNAVAILABLE", `{ manifests { totalCount } }`},
		{"verify without a chain is UNAVAILABLE", `{ verify(cid: "` + c.String() + `") { ok } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := e.do("", tc.query, nil); r.code() != CodeUnavailable {
				t.Errorf("%q %+v", r.code(), r.Errors)
			}
		})
	}
	t.Run("and the server keeps serving", func(t *testing.T) {
		e.ok("", `mutation { siweNonce }`, nil)
	})
}

func TestVerify(t *testing.T) {
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var closeOnce sync.Once
	closeDev := func() { closeOnce.Do(func() { dev.Close() }) }
	defer closeDev()
	ctx := context.Background()
	payer := keys.NewKey(chain.DevAccounts()[1])
	contract, err := notary.DeployNotary(ctx, dev.Client(), payer)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(o *Options) { o.Chain = dev.Client() })
	c := e.notarize("trial 42", notary.Publication{})
	if _, err := e.store.Anchor(ctx, dev.Client(), payer, notary.AnchorOptions{Contract: contract}); err != nil {
		t.Fatal(err)
	}
	queued := e.notarize("trial 44", notary.Publication{})
	const verify = `query($c: String!) { verify(cid: $c) { ok failedCheck error manifest contentChecked signer chainId contract tx submitter blockNumber blockHash blockTime final } }`
	t.Run("an anchored manifest verifies against the chain", func(t *testing.T) {
		d := e.ok("", verify, map[string]any{"c": c.String()})
		v := d["verify"].(map[string]any)
		if v["ok"] != true || v["contentChecked"] != true || v["chainId"] != float64(1337) || v["contract"] != contract.Hex() ||
			v["submitter"] != payer.Address().Hex() || v["signer"] != e.serverKey.Address().Hex() {
			t.Errorf("verify = %v", v)
		}
		if n := e.ok("", `{ node { chain blockNumber chainId } }`, nil); get(n, "node.chain") != true || get(n, "node.blockNumber").(float64) < 1 {
			t.Errorf("node = %v", n)
		}
		m := e.ok("", `query($c: String!) { manifest(cid: $c) { status receipt { chainId contract blockNumber proof document } } }`, map[string]any{"c": c.String()})
		if get(m, "manifest.status") != "ANCHORED" || get(m, "manifest.receipt.contract") != contract.Hex() || get(m, "manifest.receipt.document.cid") != c.String() {
			t.Errorf("manifest = %v", m)
		}
	})
	t.Run("a manifest without a receipt is NOT_FOUND", func(t *testing.T) {
		if r := e.do("", verify, map[string]any{"c": queued.String()}); r.code() != CodeNotFound {
			t.Errorf("%q %+v", r.code(), r.Errors)
		}
	})
	t.Run("a dead chain is UNAVAILABLE and the server keeps serving", func(t *testing.T) {
		closeDev()
		if r := e.do("", verify, map[string]any{"c": c.String()}); r.code() != CodeUnavailable {
			t.Errorf("%q %+v", r.code(), r.Errors)
		}
		e.ok("", `query($c: String!) { manifest(cid: $c) { status } }`, map[string]any{"c": c.String()})
	})
}

func TestNoncesAreBounded(t *testing.T) {
	now := time.Unix(2e9, 0)
	ss := newSessions(signInLimits{nonceTTL: time.Minute, ttl: time.Hour, noncesPerClient: 10, sessionsPerAddress: 2, sessionsPerClient: 5, total: 100},
		func() time.Time { return now })
	t.Run("a client asking for more than its share forgets its own oldest", func(t *testing.T) {
		first, _ := ss.nonce("a")
		for range 1000 {
			if _, err := ss.nonce("a"); err != nil {
				t.Fatal(err)
			}
		}
		if len(ss.byClient["a"]) != 10 || len(ss.nonces) != 10 {
			t.Errorf("client a holds %d nonces, %d in all", len(ss.byClient["a"]), len(ss.nonces))
		}
		if _, ok := ss.nonces[first]; ok {
			t.Error("the oldest nonce is still there")
		}
	})
	t.Run("the total is bounded too", func(t *testing.T) {
		for i := range 9 {
			for range 10 {
				if _, err := ss.nonce(fmt.Sprint("c", i)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := ss.nonce("late"); !errors.Is(err, errBusy) {
			t.Errorf("nonce 101: %v, want errBusy", err)
		}
		now = now.Add(2 * time.Minute) // every nonce issued has expired
		if _, err := ss.nonce("late"); err != nil {
			t.Errorf("after the nonces expired: %v", err)
		}
	})
}

func FuzzParseSIWE(f *testing.F) {
	k, _ := crypto.GenerateKey()
	f.Add(siweMessage(k, "abcdefgh1234", nil))
	f.Add(siweMessage(k, "abcdefgh1234", func(m *SIWEMessage) {
		m.Scheme, m.Statement, m.RequestID, m.Resources = "https", "", "req-1", []string{"ipfs://bafy", "https://example.org/a"}
		m.NotBefore = m.IssuedAt
	}))
	f.Add("desci.test wants you to sign in with your Ethereum account:\n0x0\n\n\nURI: x")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseSIWE(s)
		if err != nil {
			return
		}
		if _, err := ParseSIWE(m.String()); err != nil {
			t.Errorf("%q parses, but its rendering %q does not: %v", s, m.String(), err)
		}
	})
}
