// Package evil holds test-only contracts: an ERC-20 that reenters the
// contract it pays, and a smart-contract account (ERC-1271) that donates
// by signature. Never deploy them; they are generated like the real
// bindings so the attack tests run the same toolchain.
package evil

//go:generate node ../../../scripts/solc.js EvilToken.sol EvilToken gen
//go:generate go tool abigen --v2 --abi gen/EvilToken.abi --bin gen/EvilToken.bin --pkg gen --type EvilToken --out gen/eviltoken.gen.go
//go:generate node ../../../scripts/solc.js SmartWallet.sol SmartWallet gen
//go:generate go tool abigen --v2 --abi gen/SmartWallet.abi --bin gen/SmartWallet.bin --pkg gen --type SmartWallet --out gen/smartwallet.gen.go
