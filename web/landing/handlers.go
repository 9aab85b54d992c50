package landing

import (
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/desci-platform/desci/notary"
)

// A manifest never changes, but what its page shows does (anchoring,
// versions, corrections, runs): pages are kept a minute, exports (which
// the manifest and the origin decide) an hour, a file (named by its CID
// in the ETag) for good.
const (
	pageCache   = "public, max-age=60"
	exportCache = "public, max-age=3600"
	fileCache   = "public, max-age=31536000, immutable"
)

func (h *Handler) servePage(w http.ResponseWriter, r *http.Request) {
	o, ok := h.lookup(w, r)
	if !ok {
		return
	}
	v, err := h.build(r.Context(), o, h.baseURL(r))
	if err != nil {
		h.internal(w, o, err)
		return
	}
	b, err := render(v)
	if err != nil {
		h.internal(w, o, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", pageCache)
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

func (h *Handler) internal(w http.ResponseWriter, o object, err error) {
	h.opts.Logf("landing: %s: %v", o.c, err)
	h.fail(w, http.StatusInternalServerError, "This page could not be made: the server logged why.")
}

func (h *Handler) serveExport(e export) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := h.lookup(w, r)
		if !ok {
			return
		}
		b, err := e.render(newRecord(o.c, o.m, h.baseURL(r)))
		if err != nil {
			h.internal(w, o, err)
			return
		}
		hd := w.Header()
		hd.Set("Content-Type", e.contentType)
		hd.Set("Cache-Control", exportCache)
		hd.Set("Content-Disposition", `attachment; filename="`+o.c.String()+"."+e.ext+`"`)
		hd.Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	}
}

func (h *Handler) serveReceipt(w http.ResponseWriter, r *http.Request) {
	o, ok := h.lookup(w, r)
	if !ok {
		return
	}
	doc, err := h.opts.Notary.Receipt(o.c)
	if err != nil {
		h.fail(w, http.StatusNotFound, "This research object has not been anchored by this server yet: its receipt comes once it is.")
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", exportCache)
	hd.Set("Content-Disposition", `attachment; filename="`+o.c.String()+`.receipt.json"`)
	hd.Set("Content-Length", strconv.Itoa(len(doc)))
	w.Write(doc)
}

// serveBundle serves a public, anchored object's verification bundle
// (doc/bundle.md): the manifest, its content, its receipt and the
// corrections and versions known here, for the verify page or desci
// verify. It takes a download slot like a file, and is refused as a file
// would be when a private object holds any of its files.
func (h *Handler) serveBundle(w http.ResponseWriter, r *http.Request) {
	o, ok := h.lookup(w, r)
	if !ok {
		return
	}
	if _, err := h.opts.Notary.Receipt(o.c); err != nil {
		h.fail(w, http.StatusNotFound, "This research object has not been anchored by this server yet: its bundle comes once it is.")
		return
	}
	if ct := o.m.Content; ct != nil && !ct.Sealed.Defined() {
		private := h.rel.get(r.Context()).private
		for _, f := range ct.Files {
			if private[f.CID] {
				h.fail(w, http.StatusNotFound, fileNotHeld)
				return
			}
		}
	}
	release, ok := h.startDownload(r)
	if !ok {
		w.Header().Set("Retry-After", "5")
		h.fail(w, http.StatusServiceUnavailable, "Too many downloads at once: try again in a few seconds.")
		return
	}
	defer release()
	hd := w.Header()
	hd.Set("Content-Type", "application/vnd.ipld.car; version=1")
	hd.Set("Content-Disposition", `attachment; filename="`+o.c.String()+`.desci.car"`)
	hd.Set("Cache-Control", "no-cache")
	// Its length is known only once written: the minimum rate is kept as
	// it goes, so a slow reader cannot hold the slot.
	out := &pacedWriter{w: w, deadline: http.NewResponseController(w), start: time.Now(), rate: h.opts.MinDownloadRate}
	if _, err := h.opts.Notary.WriteBundle(r.Context(), o.c, notary.BundleOptions{RPC: h.opts.PublicRPC}, out); err != nil {
		// Past the first byte the status is sent; a short body is what
		// the reader then sees, and refuses.
		h.opts.Logf("landing: %s: bundle: %v", o.c, err)
	}
}

// serveFile serves a file of a public object's content by its path in the
// manifest, with HTTP ranges (http.ServeContent). The blocks are read
// through the store's checked blockstore, so each is hashed against its
// CID as it goes out; a block that fails cuts the response short rather
// than send bytes that are not the file's.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request) {
	o, ok := h.lookup(w, r)
	if !ok {
		return
	}
	p := r.PathValue("path")
	ct := o.m.Content
	var file *notary.File
	if ct != nil {
		for i := range ct.Files {
			if ct.Files[i].Path == p {
				file = &ct.Files[i]
				break
			}
		}
	}
	if file == nil {
		h.fail(w, http.StatusNotFound, "This research object has no file at this path.")
		return
	}
	if ct.Sealed.Defined() {
		h.fail(w, http.StatusForbidden, "This file is not served: it is sealed patient data, which only a data steward can decrypt.")
		return
	}
	if h.rel.get(r.Context()).private[file.CID] {
		// Answered as a file not held: that a private object holds the
		// same bytes is not for this page to say.
		h.fail(w, http.StatusNotFound, fileNotHeld)
		return
	}
	release, ok := h.startDownload(r)
	if !ok {
		w.Header().Set("Retry-After", "5")
		h.fail(w, http.StatusServiceUnavailable, "Too many downloads at once: try again in a few seconds.")
		return
	}
	defer release()
	f, err := h.opts.Notary.OpenFile(r.Context(), file.CID)
	if err != nil {
		h.opts.Logf("landing: %s: file %s: %v", o.c, file.CID, err)
		h.fail(w, http.StatusNotFound, fileNotHeld)
		return
	}
	defer f.Close()
	if uint64(f.Size()) != file.Size {
		h.opts.Logf("landing: %s: file %s holds %d bytes, the manifest says %d", o.c, file.CID, f.Size(), file.Size)
		h.fail(w, http.StatusInternalServerError, "This file's stored content does not match its manifest; the server logged why.")
		return
	}
	hd := w.Header()
	// A stranger's file is never rendered in this origin: any type is
	// served as bytes to save, under a policy that forbids everything.
	hd.Set("Content-Type", "application/octet-stream")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Content-Disposition", contentDisposition(p))
	hd.Set("Cache-Control", fileCache)
	hd.Set("ETag", `"`+file.CID.String()+`"`)
	// The whole file at the minimum rate, after a grace period; a range
	// is given no more than the file. (Not every ResponseWriter has
	// deadlines; those without are left as they are.)
	d := downloadGrace + time.Duration(f.Size()/h.opts.MinDownloadRate)*time.Second
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
	http.ServeContent(w, r, "", time.Time{}, io.NewSectionReader(f, 0, f.Size()))
}

// startDownload takes a download slot, overall and for the request's
// client, or says there is none.
func (h *Handler) startDownload(r *http.Request) (release func(), ok bool) {
	client, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		client = r.RemoteAddr
	}
	if ip := net.ParseIP(client); ip != nil && ip.To4() == nil {
		client = ip.Mask(net.CIDRMask(64, 128)).String() // one IPv6 client holds a /64
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.perClient[client] >= h.opts.MaxDownloadsPerClient {
		return nil, false
	}
	select {
	case h.downloads <- struct{}{}:
	default:
		return nil, false
	}
	h.perClient[client]++
	return func() {
		<-h.downloads
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.perClient[client]--; h.perClient[client] == 0 {
			delete(h.perClient, client)
		}
	}, true
}

const fileNotHeld = "This file's content is not served by this server."

var unsafeFilename = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// contentDisposition names the download after the file's base name: an
// ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987).
func contentDisposition(p string) string {
	name := p[strings.LastIndexByte(p, '/')+1:]
	ascii := unsafeFilename.ReplaceAllString(name, "_")
	if ascii == "" {
		ascii = "file"
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + pathEscapeAll(name)
}

// pathEscapeAll percent-encodes every byte outside RFC 5987's attr-char.
func pathEscapeAll(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// downloadGrace is how long a download may take before the minimum rate
// applies to it.
const downloadGrace = 30 * time.Second

// pacedWriter holds a response of unknown length to the minimum rate: each
// write must finish by the time the bytes so far, at rate bytes a second
// after downloadGrace, allow.
type pacedWriter struct {
	w        io.Writer
	deadline interface{ SetWriteDeadline(time.Time) error }
	start    time.Time
	rate     int64 // bytes a second
	n        int64 // written so far
}

func (p *pacedWriter) Write(b []byte) (int, error) {
	// Not every ResponseWriter has deadlines; those without are left as they are.
	p.deadline.SetWriteDeadline(p.start.Add(downloadGrace + time.Duration((p.n+int64(len(b)))*int64(time.Second)/p.rate)))
	n, err := p.w.Write(b)
	p.n += int64(n)
	return n, err
}
