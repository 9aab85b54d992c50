package notary

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/node/basicnode"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/notary/car"
	"github.com/desci-platform/desci/notary/index"
)

// BundleVersion is the verification bundle format version
// (doc/bundle.md).
const BundleVersion = 1

// Limits of what a bundle reader accepts before it looks further.
const (
	MaxBundleDocSize = 1 << 20 // the bundle document (the CAR's root block)
	maxBundleRelated = 256
	maxBundleRPC     = 16
	maxBundleURL     = 2048
)

// Errors a bundle is refused with. ErrBundleUnreadable means the file is
// not a whole bundle (not a CAR, cut short): nothing in it was checked.
// ErrBadBundle means it is readable and wrong: a block that does not hash
// to its CID, a missing or extra part, sizes that lie, parts that do not
// agree.
var (
	ErrBundleUnreadable = errors.New("notary: unreadable verification bundle")
	ErrBadBundle        = errors.New("notary: bad verification bundle")
)

// Relations a bundle's related manifests have to its manifest.
const (
	RelCorrection = "correction" // corrects the manifest
	RelVersion    = "version"    // a newer version: supersedes it, or a newer version of it
)

// BundleDoc is the bundle document, the CAR's root block: JSON, in a raw
// block. Every field is specified in doc/bundle.md.
type BundleDoc struct {
	Version  int            `json:"desci_bundle"`
	Manifest string         `json:"manifest"`
	Receipt  string         `json:"receipt"`
	ChainID  uint64         `json:"chain_id"`
	Notary   common.Address `json:"notary_contract"`
	RPC      []string       `json:"rpc"`
	Content  bool           `json:"content"`
	Related  []BundleLink   `json:"related"`
	Created  time.Time      `json:"created"`
}

// BundleLink is a manifest related to the bundle's manifest.
type BundleLink struct {
	Relation string `json:"relation"`
	CID      string `json:"cid"`
	Receipt  string `json:"receipt,omitempty"` // absent: not anchored when the bundle was made
}

// isRawSHA256 says whether c names a bundle's JSON block: CIDv1, raw,
// sha2-256 (what rawPrefix makes).
func isRawSHA256(c cid.Cid) bool {
	p := c.Prefix()
	return p.Version == 1 && p.Codec == cid.Raw && p.MhType == mh.SHA2_256
}

// DecodeBundleDoc parses a bundle document strictly: unknown fields,
// trailing data, a missing field, an undecodable CID or an RPC URL that is
// not http(s) or ws(s) are errors.
func DecodeBundleDoc(data []byte) (*BundleDoc, error) {
	bad := func(format string, args ...any) (*BundleDoc, error) {
		return nil, fmt.Errorf("%w: document: %s", ErrBadBundle, fmt.Sprintf(format, args...))
	}
	if len(data) > MaxBundleDocSize {
		return bad("%d bytes (limit %d)", len(data), MaxBundleDocSize)
	}
	var d BundleDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return bad("%v", err)
	}
	if dec.More() {
		return bad("data after the document")
	}
	switch {
	case d.Version != BundleVersion:
		return bad("version %d (want %d)", d.Version, BundleVersion)
	case d.ChainID == 0 || d.Notary == (common.Address{}) || d.Created.IsZero():
		return bad("missing chain_id, notary_contract or created")
	case len(d.RPC) > maxBundleRPC:
		return bad("%d RPC endpoints (limit %d)", len(d.RPC), maxBundleRPC)
	case len(d.Related) > maxBundleRelated:
		return bad("%d related manifests (limit %d)", len(d.Related), maxBundleRelated)
	}
	if _, err := d.manifestCID(); err != nil {
		return bad("manifest: %v", err)
	}
	if c, err := cid.Decode(d.Receipt); err != nil || !isRawSHA256(c) {
		return bad("receipt %q is not a raw sha2-256 CID", d.Receipt)
	}
	for _, u := range d.RPC {
		p, err := url.Parse(u)
		if len(u) > maxBundleURL || err != nil || p.Host == "" ||
			(p.Scheme != "http" && p.Scheme != "https" && p.Scheme != "ws" && p.Scheme != "wss") {
			return bad("RPC endpoint %.80q is not an http(s) or ws(s) URL", u)
		}
	}
	for _, l := range d.Related {
		if l.Relation != RelCorrection && l.Relation != RelVersion {
			return bad("relation %q (want %q or %q)", l.Relation, RelCorrection, RelVersion)
		}
		if c, err := cid.Decode(l.CID); err != nil || c.Type() != cid.DagCBOR {
			return bad("related manifest %q is not a dag-cbor CID", l.CID)
		}
		if l.Receipt != "" {
			if c, err := cid.Decode(l.Receipt); err != nil || !isRawSHA256(c) {
				return bad("receipt %q is not a raw sha2-256 CID", l.Receipt)
			}
		}
	}
	return &d, nil
}

func (d *BundleDoc) manifestCID() (cid.Cid, error) {
	c, err := cid.Decode(d.Manifest)
	if err == nil && c.Type() != cid.DagCBOR {
		err = fmt.Errorf("%s is not a dag-cbor CID", c)
	}
	return c, err
}

// Encode returns the document as JSON.
func (d *BundleDoc) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// A Bundle is a verification bundle read and checked offline: every
// block hashes to its CID, the document, receipts and manifests agree,
// and the manifests' DAGs (content included unless sealed) are complete
// with sizes that hold. What remains is to ask the chain (VerifyBundle).
type Bundle struct {
	Doc        *BundleDoc
	Root       cid.Cid // the document's block
	Manifest   *Manifest
	ManifestID cid.Cid
	Receipt    []byte // the receipt document
	Related    []RelatedManifest
	Blocks     int   // blocks in the file
	Bytes      int64 // bytes of those blocks
}

// RelatedManifest is a correction or newer version a bundle carries.
type RelatedManifest struct {
	Relation string
	CID      cid.Cid
	Manifest *Manifest
	Receipt  []byte // nil when it was not anchored
}

// BundleOptions configure WriteBundle; the zero value names no endpoint.
type BundleOptions struct {
	// RPC are public JSON-RPC endpoints of the chain to name. Default none.
	RPC []string
	// Created is the document's time; zero means now.
	Created time.Time
}

// WriteBundle writes manifest c's verification bundle to w: the document,
// the receipts, the manifest, its corrections and newer versions known
// here, and their DAGs, each sealed ciphertext left out.
func (s *Store) WriteBundle(ctx context.Context, c cid.Cid, opts BundleOptions, w io.Writer) (*BundleDoc, error) {
	m, err := s.Manifest(ctx, c)
	if err != nil {
		return nil, err
	}
	receipt, err := s.Receipt(c)
	if err != nil {
		return nil, err
	}
	r, _, err := DecodeReceipt(receipt)
	if err != nil {
		return nil, fmt.Errorf("the stored receipt of %s: %w", c, err)
	}
	doc := &BundleDoc{
		Version: BundleVersion, Manifest: c.String(), ChainID: r.ChainID, Notary: r.Contract,
		RPC: append([]string{}, opts.RPC...), Content: m.Content == nil || !m.Content.Sealed.Defined(),
		Related: []BundleLink{}, Created: createdTime(opts.Created),
	}
	type rawBlock struct {
		c    cid.Cid
		data []byte
	}
	var raws []rawBlock
	putRaw := func(data []byte) (cid.Cid, error) {
		rc, err := rawPrefix.Sum(data)
		if err != nil {
			return cid.Undef, err
		}
		raws = append(raws, rawBlock{rc, data})
		return rc, nil
	}
	rc, err := putRaw(receipt)
	if err != nil {
		return nil, err
	}
	doc.Receipt = rc.String()
	manifests := []cid.Cid{c}
	rel, err := s.newer(ctx, c)
	if err != nil {
		return nil, err
	}
	for _, e := range rel {
		l := BundleLink{Relation: e.relation, CID: e.CID.String()}
		if rd, ok, err := s.index.Receipt(e.CID); err != nil {
			return nil, err
		} else if ok {
			rc, err := putRaw(rd)
			if err != nil {
				return nil, err
			}
			l.Receipt = rc.String()
		}
		doc.Related = append(doc.Related, l)
		manifests = append(manifests, e.CID)
	}
	if len(doc.Related) > maxBundleRelated {
		return nil, fmt.Errorf("notary: %s has %d corrections and versions, a bundle holds %d", c, len(doc.Related), maxBundleRelated)
	}
	docBytes, err := doc.Encode()
	if err != nil {
		return nil, err
	}
	root, err := rawPrefix.Sum(docBytes)
	if err != nil {
		return nil, err
	}
	cw, err := car.NewWriter(w, []cid.Cid{root})
	if err != nil {
		return nil, err
	}
	if err := cw.Put(root, docBytes); err != nil {
		return nil, err
	}
	seen := cid.NewSet()
	seen.Add(root)
	for _, b := range raws {
		if seen.Visit(b.c) {
			if err := cw.Put(b.c, b.data); err != nil {
				return nil, err
			}
		}
	}
	// Manifests first, then their DAGs: a reader finds what it checks
	// first at the front.
	for _, mc := range manifests {
		data, err := s.Block(ctx, mc)
		if err != nil {
			return nil, err
		}
		if seen.Visit(mc) {
			if err := cw.Put(mc, data); err != nil {
				return nil, err
			}
		}
	}
	for _, mc := range manifests {
		if err := s.walkBundleDAG(ctx, mc, seen, cw.Put); err != nil {
			return nil, err
		}
	}
	return doc, cw.Flush()
}

// walkBundleDAG visits the blocks under c not seen yet, depth first, as
// walkDAG does, but leaves out every sealed manifest's ciphertext.
func (s *Store) walkBundleDAG(ctx context.Context, c cid.Cid, seen *cid.Set, visit func(cid.Cid, []byte) error) error {
	data, err := s.Block(ctx, c)
	if err != nil {
		return err
	}
	if seen.Visit(c) {
		if err := visit(c, data); err != nil {
			return err
		}
	}
	ls, err := bundleLinks(c, data)
	if err != nil {
		return err
	}
	for _, l := range ls {
		if seen.Has(l) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.walkBundleDAG(ctx, l, seen, visit); err != nil {
			return err
		}
	}
	return nil
}

// bundleLinks are the links a bundle follows: links, less a sealed
// manifest's ciphertext.
func bundleLinks(c cid.Cid, data []byte) ([]cid.Cid, error) {
	ls, err := links(c, data)
	if err != nil || c.Type() != cid.DagCBOR {
		return ls, err
	}
	sealed := sealedRoot(data)
	if !sealed.Defined() {
		return ls, nil
	}
	out := ls[:0]
	for _, l := range ls {
		if !l.Equals(sealed) {
			out = append(out, l)
		}
	}
	return out, nil
}

// sealedRoot is the ciphertext root of a sealed manifest block, else Undef.
func sealedRoot(data []byte) cid.Cid {
	m, err := decodeManifestUnchecked(data)
	if err != nil || m.Content == nil {
		return cid.Undef
	}
	return m.Content.Sealed
}

type relatedEntry struct {
	Entry
	relation string
}

// newer returns the corrections of c and the versions newer than c, with
// their corrections, as the index knows them, oldest first.
func (s *Store) newer(ctx context.Context, c cid.Cid) ([]relatedEntry, error) {
	var out []relatedEntry
	seen := cid.NewSet()
	seen.Add(c)
	var walk func(c cid.Cid) error
	walk = func(c cid.Cid) error {
		corr, err := s.related(ctx, c, s.index.CorrectedBy)
		if err != nil {
			return err
		}
		for _, e := range corr {
			if seen.Visit(e.CID) {
				out = append(out, relatedEntry{e, RelCorrection})
			}
		}
		next, err := s.related(ctx, c, s.index.SupersededBy)
		if err != nil {
			return err
		}
		for _, e := range next {
			if seen.Visit(e.CID) && len(out) <= maxBundleRelated {
				out = append(out, relatedEntry{e, RelVersion})
				if err := walk(e.CID); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return out, walk(c)
}

// ReadBundle reads a verification bundle and checks everything in it that
// needs no chain (see Bundle). The file is read once; the blocks held in
// memory are the small ones (document, receipts, manifests) and the
// DAGs' inner nodes, bounded as ImportCAR bounds them.
func ReadBundle(ctx context.Context, r io.Reader) (*Bundle, error) {
	b, _, err := readBundle(ctx, r)
	return b, err
}

// bundleScan is what one pass over a bundle collects.
type bundleScan struct {
	small    map[cid.Cid][]byte // document, receipts, manifests
	inner    map[cid.Cid][]byte // non-raw blocks, for the walks
	rawSizes map[cid.Cid]uint64
	present  *cid.Set
}

func unreadable(err error) error {
	if errors.Is(err, car.ErrHash) {
		return fmt.Errorf("%w: %w", ErrBadBundle, err)
	}
	return fmt.Errorf("%w: %w", ErrBundleUnreadable, err)
}

func readBundle(ctx context.Context, r io.Reader) (*Bundle, *bundleScan, error) {
	cr, err := car.NewReader(r)
	if err != nil {
		return nil, nil, unreadable(err)
	}
	if len(cr.Roots) != 1 || !isRawSHA256(cr.Roots[0]) {
		return nil, nil, fmt.Errorf("%w: a bundle's CAR has one root, a raw block (this has %d roots: %v); a CAR from desci export is imported with desci import", ErrBundleUnreadable, len(cr.Roots), cr.Roots)
	}
	root := cr.Roots[0]
	sc := &bundleScan{small: map[cid.Cid][]byte{}, inner: map[cid.Cid][]byte{}, rawSizes: map[cid.Cid]uint64{}, present: cid.NewSet()}
	bundle := &Bundle{Root: root}
	var doc *BundleDoc
	wantSmall := cid.NewSet()
	innerBytes := 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		c, data, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, unreadable(err)
		}
		if doc == nil {
			if !c.Equals(root) {
				return nil, nil, fmt.Errorf("%w: the first block is %s, not the root %s", ErrBadBundle, c, root)
			}
			if doc, err = DecodeBundleDoc(data); err != nil {
				return nil, nil, err
			}
			wantSmall.Add(cidOf(doc.Receipt))
			mc, _ := doc.manifestCID()
			wantSmall.Add(mc)
			for _, l := range doc.Related {
				wantSmall.Add(cidOf(l.CID))
				if l.Receipt != "" {
					wantSmall.Add(cidOf(l.Receipt))
				}
			}
		}
		if sc.present.Visit(c) {
			bundle.Blocks++
			bundle.Bytes += int64(len(data))
		}
		if _, ok := sc.small[c]; !ok && wantSmall.Has(c) {
			// Counted with the inner blocks: 256 related manifests with
			// receipts must not hold gigabytes.
			if innerBytes += len(data); innerBytes > maxCARInnerBytes {
				return nil, nil, fmt.Errorf("%w: more than %d MiB of manifests, receipts and non-leaf blocks", ErrBadBundle, maxCARInnerBytes>>20)
			}
			sc.small[c] = append([]byte(nil), data...)
		}
		if c.Type() == cid.Raw {
			sc.rawSizes[c] = uint64(len(data))
		} else if _, ok := sc.inner[c]; !ok {
			if innerBytes += len(data); innerBytes > maxCARInnerBytes {
				return nil, nil, fmt.Errorf("%w: more than %d MiB of non-leaf blocks", ErrBadBundle, maxCARInnerBytes>>20)
			}
			sc.inner[c] = append([]byte(nil), data...)
		}
	}
	if doc == nil {
		return nil, nil, fmt.Errorf("%w: no blocks", ErrBundleUnreadable)
	}
	bundle.Doc = doc
	if err := bundle.check(sc); err != nil {
		return nil, nil, err
	}
	return bundle, sc, nil
}

func cidOrNothing(c cid.Cid) string {
	if !c.Defined() {
		return "nothing"
	}
	return c.String()
}

// cidOf decodes a CID DecodeBundleDoc has checked.
func cidOf(s string) cid.Cid { c, _ := cid.Decode(s); return c }

// check makes the offline checks on a scanned bundle.
func (b *Bundle) check(sc *bundleScan) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadBundle, fmt.Sprintf(format, args...))
	}
	d := b.Doc
	b.ManifestID, _ = d.manifestCID()
	doc, ok := sc.small[cidOf(d.Receipt)]
	if !ok {
		return bad("the receipt %s is not in it", d.Receipt)
	}
	r, m, err := CheckReceiptDoc(doc)
	if err != nil {
		return err // a VerifyError: the receipt is checked as any receipt
	}
	switch {
	case r.CID != d.Manifest:
		return failed(CheckReceipt, fmt.Errorf("the bundle's receipt is for %s, its manifest is %s", r.CID, d.Manifest))
	case r.ChainID != d.ChainID || r.Contract != d.Notary:
		return bad("the document says chain %d Notary %s, the receipt chain %d Notary %s", d.ChainID, d.Notary.Hex(), r.ChainID, r.Contract.Hex())
	}
	if mb, ok := sc.small[b.ManifestID]; !ok || !bytes.Equal(mb, r.Manifest) {
		return bad("the manifest %s is not in it", d.Manifest)
	}
	b.Manifest, b.Receipt = m, doc
	sealed := m.Content != nil && m.Content.Sealed.Defined()
	if d.Content == sealed {
		return bad("content is %v for a %s manifest (a bundle carries the content unless it is sealed)", d.Content, map[bool]string{true: "sealed", false: "plain"}[sealed])
	}

	// Related manifests: signed, about this manifest, their receipts theirs.
	about := cid.NewSet()
	about.Add(b.ManifestID)
	for _, l := range d.Related {
		c := cidOf(l.CID)
		data, ok := sc.small[c]
		if !ok {
			return bad("the related manifest %s is not in it", c)
		}
		rm, err := DecodeManifest(data)
		if err != nil {
			return bad("related manifest %s: %v", c, err)
		}
		switch {
		case l.Relation == RelCorrection && !about.Has(rm.Corrects):
			return bad("%s is listed as a correction of %s, but corrects %s", c, d.Manifest, cidOrNothing(rm.Corrects))
		case l.Relation == RelVersion && !about.Has(rm.Supersedes):
			return bad("%s is listed as a newer version of %s, but supersedes %s", c, d.Manifest, cidOrNothing(rm.Supersedes))
		}
		if l.Relation == RelVersion {
			about.Add(c)
		}
		e := RelatedManifest{Relation: l.Relation, CID: c, Manifest: rm}
		if l.Receipt != "" {
			rd, ok := sc.small[cidOf(l.Receipt)]
			if !ok {
				return bad("the receipt %s of %s is not in it", l.Receipt, c)
			}
			rr, _, err := DecodeReceipt(rd)
			if err != nil {
				return bad("the receipt of %s: %v", c, err)
			}
			if rr.CID != l.CID {
				return bad("the receipt listed for %s is for %s", c, rr.CID)
			}
			e.Receipt = rd
		}
		b.Related = append(b.Related, e)
	}

	// The DAGs are complete and every file holds what it declares.
	k := &sizeChecker{
		block: func(c cid.Cid) ([]byte, error) {
			if data, ok := sc.inner[c]; ok {
				return data, nil
			}
			if data, ok := sc.small[c]; ok {
				return data, nil
			}
			return nil, fmt.Errorf("%w: block %s is missing", ErrBadBundle, c)
		},
		rawSize: func(c cid.Cid) (uint64, error) {
			if n, ok := sc.rawSizes[c]; ok {
				return n, nil
			}
			return 0, fmt.Errorf("%w: block %s is missing", ErrBadBundle, c)
		},
		sizes: map[cid.Cid]uint64{},
	}
	roots := []cid.Cid{b.ManifestID}
	for _, e := range b.Related {
		roots = append(roots, e.CID)
	}
	// A sealed manifest's ciphertext is left out: the checker counts it as
	// seen. Only the manifests under the roots say what is sealed.
	stack := append([]cid.Cid(nil), roots...)
	reached := cid.NewSet()
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type() != cid.DagCBOR || !reached.Visit(c) {
			continue
		}
		data, ok := sc.inner[c]
		if !ok {
			continue // reported missing by the size check
		}
		if s := sealedRoot(data); s.Defined() {
			k.sizes[s] = 0
		}
		ls, err := bundleLinks(c, data)
		if err != nil {
			return bad("%v", err)
		}
		stack = append(stack, ls...)
	}
	for _, c := range roots {
		if _, err := k.check(c, 0); err != nil {
			if errors.Is(err, ErrBadBundle) {
				return err
			}
			return fmt.Errorf("%w: %w", ErrBadBundle, err)
		}
	}
	// The manifest's own content, checked with nothing skipped.
	if d.Content && m.Content != nil {
		k.sizes = nil
		if _, err := k.check(m.Content.Root, 0); err != nil {
			if errors.Is(err, ErrBadBundle) {
				return err
			}
			return fmt.Errorf("%w: %w", ErrBadBundle, err)
		}
	}
	return nil
}

// decodeManifestUnchecked decodes a manifest block without checking its
// signature or canonical form: for finding links, never for trusting.
func decodeManifestUnchecked(data []byte) (*Manifest, error) {
	nb := basicnode.Prototype.Any.NewBuilder()
	if err := dagcbor.Decode(nb, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	d := &decoder{}
	m := d.manifest(nb.Build())
	return m, d.err
}

// ContentOfBundle is the content check of a bundle that ReadBundle
// accepted: its DAG is complete and hash-checked, so the root is the
// manifest's; nil for sealed content, which a bundle does not carry.
func (b *Bundle) ContentOfBundle() ContentFunc {
	if !b.Doc.Content || b.Manifest.Content == nil {
		return nil
	}
	root := b.Manifest.Content.Root
	return func(context.Context, string) (cid.Cid, []File, error) { return root, nil, nil }
}

// VerifyBundle verifies a bundle's manifest against the chain as
// VerifyReceipt does a receipt.
func VerifyBundle(ctx context.Context, ch Chain, b *Bundle) (*Verification, error) {
	return VerifyReceipt(ctx, ch, b.Receipt, b.ContentOfBundle())
}

// IsBundle reports whether the CAR at r names one raw root, as a bundle's
// does (a CAR from desci export names a manifest or a UnixFS root). It
// reads only the header.
func IsBundle(r io.Reader) bool {
	cr, err := car.NewReader(r)
	return err == nil && len(cr.Roots) == 1 && isRawSHA256(cr.Roots[0])
}

// ImportBundle reads a bundle from a regular file, checks it as
// ReadBundle does, and stores it: every block, the manifests indexed and
// pinned (a sealed one, whose ciphertext the bundle leaves out, is kept
// but neither indexed nor pinned unless the ciphertext is here), and the
// receipts, so the manifests are known anchored. A bad bundle stores
// nothing.
func (s *Store) ImportBundle(ctx context.Context, f *os.File) (*Bundle, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	b, sc, err := readBundle(ctx, f)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	// Pass 2: store. The bytes are checked again: the file may have changed.
	cr, err := car.NewReader(f)
	if err != nil {
		return nil, unreadable(err)
	}
	for {
		c, data, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, unreadable(err)
		}
		blk, err := blocks.NewBlockWithCid(append([]byte(nil), data...), c)
		if err != nil {
			return nil, err
		}
		if err := s.blocks.Put(ctx, blk); err != nil {
			return nil, err
		}
	}
	if err := s.sync(); err != nil {
		return nil, err
	}
	receipts := map[cid.Cid][]byte{b.ManifestID: b.Receipt}
	pin := []cid.Cid{b.ManifestID}
	for _, e := range b.Related {
		if e.Receipt != nil {
			receipts[e.CID] = e.Receipt
		}
		pin = append(pin, e.CID)
	}
	// Every manifest in the bundle is indexed, as desci import of a CAR
	// indexes them, and the bundle's own are pinned, but only those whose
	// whole DAG is now here: a sealed one's ciphertext stays out, and a
	// manifest indexed without it would be reported missing by repo verify.
	var records []index.Manifest
	now := time.Now().UTC()
	for c, data := range sc.inner {
		if c.Type() != cid.DagCBOR {
			continue
		}
		m, err := DecodeManifest(data)
		if err != nil {
			continue
		}
		if ok, err := s.complete(ctx, c); err != nil {
			return nil, err
		} else if ok {
			records = append(records, indexRecord(c, m, false))
		}
	}
	var pins []index.Pin
	for _, c := range pin {
		if ok, err := s.complete(ctx, c); err != nil {
			return nil, err
		} else if ok {
			pins = append(pins, index.Pin{Root: c, Added: now})
		}
	}
	if err := s.index.PutManifests(records, false); err != nil {
		return nil, err
	}
	if err := s.index.AddPins(pins); err != nil {
		return nil, err
	}
	// Confirm with no batch stores receipts (and takes the manifests off
	// the anchoring queue, if this data dir had queued one).
	if err := s.index.Confirm("", receipts); err != nil {
		return nil, err
	}
	return b, nil
}

// complete says whether the whole DAG under c is in the store, reading
// the blocks that link (hash-checked) and only asking for raw leaves.
func (s *Store) complete(ctx context.Context, c cid.Cid) (bool, error) {
	seen := cid.NewSet()
	var walk func(c cid.Cid) (bool, error)
	walk = func(c cid.Cid) (bool, error) {
		if !seen.Visit(c) {
			return true, nil
		}
		if c.Type() == cid.Raw {
			return s.blocks.Has(ctx, c)
		}
		data, err := s.Block(ctx, c)
		if errors.Is(err, ErrNotFound) {
			return false, nil
		} else if err != nil {
			return false, err
		}
		ls, err := links(c, data)
		if err != nil {
			return false, err
		}
		for _, l := range ls {
			if ok, err := walk(l); !ok || err != nil {
				return ok, err
			}
		}
		return true, nil
	}
	return walk(c)
}

// Newer returns the corrections of c and its newer versions, with their
// corrections, that this store knows of, oldest first, each with its
// receipt when anchored.
func (s *Store) Newer(ctx context.Context, c cid.Cid) ([]RelatedManifest, error) {
	rel, err := s.newer(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]RelatedManifest, 0, len(rel))
	for _, e := range rel {
		doc, ok, err := s.index.Receipt(e.CID)
		if err != nil {
			return nil, err
		}
		r := RelatedManifest{Relation: e.relation, CID: e.CID, Manifest: e.Manifest}
		if ok {
			r.Receipt = doc
		}
		out = append(out, r)
	}
	return out, nil
}
