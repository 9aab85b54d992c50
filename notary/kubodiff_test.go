package notary

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	blocks "github.com/ipfs/go-block-format"

	"github.com/desci-platform/desci/internal/testkubo"
)

// TestDifferentialKubo compares Import with the real `ipfs add -n -r` of
// Kubo 0.43.1 on edge-case trees made from a seed, under both profiles,
// with and without --hidden. Where Kubo's MFS map order can change a CID
// (doc/content-addressing.md), Kubo's answer must be one the possible
// orders give; everywhere else the CIDs must be equal.
//
//	DESCI_KUBO_DIFF_SEED=N  another seed (default 1); DESCI_KUBO_DIFF_TREES=N  more trees
func TestDifferentialKubo(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the differential test runs the real ipfs")
	}
	seed, trees := int64(1), 10
	fmt.Sscan(os.Getenv("DESCI_KUBO_DIFF_SEED"), &seed)
	fmt.Sscan(os.Getenv("DESCI_KUBO_DIFF_TREES"), &trees)
	repos := map[string]*testkubo.Repo{
		ProfileKuboCIDv1.Name:    testkubo.Init(t, testkubo.Options{}),
		ProfileUnixFSv12025.Name: testkubo.Init(t, testkubo.Options{Profiles: []string{"unixfs-v1-2025"}}),
	}
	kuboArgs := map[string][]string{
		ProfileKuboCIDv1.Name:    {"--cid-version=1"},
		ProfileUnixFSv12025.Name: nil,
	}
	rng := rand.New(rand.NewSource(seed))
	compared, orderDependent, turnedBack := 0, 0, 0
	// orders: whether Kubo's flush order may matter; only directories
	// within a few entries of the threshold can switch while flushing.
	compare := func(name, p string, prof Profile, hidden, orders bool) {
		t.Helper()
		args := append([]string{"add", "-n", "-r", "-Q"}, kuboArgs[prof.Name]...)
		if hidden {
			args = append(args, "--hidden")
		}
		want := repos[prof.Name].Run(append(args, p)...)
		possible := map[string]bool{}
		if orders {
			possible = importOrders(t, p, prof.Name, hidden)
		}
		res, err := Import(context.Background(), p, nil, ImportOptions{Profile: prof.Name, Hidden: hidden})
		if err != nil {
			t.Fatal(err)
		}
		compared++
		if orders && !isHAMT(t, p, prof.Name) {
			turnedBack++ // over the threshold, yet basic: MFS turned it back
		}
		switch {
		case len(possible) > 1:
			orderDependent++
			if !possible[want] {
				t.Errorf("%s %s hidden=%v: ipfs gave %s, none of the %d flush orders does", name, prof.Name, hidden, want, len(possible))
			}
		case res.Root.String() != want:
			t.Errorf("%s %s hidden=%v: desci %s, ipfs %s (tree kept in %s)", name, prof.Name, hidden, res.Root, want, p)
		}
	}
	for _, prof := range []Profile{ProfileKuboCIDv1, ProfileUnixFSv12025} {
		for i := range trees {
			dir := t.TempDir()
			g := &treeGen{rng: rng, prof: prof}
			g.tree(filepath.Join(dir, "t"), 3)
			for _, hidden := range []bool{true, false} {
				compare(fmt.Sprintf("tree %d", i), filepath.Join(dir, "t"), prof, hidden, false)
			}
			// The same tree named through a symlink with a trailing slash.
			os.Symlink("t", filepath.Join(dir, "link"))
			compare(fmt.Sprintf("tree %d via link/", i), filepath.Join(dir, "link")+"/", prof, true, false)
		}
		// Directories a few bytes over the HAMT threshold, reached through
		// subdirectories: where MFS turns a HAMT back into a basic one.
		for i := range 3 {
			dir := filepath.Join(t.TempDir(), "near")
			nearThreshold(t, rng, dir, prof, 1+i)
			compare(fmt.Sprintf("near-threshold %d", i), dir, prof, true, true)
		}
	}
	t.Logf("seed %d: %d comparisons with ipfs add -n; %d directories over the threshold turned back into basic ones; %d where Kubo's map order decides",
		seed, compared, turnedBack, orderDependent)
	if turnedBack == 0 {
		t.Error("no near-threshold directory was turned back into a basic one: the case is not tested")
	}
}

// isHAMT reports whether the root Import makes of p is a HAMT shard.
func isHAMT(t *testing.T, p, profile string) bool {
	bs := NewMemBlockstore()
	put := func(ctx context.Context, b blocks.Block) error { return bs.Put(ctx, b) }
	res, err := Import(context.Background(), p, put, ImportOptions{Profile: profile, Hidden: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bs.Get(context.Background(), res.Root)
	if err != nil {
		t.Fatal(err)
	}
	pn, err := merkledag.DecodeProtobuf(b.RawData())
	if err != nil {
		t.Fatal(err)
	}
	fsn, err := ft.FSNodeFromBytes(pn.Data())
	if err != nil {
		t.Fatal(err)
	}
	return fsn.Type() == ft.THAMTShard
}

// importOrders is the set of root CIDs Import gives under every order of
// the first three subdirectories a directory flushes (near-threshold trees
// have at most three).
func importOrders(t *testing.T, p, profile string, hidden bool) map[string]bool {
	defer func(f func([]subdir) []subdir) { flushOrder = f }(flushOrder)
	out := map[string]bool{}
	for _, perm := range permutations(3) {
		flushOrder = func(s []subdir) []subdir {
			o := make([]subdir, 0, len(s))
			for _, j := range perm {
				if j < len(s) {
					o = append(o, s[j])
				}
			}
			return append(o, s[min(len(s), len(perm)):]...)
		}
		res, err := Import(context.Background(), p, nil, ImportOptions{Profile: profile, Hidden: hidden})
		if err != nil {
			t.Fatal(err)
		}
		out[res.Root.String()] = true
	}
	return out
}

// treeGen makes trees of the cases where Kubo's defaults change a CID:
// hidden entries, empty files and directories, symlinks of every kind,
// names in several scripts and normal forms, files at chunk boundaries.
type treeGen struct {
	rng  *rand.Rand
	prof Profile
	n    int
}

var genNames = []string{"a", "B", "données.csv", "donne\u0301es.csv", "数据", "данные", "🧬.fa", "with space", "'q'", "x.y.z", "-dash", "_u", "0", "Z"}

func (g *treeGen) name() string {
	g.n++
	base := genNames[g.rng.Intn(len(genNames))]
	if g.rng.Intn(5) == 0 {
		base = "." + base // hidden
	}
	return fmt.Sprintf("%s%d", base, g.n)
}

func (g *treeGen) tree(dir string, depth int) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	for range g.rng.Intn(6) + 1 {
		p := filepath.Join(dir, g.name())
		switch k := g.rng.Intn(10); {
		case k < 2 && depth > 0:
			g.tree(p, depth-1)
		case k == 2:
			os.Mkdir(p, 0o755) // empty
		case k == 3:
			targets := []string{"a1", "../x", "/etc/hostname", "nowhere", ".", "données.csv"}
			os.Symlink(targets[g.rng.Intn(len(targets))], p)
		default:
			sizes := []int{0, 1, 100, g.prof.ChunkSize - 1, g.prof.ChunkSize, g.prof.ChunkSize + 1, 2*g.prof.ChunkSize + 7}
			size := sizes[g.rng.Intn(len(sizes))]
			if g.rng.Intn(3) > 0 {
				size = g.rng.Intn(5000)
			}
			os.WriteFile(p, stream(p, size), 0o644)
		}
	}
}

// nearThreshold makes a directory whose size estimate, under prof, is a
// few bytes over the HAMT threshold, with subdirectories of long names
// before many small files, and the crossing made by the last name.
func nearThreshold(t *testing.T, rng *rand.Rand, dir string, prof Profile, subs int) {
	files := map[string]string{}
	for s := range subs {
		files[fmt.Sprintf("a%d%s/f", s, strings.Repeat("s", 50+rng.Intn(50)))] = "sub"
	}
	writeTree(t, dir, files)
	base := dirEstimate(t, dir, prof)
	fillers := (prof.HAMTThreshold-base)/entrySize(prof.SizeEstimation, 100) - 1
	files = map[string]string{}
	for f := range fillers {
		files[fmt.Sprintf("m%05d%s", f, strings.Repeat("x", 94))] = "x"
	}
	writeTree(t, dir, files)
	base = dirEstimate(t, dir, prof)
	// A filler of its own length leaves a gap that a short last name
	// fills to the threshold plus over bytes. A short last name matters:
	// MFS turns the HAMT back only when the entries added since it became
	// one weigh less than a subdirectory's name.
	over := 1 + rng.Intn(40)
	for l := 1; l < 250; l++ {
		rem := prof.HAMTThreshold + over - base - entrySize(prof.SizeEstimation, l)
		if rem < entrySize(prof.SizeEstimation, 1) || rem > entrySize(prof.SizeEstimation, 8) {
			continue
		}
		for k := 1; k <= 8; k++ {
			if entrySize(prof.SizeEstimation, k) == rem {
				writeTree(t, dir, map[string]string{"n" + strings.Repeat("y", l-1): "x", strings.Repeat("z", k): "x"})
				return
			}
		}
	}
	t.Fatalf("no names bring %d bytes over the threshold %d", base, prof.HAMTThreshold)
}

// entrySize is what a 1-byte file's entry adds to a directory's estimate.
func entrySize(mode uio.SizeEstimationMode, nameLen int) int {
	const cidLen = 36
	if mode != uio.SizeEstimationBlock {
		return nameLen + cidLen
	}
	v := func(n int) int {
		l := 1
		for ; n >= 0x80; n >>= 7 {
			l++
		}
		return l
	}
	link := 1 + v(cidLen) + cidLen + 1 + v(nameLen) + nameLen + 1 + v(1)
	return 1 + v(link) + link
}
