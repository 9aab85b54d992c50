package graphql

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// pingDatabase times one round trip to the database.
func pingDatabase(ctx context.Context, db *pgxpool.Pool) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	start := time.Now()
	var one int
	if err := db.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return 0, fmt.Errorf("database unreachable: %v", err)
	}
	return time.Since(start), nil
}

// The index's extras that a shared (PostgreSQL) index has.
type (
	queueDepther interface {
		QueueDepth(ctx context.Context) (int64, error)
	}
	anchorHolder interface {
		AnchorHolder(ctx context.Context) (string, error)
	}
)

// collectStorage writes the storage gauges at scrape time: the anchoring
// queue's depth, and with a database its latency and the anchoring lock's
// holder (which replica anchors).
func (s *Server) collectStorage(w io.Writer) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	depth := int64(-1)
	if d, ok := s.ix.(queueDepther); ok {
		if n, err := d.QueueDepth(ctx); err == nil {
			depth = n
		}
	} else if q, err := s.ix.Queue(); err == nil {
		depth = int64(len(q))
	}
	if depth >= 0 {
		fmt.Fprintln(w, "# HELP desci_anchor_queue_depth Manifests waiting for anchoring, across replicas.")
		fmt.Fprintf(w, "# TYPE desci_anchor_queue_depth gauge\ndesci_anchor_queue_depth %d\n", depth)
	}
	db := s.opts.Database
	if db == nil {
		return
	}
	up := 1
	lat, err := pingDatabase(ctx, db)
	if err != nil {
		up = 0
	}
	fmt.Fprintln(w, "# HELP desci_database_up Whether the database answered this scrape.")
	fmt.Fprintf(w, "# TYPE desci_database_up gauge\ndesci_database_up %d\n", up)
	if up == 1 {
		fmt.Fprintln(w, "# HELP desci_database_latency_seconds One round trip to the database, at this scrape.")
		fmt.Fprintf(w, "# TYPE desci_database_latency_seconds gauge\ndesci_database_latency_seconds %g\n", lat.Seconds())
	}
	if h, ok := s.ix.(anchorHolder); ok && up == 1 {
		if holder, err := h.AnchorHolder(ctx); err == nil {
			fmt.Fprintln(w, "# HELP desci_anchor_lock_held Whether some replica holds the anchoring lock, labelled with it.")
			fmt.Fprintln(w, "# TYPE desci_anchor_lock_held gauge")
			if holder == "" {
				fmt.Fprintln(w, "desci_anchor_lock_held 0")
			} else {
				fmt.Fprintf(w, "desci_anchor_lock_held{holder=%q} 1\n", holder)
			}
		}
	}
}
