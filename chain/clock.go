package chain

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
)

// ErrPastTime means a time asked of the chain's clock is not after its head:
// block times only move forward.
var ErrPastTime = errors.New("chain: block times only move forward")

// clock is the embedded chain's time: the wall clock plus an offset that
// the development time controls move forward, kept in the chain's
// directory so a reopened chain keeps the time it was moved to.
type clock struct {
	path string

	mu     sync.Mutex
	offset time.Duration
}

type clockFile struct {
	OffsetSeconds int64 `json:"offset_seconds"`
}

func openClock(dir string) (*clock, error) {
	c := &clock{path: filepath.Join(dir, "clock.json")}
	b, err := os.ReadFile(c.path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("chain: clock: %w", err)
	}
	var f clockFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("chain: clock %s: %w", c.path, err)
	}
	c.offset = time.Duration(f.OffsetSeconds) * time.Second
	return c, nil
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// advance moves the clock forward by d and records it.
func (c *clock) advance(d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := c.offset + d.Truncate(time.Second)
	b, _ := json.Marshal(clockFile{OffsetSeconds: int64(next / time.Second)})
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("chain: clock: %w", err)
	}
	if err := os.Rename(tmp, c.path); err != nil {
		return fmt.Errorf("chain: clock: %w", err)
	}
	c.offset = next
	return nil
}

// Now is the chain's clock: the wall clock, plus whatever IncreaseTime and
// SetNextBlockTime moved it by. Blocks take this time (one second after
// their parent at least).
func (d *Dev) Now() time.Time { return d.clock.now() }

// HeadTime returns the time of the chain's latest block.
func (d *Dev) HeadTime() time.Time {
	return time.Unix(int64(d.eth.BlockChain().CurrentBlock().Time), 0)
}

// IncreaseTime moves the chain's clock forward by by (whole seconds) and
// mines a block at the new time, as Hardhat's and Anvil's evm_increaseTime
// and evm_mine do together. It returns the new block's time.
func (d *Dev) IncreaseTime(by time.Duration) (time.Time, error) {
	if by < 0 {
		return time.Time{}, fmt.Errorf("%w: cannot move the clock back by %s", ErrPastTime, -by)
	}
	if err := d.clock.advance(by); err != nil {
		return time.Time{}, err
	}
	return d.mineAtClock()
}

// SetNextBlockTime mines a block at t, which must be after the head's time,
// and keeps the chain's clock there from then on (evm_setNextBlockTimestamp
// followed by evm_mine).
func (d *Dev) SetNextBlockTime(t time.Time) (time.Time, error) {
	head := d.HeadTime()
	if !t.After(head) {
		return time.Time{}, fmt.Errorf("%w: %s is not after the head's time, %s", ErrPastTime,
			t.UTC().Format(time.RFC3339), head.UTC().Format(time.RFC3339))
	}
	if by := t.Sub(d.clock.now()); by > 0 {
		if err := d.clock.advance(by + time.Second - 1); err != nil {
			return time.Time{}, err
		}
	}
	return d.mineAt(uint64(t.Unix()))
}

// Mine mines n blocks now, with whatever transactions wait, and returns the
// last one's time.
func (d *Dev) Mine(n int) (time.Time, error) {
	for range n {
		if _, err := d.mineAtClock(); err != nil {
			return time.Time{}, err
		}
	}
	return d.HeadTime(), nil
}

// mineAtClock mines a block at the chain's clock (or a second after the
// head, if that is later).
func (d *Dev) mineAtClock() (time.Time, error) {
	return d.mineAt(uint64(d.clock.now().Unix()))
}

// mineAt mines a block at ts, or a second after the head if that is later:
// first the transactions that wait (in blocks of their own time), then, if
// the head is still before ts, an empty block at ts.
func (d *Dev) mineAt(ts uint64) (time.Time, error) {
	d.sealing.Lock()
	defer d.sealing.Unlock()
	for range 100 {
		if pending, _ := d.eth.TxPool().Stats(); pending == 0 {
			break
		}
		d.beacon.Commit()
		d.eth.TxPool().Sync()
	}
	head := d.eth.BlockChain().CurrentBlock().Time
	if ts <= head {
		ts = head + 1
	}
	// AdjustTime seals an empty block at the parent's time plus the
	// adjustment; it refuses while transactions wait.
	if err := d.beacon.AdjustTime(time.Duration(ts-head) * time.Second); err != nil {
		return time.Time{}, fmt.Errorf("chain: mine: %w", err)
	}
	return d.HeadTime(), nil
}

// waitForClock holds a block back while the head is at or ahead of the
// chain's clock by maxLead or more, so that blocks coming faster than one a
// second do not carry the chain's time ahead of the clock: the block then
// carries every transaction that arrived meanwhile. It gives up when stop
// closes.
func (d *Dev) waitForClock(maxLead time.Duration, stop <-chan struct{}) {
	for {
		head := time.Unix(int64(d.eth.BlockChain().CurrentBlock().Time), 0)
		lead := head.Sub(d.clock.now())
		if lead < maxLead {
			return
		}
		select {
		case <-time.After(lead - maxLead + 10*time.Millisecond):
		case <-stop:
			return
		}
	}
}

// devAPI is the development chain's time controls over JSON-RPC, under the
// names Hardhat and Anvil give them, so the tools people already script
// against work here too. Only the embedded chain serves them.
type devAPI struct{ d *Dev }

// quantity takes a JSON number or a 0x-prefixed hex string, as Hardhat's
// evm_ methods do.
type quantity uint64

func (q *quantity) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		v, err := hexutil.DecodeUint64(s)
		*q = quantity(v)
		return err
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not a number of seconds: %s", b)
	}
	*q = quantity(v)
	return nil
}

// IncreaseTime is evm_increaseTime: it moves the clock forward by seconds
// and mines a block there; it returns the clock's total offset in seconds.
func (a devAPI) IncreaseTime(seconds quantity) (hexutil.Uint64, error) {
	if _, err := a.d.IncreaseTime(time.Duration(seconds) * time.Second); err != nil {
		return 0, err
	}
	a.d.clock.mu.Lock()
	defer a.d.clock.mu.Unlock()
	return hexutil.Uint64(a.d.clock.offset / time.Second), nil
}

// SetNextBlockTimestamp is evm_setNextBlockTimestamp: the next block (mined
// now) has this time.
func (a devAPI) SetNextBlockTimestamp(ts quantity) (hexutil.Uint64, error) {
	t, err := a.d.SetNextBlockTime(time.Unix(int64(ts), 0))
	return hexutil.Uint64(t.Unix()), err
}

// Mine is evm_mine: one block now, or at the given time.
func (a devAPI) Mine(ts *quantity) (hexutil.Uint64, error) {
	var t time.Time
	var err error
	if ts != nil {
		t, err = a.d.SetNextBlockTime(time.Unix(int64(*ts), 0))
	} else {
		t, err = a.d.Mine(1)
	}
	return hexutil.Uint64(t.Unix()), err
}

// Time is desci's own dev_time: the chain's clock and its head's time, in
// seconds.
func (a devAPI) Time() map[string]*hexutil.Big {
	return map[string]*hexutil.Big{
		"clock": (*hexutil.Big)(big.NewInt(a.d.Now().Unix())),
		"head":  (*hexutil.Big)(big.NewInt(a.d.HeadTime().Unix())),
	}
}
