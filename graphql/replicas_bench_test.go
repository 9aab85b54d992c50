package graphql

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/pgindex"
)

// BenchmarkManifestByCID serves the manifest-by-CID query (with its
// status, which reads the index on every request) from one embedded
// server, then from one and three replicas on PostgreSQL, all in this
// process with the database on the same machine, clients round-robin
// over the replicas: the figures compare per-request cost on the same
// cores, side by side in one run.
//
//	go test -run '^$' -bench ManifestByCID ./graphql
func BenchmarkManifestByCID(b *testing.B) {
	for _, c := range []struct {
		name     string
		postgres bool
		replicas int
	}{{"embedded", false, 1}, {"postgres-1", true, 1}, {"postgres-3", true, 3}} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			var dsn string
			if c.postgres {
				dsn = testpg.DSN(b)
			}
			var urls []string
			var first *notary.Store
			for range c.replicas {
				var ix notary.Index
				if c.postgres {
					pix, err := pgindex.Open(context.Background(), dsn, pgindex.Options{})
					if err != nil {
						b.Fatal(err)
					}
					ix = pix
				}
				st, err := notary.OpenWithIndex(dir, ix)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { st.Close() })
				if first == nil {
					first = st
				}
				srv, err := New(Options{Store: st, Domain: "bench.test", Logf: func(string, ...any) {}})
				if err != nil {
					b.Fatal(err)
				}
				hs := httptest.NewServer(srv)
				b.Cleanup(hs.Close)
				urls = append(urls, hs.URL+"/graphql")
			}
			priv, _ := crypto.GenerateKey()
			var docs []notary.Doc
			for i := range 200 {
				docs = append(docs, notary.Doc{Pub: notary.Publication{Kind: notary.KindDataset, Title: fmt.Sprint("dataset ", i)},
					Name: "d.csv", Data: fmt.Appendf(nil, "id,value\n%d,%d\n", i, i*i)})
			}
			cids, err := first.NotarizeMany(context.Background(), docs, keys.NewKey(priv))
			if err != nil {
				b.Fatal(err)
			}
			var next atomic.Int64
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.ResetTimer()
			b.SetParallelism(8) // 16 clients on two cores: throughput, not one client's latency
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := int(next.Add(1))
					body := `{"query":"query($c: String!) { manifest(cid: $c) { cid kind title created signer status content { root } } }","variables":{"c":"` + cids[i%len(cids)].String() + `"}}`
					resp, err := client.Post(urls[i%len(urls)], "application/json", bytes.NewBufferString(body))
					if err != nil {
						b.Error(err)
						return
					}
					out, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 || bytes.Contains(out, []byte(`"errors"`)) {
						b.Errorf("%d %s", resp.StatusCode, out)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
