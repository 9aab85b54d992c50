package pgdb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// ErrNewer means the database's schema is newer than this binary's.
var ErrNewer = errors.New("pgdb: the database's schema is newer than this desci knows")

var (
	fileName  = regexp.MustCompile(`^([0-9]+)_[a-z0-9_]+\.sql$`)
	tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
)

// Beginner is what Apply needs of a connection or pool.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Apply applies the migrations in fsys (top-level NNN_*.sql files) that
// table does not record yet, and returns the schema version now in place.
func Apply(ctx context.Context, db Beginner, table string, fsys fs.FS) (int, error) {
	if !tableName.MatchString(table) {
		return 0, fmt.Errorf("pgdb: bad table name %q", table)
	}
	ms, err := read(fsys)
	if err != nil {
		return 0, err
	}
	tx, err := db.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, table); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+table+` (
		version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("pgdb: %s: %w", table, err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM `+table).Scan(&have); err != nil {
		return 0, err
	}
	if have > len(ms) {
		return have, fmt.Errorf("%w (%s is at version %d, this binary knows %d): upgrade desci", ErrNewer, table, have, len(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return have, fmt.Errorf("pgdb: migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+table+` (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return have, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return have, err
	}
	return len(ms), nil
}

type migration struct {
	version   int
	name, sql string
}

func read(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("pgdb: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		sub := fileName.FindStringSubmatch(e.Name())
		if e.IsDir() || sub == nil {
			continue
		}
		v, _ := strconv.Atoi(sub[1])
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("pgdb: migration %s: versions must run 1, 2, 3… without gaps or repeats", m.name)
		}
	}
	return ms, nil
}
