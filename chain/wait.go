package chain

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// ReceiptReader is what WaitMined needs of a client.
type ReceiptReader interface {
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}

// NotYet reports whether a receipt lookup failed only because the
// transaction is not mined yet, or the node is still indexing.
func NotYet(err error) bool {
	return errors.Is(err, ethereum.NotFound) || strings.Contains(err.Error(), "indexing is in progress")
}

// WaitMined polls for a transaction's receipt until it is mined or ctx ends.
func WaitMined(ctx context.Context, c ReceiptReader, hash common.Hash) (*types.Receipt, error) {
	wait := 20 * time.Millisecond
	for {
		r, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		if !NotYet(err) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}
