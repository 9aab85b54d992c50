package landing

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/desci-platform/desci/notary"
)

func TestDownloads(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	ds := "/m/" + f.cids["dataset"].String() + "/files/"
	big := "/m/" + f.cids["big"].String() + "/files/big.bin"
	n := len(f.big)
	for _, tc := range []struct {
		name   string
		path   string
		hdr    []string
		status int
		want   []byte
		header map[string]string
	}{
		{"whole file", ds + "data/values.csv", nil, 200, f.files["data/values.csv"], map[string]string{
			"Content-Type": "application/octet-stream", "Content-Disposition": `attachment; filename="values.csv"; filename*=UTF-8''values.csv`,
			"Accept-Ranges": "bytes", "ETag": `"bafkreigbkcl4i3tnx7th3aigygfykd7ugeujrqkgo4lgtlsqgjhzcdwzhq"`,
		}},
		{"a UTF-8 name", ds + "data/donn%C3%A9es.csv", nil, 200, f.files["data/données.csv"], map[string]string{
			"Content-Disposition": `attachment; filename="donn_es.csv"; filename*=UTF-8''donn%C3%A9es.csv`,
		}},
		{"a range across blocks", big, []string{"Range", "bytes=1048000-2097999"}, 206, f.big[1048000:2098000], map[string]string{
			"Content-Range": fmt.Sprintf("bytes 1048000-2097999/%d", n),
		}},
		{"the last bytes", big, []string{"Range", "bytes=-10"}, 206, f.big[n-10:], nil},
		{"a range past the end", big, []string{"Range", fmt.Sprintf("bytes=%d-", n)}, 416, nil, nil},
		{"the whole big file", big, nil, 200, f.big, nil},
		{"not modified", ds + "README.md", []string{"If-None-Match", `"bafkreidclaikprk65www7ry6kjs7gxh5meezmzz56cymg5b7yl55hcztby"`}, 304, nil, nil},
		{"no such file", ds + "data/missing.csv", nil, 404, nil, nil},
		{"a directory", ds + "data", nil, 404, nil, nil},
		{"sealed data", "/m/" + f.cids["sealed"].String() + "/files/patients.csv", nil, 403, nil, nil},
		{"a file a private object holds too", "/m/" + f.cids["shares"].String() + "/files/extract-copy.csv", nil, 404, nil, nil},
		{"the public file beside it", "/m/" + f.cids["shares"].String() + "/files/own.csv", nil, 200, []byte("mine\n"), nil},
		{"a file of a private object", "/m/" + f.cids["extract"].String() + "/files/extract.csv", nil, 404, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := get(t, h, tc.path, tc.hdr...)
			b := []byte(body(t, res))
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.200s", res.StatusCode, tc.status, b)
			}
			if tc.want != nil && !bytes.Equal(b, tc.want) {
				t.Errorf("%d bytes, not the %d wanted", len(b), len(tc.want))
			}
			for k, v := range tc.header {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if res.StatusCode < 300 && res.Header.Get("Content-Security-Policy") != "default-src 'none'; sandbox" {
				t.Errorf("Content-Security-Policy %q", res.Header.Get("Content-Security-Policy"))
			}
		})
	}
}

// A block changed on disk is never served as the file: the response
// stops short where the block would be.
func TestDownloadChecksBlocks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := notary.Open(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := getFixture(t)
	p := filepath.Join(dir, "big.bin")
	os.WriteFile(p, f.big, 0o644)
	c, m, err := s.Notarize(ctx, p, notary.Publication{Kind: notary.KindDataset, Title: "to be damaged"}, notary.ImportOptions{}, f.key)
	if err != nil {
		t.Fatal(err)
	}
	// Flip a byte of the second leaf (1 MiB chunks): find its block file.
	leaf := f.big[1<<20 : 2<<20]
	var damaged string
	filepath.WalkDir(filepath.Join(dir, "store", "blocks"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); bytes.Equal(b, leaf) {
				damaged = path
			}
		}
		return nil
	})
	if damaged == "" {
		t.Skip("no block holds the second MiB: the profile's chunks are not 1 MiB")
	}
	b := bytes.Clone(leaf)
	b[100] ^= 1
	if err := os.WriteFile(damaged, b, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := New(Options{Notary: s, Index: s.Index(), PublicURL: "https://x.example"})
	if err != nil {
		t.Fatal(err)
	}
	path := "/m/" + c.String() + "/files/" + m.Content.Files[0].Path
	res := get(t, h, path)
	got := []byte(body(t, res))
	if bytes.Equal(got, f.big) || bytes.Contains(got, b[:200]) {
		t.Fatalf("status %d, %d bytes: the damaged block went out", res.StatusCode, len(got))
	}
	// A range of the damaged block, and one before it (the reader fetches
	// ahead, so it may stop short too): never a wrong byte.
	for _, rg := range [][2]int{{1<<20 + 50, 1<<20 + 150}, {0, 999}} {
		res = get(t, h, path, "Range", fmt.Sprintf("bytes=%d-%d", rg[0], rg[1]))
		if got := []byte(body(t, res)); !bytes.HasPrefix(f.big[rg[0]:], got) || rg[0] > 1<<20 && len(got) > 0 {
			t.Fatalf("range %v: %d, %d bytes, not the file's", rg, res.StatusCode, len(got))
		}
	}
}

// Past MaxDownloadsPerClient from one address (an IPv6 /64), a download
// is refused; another client still gets its own.
func TestDownloadLimitPerClient(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{MaxDownloadsPerClient: 2})
	from := func(addr string) *http.Request {
		r := httptest.NewRequest("GET", "/m/"+f.cids["dataset"].String()+"/files/README.md", nil)
		r.RemoteAddr = addr
		return r
	}
	var releases []func()
	for _, a := range []string{"[2001:db8::1]:1000", "[2001:db8::2]:1000"} {
		rel, ok := h.startDownload(from(a))
		if !ok {
			t.Fatalf("%s refused", a)
		}
		releases = append(releases, rel)
	}
	if _, ok := h.startDownload(from("[2001:db8::3]:1000")); ok {
		t.Fatal("a third download from the same /64 was let through")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, from("[2001:db8:1::1]:1000"))
	if w.Code != 200 {
		t.Fatalf("another client: %d", w.Code)
	}
	for _, rel := range releases {
		rel()
	}
	if len(h.perClient) != 0 {
		t.Fatalf("slots left: %v", h.perClient)
	}
}

// Past MaxDownloads, a download is refused at once, not queued.
func TestDownloadLimit(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{MaxDownloads: 1})
	h.downloads <- struct{}{} // one under way
	res := get(t, h, "/m/"+f.cids["dataset"].String()+"/files/README.md")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	<-h.downloads
	if res := get(t, h, "/m/"+f.cids["dataset"].String()+"/files/README.md"); res.StatusCode != 200 {
		t.Fatalf("after: status %d", res.StatusCode)
	}
}

// TestBundle: an anchored public object's verification bundle is served
// as a CAR that desci's own reader accepts, for that manifest.
func TestBundle(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{PublicRPC: []string{"https://rpc.example.org"}})
	res := get(t, h, "/m/"+f.cids["dataset"].String()+"/bundle.desci.car")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/vnd.ipld.car; version=1" {
		t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	b, err := notary.ReadBundle(context.Background(), res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !b.ManifestID.Equals(f.cids["dataset"]) || len(b.Doc.RPC) != 1 || b.Doc.RPC[0] != "https://rpc.example.org" {
		t.Errorf("bundle of %s naming %v", b.ManifestID, b.Doc.RPC)
	}
}

type deadlines []time.Time

func (d *deadlines) SetWriteDeadline(t time.Time) error { *d = append(*d, t); return nil }

// TestPacedWriter: a bundle's response is held to the minimum rate as it
// is written: each write's deadline is the grace plus its bytes so far at
// that rate.
func TestPacedWriter(t *testing.T) {
	var got deadlines
	start := time.Unix(1_000_000, 0)
	p := &pacedWriter{w: io.Discard, deadline: &got, start: start, rate: 64 << 10}
	for _, n := range []int{1, 64<<10 - 1, 1 << 20} {
		p.Write(make([]byte, n))
	}
	want := []time.Duration{downloadGrace, downloadGrace + time.Second, downloadGrace + 17*time.Second}
	for i, d := range want {
		if got[i].Sub(start).Truncate(time.Millisecond) != d {
			t.Errorf("write %d: deadline %v after the start, want %v", i, got[i].Sub(start), d)
		}
	}
}
