package graphql

// The hostile-client suite: each attack of issue 14 against a real
// server over HTTP, answered with an error while /healthz and honest
// queries keep answering. No timing is asserted here (the machine is
// shared); bench/graphql-load -attack measures the answer times.

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	gql "github.com/graphql-go/graphql"

	"github.com/desci-platform/desci/notary"
)

// attacks are queries that once crashed the server or held a CPU for
// seconds to minutes; each is refused before graphql-go validates it.
func attacks() []struct{ name, query, want string } {
	fanout := func(levels, width int) string {
		var b strings.Builder
		b.WriteString("{ ...F0 } fragment F0 on Query { node { queued } }")
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, " fragment F%d on Query {%s}", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), width))
		}
		return strings.Replace(b.String(), "{ ...F0 }", fmt.Sprintf("{ ...F%d }", levels-1), 1)
	}
	return []struct{ name, query, want string }{
		{"a fragment spreading itself (stack overflow in graphql-go)", `{...A} fragment A on Query{...A}`, "fragment A spreads itself"},
		{"two fragments spreading each other", `{...A} fragment A on Query{node{queued} ...B} fragment B on Query{...A}`, "spreads itself (A → B → A)"},
		{"a cycle in a fragment no operation uses", `{node{queued}} fragment A on Query{...B} fragment B on Query{...A}`, "spreads itself"},
		{"nested fragments each spreading the previous ten times", fanout(9, 10), "query costs"},
		{"fragments spreading the previous one twice, 30 deep", fanout(30, 2), "query costs"},
		{"31 fragments", fanout(31, 1), "more than 30 fragments"},
		{"24 KB of nested fields", strings.Repeat("{node", 4800) + strings.Repeat("}", 4800), "nests brackets"},
		{"8,000 repeated fields", "{ node { " + strings.Repeat("queued ", 8000) + "} }", "bytes"},
		{"1,100 repeated fields", "{ node { " + strings.Repeat("queued ", 1100) + "} }", "more than 1000 tokens"},
		{"5,000 aliased siweNonce", "mutation {" + func() string {
			var b strings.Builder
			for i := range 5000 {
				fmt.Fprintf(&b, " n%d: siweNonce", i)
			}
			return b.String()
		}() + " }", "bytes"},
		{"31 aliased siweNonce", "mutation {" + func() string {
			var b strings.Builder
			for i := range 31 {
				fmt.Fprintf(&b, " n%d: siweNonce", i)
			}
			return b.String()
		}() + " }", "more than 30 aliases"},
		{"deeply nested list values", `{ manifest(cid: ` + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + `) { cid } }`, "nests brackets"},
		{"a query over the size limit", "{ node { queued } } #" + strings.Repeat("x", 40<<10), "bytes"},
		{"fifty mutations in one request", "mutation {" + strings.Repeat(" signOut", 51) + " }", "query costs"},
		{"many fragments", "{ node { queued } }" + strings.Repeat(" fragment X on Query { node { queued } }", 40), "more than 30 fragments"},
	}
}

// withinBudget are the costliest queries the default budget lets through
// to graphql-go's validator: each must still be answered quickly
// (bench/graphql-load -attack measures how quickly).
func withinBudget() []struct{ name, query string } {
	return []struct{ name, query string }{
		{"990 repeated fields", "{ node { " + strings.Repeat("queued ", 990) + "} }"},
		{"750 repeated fields in 30 fragments", "{ node { ...F0 } }" + func() string {
			var b strings.Builder
			for i := range 30 {
				fmt.Fprintf(&b, " fragment F%d on NodeStatus { %s %s }", i, strings.Repeat("queued ", 25), map[bool]string{true: fmt.Sprintf("...F%d", i+1), false: ""}[i < 29])
			}
			return b.String()
		}()},
		{"30 aliases of one field with different arguments", "{" + func() string {
			var b strings.Builder
			for i := range 30 {
				fmt.Fprintf(&b, ` a: manifest(cid: "x%d") { cid }`, i)
			}
			return b.String()
		}() + " }"},
		{"400 operations", strings.Repeat("query { node { queued } } ", 1) + func() string {
			var b strings.Builder
			for i := range 300 {
				fmt.Fprintf(&b, " query q%d { node { queued } }", i)
			}
			return b.String()
		}()},
		{"200 variables", "query(" + func() string {
			var b strings.Builder
			for i := range 200 {
				fmt.Fprintf(&b, " $v%d: Int", i)
			}
			return b.String()
		}() + ") { node { queued } }"},
		{"120 directives", "{ node @include(if: true) { queued " + strings.Repeat("@skip(if: false) ", 120) + "} }"},
	}
}

func TestHostileQueries(t *testing.T) {
	e := newEnv(t, nil)
	c := e.notarize("trial 42", notary.Publication{})
	honest := `query($c: String!) { manifest(cid: $c) { cid title status } }`
	for _, tc := range attacks() {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := e.do("", tc.query, nil)
			t.Logf("answered in %v", time.Since(start))
			if r.code() != CodeBadUserInput || r.Data != nil || !strings.Contains(r.Errors[0].Message, tc.want) {
				t.Errorf("%d %q %v %+v, want an error saying %q", r.status, r.code(), r.Data, r.Errors, tc.want)
			}
			if resp, err := http.Get(e.http.URL + "/healthz"); err != nil || resp.StatusCode != 200 {
				t.Errorf("healthz: %v %v", resp, err)
			} else {
				resp.Body.Close()
			}
			if d := e.ok("", honest, map[string]any{"c": c.String()}); get(d, "manifest.cid") != c.String() {
				t.Errorf("honest query: %v", d)
			}
		})
	}
}

func TestWithinBudget(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range withinBudget() {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := e.do("", tc.query, nil)
			t.Logf("answered in %v: %.200v", time.Since(start), r.Errors)
		})
	}
}

func TestBudgetAllowsWhatClientsSend(t *testing.T) {
	e := newEnv(t, nil)
	for _, q := range []string{
		// Fragments reused many times are costed once each.
		`{ ...A ...A ...A } fragment A on Query { ...B ...B } fragment B on Query { node { queued } }`,
		`{ a: node { queued } b: node { queued } }`,
		`mutation { a: siweNonce b: siweNonce }`,
	} {
		if r := e.do("", q, nil); len(r.Errors) > 0 {
			t.Errorf("%s: %+v", q, r.Errors)
		}
	}
}

func TestBudgetIsConfigurable(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxAliases = 1; o.MaxTokens = 20 })
	if r := e.do("", `{ a: node { queued } b: node { queued } }`, nil); r.code() != CodeBadUserInput || !strings.Contains(r.Errors[0].Message, "1 aliases") {
		t.Errorf("%+v", r.Errors)
	}
	if r := e.do("", `{ node { queued queued queued queued queued queued queued queued queued queued queued queued queued queued queued queued } }`, nil); r.code() != CodeBadUserInput {
		t.Errorf("%+v", r.Errors)
	}
}

func TestCancelledRequestStopsResolving(t *testing.T) {
	e := newEnv(t, nil)
	called := false
	f := e.srv.guard(func(gql.ResolveParams) (any, error) { called = true; return 1, nil })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f(gql.ResolveParams{Context: ctx}); called || classify(err).Code != CodeUnavailable {
		t.Errorf("a resolver ran for a client gone (err %v)", err)
	}
}

// clientFrom is an HTTP client whose connections come from another
// loopback address: another client, as the server counts them.
func clientFrom(t *testing.T, ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}

func (e *env) postAs(hc *http.Client, token, query string, vars map[string]any) *response {
	e.t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	r := &response{status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(r); err != nil {
		e.t.Fatal(err)
	}
	return r
}

// signInAs signs k in from hc's client, returning the response.
func (e *env) signInAs(hc *http.Client, k *ecdsa.PrivateKey) *response {
	e.t.Helper()
	r := e.postAs(hc, "", `mutation { siweNonce }`, nil)
	if len(r.Errors) > 0 {
		return r
	}
	msg := siweMessage(k, r.Data["siweNonce"].(string), nil)
	return e.postAs(hc, "", signInMutation, map[string]any{"m": msg, "s": signSIWE(k, msg)})
}

func TestSignInFlood(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxNoncesPerClient = 8; o.MaxSessionsPerClient = 5; o.MaxSignIns = 40 })
	attacker, honest := clientFrom(t, "127.0.0.1"), clientFrom(t, "127.0.0.2")
	// The flood: nonces by the thousand, aliased thirty to a request, and
	// sign-ins with fresh keys, from one client, while another signs in.
	var flood sync.WaitGroup
	nonces := "mutation {" + strings.Repeat(" siweNonce", 1) + func() string {
		var b strings.Builder
		for i := range 29 {
			fmt.Fprintf(&b, " n%d: siweNonce", i)
		}
		return b.String()
	}() + " }"
	var opened atomic.Int64
	for range 4 {
		flood.Add(1)
		go func() {
			defer flood.Done()
			for range 25 {
				e.postAs(attacker, "", nonces, nil)
			}
			for range 5 {
				k, _ := crypto.GenerateKey()
				if r := e.signInAs(attacker, k); len(r.Errors) == 0 {
					opened.Add(1)
				}
			}
		}()
	}
	for range 3 {
		if r := e.signInAs(honest, e.patient); len(r.Errors) > 0 {
			t.Fatalf("the honest client could not sign in during the flood: %+v", r.Errors)
		}
	}
	flood.Wait()
	if opened.Load() > 5 {
		t.Errorf("the attacker opened %d sessions, more than its share of 5", opened.Load())
	}
	k, _ := crypto.GenerateKey()
	for opened.Load() < 5 {
		if r := e.signInAs(attacker, k); len(r.Errors) > 0 {
			t.Fatalf("the attacker could not open its share: %+v", r.Errors)
		}
		opened.Add(1)
		k, _ = crypto.GenerateKey()
	}
	if r := e.signInAs(attacker, k); r.code() != CodeUnavailable {
		t.Errorf("the attacker's sixth session: %q %+v", r.code(), r.Errors)
	}
	if r := e.signInAs(honest, e.patient2); len(r.Errors) > 0 {
		t.Fatalf("the honest client could not sign in after the flood: %+v", r.Errors)
	}
	if n := len(e.srv.sessions.byClient["127.0.0.1"]); n > 8 {
		t.Errorf("the attacker holds %d nonces, its share is 8", n)
	}
}

func TestSessionsOfAnAddressAreBounded(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxSessionsPerAddress = 3 })
	var toks []string
	for range 5 {
		toks = append(toks, e.signIn(e.patient))
	}
	if r := e.do(toks[0], `{ me { address } }`, nil); r.code() != CodeUnauthenticated {
		t.Errorf("the oldest session lives on: %q", r.code())
	}
	d := e.ok(toks[4], `{ sessions { id created expires current } }`, nil)
	list := d["sessions"].([]any)
	if len(list) != 3 || get(d, "sessions.2.current") != true || get(d, "sessions.0.current") != false {
		t.Fatalf("sessions = %v", list)
	}
	if strings.Contains(fmt.Sprint(list), toks[2]) {
		t.Error("the list shows a token")
	}
	id := get(d, "sessions.0.id").(string)
	other := e.signIn(e.patient2)
	if d := e.ok(other, `mutation($id: String!) { revokeSession(id: $id) }`, map[string]any{"id": id}); d["revokeSession"] != false {
		t.Error("another address revoked the patient's session")
	}
	if d := e.ok(toks[4], `mutation($id: String!) { revokeSession(id: $id) }`, map[string]any{"id": id}); d["revokeSession"] != true {
		t.Error("the owner could not revoke their session")
	}
	if r := e.do(toks[2], `{ me { address } }`, nil); r.code() != CodeUnauthenticated {
		t.Errorf("the revoked session lives on: %q", r.code())
	}
}

func TestSignInIsBoundToTheDomain(t *testing.T) {
	t.Run("the Host header is not trusted", func(t *testing.T) {
		e := newEnv(t, nil)
		msg := siweMessage(e.patient, e.nonce(), func(m *SIWEMessage) { m.Domain = "phish.example" })
		b, _ := json.Marshal(map[string]any{"query": signInMutation, "variables": map[string]any{"m": msg, "s": signSIWE(e.patient, msg)}})
		req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/graphql", bytes.NewReader(b))
		req.Host = "phish.example"
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r response
		json.NewDecoder(resp.Body).Decode(&r)
		if r.code() != CodeUnauthenticated {
			t.Errorf("a message for the Host header's domain: %q %+v", r.code(), r.Errors)
		}
	})
	t.Run("no domain configured: sign-in is off", func(t *testing.T) {
		e := newEnv(t, func(o *Options) { o.Domain = "" })
		msg := siweMessage(e.patient, e.nonce(), func(m *SIWEMessage) { m.Domain = strings.TrimPrefix(e.http.URL, "http://") })
		r := e.do("", signInMutation, map[string]any{"m": msg, "s": signSIWE(e.patient, msg)})
		if r.code() != CodeUnavailable || !strings.Contains(r.Errors[0].Message, "--domain") {
			t.Errorf("%q %+v", r.code(), r.Errors)
		}
	})
	t.Run("another name of the server is accepted", func(t *testing.T) {
		e := newEnv(t, func(o *Options) { o.OtherDomains = []string{"localhost:8080"} })
		msg := siweMessage(e.patient, e.nonce(), func(m *SIWEMessage) { m.Domain = "localhost:8080" })
		e.ok("", signInMutation, map[string]any{"m": msg, "s": signSIWE(e.patient, msg)})
	})
	// A phishing site relays a message a wallet signed with our domain in
	// its domain line but its own origin in the URI (or scheme): the
	// domain line alone does not bind the message.
	for _, tc := range []struct {
		name      string
		publicURL string
		edit      func(m *SIWEMessage)
		ok        bool
	}{
		{"a URI on another origin is refused", "", func(m *SIWEMessage) { m.URI = "https://evil.example/" }, false},
		{"a URI with our domain as user info is refused", "", func(m *SIWEMessage) { m.URI = "https://" + testDomain + "@evil.example/" }, false},
		{"a URI on our domain's subdomain is refused", "", func(m *SIWEMessage) { m.URI = "https://evil." + testDomain + "/" }, false},
		{"a URI of another scheme is refused", "", func(m *SIWEMessage) { m.URI = "ftp://" + testDomain + "/" }, false},
		{"a relative URI is refused", "", func(m *SIWEMessage) { m.URI = "/login" }, false},
		{"a URI with a path on our origin is accepted", "", func(m *SIWEMessage) { m.URI = "https://" + testDomain + "/login?next=/" }, true},
		{"with a public URL, a URI on it is accepted", "https://" + testDomain, func(m *SIWEMessage) { m.URI = "https://" + testDomain + "/" }, true},
		{"with a public URL, its scheme before the domain is accepted", "https://" + testDomain, func(m *SIWEMessage) { m.Scheme = "https" }, true},
		{"with a public URL, a URI of the other scheme is refused", "https://" + testDomain, func(m *SIWEMessage) { m.URI = "http://" + testDomain + "/" }, false},
		{"with a public URL, another scheme before the domain is refused", "https://" + testDomain, func(m *SIWEMessage) { m.Scheme = "http" }, false},
		{"with a public URL, a URI on another origin is refused", "https://" + testDomain, func(m *SIWEMessage) { m.URI = "https://evil.example/" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(o *Options) { o.PublicURL = tc.publicURL })
			msg := siweMessage(e.patient, e.nonce(), tc.edit)
			r := e.do("", signInMutation, map[string]any{"m": msg, "s": signSIWE(e.patient, msg)})
			switch {
			case tc.ok && (len(r.Errors) > 0 || get(r.Data, "signIn.token") == nil):
				t.Errorf("refused: %+v", r.Errors)
			case !tc.ok && (r.code() != CodeUnauthenticated || r.Data["signIn"] != nil):
				t.Errorf("code %q, data %v, errors %+v", r.code(), r.Data, r.Errors)
			case !tc.ok && !strings.Contains(r.Errors[0].Message, "URI") && !strings.Contains(r.Errors[0].Message, "scheme"):
				t.Errorf("the error does not say what is wrong: %s", r.Errors[0].Message)
			}
		})
	}
	t.Run("a public URL off the domain is refused at start", func(t *testing.T) {
		st, err := notary.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, err = New(Options{Store: st, Domain: testDomain, PublicURL: "https://other.example"})
		if err == nil || !strings.Contains(err.Error(), "PublicURL") {
			t.Errorf("New: %v", err)
		}
	})
}

// slowUpload starts an upload whose body is written by feed, returning
// the response when it comes.
func (e *env) slowUpload(token string, feed func(w io.Writer)) (*response, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		ops, _ := json.Marshal(map[string]any{"query": notarizeMutation, "variables": map[string]any{"files": []any{nil}}})
		mw.WriteField("operations", string(ops))
		mw.WriteField("map", `{"0": ["variables.files.0"]}`)
		fw, err := mw.CreateFormFile("0", "data.csv")
		if err != nil { // the server answered already
			return
		}
		feed(fw)
		mw.Close()
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, e.http.URL+"/graphql", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	pr.CloseWithError(errors.New("the test is done"))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &response{status: resp.StatusCode}
	return r, json.NewDecoder(resp.Body).Decode(r)
}

func TestHostileUploads(t *testing.T) {
	spool := t.TempDir()
	e := newEnv(t, func(o *Options) {
		o.UploadDir, o.MaxUploadsPerSession, o.MaxUploadBytes = spool, 1, 1<<20
		o.ReadIdleTimeout, o.MinBodyRate = 2*time.Second, 1<<20 // the idle limit leaves a loaded machine room
	})
	tok := e.signIn(e.researcher)
	spooled := func(t *testing.T) {
		t.Helper()
		if left, _ := os.ReadDir(spool); len(left) != 0 {
			t.Errorf("%d spooled files left behind", len(left))
		}
	}
	t.Run("an anonymous upload is refused before its body is read", func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		r, err := e.slowUpload("", func(w io.Writer) {
			w.Write([]byte("id,value\n"))
			<-stop // the body never ends: only an answer before it ends the request
		})
		if err != nil || r.code() != CodeUnauthenticated || r.status != 401 {
			t.Fatalf("%v %+v", err, r)
		}
		spooled(t)
	})
	t.Run("a body trickled a byte at a time is cut off", func(t *testing.T) {
		r, err := e.slowUpload(tok, func(w io.Writer) {
			for range 200 {
				if _, err := w.Write([]byte("x")); err != nil {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
		if err == nil && r.status != 408 {
			t.Fatalf("%+v", r)
		}
		spooled(t)
	})
	t.Run("a body that stops is cut off", func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		r, err := e.slowUpload(tok, func(w io.Writer) { w.Write([]byte("id,value\n")); <-stop })
		if err == nil && r.status != 408 {
			t.Fatalf("%+v", r)
		}
		spooled(t)
	})
	t.Run("a session's second upload at once is refused", func(t *testing.T) {
		started, stop := make(chan struct{}), make(chan struct{})
		done := make(chan *response)
		go func() {
			r, _ := e.slowUpload(tok, func(w io.Writer) {
				w.Write([]byte("id,value\n"))
				close(started)
				<-stop
				w.Write([]byte("1,2\n"))
			})
			done <- r
		}()
		<-started
		time.Sleep(50 * time.Millisecond) // let the server take the first upload's slot
		r := e.upload(tok, map[string]string{"b.csv": "id,value\n1,2\n"}, nil)
		close(stop)
		if r.code() != CodeUnavailable || r.status != 429 {
			t.Errorf("second upload: %d %q", r.status, r.code())
		}
		if first := <-done; first == nil || len(first.Errors) != 0 {
			t.Errorf("first upload: %+v", first)
		}
		spooled(t)
	})
	t.Run("an upload over the limit leaves nothing spooled", func(t *testing.T) {
		if r := e.upload(tok, map[string]string{"big.bin": strings.Repeat("x", 2<<20)}, nil); r.status != 413 {
			t.Errorf("%d %q", r.status, r.code())
		}
		spooled(t)
	})
	t.Run("an upload that succeeds leaves nothing spooled", func(t *testing.T) {
		r := e.upload(tok, map[string]string{"a.csv": "id\n1\n"}, nil)
		if len(r.Errors) != 0 {
			t.Fatalf("%+v", r.Errors)
		}
		spooled(t)
	})
}

func TestVariableTypes(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"an object for a String!", `query($c: String!) { manifest(cid: $c) { cid } }`, map[string]any{"c": map[string]any{"a": 1}}, "variable $c: want String!, got an object"},
		{"a list for a String!", `query($c: String!) { manifest(cid: $c) { cid } }`, map[string]any{"c": []any{"x"}}, "variable $c: want String!, got a list"},
		{"a number for a String", `query($k: String) { manifests(keyword: $k) { totalCount } }`, map[string]any{"k": 12}, "variable $k: want String, got the number 12"},
		{"a fraction for an Int", `query($n: Int) { manifests(first: $n) { totalCount } }`, map[string]any{"n": 1.5}, "variable $n: want Int, got the number 1.5"},
		{"a string for an Int", `query($n: Int) { manifests(first: $n) { totalCount } }`, map[string]any{"n": "5"}, "variable $n: want Int, got a string"},
		{"an object in a list of strings", `mutation($k: [String!]) { notarize(files: [], kind: "dataset", title: "x", keywords: $k) { cid } }`, map[string]any{"k": []any{"a", map[string]any{}}}, "variable $k: want [String!], got a list holding an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("", tc.query, tc.vars)
			if r.code() != CodeBadUserInput || r.Data != nil || r.Errors[0].Message != tc.want {
				t.Errorf("%q %v %+v, want %q", r.code(), r.Data, r.Errors, tc.want)
			}
		})
	}
	t.Run("a String! given a string passes", func(t *testing.T) {
		e.ok("", `query($c: String!) { manifest(cid: $c) { cid } }`, map[string]any{"c": "bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"})
	})
}
