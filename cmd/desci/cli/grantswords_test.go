package cli

import (
	"strings"
	"testing"
)

// TestGrantsInWords: amounts with the token's symbol, a round's per-grant
// matches before it closes, and a refused transaction said in words with
// the next step.
func TestGrantsInWords(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "pw")
	home := t.TempDir()
	rich := mustRun(t, home, "keys", "new")
	poor := mustRun(t, home, "keys", "new")
	mustRun(t, home, "keys", "default", rich)
	mustRun(t, home, "grants", "faucet", "--amount", "500")
	g := mustRun(t, home, "grants", "create", "--deadline", "240h", "--milestone", "100:data", "--reviewer", poor)

	r := run(t, home, "grants", "donate", g, "250", "--key", poor)
	if r.code != 1 || !strings.Contains(r.stderr, "you have 0 tUSD and this needs 100 tUSD") || !strings.Contains(r.stderr, "desci grants faucet") ||
		strings.Contains(r.stderr, "Needed=") {
		t.Fatalf("donation without funds: exit %d: %s", r.code, r.stderr)
	}
	if out := mustRun(t, home, "grants", "donate", g, "12.5"); !strings.Contains(out, "donated 12.5 tUSD to grant "+g) {
		t.Fatalf("donate: %s", out)
	}
	if out := mustRun(t, home, "grants", "status", g); !strings.Contains(out, "token       tUSD (0x") || !strings.Contains(out, "raised 12.5 tUSD") {
		t.Fatalf("grants status:\n%s", out)
	}

	round := mustRun(t, home, "grants", "round", "create", "--grant", g, "--end", "1h", "--cap-bps", "10000")
	mustRun(t, home, "grants", "round", "fund", round, "100")
	if out := mustRun(t, home, "grants", "round", "donate", round, g, "4"); !strings.Contains(out, "donated 4 tUSD to grant "+g+" through round "+round) {
		t.Fatalf("round donate: %s", out)
	}
	out := mustRun(t, home, "grants", "round", "status", round)
	if !strings.Contains(out, "pool 100 tUSD") || !strings.Contains(out, "matches (if the round closed now):") ||
		!strings.Contains(out, "grant "+g+"  donors 1  raised 4 tUSD  match ") {
		t.Fatalf("round status:\n%s", out)
	}
	if r := run(t, home, "grants", "round", "close", round); r.code != 1 || !strings.Contains(r.stderr, "RoundNotOver") || !strings.Contains(r.stderr, "wait for its end") {
		t.Fatalf("close before the end: exit %d: %s", r.code, r.stderr)
	}
}

// TestRoundCreateHelp: the QF convention is stated where a round is made.
func TestRoundCreateHelp(t *testing.T) {
	out := mustRun(t, t.TempDir(), "grants", "round", "create", "--help")
	for _, want := range []string{"scaled up or down to the pool", "grants-stack", "fewer than four grants score", "--cap-bps 10000"} {
		if !strings.Contains(out, want) {
			t.Errorf("round create --help lacks %q:\n%s", want, out)
		}
	}
}
