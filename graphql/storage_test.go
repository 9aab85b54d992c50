package graphql

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/pgindex"
)

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestDatabaseHealthAndMetrics: with a database, /healthz reports it and
// /metrics shows the queue depth, the anchoring lock's holder and the
// database's latency; sign-in works through it; with the database down,
// /healthz says so and a signed-in request fails as unavailable, not as
// signed out.
func TestDatabaseHealthAndMetrics(t *testing.T) {
	srv := testpg.Start(t)
	ctx := context.Background()
	pool, err := pgdb.Open(ctx, srv.DSN(""), pgdb.Options{Name: "desci replica-a"})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ix, err := pgindex.New(ctx, pool, pgindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := notary.OpenWithIndex(t.TempDir(), ix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := newEnv(t, func(o *Options) { o.Store, o.Database = st, pool })
	token := e.signIn(e.researcher)
	cs, err := st.NotarizeMany(ctx, []notary.Doc{{Pub: notary.Publication{Kind: notary.KindDataset, Title: "t"}, Name: "a.csv", Data: []byte("a\n1\n")}}, e.serverKey)
	if err != nil {
		t.Fatal(err)
	}
	status := `query($c: String!) { manifest(cid: $c) { status } }`
	vars := map[string]any{"c": cs[0].String()}

	code, body := httpGet(t, e.http.URL+"/healthz")
	if code != 200 || !strings.Contains(body, `"database":{"latency_ms":`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	_, body = httpGet(t, e.http.URL+"/metrics")
	for _, want := range []string{"desci_database_up 1", "desci_database_latency_seconds ", "desci_anchor_queue_depth 1", "desci_anchor_lock_held 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	unlock, err := ix.LockAnchoring(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, body = httpGet(t, e.http.URL+"/metrics"); !strings.Contains(body, `desci_anchor_lock_held{holder="desci replica-a at 127.0.0.1"} 1`) {
		t.Errorf("metrics while anchoring:\n%s", body)
	}
	unlock()

	srv.Kill()
	code, body = httpGet(t, e.http.URL+"/healthz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"ok":false`) {
		t.Errorf("healthz with the database down: %d %s", code, body)
	}
	if r := e.do(token, `{ me { address } }`, nil); r.status != http.StatusServiceUnavailable || r.code() != CodeUnavailable {
		t.Errorf("a signed-in request with the database down: %d %q", r.status, r.code())
	}
	if r := e.do("", status, vars); r.code() != CodeUnavailable || !strings.Contains(r.Errors[0].Message, "database unreachable") {
		t.Errorf("a manifest's status with the database down: %+v", r.Errors)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if r := e.do(token, `{ me { address } }`, nil); r.status != 200 || len(r.Errors) > 0 {
		t.Errorf("after the database came back: %d %+v", r.status, r.Errors)
	}
	if r := e.do("", status, vars); len(r.Errors) > 0 || r.Data["manifest"].(map[string]any)["status"] != "QUEUED" {
		t.Errorf("status after the database came back: %+v %v", r.Errors, r.Data)
	}
}
