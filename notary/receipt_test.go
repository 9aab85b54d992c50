package notary

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/merkle"
)

// exampleReceipt is a receipt for the dataset vector, batched with two
// other CIDs, with made-up chain fields: a well-formed document for
// decoder tests and doc/receipt.md (not one a chain will confirm).
func exampleReceipt(t testing.TB) (*Receipt, []byte) {
	t.Helper()
	_, block := signedVector(t)
	c, err := manifestPrefix.Sum(block)
	if err != nil {
		t.Fatal(err)
	}
	others := []cid.Cid{
		mustCID("bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64"),
		mustCID("bafyreihj45h25xwplqdvb33x53gnm65cyreqbggrt7tk5flexyisvxivga"),
	}
	tree, err := merkle.New([][]byte{c.Bytes(), others[0].Bytes(), others[1].Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	r := &Receipt{
		Version:     ReceiptVersion,
		Manifest:    block,
		CID:         c.String(),
		Leaf:        tree.Leaf(0),
		Proof:       tree.Proof(0),
		Root:        tree.Root(),
		ChainID:     1337,
		Contract:    common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		Tx:          common.HexToHash("0x8c1b1b7b8e5d0f0a1d3e6f4c2b9a7d5e3c1f0e2d4b6a8c0e1f3d5b7a9c0e2f41"),
		BlockNumber: 42,
		BlockHash:   common.HexToHash("0x1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
		BlockTime:   time.Date(2026, 11, 21, 12, 0, 12, 0, time.UTC),
		Submitter:   common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
	}
	doc, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return r, doc
}

func TestReceiptGolden(t *testing.T) {
	_, doc := exampleReceipt(t)
	const golden = "testdata/receipt-example.json"
	if *update {
		os.WriteFile(golden, doc, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, want) {
		t.Errorf("receipt encoding changed; if on purpose, run go test ./notary -run ReceiptGolden -update")
	}
	if _, _, err := DecodeReceipt(want); err != nil {
		t.Errorf("golden receipt does not decode: %v", err)
	}
}

func TestDecodeReceiptRejects(t *testing.T) {
	r, doc := exampleReceipt(t)
	edit := func(f func(r *Receipt)) []byte {
		rr := *r
		rr.Proof = append([]merkle.Hash(nil), r.Proof...)
		f(&rr)
		b, _ := rr.Encode()
		return b
	}
	cases := []struct {
		name string
		doc  []byte
		want error
	}{
		{"truncated", doc[:len(doc)-10], ErrBadReceipt},
		{"trailing data", append(bytes.Clone(doc), []byte(`{}`)...), ErrBadReceipt},
		{"unknown field", bytes.Replace(doc, []byte(`"version"`), []byte(`"extra": 1, "version"`), 1), ErrBadReceipt},
		{"version 2", edit(func(r *Receipt) { r.Version = 2 }), ErrBadReceipt},
		{"no chain id", edit(func(r *Receipt) { r.ChainID = 0 }), ErrBadReceipt},
		{"manifest not matching cid", edit(func(r *Receipt) { r.CID = "bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64" }), ErrBadReceipt},
		{"leaf of another cid", edit(func(r *Receipt) { r.Leaf[0] ^= 1 }), ErrBadReceipt},
		{"proof element changed", edit(func(r *Receipt) { r.Proof[len(r.Proof)-1][31] ^= 1 }), ErrProof},
		{"proof cut", edit(func(r *Receipt) { r.Proof = r.Proof[:len(r.Proof)-1] }), ErrProof},
		{"manifest byte changed", edit(func(r *Receipt) { r.Manifest = bytes.Clone(r.Manifest); r.Manifest[20] ^= 1 }), ErrBadReceipt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := DecodeReceipt(c.doc); !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
}

// BenchmarkDecodeReceipt is a receipt's verification without the chain:
// parse, re-hash the manifest, check its signature and the proof.
func BenchmarkDecodeReceipt(b *testing.B) {
	_, doc := exampleReceipt(b)
	for b.Loop() {
		if _, _, err := DecodeReceipt(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzDecodeReceipt(f *testing.F) {
	_, doc := exampleReceipt(f)
	f.Add(doc)
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, m, err := DecodeReceipt(data)
		if err != nil {
			return
		}
		// Whatever is accepted hangs together.
		c, err := r.ManifestCID()
		if err != nil || merkle.LeafHash(c.Bytes()) != r.Leaf || !merkle.Verify(r.Root, r.Leaf, r.Proof) || m.VerifySignature() != nil {
			t.Fatal("accepted an inconsistent receipt")
		}
	})
}
