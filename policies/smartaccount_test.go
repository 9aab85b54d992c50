package policies

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/internal/ethsig/testwallet"
)

// wire is a signed document's wire form as a wallet-side client writes
// it, naming its signer when signer is not zero.
func wire(t *testing.T, td []byte, sig []byte, signer common.Address) []byte {
	t.Helper()
	m := map[string]any{"typedData": json.RawMessage(td), "signature": hexutil.Encode(sig)}
	if signer != (common.Address{}) {
		m["signer"] = signer
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSmartAccountDocuments: consents and revocations signed by keys in
// every form and by smart accounts (ERC-1271 deployed, ERC-6492 not yet),
// checked again by the gate after the account's owner changed; and what
// must be refused.
func TestSmartAccountDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the embedded dev chain")
	}
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	ch, err := testwallet.Setup(ctx, dev.Client(), chain.DevAccounts()[3])
	if err != nil {
		t.Fatal(err)
	}
	tr := newTestRegistry(t)
	if err := tr.UseChain(ctx, dev.Client()); err != nil {
		t.Fatal(err)
	}
	gen := func() *ecdsa.PrivateKey { k, _ := crypto.GenerateKey(); return k }
	owner, stranger := gen(), gen()
	ownerAddr, strangerAddr := crypto.PubkeyToAddress(owner.PublicKey), crypto.PubkeyToAddress(stranger.PublicKey)
	wallet, err := ch.Owned(ctx, ownerAddr)
	if err != nil {
		t.Fatal(err)
	}
	salt := common.Hash{42}
	future, _, err := ch.Counterfactual(ctx, ownerAddr, salt)
	if err != nil {
		t.Fatal(err)
	}
	// One subject per case: each is its patient's first document.
	consent := func(subject string, patient common.Address) (*Consent, []byte, common.Hash) {
		t.Helper()
		if err := tr.Enroll("trial-42", subject, patient); err != nil {
			t.Fatal(err)
		}
		c := tr.consent(t, subject, 1, nil).Consent
		td, err := MarshalTypedData(c.TypedData(tr.Domain()))
		if err != nil {
			t.Fatal(err)
		}
		h, _ := Hash(c.TypedData(tr.Domain()))
		return c, td, h
	}
	vs := func(sig []byte, v byte) []byte { s := append([]byte(nil), sig...); s[64] = v; return s }

	accepted := map[string]common.Address{}
	for i, tc := range []struct {
		name    string
		patient common.Address
		sign    func(h common.Hash) ([]byte, common.Address) // signature, signer named (zero: none)
		want    error                                        // nil: accepted
		kind    ethsig.Kind
	}{
		{"key, v 27/28", ownerAddr, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, owner), common.Address{} }, nil, ethsig.EOA},
		{"key, v 0/1", ownerAddr, func(h common.Hash) ([]byte, common.Address) {
			s := testwallet.Sign(h, owner)
			return vs(s, s[64]-27), common.Address{}
		}, nil, ethsig.EOA},
		{"key, EIP-2098 compact", ownerAddr, func(h common.Hash) ([]byte, common.Address) {
			s, _ := ethsig.Compact(testwallet.Sign(h, owner))
			return s, common.Address{}
		}, nil, ethsig.EOA},
		{"key, signer named", ownerAddr, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, owner), ownerAddr }, nil, ethsig.EOA},
		{"ERC-1271 wallet", wallet, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, owner), wallet }, nil, ethsig.ERC1271},
		{"ERC-6492 wallet not deployed", future, func(h common.Hash) ([]byte, common.Address) {
			return ch.Wrap(ownerAddr, salt, testwallet.Sign(h, owner)), future
		}, nil, ethsig.ERC6492},
		{"another account's key", ownerAddr, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, stranger), common.Address{} }, ErrWrongSigner, ""},
		{"another key naming the patient", ownerAddr, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, stranger), ownerAddr }, ErrBadSignature, ""},
		{"ERC-1271 wallet, a stranger's signature", wallet, func(h common.Hash) ([]byte, common.Address) { return testwallet.Sign(h, stranger), wallet }, ErrBadSignature, ""},
		{"ERC-6492 wrapper deploying the stranger's wallet", future, func(h common.Hash) ([]byte, common.Address) {
			return ch.Wrap(strangerAddr, salt, testwallet.Sign(h, stranger)), future
		}, ErrBadSignature, ""},
		{"ERC-6492 wrapper of garbage", future, func(h common.Hash) ([]byte, common.Address) {
			return append([]byte("garbage, not ABI"), ethsig.Magic6492...), future
		}, ErrBadSignature, ""},
		{"huge signature", wallet, func(h common.Hash) ([]byte, common.Address) { return make([]byte, ethsig.MaxSize+1), wallet }, ErrBadSignature, ""},
		{"high s", ownerAddr, func(h common.Hash) ([]byte, common.Address) {
			s := testwallet.Sign(h, owner)
			n := crypto.S256().Params().N
			hs := new(big.Int).Sub(n, new(big.Int).SetBytes(s[32:64]))
			hs.FillBytes(s[32:64])
			s[64] ^= 1
			return s, common.Address{}
		}, ErrBadSignature, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			subject := "P" + string(rune('A'+i))
			_, td, h := consent(subject, tc.patient)
			sig, named := tc.sign(h)
			doc, err := ParseDocument(wire(t, td, sig, named))
			var rec *Record
			if err == nil {
				rec, err = tr.Submit(ctx, doc, tr.steward)
			}
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("submitted: %v, want %v", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Signer != tc.patient || doc.Check.Kind != tc.kind {
				t.Fatalf("recorded signer %s (%s), want %s (%s)", rec.Signer.Hex(), doc.Check.Kind, tc.patient.Hex(), tc.kind)
			}
			// The stored wire form says whose it is and where it was checked,
			// and reads back as the same document.
			again, err := ParseDocument(rec.Document)
			if err != nil || again.Hash != doc.Hash || again.Signer != tc.patient || again.Check != doc.Check {
				t.Fatalf("stored document reads back as %+v, %v", again, err)
			}
			if tc.kind != ethsig.EOA && (doc.Check.Block == 0 || !strings.Contains(string(rec.Document), `"checked"`)) {
				t.Fatalf("a smart account's document records no block: %s", rec.Document)
			}
			accepted[subject] = tc.patient
		})
	}
	if _, err := dev.Client().CodeAt(ctx, future, nil); err != nil {
		t.Fatal(err)
	}

	// The wallet's owner changes: what it signed before stays accepted
	// (checked in the state it was accepted in), and a revocation is
	// signed by the new owner.
	if err := dev.Fund(ctx, ownerAddr, big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	if err := ch.SetOwner(ctx, wallet, owner, strangerAddr); err != nil {
		t.Fatal(err)
	}
	if p, err := tr.Verify(ctx); err != nil || len(p) != 0 {
		t.Fatalf("after the owner changed: %v, %v", p, err)
	}
	r2 := reopen(t, tr, dev) // a fresh process: nothing cached
	if p, err := r2.Verify(ctx); err != nil || len(p) != 0 {
		t.Fatalf("reopened after the owner changed: %v, %v", p, err)
	}
	if _, err := r2.NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb"}}, tr.steward); err != nil {
		t.Fatalf("the gate, after the owner changed: %v", err)
	}
	inForce, err := tr.InForce("trial-42")
	if err != nil {
		t.Fatal(err)
	}
	walletSubject := ""
	for s, a := range accepted {
		if a == wallet {
			walletSubject = s
		}
	}
	rv := &Revocation{Study: "trial-42", Subject: walletSubject, Consent: inForce[walletSubject].Hash, Nonce: 2}
	rtd, _ := MarshalTypedData(rv.TypedData(tr.Domain()))
	rh, _ := Hash(rv.TypedData(tr.Domain()))
	old, err := ParseDocument(wire(t, rtd, testwallet.Sign(rh, owner), wallet))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Submit(ctx, old, tr.steward); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("a revocation by the former owner: %v, want %v", err, ErrBadSignature)
	}
	// A check the submitter claims counts for nothing.
	claimed := wire(t, rtd, testwallet.Sign(rh, owner), wallet)
	claimed = []byte(strings.Replace(string(claimed), `"signer"`, `"checked":{"kind":"erc1271","block":3},"signer"`, 1))
	if doc, err := ParseDocument(claimed); err != nil {
		t.Fatal(err)
	} else if _, err := tr.Submit(ctx, doc, tr.steward); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("a revocation by the former owner claiming an old check: %v, want %v", err, ErrBadSignature)
	}
	doc, err := ParseDocument(wire(t, rtd, testwallet.Sign(rh, stranger), wallet))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Submit(ctx, doc, tr.steward); err != nil {
		t.Fatalf("a revocation by the new owner: %v", err)
	}

	t.Run("a chain without old state", func(t *testing.T) {
		// A pruning node answers nothing about old blocks: each smart
		// account is asked at the head instead. The wallet's first
		// consent, signed by its former owner, then fails; the
		// not-yet-deployed wallet's still holds.
		tr.Close()
		r, err := tr.reopen(t, tr.Domain())
		if err != nil {
			t.Fatal(err)
		}
		tr.Registry = r
		if err := r.UseChain(ctx, pruning{dev.Client()}); err != nil {
			t.Fatal(err)
		}
		p, err := r.Verify(ctx)
		if err != nil || len(p) != 1 || p[0].Subject != walletSubject || p[0].Unchecked || !strings.Contains(p[0].Detail, "does not verify") {
			t.Fatalf("Verify on a pruning node = %v, %v; want the former owner's consent found invalid", p, err)
		}
	})
	t.Run("without a chain", func(t *testing.T) {
		r := reopen(t, tr, nil)
		_, td, h := consent("NOCHAIN", wallet)
		doc, err := ParseDocument(wire(t, td, testwallet.Sign(h, stranger), wallet))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Submit(ctx, doc, tr.steward); !errors.Is(err, ethsig.ErrNoChain) {
			t.Fatalf("a smart account's document without a chain: %v, want %v", err, ethsig.ErrNoChain)
		}
		// What was accepted with a chain cannot be checked without one:
		// listed, and withheld by the gate, but not called tampering.
		p, err := r.Verify(ctx)
		if err != nil || len(p) == 0 {
			t.Fatalf("Verify without a chain = %v, %v; want the smart accounts' documents listed", p, err)
		}
		for _, p := range p {
			if !p.Unchecked {
				t.Errorf("without a chain: %v", p)
			}
		}
		g, err := r.NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb"}}, tr.steward)
		if err != nil {
			t.Fatalf("the gate without a chain: %v", err)
		}
		var subjects []string
		for s := range accepted {
			subjects = append(subjects, s)
		}
		bld := array.NewStringBuilder(memory.DefaultAllocator)
		bld.AppendValues(subjects, nil)
		arr := bld.NewStringArray()
		defer arr.Release()
		allow, err := g.Allow(ctx, arr)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range subjects {
			if want := accepted[s] == ownerAddr; allow[i] != want {
				t.Errorf("subject %s of %s: released %v, want %v", s, accepted[s].Hex(), allow[i], want)
			}
		}
	})

	t.Run("consents.db names another block", func(t *testing.T) {
		// An attacker who can write consents.db moves the block a smart
		// account's consent was checked at.
		var subject string
		for s, a := range accepted {
			if a == future {
				subject = s
			}
		}
		tr.Close()
		db := tr.storage(t)
		db.Update(ctx, func(tx Tx) error {
			h := latestHash(tx, subject)
			editRecord(t, tx, common.BytesToHash(h), func(rec *Record) {
				rec.Document = []byte(strings.Replace(string(rec.Document), `"block":`, `"block":1`, 1))
			})
			return nil
		})
		db.Close()
		r, err := tr.reopen(t, tr.Domain())
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		r.UseChain(ctx, dev.Client())
		p, err := r.Verify(ctx)
		if err != nil || len(p) == 0 || !strings.Contains(p[0].String(), "not the one notarized") {
			t.Fatalf("Verify = %v, %v; want the edited document found", p, err)
		}
	})
}

// reopen opens tr's registry file again, as a new process would, with
// chain c (nil: none). tr's registry is closed.
func reopen(t *testing.T, tr *testRegistry, dev *chain.Dev) *Registry {
	t.Helper()
	tr.Close()
	r, err := tr.reopen(t, tr.Domain())
	if err != nil {
		t.Fatal(err)
	}
	if dev != nil {
		if err := r.UseChain(context.Background(), dev.Client()); err != nil {
			t.Fatal(err)
		}
	}
	// tr keeps being used: it gets the reopened file's registry.
	tr.Registry = r
	return r
}

// pruning is a chain that has only the head's state, as a geth node
// that prunes does past 128 blocks.
type pruning struct{ *ethclient.Client }

func (c pruning) CallContract(ctx context.Context, m ethereum.CallMsg, block *big.Int) ([]byte, error) {
	head, err := c.BlockNumber(ctx)
	if err != nil {
		return nil, err
	}
	if block != nil && block.Uint64() < head {
		return nil, errors.New("missing trie node (historical state unavailable)")
	}
	return c.Client.CallContract(ctx, m, block)
}
