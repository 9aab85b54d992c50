package graphql

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gql "github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// An Upload is a file sent with a multipart request (the GraphQL
// multipart request spec), spooled to a temporary file for the request's
// lifetime.
type Upload struct {
	Filename string // the client's name for it, base name only
	Path     string // where it is spooled
	Size     int64

	resumable bool // a completed resumable upload: linked, not moved, until notarize succeeds
}

// uploadSet is a request's files and where the map puts them.
type uploadSet struct {
	dir   string
	files map[string]*Upload
	paths map[string][]string // file field name -> object paths ("variables.files.0")
}

func (u *uploadSet) remove() { os.RemoveAll(u.dir) }

// readMultipart reads operations, then map, then the files, streaming
// each to disk as the spec's order allows.
func readMultipart(r *http.Request, req *request, spool string) (*uploadSet, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(spool, "desci-upload-")
	if err != nil {
		return nil, err
	}
	u := &uploadSet{dir: dir, files: map[string]*Upload{}}
	fail := func(err error) (*uploadSet, error) { u.remove(); return nil, err }
	for i := 0; ; i++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(err)
		}
		name := part.FormName()
		switch {
		case i == 0 && name != "operations", i == 1 && name != "map":
			return fail(errors.New("the first fields must be operations, then map"))
		case name == "operations":
			dec := json.NewDecoder(io.LimitReader(part, 1<<20))
			dec.UseNumber()
			if err := dec.Decode(req); err != nil {
				return fail(fmt.Errorf("operations: %w (one operation per request)", err))
			}
		case name == "map":
			if err := json.NewDecoder(io.LimitReader(part, 1<<20)).Decode(&u.paths); err != nil {
				return fail(fmt.Errorf("map: %w", err))
			}
		default:
			if _, ok := u.paths[name]; !ok {
				return fail(fmt.Errorf("file field %q is not in the map", name))
			}
			base := filepath.Base(filepath.Clean("/" + part.FileName()))
			if base == "/" || base == "." || strings.HasPrefix(base, ".") {
				base = "file-" + strconv.Itoa(len(u.files))
			}
			p := filepath.Join(dir, strconv.Itoa(len(u.files)))
			f, err := os.Create(p)
			if err != nil {
				return fail(err)
			}
			n, err := io.Copy(f, part)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fail(err)
			}
			u.files[name] = &Upload{Filename: base, Path: p, Size: n}
		}
	}
	io.Copy(io.Discard, r.Body) // to the end, as for JSON (serveGraphQL)
	for name := range u.paths {
		if u.files[name] == nil {
			return fail(fmt.Errorf("map names file field %q, which was not sent", name))
		}
	}
	return u, nil
}

// substitute puts each file where the map says, in the variables.
func (u *uploadSet) substitute(vars map[string]any) {
	for name, paths := range u.paths {
		for _, p := range paths {
			parts := strings.Split(p, ".")
			if len(parts) < 2 || parts[0] != "variables" {
				continue
			}
			var cur any = vars
			for i, k := range parts[1:] {
				last := i == len(parts)-2
				switch c := cur.(type) {
				case map[string]any:
					if last {
						c[k] = u.files[name]
					} else {
						cur = c[k]
					}
				case []any:
					n, err := strconv.Atoi(k)
					if err != nil || n < 0 || n >= len(c) {
						break
					}
					if last {
						c[n] = u.files[name]
					} else {
						cur = c[n]
					}
				}
			}
		}
	}
}

// uploadScalar is the spec's Upload: only a variable can carry one.
var uploadScalar = gql.NewScalar(gql.ScalarConfig{
	Name:        "Upload",
	Description: "A file sent with the request per the GraphQL multipart request spec.",
	Serialize:   func(v any) any { return nil },
	ParseValue: func(v any) any {
		if u, ok := v.(*Upload); ok {
			return u
		}
		return nil
	},
	ParseLiteral: func(ast.Value) any { return nil },
})

// startUpload takes an upload slot for sess, or reports there is none.
func (s *Server) startUpload(sess *Session) (release func(), ok bool) {
	s.uploadMu.Lock()
	if s.perSession[sess.Token] >= s.opts.MaxUploadsPerSession {
		s.uploadMu.Unlock()
		return nil, false
	}
	select {
	case s.uploading <- struct{}{}:
	default:
		s.uploadMu.Unlock()
		return nil, false
	}
	s.perSession[sess.Token]++
	s.uploadMu.Unlock()
	return func() {
		s.uploadMu.Lock()
		if s.perSession[sess.Token]--; s.perSession[sess.Token] <= 0 {
			delete(s.perSession, sess.Token)
		}
		s.uploadMu.Unlock()
		<-s.uploading
	}, true
}

var errTooSlow = errors.New("request body arrived too slowly")

// paced bounds a request body's size and its pace: each read must bring
// something within ReadIdleTimeout, and once that long has passed the
// body must have averaged MinBodyRate. A connection that trickles holds
// the server's resources for seconds, not hours.
func (s *Server) paced(w http.ResponseWriter, r *http.Request, limit int64) io.ReadCloser {
	return &pacedBody{
		ReadCloser: http.MaxBytesReader(w, r.Body, limit), rc: http.NewResponseController(w),
		start: time.Now(), idle: s.opts.ReadIdleTimeout, rate: s.opts.MinBodyRate,
	}
}

type pacedBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	start time.Time
	idle  time.Duration
	rate  int64
	n     int64
}

func (b *pacedBody) Read(p []byte) (int, error) {
	now := time.Now()
	if el := now.Sub(b.start); el > b.idle && el > b.idle+time.Duration(float64(b.n)/float64(b.rate)*float64(time.Second)) {
		return 0, errTooSlow
	}
	// A handler that cannot set deadlines (a test's recorder) is paced
	// by the checks above only.
	_ = b.rc.SetReadDeadline(now.Add(b.idle))
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		err = errTooSlow
	}
	return n, err
}
