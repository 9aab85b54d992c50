package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/desci-platform/desci/web"
)

func get(t *testing.T, h http.Handler, path string, hdr ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func TestRoutes(t *testing.T) {
	h := web.Handler()
	index := get(t, h, "/")
	page, _ := io.ReadAll(index.Body)
	script := regexp.MustCompile(`src="(/assets/[^"]+\.js)"`).FindSubmatch(page)
	if script == nil {
		t.Fatalf("index.html names no script:\n%s", page)
	}
	for _, tc := range []struct {
		name, path string
		status     int
		typ        string
	}{
		{"start page", "/", 200, "text/html"},
		{"an app route", "/patient", 200, "text/html"},
		{"a deep app route", "/donor/grants/3", 200, "text/html"},
		{"the script", string(script[1]), 200, "text/javascript"},
		{"a missing asset is not the app", "/assets/nope.js", 404, "text/plain"},
		{"dot-dot stays inside", "/../../etc/passwd", 200, "text/html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, h, tc.path)
			if res.StatusCode != tc.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.typ) {
				t.Fatalf("%s: %d %s, want %d %s", tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.typ)
			}
			if tc.status == 200 && res.Header.Get("Content-Security-Policy") != web.Policy {
				t.Fatalf("no CSP on %s", tc.path)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	h := web.Handler()
	page, _ := io.ReadAll(get(t, h, "/").Body)
	script := regexp.MustCompile(`src="(/assets/[^"]+\.js)"`).FindSubmatch(page)
	plain, _ := io.ReadAll(get(t, h, string(script[1])).Body)
	res := get(t, h, string(script[1]), "Accept-Encoding", "br, gzip;q=0.8")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("script not compressed for a client that accepts gzip")
	}
	z, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	unz, _ := io.ReadAll(z)
	if string(unz) != string(plain) {
		t.Fatal("compressed script differs from the plain one")
	}
}

func TestNotAForm(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("x"))
	w := httptest.NewRecorder()
	web.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST /: %d", w.Code)
	}
}
