package graphql

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/internal/testpg"
)

func TestMain(m *testing.M) { testpg.Main(m) }

var testLimits = signInLimits{nonceTTL: time.Minute, ttl: time.Hour, noncesPerClient: 3, sessionsPerAddress: 2, sessionsPerClient: 4, total: 8}

// sessionStores opens sessions, fresh, in each place they can live; a
// second call of the opener gives another replica on the same storage.
func sessionStores(t *testing.T) map[string]func(now func() time.Time) (open func() *sessions) {
	return map[string]func(now func() time.Time) func() *sessions{
		"memory": func(now func() time.Time) func() *sessions {
			ss := newSessions(testLimits, now)
			return func() *sessions { return ss } // one process: replicas are the same maps
		},
		"postgres": func(now func() time.Time) func() *sessions {
			dsn := testpg.DSN(t)
			return func() *sessions {
				pool, err := pgdb.Open(context.Background(), dsn, pgdb.Options{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(pool.Close)
				db, err := openSessionDB(context.Background(), pool)
				if err != nil {
					t.Fatal(err)
				}
				ss := newSessions(testLimits, now)
				ss.db = db
				return ss
			}
		},
	}
}

func signInWith(ss *sessions, k *ecdsa.PrivateKey, nonce, client string) (*Session, error) {
	msg := siweMessage(k, nonce, nil)
	sig, _ := hexutil.Decode(signSIWE(k, msg))
	return ss.signIn(context.Background(), nil, msg, sig, []string{testDomain}, "", 1337, client, func(a common.Address) []string { return []string{RoleResearcher} })
}

// TestSessionConformance runs the same behaviours against every place
// sessions live.
func TestSessionConformance(t *testing.T) {
	behaviours := []struct {
		name string
		run  func(t *testing.T, open func() *sessions, advance func(time.Duration))
	}{
		{"sign in once per nonce", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			ss := open()
			k, _ := crypto.GenerateKey()
			n, err := ss.nonce("c1")
			if err != nil {
				t.Fatal(err)
			}
			s, err := signInWith(ss, k, n, "c1")
			if err != nil {
				t.Fatal(err)
			}
			got, err := ss.lookup(s.Token)
			if err != nil || got == nil || got.Address != addr(k) || !got.Has(RoleResearcher) || got.ID != s.ID {
				t.Errorf("lookup = %+v, %v", got, err)
			}
			if _, err := signInWith(ss, k, n, "c1"); !errors.Is(err, ErrSIWE) {
				t.Errorf("second use of a nonce: %v", err)
			}
			if _, err := signInWith(ss, k, "neverissued1", "c1"); !errors.Is(err, ErrSIWE) {
				t.Errorf("unknown nonce: %v", err)
			}
			if s, err := ss.lookup("not-a-token"); s != nil || err != nil {
				t.Errorf("unknown token: %v %v", s, err)
			}
		}},
		{"nonces and sessions expire", func(t *testing.T, open func() *sessions, advance func(time.Duration)) {
			ss := open()
			k, _ := crypto.GenerateKey()
			n1, _ := ss.nonce("c1")
			n2, _ := ss.nonce("c1")
			s, err := signInWith(ss, k, n2, "c1")
			if err != nil {
				t.Fatal(err)
			}
			advance(2 * time.Minute)
			if _, err := signInWith(ss, k, n1, "c1"); !errors.Is(err, ErrSIWE) {
				t.Errorf("expired nonce: %v", err)
			}
			if got, _ := ss.lookup(s.Token); got == nil {
				t.Error("session gone before its time")
			}
			advance(time.Hour)
			if got, err := ss.lookup(s.Token); got != nil || err != nil {
				t.Errorf("expired session: %v %v", got, err)
			}
		}},
		{"a client's oldest nonce gives way", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			ss := open()
			k, _ := crypto.GenerateKey()
			first, _ := ss.nonce("c1")
			for range testLimits.noncesPerClient {
				if _, err := ss.nonce("c1"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := signInWith(ss, k, first, "c1"); !errors.Is(err, ErrSIWE) {
				t.Errorf("the oldest nonce still works: %v", err)
			}
		}},
		{"nonces are bounded in all", func(t *testing.T, open func() *sessions, advance func(time.Duration)) {
			ss := open()
			for i := range testLimits.total {
				if _, err := ss.nonce(fmt.Sprint("c", i)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := ss.nonce("late"); !errors.Is(err, errBusy) {
				t.Errorf("nonce past the total: %v", err)
			}
			advance(2 * time.Minute)
			if _, err := ss.nonce("late"); err != nil {
				t.Errorf("after the others expired: %v", err)
			}
		}},
		{"an address's oldest session gives way", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			ss := open()
			k, _ := crypto.GenerateKey()
			var tokens []string
			for i := range 3 {
				n, _ := ss.nonce(fmt.Sprint("c", i))
				s, err := signInWith(ss, k, n, fmt.Sprint("c", i))
				if err != nil {
					t.Fatal(err)
				}
				tokens = append(tokens, s.Token)
			}
			if got, _ := ss.lookup(tokens[0]); got != nil {
				t.Error("the oldest session is still live")
			}
			mine, err := ss.of(addr(k))
			if err != nil || len(mine) != 2 || mine[0].ID != sessionID(tokens[1]) || mine[1].ID != sessionID(tokens[2]) {
				t.Errorf("of = %v, %v", mine, err)
			}
		}},
		{"a client's sessions are bounded", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			ss := open()
			for i := range testLimits.sessionsPerClient + 1 {
				k, _ := crypto.GenerateKey()
				n, _ := ss.nonce("c1")
				_, err := signInWith(ss, k, n, "c1")
				if i < testLimits.sessionsPerClient && err != nil {
					t.Fatal(err)
				}
				if i == testLimits.sessionsPerClient && !errors.Is(err, errBusy) {
					t.Errorf("session past the client's share: %v", err)
				}
			}
		}},
		{"revoke and sign out", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			ss := open()
			k, _ := crypto.GenerateKey()
			var ss2 []*Session
			for i := range 2 {
				n, _ := ss.nonce("c1")
				s, err := signInWith(ss, k, n, "c1")
				if err != nil {
					t.Fatal(i, err)
				}
				ss2 = append(ss2, s)
			}
			if ok, err := ss.revoke(addr(k), ss2[0].ID); !ok || err != nil {
				t.Errorf("revoke = %v %v", ok, err)
			}
			other, _ := crypto.GenerateKey()
			if ok, _ := ss.revoke(addr(other), ss2[1].ID); ok {
				t.Error("revoked another address's session")
			}
			if err := ss.signOut(ss2[1].Token); err != nil {
				t.Fatal(err)
			}
			for _, s := range ss2 {
				if got, _ := ss.lookup(s.Token); got != nil {
					t.Errorf("session %s still live", s.ID)
				}
			}
		}},
		{"replicas share sessions and use a nonce once", func(t *testing.T, open func() *sessions, _ func(time.Duration)) {
			a, b := open(), open()
			k, _ := crypto.GenerateKey()
			for round := range 10 {
				n, err := a.nonce(fmt.Sprint("c", round))
				if err != nil {
					t.Fatal(err)
				}
				var wg sync.WaitGroup
				results := make([]*Session, 2)
				for i, ss := range []*sessions{a, b} {
					wg.Add(1)
					go func() {
						defer wg.Done()
						results[i], _ = signInWith(ss, k, n, fmt.Sprint("c", round))
					}()
				}
				wg.Wait()
				won := 0
				for _, s := range results {
					if s != nil {
						won++
						if got, _ := b.lookup(s.Token); got == nil {
							t.Error("a session opened on one replica is unknown to the other")
						}
					}
				}
				if won != 1 {
					t.Fatalf("round %d: %d sign-ins with one nonce, want 1", round, won)
				}
			}
		}},
	}
	for name, store := range sessionStores(t) {
		t.Run(name, func(t *testing.T) {
			for _, b := range behaviours {
				t.Run(b.name, func(t *testing.T) {
					var mu sync.Mutex
					now := time.Now()
					clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
					advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
					b.run(t, store(clock), advance)
				})
			}
		})
	}
}
