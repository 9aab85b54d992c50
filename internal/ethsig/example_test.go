package ethsig_test

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/ethsig"
)

// A key's signature in EIP-2098's compact form is checked without a
// chain; a smart account's would need one (Verify's Caller).
func ExampleVerify() {
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	hash := crypto.Keccak256Hash([]byte("I consent"))
	sig, _ := crypto.Sign(hash[:], key)
	compact, _ := ethsig.Compact(sig)
	res, err := ethsig.Verify(context.Background(), nil, crypto.PubkeyToAddress(key.PublicKey), hash, compact)
	fmt.Println(len(compact), res.Kind, err)
	// Output: 64 eoa <nil>
}
