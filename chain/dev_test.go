package chain

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
)

func TestDevChainPersistsAndServes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, err := OpenDev(DevOptions{Dir: dir, HTTP: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDev(DevOptions{Dir: dir}); !errors.Is(err, ErrInUse) {
		t.Errorf("second open: %v, want ErrInUse", err)
	}
	to := common.HexToAddress("0x00000000000000000000000000000000000d35c1")
	if err := d.Fund(ctx, to, big.NewInt(12345)); err != nil {
		t.Fatal(err)
	}
	// The same chain over HTTP.
	hc, err := ethclient.Dial(d.HTTPEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	bal, err := hc.BalanceAt(ctx, to, nil)
	if err != nil || bal.Int64() != 12345 {
		t.Fatalf("balance over HTTP = %v, %v", bal, err)
	}
	id, _ := hc.ChainID(ctx)
	if id.Cmp(ChainID()) != 0 {
		t.Errorf("chain id %v", id)
	}
	hc.Close()
	head, _ := d.Client().BlockNumber(ctx)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d, err = OpenDev(DevOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	bal, err = d.Client().BalanceAt(ctx, to, nil)
	if err != nil || bal.Int64() != 12345 {
		t.Errorf("after reopen: balance %v, %v", bal, err)
	}
	// (Reopened a second or more later, the chain mines a block at the
	// clock's time: the head may be one further.)
	if h, _ := d.Client().BlockNumber(ctx); h < head {
		t.Errorf("head %d after reopen, was %d", h, head)
	}
	// The development accounts are funded.
	dev := crypto.PubkeyToAddress(DevAccounts()[3].PublicKey)
	if bal, _ := d.Client().BalanceAt(ctx, dev, nil); bal.Cmp(devBalance) != 0 {
		t.Errorf("dev account balance %v", bal)
	}
}
