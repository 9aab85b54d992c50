// Package testwallet holds test-only smart accounts (TestWallet.sol): an
// owner-signed ERC-1271 wallet, a CREATE2 factory for it (the ERC-6492
// case), and wallets that revert, burn gas or accept anything. Tests deploy
// them on the embedded dev chain; nothing else should. gen/ is generated
// like the real contracts' bindings; CI checks it is current.
package testwallet

//go:generate node ../../../scripts/solc.js TestWallet.sol OwnedWallet gen
//go:generate node ../../../scripts/solc.js TestWallet.sol WalletFactory gen
//go:generate node ../../../scripts/solc.js TestWallet.sol RevertingWallet gen
//go:generate node ../../../scripts/solc.js TestWallet.sol BurningWallet gen
//go:generate node ../../../scripts/solc.js TestWallet.sol YesWallet gen
//go:generate go tool abigen --v2 --abi gen/OwnedWallet.abi --bin gen/OwnedWallet.bin --pkg gen --type OwnedWallet --out gen/ownedwallet.gen.go
//go:generate go tool abigen --v2 --abi gen/WalletFactory.abi --bin gen/WalletFactory.bin --pkg gen --type WalletFactory --out gen/walletfactory.gen.go
