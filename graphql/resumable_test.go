package graphql

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/desci-platform/desci/keys"
)

// tus sends one resumable-upload request; hdr "Tus-Resumable" is added
// unless given (an empty value leaves it out).
func (e *env) tus(method, path, token string, hdr map[string]string, body io.Reader) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.http.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Tus-Resumable", tusVersion)
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	if method == http.MethodPatch && hdr["Content-Type"] == "" {
		req.Header.Set("Content-Type", "application/offset+octet-stream")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// create starts a resumable upload of length bytes and returns its ID.
func (e *env) create(token string, length int, filename string) string {
	e.t.Helper()
	resp := e.tus(http.MethodPost, "/uploads", token, map[string]string{
		"Upload-Length":   strconv.Itoa(length),
		"Upload-Metadata": "filename " + base64.StdEncoding.EncodeToString([]byte(filename)),
	}, nil)
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("create: %s", resp.Status)
	}
	id, ok := strings.CutPrefix(resp.Header.Get("Location"), "/uploads/")
	if !ok {
		e.t.Fatalf("create: Location %q", resp.Header.Get("Location"))
	}
	return id
}

func (e *env) patch(token, id string, offset int, data []byte) *http.Response {
	e.t.Helper()
	return e.tus(http.MethodPatch, "/uploads/"+id, token, map[string]string{"Upload-Offset": strconv.Itoa(offset)}, bytes.NewReader(data))
}

func (e *env) offset(token, id string) (int, int) {
	e.t.Helper()
	resp := e.tus(http.MethodHead, "/uploads/"+id, token, nil, nil)
	if resp.StatusCode != http.StatusOK {
		return -1, resp.StatusCode
	}
	n, _ := strconv.Atoi(resp.Header.Get("Upload-Offset"))
	return n, resp.StatusCode
}

const notarizeUploads = `mutation($u: [String!]) { notarize(uploads: $u, kind: "dataset", title: "uploaded") { cid content { root files { path size } } } }`

func randomBytes(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func TestResumableInterruptedGivesTheSameCID(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.UploadDir = t.TempDir() })
	researcher := e.signIn(e.researcher)
	data := randomBytes(3<<20+123, 1)

	one := e.multipartRequest(researcher, `mutation($f: [Upload!]) { notarize(files: $f, kind: "dataset", title: "uploaded") { content { root } } }`,
		map[string]any{"f": []any{nil}}, []file{{"variables.f.0", "big.bin", string(data)}})
	if len(one.Errors) > 0 {
		t.Fatalf("one-shot: %+v", one.Errors)
	}
	want := get(one.Data, "notarize.content.root")

	id := e.create(researcher, len(data), "big.bin")
	if off, _ := e.offset(researcher, id); off != 0 {
		t.Fatalf("a new upload is at %d", off)
	}
	// The connection drops a third of the way in: a raw request that
	// promises everything and sends a third.
	cut := len(data) / 3
	conn, err := net.Dial("tcp", e.http.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "PATCH /uploads/%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nTus-Resumable: 1.0.0\r\n"+
		"Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: %d\r\n\r\n", id, researcher, len(data))
	conn.Write(data[:cut])
	// Closing our side ends the body early; the server's answer tells
	// its handler is done with what arrived.
	conn.(*net.TCPConn).CloseWrite()
	if b, _ := io.ReadAll(conn); !strings.Contains(string(b), "resume at") {
		t.Errorf("the cut request's answer: %q", b)
	}
	conn.Close()

	off, _ := e.offset(researcher, id)
	if off != cut {
		t.Fatalf("after the cut HEAD says %d, want the %d bytes that arrived", off, cut)
	}
	if r := e.do(researcher, notarizeUploads, map[string]any{"u": []string{id}}); r.code() != CodeBadUserInput || !strings.Contains(fmt.Sprint(r.Errors), "incomplete") {
		t.Errorf("notarize of an incomplete upload: %q %+v", r.code(), r.Errors)
	}
	// Resumed from HEAD's offset, in two more pieces.
	mid := off + (len(data)-off)/2
	for _, p := range [][2]int{{off, mid}, {mid, len(data)}} {
		resp := e.patch(researcher, id, p[0], data[p[0]:p[1]])
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Upload-Offset") != strconv.Itoa(p[1]) {
			t.Fatalf("PATCH at %d: %s, offset %q", p[0], resp.Status, resp.Header.Get("Upload-Offset"))
		}
	}
	d := e.ok(researcher, notarizeUploads, map[string]any{"u": []string{id}})
	if got := get(d, "notarize.content.root"); got != want || get(d, "notarize.content.files.0.path") != "big.bin" {
		t.Errorf("resumed upload: root %v, file %v; the one-shot upload's root %v", got, get(d, "notarize.content.files.0.path"), want)
	}
	// Used once: the ID is gone, and so is its file.
	if r := e.do(researcher, notarizeUploads, map[string]any{"u": []string{id}}); r.code() != CodeNotFound {
		t.Errorf("notarize with a used upload: %q %+v", r.code(), r.Errors)
	}
	if _, st := e.offset(researcher, id); st != http.StatusNotFound {
		t.Errorf("HEAD of a used upload: %d", st)
	}
	if left, _ := filepath.Glob(filepath.Join(e.srv.resumable.dir, "*")); len(left) != 0 {
		t.Errorf("spool holds %v after use", left)
	}
}

func TestResumableFolder(t *testing.T) {
	e := newEnv(t, nil)
	researcher := e.signIn(e.researcher)
	var ids []string
	for name, body := range map[string]string{"values.csv": "id,value\n1,2\n", "README.md": "# trial\n"} {
		id := e.create(researcher, len(body), name)
		if resp := e.patch(researcher, id, 0, []byte(body)); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("PATCH: %s", resp.Status)
		}
		ids = append(ids, id)
	}
	d := e.ok(researcher, notarizeUploads, map[string]any{"u": ids})
	if files := get(d, "notarize.content.files").([]any); len(files) != 2 {
		t.Errorf("files %v", files)
	}
}

func TestResumableAttacks(t *testing.T) {
	e := newEnv(t, func(o *Options) {
		o.MaxUploadBytes = 1000
		o.MaxUploadsPerSession = 2 // 2000 declared bytes a session
		o.MaxUploads = 3           // 3000 in all
		o.MaxResumablePerSession = 5
		o.UploadDir = t.TempDir()
	})
	researcher, steward, patient := e.signIn(e.researcher), e.signIn(e.steward), e.signIn(e.patient)
	researcher2 := e.signIn(e.researcher) // the same person, another session
	mine := e.create(researcher, 10, "a.txt")
	const unknown = "00112233445566778899aabbccddeeff"
	length := func(n int) map[string]string { return map[string]string{"Upload-Length": strconv.Itoa(n)} }
	for _, tc := range []struct {
		name string
		send func() *http.Response
		want int
	}{
		{"creating without a session is refused", func() *http.Response { return e.tus("POST", "/uploads", "", length(10), nil) }, 401},
		{"creating with an unknown token is refused", func() *http.Response { return e.tus("POST", "/uploads", "nope", length(10), nil) }, 401},
		{"a patient cannot upload", func() *http.Response { return e.tus("POST", "/uploads", patient, length(10), nil) }, 403},
		{"a steward can", func() *http.Response { return e.tus("POST", "/uploads", steward, length(10), nil) }, 201},
		{"another tus version is refused", func() *http.Response {
			return e.tus("POST", "/uploads", researcher, map[string]string{"Upload-Length": "10", "Tus-Resumable": "0.2.2"}, nil)
		}, 412},
		{"a length over MaxUploadBytes is refused before anything is written", func() *http.Response { return e.tus("POST", "/uploads", researcher, length(1001), nil) }, 413},
		{"a negative length is refused", func() *http.Response { return e.tus("POST", "/uploads", researcher, length(-1), nil) }, 400},
		{"no length is refused (deferred lengths are not supported)", func() *http.Response {
			return e.tus("POST", "/uploads", researcher, map[string]string{"Upload-Defer-Length": "1"}, nil)
		}, 400},
		{"a body with the creation is refused", func() *http.Response {
			return e.tus("POST", "/uploads", researcher, length(3), strings.NewReader("abc"))
		}, 400},
		{"another session's upload is not found, as an unknown one: HEAD", func() *http.Response { return e.tus("HEAD", "/uploads/"+mine, researcher2, nil, nil) }, 404},
		{"HEAD of an unknown upload", func() *http.Response { return e.tus("HEAD", "/uploads/"+unknown, researcher, nil, nil) }, 404},
		{"another session's upload is not found: PATCH", func() *http.Response { return e.patch(researcher2, mine, 0, []byte("x")) }, 404},
		{"another session's upload is not found: DELETE", func() *http.Response { return e.tus("DELETE", "/uploads/"+mine, researcher2, nil, nil) }, 404},
		{"a path for an ID is not found", func() *http.Response { return e.tus("HEAD", "/uploads/"+mine+"/..", researcher, nil, nil) }, 404},
		{"an escaped path for an ID is not found", func() *http.Response { return e.tus("HEAD", "/uploads/..%2f..%2fetc%2fpasswd", researcher, nil, nil) }, 404},
		{"PATCH at a wrong offset conflicts", func() *http.Response { return e.patch(researcher, mine, 3, []byte("x")) }, 409},
		{"PATCH past the declared length is refused unread", func() *http.Response { return e.patch(researcher, mine, 0, make([]byte, 11)) }, 413},
		{"PATCH chunked past the declared length is refused", func() *http.Response {
			return e.tus("PATCH", "/uploads/"+mine, researcher, map[string]string{"Upload-Offset": "0"}, io.MultiReader(strings.NewReader(strings.Repeat("y", 11))))
		}, 413},
		{"PATCH of another content type is refused", func() *http.Response {
			return e.tus("PATCH", "/uploads/"+mine, researcher, map[string]string{"Upload-Offset": "0", "Content-Type": "application/octet-stream"}, strings.NewReader("x"))
		}, 415},
		{"GET is not a tus method", func() *http.Response { return e.tus("GET", "/uploads/"+mine, researcher, nil, nil) }, 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if resp := tc.send(); resp.StatusCode != tc.want {
				t.Errorf("%s, want %d", resp.Status, tc.want)
			}
		})
	}
	t.Run("nothing of the refused bodies was kept", func(t *testing.T) {
		if off, _ := e.offset(researcher, mine); off != 0 {
			t.Errorf("offset %d", off)
		}
		if fi, err := os.Stat(filepath.Join(e.srv.resumable.dir, mine)); err != nil || fi.Size() != 0 {
			t.Errorf("spool file: %v %v", fi, err)
		}
	})
	t.Run("IDs are 128 random bits", func(t *testing.T) {
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(mine) {
			t.Errorf("ID %q", mine)
		}
	})
	t.Run("a client's filename never names a path", func(t *testing.T) {
		id := e.create(researcher, 1, "../../../../etc/evil")
		e.patch(researcher, id, 0, []byte("z"))
		rs := e.srv.resumable
		rs.mu.Lock()
		u := rs.byID[id]
		rs.mu.Unlock()
		if u.filename != "evil" || filepath.Dir(u.path) != rs.dir {
			t.Errorf("filename %q at %s", u.filename, u.path)
		}
		e.tus("DELETE", "/uploads/"+id, researcher, nil, nil)
	})
	t.Run("another session cannot notarize my upload", func(t *testing.T) {
		e.patch(researcher, mine, 0, []byte("0123456789"))
		if r := e.do(researcher2, notarizeUploads, map[string]any{"u": []string{mine}}); r.code() != CodeNotFound {
			t.Errorf("%q %+v", r.code(), r.Errors)
		}
		if r := e.do(researcher, notarizeUploads, map[string]any{"u": []string{mine, mine}}); r.code() != CodeBadUserInput {
			t.Errorf("the same upload twice: %q %+v", r.code(), r.Errors)
		}
		if r := e.do(researcher, `mutation($u: [String!]) { notarize(uploads: $u, kind: "consent", title: "x") { cid } }`, map[string]any{"u": []string{mine}}); r.code() != CodeBadUserInput {
			t.Errorf("a bad kind: %q %+v", r.code(), r.Errors)
		}
		// Refused requests lose nothing: the upload is still there.
		if off, _ := e.offset(researcher, mine); off != 10 {
			t.Errorf("offset %d after refused notarizes", off)
		}
	})
	t.Run("declared bytes are bounded per session, in all, and by the free disk", func(t *testing.T) {
		a := e.create(researcher, 991, "a") // the session now holds 10 + 991
		if resp := e.tus("POST", "/uploads", researcher, length(1000), nil); resp.StatusCode != 413 {
			t.Errorf("over the session's 2000 bytes: %s", resp.Status)
		}
		// Another session may still, up to the server's 3000
		// (the steward holds 10).
		b := e.create(researcher2, 1000, "b")
		if resp := e.tus("POST", "/uploads", researcher2, length(991), nil); resp.StatusCode != 503 {
			t.Errorf("over the server's 3000 bytes: %s", resp.Status)
		}
		e.tus("DELETE", "/uploads/"+a, researcher, nil, nil)
		e.tus("DELETE", "/uploads/"+b, researcher2, nil, nil)
		rs := e.srv.resumable
		rs.free = func(string) (int64, error) { return 500, nil }
		defer func() { rs.free = freeSpace }()
		if resp := e.tus("POST", "/uploads", researcher, length(501), nil); resp.StatusCode != 507 {
			t.Errorf("over the free disk: %s", resp.Status)
		}
	})
	t.Run("uploads are counted per session", func(t *testing.T) {
		var n int
		for n = 0; n < 10; n++ {
			if resp := e.tus("POST", "/uploads", researcher2, length(0), nil); resp.StatusCode != 201 {
				if resp.StatusCode != 429 {
					t.Errorf("%s", resp.Status)
				}
				break
			}
		}
		if n != 5 {
			t.Errorf("%d uploads made, want 5", n)
		}
	})
	t.Run("concurrent PATCHes of one upload: one writes, the other conflicts", func(t *testing.T) {
		id := e.create(researcher, 1000, "c")
		pr, pw := io.Pipe()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("PATCH", e.http.URL+"/uploads/"+id, pr)
			req.Header.Set("Authorization", "Bearer "+researcher)
			req.Header.Set("Tus-Resumable", tusVersion)
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			req.Header.Set("Upload-Offset", "0")
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
		pw.Write([]byte("first"))
		for { // the first PATCH holds the upload once its bytes arrive
			rs := e.srv.resumable
			rs.mu.Lock()
			busy := rs.byID[id].busy
			rs.mu.Unlock()
			if busy {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		if resp := e.patch(researcher, id, 0, []byte("second")); resp.StatusCode != 409 {
			t.Errorf("a second writer: %s", resp.Status)
		}
		pw.Close()
		wg.Wait()
		if off, _ := e.offset(researcher, id); off != 5 {
			t.Errorf("offset %d, want the first writer's 5", off)
		}
	})
}

func TestResumableSweep(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	spool := t.TempDir()
	e := newEnv(t, func(o *Options) { o.Now = clock; o.ResumableTTL = 10 * time.Minute; o.UploadDir = spool })
	researcher := e.signIn(e.researcher)
	// A spool left by a server gone is removed; a live one is not.
	stale, live := filepath.Join(spool, "desci-resumable-gone"), filepath.Join(spool, "desci-resumable-live")
	for _, d := range []string{stale, live} {
		if err := os.MkdirAll(filepath.Join(d, "x"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(stale, now.Add(-time.Hour), now.Add(-time.Hour))
	idle := e.create(researcher, 10, "idle")
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a stale spool: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a live spool: %v", err)
	}
	busy := e.create(researcher, 10, "busy")
	advance(7 * time.Minute)
	e.patch(researcher, busy, 0, []byte("01234")) // activity keeps it
	advance(5 * time.Minute)
	if _, st := e.offset(researcher, idle); st != http.StatusNotFound {
		t.Errorf("an upload idle past its TTL: HEAD %d, want 404", st)
	}
	if off, _ := e.offset(researcher, busy); off != 5 {
		t.Errorf("an active upload: offset %d", off)
	}
	if _, err := os.Stat(filepath.Join(e.srv.resumable.dir, idle)); !os.IsNotExist(err) {
		t.Errorf("the swept upload's file: %v", err)
	}
	e.srv.sessions.signOut(researcher)
	e.srv.sweepUploads(true)
	if n := len(e.srv.resumable.byID); n != 0 || e.srv.resumable.total != 0 {
		t.Errorf("after sign-out %d uploads, %d bytes remain", n, e.srv.resumable.total)
	}
}

func TestResumableAddDataset(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	e := newEnv(t, func(o *Options) {
		st, err := keys.OpenStewards(filepath.Join(t.TempDir(), "stewards"), keys.Options{LightKDF: true})
		if err != nil {
			t.Fatal(err)
		}
		o.Stewards, o.StewardIdentities = st, []age.Identity{id}
	})
	steward := e.signIn(e.steward)
	var table strings.Builder
	table.WriteString("subject_id,name,age,sex,hba1c\n")
	for i := range 12 {
		fmt.Fprintf(&table, "S%d,Patient %d,%d,%s,%.1f\n", i, i, 30+i, []string{"F", "M"}[i%2], 5+float64(i)/10)
	}
	up := e.create(steward, table.Len(), "visits.csv")
	if resp := e.patch(steward, up, 0, []byte(table.String())); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("PATCH: %s", resp.Status)
	}
	const add = `mutation($u: String, $d: Upload!) { addDataset(upload: $u, dictionary: $d, title: "Visits") { cid content { sealed files { path } } } }`
	dict := func(body string) []file { return []file{{"variables.d", "visits.yaml", body}} }
	// A dictionary that refuses the table loses nothing: the upload stays.
	if r := e.multipartRequest(steward, add, map[string]any{"u": up, "d": nil}, dict("version: 1\ncolumns: nope\n")); r.code() != CodeBadUserInput {
		t.Fatalf("a broken dictionary: %q %+v", r.code(), r.Errors)
	}
	r := e.multipartRequest(steward, add, map[string]any{"u": up, "d": nil}, dict(visitsDictionary))
	if len(r.Errors) > 0 || get(r.Data, "addDataset.content.files.0.path") != "visits.csv" || get(r.Data, "addDataset.content.sealed") == nil {
		t.Fatalf("addDataset from an upload: %v %+v", r.Data, r.Errors)
	}
	if r := e.multipartRequest(steward, add, map[string]any{"u": up, "d": nil}, dict(visitsDictionary)); r.code() != CodeNotFound {
		t.Errorf("the upload used again: %q %+v", r.code(), r.Errors)
	}
}

// A stranger's or a patient's PATCH is answered before its body is read:
// the request promises a megabyte and sends none of it.
func TestResumableAuthBeforeBody(t *testing.T) {
	e := newEnv(t, nil)
	researcher, patient := e.signIn(e.researcher), e.signIn(e.patient)
	id := e.create(researcher, 1<<20, "big.bin")
	for _, tc := range []struct {
		name, auth, want string
	}{
		{"no session", "", "401"},
		{"a patient", "Authorization: Bearer " + patient + "\r\n", "403"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", e.http.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetReadDeadline(time.Now().Add(20 * time.Second)) // a hang fails, not a slow answer
			fmt.Fprintf(conn, "PATCH /uploads/%s HTTP/1.1\r\nHost: x\r\n%sTus-Resumable: 1.0.0\r\n"+
				"Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: %d\r\n\r\n", id, tc.auth, 1<<20)
			line := make([]byte, 12)
			if _, err := io.ReadFull(conn, line); err != nil || !strings.HasSuffix(string(line), tc.want) {
				t.Errorf("answer %q %v, want %s", line, err, tc.want)
			}
		})
	}
}

func FuzzUploadFilename(f *testing.F) {
	for _, s := range []string{"filename YS50eHQ=", "filename Li4vLi4vZXRjL3Bhc3N3ZA==", "filename Lg==", "a b,filename Zm9v", "filename !!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		name, err := uploadFilename(md)
		if err != nil {
			return
		}
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") || strings.HasPrefix(name, ".") || filepath.Base(name) != name {
			t.Errorf("%q gives the filename %q", md, name)
		}
	})
}

func TestResumableDiscoveryAndCORS(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.CORSOrigins = []string{"https://portal.example"} })
	req, _ := http.NewRequest(http.MethodOptions, e.http.URL+"/uploads", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Tus-Version") != tusVersion ||
		resp.Header.Get("Tus-Max-Size") != strconv.Itoa(256<<20) || !strings.Contains(resp.Header.Get("Tus-Extension"), "creation") {
		t.Errorf("discovery: %s %v", resp.Status, resp.Header)
	}
	req, _ = http.NewRequest(http.MethodOptions, e.http.URL+"/uploads/x", nil)
	req.Header.Set("Origin", "https://portal.example")
	req.Header.Set("Access-Control-Request-Method", "PATCH")
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") || !strings.Contains(h.Get("Access-Control-Allow-Headers"), "Upload-Offset") ||
		!strings.Contains(h.Get("Access-Control-Expose-Headers"), "Location") {
		t.Errorf("preflight: %v", h)
	}
}
