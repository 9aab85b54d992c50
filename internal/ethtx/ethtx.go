// Package ethtx holds the small transaction chores that both the notary
// and the embedded chain need: fee caps for a dynamic-fee transaction and
// waiting for a receipt.
package ethtx

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// FeeSource is what Fees needs of a client.
type FeeSource interface {
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// Fees returns a tip and a fee cap that stays valid through two doublings
// of the base fee, as wallets do.
func Fees(ctx context.Context, c FeeSource) (tip, feeCap *big.Int, err error) {
	if tip, err = c.SuggestGasTipCap(ctx); err != nil {
		return nil, nil, err
	}
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return tip, new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))), nil
}

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
// When the client can read headers too, it also waits until the receipt's
// block is the head's or below: a node may serve a receipt a moment before
// its block becomes canonical (go-ethereum inserts a payload, then the
// consensus client makes it the head), and a call or estimate made on
// "latest" in between would not see the transaction.
func WaitMined(ctx context.Context, c ReceiptReader, hash common.Hash) (*types.Receipt, error) {
	wait := 20 * time.Millisecond
	for {
		r, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			if hr, ok := c.(headReader); ok {
				if err := waitHead(ctx, hr, r.BlockNumber); err != nil {
					return nil, err
				}
			}
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

type headReader interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// waitHead waits until the chain's head is at block n or later.
func waitHead(ctx context.Context, c headReader, n *big.Int) error {
	wait := 10 * time.Millisecond
	for {
		h, err := c.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		if n == nil || h.Number.Cmp(n) >= 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}
