package testwallet

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/internal/ethsig/testwallet/gen"
	"github.com/desci-platform/desci/internal/ethtx"
)

// Chain is a chain tests deploy the wallets on, with a funded key.
type Chain struct {
	Client *ethclient.Client
	Key    *ecdsa.PrivateKey // pays for deployments
	// Factory is a deployed WalletFactory (Setup deploys it).
	Factory common.Address
}

// Setup deploys the factory with key on c.
func Setup(ctx context.Context, c *ethclient.Client, key *ecdsa.PrivateKey) (*Chain, error) {
	ch := &Chain{Client: c, Key: key}
	var err error
	ch.Factory, err = ch.Deploy(ctx, "WalletFactory", nil)
	return ch, err
}

// Bin returns a test contract's creation code.
func Bin(name string) []byte {
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "gen", name+".bin"))
	if err != nil {
		panic(err)
	}
	return common.FromHex(strings.TrimSpace(string(b)))
}

// Deploy deploys the named contract of TestWallet.sol with ABI-encoded
// constructor arguments.
func (ch *Chain) Deploy(ctx context.Context, name string, args []byte) (common.Address, error) {
	r, err := ch.Send(ctx, ch.Key, nil, append(Bin(name), args...))
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy %s: %w", name, err)
	}
	return r.ContractAddress, nil
}

// Owned deploys an OwnedWallet owned by owner.
func (ch *Chain) Owned(ctx context.Context, owner common.Address) (common.Address, error) {
	return ch.Deploy(ctx, "OwnedWallet", gen.NewOwnedWallet().PackConstructor(owner))
}

// Counterfactual is the address the factory would deploy owner's wallet at
// with salt, and the calldata that deploys it.
func (ch *Chain) Counterfactual(ctx context.Context, owner common.Address, salt common.Hash) (common.Address, []byte, error) {
	f := gen.NewWalletFactory()
	out, err := ch.Client.CallContract(ctx, ethereum.CallMsg{To: &ch.Factory, Data: f.PackAddressOf(owner, salt)}, nil)
	if err != nil {
		return common.Address{}, nil, err
	}
	a, err := f.UnpackAddressOf(out)
	return a, f.PackDeploy(owner, salt), err
}

// SetOwner hands an OwnedWallet on; key is its current owner's.
func (ch *Chain) SetOwner(ctx context.Context, wallet common.Address, key *ecdsa.PrivateKey, owner common.Address) error {
	_, err := ch.Send(ctx, key, &wallet, gen.NewOwnedWallet().PackSetOwner(owner))
	return err
}

// Send sends a transaction from key and waits for it to be mined
// successfully.
func (ch *Chain) Send(ctx context.Context, key *ecdsa.PrivateKey, to *common.Address, data []byte) (*types.Receipt, error) {
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := ch.Client.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, err
	}
	id, err := ch.Client.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	tip, feeCap, err := ethtx.Fees(ctx, ch.Client)
	if err != nil {
		return nil, err
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(id), &types.DynamicFeeTx{
		ChainID: id, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 3_000_000, To: to, Data: data, Value: new(big.Int)})
	if err != nil {
		return nil, err
	}
	// The pool learns of a new block's balances a moment after the block:
	// a key funded just now may still look empty to it.
	for try := 0; ; try++ {
		err = ch.Client.SendTransaction(ctx, tx)
		if err == nil || try == 100 || !strings.Contains(err.Error(), "insufficient funds") {
			break
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err != nil {
		return nil, err
	}
	r, err := ethtx.WaitMined(ctx, ch.Client, tx.Hash())
	if err != nil {
		return nil, err
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return nil, fmt.Errorf("transaction %s reverted", tx.Hash().Hex())
	}
	return r, nil
}

// Sign signs hash as owner's key does for an OwnedWallet: 65 bytes, v in
// {27, 28}.
func Sign(hash common.Hash, key *ecdsa.PrivateKey) []byte {
	sig, err := crypto.Sign(hash[:], key)
	if err != nil {
		panic(err)
	}
	sig[64] += 27
	return sig
}

// Wrap is ethsig.Wrap6492 with the factory's deploy call for owner.
func (ch *Chain) Wrap(owner common.Address, salt common.Hash, sig []byte) []byte {
	return ethsig.Wrap6492(ch.Factory, gen.NewWalletFactory().PackDeploy(owner, salt), sig)
}
