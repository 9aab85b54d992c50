package notary

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	chunker "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs/hamt"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	ihelper "github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// buildFile stores data as a balanced UnixFS file with the given leaves,
// chunk size and fan-out, as other adders (Kubo's CIDv0 defaults among
// them) make files that ours do not.
func buildFile(t testing.TB, dag ipld.DAGService, data []byte, rawLeaves bool, prefix cid.Prefix, chunk, links int) ipld.Node {
	t.Helper()
	db, err := (&ihelper.DagBuilderParams{
		Dagserv:    dag,
		RawLeaves:  rawLeaves,
		Maxlinks:   links,
		CidBuilder: prefix,
	}).New(chunker.NewSizeSplitter(bytes.NewReader(data), int64(chunk)))
	if err != nil {
		t.Fatal(err)
	}
	nd, err := balanced.Layout(db)
	if err != nil {
		t.Fatal(err)
	}
	return nd
}

// Get writes every shape of UnixFS file and directory byte for byte:
// dag-pb leaves (CIDv0), raw leaves several levels deep, a lone raw
// block, and a HAMT-sharded directory.
func TestGetShapes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	data := stream("shapes", 20_011)
	v0 := merkledag.V0CidPrefix()
	v1 := cidBuilder

	shard, err := hamt.NewShard(s.dag, 256)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for i := range 40 {
		name := fmt.Sprintf("f%02d", i)
		b := stream(name, 100+i*97)
		nd := buildFile(t, s.dag, b, i%2 == 0, v1, 1000, 3)
		if err := shard.Set(ctx, name, nd); err != nil {
			t.Fatal(err)
		}
		want[name] = b
	}
	hamtDir, err := shard.Node()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.dag.Add(ctx, hamtDir); err != nil {
		t.Fatal(err)
	}
	raw := merkledag.NewRawNode(data[:500])
	if err := s.dag.Add(ctx, raw); err != nil {
		t.Fatal(err)
	}

	files := map[string]ipld.Node{
		"dag-pb leaves, CIDv0": buildFile(t, s.dag, data, false, v0, 1000, 3),
		"raw leaves, 3 levels": buildFile(t, s.dag, data, true, v1, 1000, 3),
		"one chunk":            buildFile(t, s.dag, data, true, v1, 1<<20, 174),
	}
	for name, nd := range files {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := s.Get(ctx, nd.Cid(), out); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, data) {
				t.Fatalf("got %d bytes, want the %d added", len(got), len(data))
			}
		})
	}
	t.Run("raw block", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		if err := s.Get(ctx, raw.Cid(), out); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(out); !bytes.Equal(got, data[:500]) {
			t.Fatalf("got %d bytes, want 500", len(got))
		}
	})
	t.Run("HAMT directory", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		if err := s.Get(ctx, hamtDir.Cid(), out); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != len(want) {
			t.Fatalf("%d entries, want %d", len(entries), len(want))
		}
		for name, b := range want {
			if got, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(got, b) {
				t.Errorf("%s: got %d bytes, want %d", name, len(got), len(b))
			}
		}
	})
}

// Whatever happens to one leaf of a file (a flipped bit at its start,
// middle or end, cut short, grown, gone), get fails naming it and leaves
// nothing behind: no output and no partial file.
func TestGetRefusesDamagedLeaf(t *testing.T) {
	ctx := context.Background()
	data := stream("damage", 3<<20+5)
	damage := []struct {
		name  string
		leaf  func(n int) int // which leaf, of n
		harm  func(t *testing.T, p string)
		wantE error
	}{
		{"first leaf flipped", func(int) int { return 0 }, flipAt(0), ErrCorrupt},
		{"middle leaf flipped", func(n int) int { return n / 2 }, flipAt(1000), ErrCorrupt},
		{"last leaf flipped", func(n int) int { return n - 1 }, flipAt(-1), ErrCorrupt},
		{"leaf cut short", func(n int) int { return n / 2 }, func(t *testing.T, p string) { os.Truncate(p, 1000) }, ErrSizeMismatch},
		{"leaf grown", func(n int) int { return n / 3 }, func(t *testing.T, p string) {
			f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			f.Write([]byte("more"))
			f.Close()
		}, ErrSizeMismatch},
		{"leaf gone", func(n int) int { return n - 2 }, func(t *testing.T, p string) { os.Remove(p) }, ErrNotFound},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			s := openStore(t)
			src := filepath.Join(t.TempDir(), "big.bin")
			os.WriteFile(src, data, 0o644)
			res, err := s.Add(ctx, src, ImportOptions{Profile: ProfileKuboCIDv1.Name})
			if err != nil {
				t.Fatal(err)
			}
			leaves, err := links(res.Root, mustBlock(t, s, res.Root))
			if err != nil || len(leaves) < 4 {
				t.Fatalf("links: %d %v", len(leaves), err)
			}
			bad := leaves[d.leaf(len(leaves))]
			d.harm(t, s.blockPath(bad))
			dir := t.TempDir()
			err = s.Get(ctx, res.Root, filepath.Join(dir, "out"))
			if !errors.Is(err, d.wantE) || !strings.Contains(err.Error(), bad.String()) {
				t.Fatalf("err = %v, want %v naming %s", err, d.wantE, bad)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("a failed get left %v", left)
			}
		})
	}
}

// flipAt returns a harm that flips the byte at i of a block file (from
// its end if negative).
func flipAt(i int) func(t *testing.T, p string) {
	return func(t *testing.T, p string) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if i < 0 {
			i += len(b)
		}
		b[i] ^= 0x80
		os.WriteFile(p, b, 0o644)
	}
}
