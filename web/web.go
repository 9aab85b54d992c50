package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Policy is the Content-Security-Policy of every page: scripts, styles,
// images and requests from this origin only (images also as data: URIs,
// which the stylesheet's icons are), no frames, no plugins, no <base>.
const Policy = "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// VerifyPolicy is the verify page's: the reviewer may ask the chain through
// an endpoint of their own choosing rather than this server's, so that page
// may connect elsewhere; it still loads nothing from elsewhere.
const VerifyPolicy = "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type asset struct {
	body, gz []byte
	typ      string
}

// Handler serves the app: files under dist/ by name (hashed assets cached
// for a year), and index.html for every other GET, so that paths like
// /patient load the app, which routes them itself.
func Handler() http.Handler {
	h := &handler{assets: map[string]*asset{}}
	fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		a := &asset{body: b, typ: contentType(p)}
		// Compressed once at start: the JavaScript is what a phone waits for.
		if len(b) > 1024 && !strings.HasPrefix(a.typ, "image/") {
			var z bytes.Buffer
			w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			w.Write(b)
			w.Close()
			if z.Len() < len(b) {
				a.gz = z.Bytes()
			}
		}
		h.assets[strings.TrimPrefix(p, "dist")] = a
		return nil
	})
	return h
}

type handler struct {
	assets map[string]*asset
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	a, ok := h.assets[p]
	hd := w.Header()
	switch {
	case ok && strings.HasPrefix(p, "/assets/"):
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	case strings.HasPrefix(p, "/assets/"):
		http.NotFound(w, r)
		return
	case ok && p != "/index.html":
		hd.Set("Cache-Control", "no-cache")
	default:
		a = h.assets["/index.html"]
		if a == nil {
			http.Error(w, "web: this binary was built without the web app (run scripts/build-web.sh)", http.StatusNotFound)
			return
		}
		hd.Set("Cache-Control", "no-cache")
	}
	if p == "/verify" {
		hd.Set("Content-Security-Policy", VerifyPolicy)
	} else {
		hd.Set("Content-Security-Policy", Policy)
	}
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Type", a.typ)
	hd.Add("Vary", "Accept-Encoding")
	body := a.body
	if a.gz != nil && acceptsGzip(r) {
		hd.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		if strings.TrimSpace(strings.SplitN(e, ";", 2)[0]) == "gzip" {
			return true
		}
	}
	return false
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".json", ".webmanifest":
		return "application/json"
	case ".ico":
		return "image/x-icon"
	}
	return "application/octet-stream"
}
