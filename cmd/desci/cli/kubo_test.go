package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
// down at first gets it once it answers.
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
