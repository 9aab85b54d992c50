package index_test

import (
	"path/filepath"
	"testing"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/notary/index/indextest"
)

func TestConformance(t *testing.T) {
	indextest.Run(t, func(t *testing.T) (notary.Index, func() notary.Index) {
		path := filepath.Join(t.TempDir(), "index.db")
		open := func() notary.Index {
			ix, err := index.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ix.Close() })
			return ix
		}
		return open(), open
	})
}
