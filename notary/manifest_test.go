package notary

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// testKey is Hardhat's and Anvil's first development account, so the
// vectors can be checked with any Ethereum tool.
const testKeyHex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

func mustCID(s string) cid.Cid {
	c, err := cid.Decode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// vectorManifests are the manifests of testdata/manifest-vectors.json.
func vectorManifests() map[string]*Manifest {
	created := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	tree := mustCID("bafybeibglumulqb22jthhj724gyxf67dsgwuvouhqil4kst7t6g23gmz3e")
	dataset := &Manifest{
		Kind:        KindDataset,
		Title:       "Trial 42 raw data",
		Description: "Synthetic example.",
		Authors:     []Author{{Name: "Ada Lovelace", ORCID: "0000-0002-1825-0097"}, {Name: "Grace Hopper"}},
		License:     "CC-BY-4.0",
		Keywords:    []string{"oncology", "phase II"},
		Created:     created,
		Content: &Content{Root: tree, Profile: "unixfs-v1-2025", Files: []File{
			{Path: "data/données.csv", CID: mustCID("bafkreibc6q27zy5sjrq4okthlczuwqoowmn7uojs4muse7htsorrveu5be"), Size: 5000},
			{Path: "data/values.csv", CID: mustCID("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha"), Size: 17},
			{Path: "readme.md", CID: mustCID("bafkreicyjtijglzk3br26tmah2dohz24hbi2g4h5cdowkdfqeapepqac5e"), Size: 10},
		}},
	}
	correction := &Manifest{
		Kind:     KindCorrection,
		Title:    "Correction: Trial 42 raw data",
		Created:  created.Add(time.Hour),
		Corrects: mustCID("bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64"),
		Reason:   "values.csv reports mg, not g",
	}
	file := mustCID("bafkreibc6q27zy5sjrq4okthlczuwqoowmn7uojs4muse7htsorrveu5be")
	sealed := &Manifest{
		Kind:       KindDataset,
		Title:      "Trial 42 patients (sealed)",
		Created:    created,
		Content:    &Content{Root: file, Profile: "unixfs-v1-2025", Files: []File{{Path: "patients.csv", CID: file, Size: 5000}}, Sealed: mustCID("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha")},
		Dictionary: mustCID("bafkreicyjtijglzk3br26tmah2dohz24hbi2g4h5cdowkdfqeapepqac5e"),
	}
	extract := &Manifest{
		Kind:    KindExtract,
		Title:   "Extract of Trial 42 patients",
		Created: created.Add(2 * time.Hour),
		Content: &Content{Root: tree, Profile: "unixfs-v1-2025", Files: []File{{Path: "extract.parquet", CID: tree, Size: 1234}}},
		Extract: &Provenance{
			Dataset:   mustCID("bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64"),
			Settings:  mustCID("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha"),
			Risk:      mustCID("bafkreicyjtijglzk3br26tmah2dohz24hbi2g4h5cdowkdfqeapepqac5e"),
			Study:     "trial-42",
			Requester: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
			Purpose:   "HbA1c by age band",
		},
	}
	return map[string]*Manifest{"dataset": dataset, "correction": correction, "sealed-dataset": sealed, "extract": extract}
}

type vector struct {
	Name           string `json:"name"`
	SigningMessage string `json:"signing_message"`
	DagCBORHex     string `json:"dag_cbor_hex"`
	CID            string `json:"cid"`
	Signer         string `json:"signer"`
}

func TestManifestVectors(t *testing.T) {
	key, _ := crypto.HexToECDSA(testKeyHex)
	var got []vector
	ms := vectorManifests()
	for _, name := range []string{"dataset", "correction", "sealed-dataset", "extract"} {
		m := ms[name]
		if err := m.Sign(key); err != nil {
			t.Fatal(err)
		}
		msg, _ := m.SigningMessage()
		c, data, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, vector{name, string(msg), hex.EncodeToString(data), c.String(), m.Signer.Hex()})

		back, err := DecodeManifest(data)
		if err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		c2, data2, _ := back.Encode()
		if !c2.Equals(c) || !bytes.Equal(data, data2) {
			t.Errorf("%s: decode/encode is not the identity", name)
		}
	}
	out, _ := json.MarshalIndent(got, "", "  ")
	out = append(out, '\n')
	const golden = "testdata/manifest-vectors.json"
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("manifest vectors changed; if on purpose, run go test ./notary -run Vectors -update and update doc/manifest.md\n%s", out)
	}
}

func signedVector(t testing.TB) (*Manifest, []byte) {
	t.Helper()
	key, _ := crypto.HexToECDSA(testKeyHex)
	m := vectorManifests()["dataset"]
	if err := m.Sign(key); err != nil {
		t.Fatal(err)
	}
	_, data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return m, data
}

func TestManifestTampering(t *testing.T) {
	m, _ := signedVector(t)
	other, _ := crypto.GenerateKey()
	cases := []struct {
		name   string
		change func(m *Manifest)
		want   error
	}{
		{"title changed", func(m *Manifest) { m.Title += "!" }, ErrBadSignature},
		{"file CID swapped", func(m *Manifest) { m.Content.Files[0].CID = m.Content.Files[1].CID }, ErrBadSignature},
		{"content root changed", func(m *Manifest) { m.Content.Root = m.Content.Files[0].CID }, ErrBadSignature},
		{"signer claimed by another", func(m *Manifest) { m.Signer = crypto.PubkeyToAddress(other.PublicKey) }, ErrBadSignature},
		{"signature byte flipped", func(m *Manifest) { m.Signature[10] ^= 1 }, ErrBadSignature},
		{"signature truncated", func(m *Manifest) { m.Signature = m.Signature[:64] }, ErrBadSignature},
		{"bad ORCID", func(m *Manifest) { m.Authors[0].ORCID = "0000-0002-1825-0098" }, ErrInvalid},
		{"unknown kind", func(m *Manifest) { m.Kind = "poem" }, ErrInvalid},
		{"unknown profile", func(m *Manifest) { m.Content.Profile = "mystery" }, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mm := *m
			mm.Signature = bytes.Clone(m.Signature)
			cc := *m.Content
			cc.Files = append([]File(nil), m.Content.Files...)
			mm.Content = &cc
			mm.Authors = append([]Author(nil), m.Authors...)
			c.change(&mm)
			data, err := mm.encode(true)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := DecodeManifest(data); !errors.Is(err, c.want) {
				t.Errorf("DecodeManifest = %v, want %v", err, c.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	_, good := signedVector(t)
	cases := map[string][]byte{
		"empty":       nil,
		"not cbor":    []byte("hello"),
		"cbor number": {0x01},
		"trailing":    append(bytes.Clone(good), 0x00),
		"truncated":   good[:len(good)-1],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeManifest(data); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestValidORCID(t *testing.T) {
	for id, want := range map[string]bool{
		"0000-0002-1825-0097":                   true,
		"0000-0001-5109-3700":                   true,
		"0000-0002-1694-233X":                   true,
		"0000-0002-1825-0098":                   false,
		"0000-0002-1825-009":                    false,
		"https://orcid.org/0000-0002-1825-0097": false,
	} {
		if got := ValidORCID(id); got != want {
			t.Errorf("ValidORCID(%q) = %v", id, got)
		}
	}
}

func FuzzDecodeManifest(f *testing.F) {
	_, good := signedVector(f)
	f.Add(good)
	f.Add([]byte{0xa0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeManifest(data)
		if err != nil {
			return
		}
		// Whatever decodes must be canonical, signed and re-encode to itself.
		_, again, err := m.Encode()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted manifest does not round-trip: %v", err)
		}
		if m.VerifySignature() != nil || m.Signer == (common.Address{}) {
			t.Fatal("accepted an unsigned manifest")
		}
	})
}

// TestManifestDocVector keeps doc/manifest.md's worked example in step with
// the vectors.
func TestManifestDocVector(t *testing.T) {
	var vs []vector
	b, err := os.ReadFile("testdata/manifest-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../doc/manifest.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{vs[0].CID, vs[0].DagCBORHex, vs[0].SigningMessage} {
		if !bytes.Contains(doc, []byte(s)) {
			t.Errorf("doc/manifest.md does not show %.60s...", s)
		}
	}
}
