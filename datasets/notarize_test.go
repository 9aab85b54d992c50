package datasets

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// testSigner is Hardhat's and Anvil's first development account.
func testSigner(t testing.TB) *keys.Key {
	priv, err := crypto.HexToECDSA("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
	if err != nil {
		t.Fatal(err)
	}
	return keys.NewKey(priv)
}

func TestNotarizedExtract(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	raw, planted := patientTable(600)
	rawFile := filepath.Join(dir, "patients.csv")
	dictFile := filepath.Join(dir, "patients.dictionary.yaml")
	os.WriteFile(rawFile, raw, 0o600)
	os.WriteFile(dictFile, []byte(patientDictionary), 0o644)

	st, err := notary.Open(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	steward, _ := age.GenerateX25519Identity()
	stranger, _ := age.GenerateX25519Identity()
	signer := testSigner(t)

	added, err := Add(ctx, st, rawFile, AddOptions{
		Dictionary:  dictFile,
		Publication: notary.Publication{Title: "Synthetic patients", License: "CC-BY-4.0"},
		Recipients:  []age.Recipient{steward.Recipient()},
	}, signer)
	if err != nil {
		t.Fatal(err)
	}
	if added.Rows != 600 || !added.Manifest.Content.Sealed.Defined() || !added.Manifest.Dictionary.Defined() {
		t.Fatalf("added %+v", added)
	}
	plain, _ := notary.Import(ctx, rawFile, nil, notary.ImportOptions{})
	if !added.Manifest.Content.Root.Equals(plain.Root) {
		t.Fatal("the manifest does not name the plaintext's CID")
	}
	// No raw row is stored in the clear.
	blocksDir := filepath.Join(dir, "repo", "blocks")
	filepath.Walk(blocksDir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(planted[0])) {
				t.Fatalf("block %s holds raw data", p)
			}
		}
		return nil
	})

	req := Request{
		Dataset: added.CID, Identities: []age.Identity{steward}, Study: "trial-1", Secret: []byte("secret of trial-1"),
		Requester: "0xabc", Purpose: "diabetes risk model", K: KOptions{K: 5}, Format: FormatParquet,
	}
	out := filepath.Join(dir, "extract.parquet")
	ex, err := NotarizeExtract(ctx, st, req, out, signer)
	if err != nil {
		t.Fatal(err)
	}
	p := ex.Manifest.Extract
	if ex.Manifest.Kind != notary.KindExtract || !p.Dataset.Equals(added.CID) || p.Purpose != req.Purpose || p.Study != "trial-1" {
		t.Fatalf("extract manifest %+v", ex.Manifest)
	}
	settings, _ := st.Block(ctx, p.Settings)
	if "0x"+p.Settings.Hash().HexString()[4:] != ex.Result.Settings.Hash() {
		t.Errorf("settings CID %s does not carry the settings hash %s", p.Settings, ex.Result.Settings.Hash())
	}
	if bytes.Contains(settings, req.Secret) {
		t.Fatal("the secret is in the settings")
	}
	var risk RiskReport
	if b, _ := st.Block(ctx, p.Risk); json.Unmarshal(b, &risk) != nil || risk.K < 5 {
		t.Fatalf("risk report %s", b)
	}
	if mb, _ := st.Block(ctx, ex.CID); bytes.Contains(mb, req.Secret) {
		t.Fatal("the secret is in the manifest")
	}

	t.Run("reproduce", func(t *testing.T) {
		if _, err := Reproduce(ctx, st, ex.CID, []age.Identity{steward}, req.Secret, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := Reproduce(ctx, st, ex.CID, []age.Identity{steward}, []byte("another study"), nil); !errors.Is(err, ErrNotReproduced) {
			t.Fatalf("with another secret: got %v, want ErrNotReproduced", err)
		}
	})
	t.Run("bad requests leave nothing", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			edit func(r *Request)
			want error
		}{
			{"stranger's key", func(r *Request) { r.Identities = []age.Identity{stranger} }, notary.ErrNotRecipient},
			{"no key", func(r *Request) { r.Identities = nil }, nil},
			{"impossible k", func(r *Request) { r.K = KOptions{K: 10000} }, nil},
			{"an identifier column", func(r *Request) { r.Columns = []string{"email"} }, nil},
			{"not raw", func(r *Request) { r.Dataset = ex.CID }, ErrNotRaw},
			{"no purpose", func(r *Request) { r.Purpose = "" }, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := req
				tc.edit(&r)
				o := filepath.Join(t.TempDir(), "x.parquet")
				_, err := NotarizeExtract(ctx, st, r, o, signer)
				if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
					t.Fatalf("got %v, want %v", err, tc.want)
				}
				if ents, _ := os.ReadDir(filepath.Dir(o)); len(ents) != 0 {
					t.Fatalf("left %v behind", ents[0].Name())
				}
			})
		}
	})
	t.Run("data that does not match the dictionary", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.csv")
		os.WriteFile(bad, bytes.Replace(raw, []byte("\n"), []byte(",extra\n"), 1), 0o600)
		before, _ := st.Index().Manifests()
		_, err := Add(ctx, st, bad, AddOptions{Dictionary: dictFile, Publication: notary.Publication{Title: "x"},
			Recipients: []age.Recipient{steward.Recipient()}}, signer)
		if err == nil || !strings.Contains(err.Error(), "extra") {
			t.Fatalf("got %v", err)
		}
		if after, _ := st.Index().Manifests(); len(after) != len(before) {
			t.Fatal("a manifest was written")
		}
	})
}
