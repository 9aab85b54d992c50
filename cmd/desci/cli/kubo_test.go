package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/internal/testkubo"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/car"
)

func TestPushNeedsANode(t *testing.T) {
	home := t.TempDir()
	c := mustRun(t, home, "add", "../../../notary/testdata")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no node configured", []string{"push", c}, 2, "no Kubo node"},
		{"a node that is down", []string{"push", c, "--kubo", "http://127.0.0.1:1"}, 1, "kubo: http://127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, home, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
		})
	}
}

// A server with --kubo pins what it anchors on the node; a node that is
// down at first gets it once it answers. A stand-in node, for the retry
// only: TestKuboStory runs against the real one.
func TestServePinsOnKubo(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	dir, src := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"values.csv": "id,value\n1,2\n"})
	mustRun(t, dir, "keys", "new")
	c := mustRun(t, dir, "notarize", filepath.Join(src, "values.csv"), "--kind", "dataset", "--title", "trial 42")

	var mu sync.Mutex
	up, pinned := false, map[string]bool{}
	node := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if !up {
			http.Error(w, `{"Message":"node is starting","Code":0,"Type":"error"}`, 500)
			return
		}
		f, _, err := r.FormFile("file")
		if err != nil || r.URL.Path != "/api/v0/dag/import" {
			http.Error(w, "bad request", 400)
			return
		}
		cr, err := car.NewReader(f)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		for _, root := range cr.Roots {
			pinned[root.String()] = true
			fmt.Fprintf(w, `{"Root":{"Cid":{"/":%q},"PinErrorMsg":""}}`+"\n", root)
		}
	}))
	defer node.Close()
	_, stop := startServe(t, dir, serveOptions{http: "127.0.0.1:0", anchorInterval: 100 * time.Millisecond, shutdown: 10 * time.Second, kubo: node.URL})
	defer stop()
	time.Sleep(500 * time.Millisecond) // anchored, and the push refused
	mu.Lock()
	up = true
	mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		ok := pinned[c]
		mu.Unlock()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not pinned on the node", c)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestKuboStory runs a consent story, then `serve --kubo` and `push`
// against a real Kubo daemon (offline, on loopback): the public manifests
// are pinned and read back byte for byte through `ipfs cat` and the
// gateway; no consent, access entry, extract or sealed ciphertext reaches
// the node.
func TestKuboStory(t *testing.T) {
	node := testkubo.Start(t, testkubo.Options{})
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"visits.csv": visitsTable(6, 10), "visits.yaml": storyDictionary, "result/effect.txt": "effect size 0.4\n"})
	researcher := mustRun(t, home, "keys", "new")
	mustRun(t, home, "datasets", "steward", "new")
	raw := mustRun(t, home, "datasets", "add", filepath.Join(dir, "visits.csv"), "--dictionary", filepath.Join(dir, "visits.yaml"),
		"--title", "Visits", "--key", researcher)
	until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	for i := range 6 {
		p := mustRun(t, home, "keys", "new")
		subject := fmt.Sprintf("S%04d", i)
		mustRun(t, home, "consent", "enroll", "--study", "trial-42", "--subject", subject, "--patient", p)
		mustRun(t, home, "consent", "grant", "--study", "trial-42", "--subject", subject, "--until", until, "--permit", "GRU", "--key", p)
	}
	mustRun(t, home, "extract", raw, "--study", "trial-42", "--k", "2", "--purpose", "p", "--use", "hmb",
		"--format", "csv", "-o", filepath.Join(dir, "extract.csv"), "--key", researcher)
	result := mustRun(t, home, "notarize", filepath.Join(dir, "result"), "--kind", "result", "--title", "effect", "--key", researcher)

	// What the data dir holds, by kind.
	st, err := notary.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Index().Manifests()
	if err != nil {
		t.Fatal(err)
	}
	var public, private []cid.Cid
	var consent cid.Cid // a private manifest, for push's opt-in
	kinds := map[string]int{}
	var resultRoot cid.Cid
	for _, rec := range ms {
		m, err := st.Manifest(context.Background(), rec.CID)
		if err != nil {
			t.Fatal(err)
		}
		kinds[m.Kind]++
		switch m.Kind {
		case notary.KindConsent, notary.KindAccess, notary.KindExtract:
			private = append(private, rec.CID, m.Content.Root)
			if m.Kind == notary.KindConsent {
				consent = rec.CID
			}
		default:
			public = append(public, rec.CID)
		}
		if m.Content != nil && m.Content.Sealed.Defined() {
			private = append(private, m.Content.Sealed)
		}
		if rec.CID.String() == result {
			resultRoot = m.Content.Root
		}
	}
	st.Close()
	if kinds[notary.KindConsent] == 0 || kinds[notary.KindExtract] == 0 || len(private) < 8 {
		t.Fatalf("the story made %v", kinds)
	}

	_, stop := startServe(t, home, serveOptions{http: "127.0.0.1:0", key: researcher, anchorInterval: 100 * time.Millisecond, shutdown: 10 * time.Second, kubo: node.API, kuboKinds: "public"})
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, _ := node.Try("pin", "ls", "--quiet", "--type=all")
		if strings.Contains(out, result) && strings.Contains(out, raw) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the result %s and dataset %s were not pinned: %s", result, raw, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	t.Run("nothing private on the node", func(t *testing.T) {
		for _, c := range private {
			if _, err := node.Try("block", "stat", "--offline", c.String()); err == nil {
				t.Errorf("private block %s is on the node", c)
			}
		}
		pins, err := node.Try("pin", "ls", "--quiet", "--type=all")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range public {
			if !strings.Contains(pins, c.String()) {
				t.Errorf("public manifest %s is not pinned", c)
			}
		}
	})
	t.Run("read back byte for byte", func(t *testing.T) {
		p := "/ipfs/" + resultRoot.String() + "/effect.txt"
		got, err := node.Command("cat", p).Output()
		if err != nil || string(got) != "effect size 0.4\n" {
			t.Fatalf("ipfs cat %s: %q, %v", p, got, err)
		}
		resp, err := http.Get(node.Gateway + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || string(b) != "effect size 0.4\n" {
			t.Fatalf("gateway: %s %q", resp.Status, b)
		}
	})
	t.Run("push refuses private, pins public", func(t *testing.T) {
		r := run(t, home, "push", consent.String(), "--kubo", node.API)
		if r.code == 0 || !strings.Contains(r.stderr, "private") {
			t.Fatalf("push of a private manifest: exit %d: %s", r.code, r.stderr)
		}
		if r := run(t, home, "push", result, "--kubo", node.API, "--kubo-kinds", "public,secrets"); r.code != 2 {
			t.Fatalf("unknown kind: exit %d: %s", r.code, r.stderr)
		}
		mustRun(t, home, "push", result, "--kubo", node.API)
		mustRun(t, home, "push", consent.String(), "--kubo", node.API, "--kubo-kinds", "public,consent,access,extract")
		if _, err := node.Try("block", "stat", "--offline", consent.String()); err != nil {
			t.Errorf("opted in, yet %s is not on the node: %v", consent, err)
		}
	})
}

// TestSharedBlocks: two data dirs (two replicas) keep their blocks on one
// Kubo node (--blocks): what one adds, the other reads, checked block by
// block; neither writes a blocks directory; a block the node loses is
// reported by name; an unreachable store is one clear line.
func TestSharedBlocks(t *testing.T) {
	node := testkubo.Start(t, testkubo.Options{})
	a, b, dir := t.TempDir(), t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"data/x.txt": strings.Repeat("shared ", 100000), "data/y.txt": "y\n"})
	root := mustRun(t, a, "--blocks", node.API, "add", filepath.Join(dir, "data"))
	out := filepath.Join(t.TempDir(), "got")
	mustRun(t, b, "--blocks", node.API, "get", root, "-o", out)
	got, err := os.ReadFile(filepath.Join(out, "x.txt"))
	if err != nil || string(got) != strings.Repeat("shared ", 100000) {
		t.Fatalf("replica b read %d bytes, %v", len(got), err)
	}
	for _, d := range []string{a, b} {
		if _, err := os.Stat(filepath.Join(d, "blocks")); !os.IsNotExist(err) {
			t.Errorf("%s has a blocks dir with --blocks: %v", d, err)
		}
	}
	// The node loses the small file's block.
	leaf := strings.TrimSpace(node.Run("add", "-Q", "--only-hash", "--cid-version=1", "--raw-leaves", filepath.Join(dir, "data", "y.txt")))
	node.Run("block", "rm", leaf)
	r := run(t, b, "--blocks", node.API, "get", root, "-o", filepath.Join(t.TempDir(), "again"))
	if r.code == 0 || !strings.Contains(r.stderr, leaf) {
		t.Errorf("a lost block: exit %d, %q; want an error naming %s", r.code, r.stderr, leaf)
	}
	r = run(t, b, "--blocks", "http://127.0.0.1:1", "add", filepath.Join(dir, "data"))
	if r.code == 0 || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 || !strings.Contains(r.stderr, "does not answer") {
		t.Errorf("unreachable block store: exit %d, %q", r.code, r.stderr)
	}
}
