package pgdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrUnreachable means the database could not be reached.
var ErrUnreachable = errors.New("database unreachable")

// Options configure Open. The zero value works.
type Options struct {
	// Name is the application_name the connections show in
	// pg_stat_activity (and the anchoring lock's holder); empty means
	// "desci HOST pid PID".
	Name string
	// MaxConns bounds the pool; 0 means pgxpool's default (4 or the
	// number of CPUs, whichever is more).
	MaxConns int32
	// Timeout bounds the first connection; 0 means 10 s.
	Timeout time.Duration
}

// Open connects a pool to the database at dsn (postgres://… or key=value)
// and checks it answers. Its errors name the database (without password)
// and say what to do.
func Open(ctx context.Context, dsn string, opts Options) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database %s: not a PostgreSQL connection string (postgres://USER@HOST:PORT/DB): %v", Redact(dsn), err)
	}
	name := opts.Name
	if name == "" {
		host, _ := os.Hostname()
		name = fmt.Sprintf("desci %s pid %d", host, os.Getpid())
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = name
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > timeout {
		cfg.ConnConfig.ConnectTimeout = timeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %v", Redact(dsn), err)
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, Unreachable(dsn, err)
	}
	return pool, nil
}

// ConnectionLost reports whether err is the database being out of reach
// (refused, closed, shut down, timed out) rather than its answer to a
// statement.
func ConnectionLost(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08: connection exception; 57P01-57P03: shutting down,
		// crash shutdown, cannot connect now.
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		strings.Contains(err.Error(), "conn closed")
}

// Unreachable wraps err, met while reaching the database at dsn, in an
// ErrUnreachable that names the database and the next step.
func Unreachable(dsn string, err error) error {
	msg := strings.Join(strings.Fields(err.Error()), " ") // pgx spreads one error over lines
	return fmt.Errorf("%w: %s: %s (is PostgreSQL running there? check --database, DESCI_DATABASE or config.json's \"database\")", ErrUnreachable, Redact(dsn), msg)
}

// Redact returns dsn without its password, for messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return "(the configured database)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
