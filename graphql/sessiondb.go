package graphql

import (
	"context"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/desci-platform/desci/internal/pgdb"
)

// Sessions in PostgreSQL: what the in-memory maps of sessions keep, in
// two tables every replica shares (migrations/), so a session opened on
// one replica works on all and a nonce is used once across them. The
// bounds are the same: per client and in total for nonces, per address,
// per client and in total for sessions; a transaction-scoped advisory
// lock per client (and per address) keeps two replicas from both taking
// the last place.

//go:embed migrations/*.sql
var sessionMigrations embed.FS

// SessionsMigrationsTable records which of migrations/ a database has.
const SessionsMigrationsTable = "desci_sessions_migrations"

// sessionDB is the sessions' PostgreSQL store.
type sessionDB struct {
	pool *pgxpool.Pool
}

func openSessionDB(ctx context.Context, pool *pgxpool.Pool) (*sessionDB, error) {
	sub, _ := fs.Sub(sessionMigrations, "migrations")
	if _, err := pgdb.Apply(ctx, pool, SessionsMigrationsTable, sub); err != nil {
		return nil, fmt.Errorf("graphql: sessions: %w", err)
	}
	return &sessionDB{pool: pool}, nil
}

func (db *sessionDB) fail(err error) error {
	if err == nil {
		return nil
	}
	if pgdb.ConnectionLost(err) {
		return coded(CodeUnavailable, fmt.Errorf("sessions: the database is unreachable, try again shortly: %v", err))
	}
	return err
}

func dbCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// nonce issues a fresh nonce to client.
func (db *sessionDB) nonce(lim signInLimits, now time.Time, client string) (string, error) {
	n := randomHex(12)
	ctx, cancel := dbCtx()
	defer cancel()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('desci-nonce:' || $1))`, client); err != nil {
			return err
		}
		// The client's own oldest give way past its share.
		if _, err := tx.Exec(ctx, `DELETE FROM session_nonces WHERE nonce IN (
			SELECT nonce FROM session_nonces WHERE client = $1 ORDER BY issued DESC, seq DESC OFFSET $2)`, client, max(lim.noncesPerClient-1, 0)); err != nil {
			return err
		}
		var total int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM session_nonces`).Scan(&total); err != nil {
			return err
		}
		if total >= lim.total {
			if _, err := tx.Exec(ctx, `DELETE FROM session_nonces WHERE expires < $1`, now); err != nil {
				return err
			}
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM session_nonces`).Scan(&total); err != nil {
				return err
			}
			if total >= lim.total {
				return errBusy
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_nonces (nonce, client, issued, expires) VALUES ($1, $2, $3, $4)`, n, client, now, now.Add(lim.nonceTTL))
		return err
	})
	if err != nil {
		return "", db.fail(err)
	}
	return n, nil
}

// takeNonce consumes a nonce: its row is deleted by exactly one replica,
// and only a nonce not yet expired counts.
func (db *sessionDB) takeNonce(nonce string, now time.Time) (bool, error) {
	ctx, cancel := dbCtx()
	defer cancel()
	var expires time.Time
	err := db.pool.QueryRow(ctx, `DELETE FROM session_nonces WHERE nonce = $1 RETURNING expires`, nonce).Scan(&expires)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, db.fail(err)
	}
	return !now.After(expires), nil
}

// openSession opens a session for a checked message whose nonce was taken.
func (db *sessionDB) openSession(lim signInLimits, now time.Time, m *SIWEMessage, client string, roles func(common.Address) []string) (*Session, error) {
	ctx, cancel := dbCtx()
	defer cancel()
	s := &Session{Token: randomHex(32), Address: m.Address, Roles: roles(m.Address), Created: now, Expires: now.Add(lim.ttl), client: client}
	s.ID = sessionID(s.Token)
	if !m.ExpirationTime.IsZero() && m.ExpirationTime.Before(s.Expires) {
		s.Expires = m.ExpirationTime
	}
	if s.Roles == nil {
		s.Roles = []string{}
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('desci-session-client:' || $1)), pg_advisory_xact_lock(hashtext('desci-session-address:' || $2))`, client, s.Address.Hex()); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM session_tokens WHERE (address = $1 OR client = $2) AND expires <= $3`, s.Address.Hex(), client, now); err != nil {
			return err
		}
		// The address's own oldest give way past its share.
		if _, err := tx.Exec(ctx, `DELETE FROM session_tokens WHERE token_hash IN (
			SELECT token_hash FROM session_tokens WHERE address = $1 ORDER BY created DESC, seq DESC OFFSET $2)`, s.Address.Hex(), max(lim.sessionsPerAddress-1, 0)); err != nil {
			return err
		}
		var mine, total int
		if err := tx.QueryRow(ctx, `SELECT count(*) FILTER (WHERE client = $1), count(*) FROM session_tokens`, client).Scan(&mine, &total); err != nil {
			return err
		}
		if mine >= lim.sessionsPerClient {
			return fmt.Errorf("%w: %d sessions are open from your network; sign out of some (revokeSession)", errBusy, mine)
		}
		if total >= lim.total {
			if _, err := tx.Exec(ctx, `DELETE FROM session_tokens WHERE expires <= $1`, now); err != nil {
				return err
			}
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM session_tokens`).Scan(&total); err != nil {
				return err
			}
			if total >= lim.total {
				return errBusy
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO session_tokens (token_hash, id, address, roles, client, created, expires)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tokenHash(s.Token), s.ID, s.Address.Hex(), s.Roles, client, s.Created, s.Expires)
		return err
	})
	if err != nil {
		return nil, db.fail(err)
	}
	return s, nil
}

func (db *sessionDB) scan(rows pgx.Rows) ([]*Session, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (*Session, error) {
		s := &Session{}
		var addr string
		err := r.Scan(&s.ID, &addr, &s.Roles, &s.client, &s.Created, &s.Expires)
		s.Address = common.HexToAddress(addr)
		s.Created, s.Expires = s.Created.UTC(), s.Expires.UTC()
		return s, err
	})
}

// lookup returns the live session of a token, or nil.
func (db *sessionDB) lookup(now time.Time, token string) (*Session, error) {
	ctx, cancel := dbCtx()
	defer cancel()
	rows, err := db.pool.Query(ctx, `SELECT id, address, roles, client, created, expires FROM session_tokens WHERE token_hash = $1 AND expires > $2`, tokenHash(token), now)
	if err != nil {
		return nil, db.fail(err)
	}
	ss, err := db.scan(rows)
	if err != nil || len(ss) == 0 {
		return nil, db.fail(err)
	}
	ss[0].Token = token
	return ss[0], nil
}

func (db *sessionDB) signOut(token string) error {
	ctx, cancel := dbCtx()
	defer cancel()
	_, err := db.pool.Exec(ctx, `DELETE FROM session_tokens WHERE token_hash = $1`, tokenHash(token))
	return db.fail(err)
}

// of lists an address's live sessions, oldest first (without tokens).
func (db *sessionDB) of(now time.Time, a common.Address) ([]*Session, error) {
	ctx, cancel := dbCtx()
	defer cancel()
	rows, err := db.pool.Query(ctx, `SELECT id, address, roles, client, created, expires FROM session_tokens
		WHERE address = $1 AND expires > $2 ORDER BY created, seq`, a.Hex(), now)
	if err != nil {
		return nil, db.fail(err)
	}
	ss, err := db.scan(rows)
	return ss, db.fail(err)
}

func (db *sessionDB) revoke(a common.Address, id string) (bool, error) {
	ctx, cancel := dbCtx()
	defer cancel()
	tag, err := db.pool.Exec(ctx, `DELETE FROM session_tokens WHERE address = $1 AND id = $2`, a.Hex(), id)
	return tag.RowsAffected() > 0, db.fail(err)
}
