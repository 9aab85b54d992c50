package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
)

var desciBin string

// TestMain builds the real binary once: these tests kill it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "desci-e2e-")
	if err != nil {
		panic(err)
	}
	desciBin = filepath.Join(dir, "desci")
	if out, err := exec.Command("go", "build", "-o", desciBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func desci(t *testing.T, dataDir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(desciBin, append([]string{"--data-dir", dataDir}, args...)...)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), fmt.Errorf("%v: %s", err, ee.Stderr)
	}
	return strings.TrimSpace(string(out)), err
}

// writeRandom writes n pseudo-random bytes from seed.
func writeRandom(t *testing.T, p string, n int, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	buf := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			buf[i+j] = byte(v >> (8 * j))
		}
	}
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringAdd kills `desci add` with SIGKILL at random points and
// checks that the store never holds a corrupt block, and that a later add
// completes and gives the file back byte for byte.
func TestKillDuringAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	home := t.TempDir()
	src := t.TempDir()
	// Many small blocks (kubo-cidv1, 256 KiB) make many points to die at.
	for i := range 3 {
		writeRandom(t, filepath.Join(src, fmt.Sprintf("part%d.bin", i)), 24<<20, uint64(i+1))
	}
	rng := rand.New(rand.NewPCG(7, 7))
	killed := 0
	for i := range 12 {
		cmd := exec.Command(desciBin, "--data-dir", home, "add", "--profile", "kubo-cidv1", src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil {
			killed++
		}
		if out, err := desci(t, home, "repo", "verify"); err != nil {
			t.Fatalf("after kill %d: repo verify: %v\n%s", i, err, out)
		}
	}
	t.Logf("%d of 12 runs killed before they finished", killed)
	root, err := desci(t, home, "add", "--profile", "kubo-cidv1", src)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := desci(t, home, "repo", "verify"); err != nil {
		t.Fatalf("repo verify: %v\n%s", err, out)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := desci(t, home, "get", root, "-o", out); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		name := fmt.Sprintf("part%d.bin", i)
		a, _ := os.ReadFile(filepath.Join(src, name))
		b, _ := os.ReadFile(filepath.Join(out, name))
		if sha256.Sum256(a) != sha256.Sum256(b) {
			t.Errorf("%s differs after get", name)
		}
	}
}

// serveChain starts `desci chain serve` on a free port and returns its
// JSON-RPC URL, Notary address, first development key, and a stop function
// that sends SIGTERM (or the given signal).
func serveChain(t *testing.T, home string) (rpcURL, contract, key0 string, stop func(...os.Signal)) {
	t.Helper()
	cmd := exec.Command(desciBin, "--data-dir", home, "chain", "serve", "--http", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop = func(sig ...os.Signal) {
		if len(sig) == 0 {
			sig = []os.Signal{syscall.SIGTERM}
		}
		cmd.Process.Signal(sig[0])
		cmd.Wait()
	}
	buf := make([]byte, 0, 4096)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(string(buf), "(9)") {
		chunk := make([]byte, 1024)
		n, err := out.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if err != nil {
			break
		}
	}
	for _, line := range strings.Split(string(buf), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "JSON-RPC":
			rpcURL = f[1]
		case len(f) == 3 && f[0] == "Notary":
			contract = f[2]
		case len(f) == 3 && f[0] == "(0)":
			key0 = f[2]
		}
	}
	if rpcURL == "" || contract == "" {
		stop()
		t.Fatalf("chain serve printed:\n%s", buf)
	}
	return rpcURL, contract, key0, stop
}

// TestAnchorOverJSONRPC is the reviewer's story across processes: a chain
// served by one data dir, a researcher in another anchoring over HTTP, and
// a stranger with a fresh data dir verifying the files with the receipt.
func TestAnchorOverJSONRPC(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	t.Setenv("DESCI_PASSPHRASE", "pw")
	rpc, contract, key, stop := serveChain(t, t.TempDir())
	defer stop()

	researcher, stranger := t.TempDir(), t.TempDir()
	funded, err := desci(t, researcher, "--lightkdf", "keys", "import", "--private-key", key)
	if err != nil {
		t.Fatal(err)
	}
	funded = strings.TrimSpace(funded)
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "results.csv"), []byte("auc\n0.91\n"), 0o644)
	m, err := desci(t, researcher, "notarize", src, "--kind", "result", "--title", "AUC")
	if err != nil {
		t.Fatal(err)
	}
	chainFlags := []string{"--rpc", rpc, "--notary-contract", contract}
	if _, err := desci(t, researcher, append([]string{"anchor"}, chainFlags...)...); err != nil {
		t.Fatal(err)
	}
	receipt := filepath.Join(t.TempDir(), "receipt.json")
	if _, err := desci(t, researcher, "receipt", m, "-o", receipt); err != nil {
		t.Fatal(err)
	}
	out, err := desci(t, stranger, "verify", src, "--receipt", receipt, "--rpc", rpc)
	if err != nil || !strings.HasPrefix(out, "OK") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	// A changed file is caught, by name.
	os.WriteFile(filepath.Join(src, "results.csv"), []byte("auc\n0.99\n"), 0o644)
	_, err = desci(t, stranger, "verify", src, "--receipt", receipt, "--rpc", rpc)
	if err == nil || !strings.Contains(err.Error(), "content changed") {
		t.Errorf("verify of a changed file: %v", err)
	}
	// A dead endpoint is one clear line, and nothing queued is lost.
	m2, _ := desci(t, researcher, "notarize", filepath.Join(src, "results.csv"), "--kind", "result", "--title", "AUC v2", "--supersedes", m)
	_, err = desci(t, researcher, "anchor", "--rpc", "http://127.0.0.1:1", "--notary-contract", contract)
	if err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Errorf("anchor to a dead endpoint: %v", err)
	}
	if out, _ := desci(t, researcher, "show", m2); !strings.Contains(out, "pending") {
		t.Errorf("queued manifest lost after a failed anchor:\n%s", out)
	}

	// Bad input around the chain: one clear line each, the queue kept.
	unfunded, err := desci(t, researcher, "--lightkdf", "keys", "new")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := os.ReadFile(receipt)
	truncated := filepath.Join(t.TempDir(), "truncated.json")
	os.WriteFile(truncated, doc[:len(doc)/2], 0o644)
	cases := []struct {
		name string
		args []string
		msg  string
	}{
		{"unfunded key", []string{"anchor", "--rpc", rpc, "--notary-contract", contract, "--key", unfunded}, "no funds"},
		{"wrong chain id", []string{"anchor", "--rpc", rpc, "--notary-contract", contract, "--chain-id", "5", "--key", funded}, "wrong chain"},
		{"no contract code", []string{"anchor", "--rpc", rpc, "--notary-contract", "0x00000000000000000000000000000000000000aa", "--key", funded}, "no contract code"},
		{"truncated receipt", []string{"verify", src, "--receipt", truncated, "--rpc", rpc}, "bad receipt"},
		{"receipt from another chain", []string{"verify", src, "--receipt", receipt, "--rpc", rpc, "--chain-id", "5"}, "wrong chain"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(desciBin, append([]string{"--data-dir", researcher}, c.args...)...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			if err == nil || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), c.msg) {
				t.Errorf("err %v, stderr %q, want one line with %q", err, stderr.String(), c.msg)
			}
			if out, _ := desci(t, researcher, "show", m2); !strings.Contains(out, "pending") {
				t.Errorf("queued manifest lost")
			}
		})
	}
}

// TestKillDuringAnchor kills `desci anchor` at random points, and then the
// chain itself: every manifest ends up anchored exactly once, and anchored
// roots survive the chain's kill -9.
func TestKillDuringAnchor(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills the binary")
	}
	t.Setenv("DESCI_PASSPHRASE", "pw")
	chainHome := t.TempDir()
	rpc, contract, key, stop := serveChain(t, chainHome)
	home := t.TempDir()
	if _, err := desci(t, home, "--lightkdf", "keys", "import", "--private-key", key); err != nil {
		t.Fatal(err)
	}
	var manifests []string
	rng := rand.New(rand.NewPCG(3, 3))
	flags := []string{"--rpc", rpc, "--notary-contract", contract}
	for round := range 6 {
		for i := range 2 {
			p := filepath.Join(t.TempDir(), "d.csv")
			os.WriteFile(p, fmt.Appendf(nil, "round,i\n%d,%d\n", round, i), 0o644)
			m, err := desci(t, home, "notarize", p, "--kind", "dataset", "--title", fmt.Sprint("r", round, "i", i))
			if err != nil {
				t.Fatal(err)
			}
			manifests = append(manifests, m)
		}
		cmd := exec.Command(desciBin, append([]string{"--data-dir", home, "anchor"}, flags...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	if _, err := desci(t, home, append([]string{"anchor"}, flags...)...); err != nil {
		t.Fatal(err)
	}
	roots := map[string]bool{}
	for _, m := range manifests {
		out, err := desci(t, home, "receipt", m)
		if err != nil {
			t.Fatalf("no receipt for %s: %v", m, err)
		}
		var r struct{ Root string }
		json.Unmarshal([]byte(out), &r)
		roots[r.Root] = true
	}
	client, err := ethclient.Dial(rpc)
	if err != nil {
		t.Fatal(err)
	}
	logs, err := client.FilterLogs(context.Background(), ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{common.HexToAddress(contract)}})
	client.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != len(roots) {
		t.Errorf("%d anchor events for %d batches: something was anchored twice", len(logs), len(roots))
	}

	// Kill the chain itself, start it again: the roots are still there.
	stop(syscall.SIGKILL)
	rpc, _, _, stop = serveChain(t, chainHome)
	defer stop()
	for _, m := range manifests[:2] {
		if out, err := desci(t, home, "verify", m, "--rpc", rpc); err != nil {
			t.Errorf("after the chain's kill -9: %v\n%s", err, out)
		}
	}
}
