package keys

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

const hardhat0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

func TestKeyring(t *testing.T) {
	kr, err := Open(t.TempDir(), Options{LightKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Resolve(""); !errors.Is(err, ErrNoKeys) {
		t.Errorf("empty keyring: %v", err)
	}
	a, err := kr.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := kr.Resolve(""); err != nil || got != a {
		t.Errorf("Resolve(\"\") = %s, %v", got, err)
	}
	b, err := kr.ImportPrivateKey(hardhat0, "pw2")
	if err != nil {
		t.Fatal(err)
	}
	if b.Hex() != "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" {
		t.Errorf("imported %s", b.Hex())
	}
	if _, err := kr.ImportPrivateKey(hardhat0, "pw2"); !errors.Is(err, ErrExists) {
		t.Errorf("second import: %v", err)
	}
	if _, err := kr.Resolve(""); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("two keys: %v", err)
	}
	// A default key answers when none is named; a lost one no longer does.
	if err := kr.SetDefault(common.HexToAddress("0xdead")); !errors.Is(err, ErrUnknown) {
		t.Errorf("default not a key: %v", err)
	}
	if err := kr.SetDefault(b); err != nil {
		t.Fatal(err)
	}
	if got, err := kr.Resolve(""); err != nil || got != b {
		t.Errorf("Resolve(\"\") with a default = %s, %v", got, err)
	}
	if n := len(kr.List()); n != 2 {
		t.Errorf("the default file is read as a key: %d keys", n)
	}
	if got, err := kr.Resolve("0xf39f"); err != nil || got != b {
		t.Errorf("prefix resolve: %s %v", got, err)
	}
	if _, err := kr.Resolve("0xdead"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := kr.Unlock(b, "wrong"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	k, err := kr.Unlock(b, "pw2")
	if err != nil {
		t.Fatal(err)
	}
	if k.PrivateKeyHex() != hardhat0 {
		t.Errorf("round trip of the private key: %s", k.PrivateKeyHex())
	}
	hash := accounts.TextHash([]byte("hello"))
	sig, err := k.SignHash(hash)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := crypto.SigToPub(hash, sig)
	if err != nil || crypto.PubkeyToAddress(*pub) != b {
		t.Errorf("signature recovers to the wrong key")
	}
	if _, err := kr.ImportPrivateKey("0x1234", "pw"); !errors.Is(err, ErrBadPrivateKey) {
		t.Errorf("bad key: %v", err)
	}

	// A keystore file moves to another keyring.
	js, err := kr.ExportJSON(a, "pw", "pw")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := Open(t.TempDir(), Options{LightKDF: true})
	if _, err := other.ImportJSON(js, "nope", "x"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("import with the wrong passphrase: %v", err)
	}
	got, err := other.ImportJSON(js, "pw", "new")
	if err != nil || got != a {
		t.Fatalf("ImportJSON = %s, %v", got, err)
	}
	ka, _ := kr.Unlock(a, "pw")
	kb, err := other.Unlock(a, "new")
	if err != nil || !bytes.Equal(crypto.FromECDSA(ka.PrivateKey()), crypto.FromECDSA(kb.PrivateKey())) {
		t.Errorf("moved key differs: %v", err)
	}
}
