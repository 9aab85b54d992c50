package policies

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/desci-platform/desci/internal/testpg"
)

func TestMain(m *testing.M) { testpg.Main(m) }

// storageBackend returns how to open the storage of a test registry in
// dir: PostgreSQL (a fresh database) when the test runs under
// TestStorage/postgres, else a bbolt file.
func storageBackend(t *testing.T, dir string) func(t *testing.T) Storage {
	if strings.HasPrefix(t.Name(), "TestStorage/postgres/") {
		dsn := testpg.DSN(t)
		return func(t *testing.T) Storage {
			s, err := OpenPostgres(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	return func(t *testing.T) Storage {
		s, err := OpenBolt(filepath.Join(dir, "consents.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// TestStorage is the storage conformance suite: the registry's
// behaviours, each run against bbolt and PostgreSQL (the tests named
// here open their registry with newTestRegistry, which picks the backend
// from the test's name).
func TestStorage(t *testing.T) {
	behaviours := []struct {
		name string
		test func(*testing.T)
	}{
		{"Refuses", TestRegistryRefuses},
		{"ReplaysNotarized", TestRegistryReplaysNotarized},
		{"GateSnapshot", TestGateSnapshot},
		{"Tampered", TestRegistryTampered},
		{"RevocationNotices", TestRevocationNotices},
		{"EnrollManyBadRows", TestEnrollManyBadRows},
		{"EnrollManyIdempotent", TestEnrollManyIdempotent},
		{"SubmitMany", TestSubmitMany},
		{"SubmitManyCrash", TestSubmitManyCrash},
		{"SmartAccountDocuments", TestSmartAccountDocuments},
		{"Scan", testScan},
	}
	for _, backend := range []string{"bbolt", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			for _, b := range behaviours {
				t.Run(b.name, b.test)
			}
		})
	}
}

// testScan checks the primitives the registry builds on: prefix scans in
// bytewise order (past a page of PostgreSQL's), GetMany in order, and
// sequences.
func testScan(t *testing.T) {
	ctx := context.Background()
	s := storageBackend(t, t.TempDir())(t)
	defer s.Close()
	var kvs []KV
	for i := range pgBatch + 5 {
		kvs = append(kvs, KV{[]byte{'a', byte(i >> 16), byte(i >> 8), byte(i)}, []byte{byte(i)}})
	}
	kvs = append(kvs, KV{[]byte{'a' + 1}, []byte("b")}, KV{[]byte{'a', 0xff, 0xff, 0xff, 0xff}, nil}, KV{[]byte{0xff, 0xff}, []byte("z")})
	err := s.Update(ctx, func(tx Tx) error { return tx.PutMany(bucketMeta, kvs) })
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx Tx) error {
		n := 0
		var last []byte
		err := tx.Scan(bucketMeta, []byte{'a'}, func(k, v []byte) error {
			if string(k) <= string(last) || k[0] != 'a' {
				t.Fatalf("scan out of order or prefix: %x after %x", k, last)
			}
			last = append(last[:0], k...)
			n++
			return nil
		})
		if n != pgBatch+6 {
			t.Fatalf("scanned %d, want %d", n, pgBatch+6)
		}
		all := 0
		tx.Scan(bucketMeta, nil, func(k, v []byte) error { all++; return nil })
		if all != len(kvs) {
			t.Fatalf("scanned %d of all %d", all, len(kvs))
		}
		got, err := tx.GetMany(bucketMeta, [][]byte{{0xff, 0xff}, {'x'}, {'a', 0xff, 0xff, 0xff, 0xff}})
		if err != nil || string(got[0]) != "z" || got[1] != nil || got[2] == nil || len(got[2]) != 0 {
			t.Fatalf("GetMany = %q, %v", got, err)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for want := uint64(1); want <= 3; want++ {
		var n uint64
		s.Update(ctx, func(tx Tx) (err error) { n, err = tx.NextSequence(bucketAccess); return err })
		if n != want {
			t.Fatalf("sequence %d, want %d", n, want)
		}
	}
}
