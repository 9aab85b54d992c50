package notary

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ipfs/boxo/ipld/merkledag"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	blocks "github.com/ipfs/go-block-format"
)

// TestKuboVectors checks Import against the CIDs Kubo 0.43.1 computed for
// gentree.py's files (testdata/kubo/kubo-cids.txt).
func TestKuboVectors(t *testing.T) {
	dir := publicTree(t)
	f, err := os.Open("testdata/kubo/kubo-cids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	profileFor := map[string]string{"legacy": ProfileKuboCIDv1.Name, "2025": ProfileUnixFSv12025.Name}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		var kuboProfile, path, want string
		if _, err := fmt.Sscan(line, &kuboProfile, &path, &want); err != nil {
			t.Fatalf("bad vector line %q: %v", line, err)
		}
		profile := profileFor[kuboProfile]
		t.Run(profile+"/"+path, func(t *testing.T) {
			res, err := Import(context.Background(), filepath.Join(dir, path), nil, ImportOptions{Profile: profile})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Root.String(); got != want {
				t.Errorf("CID = %s, Kubo says %s", got, want)
			}
		})
		n++
	}
	if n < 10 {
		t.Fatalf("only %d vectors read", n)
	}
}

// TestFileLayoutMatchesBoxo holds the parallel layout equal to boxo's
// balanced importer. Tiny chunks and link widths make deep trees, so every
// boundary (a full node, one past it, a new level) is crossed cheaply.
func TestFileLayoutMatchesBoxo(t *testing.T) {
	data := stream("layout", 300)
	for _, c := range []struct{ chunk, links int }{{1, 2}, {1, 3}, {2, 2}, {3, 4}, {7, 5}, {16, 174}} {
		for size := 0; size <= len(data); size++ {
			if size > 40 && size%17 != 0 && size != len(data) {
				continue
			}
			want := boxoFile(t, data[:size], c.chunk, c.links)
			got, err := importFile(context.Background(), bytes.NewReader(data[:size]),
				Profile{ChunkSize: c.chunk, FileMaxLinks: c.links}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !got.cid.Equals(want) {
				t.Fatalf("chunk %d links %d size %d: CID %s, boxo %s", c.chunk, c.links, size, got.cid, want)
			}
		}
	}
}

// TestProfilesMatchBoxo crosses the real profiles' chunk boundaries.
func TestProfilesMatchBoxo(t *testing.T) {
	for _, p := range []Profile{ProfileKuboCIDv1, ProfileUnixFSv12025} {
		data := stream("profiles", 3*p.ChunkSize+5)
		for _, size := range []int{0, 1, p.ChunkSize - 1, p.ChunkSize, p.ChunkSize + 1, 2 * p.ChunkSize, len(data)} {
			t.Run(fmt.Sprintf("%s/%d", p.Name, size), func(t *testing.T) {
				want := boxoFile(t, data[:size], p.ChunkSize, p.FileMaxLinks)
				got, _, err := ImportReader(context.Background(), bytes.NewReader(data[:size]), nil, p.Name, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equals(want) {
					t.Errorf("CID %s, boxo %s", got, want)
				}
			})
		}
	}
}

// manyFiles makes n one-byte files whose names are nameLen bytes long.
func manyFiles(n, nameLen int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		name := fmt.Sprintf("%06d", i)
		m["big/"+name+strings.Repeat("x", nameLen-len(name))] = "x"
	}
	return m
}

// TestTreesMatchKuboAdder compares Import with the reference that follows
// Kubo's adder, on the cases where Kubo's defaults change a CID.
func TestTreesMatchKuboAdder(t *testing.T) {
	cases := []struct {
		name   string
		files  map[string]string
		hidden bool
	}{
		{"hidden skipped", map[string]string{"a.txt": "a", ".secret": "s", ".git/config": "c", "sub/.env": "e"}, false},
		{"hidden included", map[string]string{"a.txt": "a", ".secret": "s", ".git/config": "c", "sub/.env": "e"}, true},
		{"empty dirs", map[string]string{"empty/": "", "deep/er/est/": "", "f": "f"}, false},
		{"symlinks", map[string]string{"target.txt": "t", "rel": "->target.txt", "abs": "->/etc/hostname", "dangling": "->nowhere", "dirlink": "->sub", "sub/x": "x"}, false},
		{"names in any script", map[string]string{"données.csv": "nfc", "donne\u0301es.csv": "nfd", "数据.txt": "zh", "данные": "ru", "بيانات": "ar", "🧬.fa": "dna", "with space & 'quotes'": "q"}, false},
		{"nested", map[string]string{"a/b/c/d/e.txt": "deep", "a/b/f.bin": string(stream("n", 300000))}, false},
		// 1900 names of 100 bytes: 258,400 bytes by the link estimate (under
		// 256 KiB, stays a basic directory for kubo-cidv1) but over it by the
		// block estimate (a HAMT for unixfs-v1-2025).
		{"hamt boundary", manyFiles(1900, 100), false},
		{"hamt both", manyFiles(2100, 130), false},
	}
	for _, c := range cases {
		dir := t.TempDir()
		writeTree(t, dir, c.files)
		for _, p := range []Profile{ProfileKuboCIDv1, ProfileUnixFSv12025} {
			t.Run(c.name+"/"+p.Name, func(t *testing.T) {
				want := kuboAdd(t, dir, p, c.hidden)
				res, err := Import(context.Background(), dir, nil, ImportOptions{Profile: p.Name, Hidden: c.hidden})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Root.Equals(want) {
					t.Errorf("CID %s, Kubo's adder %s", res.Root, want)
				}
			})
		}
	}
}

// TestHAMTBoundaryDiffers makes sure the boundary case above really does
// separate the two estimation modes, or it would test nothing.
func TestHAMTBoundaryDiffers(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, manyFiles(1900, 100))
	for _, p := range []string{ProfileKuboCIDv1.Name, ProfileUnixFSv12025.Name} {
		hamt := isHAMT(t, filepath.Join(dir, "big"), p)
		if want := p == ProfileUnixFSv12025.Name; hamt != want {
			t.Errorf("%s: HAMT = %v, want %v", p, hamt, want)
		}
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Import(context.Background(), filepath.Join(dir, "missing"), nil, ImportOptions{}); !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("missing path: %v", err)
	}
	if _, err := Import(context.Background(), dir, nil, ImportOptions{Profile: "nope"}); err == nil || !strings.Contains(err.Error(), "unknown import profile") {
		t.Errorf("unknown profile: %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

// TestTrailingSlashSymlink: `desci cid todir/` where todir is a symlink to
// a directory stores the symlink, as Kubo does (it cleans the path).
func TestTrailingSlashSymlink(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"real/x.txt": "x", "todir": "->real"})
	for _, p := range []Profile{ProfileKuboCIDv1, ProfileUnixFSv12025} {
		want := kuboAdd(t, filepath.Join(dir, "todir")+"/", p, false)
		res, err := Import(context.Background(), filepath.Join(dir, "todir")+"/", nil, ImportOptions{Profile: p.Name})
		if err != nil {
			t.Fatal(err)
		}
		link, _ := Import(context.Background(), filepath.Join(dir, "todir"), nil, ImportOptions{Profile: p.Name})
		if !res.Root.Equals(want) || !res.Root.Equals(link.Root) || res.IsDir {
			t.Errorf("%s: todir/ gave %s (dir %v), Kubo's adder %s, todir %s", p.Name, res.Root, res.IsDir, want, link.Root)
		}
	}
}

// TestProfilesUseBoxoThreshold: when boxo turns a HAMT back into a basic
// directory it forgets the directory's own threshold and uses its package
// default, as Kubo does with its configured one; both profiles must equal
// that default or Import would part from Kubo there.
func TestProfilesUseBoxoThreshold(t *testing.T) {
	for _, p := range []Profile{ProfileKuboCIDv1, ProfileUnixFSv12025} {
		if p.HAMTThreshold != uio.HAMTShardingSize {
			t.Errorf("%s: HAMT threshold %d, boxo's default %d", p.Name, p.HAMTThreshold, uio.HAMTShardingSize)
		}
	}
}

// TestMFSStepsMatchKuboAdder crosses the HAMT threshold by a few bytes in
// directories with subdirectories, where Kubo's MFS adder can turn a HAMT
// back into a basic directory (doc/content-addressing.md). A small
// threshold keeps the trees small; boxo's global is set to it as Kubo sets
// it from its config. Where MFS's map order changes the outcome, Kubo's
// CID must be one of those the possible orders give, and Import must give
// the one of the order by name.
func TestMFSStepsMatchKuboAdder(t *testing.T) {
	defer func(size int) { uio.HAMTShardingSize = size }(uio.HAMTShardingSize)
	defer func(f func([]subdir) []subdir) { flushOrder = f }(flushOrder)
	orderDependent := 0
	for _, mode := range []uio.SizeEstimationMode{uio.SizeEstimationLinks, uio.SizeEstimationBlock} {
		rng := rand.New(rand.NewSource(int64(mode) + 1))
		for i := range 60 {
			files := map[string]string{}
			for s := range rng.Intn(4) {
				name := fmt.Sprintf("d%d%s", s, strings.Repeat("s", rng.Intn(40)))
				for f := range 1 + rng.Intn(3) {
					files[fmt.Sprintf("%s/f%d", name, f)] = strings.Repeat("y", rng.Intn(600))
				}
			}
			for f := range 2 + rng.Intn(10) {
				files[fmt.Sprintf("f%02d%s", f, strings.Repeat("x", rng.Intn(20)))] = "x"
			}
			dir := t.TempDir()
			writeTree(t, dir, files)
			prof := Profile{Name: "test-small", ChunkSize: 256, FileMaxLinks: 174, HAMTFanout: 256, SizeEstimation: mode}
			prof.HAMTThreshold = dirEstimate(t, dir, prof) - (rng.Intn(60) - 5) // over by -5..54 bytes
			profiles[prof.Name] = prof
			uio.HAMTShardingSize = prof.HAMTThreshold
			want := kuboAdd(t, dir, prof, false)

			possible := map[string]bool{}
			for _, perm := range permutations(4) {
				flushOrder = func(s []subdir) []subdir {
					out := make([]subdir, 0, len(s))
					for _, j := range perm {
						if j < len(s) {
							out = append(out, s[j])
						}
					}
					return out
				}
				res, err := Import(context.Background(), dir, nil, ImportOptions{Profile: prof.Name})
				if err != nil {
					t.Fatal(err)
				}
				possible[res.Root.String()] = true
			}
			flushOrder = func(s []subdir) []subdir { return s }
			res, err := Import(context.Background(), dir, nil, ImportOptions{Profile: prof.Name})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case len(possible) == 1 && !res.Root.Equals(want):
				t.Errorf("mode %d case %d: CID %s, Kubo's adder %s", mode, i, res.Root, want)
			case !possible[want.String()] || !possible[res.Root.String()]:
				t.Errorf("mode %d case %d: Kubo's adder gave %s, none of the %d orders did", mode, i, want, len(possible))
			case len(possible) > 1:
				orderDependent++
			}
		}
	}
	delete(profiles, "test-small")
	t.Logf("%d of 120 trees depend on MFS's map order", orderDependent)
}

// dirEstimate is the size boxo estimates for the root directory of dir
// under prof's estimation mode, as a basic directory.
func dirEstimate(t *testing.T, dir string, prof Profile) int {
	prof.Name, prof.HAMTThreshold = "test-huge", 1<<30
	profiles[prof.Name] = prof
	defer delete(profiles, prof.Name)
	bs := NewMemBlockstore()
	put := func(ctx context.Context, b blocks.Block) error { return bs.Put(ctx, b) }
	res, err := Import(context.Background(), dir, put, ImportOptions{Profile: prof.Name})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bs.Get(context.Background(), res.Root)
	if err != nil {
		t.Fatal(err)
	}
	if prof.SizeEstimation == uio.SizeEstimationBlock {
		return len(b.RawData())
	}
	pn, err := merkledag.DecodeProtobuf(b.RawData())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range pn.Links() {
		n += len(l.Name) + len(l.Cid.Bytes())
	}
	return n
}

// permutations lists every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int(nil), p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestHAMTTurnedBack is doc/content-addressing.md's example: the only
// subdirectory has a 40-byte name, the last file, f05, takes the directory
// 17 bytes over the threshold; Kubo's adder ends with a basic directory.
func TestHAMTTurnedBack(t *testing.T) {
	defer func(size int) { uio.HAMTShardingSize = size }(uio.HAMTShardingSize)
	dir := t.TempDir()
	files := map[string]string{"d0" + strings.Repeat("s", 38) + "/f": "sub"}
	for i := range 6 {
		files[fmt.Sprintf("f%02d", i)] = "x"
	}
	writeTree(t, dir, files)
	prof := Profile{Name: "test-small", ChunkSize: 256, FileMaxLinks: 174, HAMTFanout: 256, SizeEstimation: uio.SizeEstimationLinks}
	prof.HAMTThreshold = dirEstimate(t, dir, prof) - 17
	profiles[prof.Name] = prof
	defer delete(profiles, prof.Name)
	uio.HAMTShardingSize = prof.HAMTThreshold
	want := kuboAdd(t, dir, prof, false)
	res, err := Import(context.Background(), dir, nil, ImportOptions{Profile: prof.Name})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Root.Equals(want) {
		t.Fatalf("CID %s, Kubo's adder %s", res.Root, want)
	}
	if isHAMT(t, dir, prof.Name) {
		t.Fatal("a HAMT; Kubo's adder turns it back into a basic directory")
	}
}
