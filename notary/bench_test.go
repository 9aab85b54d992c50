package notary

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/files"
	"github.com/ipfs/boxo/ipld/merkledag"
	unixfile "github.com/ipfs/boxo/ipld/unixfs/file"
	"github.com/ipfs/go-cid"
	"golang.org/x/sys/unix"
)

// BenchmarkImport measures the CID of 64 MiB in memory under each profile,
// beside one core of crypto/sha256 over the same bytes (the limit a
// single-threaded importer, like boxo's, cannot beat).
func BenchmarkImport(b *testing.B) {
	data := stream("bench", 64<<20)
	b.Run("sha256-one-core", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sha256.Sum256(data)
		}
	})
	for _, p := range ProfileNames() {
		b.Run(p, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := ImportReader(context.Background(), bytes.NewReader(data), nil, p, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("boxo-balanced-kubo-cidv1", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			boxoFile(b, data, ProfileKuboCIDv1.ChunkSize, ProfileKuboCIDv1.FileMaxLinks)
		}
	})
}

// BenchmarkGet1GiB writes a 1 GiB file back out of the store, as desci get
// does, alternately as before blocks were checked on read (boxo's DAG
// service over the bare blockstore) and as now (every block re-hashed
// against its CID), so both see the same machine: the bound is
// checked ≤ 1.3 × unchecked. It reports each one's seconds per get, their
// ratio (of the totals, and the median of each pair's), and each one's
// CPU seconds (user and system). Run with -benchtime 3x; DESCI_BENCH_MIB changes the size,
// DESCI_BENCH_OUT where the copies go (/dev/shm leaves the disk out).
func BenchmarkGet1GiB(b *testing.B) {
	size := 1 << 30
	if v, err := strconv.Atoi(os.Getenv("DESCI_BENCH_MIB")); err == nil {
		size = v << 20
	}
	s := openStore(b)
	src := filepath.Join(b.TempDir(), "big.bin")
	f, _ := os.Create(src)
	io.Copy(f, io.LimitReader(rand.NewChaCha8([32]byte{1}), int64(size)))
	f.Close()
	res, err := s.Add(context.Background(), src, ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	os.Remove(src)
	unchecked := *s
	unchecked.blocks = s.raw
	unchecked.dag = merkledag.NewDAGService(blockservice.New(s.raw, nil))
	getUnchecked := func(ctx context.Context, c cid.Cid, out string) error {
		return unchecked.getUnchecked(ctx, c, out)
	}
	dir := os.Getenv("DESCI_BENCH_OUT") // where get writes; default a temp dir
	if dir == "" {
		dir = b.TempDir()
	}
	out := filepath.Join(dir, "desci-bench-get.out")
	defer os.Remove(out)
	// cpu is the process's user and system time: what a get costs on a
	// machine busy with other work, where wall time depends on the load.
	cpu := func() time.Duration {
		var ru unix.Rusage
		unix.Getrusage(unix.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var cpuBefore, cpuAfter time.Duration
	get := func(get func(context.Context, cid.Cid, string) error, cpuTotal *time.Duration) time.Duration {
		os.Remove(out)
		// Each get starts with nothing dirty, so neither is throttled by
		// the writeback of the one before.
		unix.Sync()
		start, c0 := time.Now(), cpu()
		if err := get(context.Background(), res.Root, out); err != nil {
			b.Fatal(err)
		}
		*cpuTotal += cpu() - c0
		return time.Since(start)
	}
	get(s.Get, new(time.Duration)) // warm the page cache for both
	var before, after time.Duration
	var ratios []float64
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		u := get(getUnchecked, &cpuBefore)
		c := get(s.Get, &cpuAfter)
		before, after = before+u, after+c
		ratios = append(ratios, float64(c)/float64(u))
	}
	n := float64(b.N)
	b.ReportMetric(before.Seconds()/n, "unchecked-s/get")
	b.ReportMetric(after.Seconds()/n, "checked-s/get")
	b.ReportMetric(float64(after)/float64(before), "ratio")
	// The median of each pair's ratio: one get slowed by a neighbour's
	// burst moves it less than the totals.
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "median-ratio")
	b.ReportMetric(cpuBefore.Seconds()/n, "unchecked-cpu-s/get")
	b.ReportMetric(cpuAfter.Seconds()/n, "checked-cpu-s/get")
}

// getUnchecked is Get as it was before blocks were checked on read, kept
// as the benchmark's reference: boxo's UnixFS reader over the store's DAG
// service, copied out file by file. s is a Store whose blocks and DAG
// service read the bare blockstore.
func (s *Store) getUnchecked(ctx context.Context, c cid.Cid, out string) error {
	if _, err := s.checkSizes(ctx, c); err != nil {
		return err
	}
	nd, err := s.dag.Get(ctx, c)
	if err != nil {
		return err
	}
	fn, err := unixfile.NewUnixfsFile(ctx, s.dag, nd)
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".desci-partial")
	if err := writeNode(fn, tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return os.Rename(tmp, out)
}

func writeNode(n files.Node, p string) error {
	switch n := n.(type) {
	case *files.Symlink:
		return os.Symlink(n.Target, p)
	case files.File:
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, n)
		return errors.Join(err, f.Close())
	case files.Directory:
		if err := os.Mkdir(p, 0o755); err != nil {
			return err
		}
		it := n.Entries()
		for it.Next() {
			name := it.Name()
			// A DAG from a stranger may name entries to escape the tree.
			if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
				return fmt.Errorf("unsafe entry name %q", name)
			}
			if err := writeNode(it.Node(), filepath.Join(p, name)); err != nil {
				return err
			}
		}
		return it.Err()
	default:
		return fmt.Errorf("unsupported node type %T", n)
	}
}
