package chain

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"
)

// TestClockKeepsTime sends transactions one after another, each waiting for
// the last to be mined, as a CLI story does: the chain's time must stay
// within MaxLead of the wall clock, where it used to run a second ahead
// per block.
func TestClockKeepsTime(t *testing.T) {
	ctx := context.Background()
	d, err := OpenDev(DevOptions{Dir: t.TempDir(), MaxLead: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	to := common.HexToAddress("0x00000000000000000000000000000000000c10c4")
	for range 6 {
		if err := d.Fund(ctx, to, big.NewInt(1)); err != nil {
			t.Fatal(err)
		}
	}
	lead := d.HeadTime().Sub(time.Now())
	if lead > 2*time.Second {
		t.Errorf("after 6 transactions the chain is %s ahead of the wall clock", lead)
	}
}

func TestClockControls(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, err := OpenDev(DevOptions{Dir: dir, HTTP: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	got, err := d.IncreaseTime(time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if got.Before(start.Add(time.Hour - time.Second)) {
		t.Errorf("after IncreaseTime(1h) the head is at %s, want about %s", got, start.Add(time.Hour))
	}
	// A transaction after the jump is mined at the moved clock, not back
	// at the wall clock.
	to := common.HexToAddress("0x00000000000000000000000000000000000c10c4")
	if err := d.Fund(ctx, to, big.NewInt(1)); err != nil {
		t.Fatal(err)
	}
	if h := d.HeadTime(); h.Before(got) {
		t.Errorf("block after the jump at %s, before the jump's %s", h, got)
	}
	if _, err := d.SetNextBlockTime(time.Now()); !errors.Is(err, ErrPastTime) {
		t.Errorf("SetNextBlockTime(now) after moving an hour ahead: %v, want ErrPastTime", err)
	}
	if _, err := d.IncreaseTime(-time.Second); !errors.Is(err, ErrPastTime) {
		t.Errorf("IncreaseTime(-1s): %v, want ErrPastTime", err)
	}
	target := time.Now().Add(3 * time.Hour).Truncate(time.Second)
	if got, err := d.SetNextBlockTime(target); err != nil || !got.Equal(target) {
		t.Errorf("SetNextBlockTime(%s) = %s, %v", target, got, err)
	}

	// The same controls over JSON-RPC, by the names Hardhat and Anvil use.
	rc, err := rpc.Dial(d.HTTPEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	var offset string
	if err := rc.CallContext(ctx, &offset, "evm_increaseTime", 60); err != nil {
		t.Fatalf("evm_increaseTime: %v", err)
	}
	var mined string
	if err := rc.CallContext(ctx, &mined, "evm_mine"); err != nil {
		t.Fatalf("evm_mine: %v", err)
	}
	if err := rc.CallContext(ctx, &mined, "evm_setNextBlockTimestamp", "0x1"); err == nil {
		t.Error("evm_setNextBlockTimestamp to 1970 was accepted")
	}
	rc.Close()
	head := d.HeadTime()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	// The moved clock survives a reopen.
	d, err = OpenDev(DevOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if now := d.Now(); now.Before(head) {
		t.Errorf("after reopening, the clock says %s, before the head's %s", now, head)
	}
}

// TestStaleHeadCatchesUp: a chain reopened after a pause gets a block at
// the clock's time, so calls see the deadlines that passed meanwhile.
func TestStaleHeadCatchesUp(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDev(DevOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	d.Commit()
	d.Close()
	time.Sleep(2100 * time.Millisecond)
	reopened := time.Now().Truncate(time.Second)
	d, err = OpenDev(DevOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if h := d.HeadTime(); h.Before(reopened) {
		t.Errorf("reopened chain's head is at %s, before the reopening at %s", h, reopened)
	}
}
