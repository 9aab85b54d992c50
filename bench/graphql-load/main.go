// Command graphql-load measures the GraphQL server under load: it fills a
// fresh store, serves it on 127.0.0.1 in process and sends queries from
// many goroutines for a fixed time, then prints requests/s and latency
// percentiles for a manifest-by-CID query, a paginated keyword search,
// and the manifest query again with the parse cache off.
//
//	go run ./bench/graphql-load [-c 16] [-d 5s] [-manifests 500]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

func main() {
	conc := flag.Int("c", 16, "concurrent clients")
	dur := flag.Duration("d", 5*time.Second, "how long each scenario runs")
	n := flag.Int("manifests", 500, "manifests in the store")
	only := flag.String("only", "", "run only the scenarios whose names contain this")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(*conc, *dur, *n, *only); err != nil {
		pprof.StopCPUProfile()
		log.Fatal(err)
	}
}

func run(conc int, dur time.Duration, n int, only string) error {
	dir, err := os.MkdirTemp("", "graphql-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := notary.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	priv, _ := crypto.GenerateKey()
	cids, err := fill(st, keys.NewKey(priv), n, dir)
	if err != nil {
		return err
	}
	srv, err := graphql.New(graphql.Options{Store: st, Logf: log.Printf})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()
	url := "http://" + ln.Addr().String() + "/graphql"
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2}}

	byCID := func(i int) string {
		return `{"query":"query($c: String!) { manifest(cid: $c) { cid kind title created signer keywords status content { root files { path size } } } }","variables":{"c":"` + cids[i%len(cids)].String() + `"}}`
	}
	search := func(i int) string {
		return `{"query":"query($k: String, $a: String) { manifests(keyword: $k, first: 20, after: $a) { totalCount edges { cursor node { cid title status } } pageInfo { hasNextPage endCursor } } }","variables":{"k":"topic-` + fmt.Sprint(i%5) + `"}}`
	}
	fmt.Printf("GraphQL load: %d manifests, %d clients, %s per scenario, GOMAXPROCS %d, client in the same process\n\n", n, conc, dur, runtime.GOMAXPROCS(0))
	fmt.Printf("%-32s %10s %9s %9s %9s %7s\n", "scenario", "req/s", "p50", "p99", "max", "errors")
	var base float64
	for _, sc := range []struct {
		name  string
		body  func(int) string
		cache bool
	}{
		{"manifest by CID", byCID, true},
		{"paginated search (first: 20)", search, true},
		{"manifest by CID, no parse cache", byCID, false},
	} {
		if only != "" && !strings.Contains(sc.name, only) {
			continue
		}
		srv.SetCache(sc.cache)
		load(client, url, sc.body, conc, time.Second) // warm up
		r := load(client, url, sc.body, conc, dur)
		fmt.Printf("%-32s %10.0f %9s %9s %9s %7d\n", sc.name, r.rps, r.p50.Round(time.Microsecond), r.p99.Round(time.Microsecond), r.max.Round(time.Microsecond), r.errors)
		if sc.name == "manifest by CID" {
			base = r.rps
		} else if !sc.cache {
			fmt.Printf("\nparse cache on/off throughput ratio: %.2f\n", base/r.rps)
		}
	}
	return nil
}

type result struct {
	rps           float64
	p50, p99, max time.Duration
	errors        int64
}

func load(client *http.Client, url string, body func(int) string, conc int, dur time.Duration) result {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		lats   []time.Duration
		errs   atomic.Int64
		next   atomic.Int64
		finish = time.Now().Add(dur)
	)
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<16)
			for time.Now().Before(finish) {
				i := int(next.Add(1))
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", bytes.NewBufferString(body(i)))
				if err != nil {
					errs.Add(1)
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				local = append(local, time.Since(t0))
				var r struct{ Errors []any }
				if resp.StatusCode != 200 || json.Unmarshal(b, &r) != nil || len(r.Errors) > 0 {
					errs.Add(1)
				}
			}
			mu.Lock()
			lats = append(lats, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lats)
	if len(lats) == 0 {
		return result{errors: errs.Load()}
	}
	pct := func(p float64) time.Duration { return lats[min(len(lats)-1, int(float64(len(lats))*p))] }
	return result{rps: float64(len(lats)) / elapsed.Seconds(), p50: pct(0.50), p99: pct(0.99), max: lats[len(lats)-1], errors: errs.Load()}
}

// fill notarizes n small datasets, each with one of five keywords.
func fill(st *notary.Store, key *keys.Key, n int, dir string) ([]cid.Cid, error) {
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	var out []cid.Cid
	for i := range n {
		p := filepath.Join(src, fmt.Sprintf("d%d.csv", i))
		if err := os.WriteFile(p, fmt.Appendf(nil, "id,value\n%d,%d\n", i, i*i), 0o644); err != nil {
			return nil, err
		}
		c, _, err := st.Notarize(context.Background(), p, notary.Publication{Kind: notary.KindDataset, Title: fmt.Sprint("dataset ", i),
			Keywords: []string{fmt.Sprint("topic-", i%5)}, Authors: []notary.Author{{Name: "Ada Lovelace"}}}, notary.ImportOptions{}, key)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
