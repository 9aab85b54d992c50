package notary

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/keys"
)

func TestSealedContent(t *testing.T) {
	ctx := context.Background()
	steward, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	priv, _ := crypto.HexToECDSA(testKeyHex)
	signer := keys.NewKey(priv)

	raw := stream("patients", 3<<20+17) // several chunks, a partial last one
	p := filepath.Join(t.TempDir(), "patients.csv")
	os.WriteFile(p, raw, 0o600)
	want, err := Import(ctx, p, nil, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}

	s := openStore(t)
	c, m, err := s.NotarizeSealed(ctx, p, []age.Recipient{steward.Recipient()},
		Publication{Kind: KindDataset, Title: "Raw patients"}, ImportOptions{}, signer)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Content.Root.Equals(want.Root) || !m.Content.Sealed.Defined() {
		t.Fatalf("manifest names %s sealed as %s; the plaintext is %s", m.Content.Root, m.Content.Sealed, want.Root)
	}
	if _, err := s.Block(ctx, want.Root); !errors.Is(err, ErrNotFound) {
		t.Fatalf("plaintext root is stored (%v)", err)
	}
	if data, err := s.Block(ctx, c); err != nil {
		t.Fatal(err)
	} else if got, err := DecodeManifest(data); err != nil || !got.Content.Sealed.Equals(m.Content.Sealed) {
		t.Fatalf("decode: %v", err)
	}

	t.Run("steward decrypts", func(t *testing.T) {
		ra, n, err := s.OpenSealed(ctx, c, steward)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(io.NewSectionReader(ra, 0, n))
		if !bytes.Equal(got, raw) {
			t.Fatal("decrypted bytes differ")
		}
		mid := make([]byte, 100)
		if _, err := ra.ReadAt(mid, 1<<20-50); err != nil || !bytes.Equal(mid, raw[1<<20-50:1<<20+50]) {
			t.Fatalf("ReadAt across a chunk: %v", err)
		}
	})
	t.Run("another key cannot", func(t *testing.T) {
		if _, _, err := s.OpenSealed(ctx, c, other); !errors.Is(err, ErrNotRecipient) {
			t.Fatalf("got %v, want ErrNotRecipient", err)
		}
	})
	t.Run("get refuses", func(t *testing.T) {
		if err := s.Get(ctx, c, filepath.Join(t.TempDir(), "out")); !errors.Is(err, ErrSealed) {
			t.Fatalf("got %v, want ErrSealed", err)
		}
	})
	t.Run("repo verify is clean", func(t *testing.T) {
		if res, err := s.Verify(ctx, nil); err != nil {
			t.Fatalf("%v: %v", err, res.Problems)
		}
	})
	t.Run("export and import carry the ciphertext", func(t *testing.T) {
		car := exportCAR(t, s, c)
		if bytes.Contains(car, raw[:4096]) {
			t.Fatal("the CAR holds plaintext")
		}
		b := openStore(t)
		if _, err := b.ImportCAR(ctx, bytes.NewReader(car)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.OpenSealed(ctx, c, steward); err != nil {
			t.Fatal(err)
		}
	})
}
