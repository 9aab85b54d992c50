package car

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	"github.com/ipld/go-ipld-prime/fluent/qp"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
	"github.com/ipld/go-ipld-prime/node/basicnode"
)

// Limits on what a reader accepts. A block over MaxBlockSize is refused:
// IPFS implementations do not exchange blocks over 2 MiB, and a length
// prefix must never make us allocate what a stranger asks.
const (
	MaxHeaderSize = 1 << 20
	MaxBlockSize  = 4 << 20
)

// Errors a reader returns; each is wrapped with where it happened.
var (
	ErrHeader    = errors.New("car: bad header")
	ErrTruncated = errors.New("car: truncated")
	ErrBadBlock  = errors.New("car: malformed block section")
	ErrHash      = errors.New("car: block does not match its CID")
)

// Writer writes a CARv1 stream.
type Writer struct {
	w *bufio.Writer
}

// NewWriter writes the header naming roots and returns a writer for blocks.
func NewWriter(w io.Writer, roots []cid.Cid) (*Writer, error) {
	hdr, err := qp.BuildMap(basicnode.Prototype.Any, 2, func(ma datamodel.MapAssembler) {
		qp.MapEntry(ma, "roots", qp.List(int64(len(roots)), func(la datamodel.ListAssembler) {
			for _, r := range roots {
				qp.ListEntry(la, qp.Link(cidlink.Link{Cid: r}))
			}
		}))
		qp.MapEntry(ma, "version", qp.Int(1))
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := dagcbor.Encode(hdr, &buf); err != nil {
		return nil, err
	}
	cw := &Writer{w: bufio.NewWriterSize(w, 1<<20)}
	if err := cw.section(buf.Bytes()); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *Writer) section(parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var v [binary.MaxVarintLen64]byte
	if _, err := cw.w.Write(v[:binary.PutUvarint(v[:], uint64(n))]); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := cw.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// Put writes one block.
func (cw *Writer) Put(c cid.Cid, data []byte) error {
	return cw.section(c.Bytes(), data)
}

// Flush writes out what is buffered.
func (cw *Writer) Flush() error { return cw.w.Flush() }

// Reader reads a CARv1 stream, verifying every block.
type Reader struct {
	r      *bufio.Reader
	Roots  []cid.Cid
	offset int64
	buf    []byte
}

// NewReader reads and checks the header.
func NewReader(r io.Reader) (*Reader, error) {
	cr := &Reader{r: bufio.NewReaderSize(r, 1<<20)}
	hdr, err := cr.section(MaxHeaderSize)
	if err == io.EOF {
		return nil, fmt.Errorf("%w: empty input", ErrHeader)
	}
	if err != nil {
		return nil, err
	}
	nb := basicnode.Prototype.Any.NewBuilder()
	if err := (dagcbor.DecodeOptions{AllowLinks: true}).Decode(nb, bytes.NewReader(hdr)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHeader, err)
	}
	n := nb.Build()
	if n.Kind() != datamodel.Kind_Map {
		return nil, fmt.Errorf("%w: not a map", ErrHeader)
	}
	vn, err := n.LookupByString("version")
	if err != nil {
		return nil, fmt.Errorf("%w: no version", ErrHeader)
	}
	if v, err := vn.AsInt(); err != nil || v != 1 {
		if v == 2 {
			return nil, fmt.Errorf("%w: CARv2 is not supported, export as CARv1 (ipfs dag export writes v1)", ErrHeader)
		}
		return nil, fmt.Errorf("%w: version %d, want 1", ErrHeader, v)
	}
	rn, err := n.LookupByString("roots")
	if err != nil || rn.Kind() != datamodel.Kind_List {
		return nil, fmt.Errorf("%w: no roots list", ErrHeader)
	}
	it := rn.ListIterator()
	for !it.Done() {
		_, e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrHeader, err)
		}
		l, err := e.AsLink()
		if err != nil {
			return nil, fmt.Errorf("%w: root is not a link", ErrHeader)
		}
		cl, ok := l.(cidlink.Link)
		if !ok {
			return nil, fmt.Errorf("%w: root is not a CID", ErrHeader)
		}
		cr.Roots = append(cr.Roots, cl.Cid)
	}
	if len(cr.Roots) == 0 {
		return nil, fmt.Errorf("%w: no roots", ErrHeader)
	}
	return cr, nil
}

// section reads one length-prefixed section into cr.buf. It returns io.EOF
// only at a clean end between sections.
func (cr *Reader) section(limit int) ([]byte, error) {
	start := cr.offset
	n, err := binary.ReadUvarint(byteCounter{cr})
	if err == io.EOF && cr.offset == start {
		return nil, io.EOF
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			return nil, fmt.Errorf("%w at byte %d", ErrTruncated, start)
		}
		return nil, fmt.Errorf("%w at byte %d: %v", ErrBadBlock, start, err)
	}
	if n == 0 || n > uint64(limit) {
		return nil, fmt.Errorf("%w at byte %d: section length %d (limit %d)", ErrBadBlock, start, n, limit)
	}
	if cap(cr.buf) < int(n) {
		cr.buf = make([]byte, n)
	}
	buf := cr.buf[:n]
	m, err := io.ReadFull(cr.r, buf)
	cr.offset += int64(m)
	if err != nil {
		return nil, fmt.Errorf("%w at byte %d: section of %d bytes has %d", ErrTruncated, start, n, m)
	}
	return buf, nil
}

type byteCounter struct{ cr *Reader }

func (b byteCounter) ReadByte() (byte, error) {
	c, err := b.cr.r.ReadByte()
	if err == nil {
		b.cr.offset++
	}
	return c, err
}

// Next returns the next block, checked against its CID, or io.EOF at the
// end. The data is only valid until the next call.
func (cr *Reader) Next() (cid.Cid, []byte, error) {
	start := cr.offset
	sec, err := cr.section(MaxBlockSize + 128)
	if err != nil {
		return cid.Undef, nil, err
	}
	n, c, err := cid.CidFromBytes(sec)
	if err != nil {
		return cid.Undef, nil, fmt.Errorf("%w at byte %d: %v", ErrBadBlock, start, err)
	}
	data := sec[n:]
	if len(data) > MaxBlockSize {
		return cid.Undef, nil, fmt.Errorf("%w at byte %d: block of %d bytes", ErrBadBlock, start, len(data))
	}
	got, err := c.Prefix().Sum(data)
	if err != nil {
		return cid.Undef, nil, fmt.Errorf("%w at byte %d: %v", ErrBadBlock, start, err)
	}
	if !got.Equals(c) {
		return cid.Undef, nil, fmt.Errorf("%w: %s at byte %d hashes to %s", ErrHash, c, start, got)
	}
	return c, data, nil
}
