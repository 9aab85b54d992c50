// Package ethsig checks that an Ethereum account signed a hash, whatever
// kind of account it is: an externally owned account (a key) signs with
// ECDSA, 65 bytes r||s||v with v in {0, 1, 27, 28} or 64 bytes in EIP-2098's
// compact form r||yParityAndS; a smart account (a contract: Safe, passkey
// wallets) answers ERC-1271's isValidSignature on the chain, and one not
// deployed yet wraps its signature as ERC-6492 says, with the factory call
// that would deploy it.
//
// Signatures with a high s (s > n/2) are refused in every form: each
// (r, s) has a twin (r, n-s) that recovers the same key, and accepting
// both would give one signed document two encodings. Wallets and the
// libraries dApps use (ethers, viem, MetaMask) produce low s.
//
// A smart account's answer depends on the chain's state, so a Result says
// at which block it was asked; VerifyAt asks again at that block. The chain
// is reached through Caller, which *ethclient.Client satisfies (the
// embedded dev chain's client, or any JSON-RPC endpoint's). The check runs
// SigCheck's creation code (contract/) in one eth_call: nothing is
// deployed, nothing is sent, and the gas of the call is bounded.
package ethsig
