package keys

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Errors callers branch on.
var (
	ErrNoKeys          = errors.New("keys: no keys in this data dir (make one with: desci keys new)")
	ErrAmbiguous       = errors.New("keys: several keys in this data dir; name one with --key, or set the default with: desci keys default ADDRESS")
	ErrUnknown         = errors.New("keys: no such key in this data dir")
	ErrWrongPassphrase = errors.New("keys: wrong passphrase")
	ErrBadPrivateKey   = errors.New("keys: not a secp256k1 private key")
	ErrExists          = errors.New("keys: key already in this data dir")
)

// Options configure a Keyring. The zero value uses geth's standard scrypt
// cost (N = 2^18, about a second and 256 MiB per unlock).
type Options struct {
	// LightKDF uses geth's light scrypt cost (N = 2^12) for new keys: fast,
	// for tests and development chains only (geth's --lightkdf).
	LightKDF bool
}

// Keyring is the keystore directory of a data dir.
type Keyring struct {
	ks  *keystore.KeyStore
	dir string
}

// Open opens (creating if needed) the keystore in dir.
func Open(dir string, opts Options) (*Keyring, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if opts.LightKDF {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	return &Keyring{ks: keystore.NewKeyStore(dir, n, p), dir: dir}, nil
}

// List returns the addresses of the keys, in the keystore's order.
func (k *Keyring) List() []common.Address {
	var out []common.Address
	for _, a := range k.ks.Accounts() {
		out = append(out, a.Address)
	}
	return out
}

// New makes a key, encrypts it with passphrase and returns its address.
func (k *Keyring) New(passphrase string) (common.Address, error) {
	a, err := k.ks.NewAccount(passphrase)
	if err != nil {
		return common.Address{}, fmt.Errorf("keys: new: %w", err)
	}
	return a.Address, nil
}

// ImportPrivateKey stores a hex private key (with or without 0x).
func (k *Keyring) ImportPrivateKey(hexKey, passphrase string) (common.Address, error) {
	priv, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(hexKey), "0x"))
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadPrivateKey, err)
	}
	a, err := k.ks.ImportECDSA(priv, passphrase)
	if errors.Is(err, keystore.ErrAccountAlreadyExists) {
		return crypto.PubkeyToAddress(priv.PublicKey), fmt.Errorf("%w: %s", ErrExists, crypto.PubkeyToAddress(priv.PublicKey))
	}
	if err != nil {
		return common.Address{}, fmt.Errorf("keys: import: %w", err)
	}
	return a.Address, nil
}

// ImportJSON stores a keystore file encrypted with passphrase, re-encrypted
// with newPassphrase.
func (k *Keyring) ImportJSON(keyJSON []byte, passphrase, newPassphrase string) (common.Address, error) {
	a, err := k.ks.Import(keyJSON, passphrase, newPassphrase)
	switch {
	case errors.Is(err, keystore.ErrDecrypt):
		return common.Address{}, ErrWrongPassphrase
	case errors.Is(err, keystore.ErrAccountAlreadyExists):
		return a.Address, fmt.Errorf("%w: %s", ErrExists, a.Address)
	case err != nil:
		return common.Address{}, fmt.Errorf("keys: import: %w", err)
	}
	return a.Address, nil
}

// defaultFile holds the default key's address. The keystore skips
// dotfiles when it scans for keys.
const defaultFile = ".default"

// SetDefault makes addr (a key of the keyring) the key used when none is
// named.
func (k *Keyring) SetDefault(addr common.Address) error {
	if !k.ks.HasAddress(addr) {
		return fmt.Errorf("%w: %s", ErrUnknown, addr.Hex())
	}
	tmp := filepath.Join(k.dir, defaultFile+".tmp")
	if err := os.WriteFile(tmp, []byte(addr.Hex()+"\n"), 0o600); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(k.dir, defaultFile)); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	return nil
}

// Default returns the default key set by SetDefault, if it is still in
// the keyring.
func (k *Keyring) Default() (common.Address, bool) {
	b, err := os.ReadFile(filepath.Join(k.dir, defaultFile))
	if err != nil {
		return common.Address{}, false
	}
	s := strings.TrimSpace(string(b))
	if !common.IsHexAddress(s) || !k.ks.HasAddress(common.HexToAddress(s)) {
		return common.Address{}, false
	}
	return common.HexToAddress(s), true
}

// Resolve picks a key: the one named (an address, or a unique prefix of
// one), or when name is empty the only key, else the default key.
func (k *Keyring) Resolve(name string) (common.Address, error) {
	all := k.List()
	if name == "" {
		switch len(all) {
		case 0:
			return common.Address{}, ErrNoKeys
		case 1:
			return all[0], nil
		}
		if d, ok := k.Default(); ok {
			return d, nil
		}
		return common.Address{}, ErrAmbiguous
	}
	var found []common.Address
	want := strings.ToLower(strings.TrimPrefix(name, "0x"))
	for _, a := range all {
		if strings.HasPrefix(strings.ToLower(strings.TrimPrefix(a.Hex(), "0x")), want) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return common.Address{}, fmt.Errorf("%w: %s", ErrUnknown, name)
	case 1:
		return found[0], nil
	default:
		return common.Address{}, fmt.Errorf("%w (%q matches %d)", ErrAmbiguous, name, len(found))
	}
}

// Unlock decrypts the key for addr.
func (k *Keyring) Unlock(addr common.Address, passphrase string) (*Key, error) {
	a, err := k.ks.Find(accounts.Account{Address: addr})
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknown, addr)
	}
	keyJSON, err := os.ReadFile(a.URL.Path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	dk, err := keystore.DecryptKey(keyJSON, passphrase)
	if errors.Is(err, keystore.ErrDecrypt) {
		return nil, fmt.Errorf("%w for %s", ErrWrongPassphrase, addr)
	}
	if err != nil {
		return nil, fmt.Errorf("keys: unlock %s: %w", addr, err)
	}
	return &Key{addr: dk.Address, priv: dk.PrivateKey}, nil
}

// ExportJSON returns the key re-encrypted with newPassphrase.
func (k *Keyring) ExportJSON(addr common.Address, passphrase, newPassphrase string) ([]byte, error) {
	out, err := k.ks.Export(accounts.Account{Address: addr}, passphrase, newPassphrase)
	if errors.Is(err, keystore.ErrDecrypt) {
		return nil, fmt.Errorf("%w for %s", ErrWrongPassphrase, addr)
	}
	return out, err
}

// Key is an unlocked key.
type Key struct {
	addr common.Address
	priv *ecdsa.PrivateKey
}

// NewKey wraps a private key, for tests and development accounts.
func NewKey(priv *ecdsa.PrivateKey) *Key {
	return &Key{addr: crypto.PubkeyToAddress(priv.PublicKey), priv: priv}
}

// Address returns the key's Ethereum address.
func (k *Key) Address() common.Address { return k.addr }

// SignHash signs a 32-byte hash, returning [r || s || v] with v in {0, 1}.
func (k *Key) SignHash(hash []byte) ([]byte, error) { return crypto.Sign(hash, k.priv) }

// PrivateKey returns the key itself, for export.
func (k *Key) PrivateKey() *ecdsa.PrivateKey { return k.priv }

// PrivateKeyHex returns the private key as 0x-prefixed hex.
func (k *Key) PrivateKeyHex() string { return "0x" + common.Bytes2Hex(crypto.FromECDSA(k.priv)) }
