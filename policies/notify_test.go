package policies

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestRevocationNotices(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	tr.Enroll("trial-42", "S1", crypto.PubkeyToAddress(tr.patient.PublicKey))
	consent := tr.consent(t, "S1", 1, nil)
	if _, err := tr.Submit(ctx, consent, tr.steward); err != nil {
		t.Fatal(err)
	}
	g, err := tr.NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb", Requester: "0xholder"}}, tr.steward)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.Append("S1")
	subjects := b.NewStringArray()
	defer subjects.Release()
	g.Allow(ctx, subjects)
	extract, _ := tr.st.PutRaw(ctx, []byte("an extract"))
	if err := g.Finish(ctx, extract, nil, tr.steward); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var got []Notice
	fail := true
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if fail {
			fail = false
			http.Error(w, "busy", 503)
			return
		}
		var n Notice
		json.NewDecoder(r.Body).Decode(&n)
		got = append(got, n)
	}))
	defer hook.Close()
	if _, err := tr.Watch("0xholder", "ftp://example"); err == nil {
		t.Fatal("a webhook that is not http(s) was taken")
	}
	if _, err := tr.Watch("0xholder", hook.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Submit(ctx, tr.revocation(t, "S1", consent.Hash, 2), tr.steward); err != nil {
		t.Fatal(err)
	}
	notices, _ := tr.Notices("0xholder")
	if len(notices) != 1 || notices[0].Extract != extract.String() || notices[0].Event != "consent.revoked" {
		t.Fatalf("notices %+v", notices)
	}
	if others, _ := tr.Notices("0xother"); len(others) != 0 {
		t.Fatalf("another holder sees %+v", others)
	}
	// The first delivery fails and is kept, put off; the second, once due,
	// gets through; then there is nothing left to send.
	now := time.Now()
	for i, pass := range []struct {
		at   time.Time
		want int
	}{{now, 0}, {now, 0}, {now.Add(time.Hour), 1}, {now.Add(2 * time.Hour), 0}} {
		if n, err := tr.DeliverAt(ctx, nil, pass.at); err != nil || n != pass.want {
			t.Fatalf("delivery %d: %d delivered, %v", i, n, err)
		}
	}
	if len(got) != 1 || got[0].Revocation.Hex() == "" || got[0].URL != "" {
		t.Fatalf("webhook got %+v", got)
	}
}
