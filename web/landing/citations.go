package landing

import (
	"context"
	"sync"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/grants"
)

// maxCitedEvents bounds the events kept for one manifest: they are
// anyone's to add, one transaction each.
const maxCitedEvents = 1000

// citeCache keeps the grant milestones citing each manifest, read from
// the Grants contract's events in the background: the first page waits
// for the first read (up to 2 s), later ones never wait.
type citeCache struct {
	grants Grants
	every  time.Duration
	now    func() time.Time
	logf   func(string, ...any)

	mu      sync.Mutex
	next    uint64 // the first block not read yet
	read    time.Time
	reading bool
	byCID   map[cid.Cid][]grants.Citation
	desc    map[[2]uint64]string
}

// get returns the citations of c, oldest first.
func (k *citeCache) get(c cid.Cid) []grants.Citation {
	if k.grants == nil {
		return nil
	}
	k.mu.Lock()
	first := k.read.IsZero()
	start := k.now().Sub(k.read) >= k.every && !k.reading
	if start {
		k.reading = true
	}
	from := k.next
	k.mu.Unlock()
	if start {
		done := make(chan struct{})
		go func() {
			defer close(done)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cs, desc, head, err := k.grants.Citations(ctx, from)
			k.mu.Lock()
			defer k.mu.Unlock()
			k.reading = false
			k.read = k.now()
			if err != nil {
				k.logf("landing: grants' citations: %v", err)
				return
			}
			if k.byCID == nil {
				k.byCID, k.desc = map[cid.Cid][]grants.Citation{}, map[[2]uint64]string{}
			}
			for key, d := range desc {
				k.desc[key] = d
			}
			for _, ct := range cs {
				mc, err := cid.Cast(ct.CID)
				if err != nil {
					continue // a deliverable that is not a CID cites nothing here
				}
				if ct.Description == "" {
					ct.Description = k.desc[[2]uint64{ct.Grant, uint64(ct.Milestone)}]
				}
				if len(k.byCID[mc]) < maxCitedEvents {
					k.byCID[mc] = append(k.byCID[mc], ct)
				}
			}
			k.next = head + 1
		}()
		if first {
			select {
			case <-done:
			case <-time.After(2 * time.Second):
			}
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.byCID[c]
}
