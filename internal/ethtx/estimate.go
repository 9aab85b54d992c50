package ethtx

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// Simulator runs calls in sequence on a simulated block (eth_simulateV1).
// *ethclient.Client is one.
type Simulator interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	SimulateV1(ctx context.Context, opts ethclient.SimulateOptions, block *rpc.BlockNumberOrHash) ([]ethclient.SimulateBlockResult, error)
}

// Margin is what a gas estimate adds to the gas a transaction used: a
// fifth, as wallets do, for the state changing between the estimate and
// the block (another donor's first donation, a cold slot warmed).
func Margin(gas uint64) uint64 { return gas + gas/5 }

// ErrNoSimulation means the node does not offer eth_simulateV1.
var ErrNoSimulation = errors.New("ethtx: the node cannot simulate a transaction after the ones before it (no eth_simulateV1)")

// CallError is a simulated call that failed. It carries the revert data
// as JSON-RPC errors do (rpc.DataError), so a contract's custom error can
// be decoded from it.
type CallError struct {
	Index   int    // which call of the sequence
	Message string // "execution reverted", "out of gas", ...
	Data    string // the revert data, hex; "" if none
}

func (e *CallError) Error() string {
	if e.Index > 0 {
		return fmt.Sprintf("transaction %d of the sequence: %s", e.Index+1, e.Message)
	}
	return e.Message
}

// ErrorData is the revert data, for rpc.DataError.
func (e *CallError) ErrorData() any { return e.Data }

var _ rpc.DataError = (*CallError)(nil)

// EstimateAfter estimates the gas limit of call as it will run after the
// calls in before are mined in order (a token approval, say, without which
// call reverts, so eth_estimateGas alone cannot estimate it). It simulates
// the sequence on the latest block, takes the gas call used at its peak
// (before refunds) with Margin, and simulates again with that limit to
// check it suffices, raising it if not. A call that fails in the sequence
// is a *CallError.
func EstimateAfter(ctx context.Context, s Simulator, before []ethereum.CallMsg, call ethereum.CallMsg) (uint64, error) {
	head, err := s.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, err
	}
	// The simulated block comes at the time the transactions will meet:
	// now, or just after the head if the chain runs ahead of the clock
	// (eth_simulateV1 would put it 12 s after the head, past a deadline
	// that is not yet past).
	at := max(head.Time+1, uint64(time.Now().Unix()))
	run := func(gas uint64) (*ethclient.SimulateCallResult, error) {
		c := call
		c.Gas = gas
		calls := append(append([]ethereum.CallMsg(nil), before...), c)
		latest := rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber)
		res, err := s.SimulateV1(ctx, ethclient.SimulateOptions{BlockStateCalls: []ethclient.SimulateBlock{{
			BlockOverrides: &ethereum.BlockOverrides{Time: at}, Calls: calls}}}, &latest)
		if err != nil {
			if strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), "not available") {
				return nil, fmt.Errorf("%w: %v", ErrNoSimulation, err)
			}
			return nil, err
		}
		if len(res) != 1 || len(res[0].Calls) != len(calls) {
			return nil, fmt.Errorf("ethtx: eth_simulateV1 answered %d blocks for 1", len(res))
		}
		for i, r := range res[0].Calls {
			if r.Status == 1 {
				continue
			}
			ce := &CallError{Index: i, Message: "failed"}
			if r.Error != nil {
				ce.Message, ce.Data = r.Error.Message, r.Error.Data
				if ce.Data == "" && len(r.ReturnValue) > 0 {
					ce.Data = hexutil.Encode(r.ReturnValue)
				}
			}
			if i < len(before) {
				return nil, ce
			}
			return &res[0].Calls[i], ce
		}
		return &res[0].Calls[len(calls)-1], nil
	}
	r, err := run(0) // no limit: as much as the block allows
	if err != nil {
		return 0, err
	}
	used := max(r.MaxUsedGas, r.GasUsed)
	// The 63/64 rule keeps a share of gas back at each nested call, so a
	// limit of exactly the peak can fail; the margin covers a few levels,
	// and the check proves it.
	for _, limit := range []uint64{Margin(used), used * 3 / 2, used * 2} {
		if _, err := run(limit); err == nil {
			return limit, nil
		} else if ce := (*CallError)(nil); !errors.As(err, &ce) || ce.Index < len(before) {
			return 0, err
		}
	}
	return 0, fmt.Errorf("ethtx: no gas limit up to %d lets the transaction through, though it used %d", used*2, used)
}
