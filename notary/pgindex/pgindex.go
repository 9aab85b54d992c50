package pgindex

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/notary/index"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrationsTable records which of migrations/ a database has.
const MigrationsTable = "desci_index_migrations"

// anchorLock is the advisory lock key of the one anchorer (classid 0, so
// pg_locks shows it as objid).
const anchorLock = 0x64657363 // "desc"

// Options configure Open. The zero value works.
type Options struct {
	// Timeout bounds each operation; 0 means 30 s.
	Timeout time.Duration
	// Name is what this process is called as the anchoring lock's holder
	// (application_name); empty means "desci HOST pid PID".
	Name string
}

// Index is an open PostgreSQL index.
type Index struct {
	pool    *pgxpool.Pool
	owned   bool // the pool is closed with the index
	dsn     string
	timeout time.Duration

	cache      statusCache
	stopListen context.CancelFunc
	listenDone chan struct{}
}

// Open connects to the database at dsn, applies the index's migrations and
// returns the index, which closes its pool when closed.
func Open(ctx context.Context, dsn string, opts Options) (*Index, error) {
	pool, err := pgdb.Open(ctx, dsn, pgdb.Options{Name: opts.Name})
	if err != nil {
		return nil, err
	}
	ix, err := New(ctx, pool, opts)
	if err != nil {
		pool.Close()
		return nil, err
	}
	ix.owned = true
	return ix, nil
}

// New applies the index's migrations to pool's database and returns the
// index on it; the pool stays the caller's to close.
func New(ctx context.Context, pool *pgxpool.Pool, opts Options) (*Index, error) {
	sub, _ := fs.Sub(migrations, "migrations")
	if _, err := pgdb.Apply(ctx, pool, MigrationsTable, sub); err != nil {
		return nil, fmt.Errorf("pgindex: %w", err)
	}
	ix := &Index{pool: pool, dsn: pool.Config().ConnString(), timeout: opts.Timeout, listenDone: make(chan struct{})}
	if ix.timeout == 0 {
		ix.timeout = 30 * time.Second
	}
	lctx, stop := context.WithCancel(context.Background())
	ix.stopListen = stop
	go ix.listen(lctx)
	return ix, nil
}

// Close closes the pool if Open opened it.
func (ix *Index) Close() error {
	ix.stopListen()
	<-ix.listenDone
	if ix.owned {
		ix.pool.Close()
	}
	return nil
}

// Pool returns the connection pool (for health checks and metrics).
func (ix *Index) Pool() *pgxpool.Pool { return ix.pool }

func (ix *Index) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), ix.timeout)
}

// fail names the database in errors of reaching it; others pass as they are.
func (ix *Index) fail(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, index.ErrBatchInFlight) || errors.Is(err, index.ErrAnchoring) {
		return fmt.Errorf("pgindex: %w", err)
	}
	if pgdb.ConnectionLost(err) {
		return fmt.Errorf("pgindex: %w", pgdb.Unreachable(ix.dsn, err))
	}
	return fmt.Errorf("pgindex: %w", err)
}

// write runs f in one transaction that also advances Seq.
func (ix *Index) write(f func(ctx context.Context, tx pgx.Tx) error) error {
	ctx, cancel := ix.ctx()
	defer cancel()
	// Whatever happens, what this replica kept may be stale now: its own
	// writes show at once, without waiting for their notification.
	defer ix.cache.bump()
	return ix.fail(pgx.BeginFunc(ctx, ix.pool, func(tx pgx.Tx) error {
		if err := f(ctx, tx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE index_seq SET n = n + 1`)
		return err
	}))
}

// AddPin records p; pinning a root again keeps the first record.
func (ix *Index) AddPin(p index.Pin) error { return ix.AddPins([]index.Pin{p}) }

// AddPins records many pins in one transaction.
func (ix *Index) AddPins(ps []index.Pin) error {
	keys := make([][]byte, 0, len(ps))
	recs := make([]string, 0, len(ps))
	seen := map[cid.Cid]bool{}
	for _, p := range ps {
		if seen[p.Root] {
			continue
		}
		seen[p.Root] = true
		v, err := json.Marshal(p)
		if err != nil {
			return err
		}
		keys, recs = append(keys, p.Root.Bytes()), append(recs, string(v))
	}
	return ix.write(func(ctx context.Context, tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO index_pins (cid, rec) SELECT * FROM unnest($1::bytea[], $2::jsonb[]) ORDER BY 1 ON CONFLICT DO NOTHING`, keys, recs)
		return err
	})
}

// Pins returns every pin.
func (ix *Index) Pins() ([]index.Pin, error) {
	var out []index.Pin
	err := ix.query(`SELECT cid, rec FROM index_pins ORDER BY cid`, nil, func(rows pgx.Rows) error {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		var p index.Pin
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		c, err := cid.Cast(k)
		if err != nil {
			return err
		}
		p.Root = c
		out = append(out, p)
		return nil
	})
	return out, err
}

func (ix *Index) query(sql string, args []any, row func(pgx.Rows) error) error {
	ctx, cancel := ix.ctx()
	defer cancel()
	rows, err := ix.pool.Query(ctx, sql, args...)
	if err != nil && pgdb.ConnectionLost(err) {
		// A pooled connection the server closed (restarted): a read is
		// safe to try once more, on a fresh one.
		rows, err = ix.pool.Query(ctx, sql, args...)
	}
	if err != nil {
		return ix.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return ix.fail(err)
		}
	}
	return ix.fail(rows.Err())
}

// PutManifest records m and its links; queue also puts it in the
// anchoring queue.
func (ix *Index) PutManifest(m index.Manifest, queue bool) error {
	return ix.PutManifests([]index.Manifest{m}, queue)
}

// PutManifests records many manifests in one transaction. A manifest known
// already is only promoted from imported to local; links and the queue
// are written only for records that were.
func (ix *Index) PutManifests(ms []index.Manifest, queue bool) error {
	// One row per CID, as the embedded index would end after writing them
	// in order: the first record, or the first local one.
	byCID := map[cid.Cid]int{}
	var uniq []index.Manifest
	for _, m := range ms {
		if i, ok := byCID[m.CID]; ok {
			if !uniq[i].Local && m.Local {
				uniq[i] = m
			}
			continue
		}
		byCID[m.CID] = len(uniq)
		uniq = append(uniq, m)
	}
	// Rows locked in one order, so concurrent writers cannot deadlock.
	slices.SortFunc(uniq, func(a, b index.Manifest) int { return compareBytes(a.CID.Bytes(), b.CID.Bytes()) })
	keys := make([][]byte, len(uniq))
	locals := make([]bool, len(uniq))
	recs := make([]string, len(uniq))
	for i, m := range uniq {
		v, err := json.Marshal(m)
		if err != nil {
			return err
		}
		keys[i], locals[i], recs[i] = m.CID.Bytes(), m.Local, string(v)
	}
	return ix.write(func(ctx context.Context, tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `INSERT INTO index_manifests (cid, local, rec)
			SELECT * FROM unnest($1::bytea[], $2::boolean[], $3::jsonb[])
			ON CONFLICT (cid) DO UPDATE SET local = excluded.local, rec = excluded.rec
				WHERE NOT index_manifests.local AND excluded.local
			RETURNING cid`, keys, locals, recs)
		if err != nil {
			return err
		}
		written, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
		if err != nil {
			return err
		}
		if len(written) == 0 {
			return nil
		}
		isWritten := make(map[string]bool, len(written))
		for _, k := range written {
			isWritten[string(k)] = true
		}
		var kinds []string
		var targets, sources, queued [][]byte
		for _, m := range uniq {
			k := m.CID.Bytes()
			if !isWritten[string(k)] {
				continue
			}
			if m.Supersedes.Defined() {
				kinds, targets, sources = append(kinds, "supersedes"), append(targets, m.Supersedes.Bytes()), append(sources, k)
			}
			if m.Corrects.Defined() {
				kinds, targets, sources = append(kinds, "corrects"), append(targets, m.Corrects.Bytes()), append(sources, k)
			}
		}
		// Queued in the order given, as the embedded index's clock does.
		for _, m := range ms {
			if k := m.CID.Bytes(); isWritten[string(k)] {
				delete(isWritten, string(k))
				queued = append(queued, k)
			}
		}
		if len(kinds) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO index_links (kind, target, source)
				SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[]) ON CONFLICT DO NOTHING`, kinds, targets, sources); err != nil {
				return err
			}
		}
		if queue {
			if _, err := tx.Exec(ctx, `INSERT INTO index_queue (cid)
				SELECT k FROM unnest($1::bytea[]) WITH ORDINALITY AS t(k, i) ORDER BY i ON CONFLICT DO NOTHING`, queued); err != nil {
				return err
			}
		}
		return nil
	})
}

func compareBytes(a, b []byte) int { return slices.Compare(a, b) }

// Manifest returns the record for c, or ok false.
func (ix *Index) Manifest(c cid.Cid) (m index.Manifest, ok bool, err error) {
	err = ix.query(`SELECT rec FROM index_manifests WHERE cid = $1`, []any{c.Bytes()}, func(rows pgx.Rows) error {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			return err
		}
		ok = true
		return json.Unmarshal(v, &m)
	})
	m.CID = c
	if !ok {
		m = index.Manifest{}
	}
	return m, ok, err
}

// Manifests returns every manifest record.
func (ix *Index) Manifests() ([]index.Manifest, error) {
	var out []index.Manifest
	err := ix.query(`SELECT cid, rec FROM index_manifests ORDER BY cid`, nil, func(rows pgx.Rows) error {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		var m index.Manifest
		if err := json.Unmarshal(v, &m); err != nil {
			return err
		}
		c, err := cid.Cast(k)
		if err != nil {
			return err
		}
		m.CID = c
		out = append(out, m)
		return nil
	})
	return out, err
}

// SupersededBy returns the manifests that name c as the version they replace.
func (ix *Index) SupersededBy(c cid.Cid) ([]cid.Cid, error) { return ix.links("supersedes", c) }

// CorrectedBy returns the corrections of c.
func (ix *Index) CorrectedBy(c cid.Cid) ([]cid.Cid, error) { return ix.links("corrects", c) }

func (ix *Index) links(kind string, c cid.Cid) ([]cid.Cid, error) {
	return ix.cids(`SELECT source FROM index_links WHERE kind = $1 AND target = $2 ORDER BY source`, kind, c.Bytes())
}

func (ix *Index) cids(sql string, args ...any) ([]cid.Cid, error) {
	var out []cid.Cid
	err := ix.query(sql, args, func(rows pgx.Rows) error {
		var k []byte
		if err := rows.Scan(&k); err != nil {
			return err
		}
		c, err := cid.Cast(k)
		if err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Queued says whether c waits for anchoring.
func (ix *Index) Queued(c cid.Cid) (bool, error) {
	m, err := ix.InQueue([]cid.Cid{c})
	return m[c], err
}

// Queue returns the manifests waiting for anchoring, oldest first.
func (ix *Index) Queue() ([]cid.Cid, error) {
	return ix.cids(`SELECT cid FROM index_queue ORDER BY seq`)
}

// InQueue says which of cs wait for anchoring, in one query.
func (ix *Index) InQueue(cs []cid.Cid) (map[cid.Cid]bool, error) {
	out := make(map[cid.Cid]bool, len(cs))
	found, err := ix.cids(`SELECT cid FROM index_queue WHERE cid = ANY($1::bytea[])`, keysOf(cs))
	for _, c := range found {
		out[c] = true
	}
	return out, err
}

func keysOf(cs []cid.Cid) [][]byte {
	out := make([][]byte, len(cs))
	for i, c := range cs {
		out[i] = c.Bytes()
	}
	return out
}

// PutBatch records b; it fails with index.ErrBatchInFlight while another
// batch is recorded.
func (ix *Index) PutBatch(b index.Batch) error {
	v, err := json.Marshal(b)
	if err != nil {
		return err
	}
	return ix.write(func(ctx context.Context, tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO index_batches (root, rec) VALUES ($1, $2) ON CONFLICT DO NOTHING`, b.Root, string(v))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var root string
			tx.QueryRow(ctx, `SELECT root FROM index_batches`).Scan(&root)
			return fmt.Errorf("%w (root %s)", index.ErrBatchInFlight, root)
		}
		return nil
	})
}

// DeleteBatch forgets a batch whose transaction will never be mined; its
// manifests are still queued.
func (ix *Index) DeleteBatch(root string) error {
	return ix.write(func(ctx context.Context, tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM index_batches WHERE root = $1`, root)
		return err
	})
}

// Batches returns the batches in flight.
func (ix *Index) Batches() ([]index.Batch, error) {
	var out []index.Batch
	err := ix.query(`SELECT rec FROM index_batches ORDER BY root`, nil, func(rows pgx.Rows) error {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			return err
		}
		var b index.Batch
		if err := json.Unmarshal(v, &b); err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	return out, err
}

// Confirm stores the receipts of a confirmed batch, takes its manifests
// off the queue and forgets the batch, in one transaction. A receipt
// stored already is kept.
func (ix *Index) Confirm(root string, receipts map[cid.Cid][]byte) error {
	keys := make([][]byte, 0, len(receipts))
	docs := make([][]byte, 0, len(receipts))
	for c, r := range receipts {
		keys, docs = append(keys, c.Bytes()), append(docs, r)
	}
	return ix.write(func(ctx context.Context, tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO index_receipts (cid, doc) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ORDER BY 1 ON CONFLICT DO NOTHING`, keys, docs); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM index_queue WHERE cid = ANY($1::bytea[])`, keys); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM index_batches WHERE root = $1`, root)
		return err
	})
}

// Receipt returns the stored receipt document of a manifest.
func (ix *Index) Receipt(c cid.Cid) ([]byte, bool, error) {
	m, err := ix.Receipts([]cid.Cid{c})
	r, ok := m[c]
	return r, ok, err
}

// Receipts returns the stored receipts of many manifests in one query;
// manifests without a receipt are absent from the map.
func (ix *Index) Receipts(cs []cid.Cid) (map[cid.Cid][]byte, error) {
	out := make(map[cid.Cid][]byte, len(cs))
	err := ix.query(`SELECT cid, doc FROM index_receipts WHERE cid = ANY($1::bytea[])`, []any{keysOf(cs)}, func(rows pgx.Rows) error {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		c, err := cid.Cast(k)
		if err != nil {
			return err
		}
		out[c] = v
		return nil
	})
	return out, err
}

// Seq returns a number that changes with every committed write, on any
// replica.
func (ix *Index) Seq() (uint64, error) {
	ctx, cancel := ix.ctx()
	defer cancel()
	var n int64
	err := ix.pool.QueryRow(ctx, `SELECT n FROM index_seq`).Scan(&n)
	if err != nil && pgdb.ConnectionLost(err) {
		err = ix.pool.QueryRow(ctx, `SELECT n FROM index_seq`).Scan(&n)
	}
	return uint64(n), ix.fail(err)
}

// LockAnchoring makes this process the one anchorer of every replica
// until unlock, or until its connection ends (a killed process's ends
// with it). It fails at once with index.ErrAnchoring, naming the holder,
// while another holds it.
func (ix *Index) LockAnchoring(ctx context.Context) (func(), error) {
	conn, err := ix.pool.Acquire(ctx)
	if err != nil {
		return nil, ix.fail(err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(anchorLock)).Scan(&ok); err != nil {
		conn.Release()
		return nil, ix.fail(err)
	}
	if !ok {
		conn.Release()
		holder, _ := ix.AnchorHolder(ctx)
		if holder == "" {
			holder = "another replica" // released since; the next try may get it
		}
		return nil, fmt.Errorf("%w: %s holds the anchoring lock and anchors the shared queue; try again later", index.ErrAnchoring, holder)
	}
	// The lock is the session's: the connection is closed, not returned
	// to the pool, so it can never go back holding the lock.
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c := conn.Hijack()
		c.Exec(ctx, `SELECT pg_advisory_unlock($1)`, int64(anchorLock))
		c.Close(ctx)
	}, nil
}

// AnchorHolder names the process holding the anchoring lock (its
// application_name and address), or "" when none does.
func (ix *Index) AnchorHolder(ctx context.Context) (string, error) {
	var holder string
	err := ix.pool.QueryRow(ctx, `SELECT coalesce(a.application_name, '') || coalesce(' at ' || host(a.client_addr), '')
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
		  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`, int64(anchorLock)).Scan(&holder)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return holder, ix.fail(err)
}

// QueueDepth is how many manifests wait for anchoring.
func (ix *Index) QueueDepth(ctx context.Context) (int64, error) {
	var n int64
	err := ix.pool.QueryRow(ctx, `SELECT count(*) FROM index_queue`).Scan(&n)
	return n, ix.fail(err)
}

// Status returns a manifest's receipt (nil if none) and whether it is
// queued, in one round trip: what a server asks on every manifest read.
func (ix *Index) Status(c cid.Cid) (receipt []byte, queued bool, err error) {
	if e, ok := ix.cache.get(c); ok {
		return e.receipt, e.queued, nil
	}
	gen := ix.cache.at()
	defer func() {
		if err == nil {
			ix.cache.put(c, gen, statusEntry{receipt, queued})
		}
	}()
	ctx, cancel := ix.ctx()
	defer cancel()
	const q = `SELECT (SELECT doc FROM index_receipts WHERE cid = $1), EXISTS (SELECT 1 FROM index_queue WHERE cid = $1)`
	err = ix.pool.QueryRow(ctx, q, c.Bytes()).Scan(&receipt, &queued)
	if err != nil && pgdb.ConnectionLost(err) {
		err = ix.pool.QueryRow(ctx, q, c.Bytes()).Scan(&receipt, &queued)
	}
	return receipt, queued, ix.fail(err)
}
