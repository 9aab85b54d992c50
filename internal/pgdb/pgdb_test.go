package pgdb_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/internal/testpg"
)

func TestMain(m *testing.M) { testpg.Main(m) }

func TestApply(t *testing.T) {
	ctx := context.Background()
	pool, err := pgdb.Open(ctx, testpg.DSN(t), pgdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	v1 := fstest.MapFS{"001_a.sql": {Data: []byte(`CREATE TABLE a (n int); INSERT INTO a VALUES (1);`)}, "README": {Data: []byte("not a migration")}}

	// Replicas starting together: each migration once.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := pgdb.Apply(ctx, pool, "t_migrations", v1)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var rows int
	pool.QueryRow(ctx, `SELECT count(*) FROM a`).Scan(&rows)
	if rows != 1 {
		t.Errorf("migration 1 ran %d times", rows)
	}

	// A failing migration leaves the schema as it was.
	bad := fstest.MapFS{"001_a.sql": v1["001_a.sql"], "002_b.sql": {Data: []byte(`CREATE TABLE b (n int); SELECT no_such_function();`)}}
	if v, err := pgdb.Apply(ctx, pool, "t_migrations", bad); err == nil || v != 1 {
		t.Errorf("bad migration: version %d, %v", v, err)
	}
	var exists bool
	pool.QueryRow(ctx, `SELECT to_regclass('b') IS NOT NULL`).Scan(&exists)
	if exists {
		t.Error("a failed migration left its table")
	}

	// Another component's table keeps its own versions.
	if v, err := pgdb.Apply(ctx, pool, "other_migrations", fstest.MapFS{"001_c.sql": {Data: []byte(`CREATE TABLE c (n int)`)}}); err != nil || v != 1 {
		t.Errorf("other component: %d %v", v, err)
	}
	// An older binary meets a newer schema.
	if _, err := pgdb.Apply(ctx, pool, "t_migrations", fstest.MapFS{}); !errors.Is(err, pgdb.ErrNewer) {
		t.Errorf("older binary: %v, want ErrNewer", err)
	}
	// Gaps and bad names are refused before anything runs.
	if _, err := pgdb.Apply(ctx, pool, "t_migrations", fstest.MapFS{"001_a.sql": v1["001_a.sql"], "003_c.sql": {Data: []byte(`SELECT 1`)}}); err == nil || !strings.Contains(err.Error(), "without gaps") {
		t.Errorf("gap: %v", err)
	}
	if _, err := pgdb.Apply(ctx, pool, "t; DROP TABLE a", v1); err == nil {
		t.Error("a table name that is SQL was taken")
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db":                     "postgres://u:xxxxx@h:5432/db",
		"postgres://u@h/db?password=secret&sslmode=disable": "postgres://u@h/db?password=xxxxx&sslmode=disable",
		"host=h password=secret":                            "(the configured database)",
	} {
		if got := pgdb.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
