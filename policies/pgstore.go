package policies

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The PostgreSQL schema, versioned: migrations/NNNN_name.sql, applied in
// order on open, each in its own transaction, recorded in
// desci_consent_migrations (the notary index keeps its own table, so both
// share one database).
//
//go:embed migrations/*.sql
var migrations embed.FS

const migrationTable = "desci_consent_migrations"

// pgStorage is a Storage in a PostgreSQL database. Updates are
// SERIALIZABLE transactions, retried when they lose a race: two
// registries (replicas, or processes) writing the same subject at once
// commit one after the other, the second checking against the first.
type pgStorage struct{ pool *pgxpool.Pool }

// OpenPostgres connects to the PostgreSQL database dsn (postgres://…) and
// brings its schema up to date.
func OpenPostgres(ctx context.Context, dsn string) (Storage, error) {
	return openPostgres(ctx, dsn, 0)
}

// openPostgres migrates to version upTo (0: the latest).
func openPostgres(ctx context.Context, dsn string, upTo int) (*pgStorage, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("policies: database: %w", err) // pgx keeps the password out
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStorage, err)
	}
	if err := migrate(ctx, pool, upTo); err != nil {
		pool.Close()
		return nil, err
	}
	return &pgStorage{pool}, nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("policies: migration %s: no version number", base)
		}
		b, err := migrations.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, base, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies the migrations the database lacks, up to version upTo
// (0: all), under an advisory lock so replicas starting together apply
// each once.
func migrate(ctx context.Context, pool *pgxpool.Pool, upTo int) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrStorage, err)
	}
	defer conn.Release()
	const lock = "SELECT pg_advisory_lock(hashtext('" + migrationTable + "'))"
	if _, err := conn.Exec(ctx, lock); err != nil {
		return fmt.Errorf("%w: %v", ErrStorage, err)
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock(hashtext('"+migrationTable+"'))")
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+migrationTable+` (
		version int PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("%w: %v", ErrStorage, err)
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM "+migrationTable).Scan(&have); err != nil {
		return fmt.Errorf("%w: %v", ErrStorage, err)
	}
	if last := ms[len(ms)-1].version; have > last {
		return fmt.Errorf("policies: the database's consent schema is version %d, this desci knows up to %d: upgrade desci", have, last)
	}
	for _, m := range ms {
		if m.version <= have || upTo > 0 && m.version > upTo {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO "+migrationTable+" (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("policies: database migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (s *pgStorage) Close() error { s.pool.Close(); return nil }

func (s *pgStorage) View(ctx context.Context, fn func(Tx) error) error {
	return s.run(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func (s *pgStorage) Update(ctx context.Context, fn func(Tx) error) error {
	return s.run(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable}, fn)
}

// maxRetries bounds the retries of a transaction that lost a race.
const maxRetries = 20

func (s *pgStorage) run(ctx context.Context, o pgx.TxOptions, fn func(Tx) error) error {
	for attempt := 0; ; attempt++ {
		var fnErr error
		err := pgx.BeginTxFunc(ctx, s.pool, o, func(tx pgx.Tx) error {
			fnErr = fn(&pgTx{ctx: ctx, tx: tx})
			return fnErr
		})
		if err == nil {
			return nil
		}
		if attempt < maxRetries && retryable(err) {
			// Back off a little, at random, so racing writers part.
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(rand.IntN(1+attempt*5)) * time.Millisecond):
			}
			continue
		}
		if fnErr != nil && errors.Is(err, fnErr) && !isDriverErr(err) {
			return fnErr // the caller's own refusal, not the database's
		}
		if errors.Is(err, ErrStorage) || ctx.Err() != nil {
			return err
		}
		return fmt.Errorf("%w: %v", ErrStorage, err)
	}
}

// retryable is a transaction that lost a race with another: run it again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "23505")
}

func isDriverErr(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) || pgconn.SafeToRetry(err) || pgconn.Timeout(err)
}

type pgTx struct {
	ctx context.Context
	tx  pgx.Tx
}

// dbErr marks an error of the database (wrapped in ErrStorage unless it
// is a lost race, which Update retries).
func dbErr(err error) error {
	if err == nil || retryable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrStorage, err)
}

func (t *pgTx) Get(b Bucket, k []byte) ([]byte, error) {
	var v []byte
	err := t.tx.QueryRow(t.ctx, "SELECT v FROM desci_consent_kv WHERE bucket = $1 AND k = $2", string(b), k).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if v == nil && err == nil {
		v = []byte{}
	}
	return v, dbErr(err)
}

// pgBatch is how many keys one statement looks up or a page of a scan
// holds.
const pgBatch = 10_000

func (t *pgTx) GetMany(b Bucket, keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for lo := 0; lo < len(keys); lo += pgBatch {
		part := keys[lo:min(lo+pgBatch, len(keys))]
		at := make(map[string][]int, len(part))
		for i, k := range part {
			at[string(k)] = append(at[string(k)], lo+i)
		}
		rows, err := t.tx.Query(t.ctx, "SELECT k, v FROM desci_consent_kv WHERE bucket = $1 AND k = ANY($2)", string(b), part)
		if err != nil {
			return nil, dbErr(err)
		}
		for rows.Next() {
			var k, v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, dbErr(err)
			}
			if v == nil {
				v = []byte{}
			}
			for _, i := range at[string(k)] {
				out[i] = v
			}
		}
		if err := rows.Err(); err != nil {
			return nil, dbErr(err)
		}
	}
	return out, nil
}

func (t *pgTx) Put(b Bucket, k, v []byte) error {
	if v == nil {
		v = []byte{}
	}
	_, err := t.tx.Exec(t.ctx, `INSERT INTO desci_consent_kv (bucket, k, v) VALUES ($1, $2, $3)
		ON CONFLICT (bucket, k) DO UPDATE SET v = EXCLUDED.v`, string(b), k, v)
	return dbErr(err)
}

// PutMany streams the pairs into a staging table (COPY) and upserts them
// from it in one statement.
func (t *pgTx) PutMany(b Bucket, kvs []KV) error {
	if len(kvs) == 0 {
		return nil
	}
	if len(kvs) < 64 {
		for _, kv := range kvs {
			if err := t.Put(b, kv.K, kv.V); err != nil {
				return err
			}
		}
		return nil
	}
	// One row a key (the last value wins, as puts in order would).
	last := make(map[string]int, len(kvs))
	for i, kv := range kvs {
		last[string(kv.K)] = i
	}
	rows := make([][]any, 0, len(last))
	for i, kv := range kvs {
		if last[string(kv.K)] == i {
			v := kv.V
			if v == nil {
				v = []byte{}
			}
			rows = append(rows, []any{kv.K, v})
		}
	}
	if _, err := t.tx.Exec(t.ctx, `CREATE TEMP TABLE IF NOT EXISTS desci_consent_stage (k bytea NOT NULL, v bytea NOT NULL) ON COMMIT DELETE ROWS`); err != nil {
		return dbErr(err)
	}
	if _, err := t.tx.Exec(t.ctx, `TRUNCATE desci_consent_stage`); err != nil {
		return dbErr(err)
	}
	if _, err := t.tx.CopyFrom(t.ctx, pgx.Identifier{"desci_consent_stage"}, []string{"k", "v"}, pgx.CopyFromRows(rows)); err != nil {
		return dbErr(err)
	}
	_, err := t.tx.Exec(t.ctx, `INSERT INTO desci_consent_kv (bucket, k, v) SELECT $1, k, v FROM desci_consent_stage
		ON CONFLICT (bucket, k) DO UPDATE SET v = EXCLUDED.v`, string(b))
	return dbErr(err)
}

func (t *pgTx) Delete(b Bucket, k []byte) error {
	_, err := t.tx.Exec(t.ctx, "DELETE FROM desci_consent_kv WHERE bucket = $1 AND k = $2", string(b), k)
	return dbErr(err)
}

// Scan reads a page at a time, so fn may query the transaction too.
func (t *pgTx) Scan(b Bucket, prefix []byte, fn func(k, v []byte) error) error {
	return t.scan(b, prefix, "", func(k, v, _ []byte) error { return fn(k, v) })
}

// ScanRefs is Scan joined to ref in the database: one query a page.
func (t *pgTx) ScanRefs(b Bucket, prefix []byte, ref Bucket, fn func(k, v, refV []byte) error) error {
	return t.scan(b, prefix, ref, fn)
}

func (t *pgTx) scan(b Bucket, prefix []byte, ref Bucket, fn func(k, v, refV []byte) error) error {
	end := prefixEnd(prefix)
	after := prefix
	if after == nil {
		after = []byte{}
	}
	op := ">="
	for {
		q := "SELECT l.k, l.v, NULL::bytea FROM desci_consent_kv l "
		if ref != "" {
			q = "SELECT l.k, l.v, d.v FROM desci_consent_kv l LEFT JOIN desci_consent_kv d ON d.bucket = $4 AND d.k = l.v "
		}
		q += "WHERE l.bucket = $1 AND l.k " + op + " $2 AND ($3::bytea IS NULL OR l.k < $3) ORDER BY l.k LIMIT " + strconv.Itoa(pgBatch)
		args := []any{string(b), after, end}
		if ref != "" {
			args = append(args, string(ref))
		}
		rows, err := t.tx.Query(t.ctx, q, args...)
		if err != nil {
			return dbErr(err)
		}
		type row struct{ k, v, r []byte }
		var page []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.k, &r.v, &r.r); err != nil {
				rows.Close()
				return dbErr(err)
			}
			page = append(page, r)
		}
		if err := rows.Err(); err != nil {
			return dbErr(err)
		}
		for _, r := range page {
			if r.v == nil {
				r.v = []byte{}
			}
			if err := fn(r.k, r.v, r.r); err != nil {
				return err
			}
		}
		if len(page) < pgBatch {
			return nil
		}
		after, op = page[len(page)-1].k, ">"
	}
}

// prefixEnd is the least key above every key starting with prefix; nil
// when there is none (an empty prefix, or all 0xff).
func prefixEnd(prefix []byte) []byte {
	end := []byte(string(prefix))
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

func (t *pgTx) NextSequence(b Bucket) (uint64, error) {
	var n uint64
	err := t.tx.QueryRow(t.ctx, `INSERT INTO desci_consent_seq (bucket, n) VALUES ($1, 1)
		ON CONFLICT (bucket) DO UPDATE SET n = desci_consent_seq.n + 1 RETURNING n`, string(b)).Scan(&n)
	return n, dbErr(err)
}
