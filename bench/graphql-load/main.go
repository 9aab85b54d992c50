// Command graphql-load measures the GraphQL server under load: it fills a
// fresh store, serves it on 127.0.0.1 in process and sends queries from
// many goroutines for a fixed time, then prints requests/s and latency
// percentiles for a manifest-by-CID query, a paginated keyword search,
// and the manifest query again with the parse cache off.
//
// With -attack it measures the hostile-client attacks of issue 14
// instead: how long the server takes to refuse each one, then the honest
// manifest-by-CID load's latency while attackers send them without
// pause, and whether /healthz kept answering.
//
//	go run ./bench/graphql-load [-c 16] [-d 5s] [-manifests 500] [-attack]
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
	attack := flag.Bool("attack", false, "measure the hostile-client attacks and honest latency under them")
	attackers := flag.Int("attackers", 4, "with -attack: attacking clients")
	flag.Parse()
	attackMode, attackConc = *attack, *attackers
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
	srv, err := graphql.New(graphql.Options{Store: st, Logf: log.Printf, Domain: "bench.test"})
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
	if attackMode {
		return runAttacks(client, url, byCID, conc, dur)
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

var (
	attackMode bool
	attackConc int
)

// attackBody is an attack's request, made unique by a comment so that
// the parse cache never serves it.
func attackBody(query string, i int) string {
	req := map[string]any{"query": fmt.Sprintf("%s\n# %d", query, i)}
	if strings.HasSuffix(query, "#vars") {
		req["variables"] = map[string]any{"c": map[string]any{"a": 1}}
	}
	b, _ := json.Marshal(req)
	return string(b)
}

// attacks are the requests of issue 14 that crashed the server or held a
// CPU for seconds to minutes, and the costliest the budget lets through.
func attacks() []struct{ name, body string } {
	q := func(query string) string { return query }
	fanout := func(levels, width int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "{ ...F%d } fragment F0 on Query { node { queued } }", levels-1)
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, " fragment F%d on Query {%s}", i, strings.Repeat(fmt.Sprintf(" ...F%d", i-1), width))
		}
		return b.String()
	}
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("mutation {")
		for i := range n {
			fmt.Fprintf(&b, " n%d: siweNonce", i)
		}
		return b.String() + " }"
	}
	return []struct{ name, body string }{
		{"fragment cycle {...A} (was: fatal stack overflow)", q("{...A} fragment A on Query{...A}")},
		{"fragments x10 fan-out, 9 deep (was: 7.5 s x 10/level)", q(fanout(9, 10))},
		{"24 KB of {node{node{...}}} (was: 30 s)", q(strings.Repeat("{node", 4800) + strings.Repeat("}", 4800))},
		{"8,000 repeated fields (was: 10 s)", q("{ node { " + strings.Repeat("queued ", 8000) + "} }")},
		{"5,000 aliased siweNonce", q(aliases(5000))},
		{"30 aliased siweNonce (within budget)", q(aliases(30))},
		{"990 repeated fields (within budget)", q("{ node { " + strings.Repeat("queued ", 990) + "} }")},
		{"[[[...]]] 3,000 deep in an argument", q(`{ manifest(cid: ` + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + `) { cid } }`)},
		{"String! given an object", "query($c: String!) { manifest(cid: $c) { cid } } #vars"},
	}
}

func runAttacks(client *http.Client, url string, honest func(int) string, conc int, dur time.Duration) error {
	fmt.Printf("Hostile clients: each attack sent 20 times alone (answer time), then %d attackers sending them without pause\n", attackConc)
	fmt.Printf("while %d honest clients load manifest by CID for %s. GOMAXPROCS %d, clients in the same process.\n\n", conc, dur, runtime.GOMAXPROCS(0))
	fmt.Printf("%-52s %10s %10s  %s\n", "attack", "p50", "max", "answer")
	as := attacks()
	for _, a := range as {
		var lats []time.Duration
		var answer string
		for k := range 20 {
			t0 := time.Now()
			resp, err := client.Post(url, "application/json", strings.NewReader(attackBody(a.body, k)))
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			lats = append(lats, time.Since(t0))
			var r struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			json.Unmarshal(b, &r)
			if len(r.Errors) > 0 {
				answer = fmt.Sprintf("%d %v: %.60s", resp.StatusCode, r.Errors[0].Extensions["code"], r.Errors[0].Message)
			} else {
				answer = fmt.Sprintf("%d ok", resp.StatusCode)
			}
		}
		slices.Sort(lats)
		fmt.Printf("%-52s %10s %10s  %s\n", a.name, lats[len(lats)/2].Round(time.Microsecond), lats[len(lats)-1].Round(time.Microsecond), answer)
	}

	load(client, url, honest, conc, time.Second) // warm up
	quiet := load(client, url, honest, conc, dur)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var sent atomic.Int64
	for i := range attackConc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Post(url, "application/json", strings.NewReader(attackBody(as[j%len(as)].body, j)))
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					sent.Add(1)
				}
			}
		}()
	}
	var health []time.Duration
	var healthFail int
	healthDone := make(chan struct{})
	go func() {
		defer close(healthDone)
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			t0 := time.Now()
			resp, err := client.Get(strings.TrimSuffix(url, "/graphql") + "/healthz")
			if err != nil || resp.StatusCode != 200 {
				healthFail++
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			health = append(health, time.Since(t0))
		}
	}()
	attacked := load(client, url, honest, conc, dur)
	close(stop)
	wg.Wait()
	<-healthDone
	slices.Sort(health)
	fmt.Printf("\n%-40s %10s %9s %9s %9s %7s\n", "honest manifest by CID", "req/s", "p50", "p99", "max", "errors")
	for _, r := range []struct {
		name string
		r    result
	}{{"alone", quiet}, {"under attack", attacked}} {
		fmt.Printf("%-40s %10.0f %9s %9s %9s %7d\n", r.name, r.r.rps, r.r.p50.Round(time.Microsecond), r.r.p99.Round(time.Microsecond), r.r.max.Round(time.Microsecond), r.r.errors)
	}
	fmt.Printf("\nattack requests answered during the run: %d (%.0f/s)\n", sent.Load(), float64(sent.Load())/dur.Seconds())
	if len(health) > 0 {
		fmt.Printf("/healthz under attack: %d answered, %d failed, max %s\n", len(health), healthFail, health[len(health)-1].Round(time.Microsecond))
	} else {
		fmt.Printf("/healthz under attack: none answered, %d failed\n", healthFail)
	}
	return nil
}
