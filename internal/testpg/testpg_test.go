package testpg_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/desci-platform/desci/internal/testpg"
)

func TestMain(m *testing.M) { testpg.Main(m) }

func TestFreshDatabases(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"first", "second"} {
		t.Run(name, func(t *testing.T) {
			conn, err := pgx.Connect(ctx, testpg.DSN(t))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			// A table of the same name in each: each test has its own database.
			if _, err := conn.Exec(ctx, "CREATE TABLE x (v int)"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRestartKeepsData(t *testing.T) {
	ctx := context.Background()
	s := testpg.Start(t)
	conn, err := pgx.Connect(ctx, s.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)"); err != nil {
		t.Fatal(err)
	}
	s.Kill()
	if err := conn.Ping(ctx); err == nil {
		t.Fatal("ping succeeded on a killed server")
	}
	conn.Close(ctx)
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	conn, err = pgx.Connect(ctx, s.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v int
	if err := conn.QueryRow(ctx, "SELECT v FROM kept").Scan(&v); err != nil || v != 7 {
		t.Fatalf("after restart: %d, %v", v, err)
	}
}
