package kubo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/url"
	"strings"
	"sync"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	"github.com/multiformats/go-multicodec"
	mh "github.com/multiformats/go-multihash"
)

// MaxBlockSize bounds a block read from the node: our importer makes
// blocks of at most 1 MiB (Kubo's own limit for blocks it exchanges), and
// a node that answers more is not believed.
const MaxBlockSize = 2 << 20

// ErrWrongBlock is returned when the node gives back other bytes than the
// CID names, or stores a block under another hash than ours.
var ErrWrongBlock = errors.New("kubo: the node's block does not match its CID")

// A Blockstore keeps blocks on a Kubo node, through its RPC API
// (block/put, block/get, block/stat, block/rm, refs/local): the block
// store several desci serve replicas share (doc/scale-out.md). It
// implements boxo's blockstore.Blockstore.
//
// Every block read is checked against its CID here, so a node that loses
// or alters a block is reported, never believed. Reads are --offline: a
// block the node lacks is not found, never fetched from the network.
// The node must be a private one (no public swarm, Routing.Type none): the
// store holds consents and other private kinds, which only Client's
// PublishPublic may put on a public node.
type Blockstore struct {
	c *Client
	// puts bounds the concurrent block/put calls PutMany makes.
	puts int
}

// NewBlockstore returns the blockstore of the node c talks to.
func NewBlockstore(c *Client) *Blockstore { return &Blockstore{c: c, puts: 8} }

var offline = url.Values{"offline": {"true"}}

func args(c cid.Cid, more url.Values) url.Values {
	q := url.Values{"arg": {c.String()}}
	for k, v := range more {
		q[k] = v
	}
	return q
}

// notFound reports whether the node's error means it lacks the block.
func notFound(err error) bool {
	return errors.Is(err, ErrKubo) && (strings.Contains(err.Error(), "not found") || strings.Contains(err.Error(), "no such block"))
}

// Get returns the block, checked against c.
func (bs *Blockstore) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) {
	resp, err := bs.c.post(ctx, "block/get", args(c, offline), "", nil)
	if notFound(err) {
		return nil, ipld.ErrNotFound{Cid: c}
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBlockSize+1))
	if err != nil {
		return nil, fmt.Errorf("kubo: block/get %s: %w", c, err)
	}
	if len(data) > MaxBlockSize {
		return nil, fmt.Errorf("%w: %s: over %d bytes", ErrWrongBlock, c, MaxBlockSize)
	}
	got, err := c.Prefix().Sum(data)
	if err != nil {
		return nil, fmt.Errorf("kubo: block %s: %w", c, err)
	}
	if !bytes.Equal(got.Hash(), c.Hash()) {
		return nil, fmt.Errorf("%w: %s", ErrWrongBlock, c)
	}
	return blocks.NewBlockWithCid(data, c)
}

type stat struct {
	Key  string
	Size int
}

func (bs *Blockstore) stat(ctx context.Context, c cid.Cid) (*stat, error) {
	resp, err := bs.c.post(ctx, "block/stat", args(c, offline), "", nil)
	if notFound(err) {
		return nil, ipld.ErrNotFound{Cid: c}
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var s stat
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&s); err != nil {
		return nil, fmt.Errorf("kubo: block/stat %s: %w", c, err)
	}
	return &s, nil
}

// Has reports whether the node has the block.
func (bs *Blockstore) Has(ctx context.Context, c cid.Cid) (bool, error) {
	_, err := bs.stat(ctx, c)
	if ipld.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// GetSize returns the block's size as the node reports it.
func (bs *Blockstore) GetSize(ctx context.Context, c cid.Cid) (int, error) {
	s, err := bs.stat(ctx, c)
	if err != nil {
		return -1, err
	}
	return s.Size, nil
}

// Put stores the block. The node hashes what it received; a different
// hash than the block's CID is an error (the block was altered on the way).
func (bs *Blockstore) Put(ctx context.Context, b blocks.Block) error {
	p := b.Cid().Prefix()
	codec := multicodec.Code(p.Codec).String()
	if strings.HasPrefix(codec, "Code(") {
		return fmt.Errorf("kubo: block %s: codec %#x has no name", b.Cid(), p.Codec)
	}
	hash, ok := mh.Codes[p.MhType]
	if !ok {
		return fmt.Errorf("kubo: block %s: hash %#x has no name", b.Cid(), p.MhType)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("data", "block")
	part.Write(b.RawData())
	mw.Close()
	q := url.Values{"cid-codec": {codec}, "mhtype": {hash}, "mhlen": {fmt.Sprint(p.MhLength)}, "pin": {"false"}}
	resp, err := bs.c.post(ctx, "block/put", q, mw.FormDataContentType(), &body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var s stat
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&s); err != nil {
		return fmt.Errorf("kubo: block/put %s: %w", b.Cid(), err)
	}
	got, err := cid.Decode(s.Key)
	if err != nil || !bytes.Equal(got.Hash(), b.Cid().Hash()) {
		return fmt.Errorf("%w: put %s, the node stored %q", ErrWrongBlock, b.Cid(), s.Key)
	}
	return nil
}

// PutMany stores the blocks, several requests at a time.
func (bs *Blockstore) PutMany(ctx context.Context, bl []blocks.Block) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	sem := make(chan struct{}, bs.puts)
	for _, b := range bl {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := bs.Put(ctx, b); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}

// DeleteBlock removes the block from the node.
func (bs *Blockstore) DeleteBlock(ctx context.Context, c cid.Cid) error {
	resp, err := bs.c.post(ctx, "block/rm", args(c, nil), "", nil)
	if notFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// block/rm answers 200 and names a failure in the body.
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var line struct{ Hash, Error string }
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Error != "" && !strings.Contains(line.Error, "not found") {
			return fmt.Errorf("%w: block/rm %s: %s", ErrKubo, c, line.Error)
		}
	}
	return sc.Err()
}

// AllKeysChan lists every block the node has (refs/local), as raw CIDs
// of their multihashes.
func (bs *Blockstore) AllKeysChan(ctx context.Context) (<-chan cid.Cid, error) {
	resp, err := bs.c.post(ctx, "refs/local", nil, "", nil)
	if err != nil {
		return nil, err
	}
	out := make(chan cid.Cid, 64)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			var line struct{ Ref, Err string }
			if json.Unmarshal(sc.Bytes(), &line) != nil || line.Err != "" {
				continue
			}
			c, err := cid.Decode(line.Ref)
			if err != nil {
				continue
			}
			select {
			case out <- cid.NewCidV1(cid.Raw, c.Hash()):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// Ping asks the node who it is: whether it answers.
func (bs *Blockstore) Ping(ctx context.Context) error {
	_, err := bs.c.ID(ctx)
	return err
}

// HashOnRead is a no-op: every read is checked already.
func (bs *Blockstore) HashOnRead(bool) {}
