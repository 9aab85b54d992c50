package graphql

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Resumable uploads at /uploads follow the shape of the tus 1.0 core
// protocol with its creation, expiration and termination extensions
// (https://tus.io/protocols/resumable-upload): POST with Upload-Length
// creates one, HEAD tells how much arrived, PATCH with Upload-Offset and
// application/offset+octet-stream appends, DELETE drops it. A completed
// upload is then named by its ID in notarize(uploads: …), which uses it
// once.
//
// Who controls what: the client declares a length, sends bytes and
// names IDs. So the length is bounded (MaxUploadBytes, the session's and
// the server's reserved bytes, the free disk) before a byte is written;
// bytes past it are refused; an ID is 128 random bits and names an
// upload only to the session that created it (any other gets 404, as
// for an unknown one); the spool path is the server's, never the
// client's; and an upload idle for ResumableTTL is swept away.

const tusVersion = "1.0.0"

var (
	errUploadNotFound = errors.New("no such upload")
	errUploadBusy     = errors.New("another request is writing this upload")
)

// tusUpload is a resumable upload under way or complete.
type tusUpload struct {
	id       string
	token    string // the session that created it
	filename string // from Upload-Metadata, base name only
	path     string // in the spool, named by the server
	length   int64
	offset   int64
	busy     bool // a PATCH is writing, or notarize is taking it
	expires  time.Time
}

// resumables are the live resumable uploads, in memory: like sessions,
// they end with the process (a later server removes the spool it left).
type resumables struct {
	mu        sync.Mutex
	dir       string // created on first use, under UploadDir
	byID      map[string]*tusUpload
	reserved  map[string]int64 // declared bytes by session token
	count     map[string]int   // uploads by session token
	total     int64            // declared bytes in all
	lastSweep time.Time
	timer     *time.Timer // sweeps while uploads are held, traffic or not
	// free reports the bytes free for the spool; a test shrinks it.
	free func(dir string) (int64, error)
}

func newResumables() *resumables {
	return &resumables{byID: map[string]*tusUpload{}, reserved: map[string]int64{}, count: map[string]int{}, free: freeSpace}
}

// Per-session and total bounds, from the multipart ones: a session may
// hold MaxUploadsPerSession uploads' worth of bytes, the server
// MaxUploads' worth; counts are bounded so that empty uploads cannot
// fill memory.
func (s *Server) resumableLimits() (perSession, total int64, countPerSession, countTotal int) {
	b := s.opts.MaxUploadBytes
	return mulCap(b, s.opts.MaxUploadsPerSession), mulCap(b, s.opts.MaxUploads),
		s.opts.MaxResumablePerSession, s.opts.MaxResumablePerSession * max(s.opts.MaxUploads, 1)
}

func mulCap(b int64, n int) int64 {
	if n <= 0 || b > math.MaxInt64/int64(n) {
		return math.MaxInt64
	}
	return b * int64(n)
}

// tusError answers a resumable request with a status and a one-line
// reason.
func tusError(w http.ResponseWriter, status int, format string, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, format+"\n", args...)
}

func (s *Server) serveUploads(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Tus-Resumable", tusVersion)
	if r.Method == http.MethodOptions {
		// Discovery, per tus: no session needed, nothing read.
		h.Set("Tus-Version", tusVersion)
		h.Set("Tus-Max-Size", strconv.FormatInt(s.opts.MaxUploadBytes, 10))
		h.Set("Tus-Extension", "creation,expiration,termination")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	// Anything the client might still send is not read when refused
	// here: the connection closes after the answer.
	h.Set("Connection", "close")
	// The session and its role before anything of the body is read.
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	sess, err := s.sessions.lookup(strings.TrimSpace(tok))
	if err != nil {
		// The session store (PostgreSQL) is down: not the client's fault.
		tusError(w, http.StatusServiceUnavailable, "sessions are unavailable: %v; try again shortly", err)
		return
	}
	if !ok || sess == nil {
		tusError(w, http.StatusUnauthorized, "sign in before uploading (mutation signIn, then Authorization: Bearer TOKEN)")
		return
	}
	if !sess.Has(RoleResearcher) && !sess.Has(RoleSteward) {
		tusError(w, http.StatusForbidden, "%s has none of the roles researcher, steward", sess.Address.Hex())
		return
	}
	if v := r.Header.Get("Tus-Resumable"); v != tusVersion {
		h.Set("Tus-Version", tusVersion)
		tusError(w, http.StatusPreconditionFailed, "Tus-Resumable %q: this server speaks %s", v, tusVersion)
		return
	}
	s.sweepUploads(false)
	id, rest := strings.CutPrefix(r.URL.Path, "/uploads/")
	switch {
	case r.URL.Path == "/uploads" && r.Method == http.MethodPost:
		s.createUpload(w, r, sess)
	case !rest || id == "" || strings.Contains(id, "/"):
		tusError(w, http.StatusNotFound, "%v", errUploadNotFound)
	case r.Method == http.MethodHead:
		u, err := s.uploadOf(sess, id)
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h.Set("Cache-Control", "no-store")
		h.Set("Upload-Offset", strconv.FormatInt(u.offset, 10))
		h.Set("Upload-Length", strconv.FormatInt(u.length, 10))
		h.Set("Upload-Expires", u.expires.UTC().Format(http.TimeFormat))
		h.Del("Connection")
		w.WriteHeader(http.StatusOK)
	case r.Method == http.MethodPatch:
		s.patchUpload(w, r, sess, id)
	case r.Method == http.MethodDelete:
		if err := s.dropUpload(sess, id); err != nil {
			status := http.StatusNotFound
			if errors.Is(err, errUploadBusy) {
				status = http.StatusConflict
			}
			tusError(w, status, "%v", err)
			return
		}
		h.Del("Connection")
		w.WriteHeader(http.StatusNoContent)
	default:
		h.Set("Allow", "HEAD, PATCH, DELETE, OPTIONS")
		tusError(w, http.StatusMethodNotAllowed, "use POST /uploads, then HEAD, PATCH or DELETE /uploads/ID")
	}
}

// uploadOf is the session's upload id; another session's is not found,
// exactly as an unknown one.
func (s *Server) uploadOf(sess *Session, id string) (tusUpload, error) {
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	u := rs.byID[id]
	if u == nil || u.token != sess.Token {
		return tusUpload{}, errUploadNotFound
	}
	return *u, nil
}

func (s *Server) createUpload(w http.ResponseWriter, r *http.Request, sess *Session) {
	if r.ContentLength != 0 {
		tusError(w, http.StatusBadRequest, "creation takes no body: send the bytes with PATCH")
		return
	}
	length, err := strconv.ParseInt(r.Header.Get("Upload-Length"), 10, 64)
	if err != nil || length < 0 {
		tusError(w, http.StatusBadRequest, "Upload-Length %q is not a non-negative integer (deferred lengths are not supported)", r.Header.Get("Upload-Length"))
		return
	}
	if length > s.opts.MaxUploadBytes {
		tusError(w, http.StatusRequestEntityTooLarge, "Upload-Length %d is over the limit of %d bytes", length, s.opts.MaxUploadBytes)
		return
	}
	filename, err := uploadFilename(r.Header.Get("Upload-Metadata"))
	if err != nil {
		tusError(w, http.StatusBadRequest, "Upload-Metadata: %v", err)
		return
	}
	perSession, total, countPerSession, countTotal := s.resumableLimits()
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	switch {
	case rs.count[sess.Token] >= countPerSession:
		tusError(w, http.StatusTooManyRequests, "this session holds %d uploads, the most it may: use or delete some", rs.count[sess.Token])
		return
	case len(rs.byID) >= countTotal:
		tusError(w, http.StatusServiceUnavailable, "the server holds %d uploads, the most it may; try again later", len(rs.byID))
		return
	case rs.reserved[sess.Token]+length > perSession:
		tusError(w, http.StatusRequestEntityTooLarge, "Upload-Length %d: this session's uploads would exceed %d bytes; use or delete some", length, perSession)
		return
	case rs.total+length > total:
		tusError(w, http.StatusServiceUnavailable, "Upload-Length %d: the server's uploads would exceed %d bytes; try again later", length, total)
		return
	}
	if rs.dir == "" {
		s.removeStaleSpools()
		if rs.dir, err = os.MkdirTemp(s.opts.UploadDir, "desci-resumable-"); err != nil {
			rs.dir = ""
			s.opts.Logf("graphql: resumable spool: %v", err)
			tusError(w, http.StatusInternalServerError, "cannot make the upload spool")
			return
		}
	} else if err := os.MkdirAll(rs.dir, 0o700); err != nil { // another server took it for stale
		s.opts.Logf("graphql: resumable spool: %v", err)
		tusError(w, http.StatusInternalServerError, "cannot make the upload spool")
		return
	}
	// What is reserved but not yet written must fit on the disk too.
	var pending int64
	for _, u := range rs.byID {
		pending += u.length - u.offset
	}
	if free, err := rs.free(rs.dir); err != nil || pending+length > free {
		tusError(w, http.StatusInsufficientStorage, "Upload-Length %d: not enough free disk for it", length)
		return
	}
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	u := &tusUpload{id: id, token: sess.Token, filename: filename, path: filepath.Join(rs.dir, id), length: length,
		expires: s.opts.Now().Add(s.opts.ResumableTTL)}
	f, err := os.OpenFile(u.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		s.opts.Logf("graphql: resumable spool: %v", err)
		tusError(w, http.StatusInternalServerError, "cannot make the upload's file")
		return
	}
	f.Close()
	rs.byID[id] = u
	rs.reserved[sess.Token] += length
	rs.count[sess.Token]++
	rs.total += length
	if rs.timer == nil {
		rs.timer = time.AfterFunc(s.sweepEvery(), s.timedSweep)
	}
	h := w.Header()
	h.Del("Connection")
	h.Set("Location", "/uploads/"+id)
	h.Set("Upload-Expires", u.expires.UTC().Format(http.TimeFormat))
	w.WriteHeader(http.StatusCreated)
}

// uploadFilename takes the filename from tus Upload-Metadata ("key
// base64,key base64"); only its base name is kept, and it never names a
// path on the server.
func uploadFilename(md string) (string, error) {
	if len(md) > 4096 {
		return "", errors.New("longer than 4096 bytes")
	}
	name := "file"
	for _, kv := range strings.Split(md, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), " ")
		if k != "filename" {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return "", fmt.Errorf("filename is not base64: %v", err)
		}
		base := filepath.Base(filepath.Clean("/" + strings.ReplaceAll(string(b), "\\", "/")))
		if base != "/" && base != "." && !strings.HasPrefix(base, ".") && !strings.ContainsRune(base, 0) {
			name = base
		}
	}
	return name, nil
}

func (s *Server) patchUpload(w http.ResponseWriter, r *http.Request, sess *Session, id string) {
	if ct := r.Header.Get("Content-Type"); ct != "application/offset+octet-stream" {
		tusError(w, http.StatusUnsupportedMediaType, "Content-Type %q: send application/offset+octet-stream", ct)
		return
	}
	offset, err := strconv.ParseInt(r.Header.Get("Upload-Offset"), 10, 64)
	if err != nil || offset < 0 {
		tusError(w, http.StatusBadRequest, "Upload-Offset %q is not a non-negative integer", r.Header.Get("Upload-Offset"))
		return
	}
	rs := s.resumable
	rs.mu.Lock()
	u := rs.byID[id]
	switch {
	case u == nil || u.token != sess.Token:
		rs.mu.Unlock()
		tusError(w, http.StatusNotFound, "%v", errUploadNotFound)
		return
	case u.busy:
		rs.mu.Unlock()
		tusError(w, http.StatusConflict, "%v", errUploadBusy)
		return
	case offset != u.offset:
		rs.mu.Unlock()
		w.Header().Set("Upload-Offset", strconv.FormatInt(u.offset, 10))
		tusError(w, http.StatusConflict, "Upload-Offset %d, but the upload is at %d: HEAD it and resume from there", offset, u.offset)
		return
	case r.ContentLength > u.length-u.offset:
		rs.mu.Unlock()
		tusError(w, http.StatusRequestEntityTooLarge, "%d bytes sent, %d left of the declared Upload-Length %d", r.ContentLength, u.length-u.offset, u.length)
		return
	}
	u.busy = true
	path, left := u.path, u.length-u.offset
	rs.mu.Unlock()
	release, ok := s.startUpload(sess)
	if !ok {
		s.finishPatch(u, 0)
		w.Header().Set("Retry-After", "5")
		tusError(w, http.StatusTooManyRequests, "too many uploads under way (at most %d per session, %d in all); try again shortly", s.opts.MaxUploadsPerSession, s.opts.MaxUploads)
		return
	}
	defer release()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		s.finishPatch(u, 0)
		s.opts.Logf("graphql: resumable upload %s: %v", id, err)
		tusError(w, http.StatusInternalServerError, "cannot open the upload's file")
		return
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		s.finishPatch(u, 0)
		tusError(w, http.StatusInternalServerError, "cannot seek the upload's file")
		return
	}
	// One byte past what is left tells a body that runs over.
	body := s.paced(w, r, left+1)
	n, err := io.Copy(f, io.LimitReader(body, left+1))
	if n > left {
		// Refused whole: what this request brought is dropped, what
		// earlier ones did is kept.
		f.Truncate(offset)
		s.finishPatch(u, 0)
		tusError(w, http.StatusRequestEntityTooLarge, "the body runs past the declared Upload-Length %d", u.length)
		return
	}
	// Whatever arrived before the connection dropped is kept: that is
	// what makes the upload resumable.
	if serr := f.Sync(); serr != nil {
		f.Truncate(offset)
		n = 0
		err = serr
	}
	s.finishPatch(u, n)
	if err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			tusError(w, http.StatusRequestEntityTooLarge, "the body runs past the declared Upload-Length %d", u.length)
		case errors.Is(err, errTooSlow):
			tusError(w, http.StatusRequestTimeout, "%v; %d bytes kept, resume at %d", errTooSlow, n, offset+n)
		default:
			tusError(w, http.StatusBadRequest, "body: %v; %d bytes kept, resume at %d", err, n, offset+n)
		}
		return
	}
	h := w.Header()
	h.Del("Connection")
	h.Set("Upload-Offset", strconv.FormatInt(offset+n, 10))
	h.Set("Upload-Expires", s.uploadExpiry(id).UTC().Format(http.TimeFormat))
	w.WriteHeader(http.StatusNoContent)
}

// finishPatch records n more bytes of u and frees it for the next
// request; activity pushes its expiry back.
func (s *Server) finishPatch(u *tusUpload, n int64) {
	rs := s.resumable
	rs.mu.Lock()
	u.offset += n
	u.busy = false
	u.expires = s.opts.Now().Add(s.opts.ResumableTTL)
	rs.mu.Unlock()
}

func (s *Server) uploadExpiry(id string) time.Time {
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if u := rs.byID[id]; u != nil {
		return u.expires
	}
	return time.Time{}
}

// removeLocked forgets u and deletes its file; rs.mu is held.
func (rs *resumables) removeLocked(u *tusUpload) {
	delete(rs.byID, u.id)
	rs.total -= u.length
	if rs.reserved[u.token] -= u.length; rs.reserved[u.token] <= 0 {
		delete(rs.reserved, u.token)
	}
	if rs.count[u.token]--; rs.count[u.token] <= 0 {
		delete(rs.count, u.token)
	}
	os.Remove(u.path)
}

func (s *Server) dropUpload(sess *Session, id string) error {
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	u := rs.byID[id]
	if u == nil || u.token != sess.Token {
		return errUploadNotFound
	}
	if u.busy {
		return errUploadBusy
	}
	rs.removeLocked(u)
	return nil
}

// sweepUploads removes uploads idle past their expiry, and those of
// sessions that ended. Unless forced it runs at most once a minute.
func (s *Server) sweepUploads(force bool) {
	rs := s.resumable
	now := s.opts.Now()
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if !force && now.Sub(rs.lastSweep) < time.Minute {
		return
	}
	rs.lastSweep = now
	for _, u := range rs.byID {
		// A session store that cannot answer ends nothing: only a session
		// known to be gone does.
		if sess, err := s.sessions.lookup(u.token); !u.busy && (now.After(u.expires) || (err == nil && sess == nil)) {
			rs.removeLocked(u)
		}
	}
}

func (s *Server) sweepEvery() time.Duration {
	return max(time.Minute, min(s.opts.ResumableTTL/2, 10*time.Minute))
}

// timedSweep sweeps, and comes back while uploads remain.
func (s *Server) timedSweep() {
	s.sweepUploads(true)
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if len(rs.byID) > 0 {
		rs.timer.Reset(s.sweepEvery())
	} else {
		rs.timer = nil
	}
}

// removeStaleSpools removes the spools of servers gone (a restart ends
// every session, so their uploads can never be used): those in
// UploadDir untouched for longer than ResumableTTL. A live server's
// spool changes whenever an upload comes or goes, and holds nothing
// idle that long.
func (s *Server) removeStaleSpools() {
	dir := s.opts.UploadDir
	if dir == "" {
		dir = os.TempDir()
	}
	old, _ := filepath.Glob(filepath.Join(dir, "desci-resumable-*"))
	for _, p := range old {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() && s.opts.Now().Sub(fi.ModTime()) > s.opts.ResumableTTL {
			os.RemoveAll(p)
		}
	}
}

// takeUploads claims the session's completed uploads ids for notarize:
// all or none, each once. The caller calls done with whether it used
// them: if so they are removed, if not they are the session's again.
func (s *Server) takeUploads(sess *Session, ids []string) (ups []*Upload, done func(used bool), err error) {
	rs := s.resumable
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var taken []*tusUpload
	seen := map[string]bool{}
	for _, id := range ids {
		u := rs.byID[id]
		switch {
		case u == nil || u.token != sess.Token:
			return nil, nil, coded(CodeNotFound, fmt.Errorf("upload %q: %w (unknown, expired, used, or another session's)", id, errUploadNotFound))
		case seen[id]:
			return nil, nil, coded(CodeBadUserInput, fmt.Errorf("upload %q named twice", id))
		case u.busy:
			return nil, nil, coded(CodeBadUserInput, fmt.Errorf("upload %q: %w", id, errUploadBusy))
		case u.offset != u.length:
			return nil, nil, coded(CodeBadUserInput, fmt.Errorf("upload %q is incomplete: %d of %d bytes; resume it first", id, u.offset, u.length))
		}
		seen[id] = true
		taken = append(taken, u)
	}
	for _, u := range taken {
		u.busy = true
		ups = append(ups, &Upload{Filename: u.filename, Path: u.path, Size: u.length})
	}
	return ups, func(used bool) {
		rs.mu.Lock()
		defer rs.mu.Unlock()
		for _, u := range taken {
			u.busy = false
			if used {
				rs.removeLocked(u)
			}
		}
	}, nil
}
