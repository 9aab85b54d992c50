package pgindex_test

import (
	"context"
	"testing"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/notary"
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
