package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/keys"
)

// startServe runs desci serve in process until the returned stop is called.
func startServe(t *testing.T, dir string, o serveOptions) (url string, stop func() error) {
	t.Helper()
	ready := make(chan string, 1)
	serveReady = func(u string) { ready <- u }
	t.Cleanup(func() { serveReady = nil })
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, dataDir: dir, lightKDF: true}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.serve(ctx, o); e.close() }()
	select {
	case url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v: %s", err, errb.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return url, func() error { cancel(); return <-done }
}

func gqlQuery(t *testing.T, url, query string) map[string]any {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("%s: %v %v", query, err, r.Errors)
	}
	return r.Data
}

func TestServeAnchorsOnScheduleAndStopsGracefully(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	dir, src := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"values.csv": "id,value\n1,2\n"})
	mustRun(t, dir, "keys", "new")
	mustRun(t, dir, "datasets", "steward", "new") // extracts on, with the policy loaded
	c := mustRun(t, dir, "notarize", filepath.Join(src, "values.csv"), "--kind", "dataset", "--title", "trial 42")

	url, stop := startServe(t, dir, serveOptions{http: "127.0.0.1:0", anchorInterval: 100 * time.Millisecond, shutdown: 10 * time.Second, flight: "127.0.0.1:0"})
	t.Run("anchoring runs on its schedule", func(t *testing.T) {
		deadline := time.Now().Add(30 * time.Second)
		for {
			d := gqlQuery(t, url, `{ manifest(cid: "`+c+`") { status } }`)
			if d["manifest"].(map[string]any)["status"] == "ANCHORED" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("not anchored in 30 s")
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	t.Run("verify checks the receipt against the embedded chain", func(t *testing.T) {
		d := gqlQuery(t, url, `{ verify(cid: "`+c+`") { ok failedCheck contentChecked chainId } }`)
		v := d["verify"].(map[string]any)
		if v["ok"] != true || v["contentChecked"] != true || v["chainId"] != float64(1337) {
			t.Errorf("verify = %v", v)
		}
	})
	t.Run("the public page, its citation and its files are served at /m/CID", func(t *testing.T) {
		for p, want := range map[string]string{"": "<dt>Status</dt><dd>anchored</dd>", "/cite.bib": "title = {{trial 42}}", "/files/values.csv": "id,value\n1,2\n"} {
			resp, err := http.Get(url + "/m/" + c + p)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
				t.Errorf("/m/CID%s: %d %s", p, resp.StatusCode, b)
			}
		}
	})
	t.Run("grants are read from the embedded chain's Grants contract", func(t *testing.T) {
		resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(`{"query":"{ grant(id: 1) { id } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != `{"data":{"grant":null}}`+"\n" { // the contract is there, the grant is not: null, not UNAVAILABLE
			t.Errorf("%s", b)
		}
	})
	t.Run("wallets reach the chain at /rpc, and only for what a wallet does", func(t *testing.T) {
		for body, want := range map[string]string{
			`{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}`:                                                     `"result":"0x539"`,
			`{"jsonrpc":"2.0","id":1,"method":"eth_sendTransaction","params":[{}]}`:                               `"code":-32601`,
			`{"jsonrpc":"2.0","id":1,"method":"evm_increaseTime","params":[3600]}`:                                `"code":-32601`,
			`{"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x0","toBlock":"0xffffff"}]}`: `"code":-32005`,
		} {
			resp, err := http.Post(url+"/rpc", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: %s, want %s", body, b, want)
			}
		}
	})
	t.Run("health and metrics are served", func(t *testing.T) {
		for _, p := range []string{"/healthz", "/metrics", "/"} {
			resp, err := http.Get(url + p)
			if err != nil || resp.StatusCode != 200 {
				t.Errorf("%s: %v %v", p, resp, err)
			}
			resp.Body.Close()
		}
	})
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}

	t.Run("a stop leaves the queue intact", func(t *testing.T) {
		writeFiles(t, src, map[string]string{"v2.csv": "id,value\n1,3\n"})
		c2 := mustRun(t, dir, "notarize", filepath.Join(src, "v2.csv"), "--kind", "dataset", "--title", "trial 42 v2")
		researcher, _ := crypto.GenerateKey()
		o := serveOptions{http: "127.0.0.1:0", shutdown: 10 * time.Second, // no scheduled anchoring
			roles: map[common.Address][]string{crypto.PubkeyToAddress(researcher.PublicKey): {graphql.RoleResearcher}}}
		url, stop := startServe(t, dir, o)
		if d := gqlQuery(t, url, `{ node { queued } }`); d["node"].(map[string]any)["queued"] != float64(1) {
			t.Errorf("node = %v", d)
		}
		token := signInTo(t, url, researcher)

		// An upload under way when the stop comes is answered before the
		// server exits: the client sends the rest of it after the stop.
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		req, _ := http.NewRequest(http.MethodPost, url+"/graphql", pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+token)
		type answer struct {
			status int
			body   string
			err    error
		}
		answered := make(chan answer, 1)
		go func() {
			// A fresh connection: one kept alive from an earlier request
			// is idle to the server until this one's first bytes arrive,
			// and a stop closes idle connections.
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := client.Do(req)
			if err != nil {
				answered <- answer{err: err}
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answered <- answer{status: resp.StatusCode, body: string(b)}
		}()
		mw.WriteField("operations", `{"query":"mutation($f: [Upload!]!) { notarize(files: $f, kind: \"dataset\", title: \"uploaded while stopping\") { cid status } }","variables":{"f":[null]}}`)
		mw.WriteField("map", `{"0":["variables.f.0"]}`)
		fw, _ := mw.CreateFormFile("0", "late.csv")
		fw.Write([]byte("id,value\n"))
		fw.Write(bytes.Repeat([]byte("1,4\n"), 16<<10)) // past the client's buffers: the server is reading it
		time.Sleep(100 * time.Millisecond)
		stopped := make(chan error, 1)
		go func() { stopped <- stop() }()
		time.Sleep(300 * time.Millisecond)
		select {
		case err := <-stopped:
			a := <-answered
			t.Fatalf("the server stopped with a request in flight: %v (the request: %d %s %v)", err, a.status, a.body, a.err)
		default:
		}
		fw.Write([]byte("1,4\n"))
		mw.Close()
		pw.Close()
		a := <-answered
		if a.err != nil || a.status != 200 || !strings.Contains(a.body, `"status":"QUEUED"`) {
			t.Errorf("the request in flight: %d %s %v", a.status, a.body, a.err)
		}
		if err := <-stopped; err != nil {
			t.Fatal(err)
		}
		if out := mustRun(t, dir, "show", c2, "--json"); !strings.Contains(out, `"status": "pending`) {
			t.Errorf("after stop: %s", out)
		}
		if out := mustRun(t, dir, "ls"); !strings.Contains(out, "uploaded while stopping") {
			t.Errorf("ls after stop: %s", out)
		}
	})
}

// signInTo signs in to a running server with Sign-In with Ethereum.
func signInTo(t *testing.T, url string, k *ecdsa.PrivateKey) string {
	t.Helper()
	nonce := gqlPost(t, url, "", `mutation { siweNonce }`, nil)["siweNonce"].(string)
	now := time.Now().UTC().Truncate(time.Second)
	msg := (&graphql.SIWEMessage{Domain: strings.TrimPrefix(url, "http://"), Address: crypto.PubkeyToAddress(k.PublicKey), URI: url,
		Version: "1", ChainID: 1337, Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(time.Hour)}).String()
	sig, err := graphql.SignSIWE(msg, keys.NewKey(k).SignHash)
	if err != nil {
		t.Fatal(err)
	}
	d := gqlPost(t, url, "", `mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }`,
		map[string]any{"m": msg, "s": hexutil.Encode(sig)})
	return d["signIn"].(map[string]any)["token"].(string)
}

func gqlPost(t *testing.T, url, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("%s: %v %v", query, err, r.Errors)
	}
	return r.Data
}

func TestServeSettings(t *testing.T) {
	dir := t.TempDir()
	a := "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"http": "127.0.0.1:9999", "anchor_interval": "5m", "anchor_batch": 50,
		"domain": "file.example", "roles": {"`+a+`": ["steward"]}}`), 0o644)
	e := &env{dataDir: dir}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		changed map[string]bool
		set     func(*serveOptions, *string)
		check   func(t *testing.T, o serveOptions)
	}{
		{"config.json gives defaults", nil, nil, nil, func(t *testing.T, o serveOptions) {
			if o.http != "127.0.0.1:9999" || o.anchorInterval != 5*time.Minute || o.anchorBatch != 50 || o.domain != "file.example" ||
				len(o.roles[common.HexToAddress(a)]) != 1 {
				t.Errorf("%+v", o)
			}
		}},
		{"the environment wins over config.json", map[string]string{"DESCI_HTTP": "127.0.0.1:7777", "DESCI_ANCHOR_INTERVAL": "10s", "DESCI_ANCHOR_BATCH": "3", "DESCI_RPC": "http://x"}, nil, nil,
			func(t *testing.T, o serveOptions) {
				if o.http != "127.0.0.1:7777" || o.anchorInterval != 10*time.Second || o.anchorBatch != 3 || o.chain.RPC != "http://x" {
					t.Errorf("%+v", o)
				}
			}},
		{"--public-url sets the domain", map[string]string{"DESCI_DOMAIN": "", "DESCI_PUBLIC_URL": "https://desci.example.org"}, map[string]bool{"domain": true}, nil,
			func(t *testing.T, o serveOptions) {
				if o.domain != "desci.example.org" {
					t.Errorf("domain %q", o.domain)
				}
			}},
		{"a flag wins over the environment", map[string]string{"DESCI_HTTP": "127.0.0.1:7777"}, map[string]bool{"http": true},
			func(o *serveOptions, _ *string) { o.http = "127.0.0.1:1" },
			func(t *testing.T, o serveOptions) {
				if o.http != "127.0.0.1:1" {
					t.Errorf("%+v", o)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			o := serveOptions{http: "127.0.0.1:8080"}
			interval := "1m"
			if tc.set != nil {
				tc.set(&o, &interval)
			}
			if err := e.resolveServeOptions(&o, func(f string) bool { return tc.changed[f] }, interval, nil); err != nil {
				t.Fatal(err)
			}
			tc.check(t, o)
		})
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"a bad interval is a usage error", []string{"serve", "--anchor-interval", "soon"}},
		{"an unknown role is a usage error", []string{"serve", "--role", a + "=king"}},
		{"a role without an address is a usage error", []string{"serve", "--role", "researcher"}},
		{"serving beyond loopback without --domain is a usage error", []string{"serve", "--http", "0.0.0.0:0"}},
		{"serving on a public address without --domain is a usage error", []string{"serve", "--http", "192.0.2.1:8080"}},
		{"a --public-url that is not a URL is a usage error", []string{"serve", "--http", "0.0.0.0:0", "--public-url", "desci.example"}},
		{"a --public-url off --domain is a usage error", []string{"serve", "--domain", "a.example", "--public-url", "https://b.example"}},
		{"an unknown --limit is a usage error", []string{"serve", "--limit", "max_everything=1"}},
		{"a --limit of 0 is a usage error", []string{"serve", "--limit", "max_tokens=0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := run(t, t.TempDir(), tc.args...); r.code != exitUsage {
				t.Errorf("exit %d: %s", r.code, r.stderr)
			}
		})
	}
}

func TestWebhookClientRefusesPrivateAddresses(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer hook.Close()
	if _, err := webhookClient(false).Post(hook.URL, "application/json", strings.NewReader("{}")); err == nil || !strings.Contains(err.Error(), "not public") {
		t.Errorf("a webhook on loopback: %v", err)
	}
	resp, err := webhookClient(true).Post(hook.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatalf("with --webhook-allow-private: %v", err)
	}
	resp.Body.Close()
}

// TestServeConnectionsPerClient: one client holding its
// --max-connections-per-client has its next connection closed unread,
// while another client (another loopback address) is still served, and
// the first gets a connection again once it lets one go.
func TestServeConnectionsPerClient(t *testing.T) {
	url, stop := startServe(t, t.TempDir(), serveOptions{http: "127.0.0.1:0", shutdown: 10 * time.Second, maxConns: 100, clientConns: 2})
	defer stop()
	addr := strings.TrimPrefix(url, "http://")
	dial := func(from string) net.Conn {
		t.Helper()
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dial from %s: %v", from, err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// healthz asks on c and reports whether it was answered.
	healthz := func(c net.Conn) bool {
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
			return false
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return false
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode == 200
	}
	first := []net.Conn{dial("127.0.0.1"), dial("127.0.0.1")}
	for i, c := range first {
		if !healthz(c) {
			t.Fatalf("the first client's connection %d was not served", i)
		}
	}
	// Both are kept alive, idle: the first client holds its cap.
	if healthz(dial("127.0.0.1")) {
		t.Fatal("a third connection from the first client was served")
	}
	if !healthz(dial("127.0.0.2")) {
		t.Fatal("a second client was not served while the first held its cap")
	}
	first[0].Close()
	deadline := time.Now().Add(30 * time.Second)
	for !healthz(dial("127.0.0.1")) {
		if time.Now().After(deadline) {
			t.Fatal("the first client got no connection after closing one")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
