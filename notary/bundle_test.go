package notary

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary/car"
	"github.com/desci-platform/desci/notary/merkle"
)

// exampleBundle is the bundle of doc/bundle.md: a two-file dataset signed
// by the test key, with a receipt whose chain fields are made up (as
// receipt-example.json's are). Everything in it is fixed, so its bytes
// are a test vector for other readers (the verify page).
func exampleBundle(t testing.TB) (data []byte, manifest cid.Cid) {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "trial-42")
	writeTree(t, dir, map[string]string{"values.csv": "id,value\n1,2\n2,3\n", "README.txt": "Trial 42 raw values.\n"})
	s := openStore(t)
	priv, _ := crypto.HexToECDSA(testKeyHex)
	c, _, err := s.Notarize(ctx, dir, Publication{Kind: KindDataset, Title: "Trial 42 raw data",
		Authors: []Author{{Name: "Ada Lovelace", ORCID: "0000-0002-1825-0097"}}, License: "CC-BY-4.0",
		Created: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}, ImportOptions{}, keys.NewKey(priv))
	if err != nil {
		t.Fatal(err)
	}
	storeFakeReceipt(t, s, c)
	var buf bytes.Buffer
	if _, err := s.WriteBundle(ctx, c, BundleOptions{RPC: []string{"http://127.0.0.1:8545"}, Created: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), c
}

// storeFakeReceipt stores a well-formed receipt for c with made-up chain
// fields: enough for everything but asking a chain.
func storeFakeReceipt(t testing.TB, s *Store, c cid.Cid) {
	t.Helper()
	block, err := s.Block(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := merkle.New([][]byte{c.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	r := &Receipt{
		Version: ReceiptVersion, Manifest: block, CID: c.String(), Leaf: tree.Leaf(0), Proof: tree.Proof(0), Root: tree.Root(),
		ChainID: 1337, Contract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		Tx:          common.HexToHash("0x8c1b1b7b8e5d0f0a1d3e6f4c2b9a7d5e3c1f0e2d4b6a8c0e1f3d5b7a9c0e2f41"),
		BlockNumber: 42, BlockHash: common.HexToHash("0x1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
		BlockTime: time.Date(2026, 11, 21, 12, 0, 12, 0, time.UTC),
		Submitter: common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
	}
	doc, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.index.Confirm("", map[cid.Cid][]byte{c: doc}); err != nil {
		t.Fatal(err)
	}
}

func TestBundleGolden(t *testing.T) {
	data, c := exampleBundle(t)
	const golden = "testdata/bundle-example.desci.car"
	if *update {
		os.WriteFile(golden, data, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("bundle encoding changed; if on purpose, run go test ./notary -run BundleGolden -update and update doc/bundle.md")
	}
	b, err := ReadBundle(context.Background(), bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if !b.ManifestID.Equals(c) || b.Manifest.Title != "Trial 42 raw data" || !b.Doc.Content || b.Doc.ChainID != 1337 ||
		len(b.Doc.RPC) != 1 || b.ContentOfBundle() == nil {
		t.Errorf("read back %+v", b.Doc)
	}
	// The root, the receipt, the manifest, then the content: 3 + 3 blocks.
	if b.Blocks != 6 {
		t.Errorf("%d blocks, want 6", b.Blocks)
	}
}

// carBlocks splits a CAR into its root and blocks.
func carBlocks(t testing.TB, data []byte) (cid.Cid, []testBlock) {
	t.Helper()
	cr, err := car.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []testBlock
	for {
		c, d, err := cr.Next()
		if err == io.EOF {
			return cr.Roots[0], out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, testBlock{c, bytes.Clone(d)})
	}
}

// rebundle re-encodes a bundle after edit changed its document and blocks
// (blocks[0] is the document's block, re-hashed after edit).
func rebundle(t testing.TB, data []byte, edit func(d map[string]any, blocks []testBlock) []testBlock) []byte {
	t.Helper()
	_, bs := carBlocks(t, data)
	var d map[string]any
	if err := json.Unmarshal(bs[0].data, &d); err != nil {
		t.Fatal(err)
	}
	bs = edit(d, bs)
	doc, _ := json.Marshal(d)
	bs[0] = rawBlock(doc)
	return carOf(t, bs[0].c, bs...)
}

func TestReadBundleRejects(t *testing.T) {
	good, c := exampleBundle(t)
	_, bs := carBlocks(t, good)
	var docMap map[string]any
	json.Unmarshal(bs[0].data, &docMap)
	receiptIndex := 1
	contentIndex := len(bs) - 1 // a file's raw block

	// A receipt for another manifest: same key, another title.
	other := func() []byte {
		ctx := context.Background()
		s := openStore(t)
		priv, _ := crypto.HexToECDSA(testKeyHex)
		p := filepath.Join(t.TempDir(), "x.csv")
		os.WriteFile(p, []byte("x\n"), 0o644)
		oc, _, err := s.Notarize(ctx, p, Publication{Kind: KindDataset, Title: "Another"}, ImportOptions{}, keys.NewKey(priv))
		if err != nil {
			t.Fatal(err)
		}
		storeFakeReceipt(t, s, oc)
		doc, _ := s.Receipt(oc)
		return doc
	}()

	cases := []struct {
		name  string
		data  []byte
		want  error
		check string // a VerifyError's check, instead of want
	}{
		{"empty", nil, ErrBundleUnreadable, ""},
		{"garbage", []byte("this is not a bundle at all"), ErrBundleUnreadable, ""},
		{"truncated in a block", good[:len(good)-7], ErrBundleUnreadable, ""},
		{"header only", good[:40], ErrBundleUnreadable, ""},
		{"a byte of a file changed", func() []byte {
			b := bytes.Clone(good)
			b[len(b)-3] ^= 1
			return b
		}(), ErrBadBundle, ""},
		{"a file left out", carOf(t, bs[0].c, bs[:contentIndex]...), ErrBadBundle, ""},
		{"the manifest left out", carOf(t, bs[0].c, append(append([]testBlock{}, bs[:2]...), bs[3:]...)...), ErrBadBundle, ""},
		{"the root not first", carOf(t, bs[0].c, append([]testBlock{bs[1], bs[0]}, bs[2:]...)...), ErrBadBundle, ""},
		{"a CAR from desci export", carOf(t, c, bs[2:]...), ErrBundleUnreadable, ""},
		{"unknown field", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock { d["extra"] = 1; return b }), ErrBadBundle, ""},
		{"version 2", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock { d["desci_bundle"] = 2; return b }), ErrBadBundle, ""},
		{"another chain in the document", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock { d["chain_id"] = 5; return b }), ErrBadBundle, ""},
		{"a javascript: endpoint", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock {
			d["rpc"] = []string{"javascript:alert(1)"}
			return b
		}), ErrBadBundle, ""},
		{"content claimed absent", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock { d["content"] = false; return b }), ErrBadBundle, ""},
		{"a receipt for another manifest", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock {
			rb := rawBlock(other)
			d["receipt"] = rb.c.String()
			b[receiptIndex] = rb
			return b
		}), nil, CheckReceipt},
		{"a correction that corrects nothing here", rebundle(t, good, func(d map[string]any, b []testBlock) []testBlock {
			d["related"] = []map[string]string{{"relation": "correction", "cid": c.String()}}
			return b
		}), ErrBadBundle, ""},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			_, err := ReadBundle(context.Background(), bytes.NewReader(k.data))
			if k.check != "" {
				var ve *VerifyError
				if !errors.As(err, &ve) || ve.Check != k.check {
					t.Errorf("error %v, want check %q", err, k.check)
				}
				return
			}
			if !errors.Is(err, k.want) {
				t.Errorf("error %v, want %v", err, k.want)
			}
			t.Log(err)
		})
	}
}

// A bundle whose file says it holds more bytes than its blocks do is
// refused before anything is stored.
func TestBundleSizesLie(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	priv, _ := crypto.HexToECDSA(testKeyHex)
	leaf := rawBlock([]byte("0123456789"))
	liar := fileNodeBlock(t, nil, []cid.Cid{leaf.c}, []uint64{10}, 1<<40)
	for _, b := range []testBlock{leaf, liar} {
		if err := s.PutBlock(ctx, b.c, b.data); err != nil {
			t.Fatal(err)
		}
	}
	m := &Manifest{Kind: KindDataset, Title: "liar", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Content: &Content{Root: liar.c, Profile: DefaultProfile, Files: []File{{Path: "f", CID: liar.c, Size: 1 << 40}}}}
	c, _, err := s.publish(ctx, m, keys.NewKey(priv))
	if err != nil {
		t.Fatal(err)
	}
	storeFakeReceipt(t, s, c)
	var buf bytes.Buffer
	if _, err := s.WriteBundle(ctx, c, BundleOptions{}, &buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBundle(ctx, bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrBadBundle) || !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("read: %v, want a size mismatch", err)
	}
	f := filepath.Join(t.TempDir(), "b.desci.car")
	os.WriteFile(f, buf.Bytes(), 0o644)
	fh, _ := os.Open(f)
	defer fh.Close()
	other := openStore(t)
	if _, err := other.ImportBundle(ctx, fh); !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("import: %v", err)
	}
	if n := countBlocks(t, other); n != 0 {
		t.Errorf("a refused bundle stored %d blocks", n)
	}
}

// A bundle carries the corrections and newer versions known when it was
// made, with their receipts; it verifies against the chain, and an
// import keeps every receipt and leaves a sound store.
func TestBundleOnChain(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, false)
	s := openStore(t)
	dir := filepath.Join(t.TempDir(), "trial")
	writeTree(t, dir, map[string]string{"a.csv": "1\n", "sub/b.csv": "2\n"})
	v1, _, err := s.Notarize(ctx, dir, Publication{Kind: KindDataset, Title: "v1"}, ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"a.csv": "1.5\n"})
	v2, _, err := s.Notarize(ctx, dir, Publication{Kind: KindDataset, Title: "v2", Supersedes: v1}, ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}
	fix, _, err := s.Correct(ctx, v1, "a.csv is in mg", "", ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil {
		t.Fatal(err)
	}
	// Notarized after the anchor: listed, not anchored.
	v3, _, err := s.Notarize(ctx, dir, Publication{Kind: KindDataset, Title: "v3", Supersedes: v2}, ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	if _, err := s.WriteBundle(ctx, v1, BundleOptions{}, &buf); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBundle(ctx, bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got := map[cid.Cid]string{}
	for _, r := range b.Related {
		got[r.CID] = r.Relation
		if anchored := r.Receipt != nil; anchored == r.CID.Equals(v3) {
			t.Errorf("%s anchored %v", r.CID, anchored)
		}
	}
	if len(got) != 3 || got[fix] != RelCorrection || got[v2] != RelVersion || got[v3] != RelVersion {
		t.Errorf("related %v", got)
	}
	v, err := VerifyBundle(ctx, tc.client, b)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Manifest.Equals(v1) || !v.Content.Defined() {
		t.Errorf("verified %+v", v)
	}
	for _, r := range b.Related {
		if r.Receipt != nil {
			if _, err := VerifyReceipt(ctx, tc.client, r.Receipt, nil); err != nil {
				t.Errorf("related %s: %v", r.CID, err)
			}
		}
	}

	// Another chain with the same id and Notary address never anchored it.
	other := newTestChain(t, false)
	if _, err := VerifyBundle(ctx, other.client, b); err == nil {
		t.Error("verified on another chain")
	}

	f := filepath.Join(t.TempDir(), "v1.desci.car")
	os.WriteFile(f, buf.Bytes(), 0o644)
	fh, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	s2 := openStore(t)
	if _, err := s2.ImportBundle(ctx, fh); err != nil {
		t.Fatal(err)
	}
	for _, c := range []cid.Cid{v1, v2, fix} {
		if _, err := s2.Receipt(c); err != nil {
			t.Errorf("receipt of %s after import: %v", c, err)
		}
	}
	if _, err := s2.Receipt(v3); !errors.Is(err, ErrNotInReceipt) {
		t.Errorf("v3 has a receipt: %v", err)
	}
	if rel, err := s2.Newer(ctx, v1); err != nil || len(rel) != 3 {
		t.Errorf("newer after import: %d %v", len(rel), err)
	}
	if res, err := s2.Verify(ctx, nil); err != nil {
		t.Errorf("repo verify after import: %v %v", err, res.Problems)
	}
	doc, _ := s2.Receipt(v1)
	m, _ := s2.Manifest(ctx, v1)
	if _, err := VerifyReceipt(ctx, tc.client, doc, s2.ContentOfStore(m.Content.Root)); err != nil {
		t.Errorf("verify from the importing store: %v", err)
	}
}

// A sealed dataset's bundle holds its manifest, not its ciphertext; it
// verifies (the content unchecked) and imports, receipt kept.
func TestBundleSealed(t *testing.T) {
	ctx := context.Background()
	tc := newTestChain(t, false)
	s := openStore(t)
	steward, _ := age.GenerateX25519Identity()
	p := filepath.Join(t.TempDir(), "patients.csv")
	os.WriteFile(p, stream("patients", 300<<10), 0o600)
	c, m, err := s.NotarizeSealed(ctx, p, []age.Recipient{steward.Recipient()}, Publication{Kind: KindDataset, Title: "sealed"}, ImportOptions{}, tc.key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Anchor(ctx, tc.client, tc.key, AnchorOptions{Contract: tc.contract}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.WriteBundle(ctx, c, BundleOptions{}, &buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 64<<10 {
		t.Errorf("a sealed bundle of %d bytes: the ciphertext went in", buf.Len())
	}
	b, err := ReadBundle(ctx, bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b.Doc.Content || b.ContentOfBundle() != nil {
		t.Error("a sealed bundle claims content")
	}
	if _, err := VerifyBundle(ctx, tc.client, b); err != nil {
		t.Fatal(err)
	}
	// The steward, with the files, checks them against it.
	if _, err := VerifyReceipt(ctx, tc.client, b.Receipt, ContentOfPath(p, false)); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "s.desci.car")
	os.WriteFile(f, buf.Bytes(), 0o644)
	fh, _ := os.Open(f)
	defer fh.Close()
	s2 := openStore(t)
	if _, err := s2.ImportBundle(ctx, fh); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Receipt(c); err != nil {
		t.Error(err)
	}
	if got, err := s2.Manifest(ctx, c); err != nil || !got.Content.Root.Equals(m.Content.Root) {
		t.Errorf("manifest after import: %v", err)
	}
	if res, err := s2.Verify(ctx, nil); err != nil {
		t.Errorf("repo verify after import: %v %v", err, res.Problems)
	}
}

// goldenBundle is the test vector's bytes: the fuzzers start from it
// without building one (a store's syncfs per worker is slow on a busy
// machine).
func goldenBundle(f *testing.F) []byte {
	good, err := os.ReadFile("testdata/bundle-example.desci.car")
	if err != nil {
		f.Fatal(err)
	}
	return good
}

func FuzzReadBundle(f *testing.F) {
	good := goldenBundle(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBundle(context.Background(), bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever is accepted hangs together.
		r, m, err := DecodeReceipt(b.Receipt)
		if err != nil || r.CID != b.ManifestID.String() || m.Signer != b.Manifest.Signer || r.ChainID != b.Doc.ChainID {
			t.Fatalf("accepted an inconsistent bundle: %v", err)
		}
	})
}

func FuzzDecodeBundleDoc(f *testing.F) {
	good := goldenBundle(f)
	_, bs := carBlocks(f, good)
	f.Add(bs[0].data)
	f.Add([]byte(`{"desci_bundle":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeBundleDoc(data)
		if err != nil {
			return
		}
		if _, err := cid.Decode(d.Manifest); err != nil {
			t.Fatalf("accepted manifest %q", d.Manifest)
		}
	})
}
