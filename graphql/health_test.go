package graphql

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

type pinger struct{ err error }

func (p pinger) Ping(context.Context) error { return p.err }

// TestHealthReportsBlocks: /healthz asks the shared block store too, and
// says 503, naming it, when it does not answer.
func TestHealthReportsBlocks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		want   string
	}{
		{"answers", nil, 200, `"blocks":{"latency_ms":`},
		{"down", errors.New("kubo: http://kubo:5001: connection refused"), 503, `"blocks":{"error":"kubo: http://kubo:5001: connection refused","ok":false}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(o *Options) { o.Blocks = pinger{tc.err} })
			resp, err := http.Get(e.http.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Errorf("%d %s, want %d with %s", resp.StatusCode, b, tc.status, tc.want)
			}
		})
	}
}
