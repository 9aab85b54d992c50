// Package evil holds test-only contracts: an ERC-20 that reenters the
// contract it pays. Never deploy it; it is generated like the real
// bindings so the attack tests run the same toolchain.
package evil

//go:generate node ../../../scripts/solc.js EvilToken.sol EvilToken gen
//go:generate go tool abigen --v2 --abi gen/EvilToken.abi --bin gen/EvilToken.bin --pkg gen --type EvilToken --out gen/eviltoken.gen.go
