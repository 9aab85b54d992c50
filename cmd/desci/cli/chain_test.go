package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestChainTime moves the embedded chain's clock from the CLI, and is
// refused by a chain that has no development time controls.
func TestChainTime(t *testing.T) {
	home := t.TempDir()
	var before struct{ Unix int64 }
	if err := json.Unmarshal([]byte(mustRun(t, home, "chain", "time", "--json")), &before); err != nil {
		t.Fatal(err)
	}
	var after struct {
		Unix  int64
		Ahead int64 `json:"ahead_of_wall_clock_seconds"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, home, "chain", "time", "increase", "2h", "--json")), &after); err != nil {
		t.Fatal(err)
	}
	if after.Unix-before.Unix < 7200 || after.Ahead < 7190 {
		t.Errorf("after increase 2h: head %d (was %d), %d s ahead", after.Unix, before.Unix, after.Ahead)
	}
	// The clock stays moved in later commands, and never goes back.
	if out := mustRun(t, home, "chain", "mine", "2"); !strings.Contains(out, "ahead of this machine's clock") {
		t.Errorf("chain mine after the jump: %q", out)
	}
	past := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	if r := run(t, home, "chain", "time", "set", past); r.code == 0 || !strings.Contains(r.stderr, "only move forward") {
		t.Errorf("chain time set %s (before the head): exit %d, %q", past, r.code, r.stderr)
	}
	if r := run(t, home, "chain", "time", "increase", "soon"); r.code != 2 {
		t.Errorf("increase soon: exit %d, %q", r.code, r.stderr)
	}

	// A chain without evm_ methods (geth, a testnet) refuses by name.
	notDev := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			ID     json.RawMessage
			Method string
		}
		body, _ := io.ReadAll(r.Body)
		json.Unmarshal(body, &req)
		w.Header().Set("Content-Type", "application/json")
		if req.Method == "eth_getBlockByNumber" {
			w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":null}`))
			return
		}
		w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"error":{"code":-32601,"message":"the method ` + req.Method + ` does not exist/is not available"}}`))
	}))
	defer notDev.Close()
	if r := run(t, t.TempDir(), "chain", "time", "increase", "1h", "--rpc", notDev.URL); r.code == 0 || !strings.Contains(r.stderr, "not a development chain") {
		t.Errorf("increase on a chain without evm_ methods: exit %d, %q", r.code, r.stderr)
	}
}

// TestNoChainWithoutKey: a command that fails for want of a key leaves no
// embedded chain behind (each used to hold hundreds of MB of log).
func TestNoChainWithoutKey(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "pass")
	home := t.TempDir()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a\n"})
	mustRun(t, home, "keys", "new")
	mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "t")
	if err := os.RemoveAll(filepath.Join(home, "keystore")); err != nil {
		t.Fatal(err)
	}
	if r := run(t, home, "anchor"); r.code == 0 {
		t.Fatalf("anchor without a key: exit 0")
	}
	if _, err := os.Stat(filepath.Join(home, "chain")); !os.IsNotExist(err) {
		t.Errorf("anchor without a key left %s/chain (%v)", home, err)
	}
}

// TestHiddenEntriesNoted: hidden entries are left out as Kubo leaves them
// out, and the commands that import say so.
func TestHiddenEntriesNoted(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "pass")
	home, src := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a\n", ".env": "SECRET=1\n", ".git/HEAD": "ref\n", "sub/.DS_Store": "x"})
	mustRun(t, home, "keys", "new")
	for _, args := range [][]string{{"cid", src}, {"add", src}, {"notarize", src, "--kind", "dataset", "--title", "t"}} {
		r := run(t, home, args...)
		if r.code != 0 || !strings.Contains(r.stderr, "left out 3 hidden entries (.env, .git, sub/.DS_Store); --hidden includes them") {
			t.Errorf("desci %s: exit %d, stderr %q", args[0], r.code, r.stderr)
		}
		if r := run(t, home, append(args, "--hidden")...); strings.Contains(r.stderr, "hidden") {
			t.Errorf("desci %s --hidden: stderr %q", args[0], r.stderr)
		}
	}
}
