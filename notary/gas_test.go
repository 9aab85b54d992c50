package notary

import (
	"context"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	blocks "github.com/ipfs/go-block-format"

	"github.com/desci-platform/desci/notary/index"
)

// queueSynthetic signs n manifests for one content root and queues them,
// skipping the import: enough to anchor batches of any size.
func queueSynthetic(b *testing.B, s *Store, n int) {
	b.Helper()
	key, _ := crypto.HexToECDSA(testKeyHex)
	base := vectorManifests()["dataset"]
	ctx := context.Background()
	var records []index.Manifest
	for i := range n {
		m := *base
		m.Title = fmt.Sprint("synthetic dataset ", i)
		if err := m.Sign(key); err != nil {
			b.Fatal(err)
		}
		c, data, err := m.Encode()
		if err != nil {
			b.Fatal(err)
		}
		blk, _ := blocks.NewBlockWithCid(data, c)
		if err := s.blocks.Put(ctx, blk); err != nil {
			b.Fatal(err)
		}
		records = append(records, indexRecord(c, &m, true))
	}
	if err := s.index.PutManifests(records, true); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAnchorGas anchors batches of 1, 1,000 and 100,000 manifests on
// the embedded chain and reports the gas of the one transaction and per
// manifest. Run it once: go test ./notary -run '^$' -bench AnchorGas -benchtime 1x
func BenchmarkAnchorGas(b *testing.B) {
	for _, n := range []int{1, 1000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			tc := newTestChain(b, false)
			for b.Loop() {
				b.StopTimer()
				s := openStore(b)
				queueSynthetic(b, s, n)
				b.StartTimer()
				res, err := s.Anchor(context.Background(), tc.client, tc.key, AnchorOptions{Contract: tc.contract})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res[0].GasUsed), "gas/tx")
				b.ReportMetric(float64(res[0].GasUsed)/float64(n), "gas/manifest")
			}
		})
	}
}
