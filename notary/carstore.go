package notary

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary/car"
	"github.com/desci-platform/desci/notary/index"
)

// Export writes the DAG under root to w as a CARv1, blocks in depth-first
// order from the root, each once, as `ipfs dag export` does.
func (s *Store) Export(ctx context.Context, root cid.Cid, w io.Writer) error {
	cw, err := car.NewWriter(w, []cid.Cid{root})
	if err != nil {
		return err
	}
	if err := s.walkDAG(ctx, root, cw.Put); err != nil {
		return fmt.Errorf("notary: export %s: %w", root, err)
	}
	return cw.Flush()
}

// walkDAG visits every block under root once, depth first, a block before
// the blocks it links to, stopping at the first error.
func (s *Store) walkDAG(ctx context.Context, root cid.Cid, visit func(c cid.Cid, data []byte) error) error {
	seen := cid.NewSet()
	var walk func(c cid.Cid) error
	walk = func(c cid.Cid) error {
		if !seen.Visit(c) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := s.Block(ctx, c)
		if err != nil {
			return err
		}
		if err := visit(c, data); err != nil {
			return err
		}
		ls, err := links(c, data)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if err := walk(l); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}

// maxCARInnerBytes bounds the non-leaf blocks of a CAR held in memory for
// the size check: a 1 TiB file of 1 MiB leaves has about 45 MiB of them.
const maxCARInnerBytes = 256 << 20

// ImportCAR reads a CARv1 and stores its blocks, pinning its roots. Every
// block is checked against its CID, the roots' DAGs must be complete
// (each link found in the CAR or already stored) and every file in them
// must hold the bytes it declares (ErrSizeMismatch) before anything is
// written, so a bad CAR leaves the store as it was.
func (s *Store) ImportCAR(ctx context.Context, r io.Reader) ([]cid.Cid, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok || !isRegular(r) {
		// Spool a stream to disk: the CAR is read twice.
		tmp, err := os.CreateTemp(s.dir, ".import-*.car")
		if err != nil {
			return nil, err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if _, err := io.Copy(tmp, r); err != nil {
			return nil, fmt.Errorf("notary: import CAR: %w", err)
		}
		rs = tmp
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}

	// Pass 1: check every block and collect what links where.
	cr, err := car.NewReader(rs)
	if err != nil {
		return nil, fmt.Errorf("notary: import CAR: %w", err)
	}
	roots := cr.Roots
	present := cid.NewSet()
	wanted := cid.NewSet()
	// What the size check needs: the length of each raw block, the bytes
	// of the others (the DAG's inner nodes, a small part of it).
	rawSizes := map[cid.Cid]uint64{}
	inner := map[cid.Cid][]byte{}
	innerBytes := 0
	for {
		c, data, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("notary: import CAR: %w", err)
		}
		present.Add(c)
		if c.Type() == cid.Raw {
			rawSizes[c] = uint64(len(data))
		} else if _, ok := inner[c]; !ok {
			if innerBytes += len(data); innerBytes > maxCARInnerBytes {
				return nil, fmt.Errorf("notary: import CAR: more than %d MiB of non-leaf blocks", maxCARInnerBytes>>20)
			}
			inner[c] = append([]byte(nil), data...)
		}
		ls, err := links(c, data)
		if err != nil {
			return nil, fmt.Errorf("notary: import CAR: %w", err)
		}
		for _, l := range ls {
			wanted.Add(l)
		}
	}
	for _, c := range append(roots, wanted.Keys()...) {
		if present.Has(c) {
			continue
		}
		if ok, err := s.blocks.Has(ctx, c); err != nil {
			return nil, err
		} else if !ok {
			return nil, fmt.Errorf("notary: import CAR: %w: block %s is neither in the CAR nor in the store", ErrNotFound, c)
		}
	}

	// Every file under the roots must hold the bytes it declares.
	k := &sizeChecker{
		block: func(c cid.Cid) ([]byte, error) {
			if data, ok := inner[c]; ok {
				return data, nil
			}
			return s.Block(ctx, c)
		},
		rawSize: func(c cid.Cid) (uint64, error) {
			if n, ok := rawSizes[c]; ok {
				return n, nil
			}
			n, err := s.raw.GetSize(ctx, c)
			return uint64(n), s.notFound(c, err)
		},
	}
	for _, c := range roots {
		if _, err := k.check(c, 0); err != nil {
			return nil, fmt.Errorf("notary: import CAR: %w", err)
		}
	}
	inner = nil

	// Pass 2: store. The bytes are checked again: the file may have changed.
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if cr, err = car.NewReader(rs); err != nil {
		return nil, fmt.Errorf("notary: import CAR: %w", err)
	}
	var manifests []index.Manifest
	for {
		c, data, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("notary: import CAR: %w", err)
		}
		b, err := blocks.NewBlockWithCid(append([]byte(nil), data...), c)
		if err != nil {
			return nil, err
		}
		if err := s.blocks.Put(ctx, b); err != nil {
			return nil, err
		}
		if c.Type() == cid.DagCBOR {
			if m, err := DecodeManifest(data); err == nil {
				manifests = append(manifests, indexRecord(c, m, false))
			}
		}
	}
	if err := s.sync(); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	if err := s.index.PutManifests(manifests, false); err != nil {
		return nil, err
	}
	for _, c := range roots {
		if err := s.index.AddPin(index.Pin{Root: c, Added: now}); err != nil {
			return nil, err
		}
	}
	return roots, nil
}

func isRegular(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}

// Problem is one thing wrong found by Verify.
type Problem struct {
	CID    cid.Cid
	Kind   string // "corrupt", "missing" or "index"
	Detail string
}

func (p Problem) String() string { return fmt.Sprintf("%s %s: %s", p.Kind, p.CID, p.Detail) }

// VerifyResult sums up a Verify run.
type VerifyResult struct {
	Blocks   int // blocks re-hashed
	Bytes    int64
	Problems []Problem
}

// ErrRepoDamaged is returned by Verify when it found problems.
var ErrRepoDamaged = errors.New("notary: repository has missing or corrupt blocks")

// Verify re-hashes every stored block, walks every pinned DAG and known
// manifest for missing blocks, and checks the index against what is
// notarized (see verifyIndex). progress, if set, gets each block's size.
func (s *Store) Verify(ctx context.Context, progress func(n int64)) (*VerifyResult, error) {
	res := &VerifyResult{}
	keys, err := s.raw.AllKeysChan(ctx)
	if err != nil {
		return nil, err
	}
	corrupt := cid.NewSet()
	for c := range keys {
		b, err := s.raw.Get(ctx, c)
		if err != nil {
			res.Problems = append(res.Problems, Problem{c, "corrupt", err.Error()})
			corrupt.Add(c)
			continue
		}
		if checkBlock(c, b.RawData()) != nil {
			res.Problems = append(res.Problems, Problem{c, "corrupt", "content does not match its hash"})
			corrupt.Add(c)
		}
		res.Blocks++
		res.Bytes += int64(len(b.RawData()))
		if progress != nil {
			progress(int64(len(b.RawData())))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var roots []cid.Cid
	pins, err := s.index.Pins()
	if err != nil {
		return nil, err
	}
	for _, p := range pins {
		roots = append(roots, p.Root)
	}
	ms, err := s.index.Manifests()
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		roots = append(roots, m.CID)
	}
	seen := cid.NewSet()
	var walk func(c, from cid.Cid)
	walk = func(c, from cid.Cid) {
		if !seen.Visit(c) || corrupt.Has(c) {
			return
		}
		b, err := s.raw.Get(ctx, c)
		if err != nil {
			res.Problems = append(res.Problems, Problem{c, "missing", "under " + from.String()})
			return
		}
		ls, err := links(c, b.RawData())
		if err != nil {
			res.Problems = append(res.Problems, Problem{c, "corrupt", err.Error()})
			return
		}
		for _, l := range ls {
			walk(l, from)
		}
	}
	for _, r := range roots {
		walk(r, r)
	}
	if len(res.Problems) == 0 {
		// With every block sound, every pinned file must also hold the
		// bytes it declares.
		for _, p := range pins {
			if _, err := s.checkSizes(ctx, p.Root); errors.Is(err, ErrSizeMismatch) {
				res.Problems = append(res.Problems, Problem{p.Root, "corrupt", err.Error()})
			}
		}
	}
	if err := s.verifyIndex(ctx, ms, corrupt, res); err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 {
		return res, fmt.Errorf("%w: %d problems", ErrRepoDamaged, len(res.Problems))
	}
	return res, nil
}

// verifyIndex checks that what the index says of each manifest is what the
// manifest block says (a "index" problem otherwise): the block decodes as
// a signed manifest whose kind, title, signer, time and links are the
// recorded ones; every queued manifest is indexed; every stored receipt
// carries the manifest's own bytes. Manifests whose block is missing or
// corrupt are reported by the block checks already.
func (s *Store) verifyIndex(ctx context.Context, ms []index.Manifest, corrupt *cid.Set, res *VerifyResult) error {
	bad := func(c cid.Cid, format string, args ...any) {
		res.Problems = append(res.Problems, Problem{c, "index", fmt.Sprintf(format, args...)})
	}
	indexed := cid.NewSet()
	var cs []cid.Cid
	for _, rec := range ms {
		indexed.Add(rec.CID)
		cs = append(cs, rec.CID)
		if corrupt.Has(rec.CID) {
			continue
		}
		data, err := s.raw.Get(ctx, rec.CID)
		if err != nil {
			continue // reported as missing
		}
		m, err := DecodeManifest(data.RawData())
		if err != nil {
			bad(rec.CID, "indexed as a manifest, but %v", err)
			continue
		}
		want := indexRecord(rec.CID, m, rec.Local)
		switch {
		case want.Kind != rec.Kind:
			bad(rec.CID, "indexed as kind %q, the manifest says %q", rec.Kind, want.Kind)
		case want.Title != rec.Title:
			bad(rec.CID, "indexed with title %q, the manifest says %q", rec.Title, want.Title)
		case !strings.EqualFold(want.Signer, rec.Signer):
			bad(rec.CID, "indexed as signed by %s, the manifest by %s", rec.Signer, want.Signer)
		case !want.Created.Equal(rec.Created):
			bad(rec.CID, "indexed as created %s, the manifest says %s", rec.Created, want.Created)
		case !want.Supersedes.Equals(rec.Supersedes) || !want.Corrects.Equals(rec.Corrects):
			bad(rec.CID, "indexed links (supersedes %s, corrects %s) differ from the manifest's", rec.Supersedes, rec.Corrects)
		}
	}
	queue, err := s.index.Queue()
	if err != nil {
		return err
	}
	for _, c := range queue {
		if !indexed.Has(c) {
			bad(c, "queued for anchoring but not an indexed manifest")
		}
	}
	receipts, err := s.index.Receipts(cs)
	if err != nil {
		return err
	}
	for c, doc := range receipts {
		r, _, err := DecodeReceipt(doc)
		if err != nil {
			bad(c, "stored receipt: %v", err)
			continue
		}
		if r.CID != c.String() {
			bad(c, "stored receipt is for %s", r.CID)
		} else if data, err := s.raw.Get(ctx, c); err == nil && !bytes.Equal(data.RawData(), r.Manifest) {
			bad(c, "stored receipt carries other manifest bytes than the block")
		}
	}
	return nil
}
