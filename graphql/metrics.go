package graphql

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	gql "github.com/graphql-go/graphql"
)

// metrics are written by hand in the Prometheus text format (0.0.4): a
// few counters and one histogram do not need client_golang's registry.
type metrics struct {
	inFlight    atomic.Int64
	cacheHits   atomic.Int64
	cacheMisses atomic.Int64

	mu       sync.Mutex
	requests map[string]int64 // by outcome: ok or the first error's code
	buckets  []int64          // counts per latencyBuckets bound, not cumulative
	count    int64
	sum      float64
	extra    map[string]float64 // set by the embedding program

	// collect, if set, writes gauges read at scrape time (the database's).
	collect func(w io.Writer)
}

var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

func newMetrics() *metrics {
	return &metrics{requests: map[string]int64{}, buckets: make([]int64, len(latencyBuckets)+1), extra: map[string]float64{}}
}

func (m *metrics) observe(d time.Duration, res *gql.Result) {
	outcome := "ok"
	if res != nil && len(res.Errors) > 0 {
		outcome = "error"
		if c, ok := res.Errors[0].Extensions["code"].(string); ok {
			outcome = c
		}
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(latencyBuckets, sec)
	m.mu.Lock()
	m.requests[outcome]++
	m.buckets[i]++
	m.count++
	m.sum += sec
	m.mu.Unlock()
}

func (m *metrics) serve(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP desci_graphql_requests_total GraphQL requests by outcome (ok or the first error's code).")
	fmt.Fprintln(w, "# TYPE desci_graphql_requests_total counter")
	outcomes := make([]string, 0, len(m.requests))
	for o := range m.requests {
		outcomes = append(outcomes, o)
	}
	sort.Strings(outcomes)
	for _, o := range outcomes {
		fmt.Fprintf(w, "desci_graphql_requests_total{outcome=%q} %d\n", o, m.requests[o])
	}
	fmt.Fprintln(w, "# HELP desci_graphql_request_duration_seconds Time to answer a GraphQL request.")
	fmt.Fprintln(w, "# TYPE desci_graphql_request_duration_seconds histogram")
	var cum int64
	for i, b := range latencyBuckets {
		cum += m.buckets[i]
		fmt.Fprintf(w, "desci_graphql_request_duration_seconds_bucket{le=\"%g\"} %d\n", b, cum)
	}
	fmt.Fprintf(w, "desci_graphql_request_duration_seconds_bucket{le=\"+Inf\"} %d\n", m.count)
	fmt.Fprintf(w, "desci_graphql_request_duration_seconds_sum %g\n", m.sum)
	fmt.Fprintf(w, "desci_graphql_request_duration_seconds_count %d\n", m.count)
	fmt.Fprintln(w, "# HELP desci_graphql_requests_in_flight GraphQL requests being answered.")
	fmt.Fprintln(w, "# TYPE desci_graphql_requests_in_flight gauge")
	fmt.Fprintf(w, "desci_graphql_requests_in_flight %d\n", m.inFlight.Load())
	fmt.Fprintln(w, "# HELP desci_graphql_document_cache_total Parsed-document cache lookups by result.")
	fmt.Fprintln(w, "# TYPE desci_graphql_document_cache_total counter")
	fmt.Fprintf(w, "desci_graphql_document_cache_total{result=\"hit\"} %d\n", m.cacheHits.Load())
	fmt.Fprintf(w, "desci_graphql_document_cache_total{result=\"miss\"} %d\n", m.cacheMisses.Load())
	names := make([]string, 0, len(m.extra))
	for n := range m.extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "# TYPE %s gauge\n%s %g\n", n, n, m.extra[n])
	}
	if m.collect != nil {
		m.collect(w)
	}
}

// Metrics lets the program embedding the server publish its own gauges
// on /metrics (the anchoring loop's).
type Metrics struct{ m *metrics }

// Set sets a gauge; name must be a Prometheus metric name.
func (x *Metrics) Set(name string, v float64) {
	x.m.mu.Lock()
	x.m.extra[name] = v
	x.m.mu.Unlock()
}

// Add adds to a gauge (a counter, if only ever added to).
func (x *Metrics) Add(name string, v float64) {
	x.m.mu.Lock()
	x.m.extra[name] += v
	x.m.mu.Unlock()
}
