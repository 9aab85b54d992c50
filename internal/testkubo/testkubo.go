// Package testkubo runs the real Kubo (the ipfs command) for tests: a
// repository in a temporary IPFS_PATH, configured to reach nothing (no
// bootstrap peers, no swarm listeners, no routing, AutoConf and telemetry
// off), and a daemon started --offline with its RPC API and gateway on free
// loopback ports, stopped when the test ends.
//
// The binary is the one scripts/build-kubo.sh builds; scripts/test.sh
// passes its path in $DESCI_TEST_IPFS. Without it a test is skipped with a
// loud note, except under CI=true, where it fails.
package testkubo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// EnvBinary names the variable that holds the ipfs binary's path.
const EnvBinary = "DESCI_TEST_IPFS"

// Binary returns the path of the ipfs binary, or skips the test (fails it
// in CI) when there is none.
func Binary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(EnvBinary)
	if bin == "" {
		if p, err := exec.LookPath("ipfs"); err == nil && os.Getenv("CI") != "true" {
			bin = p
		}
	}
	if bin != "" {
		if _, err := os.Stat(bin); err == nil {
			return bin
		}
	}
	msg := fmt.Sprintf("NO REAL KUBO: $%s is not set to an ipfs binary (%q); run scripts/build-kubo.sh and export %s=$(scripts/build-kubo.sh), or use scripts/test.sh", EnvBinary, bin, EnvBinary)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip("SKIPPED: " + msg)
	return ""
}

// Options configure a repository. The zero value is Kubo's test profile.
type Options struct {
	// Profiles are applied after "test" at init, e.g. "unixfs-v1-2025".
	Profiles []string
}

// A Repo is an initialized Kubo repository in a temporary directory.
type Repo struct {
	Bin  string // the ipfs binary
	Path string // IPFS_PATH
	t    testing.TB
}

// Init makes a repository that reaches nothing outside the machine.
func Init(t testing.TB, opts Options) *Repo {
	t.Helper()
	r := &Repo{Bin: Binary(t), Path: filepath.Join(t.TempDir(), "ipfs"), t: t}
	profile := strings.Join(append([]string{"test"}, opts.Profiles...), ",")
	r.Run("init", "--empty-repo", "--profile="+profile)
	r.Run("bootstrap", "rm", "--all")
	r.Run("config", "--json", "Addresses.API", `"/ip4/127.0.0.1/tcp/0"`)
	r.Run("config", "--json", "Addresses.Gateway", `"/ip4/127.0.0.1/tcp/0"`)
	r.Run("config", "--json", "Addresses.Swarm", `[]`)
	r.Run("config", "--json", "Addresses.Announce", `[]`)
	r.Run("config", "Routing.Type", "none")
	r.Run("config", "--json", "AutoConf.Enabled", "false")
	r.Run("config", "--json", "Discovery.MDNS.Enabled", "false")
	return r
}

// Command returns an ipfs command on this repository, with an environment
// of its own: nothing of the caller's but PATH.
func (r *Repo) Command(args ...string) *exec.Cmd {
	cmd := exec.Command(r.Bin, args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + filepath.Dir(r.Path),
		"IPFS_PATH=" + r.Path,
		"IPFS_TELEMETRY=off",
		"GOLOG_LOG_LEVEL=error",
	}
	return cmd
}

// Run runs ipfs with args and returns its standard output, trimmed; the
// test fails if the command does.
func (r *Repo) Run(args ...string) string {
	r.t.Helper()
	out, err := r.Try(args...)
	if err != nil {
		r.t.Fatal(err)
	}
	return out
}

// Try runs ipfs with args and returns its standard output, trimmed, or an
// error carrying its standard error.
func (r *Repo) Try(args ...string) (string, error) {
	cmd := r.Command(args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("ipfs %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// A Node is a running daemon.
type Node struct {
	*Repo
	API     string // RPC API base URL, http://127.0.0.1:PORT
	Gateway string // gateway base URL
	cmd     *exec.Cmd
	done    chan struct{}
	log     *bytes.Buffer
}

// Start initializes a repository and starts a daemon on it.
func Start(t testing.TB, opts Options) *Node {
	t.Helper()
	return Init(t, opts).Start()
}

// Start runs `ipfs daemon --offline` and waits until it is ready. The
// daemon is stopped when the test ends.
func (r *Repo) Start() *Node {
	r.t.Helper()
	n := &Node{Repo: r, cmd: r.Command("daemon", "--offline"), done: make(chan struct{}), log: new(bytes.Buffer)}
	n.cmd.Stderr = n.log
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := n.cmd.StdoutPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := n.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	ready := make(chan error, 1)
	go func() {
		defer close(n.done)
		sc := bufio.NewScanner(stdout)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if !sent {
				n.log.WriteString(line + "\n")
			}
			switch {
			case strings.HasPrefix(line, "RPC API server listening on "):
				n.API = httpURL(strings.TrimPrefix(line, "RPC API server listening on "))
			case strings.HasPrefix(line, "Gateway server listening on "):
				n.Gateway = httpURL(strings.TrimPrefix(line, "Gateway server listening on "))
			case line == "Daemon is ready" && !sent:
				sent = true
				ready <- nil
			}
		}
		io.Copy(io.Discard, stdout)
		if !sent {
			ready <- fmt.Errorf("ipfs daemon stopped before it was ready: %v", n.cmd.Wait())
			return
		}
		n.cmd.Wait()
	}()
	r.t.Cleanup(n.Stop)
	select {
	case err := <-ready:
		if err == nil && (n.API == "" || n.Gateway == "") {
			err = fmt.Errorf("ipfs daemon did not say where its API (%q) and gateway (%q) listen", n.API, n.Gateway)
		}
		if err != nil {
			n.Stop()
			r.t.Fatalf("%v\n%s", err, n.log)
		}
	case <-time.After(2 * time.Minute):
		n.Stop()
		r.t.Fatalf("ipfs daemon not ready after 2 minutes\n%s", n.log)
	}
	return n
}

// Stop ends the daemon: SIGINT, then SIGKILL if it lingers.
func (n *Node) Stop() {
	if n.cmd.Process == nil {
		return
	}
	select {
	case <-n.done:
		return
	default:
	}
	n.cmd.Process.Signal(os.Interrupt)
	select {
	case <-n.done:
	case <-time.After(15 * time.Second):
		n.cmd.Process.Kill()
		<-n.done
	}
}

// httpURL turns a /ip4/ADDR/tcp/PORT multiaddr into a base URL; the text
// is returned as is when it is not one.
func httpURL(s string) string {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "ip4" || parts[3] != "tcp" {
		return s
	}
	return "http://" + net.JoinHostPort(parts[2], parts[4])
}
