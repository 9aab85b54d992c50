package policies

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// pgReplicas opens n registries on one PostgreSQL database, each with its
// own connection pool, as n replicas would (sharing the notary store, as
// replicas share the index and the blocks).
func pgReplicas(t *testing.T, dsn string, n int) []*testRegistry {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := notary.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	patient, _ := crypto.HexToECDSA(patientKeyHex)
	sk, _ := crypto.GenerateKey()
	steward := keys.NewKey(sk)
	var out []*testRegistry
	for range n {
		open := func(t *testing.T) Storage {
			s, err := OpenPostgres(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		r, err := NewRegistry(ctx, open(t), st, Domain{ChainID: 1337})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		out = append(out, &testRegistry{Registry: r, dir: dir, st: st, patient: patient, steward: steward, storage: open})
	}
	if out[0].Domain() != out[n-1].Domain() {
		t.Fatalf("replicas disagree on the deployment: %v, %v", out[0].Domain(), out[n-1].Domain())
	}
	return out
}

// Two replicas submit documents of the same subject with the same nonce
// at once, round after round: each round exactly one is accepted and the
// other refused as a replay, and the history holds each nonce once.
func TestPostgresConcurrentSubmitters(t *testing.T) {
	ctx := context.Background()
	rs := pgReplicas(t, testpg.DSN(t), 2)
	patient := crypto.PubkeyToAddress(rs[0].patient.PublicKey)
	if err := rs[0].Enroll("trial-42", "S1", patient); err != nil {
		t.Fatal(err)
	}
	const rounds = 15
	for nonce := uint64(1); nonce <= rounds; nonce++ {
		docs := []*Document{
			rs[0].consent(t, "S1", nonce, nil),
			rs[1].consent(t, "S1", nonce, func(c *Consent, _ *Domain) { c.Uses = []string{"POA"} }),
		}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = rs[i].Submit(ctx, docs[i], rs[i].steward)
			}()
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrReplay):
				t.Fatalf("round %d: %v, want nil or %v", nonce, err, ErrReplay)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d accepted (%v)", nonce, won, errs)
		}
	}
	h, err := rs[1].History("trial-42", "S1")
	if err != nil || len(h) != rounds {
		t.Fatalf("history of %d documents, want %d: %v", len(h), rounds, err)
	}
	for i, rec := range h {
		if rec.nonce() != uint64(i+1) {
			t.Fatalf("history[%d] has nonce %d", i, rec.nonce())
		}
	}
	// The losers were notarized before they were refused: the registry
	// still verifies, and the gate applies the winner.
	if p, err := rs[0].Verify(ctx); err != nil || len(p) != 0 {
		t.Fatalf("Verify: %v %v", p, err)
	}
	g, err := rs[0].NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if allow := gateAllows(t, g, "S1"); allow[0] != (h[rounds-1].Consent.Uses[0] == "HMB") {
		t.Fatalf("gate allows %v for the last consent's uses %v", allow, h[rounds-1].Consent.Uses)
	}
	// Enrollment is once, under racing stewards too.
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = rs[i].Enroll("trial-42", "S9", [20]byte{byte(i + 1)})
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("racing enrollments of one subject to two patients: %v", errs)
	}
}

func gateAllows(t *testing.T, g *Gate, subjects ...string) []bool {
	t.Helper()
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues(subjects, nil)
	a := b.NewStringArray()
	defer a.Release()
	allow, err := g.Allow(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return allow
}

// The same race between two processes: this test binary run twice as
// submitters (TestPostgresSubmitterProcess), each submitting nonces 1..N
// of one subject from its own data dir as fast as it can, both starting
// at the same instant.
func TestPostgresConcurrentProcesses(t *testing.T) {
	ctx := context.Background()
	dsn := testpg.DSN(t)
	s, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRegistry(ctx, s, nil, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	patient, _ := crypto.HexToECDSA(patientKeyHex)
	if err := r.Enroll("trial-42", "S1", crypto.PubkeyToAddress(patient.PublicKey)); err != nil {
		t.Fatal(err)
	}
	const n = 20
	at := time.Now().Add(2 * time.Second).UnixNano()
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestPostgresSubmitterProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), "DESCI_TEST_SUBMITTER="+fmt.Sprintf("%s|%d|%d|%d", dsn, i, n, at))
			outs[i], errs[i] = cmd.Output()
		}()
	}
	wg.Wait()
	accepted := map[uint64]int{}
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("submitter %d: %v\n%s", i, errs[i], outs[i])
		}
		_, res, ok := strings.Cut(string(outs[i]), "ACCEPTED ")
		if !ok {
			t.Fatalf("submitter %d said %s", i, outs[i])
		}
		var got []uint64
		if err := json.Unmarshal([]byte(strings.SplitN(res, "\n", 2)[0]), &got); err != nil {
			t.Fatal(err)
		}
		for _, nonce := range got {
			accepted[nonce]++
		}
	}
	h, err := r.History("trial-42", "S1")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for nonce, c := range accepted {
		if c != 1 {
			t.Fatalf("nonce %d accepted %d times", nonce, c)
		}
		total++
	}
	if len(h) != total || total == 0 {
		t.Fatalf("%d documents recorded, %d accepted", len(h), total)
	}
	for i := 1; i < len(h); i++ {
		if h[i].nonce() <= h[i-1].nonce() {
			t.Fatalf("history out of nonce order: %d after %d", h[i].nonce(), h[i-1].nonce())
		}
	}
	t.Logf("%d of %d nonces accepted, each once, across two processes", total, n)
}

// TestPostgresSubmitterProcess is one submitter of
// TestPostgresConcurrentProcesses (it does nothing run on its own).
func TestPostgresSubmitterProcess(t *testing.T) {
	arg := os.Getenv("DESCI_TEST_SUBMITTER")
	if arg == "" {
		t.Skip("run by TestPostgresConcurrentProcesses")
	}
	f := strings.Split(arg, "|")
	id, _ := strconv.Atoi(f[1])
	n, _ := strconv.Atoi(f[2])
	at, _ := strconv.ParseInt(f[3], 10, 64)
	ctx := context.Background()
	st, err := notary.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := OpenPostgres(ctx, f[0])
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRegistry(ctx, s, st, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	patient, _ := crypto.HexToECDSA(patientKeyHex)
	sk, _ := crypto.GenerateKey()
	tr := &testRegistry{Registry: r, st: st, patient: patient, steward: keys.NewKey(sk)}
	docs := make([]*Document, n+1)
	for nonce := 1; nonce <= n; nonce++ {
		docs[nonce] = tr.consent(t, "S1", uint64(nonce), func(c *Consent, _ *Domain) {
			c.Uses = []string{[]string{"HMB", "GRU"}[id]}
		})
	}
	time.Sleep(time.Until(time.Unix(0, at)))
	accepted := []uint64{}
	for nonce := 1; nonce <= n; nonce++ {
		_, err := r.Submit(ctx, docs[nonce], tr.steward)
		switch {
		case err == nil:
			accepted = append(accepted, uint64(nonce))
		case !errors.Is(err, ErrReplay):
			t.Fatalf("nonce %d: %v", nonce, err)
		}
	}
	b, _ := json.Marshal(accepted)
	fmt.Printf("ACCEPTED %s\n", b)
}

// Replicas agree: a consent accepted through one gates extracts through
// the other at once, and so does its revocation; an access-log entry
// written by one is in the patient's view from the other; each webhook
// notice is delivered once by two deliverers passing at the same time.
func TestPostgresReplicasAgree(t *testing.T) {
	ctx := context.Background()
	rs := pgReplicas(t, testpg.DSN(t), 2)
	a, b := rs[0], rs[1]
	patient := crypto.PubkeyToAddress(a.patient.PublicKey)
	const subjects = 12
	var names []string
	consents := map[string]*Document{}
	for i := range subjects {
		s := fmt.Sprintf("S%d", i)
		names = append(names, s)
		if err := a.Enroll("trial-42", s, patient); err != nil {
			t.Fatal(err)
		}
	}
	req := GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb", Requester: "0xholder"}}
	for _, s := range names {
		consents[s] = a.consent(t, s, 1, nil)
		if _, err := a.Submit(ctx, consents[s], a.steward); err != nil {
			t.Fatal(err)
		}
	}
	g, err := b.NewGate(ctx, req, b.steward)
	if err != nil {
		t.Fatal(err)
	}
	for i, ok := range gateAllows(t, g, names...) {
		if !ok {
			t.Fatalf("a consent accepted by replica a is not applied by replica b's gate (%s)", names[i])
		}
	}
	extract, _ := b.st.PutRaw(ctx, []byte("an extract"))
	if err := g.Finish(ctx, extract, nil, b.steward); err != nil {
		t.Fatal(err)
	}
	// The access entry b wrote is in the patient's log on a.
	log, err := a.AccessLog(patient)
	if err != nil || len(log) != subjects || log[0].Outcome != Released || log[0].Extract != extract.String() {
		t.Fatalf("patient's access log on replica a: %d entries, %v", len(log), err)
	}

	var mu sync.Mutex
	got := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.Header.Get(IdempotencyHeader)]++
		mu.Unlock()
		time.Sleep(time.Millisecond) // a receiver's work: the passes overlap
	}))
	defer hook.Close()
	if _, err := b.Watch("0xholder", hook.URL); err != nil {
		t.Fatal(err)
	}
	// Revoked on a: b's next gate withholds them at once.
	for _, s := range names {
		if _, err := a.Submit(ctx, a.revocation(t, s, consents[s].Hash, 2), a.steward); err != nil {
			t.Fatal(err)
		}
	}
	g2, err := b.NewGate(ctx, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, ok := range gateAllows(t, g2, names...) {
		if ok {
			t.Fatalf("replica b's gate still releases %s, revoked on replica a", names[i])
		}
	}
	if aff, _ := b.Affected(extract); len(aff) != subjects {
		t.Fatalf("replica b sees %d affected subjects", len(aff))
	}
	var wg sync.WaitGroup
	delivered := make([]int, 4)
	for i := range delivered {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := rs[i%2].Deliver(ctx, nil)
			if err != nil {
				t.Error(err)
			}
			delivered[i] = n
		}()
	}
	wg.Wait()
	if len(got) != subjects || delivered[0]+delivered[1]+delivered[2]+delivered[3] != subjects {
		t.Fatalf("%d notices received, %v delivered, want %d", len(got), delivered, subjects)
	}
	for k, n := range got {
		if n != 1 {
			t.Fatalf("notice %s delivered %d times", k, n)
		}
	}
}

// The database killed mid-submit: each submit either happened whole or
// not at all, the client gets ErrStorage saying so, and submitting again
// after the restart finishes the job.
func TestPostgresKilledMidSubmit(t *testing.T) {
	ctx := context.Background()
	srv := testpg.Start(t)
	rs := pgReplicas(t, srv.DSN(""), 1)
	r := rs[0]
	patient := crypto.PubkeyToAddress(r.patient.PublicKey)
	if err := r.Enroll("trial-42", "S1", patient); err != nil {
		t.Fatal(err)
	}
	const n = 40
	docs := make([]*Document, n+1)
	for nonce := 1; nonce <= n; nonce++ {
		docs[nonce] = r.consent(t, "S1", uint64(nonce), nil)
	}
	failed := 0
	killed := make(chan struct{})
	var lost []int
	for nonce := 1; nonce <= n; nonce++ {
		if nonce == n/4 {
			go func() { // while the next submits run
				time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
				srv.Kill()
				close(killed)
			}()
		}
		_, err := r.Submit(ctx, docs[nonce], r.steward)
		if err != nil {
			if !errors.Is(err, ErrStorage) {
				t.Fatalf("nonce %d with the database down: %v, want %v", nonce, err, ErrStorage)
			}
			failed++
			lost = append(lost, nonce)
		}
	}
	<-killed
	if failed == 0 {
		t.Skip("every submit finished before the kill; nothing to check")
	}
	t.Logf("%d submits failed with the database down, e.g. %v", failed, lost[:1])
	// The killed server's backends may hold its shared memory a moment
	// longer (testpg waits for the postmaster only): try again.
	for i := 0; ; i++ {
		err := srv.Restart()
		if err == nil {
			break
		}
		if i == 50 {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Again, in order: those that committed before the kill are replays.
	for _, nonce := range lost {
		if _, err := r.Submit(ctx, docs[nonce], r.steward); err != nil && !errors.Is(err, ErrReplay) {
			t.Fatalf("nonce %d again: %v", nonce, err)
		}
	}
	h, err := r.History("trial-42", "S1")
	if err != nil || len(h) != n {
		t.Fatalf("history of %d, want %d: %v", len(h), n, err)
	}
	if p, err := r.Verify(ctx); err != nil || len(p) != 0 {
		t.Fatalf("Verify after the crash: %v %v", p, err)
	}
	latest, _ := r.InForce("trial-42")
	if latest["S1"] == nil || latest["S1"].Hash != docs[n].Hash {
		t.Fatal("the latest consent is not the last submitted")
	}
}

// A database of the previous schema version is migrated on open, its
// records kept; a database of a newer version is refused by name.
func TestPostgresMigration(t *testing.T) {
	ctx := context.Background()
	dsn := testpg.DSN(t)
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	last := ms[len(ms)-1].version
	old, err := openPostgres(ctx, dsn, last-1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRegistry(ctx, old, nil, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Enroll("trial-42", "S1", [20]byte{1}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	s, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r, err = NewRegistry(ctx, s, nil, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := r.Patient("trial-42", "S1"); err != nil || p != [20]byte{1} {
		t.Fatalf("after the migration: %v, %v", p, err)
	}
	var versions int
	s.(*pgStorage).pool.QueryRow(ctx, "SELECT count(*) FROM "+migrationTable).Scan(&versions)
	if versions != len(ms) {
		t.Fatalf("%d migrations recorded, want %d", versions, len(ms))
	}
	// The database now refuses what the newest schema forbids.
	err = s.Update(ctx, func(tx Tx) error { return tx.Put(bucketEnroll, []byte("trial-42\x00S2"), []byte("short")) })
	if !errors.Is(err, ErrStorage) || !strings.Contains(err.Error(), "desci_consent_kv_enrollment") {
		t.Fatalf("a malformed enrollment: %v", err)
	}
	s.(*pgStorage).pool.Exec(ctx, "INSERT INTO "+migrationTable+" (version, name) VALUES ($1, 'from the future')", last+1)
	r.Close()
	if _, err := OpenPostgres(ctx, dsn); err == nil || !strings.Contains(err.Error(), "upgrade desci") {
		t.Fatalf("a newer schema: %v", err)
	}
}

// A database that is down is a clear ErrStorage at open.
func TestPostgresDown(t *testing.T) {
	srv := testpg.Start(t)
	srv.StopServer()
	_, err := OpenPostgres(context.Background(), srv.DSN(""))
	if !errors.Is(err, ErrStorage) {
		t.Fatalf("open with the database down: %v, want %v", err, ErrStorage)
	}
}
