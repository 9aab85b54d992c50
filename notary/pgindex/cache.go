package pgindex

import (
	"context"
	"sync"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/jackc/pgx/v5"
)

// statusCache keeps the manifests' statuses this replica read while it
// hears of every change to them (LISTEN desci_index; a change to the queue
// or the receipts notifies when it commits, whoever makes it: migration
// 002). Any such change, here or on another replica, empties it. While the listener is not connected nothing is
// kept, so a status is never older than the last notification the
// database sent: another replica's write shows here as soon as its
// notification arrives (milliseconds), this replica's own at once.
type statusCache struct {
	mu   sync.Mutex
	live bool   // listening: kept entries are current
	gen  uint64 // advanced by every write heard of
	m    map[string]statusEntry
}

type statusEntry struct {
	receipt []byte
	queued  bool
}

// maxCached bounds the statuses kept; past it they are all dropped.
const maxCached = 200_000

func (c *statusCache) get(k cid.Cid) (statusEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live {
		return statusEntry{}, false
	}
	e, ok := c.m[string(k.Hash())]
	return e, ok
}

// at is the generation a read starts in; put keeps its answer only if no
// write was heard of since.
func (c *statusCache) at() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *statusCache) put(k cid.Cid, gen uint64, e statusEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || c.gen != gen {
		return
	}
	if c.m == nil || len(c.m) >= maxCached {
		c.m = map[string]statusEntry{}
	}
	c.m[string(k.Hash())] = e
}

// bump forgets everything kept: a write happened here.
func (c *statusCache) bump() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}

// changed forgets everything: a write happened, or the listener is (re)starting or lost.
func (c *statusCache) changed(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.live = live
	c.m = nil
}

// listen keeps a connection listening on desci_index until ctx ends,
// reconnecting after a second when it is lost.
func (ix *Index) listen(ctx context.Context) {
	defer close(ix.listenDone)
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, ix.dsn)
		if err == nil {
			if _, err = conn.Exec(ctx, "LISTEN desci_index"); err == nil {
				ix.cache.changed(true)
				for err == nil {
					_, err = conn.WaitForNotification(ctx)
					ix.cache.changed(err == nil)
				}
			}
			conn.Close(context.Background())
		}
		ix.cache.changed(false)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
