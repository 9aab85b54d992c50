package kubo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/desci-platform/desci/notary"
)

// TestPublishErrors covers what the real daemon (TestRealKubo) cannot
// show: a node that is down, and a URL that is not a Kubo node at all.
func TestPublishErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := notary.Open(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("x,y\n1,2\n"), 0o644)
	res, err := st.Add(ctx, filepath.Join(dir, "a.csv"), notary.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFilter(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a node that is down", func(t *testing.T) {
		dead := &Client{URL: "http://127.0.0.1:1"}
		if _, err := dead.PublishPublic(ctx, f, res.Root); err == nil || !strings.Contains(err.Error(), "kubo: http://127.0.0.1:1") {
			t.Fatalf("publish to a dead node: %v", err)
		}
	})
	t.Run("not a Kubo node", func(t *testing.T) {
		other := httptest.NewServer(http.NotFoundHandler())
		defer other.Close()
		if _, err := (&Client{URL: other.URL}).PublishPublic(ctx, f, res.Root); !errors.Is(err, ErrKubo) {
			t.Fatalf("publish to a web server: %v", err)
		}
	})
}
