package cli

import (
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/policies"
)

// hookReceiver is a holder's webhook receiver: it answers 503 while
// down, and once up accepts only deliveries whose Desci-Signature
// verifies with the hook's secret and is fresh.
type hookReceiver struct {
	mu        sync.Mutex
	up        bool
	secret    []byte
	downHits  int
	badSigs   int
	delivered []policies.Notice
	keys      []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.up {
		h.downHits++
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	sig := r.Header.Get(policies.SignatureHeader)
	ts, _, _ := strings.Cut(strings.TrimPrefix(sig, "t="), ",")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || !hmac.Equal([]byte(sig), []byte(policies.SignWebhook(h.secret, time.Unix(sec, 0), body))) ||
		time.Since(time.Unix(sec, 0)) > 5*time.Minute {
		h.badSigs++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var n policies.Notice
	if err := json.Unmarshal(body, &n); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.delivered, h.keys = append(h.delivered, n), append(h.keys, r.Header.Get(policies.IdempotencyHeader))
}

func (h *hookReceiver) state() (downHits, badSigs, delivered int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.downHits, h.badSigs, len(h.delivered)
}

// waitFor polls cond until it holds, failing the test past a generous
// deadline (a deadline, not a timing assertion: on a fast machine it
// holds within a few delivery intervals).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 60 s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// metric reads one of the server's /metrics values (0 if absent).
func metric(t *testing.T, url, name string) float64 {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return 0
}

// TestServeDeliversWebhookNotices is issue 14's end to end: a holder
// registers a webhook over GraphQL on a running desci serve, a patient
// revokes through the API, and the serve loop itself delivers the notice,
// signed, to a real HTTP receiver that is down first and then up: it
// arrives exactly once. Then desci consent notices deliver, the cron
// one-shot, delivers a notice the server was not running for, once.
func TestServeDeliversWebhookNotices(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, dir := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"visits.csv": visitsTable(10, 4), "visits.yaml": storyDictionary})
	rk, _ := crypto.GenerateKey()
	researcher := mustRun(t, home, "keys", "import", "--private-key", hex.EncodeToString(crypto.FromECDSA(rk)))
	mustRun(t, home, "datasets", "steward", "new")
	raw := mustRun(t, home, "datasets", "add", filepath.Join(dir, "visits.csv"), "--dictionary", filepath.Join(dir, "visits.yaml"),
		"--title", "Visits", "--key", researcher)
	until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	var patients []string
	for i := range 10 {
		p := mustRun(t, home, "keys", "new")
		patients = append(patients, p)
		subject := fmt.Sprintf("S%04d", i)
		mustRun(t, home, "consent", "enroll", "--study", "trial-42", "--subject", subject, "--patient", p)
		mustRun(t, home, "consent", "grant", "--study", "trial-42", "--subject", subject, "--until", until, "--key", p, "--permit", "GRU")
	}
	var extract struct {
		CID string `json:"cid"`
	}
	out := mustRun(t, home, "extract", raw, "--study", "trial-42", "--k", "2", "--purpose", "HbA1c in type 2 diabetes",
		"--use", "disease", "--disease", "MONDO:0005148", "--columns", "subject_id,age,sex,hba1c", "--format", "csv",
		"-o", filepath.Join(dir, "extract.csv"), "--json", "--key", researcher)
	if err := json.Unmarshal([]byte(out), &extract); err != nil || extract.CID == "" {
		t.Fatalf("extract: %v: %s", err, out)
	}

	recv := &hookReceiver{}
	hook := httptest.NewServer(recv)
	defer hook.Close()

	url, stop := startServe(t, home, serveOptions{http: "127.0.0.1:0", key: researcher, shutdown: 10 * time.Second,
		webhookEvery: 20 * time.Millisecond, webhookRetry: 50 * time.Millisecond, webhookPrivate: true})
	token := signInTo(t, url, rk)
	w := gqlPost(t, url, token, `mutation($u: String!) { watchNotices(webhook: $u) }`, map[string]any{"u": hook.URL + "/desci"})
	secret, err := hex.DecodeString(w["watchNotices"].(string))
	if err != nil || len(secret) != 32 {
		t.Fatalf("watchNotices = %v", w)
	}
	recv.mu.Lock()
	recv.secret = secret
	recv.mu.Unlock()

	// The patient revokes through the API, from the CLI (it signs here,
	// the server records it).
	mustRun(t, home, "consent", "revoke", "--study", "trial-42", "--subject", "S0000", "--key", patients[0], "--server", url)

	// The receiver is down: the loop tries, is refused, and tries again
	// after its backoff.
	waitFor(t, "two attempts while the receiver is down", func() bool { d, _, _ := recv.state(); return d >= 2 })
	if _, _, n := recv.state(); n != 0 {
		t.Fatalf("delivered while down: %d", n)
	}
	recv.mu.Lock()
	recv.up = true
	recv.mu.Unlock()
	waitFor(t, "delivery once the receiver is up", func() bool { _, _, n := recv.state(); return n > 0 })
	// Exactly once: several more passes of the loop deliver nothing.
	passes := metric(t, url, "desci_webhook_passes_total")
	waitFor(t, "five more delivery passes", func() bool { return metric(t, url, "desci_webhook_passes_total") >= passes+5 })
	recv.mu.Lock()
	got, keys, bad := append([]policies.Notice(nil), recv.delivered...), append([]string(nil), recv.keys...), recv.badSigs
	recv.mu.Unlock()
	if len(got) != 1 || bad != 0 || got[0].Event != "consent.revoked" || got[0].Extract != extract.CID || got[0].Study != "trial-42" ||
		keys[0] != fmt.Sprintf("notice-%d", got[0].Seq) {
		t.Fatalf("the receiver got %+v (keys %v), %d bad signatures", got, keys, bad)
	}
	if m := metric(t, url, "desci_webhooks_delivered_total"); m != 1 {
		t.Errorf("desci_webhooks_delivered_total = %v", m)
	}
	n := gqlPost(t, url, token, `{ notices { event extract } }`, nil)
	if ns, _ := n["notices"].([]any); len(ns) != 1 {
		t.Errorf("notices = %v", n)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	t.Run("desci consent notices deliver delivers a pending notice once", func(t *testing.T) {
		// Revoked with no server running: the notice waits in the outbox.
		mustRun(t, home, "consent", "revoke", "--study", "trial-42", "--subject", "S0001", "--key", patients[1])
		for i, want := range []string{"1 delivered", "0 delivered"} {
			if out := mustRun(t, home, "consent", "notices", "deliver", "--webhook-allow-private"); out != want {
				t.Fatalf("pass %d: %q, want %q", i, out, want)
			}
		}
		recv.mu.Lock()
		defer recv.mu.Unlock()
		if len(recv.delivered) != 2 || recv.badSigs != 0 || recv.delivered[1].Seq == recv.delivered[0].Seq ||
			recv.keys[1] != fmt.Sprintf("notice-%d", recv.delivered[1].Seq) {
			t.Errorf("the receiver got %+v (keys %v), %d bad signatures", recv.delivered, recv.keys, recv.badSigs)
		}
	})
}
