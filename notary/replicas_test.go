package notary

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/notary/pgindex"
)

func TestMain(m *testing.M) { testpg.Main(m) }

// openReplica opens a store on dir's blocks with its index in PostgreSQL,
// as one replica of a deployment does (replicas share the block store).
func openReplica(t *testing.T, dir, dsn string) *Store {
	t.Helper()
	ix, err := pgindex.Open(context.Background(), dsn, pgindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWithIndex(dir, ix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestAnchorersSharePostgres runs three anchorers on one PostgreSQL index
// and one chain, each anchoring as often as it can while manifests keep
// coming, and some "dying" at random points of a batch (after recording
// it, after sending it, before storing its receipts; the anchoring lock
// goes with them, as a killed process's connection does). Exactly one
// Anchored event per root, every manifest anchored once, none left.
func TestAnchorersSharePostgres(t *testing.T) {
	ctx := context.Background()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dsn := testpg.DSN(t)
	tc := newTestChain(t, false)
	dir := t.TempDir()
	replicas := []*Store{openReplica(t, dir, dsn), openReplica(t, dir, dsn), openReplica(t, dir, dsn)}

	published := map[cid.Cid]string{}
	var mu sync.Mutex
	anchored, crashes, busy := 0, 0, 0
	steps := []string{"", "", "record", "send", "confirm"}
	for round := range 4 {
		for i := range 3 {
			p := filepath.Join(t.TempDir(), "data.csv")
			os.WriteFile(p, fmt.Appendf(nil, "round,i\n%d,%d\n", round, i), 0o644)
			c, _, err := replicas[(round+i)%3].Notarize(ctx, p, Publication{Kind: KindDataset, Title: fmt.Sprint("round ", round, " dataset ", i)}, ImportOptions{}, tc.key)
			if err != nil {
				t.Fatal(err)
			}
			published[c] = p
		}
		var wg sync.WaitGroup
		for i, s := range replicas {
			crash := steps[rng.IntN(len(steps))]
			wg.Add(1)
			go func() {
				defer wg.Done()
				for try := 0; try < 200; try++ {
					opts := AnchorOptions{Contract: tc.contract, Poll: 10 * time.Millisecond}
					if try == 0 {
						opts.crashAfter = crash
					}
					res, err := s.Anchor(ctx, tc.client, tc.key, opts)
					mu.Lock()
					for _, r := range res {
						anchored += r.Manifests
					}
					switch {
					case errors.Is(err, errCrash):
						crashes++
					case errors.Is(err, index.ErrAnchoring):
						busy++
					case err != nil:
						t.Errorf("replica %d: %v", i, err)
					}
					mu.Unlock()
					q, _ := s.Index().Queue()
					bs, _ := s.Index().Batches()
					if err == nil && len(q) == 0 && len(bs) == 0 {
						return
					}
					time.Sleep(time.Millisecond)
				}
				t.Errorf("replica %d: the queue never emptied", i)
			}()
		}
		wg.Wait()
	}
	t.Logf("%d manifests, %d crashes, %d turns refused while another anchored", len(published), crashes, busy)
	if anchored != len(published) {
		t.Errorf("anchor results count %d manifests, want %d (each once)", anchored, len(published))
	}
	for _, s := range replicas {
		checkAnchoredOnce(t, s, tc, published)
	}
}
