package landing

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multibase"
	mh "github.com/multiformats/go-multihash"
)

func get(t testing.TB, h http.Handler, path string, hdr ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPages(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{Chain: fakeChain{final: 1 << 40}, ChainID: 1337})
	unknown, _ := cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}.Sum([]byte("nothing"))
	c := func(name string) string { return f.cids[name].String() }
	for _, tc := range []struct {
		name   string
		path   string
		status int
		want   []string // in the body
		not    []string
	}{
		{"dataset", "/m/" + c("dataset"), 200, []string{
			"<h1>Trial 42 raw data</h1>", `<a href="https://orcid.org/0000-0002-1825-0097" rel="author">Ada Lovelace</a>`, "Grace Hopper",
			`<a href="https://spdx.org/licenses/CC-BY-4.0.html" rel="license">CC-BY-4.0</a>`, "Synthetic example.",
			`href="/m/` + c("dataset") + `/files/data/donn%C3%A9es.csv"`, "values.csv", "3 files",
			"anchored", "Chain</dt><dd>1337", "final (the chain has finalized", `href="/verify?cid=` + c("dataset") + `"`,
			"A newer version exists:", `href="/m/` + c("v2") + `"`, "Corrected:</strong> values.csv is in mg, not g",
			"Version 1", "Version 2", "Correction", `"@type":"Dataset"`, "Runs that read this dataset", `href="/m/` + c("run") + `"`,
			"@misc{desci-" + c("dataset"),
		}, []string{"Extract for the diabetes study"}},
		{"superseding version", "/m/" + c("v2"), 200, []string{"Trial 42, v2", "Replaces</dt><dd><a href=\"/m/" + c("dataset"), "aria-current=\"page\""}, []string{"A newer version exists"}},
		{"correction", "/m/" + c("correction"), 200, []string{"This is a correction</strong> of <a href=\"/m/" + c("dataset"), "values.csv is in mg, not g", "Correction: Trial 42 raw data"}, nil},
		{"method", "/m/" + c("method"), 200, []string{"<p class=\"kind\">Method</p>", `"@type":"SoftwareSourceCode"`, "Runs of this method", "Run of analysis.ipynb", "reproduced", "(tolerance 1e-09)"}, nil},
		{"run", "/m/" + c("run"), 200, []string{"How this run was made", "Parameter alpha", "0.05", "python", `href="/m/` + c("dataset") + `"`, "Reproductions of this run", `href="/m/` + c("attestation") + `"`}, nil},
		{"result", "/m/" + c("result"), 200, []string{"Hazard ratio", "The runs that produced this result", "Run of analysis.ipynb"}, nil},
		{"attestation", "/m/" + c("attestation"), 200, []string{"<strong>Reproduced</strong>, within a tolerance of 1e-09", `href="/m/` + c("run") + `"`}, nil},
		{"queued", "/m/" + c("queued"), 200, []string{"pending: queued for the next anchoring"}, []string{"receipt.json"}},
		{"sealed dataset", "/m/" + c("sealed"), 200, []string{"The data are sealed", "patients.csv"}, []string{"/files/patients.csv"}},
		{"public dataset sharing a private file", "/m/" + c("shares"), 200, []string{"/files/own.csv"}, []string{"/files/extract-copy.csv"}},
		{"hostile", "/m/" + c("hostile"), 200, []string{"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", `\u003c/script\u003e`, "&lt;b&gt;Mallory&lt;/b&gt;", "MIT OR Apache-2.0"},
			[]string{"<script>alert", "<img", "<b>Mallory", `href="https://spdx.org/licenses/MIT OR`}},
		{"consent", "/m/" + c("consent"), 404, []string{notFoundText}, []string{"Consent of"}},
		{"access entry", "/m/" + c("access"), 404, []string{notFoundText}, nil},
		{"extract", "/m/" + c("extract"), 404, []string{notFoundText}, []string{"diabetes"}},
		{"correction of an extract", "/m/" + c("extract-correction"), 404, []string{notFoundText}, nil},
		{"extract's export", "/m/" + c("extract") + "/cite.bib", 404, []string{notFoundText}, nil},
		{"extract's receipt", "/m/" + c("extract") + "/receipt.json", 404, []string{notFoundText}, nil},
		{"a queued object's bundle", "/m/" + c("queued") + "/bundle.desci.car", 404, []string{"has not been anchored"}, nil},
		{"the bundle of a public dataset sharing a private file", "/m/" + c("shares") + "/bundle.desci.car", 404, nil, nil},
		{"extract's file", "/m/" + c("extract") + "/files/extract.csv", 404, []string{notFoundText}, nil},
		{"unknown CID", "/m/" + unknown.String(), 404, []string{notFoundText}, nil},
		{"a file's CID", "/m/" + cid.NewCidV1(cid.Raw, unknown.Hash()).String(), 404, []string{notFoundText}, nil},
		{"malformed CID", "/m/not-a-cid", 400, []string{"&#34;not-a-cid&#34; is not a CID", "/m/ and the CID of its manifest"}, nil},
		{"overlong CID", "/m/" + strings.Repeat("b", 1000), 400, []string{"characters long"}, nil},
		{"nothing after /m/", "/m/", 404, []string{notFoundText}, nil},
		{"unknown export", "/m/" + c("dataset") + "/cite.docx", 404, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, h, tc.path)
			b := body(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tc.status, b)
			}
			for _, w := range tc.want {
				if !strings.Contains(b, w) {
					t.Errorf("no %q in\n%s", w, b)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(b, n) {
					t.Errorf("%q in\n%s", n, b)
				}
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
}

// A private object's 404 is the unknown CID's, byte for byte and header
// for header.
func TestPrivateLooksUnknown(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	unknown, _ := cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}.Sum([]byte("nothing"))
	for _, suffix := range []string{"", "/cite.bib", "/cite.datacite.json", "/receipt.json", "/bundle.desci.car", "/files/x"} {
		want := get(t, h, "/m/"+unknown.String()+suffix)
		wantBody := body(t, want)
		for _, name := range []string{"consent", "access", "extract", "extract-correction"} {
			got := get(t, h, "/m/"+f.cids[name].String()+suffix)
			if b := body(t, got); got.StatusCode != want.StatusCode || b != wantBody {
				t.Errorf("%s%s: %d %q, an unknown CID: %d %q", name, suffix, got.StatusCode, b, want.StatusCode, wantBody)
			}
			if len(got.Header) != len(want.Header) {
				t.Errorf("%s%s: headers %v, an unknown CID's %v", name, suffix, got.Header, want.Header)
			}
			for k := range want.Header {
				if got.Header.Get(k) != want.Header.Get(k) {
					t.Errorf("%s%s: %s %q, an unknown CID's %q", name, suffix, k, got.Header.Get(k), want.Header.Get(k))
				}
			}
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	c := f.cids["dataset"]
	b58, err := c.StringOfBase(multibase.Base58BTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"/m/" + b58, "/m/" + c.String()},
		{"/m/" + b58 + "/cite.bib", "/m/" + c.String() + "/cite.bib"},
		{"/m/B" + strings.ToUpper(c.String()[1:]), "/m/" + c.String()},
		{"/m/" + c.String() + "/", "/m/" + c.String()},
	} {
		res := get(t, h, tc.path)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != tc.want {
			t.Errorf("%s: %d to %q, want 301 to %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.want)
		}
	}
}

// Finality comes from the chain's finalized head, read in the background:
// final, not yet, or unknown for a chain this server does not follow.
func TestFinality(t *testing.T) {
	f := getFixture(t)
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"finalized", Options{Chain: fakeChain{final: 1 << 40}, ChainID: 1337}, "final (the chain has finalized up to block 1099511627776)"},
		{"not yet", Options{Chain: fakeChain{final: 1}, ChainID: 1337}, "not final yet (the chain has finalized up to block 1)"},
		{"another chain", Options{Chain: fakeChain{final: 1 << 40}, ChainID: 1}, "unknown to this server"},
		{"no chain", Options{}, "unknown to this server"},
		{"the embedded chain, which finalizes nothing", Options{Chain: f.dev.Client(), ChainID: 1337}, "unknown: the chain does not say what it has finalized"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := body(t, get(t, f.handler(t, tc.o), "/m/"+f.cids["dataset"].String()))
			if !strings.Contains(b, tc.want) {
				t.Errorf("no %q in\n%s", tc.want, b)
			}
		})
	}
}
