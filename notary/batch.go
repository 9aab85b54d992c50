package notary

import (
	"bytes"
	"context"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

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
	pins := make([]index.Pin, 0, len(docs))
	recs := make([]index.Manifest, 0, len(docs))
	out := make([]cid.Cid, 0, len(docs))
	for _, d := range docs {
		m, err := s.newManifest(ctx, d.Pub, signer)
		if err != nil {
			return nil, err
		}
		r, err := importFile(ctx, bytes.NewReader(d.Data), prof, s.blocks.Put, nil)
		if err != nil {
			return nil, err
		}
		m.Content = &Content{Root: r.cid, Profile: prof.Name, Files: []File{{Path: d.Name, CID: r.cid, Size: r.fileSize}}}
		if err := m.SignWith(signer.Address(), signer.SignHash); err != nil {
			return nil, err
		}
		c, data, err := m.Encode()
		if err != nil {
			return nil, err
		}
		b, err := blocks.NewBlockWithCid(data, c)
		if err != nil {
			return nil, err
		}
		if err := s.blocks.Put(ctx, b); err != nil {
			return nil, err
		}
		pins = append(pins, index.Pin{Root: r.cid, Profile: prof.Name, Size: r.fileSize, Added: now})
		recs = append(recs, indexRecord(c, m, true))
		out = append(out, c)
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
