package notary

import (
	"bytes"
	"context"
	"runtime"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	"golang.org/x/sync/errgroup"

	"github.com/desci-platform/desci/notary/index"
)

// A Doc is one small in-memory file to notarize with NotarizeMany: the
// manifest says pub and holds one file, Name, with Data.
type Doc struct {
	Pub  Publication
	Name string
	Data []byte
}

// NotarizeMany notarizes many small files as Notarize does one each (the
// same content DAGs, pins and signed manifests, each queued for
// anchoring), with one sync of the block store and one index transaction
// for the whole batch instead of two of each per file. It returns the
// manifests' CIDs in the order of docs. Nothing is indexed unless every
// manifest was made.
func (s *Store) NotarizeMany(ctx context.Context, docs []Doc, signer Signer) ([]cid.Cid, error) {
	prof, err := LookupProfile("")
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	pins := make([]index.Pin, len(docs))
	recs := make([]index.Manifest, len(docs))
	out := make([]cid.Cid, len(docs))
	// Signing and storing are independent per document: on every core.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, d := range docs {
		g.Go(func() error {
			m, err := s.newManifest(ctx, d.Pub, signer)
			if err != nil {
				return err
			}
			var r ref
			if len(d.Data) <= prof.ChunkSize {
				r, err = rawLeaf(ctx, d.Data, s.blocks.Put) // one chunk: the leaf is the file, as importFile makes it
			} else {
				r, err = importFile(ctx, bytes.NewReader(d.Data), prof, s.blocks.Put, nil)
			}
			if err != nil {
				return err
			}
			m.Content = &Content{Root: r.cid, Profile: prof.Name, Files: []File{{Path: d.Name, CID: r.cid, Size: r.fileSize}}}
			if err := m.SignWith(signer.Address(), signer.SignHash); err != nil {
				return err
			}
			c, data, err := m.Encode()
			if err != nil {
				return err
			}
			b, err := blocks.NewBlockWithCid(data, c)
			if err != nil {
				return err
			}
			if err := s.blocks.Put(ctx, b); err != nil {
				return err
			}
			pins[i] = index.Pin{Root: r.cid, Profile: prof.Name, Size: r.fileSize, Added: now}
			recs[i] = indexRecord(c, m, true)
			out[i] = c
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// Blocks durable before the index names them, as Notarize does.
	if err := s.sync(); err != nil {
		return nil, err
	}
	if err := s.index.AddPins(pins); err != nil {
		return nil, err
	}
	if err := s.index.PutManifests(recs, true); err != nil {
		return nil, err
	}
	return out, nil
}
