package ethsig

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/ethsig/contract"
)

// Errors callers branch on.
var (
	// ErrMalformed is a signature no account could have made: a bad
	// length, a high s, an ERC-6492 wrapper that does not decode.
	ErrMalformed = errors.New("ethsig: malformed signature")
	// ErrInvalid is a well-formed signature the account did not make: a
	// key's signature recovering another address, or a smart account
	// answering no.
	ErrInvalid = errors.New("ethsig: signature not made by the account")
	// ErrNoChain is a smart-account signature checked without a chain.
	ErrNoChain = errors.New("ethsig: a smart-account signature needs a chain to be checked on")
	// ErrUnavailable is a chain that could not be asked (down, or without
	// the state of the block asked about): the signature is neither
	// accepted nor found invalid.
	ErrUnavailable = errors.New("ethsig: chain could not check the signature")
)

// Bounds, enforced before anything is spent on a signature.
const (
	// MaxSize bounds a signature, ERC-6492 wrapper included (a factory
	// call and a passkey assertion are a few hundred bytes each).
	MaxSize = 8 << 10
	// CallGas bounds the whole check: deploying a counterfactual account
	// and asking it.
	CallGas = 5_000_000
	// CheckGas bounds isValidSignature itself (a P-256 passkey check in
	// Solidity takes a few hundred thousand).
	CheckGas = 1_000_000
)

// Magic6492 ends an ERC-6492 wrapped signature.
var Magic6492 = common.FromHex("0x6492649264926492649264926492649264926492649264926492649264926492")

// A Kind is how an account signed.
type Kind string

// The kinds of signature.
const (
	EOA     Kind = "eoa"     // a key: ECDSA, 65 or 64 bytes
	ERC1271 Kind = "erc1271" // a deployed smart account said yes
	ERC6492 Kind = "erc6492" // a smart account said yes, deployed by its wrapper's factory in the check if it had no code
)

// A Result is how a signature was found valid.
type Result struct {
	Kind Kind
	// Block is the block whose state a smart account was asked in; 0 for
	// a key's signature, which needs no chain.
	Block uint64
}

// Caller is the chain access a smart-account check needs: an eth_call at
// a block, and the head's number. *ethclient.Client is one.
type Caller interface {
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	BlockNumber(ctx context.Context) (uint64, error)
}

var secp256k1halfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// Normalize returns a key's signature as 65 bytes r||s||v with v in
// {0, 1}, from 65 bytes with v in {0, 1, 27, 28} or EIP-2098's 64. It
// refuses a high s.
func Normalize(sig []byte) ([]byte, error) {
	out := make([]byte, 65)
	switch len(sig) {
	case 65:
		copy(out, sig)
		switch v := sig[64]; v {
		case 0, 1:
		case 27, 28:
			out[64] = v - 27
		default:
			return nil, fmt.Errorf("%w: v is %d, want 0, 1, 27 or 28", ErrMalformed, v)
		}
	case 64:
		copy(out, sig)
		out[64] = sig[32] >> 7
		out[32] &= 0x7f
	default:
		return nil, fmt.Errorf("%w: %d bytes, want 65 (r, s, v) or 64 (EIP-2098)", ErrMalformed, len(sig))
	}
	r, s := new(big.Int).SetBytes(out[:32]), new(big.Int).SetBytes(out[32:64])
	if s.Cmp(secp256k1halfN) > 0 {
		return nil, fmt.Errorf("%w: s is above n/2 (a malleable twin; sign again with a current wallet)", ErrMalformed)
	}
	if !crypto.ValidateSignatureValues(out[64], r, s, true) {
		return nil, fmt.Errorf("%w: r or s out of range", ErrMalformed)
	}
	return out, nil
}

// Compact returns a 65-byte signature in EIP-2098's 64-byte form.
func Compact(sig []byte) ([]byte, error) {
	n, err := Normalize(sig)
	if err != nil {
		return nil, err
	}
	out := n[:64]
	out[32] |= n[64] << 7
	return out, nil
}

// Recover returns the address whose key made sig over hash, for a 65- or
// 64-byte signature (Normalize).
func Recover(hash common.Hash, sig []byte) (common.Address, error) {
	n, err := Normalize(sig)
	if err != nil {
		return common.Address{}, err
	}
	pub, err := crypto.SigToPub(hash[:], n)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

var wrapperArgs = abi.Arguments{{Type: mustType("address")}, {Type: mustType("bytes")}, {Type: mustType("bytes")}}

func mustType(t string) abi.Type {
	ty, err := abi.NewType(t, "", nil)
	if err != nil {
		panic(err)
	}
	return ty
}

// Wrap6492 wraps a smart account's signature as ERC-6492 does for an
// account not deployed yet: abi.encode(factory, factoryCalldata,
// signature) ++ Magic6492.
func Wrap6492(factory common.Address, calldata, sig []byte) []byte {
	b, err := wrapperArgs.Pack(factory, calldata, sig)
	if err != nil {
		panic(err) // the types are fixed
	}
	return append(b, Magic6492...)
}

// Unwrap6492 splits an ERC-6492 wrapped signature; ok is false for a
// signature without the magic suffix.
func Unwrap6492(sig []byte) (factory common.Address, calldata, inner []byte, ok bool, err error) {
	if len(sig) < len(Magic6492) || !bytes.Equal(sig[len(sig)-len(Magic6492):], Magic6492) {
		return common.Address{}, nil, nil, false, nil
	}
	v, err := wrapperArgs.Unpack(sig[:len(sig)-len(Magic6492)])
	if err != nil {
		return common.Address{}, nil, nil, true, fmt.Errorf("%w: ERC-6492 wrapper: %v", ErrMalformed, err)
	}
	factory, calldata, inner = v[0].(common.Address), v[1].([]byte), v[2].([]byte)
	if factory == (common.Address{}) {
		return common.Address{}, nil, nil, true, fmt.Errorf("%w: ERC-6492 wrapper names no factory", ErrMalformed)
	}
	return factory, calldata, inner, true, nil
}

// Verify checks that addr signed hash with sig: a key's signature is
// recovered; anything else is asked of addr's contract at the chain's
// head (ERC-1271), deploying it first in the same simulated call if sig
// is ERC-6492 wrapped and addr has no code. c may be nil when only keys'
// signatures are expected.
func Verify(ctx context.Context, c Caller, addr common.Address, hash common.Hash, sig []byte) (Result, error) {
	return verify(ctx, c, addr, hash, sig, nil)
}

// VerifyAt is Verify in the state of a given block: how a smart account's
// signature accepted then is checked again later.
func VerifyAt(ctx context.Context, c Caller, addr common.Address, hash common.Hash, sig []byte, block uint64) (Result, error) {
	return verify(ctx, c, addr, hash, sig, &block)
}

func verify(ctx context.Context, c Caller, addr common.Address, hash common.Hash, sig []byte, block *uint64) (Result, error) {
	if len(sig) > MaxSize {
		return Result{}, fmt.Errorf("%w: %d bytes, at most %d", ErrMalformed, len(sig), MaxSize)
	}
	factory, calldata, inner, wrapped, err := Unwrap6492(sig)
	if err != nil {
		return Result{}, err
	}
	var recovered common.Address
	var recErr error
	if !wrapped {
		inner = sig
		if recovered, recErr = Recover(hash, sig); recErr == nil && recovered == addr {
			return Result{Kind: EOA}, nil
		}
	}
	if c == nil {
		switch {
		case wrapped:
			return Result{}, ErrNoChain
		case recErr != nil:
			return Result{}, recErr
		}
		// addr may be a smart account: only a chain could tell.
		return Result{}, fmt.Errorf("%w: a key's signature by %s, not %s; if that is a smart account, %w", ErrInvalid, recovered.Hex(), addr.Hex(), ErrNoChain)
	}
	var n uint64
	if block != nil {
		n = *block
	} else if n, err = c.BlockNumber(ctx); err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	args, err := contract.SigCheckABI.Constructor.Inputs.Pack(addr, hash, inner, factory, calldata, big.NewInt(CheckGas))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	data := append(append([]byte(nil), contract.SigCheckBin...), args...)
	out, err := c.CallContract(ctx, ethereum.CallMsg{Gas: CallGas, Data: data}, new(big.Int).SetUint64(n))
	if err != nil {
		return Result{}, fmt.Errorf("%w: asking %s at block %d: %v", ErrUnavailable, addr.Hex(), n, err)
	}
	if len(out) != 1 {
		return Result{}, fmt.Errorf("%w: asking %s at block %d: %d bytes back", ErrUnavailable, addr.Hex(), n, len(out))
	}
	kind := ERC1271
	if wrapped {
		kind = ERC6492
	}
	switch out[0] {
	case 1:
		return Result{Kind: kind, Block: n}, nil
	case 2:
		return Result{}, fmt.Errorf("%w: the ERC-6492 factory %s refused to deploy %s", ErrInvalid, factory.Hex(), addr.Hex())
	case 3:
		if wrapped {
			return Result{}, fmt.Errorf("%w: the ERC-6492 factory %s does not deploy %s", ErrInvalid, factory.Hex(), addr.Hex())
		}
		if recErr == nil {
			return Result{}, fmt.Errorf("%w: signed by %s, not %s", ErrInvalid, recovered.Hex(), addr.Hex())
		}
		return Result{}, fmt.Errorf("%w: %v (and %s is not a smart account)", ErrInvalid, recErr, addr.Hex())
	case 4:
		return Result{}, fmt.Errorf("%w: %s's isValidSignature reverted or ran out of gas (at most %d)", ErrInvalid, addr.Hex(), CheckGas)
	default:
		return Result{}, fmt.Errorf("%w: %s's isValidSignature said no (ERC-1271)", ErrInvalid, addr.Hex())
	}
}
