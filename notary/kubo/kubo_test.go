package kubo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/car"
)

// fakeKubo answers dag/import and pin/ls as Kubo's RPC API does: Kubo
// cannot be installed here, so this stands in for it; what it checks of
// the CAR (every block's hash, the root present) is what Kubo checks.
type fakeKubo struct {
	mu     sync.Mutex
	blocks map[cid.Cid][]byte
	pins   map[cid.Cid]bool
}

func (k *fakeKubo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fail := func(msg string) {
		w.WriteHeader(500)
		json.NewEncoder(w).Encode(map[string]any{"Message": msg, "Code": 0, "Type": "error"})
	}
	if r.Method != http.MethodPost {
		w.WriteHeader(405)
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	switch r.URL.Path {
	case "/api/v0/dag/import":
		f, _, err := r.FormFile("file")
		if err != nil {
			fail(err.Error())
			return
		}
		cr, err := car.NewReader(f)
		if err != nil {
			fail(err.Error())
			return
		}
		for {
			c, data, err := cr.Next()
			if err != nil {
				break
			}
			if got, _ := c.Prefix().Sum(data); !got.Equals(c) {
				fail(fmt.Sprintf("block %s does not match its hash", c))
				return
			}
			k.blocks[c] = data
		}
		for _, root := range cr.Roots {
			msg := ""
			if _, ok := k.blocks[root]; ok && r.URL.Query().Get("pin-roots") == "true" {
				k.pins[root] = true
			} else {
				msg = "block was not found locally (offline)"
			}
			fmt.Fprintf(w, `{"Root":{"Cid":{"/":%q},"PinErrorMsg":%q}}`+"\n", root, msg)
		}
		fmt.Fprintf(w, `{"Stats":{"BlockCount":%d,"BlockBytesCount":0}}`+"\n", len(k.blocks))
	case "/api/v0/pin/ls":
		c, err := cid.Decode(r.URL.Query().Get("arg"))
		if err != nil || !k.pins[c] {
			fail(fmt.Sprintf("path '%s' is not pinned", r.URL.Query().Get("arg")))
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"Keys": map[string]any{c.String(): map[string]string{"Type": "recursive"}}})
	default:
		w.WriteHeader(404)
		fmt.Fprintf(w, "404 page not found")
	}
}

func TestPublish(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := notary.Open(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	os.MkdirAll(filepath.Join(dir, "data", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "a.csv"), []byte("x,y\n1,2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "sub", "b.txt"), make([]byte, 3<<20), 0o644)
	res, err := st.Add(ctx, filepath.Join(dir, "data"), notary.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k := &fakeKubo{blocks: map[cid.Cid][]byte{}, pins: map[cid.Cid]bool{}}
	hs := httptest.NewServer(k)
	defer hs.Close()
	c := &Client{URL: hs.URL}

	if ok, err := c.Pinned(ctx, res.Root); err != nil || ok {
		t.Fatalf("pinned before publishing: %v, %v", ok, err)
	}
	if err := c.Publish(ctx, st, res.Root); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Pinned(ctx, res.Root); err != nil || !ok {
		t.Fatalf("not pinned after publishing: %v", err)
	}
	if len(k.blocks) < 4 {
		t.Fatalf("kubo got %d blocks", len(k.blocks))
	}

	t.Run("a node that is down", func(t *testing.T) {
		dead := &Client{URL: "http://127.0.0.1:1"}
		if err := dead.Publish(ctx, st, res.Root); err == nil || !strings.Contains(err.Error(), "kubo: http://127.0.0.1:1") {
			t.Fatalf("publish to a dead node: %v", err)
		}
	})
	t.Run("not a Kubo node", func(t *testing.T) {
		other := httptest.NewServer(http.NotFoundHandler())
		defer other.Close()
		err := (&Client{URL: other.URL}).Publish(ctx, st, res.Root)
		if !errors.Is(err, ErrKubo) {
			t.Fatalf("publish to a web server: %v", err)
		}
	})
	t.Run("content the store lacks", func(t *testing.T) {
		missing, _ := cid.Decode("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
		if err := c.Publish(ctx, st, missing); err == nil {
			t.Fatal("published a DAG the store does not have")
		}
	})
}
