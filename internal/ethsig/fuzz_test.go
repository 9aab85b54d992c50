package ethsig_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/ethsig"
)

// FuzzSignature: any bytes as a signature, without a chain, is an error or a
// key's signature of the address it recovers to; never a panic, and an
// ERC-6492 wrapper that decodes wraps again to the same bytes.
func FuzzSignature(f *testing.F) {
	k, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	h := crypto.Keccak256Hash([]byte("desci"))
	sig, _ := crypto.Sign(h[:], k)
	compact, _ := ethsig.Compact(sig)
	f.Add(sig)
	f.Add(compact)
	f.Add(ethsig.Wrap6492(common.Address{1}, []byte{1, 2}, sig))
	f.Add(append([]byte{0xff}, ethsig.Magic6492...))
	f.Fuzz(func(t *testing.T, b []byte) {
		addr := crypto.PubkeyToAddress(k.PublicKey)
		res, err := ethsig.Verify(context.Background(), nil, addr, h, b)
		if err == nil {
			if res.Kind != ethsig.EOA {
				t.Fatalf("without a chain: %+v", res)
			}
			if a, err := ethsig.Recover(h, b); err != nil || a != addr {
				t.Fatalf("accepted, but Recover = %s, %v", a, err)
			}
		} else if !errors.Is(err, ethsig.ErrMalformed) && !errors.Is(err, ethsig.ErrInvalid) && !errors.Is(err, ethsig.ErrNoChain) {
			t.Fatalf("unclassified error %v", err)
		}
		if factory, calldata, inner, ok, err := ethsig.Unwrap6492(b); ok && err == nil {
			// The wrapper is ABI: what decodes re-encodes canonically,
			// and decodes again to the same parts.
			f2, c2, i2, ok2, err2 := ethsig.Unwrap6492(ethsig.Wrap6492(factory, calldata, inner))
			if !ok2 || err2 != nil || f2 != factory || !bytes.Equal(c2, calldata) || !bytes.Equal(i2, inner) {
				t.Fatalf("wrapper does not round-trip")
			}
		}
	})
}
