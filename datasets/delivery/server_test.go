package delivery

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/apache/arrow/go/v17/arrow/flight"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

const dictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20]}}
  - {name: hba1c, type: float, role: sensitive}
`

// extractFixture notarizes a small raw dataset and a Parquet extract of it.
func extractFixture(t *testing.T) (*notary.Store, cid.Cid, []byte) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("subject_id,age,hba1c\n")
	for i := range 300 {
		fmt.Fprintf(&b, "S%03d,%d,%.1f\n", i%30, 30+(i%30)/10*10, 5+float64(i%20)/10)
	}
	os.WriteFile(filepath.Join(dir, "raw.csv"), []byte(b.String()), 0o600)
	os.WriteFile(filepath.Join(dir, "raw.yaml"), []byte(dictionary), 0o600)
	st, err := notary.Open(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	priv, _ := crypto.GenerateKey()
	signer := keys.NewKey(priv)
	steward, _ := age.GenerateX25519Identity()
	added, err := datasets.Add(ctx, st, filepath.Join(dir, "raw.csv"), datasets.AddOptions{Dictionary: filepath.Join(dir, "raw.yaml"),
		Publication: notary.Publication{Title: "raw"}, Recipients: []age.Recipient{steward.Recipient()}}, signer)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "extract.parquet")
	ex, err := datasets.NotarizeExtract(ctx, st, datasets.Request{Dataset: added.CID, Identities: []age.Identity{steward},
		Study: "s", Secret: []byte("k"), Requester: "0xabc", Purpose: "test", K: datasets.KOptions{K: 2}, Format: datasets.FormatParquet}, out, signer)
	if err != nil {
		t.Fatal(err)
	}
	file, _ := os.ReadFile(out)
	return st, ex.CID, file
}

type recorder struct {
	mu   sync.Mutex
	seen []string
}

func (r *recorder) record(_ context.Context, g Grant, format string, rows int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, fmt.Sprintf("%s %s %d", g.Holder, format, rows))
	return nil
}

func TestDownloads(t *testing.T) {
	st, extract, file := extractFixture(t)
	tickets := NewTickets(nil)
	rec := &recorder{}
	srv := NewServer(Options{Store: st, Tickets: tickets, Record: rec.record})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	ticket := tickets.Issue(Grant{Extract: extract, Holder: "0xabc", Expires: time.Now().Add(time.Hour)})

	get := func(path, ticket string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", hs.URL+path, nil)
		if ticket != "" {
			req.Header.Set("Authorization", "Bearer "+ticket)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	t.Run("the notarized file, byte for byte", func(t *testing.T) {
		resp, b := get("/extracts/"+extract.String(), ticket)
		if resp.StatusCode != 200 || !bytes.Equal(b, file) || resp.Header.Get("Content-Type") != "application/vnd.apache.parquet" {
			t.Fatalf("%s, %d bytes of %d", resp.Status, len(b), len(file))
		}
	})
	t.Run("an Arrow IPC stream", func(t *testing.T) {
		resp, b := get("/extracts/"+extract.String()+"?format=arrows", ticket)
		r, err := ipc.NewReader(bytes.NewReader(b))
		if resp.StatusCode != 200 || err != nil {
			t.Fatalf("%s: %v", resp.Status, err)
		}
		rows := 0
		for r.Next() {
			rows += int(r.Record().NumRows())
		}
		if rows == 0 || r.Schema().Field(0).Name != "subject_id" {
			t.Fatalf("%d rows, schema %s", rows, r.Schema())
		}
	})
	t.Run("CSV", func(t *testing.T) {
		resp, b := get("/extracts/"+extract.String()+"?format=csv", ticket)
		if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "subject_id,age,hba1c\n") {
			t.Fatalf("%s: %.80q", resp.Status, b)
		}
	})
	for _, tc := range []struct {
		name, path, ticket string
		want               int
	}{
		{"no ticket", "/extracts/" + extract.String(), "", 401},
		{"a forged ticket", "/extracts/" + extract.String(), ticket[:len(ticket)-2] + "AA", 401},
		{"an expired ticket", "/extracts/" + extract.String(), tickets.Issue(Grant{Extract: extract, Holder: "0xabc", Expires: time.Now().Add(-time.Second)}), 401},
		{"another extract's path", "/extracts/bafkqaaa", ticket, 403},
		{"an unknown format", "/extracts/" + extract.String() + "?format=xlsx", ticket, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if resp, b := get(tc.path, tc.ticket); resp.StatusCode != tc.want {
				t.Fatalf("%s: %s", resp.Status, b)
			}
		})
	}

	// Arrow Flight, over loopback.
	fs := flight.NewFlightServer()
	if err := fs.Init("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	fs.RegisterFlightService(srv)
	go fs.Serve()
	defer fs.Shutdown()
	client, err := flight.NewClientWithMiddleware(fs.Addr().String(), nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	t.Run("flight DoGet", func(t *testing.T) {
		stream, err := client.DoGet(context.Background(), Ticket(ticket))
		if err != nil {
			t.Fatal(err)
		}
		r, err := flight.NewRecordReader(stream)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Release()
		rows := 0
		for r.Next() {
			rows += int(r.Record().NumRows())
		}
		if rows == 0 {
			t.Fatal("no rows over Flight")
		}
	})
	t.Run("flight with a bad ticket", func(t *testing.T) {
		stream, err := client.DoGet(context.Background(), Ticket("nope"))
		if err == nil {
			_, err = stream.Recv()
		}
		if status.Code(err) != codes.Unauthenticated {
			t.Fatalf("DoGet with a bad ticket: %v", err)
		}
	})
	if got := strings.Join(rec.seen, "; "); !strings.Contains(got, "0xabc file 0") || !strings.Contains(got, "0xabc arrows") ||
		!strings.Contains(got, "0xabc flight") || len(rec.seen) != 4 {
		t.Fatalf("recorded downloads: %s", got)
	}
}
