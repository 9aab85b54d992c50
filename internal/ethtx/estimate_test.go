package ethtx_test

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/internal/ethtx"
	"github.com/desci-platform/desci/keys"
)

// A transferFrom can only be estimated after its approval: EstimateAfter
// simulates the two in order, and the limit it gives carries the call
// when the two are then sent; a call that would revert in that sequence
// comes back with the contract's reason.
func TestEstimateAfter(t *testing.T) {
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	c := dev.Client()
	owner, spender := keys.NewKey(chain.DevAccounts()[0]), keys.NewKey(chain.DevAccounts()[1])
	token, _, err := grants.DeployTestUSD(ctx, c, owner)
	if err != nil {
		t.Fatal(err)
	}
	gc, err := grants.New(ctx, c, owner, grants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gc.Mint(ctx, token, owner.Address(), big.NewInt(1000)); err != nil {
		t.Fatal(err)
	}
	abi := gen.NewTestUSD()
	to := common.HexToAddress("0x000000000000000000000000000000000000dEaD")
	approve := ethereum.CallMsg{From: owner.Address(), To: &token, Data: abi.PackApprove(spender.Address(), big.NewInt(600))}
	pull := ethereum.CallMsg{From: spender.Address(), To: &token, Data: abi.PackTransferFrom(owner.Address(), to, big.NewInt(600))}
	if _, err := c.EstimateGas(ctx, pull); err == nil {
		t.Fatal("transferFrom before its approval estimated")
	}
	gas, err := ethtx.EstimateAfter(ctx, c, []ethereum.CallMsg{approve}, pull)
	if err != nil {
		t.Fatal(err)
	}
	// Send both: the approval, then the pull with exactly that limit.
	send := func(k *keys.Key, msg ethereum.CallMsg, gas uint64) *types.Receipt {
		t.Helper()
		tip, feeCap, err := ethtx.Fees(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		nonce, _ := c.PendingNonceAt(ctx, k.Address())
		tx := types.NewTx(&types.DynamicFeeTx{ChainID: chain.ChainID(), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: msg.To, Data: msg.Data})
		s := types.LatestSignerForChainID(chain.ChainID())
		sig, err := k.SignHash(s.Hash(tx).Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if tx, err = tx.WithSignature(s, sig); err != nil {
			t.Fatal(err)
		}
		if err := c.SendTransaction(ctx, tx); err != nil {
			t.Fatal(err)
		}
		r, err := ethtx.WaitMined(ctx, c, tx.Hash())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := send(owner, approve, 100_000); r.Status != types.ReceiptStatusSuccessful {
		t.Fatal("approval failed")
	}
	r := send(spender, pull, gas)
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transferFrom failed with the estimated limit %d", gas)
	}
	if gas < r.GasUsed || gas > 2*r.GasUsed {
		t.Errorf("estimate %d for a call that used %d", gas, r.GasUsed)
	}

	// More than the approval allows: the contract's reason, decodable.
	tooMuch := ethereum.CallMsg{From: spender.Address(), To: &token, Data: abi.PackTransferFrom(owner.Address(), to, big.NewInt(700))}
	_, err = ethtx.EstimateAfter(ctx, c, []ethereum.CallMsg{approve}, tooMuch)
	var ce *ethtx.CallError
	if !errors.As(err, &ce) || ce.Index != 1 {
		t.Fatalf("error %v, want a CallError of the second call", err)
	}
	if name, _ := grants.DecodeRevert(common.FromHex(ce.Data)); name != "ERC20InsufficientAllowance" {
		t.Errorf("reason %q (%v), want ERC20InsufficientAllowance", name, err)
	}
}
