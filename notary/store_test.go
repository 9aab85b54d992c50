package notary

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/car"
)

func openStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// edgeTree has what a byte-identical round trip must keep.
func edgeTree(t testing.TB) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"data/values.csv":  "id,value\n1,2\n",
		"data/big.bin":     string(stream("big", 3<<20+17)),
		"data/empty.bin":   "",
		"empty/":           "",
		"nested/empty/":    "",
		"link-rel":         "->data/values.csv",
		"link-dangling":    "->../../nowhere",
		"数据/données.txt":   "unicode",
		".hidden/secret":   "kept with --hidden",
		"with space.txt":   "space",
		"data/.dotfile":    "dot",
		"deep/a/b/c/d.txt": "deep",
	})
	return dir
}

// sameTree fails unless a and b hold the same names, types, bytes and
// symlink targets.
func sameTree(t testing.TB, a, b string) {
	t.Helper()
	list := func(root string) map[string]string {
		out := map[string]string{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				target, err := os.Readlink(p)
				if err != nil {
					return err
				}
				out[rel] = "link:" + target
			case d.IsDir():
				out[rel] = "dir"
			default:
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				out[rel] = "file:" + string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	la, lb := list(a), list(b)
	for k, v := range la {
		if lb[k] != v {
			t.Errorf("%s differs: %.40q vs %.40q", k, v, lb[k])
		}
	}
	for k := range lb {
		if _, ok := la[k]; !ok {
			t.Errorf("%s is extra in %s", k, b)
		}
	}
}

func TestAddGetRoundTrip(t *testing.T) {
	src := edgeTree(t)
	for _, p := range ProfileNames() {
		t.Run(p, func(t *testing.T) {
			s := openStore(t)
			res, err := s.Add(context.Background(), src, ImportOptions{Profile: p, Hidden: true})
			if err != nil {
				t.Fatal(err)
			}
			want := kuboAdd(t, src, profiles[p], true)
			if !res.Root.Equals(want) {
				t.Fatalf("root %s, Kubo's adder %s", res.Root, want)
			}
			out := filepath.Join(t.TempDir(), "out")
			if err := s.Get(context.Background(), res.Root, out); err != nil {
				t.Fatal(err)
			}
			sameTree(t, src, out)
			if err := s.Get(context.Background(), res.Root, out); !errors.Is(err, ErrExists) {
				t.Errorf("second get over the first: %v, want ErrExists", err)
			}
		})
	}
}

func countBlocks(t testing.TB, s *Store) int {
	t.Helper()
	ch, err := s.Blocks().AllKeysChan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range ch {
		n++
	}
	return n
}

func TestAddIsIdempotent(t *testing.T) {
	s := openStore(t)
	src := edgeTree(t)
	a, err := s.Add(context.Background(), src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := countBlocks(t, s)
	b, err := s.Add(context.Background(), src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Root.Equals(b.Root) || countBlocks(t, s) != n {
		t.Errorf("re-add changed the store: %s → %s, %d → %d blocks", a.Root, b.Root, n, countBlocks(t, s))
	}
	pins, _ := s.Index().Pins()
	if len(pins) != 1 {
		t.Errorf("%d pins after adding one tree twice", len(pins))
	}
}

func exportCAR(t testing.TB, s *Store, c cid.Cid) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), c, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCARRoundTrip(t *testing.T) {
	src := edgeTree(t)
	a := openStore(t)
	res, err := a.Add(context.Background(), src, ImportOptions{Hidden: true})
	if err != nil {
		t.Fatal(err)
	}
	data := exportCAR(t, a, res.Root)

	b := openStore(t)
	carFile := filepath.Join(t.TempDir(), "x.car")
	if err := os.WriteFile(carFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(carFile)
	defer f.Close()
	roots, err := b.ImportCAR(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || !roots[0].Equals(res.Root) {
		t.Fatalf("roots %v, want [%s]", roots, res.Root)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := b.Get(context.Background(), res.Root, out); err != nil {
		t.Fatal(err)
	}
	sameTree(t, src, out)
	// Exporting again from the second store gives the same bytes.
	if again := exportCAR(t, b, res.Root); !bytes.Equal(again, data) {
		t.Error("re-export differs")
	}
	// A stream (not a file) imports too.
	c := openStore(t)
	if _, err := c.ImportCAR(context.Background(), bytes.NewBuffer(data)); err != nil {
		t.Fatal(err)
	}
}

// blockOffsets returns where each block section of a CAR starts and ends.
func blockOffsets(t testing.TB, data []byte) (header int, blocks [][2]int) {
	t.Helper()
	read := func(off int) int {
		n, k := uvarint(data[off:])
		return off + k + int(n)
	}
	header = read(0)
	for off := header; off < len(data); {
		end := read(off)
		blocks = append(blocks, [2]int{off, end})
		off = end
	}
	return header, blocks
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i, c := range b {
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

func TestImportBadCAR(t *testing.T) {
	src := edgeTree(t)
	a := openStore(t)
	res, err := a.Add(context.Background(), src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	good := exportCAR(t, a, res.Root)
	hdr, blks := blockOffsets(t, good)
	last := blks[len(blks)-1]
	mid := blks[len(blks)/2]

	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 0x01; return b }
	drop := func(r [2]int) []byte { return append(bytes.Clone(good[:r[0]]), good[r[1]:]...) }

	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, car.ErrHeader},
		{"garbage", []byte("this is not a CAR file at all"), car.ErrTruncated},
		{"zero length section", []byte{0}, car.ErrBadBlock},
		{"header only cut", good[:hdr-3], car.ErrTruncated},
		{"truncated in a block", good[:last[0]+(last[1]-last[0])/2], car.ErrTruncated},
		{"truncated in a length", good[:mid[0]+1], car.ErrTruncated},
		{"flipped byte in block data", flip(last[1] - 1), car.ErrHash},
		{"flipped byte in a CID", flip(mid[0] + 6), nil},
		{"missing block", drop(mid), ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			_, err := s.ImportCAR(context.Background(), bytes.NewReader(c.data))
			if err == nil {
				t.Fatal("imported a bad CAR")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
			if n := countBlocks(t, s); n != 0 {
				t.Errorf("%d blocks stored from a bad CAR", n)
			}
			if pins, _ := s.Index().Pins(); len(pins) != 0 {
				t.Errorf("%d pins from a bad CAR", len(pins))
			}
		})
	}
}

func TestVerifyFindsDamage(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Add(context.Background(), edgeTree(t), ImportOptions{Profile: ProfileKuboCIDv1.Name})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.Verify(context.Background(), nil); err != nil || len(r.Problems) != 0 {
		t.Fatalf("fresh store: %v %v", err, r)
	}
	var files []string
	filepath.WalkDir(filepath.Join(dir, "blocks"), func(p string, d fs.DirEntry, err error) error {
		// Full 256 KiB leaves of big.bin: raw blocks, so damage to one
		// hides nothing below it.
		if fi, err2 := os.Stat(p); err == nil && err2 == nil && filepath.Ext(p) == ".data" && fi.Size() == 256<<10 {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 3 {
		t.Fatalf("only %d block files", len(files))
	}
	// Corrupt one block, truncate another, delete a third.
	data, _ := os.ReadFile(files[0])
	data[len(data)/2] ^= 0xff
	os.WriteFile(files[0], data, 0o644)
	os.Truncate(files[1], 1)
	os.Remove(files[2])

	r, err := s.Verify(context.Background(), nil)
	if !errors.Is(err, ErrRepoDamaged) {
		t.Fatalf("Verify = %v, want ErrRepoDamaged", err)
	}
	kinds := map[string]int{}
	for _, p := range r.Problems {
		kinds[p.Kind]++
	}
	if kinds["corrupt"] != 2 || kinds["missing"] != 1 {
		t.Errorf("problems %v, want 2 corrupt and 1 missing (root %s)", r.Problems, res.Root)
	}
}
