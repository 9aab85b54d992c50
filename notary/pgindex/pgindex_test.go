package pgindex_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/jackc/pgx/v5"

	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/notary/index/indextest"
	"github.com/desci-platform/desci/notary/pgindex"
)

func TestMain(m *testing.M) { testpg.Main(m) }

func open(t *testing.T, dsn string) *pgindex.Index {
	t.Helper()
	ix, err := pgindex.Open(context.Background(), dsn, pgindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestConformance(t *testing.T) {
	indextest.Run(t, func(t *testing.T) (notary.Index, func() notary.Index) {
		dsn := testpg.DSN(t)
		return open(t, dsn), func() notary.Index { return open(t, dsn) }
	})
}

// TestDatabaseDownAndBack kills the server under an open index: calls fail
// at once with an error naming the database, nothing committed is lost,
// and once the server is back the same index works again.
func TestDatabaseDownAndBack(t *testing.T) {
	srv := testpg.Start(t)
	ix := open(t, srv.DSN(""))
	a, b := indextest.CID("a"), indextest.CID("b")
	if err := ix.PutManifest(index.Manifest{CID: a, Title: "before", Local: true}, true); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	for name, call := range map[string]func() error{
		"read":  func() error { _, err := ix.Queue(); return err },
		"write": func() error { return ix.PutManifest(index.Manifest{CID: b, Local: true}, true) },
		"lock":  func() error { _, err := ix.LockAnchoring(context.Background()); return err },
	} {
		err := call()
		if !errors.Is(err, pgdb.ErrUnreachable) || !strings.Contains(err.Error(), "127.0.0.1:") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s while down: %v, want one line naming the database", name, err)
		}
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutManifest(index.Manifest{CID: b, Title: "after", Local: true}, true); err != nil {
		t.Fatalf("write after restart: %v", err)
	}
	q, err := ix.Queue()
	if err != nil || len(q) != 2 || !q[0].Equals(a) || !q[1].Equals(b) {
		t.Errorf("queue after restart = %v, %v; want a, b", q, err)
	}
}

// TestOpenUnreachable: a clear one-line error naming the database (without
// its password) and what to check.
func TestOpenUnreachable(t *testing.T) {
	_, err := pgindex.Open(context.Background(), "postgres://desci:secret@127.0.0.1:1/desci", pgindex.Options{})
	if !errors.Is(err, pgdb.ErrUnreachable) || strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "127.0.0.1:1") ||
		!strings.Contains(err.Error(), "--database") || strings.Contains(err.Error(), "\n") {
		t.Errorf("Open of a closed port: %v", err)
	}
	if _, err := pgindex.Open(context.Background(), "not a url", pgindex.Options{}); err == nil {
		t.Error("Open of a bad DSN succeeded")
	}
}

// TestNewerSchemaRefused: a database migrated by a newer desci is not
// written by an older one.
func TestNewerSchemaRefused(t *testing.T) {
	dsn := testpg.DSN(t)
	open(t, dsn).Close()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `INSERT INTO `+pgindex.MigrationsTable+` (version, name) VALUES (99, '099_future.sql')`); err != nil {
		t.Fatal(err)
	}
	if _, err := pgindex.Open(context.Background(), dsn, pgindex.Options{}); !errors.Is(err, pgdb.ErrNewer) {
		t.Errorf("Open of a newer schema: %v, want ErrNewer", err)
	}
}

// TestReplicasShare: two handles on one database (two replicas) see each
// other's writes, Seq included, and exclude each other from anchoring.
func TestReplicasShare(t *testing.T) {
	dsn := testpg.DSN(t)
	r1, r2 := open(t, dsn), open(t, dsn)
	s0, _ := r2.Seq()
	a := indextest.CID("a")
	if err := r1.PutManifest(index.Manifest{CID: a, Local: true}, true); err != nil {
		t.Fatal(err)
	}
	if s, _ := r2.Seq(); s == s0 {
		t.Error("Seq on the other replica did not move")
	}
	if ok, _ := r2.Queued(a); !ok {
		t.Error("the other replica does not see the queued manifest")
	}
	ctx := context.Background()
	unlock, err := r1.LockAnchoring(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r2.LockAnchoring(ctx)
	if !errors.Is(err, index.ErrAnchoring) || !strings.Contains(err.Error(), "desci ") {
		t.Errorf("second replica's lock: %v, want ErrAnchoring naming the holder", err)
	}
	if h, _ := r2.AnchorHolder(ctx); !strings.Contains(h, "pid") {
		t.Errorf("holder = %q", h)
	}
	unlock()
	unlock2, err := r2.LockAnchoring(ctx)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	unlock2()
	if h, _ := r2.AnchorHolder(ctx); h != "" {
		t.Errorf("holder after release = %q", h)
	}
}

func TestStatus(t *testing.T) {
	ix := open(t, testpg.DSN(t))
	a, b, c := indextest.CID("a"), indextest.CID("b"), indextest.CID("c")
	if err := ix.PutManifests([]index.Manifest{{CID: a, Local: true}, {CID: b, Local: true}}, true); err != nil {
		t.Fatal(err)
	}
	if err := ix.Confirm("0x01", map[cid.Cid][]byte{a: []byte("ra")}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		c       cid.Cid
		receipt string
		queued  bool
	}{{a, "ra", false}, {b, "", true}, {c, "", false}} {
		r, q, err := ix.Status(w.c)
		if err != nil || string(r) != w.receipt || q != w.queued || (w.receipt == "") != (r == nil) {
			t.Errorf("Status(%s) = %q %v %v", w.c, r, q, err)
		}
	}
}

// TestKilledMidWrite kills the server while writes stream in: every write
// that returned without error is there after the restart, and writing
// again what failed leaves each manifest queued once.
func TestKilledMidWrite(t *testing.T) {
	srv := testpg.Start(t)
	ix := open(t, srv.DSN(""))
	var acked, failed []cid.Cid
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; len(failed) < 5 && i < 100000; i++ {
			c := indextest.CID(fmt.Sprint("m", i))
			if err := ix.PutManifest(index.Manifest{CID: c, Local: true}, true); err != nil {
				failed = append(failed, c)
			} else {
				acked = append(acked, c)
			}
		}
	}()
	for ok := false; !ok; {
		q, _ := ix.Queue()
		ok = len(q) >= 20
	}
	srv.Kill()
	<-done
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	for _, c := range failed {
		if err := ix.PutManifest(index.Manifest{CID: c, Local: true}, true); err != nil {
			t.Fatal(err)
		}
	}
	inq, err := ix.InQueue(acked)
	if err != nil {
		t.Fatal(err)
	}
	if len(inq) != len(acked) {
		t.Errorf("%d of %d acknowledged writes survived", len(inq), len(acked))
	}
	q, _ := ix.Queue()
	if len(q) != len(acked)+len(failed) {
		t.Errorf("queue holds %d, want %d acknowledged + %d written again", len(q), len(acked), len(failed))
	}
	t.Logf("%d writes acknowledged before the kill, %d failed and were written again", len(acked), len(failed))
}
