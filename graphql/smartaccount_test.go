package graphql

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/internal/ethsig/testwallet"
)

// TestSmartAccountSignIn: sign-in, consent and revocation from keys in
// every signature form and from smart accounts (ERC-1271, ERC-6492) on the
// embedded dev chain, the document given as JSON or as a string of it; and
// the signatures that must be refused.
func TestSmartAccountSignIn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the embedded dev chain")
	}
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	ch, err := testwallet.Setup(ctx, dev.Client(), chain.DevAccounts()[4])
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(o *Options) { o.Chain = dev.Client() })
	if err := e.reg.UseChain(ctx, dev.Client()); err != nil {
		t.Fatal(err)
	}
	gen := func() *ecdsa.PrivateKey { k, _ := crypto.GenerateKey(); return k }
	owner, stranger := gen(), gen()
	wallet, err := ch.Owned(ctx, addr(owner))
	if err != nil {
		t.Fatal(err)
	}
	salt := common.Hash{6}
	future, _, err := ch.Counterfactual(ctx, addr(owner), salt)
	if err != nil {
		t.Fatal(err)
	}
	reverting, err := ch.Deploy(ctx, "RevertingWallet", nil)
	if err != nil {
		t.Fatal(err)
	}

	// message is a SIWE message for account, with a fresh nonce.
	message := func(account common.Address) (string, common.Hash) {
		m := siweMessage(owner, e.nonce(), func(m *SIWEMessage) { m.Address = account })
		return m, common.Hash(accounts.TextHash([]byte(m)))
	}
	v := func(sig []byte, add byte) []byte { s := bytes.Clone(sig); s[64] = s[64] - 27 + add; return s }
	signIn := func(account common.Address, sign func(h common.Hash) []byte) *response {
		m, h := message(account)
		return e.do("", signInMutation, map[string]any{"m": m, "s": hexutil.Encode(sign(h))})
	}
	tokens := map[common.Address]string{}
	for _, tc := range []struct {
		name    string
		account common.Address
		sign    func(h common.Hash) []byte
		ok      bool
	}{
		{"key, v 27/28", addr(owner), func(h common.Hash) []byte { return testwallet.Sign(h, owner) }, true},
		{"key, v 0/1", addr(owner), func(h common.Hash) []byte { return v(testwallet.Sign(h, owner), 0) }, true},
		{"key, EIP-2098 compact", addr(owner), func(h common.Hash) []byte { s, _ := ethsig.Compact(testwallet.Sign(h, owner)); return s }, true},
		{"ERC-1271 wallet", wallet, func(h common.Hash) []byte { return testwallet.Sign(h, owner) }, true},
		{"ERC-6492 wallet not deployed", future, func(h common.Hash) []byte { return ch.Wrap(addr(owner), salt, testwallet.Sign(h, owner)) }, true},
		{"another account's key", addr(owner), func(h common.Hash) []byte { return testwallet.Sign(h, stranger) }, false},
		{"key, v 29", addr(owner), func(h common.Hash) []byte { return v(testwallet.Sign(h, owner), 29) }, false},
		{"ERC-1271 wallet, a stranger's signature", wallet, func(h common.Hash) []byte { return testwallet.Sign(h, stranger) }, false},
		{"ERC-6492 wrapper deploying the stranger's wallet", future, func(h common.Hash) []byte {
			return ch.Wrap(addr(stranger), salt, testwallet.Sign(h, stranger))
		}, false},
		{"ERC-6492 wrapper of garbage", future, func(h common.Hash) []byte { return append([]byte("garbage"), ethsig.Magic6492...) }, false},
		{"a wallet that reverts", reverting, func(h common.Hash) []byte { return testwallet.Sign(h, owner) }, false},
		{"huge signature", wallet, func(h common.Hash) []byte { return make([]byte, ethsig.MaxSize+1) }, false},
	} {
		t.Run("sign in: "+tc.name, func(t *testing.T) {
			r := signIn(tc.account, tc.sign)
			if !tc.ok {
				if r.code() != CodeUnauthenticated {
					t.Fatalf("signIn = %v %+v, want UNAUTHENTICATED", r.Data, r.Errors)
				}
				return
			}
			if len(r.Errors) > 0 || get(r.Data, "signIn.address") != tc.account.Hex() {
				t.Fatalf("signIn = %v %+v", r.Data, r.Errors)
			}
			tokens[tc.account] = get(r.Data, "signIn.token").(string)
		})
	}
	if code, _ := dev.Client().CodeAt(ctx, future, nil); len(code) != 0 {
		t.Fatal("signing in deployed the counterfactual wallet")
	}

	// Consent and revocation: the typed data the server gives, signed by
	// the wallet's owner, submitted with the wallet named as signer.
	const toSign = `query($s: String!) { consentToSign(study: "trial-42", subject: $s, uses: ["HMB"], validUntil: "2040-01-01") }`
	const submitJSON = `mutation($d: JSON!) { submitConsent(signed: $d) { kind subject signer } }`
	const submitString = `mutation($d: String!) { submitConsent(document: $d) { kind subject signer } }`
	sign := func(td any, k *ecdsa.PrivateKey, signer common.Address, wrap func([]byte) []byte) map[string]any {
		raw, _ := json.Marshal(td)
		var typed apitypes.TypedData
		if err := json.Unmarshal(raw, &typed); err != nil {
			t.Fatal(err)
		}
		h, _, err := apitypes.TypedDataAndHash(typed)
		if err != nil {
			t.Fatal(err)
		}
		sig := testwallet.Sign(common.BytesToHash(h), k)
		if wrap != nil {
			sig = wrap(sig)
		}
		return map[string]any{"typedData": td, "signature": hexutil.Encode(sig), "signer": signer.Hex()}
	}
	for i, tc := range []struct {
		name    string
		account common.Address
		wrap    func([]byte) []byte
		asJSON  bool
	}{
		{"ERC-1271 wallet, JSON", wallet, nil, true},
		{"ERC-6492 wallet, a string", future, func(s []byte) []byte { return ch.Wrap(addr(owner), salt, s) }, false},
	} {
		t.Run("consent and revocation: "+tc.name, func(t *testing.T) {
			subject := []string{"w1", "w2"}[i]
			if err := e.reg.Enroll("trial-42", subject, tc.account); err != nil {
				t.Fatal(err)
			}
			tok := tokens[tc.account]
			submit := func(doc map[string]any) *response {
				if tc.asJSON {
					return e.do(tok, submitJSON, map[string]any{"d": doc})
				}
				b, _ := json.Marshal(doc)
				return e.do(tok, submitString, map[string]any{"d": string(b)})
			}
			td := e.ok(tok, toSign, map[string]any{"s": subject})["consentToSign"]
			if r := submit(sign(td, stranger, tc.account, tc.wrap)); r.code() != CodeBadUserInput {
				t.Fatalf("a stranger's signature: %v %+v", r.Data, r.Errors)
			}
			r := submit(sign(td, owner, tc.account, tc.wrap))
			if len(r.Errors) > 0 || get(r.Data, "submitConsent.signer") != tc.account.Hex() {
				t.Fatalf("submitConsent = %v %+v", r.Data, r.Errors)
			}
			td = e.ok(tok, `query($s: String!) { revocationToSign(study: "trial-42", subject: $s) }`, map[string]any{"s": subject})["revocationToSign"]
			r = submit(sign(td, owner, tc.account, tc.wrap))
			if len(r.Errors) > 0 || get(r.Data, "submitConsent.kind") != "revocation" {
				t.Fatalf("revocation = %v %+v", r.Data, r.Errors)
			}
		})
	}
	t.Run("submitConsent takes one form of the document", func(t *testing.T) {
		r := e.do(tokens[wallet], `mutation { submitConsent(document: "{}", signed: {typedData: 1}) { kind } }`, nil)
		if r.code() != CodeBadUserInput || !strings.Contains(r.Errors[0].Message, "one of them") {
			t.Fatalf("both forms: %+v", r.Errors)
		}
		r = e.do(tokens[wallet], `mutation { submitConsent(signed: {typedData: {primaryType: "Consent"}, signature: "0x00"}) { kind } }`, nil)
		if r.code() != CodeBadUserInput {
			t.Fatalf("a literal JSON document that is not one: %+v", r.Errors)
		}
	})
}
