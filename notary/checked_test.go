package notary

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
)

// flipByte changes one byte of a stored block's file, as a bad disk or
// someone with access to the data dir would.
func flipByte(t testing.TB, s *Store, c cid.Cid, at int) {
	t.Helper()
	p := s.blockPath(c)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[at%len(b)] ^= 0x01
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every way of reading stored content fails on a changed block, with an
// error that wraps ErrCorrupt and names the block.
func TestReadsCheckBlocks(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	dir := t.TempDir()
	data := stream("tamper", 3<<20) // several leaves
	os.WriteFile(filepath.Join(dir, "big.bin"), data, 0o644)
	res, err := s.Add(ctx, filepath.Join(dir, "big.bin"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := links(res.Root, mustBlock(t, s, res.Root))
	if err != nil || len(leaves) < 2 {
		t.Fatalf("links: %v %v", leaves, err)
	}
	bad := leaves[1]
	flipByte(t, s, bad, 1000)

	reads := map[string]func() error{
		"Block": func() error { _, err := s.Block(ctx, bad); return err },
		"Get":   func() error { return s.Get(ctx, res.Root, filepath.Join(t.TempDir(), "out")) },
		"ReadFile": func() error {
			_, err := s.ReadFile(ctx, res.Root, 10<<20)
			return err
		},
		"OpenFile": func() error {
			f, err := s.OpenFile(ctx, res.Root)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(io.Discard, io.NewSectionReader(f, 0, f.Size()))
			return err
		},
		"Export": func() error { return s.Export(ctx, res.Root, io.Discard) },
		"Blocks().Get": func() error {
			_, err := s.Blocks().Get(ctx, bad)
			return err
		},
	}
	for name, read := range reads {
		t.Run(name, func(t *testing.T) {
			err := read()
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), bad.String()) {
				t.Fatalf("err = %v, want ErrCorrupt naming %s", err, bad)
			}
		})
	}
	// Verify finds it too, as corrupt, not as missing.
	vr, err := s.Verify(ctx, nil)
	if !errors.Is(err, ErrRepoDamaged) || len(vr.Problems) != 1 || vr.Problems[0].CID != bad || vr.Problems[0].Kind != "corrupt" {
		t.Fatalf("Verify: %v %+v", err, vr)
	}
	// The untouched blocks still read.
	if b, err := s.Block(ctx, leaves[0]); err != nil || !bytes.Equal(b, data[:len(b)]) {
		t.Errorf("an intact block: %v", err)
	}
}

func mustBlock(t testing.TB, s *Store, c cid.Cid) []byte {
	t.Helper()
	b, err := s.Block(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
