// Package keys keeps a data dir's Ethereum keys: go-ethereum's keystore
// (Web3 Secret Storage, scrypt-encrypted JSON files), readable by geth,
// Foundry and wallets. A key is unlocked with its passphrase only for as
// long as one operation needs it; private keys leave the keystore only when
// exported on purpose.
package keys
