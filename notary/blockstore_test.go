package notary

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/go-cid"
	flatfs "github.com/ipfs/go-ds-flatfs"

	"github.com/desci-platform/desci/notary/blockstoretest"
)

func mustRaw(data []byte) cid.Cid {
	r, _ := rawLeaf(context.Background(), data, nil)
	return r.cid
}

func TestBlockstores(t *testing.T) {
	t.Run("memory", func(t *testing.T) { blockstoretest.Run(t, NewMemBlockstore()) })
	t.Run("flatfs", func(t *testing.T) {
		fds, err := flatfs.CreateOrOpen(filepath.Join(t.TempDir(), "blocks"), flatfs.NextToLast(2), false)
		if err != nil {
			t.Fatal(err)
		}
		defer fds.Close()
		blockstoretest.Run(t, blockstore.NewBlockstore(fds, blockstore.NoPrefix()))
	})
}
