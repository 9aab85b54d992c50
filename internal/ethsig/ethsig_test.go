package ethsig_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/internal/ethsig/testwallet"
	"github.com/desci-platform/desci/internal/testgeth"
)

func key(t testing.TB) *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var n = crypto.S256().Params().N

// highS turns a low-s signature into its malleable twin (r, n-s, v^1).
func highS(sig []byte) []byte {
	out := bytes.Clone(sig)
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
	s.FillBytes(out[32:64])
	out[64] ^= 1
	return out
}

func TestKeySignatures(t *testing.T) {
	k := key(t)
	addr := crypto.PubkeyToAddress(k.PublicKey)
	hash := crypto.Keccak256Hash([]byte("consent"))
	raw, _ := crypto.Sign(hash[:], k) // v in {0, 1}
	with := func(v byte) []byte { s := bytes.Clone(raw); s[64] = v; return s }
	compact, err := ethsig.Compact(raw)
	if err != nil {
		t.Fatal(err)
	}
	hs := highS(raw)
	// EIP-2098 leaves no room for most high s (the top bit is the
	// parity), but s in (n/2, 2^255) fits, and is refused too.
	hsCompact := bytes.Clone(raw[:64])
	new(big.Int).Add(new(big.Int).Rsh(n, 1), big.NewInt(1)).FillBytes(hsCompact[32:64])
	tests := []struct {
		name string
		sig  []byte
		want error // nil: valid
	}{
		{"65 bytes, v 0/1", raw, nil},
		{"65 bytes, v 27/28", with(raw[64] + 27), nil},
		{"EIP-2098 compact", compact, nil},
		{"v 29", with(29), ethsig.ErrMalformed},
		{"v 2", with(2), ethsig.ErrMalformed},
		{"high s", hs, ethsig.ErrMalformed},
		{"high s, v 27/28", func() []byte { s := bytes.Clone(hs); s[64] += 27; return s }(), ethsig.ErrMalformed},
		{"high s, compact", hsCompact, ethsig.ErrMalformed},
		{"63 bytes", raw[:63], ethsig.ErrMalformed},
		{"66 bytes", append(bytes.Clone(raw), 0), ethsig.ErrMalformed},
		{"empty", nil, ethsig.ErrMalformed},
		{"zero r", append(make([]byte, 32), raw[32:]...), ethsig.ErrMalformed},
		{"another key's", testwallet.Sign(hash, key(t)), ethsig.ErrInvalid},
		{"another hash", testwallet.Sign(crypto.Keccak256Hash([]byte("other")), k), ethsig.ErrInvalid},
		{"too large", make([]byte, ethsig.MaxSize+1), ethsig.ErrMalformed},
		{"6492 without a chain", ethsig.Wrap6492(common.Address{1}, nil, raw), ethsig.ErrNoChain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ethsig.Verify(context.Background(), nil, addr, hash, tt.sig)
			if tt.want == nil {
				if err != nil || res.Kind != ethsig.EOA {
					t.Fatalf("Verify = %+v, %v; want a key's signature", res, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %+v, %v; want %v", res, err, tt.want)
			}
		})
	}
}

// counting is a Caller that counts the calls that reach the chain.
type counting struct {
	ethsig.Caller
	calls int
}

func (c *counting) CallContract(ctx context.Context, m ethereum.CallMsg, b *big.Int) ([]byte, error) {
	c.calls++
	if m.Gas == 0 || m.Gas > ethsig.CallGas {
		panic("unbounded call")
	}
	return c.Caller.CallContract(ctx, m, b)
}

func TestSmartAccounts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the embedded dev chain")
	}
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	smartAccounts(t, dev.Client(), chain.DevAccounts()[2])
}

// TestSmartAccountsOnGeth: the same against a real geth --dev, over
// JSON-RPC.
func TestSmartAccountsOnGeth(t *testing.T) {
	node := testgeth.Start(t, testgeth.Options{})
	client, err := ethclient.Dial(node.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	smartAccounts(t, client, node.Key)
}

func smartAccounts(t *testing.T, client *ethclient.Client, payer *ecdsa.PrivateKey) {
	ctx := context.Background()
	ch, err := testwallet.Setup(ctx, client, payer)
	if err != nil {
		t.Fatal(err)
	}
	c := &counting{Caller: client}
	owner, stranger := key(t), key(t)
	ownerAddr := crypto.PubkeyToAddress(owner.PublicKey)
	hash := crypto.Keccak256Hash([]byte("desci consent"))

	wallet, err := ch.Owned(ctx, ownerAddr)
	if err != nil {
		t.Fatal(err)
	}
	salt := common.Hash{7}
	future, _, err := ch.Counterfactual(ctx, ownerAddr, salt)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, _, _ := ch.Counterfactual(ctx, crypto.PubkeyToAddress(stranger.PublicKey), salt)
	reverting, err := ch.Deploy(ctx, "RevertingWallet", nil)
	if err != nil {
		t.Fatal(err)
	}
	burning, err := ch.Deploy(ctx, "BurningWallet", nil)
	if err != nil {
		t.Fatal(err)
	}
	yes, err := ch.Deploy(ctx, "YesWallet", nil)
	if err != nil {
		t.Fatal(err)
	}
	bySelf := testwallet.Sign(hash, owner)
	byStranger := testwallet.Sign(hash, stranger)
	compact, _ := ethsig.Compact(bySelf)

	tests := []struct {
		name  string
		addr  common.Address
		sig   []byte
		want  error
		kind  ethsig.Kind
		calls int // calls reaching the chain
	}{
		{"ERC-1271, owner's signature", wallet, bySelf, nil, ethsig.ERC1271, 1},
		{"ERC-1271, a stranger's signature", wallet, byStranger, ethsig.ErrInvalid, "", 1},
		{"ERC-1271, the wallet's code refuses compact", wallet, compact, ethsig.ErrInvalid, "", 1},
		{"ERC-6492, not deployed", future, ch.Wrap(ownerAddr, salt, bySelf), nil, ethsig.ERC6492, 1},
		{"ERC-6492, a stranger's signature", future, ch.Wrap(ownerAddr, salt, byStranger), ethsig.ErrInvalid, "", 1},
		{"ERC-6492, factory deploys another owner's wallet", future, ch.Wrap(crypto.PubkeyToAddress(stranger.PublicKey), salt, byStranger), ethsig.ErrInvalid, "", 1},
		{"ERC-6492, the stranger's address with the owner's wrapper", elsewhere, ch.Wrap(ownerAddr, salt, bySelf), ethsig.ErrInvalid, "", 1},
		{"ERC-6492, factory call fails", future, ethsig.Wrap6492(ch.Factory, []byte{1, 2, 3, 4}, bySelf), ethsig.ErrInvalid, "", 1},
		{"ERC-6492, factory is not a contract", future, ethsig.Wrap6492(common.Address{9}, []byte{1}, bySelf), ethsig.ErrInvalid, "", 1},
		{"ERC-6492, deployed wallet, wrapped", wallet, ethsig.Wrap6492(ch.Factory, nil, bySelf), nil, ethsig.ERC6492, 1},
		{"ERC-6492, garbage before the suffix", future, append(bytes.Repeat([]byte{0xff}, 100), ethsig.Magic6492...), ethsig.ErrMalformed, "", 0},
		{"ERC-6492, suffix only", future, ethsig.Magic6492, ethsig.ErrMalformed, "", 0},
		{"ERC-6492, no factory", future, ethsig.Wrap6492(common.Address{}, nil, bySelf), ethsig.ErrMalformed, "", 0},
		{"reverting wallet", reverting, bySelf, ethsig.ErrInvalid, "", 1},
		{"gas-burning wallet", burning, bySelf, ethsig.ErrInvalid, "", 1},
		{"a wallet that accepts anything", yes, []byte("anything"), nil, ethsig.ERC1271, 1},
		{"an address with no code, not the key's", common.Address{0xab}, bySelf, ethsig.ErrInvalid, "", 1},
		{"huge signature", wallet, make([]byte, 1<<20), ethsig.ErrMalformed, "", 0},
		{"the owner's key for itself", ownerAddr, bySelf, nil, ethsig.EOA, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.calls = 0
			res, err := ethsig.Verify(ctx, c, tt.addr, hash, tt.sig)
			if tt.want == nil {
				if err != nil || res.Kind != tt.kind {
					t.Fatalf("Verify = %+v, %v; want %s", res, err, tt.kind)
				}
				if tt.kind != ethsig.EOA && res.Block == 0 {
					t.Errorf("no block recorded")
				}
			} else if !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %+v, %v; want %v", res, err, tt.want)
			}
			if c.calls != tt.calls {
				t.Errorf("%d calls reached the chain, want %d", c.calls, tt.calls)
			}
		})
	}
	// Checking a counterfactual signature deployed nothing.
	if code, err := client.CodeAt(ctx, future, nil); err != nil || len(code) != 0 {
		t.Fatalf("the ERC-6492 check deployed the wallet: %d bytes of code, %v", len(code), err)
	}

	t.Run("owner changes later", func(t *testing.T) {
		if err := chain.Fund(ctx, client, payer, ownerAddr, big.NewInt(1e18)); err != nil {
			t.Fatal(err)
		}
		res, err := ethsig.Verify(ctx, c, wallet, hash, bySelf)
		if err != nil {
			t.Fatal(err)
		}
		if err := ch.SetOwner(ctx, wallet, owner, crypto.PubkeyToAddress(stranger.PublicKey)); err != nil {
			t.Fatal(err)
		}
		if _, err := ethsig.Verify(ctx, c, wallet, hash, bySelf); !errors.Is(err, ethsig.ErrInvalid) {
			t.Fatalf("at the head, after the owner changed: %v, want ErrInvalid", err)
		}
		again, err := ethsig.VerifyAt(ctx, c, wallet, hash, bySelf, res.Block)
		if err != nil || again != res {
			t.Fatalf("VerifyAt the block it was accepted at = %+v, %v; want %+v", again, err, res)
		}
		if _, err := ethsig.VerifyAt(ctx, c, wallet, hash, byStranger, res.Block); !errors.Is(err, ethsig.ErrInvalid) {
			t.Fatalf("the new owner's signature at the old block: %v, want ErrInvalid", err)
		}
	})
	t.Run("a block the chain does not have", func(t *testing.T) {
		_, err := ethsig.VerifyAt(ctx, c, wallet, hash, bySelf, 1<<40)
		if !errors.Is(err, ethsig.ErrUnavailable) {
			t.Fatalf("VerifyAt a future block: %v, want ErrUnavailable", err)
		}
	})
}
