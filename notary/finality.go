package notary

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/rpc"
)

// FinalityDepth is how many blocks, counting its own, must be on a block
// for it to count as final on a chain that reports no finalized block (an
// old node, some rollups): two beacon-chain epochs, past which mainnet
// has never reorganized.
const FinalityDepth = 64

// Finality says whether an anchoring block is final. The rule: final when
// the chain's finalized head is at or past the block; on a chain that
// reports no finalized head, when the block is FinalityDepth deep.
// desci show and desci verify both say it with String.
type Finality struct {
	Block         uint64 // the anchoring block
	Head          uint64 // the chain's head when asked
	FinalizedHead uint64 // the chain's finalized head; 0 when it reports none
	Final         bool
}

// Depth is how many blocks are on the anchoring block, its own counted.
func (f Finality) Depth() uint64 {
	if f.Head < f.Block {
		return 0
	}
	return f.Head - f.Block + 1
}

func (f Finality) String() string {
	word := "not final yet"
	if f.Final {
		word = "final"
	}
	deep := fmt.Sprintf("%d block%s deep", f.Depth(), plural(int(f.Depth())))
	if f.FinalizedHead > 0 {
		return fmt.Sprintf("%s (%s; the chain has finalized up to block %d)", word, deep, f.FinalizedHead)
	}
	return fmt.Sprintf("%s (%s of %d; the chain reports no finalized block)", word, deep, FinalityDepth)
}

// CheckFinality asks the chain how final block is.
func CheckFinality(ctx context.Context, ch Chain, block uint64) (Finality, error) {
	head, err := ch.BlockNumber(ctx)
	if err != nil {
		return Finality{}, fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	f := Finality{Block: block, Head: head}
	if fh, err := ch.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber))); err == nil && fh != nil && fh.Number.Sign() > 0 {
		f.FinalizedHead = fh.Number.Uint64()
		f.Final = block <= f.FinalizedHead
	} else {
		f.Final = f.Depth() >= FinalityDepth
	}
	return f, nil
}
