// Package testpg runs a real PostgreSQL server for tests: Debian's server
// binaries (initdb, postgres), initialized in a temporary directory,
// listening on 127.0.0.1 only, gone with the test.
//
// initdb refuses to run as root, so when the test runs as root (as CI does)
// the server runs as the unprivileged user nobody (uid 65534).
//
// The binaries are looked for in $DESCI_TEST_POSTGRES (a bin directory),
// then on PATH, then in /usr/lib/postgresql/*/bin. When none is found a test
// skips with a loud note, except under CI (CI=true), where it fails:
// scripts/test.sh installs PostgreSQL.
//
// Most tests want DSN: a fresh, empty database on a server shared by the
// test binary (call Main from TestMain to stop it at the end). Tests that
// stop, kill or restart the server start one of their own with Start.
package testpg

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres means no PostgreSQL server binaries were found.
var ErrNoPostgres = errors.New("testpg: no PostgreSQL server binaries (install Debian's postgresql, or set DESCI_TEST_POSTGRES to its bin directory)")

// nobody is the unprivileged uid and gid the server runs as under root.
const nobody = 65534

// BinDir returns the directory holding initdb and postgres.
func BinDir() (string, error) {
	if d := os.Getenv("DESCI_TEST_POSTGRES"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			return "", fmt.Errorf("%w: DESCI_TEST_POSTGRES=%s: %v", ErrNoPostgres, d, err)
		}
		return d, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// skipOrFail skips t when PostgreSQL is missing, and fails it under CI.
func skipOrFail(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v (CI=true: scripts/test.sh installs it)", err)
	}
	t.Skipf("SKIPPED, NOT TESTED AGAINST POSTGRESQL: %v", err)
}

// Server is a PostgreSQL server in a temporary directory.
type Server struct {
	bin, dir string
	port     int
	cred     *syscall.Credential

	mu  sync.Mutex
	cmd *exec.Cmd
	log *os.File
}

// Start initializes and starts a server of t's own, stopped when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := start()
	if errors.Is(err, ErrNoPostgres) {
		skipOrFail(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

func start() (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "desci-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		s.cred = &syscall.Credential{Uid: nobody, Gid: nobody}
		if err := os.Chown(dir, nobody, nobody); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	initdb.Dir = dir
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("testpg: initdb: %v\n%s", err, out)
	}
	if err := s.Restart(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// DSN is the connection string of database db ("postgres" if empty).
func (s *Server) DSN(db string) string {
	if db == "" {
		db = "postgres"
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// Restart starts the server if it is stopped (after Kill or StopServer), on
// the same port and data directory.
func (s *Server) Restart() error {
	// Right after a kill the old backends may still hold the shared
	// memory for a moment: postgres then refuses to start, and is asked
	// again.
	for try := 0; ; try++ {
		err := s.restart()
		if err == nil || try == 50 || !strings.Contains(err.Error(), "pre-existing shared memory block") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return nil
	}
	if s.port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		s.port = p
	}
	log, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o666)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(s.bin, "postgres"), "-D", filepath.Join(s.dir, "data"),
		"-p", strconv.Itoa(s.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+s.dir,
		// No fsync: a test server need not survive the machine, only the
		// process (commits still reach the OS before they return, so a
		// kill -9 of postgres loses nothing committed).
		"-c", "fsync=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200")
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("testpg: start postgres: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s.cmd, s.log = cmd, log
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, s.DSN(""))
		cancel()
		if err == nil {
			conn.Close(context.Background())
			go func() { <-exited }()
			return nil
		}
		select {
		case werr := <-exited:
			s.cmd = nil
			log.Close()
			out, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
			return fmt.Errorf("testpg: postgres exited: %v\n%s", werr, tail(out))
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("testpg: postgres not ready after 60s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Kill stops the server with SIGKILL, as a crash would.
func (s *Server) Kill() { s.signal(syscall.SIGKILL) }

// StopServer shuts the server down fast (SIGINT), keeping its data.
func (s *Server) StopServer() { s.signal(syscall.SIGINT) }

func (s *Server) signal(sig syscall.Signal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	pid := s.cmd.Process.Pid
	// Each backend makes itself a process group of its own (setsid), so
	// a kill of the postmaster's group leaves them running until they
	// notice, answering queries meanwhile: a crash kills them too.
	procs := []int{pid}
	if sig == syscall.SIGKILL {
		procs = append(procs, children(pid)...)
	}
	for _, p := range procs {
		syscall.Kill(p, sig)
	}
	// Wait for all of them: a backend still alive holds the shared
	// memory, and a restart would refuse to start ("pre-existing shared
	// memory block is still in use").
	for i := 0; i < 600; i++ {
		if !slices.ContainsFunc(procs, alive) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.cmd = nil
	s.log.Close()
}

// Stop kills the server and removes its directory.
func (s *Server) Stop() {
	s.Kill()
	os.RemoveAll(s.dir)
}

var (
	sharedOnce sync.Once
	shared     *Server
	sharedErr  error
	dbSeq      int
	dbMu       sync.Mutex
)

// DSN returns a connection string to a fresh, empty database on the server
// shared by this test binary, dropped when t ends.
func DSN(t testing.TB) string {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = start() })
	if errors.Is(sharedErr, ErrNoPostgres) {
		skipOrFail(t, sharedErr)
	}
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	dbMu.Lock()
	dbSeq++
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbSeq)
	dbMu.Unlock()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, shared.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, shared.DSN(""))
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return shared.DSN(name)
}

// Main runs the tests and then stops the shared server:
//
//	func TestMain(m *testing.M) { testpg.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// children returns the pids whose parent is pid.
func children(pid int) []int {
	var out []int
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		n, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if ppid, _, ok := stat(n); ok && ppid == pid {
			out = append(out, n)
		}
	}
	return out
}

// alive reports whether pid runs (a zombie does not).
func alive(pid int) bool {
	_, state, ok := stat(pid)
	return ok && state != "Z" && state != "X"
}

// stat reads a process's parent and state from /proc/PID/stat.
func stat(pid int) (ppid int, state string, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, "", false
	}
	// pid (comm) state ppid ...; comm may hold spaces and parentheses.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, "", false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0, "", false
	}
	ppid, err = strconv.Atoi(f[1])
	return ppid, f[0], err == nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}
