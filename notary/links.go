package notary

import (
	"bytes"
	"fmt"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
	"github.com/ipld/go-ipld-prime/node/basicnode"
)

// links returns the CIDs a block links to, in the order they appear:
// dag-pb links, links anywhere in dag-cbor, none for raw. A manifest of
// sealed content links to the ciphertext, not to the plaintext.
func links(c cid.Cid, data []byte) ([]cid.Cid, error) {
	switch c.Type() {
	case cid.Raw:
		return nil, nil
	case cid.DagProtobuf:
		pn, err := merkledag.DecodeProtobuf(data)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", c, err)
		}
		out := make([]cid.Cid, len(pn.Links()))
		for i, l := range pn.Links() {
			out[i] = l.Cid
		}
		return out, nil
	case cid.DagCBOR:
		nb := basicnode.Prototype.Any.NewBuilder()
		if err := (dagcbor.DecodeOptions{AllowLinks: true}).Decode(nb, bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("decode %s: %w", c, err)
		}
		var out []cid.Cid
		var walk func(n datamodel.Node)
		walk = func(n datamodel.Node) {
			switch n.Kind() {
			case datamodel.Kind_Link:
				if l, err := n.AsLink(); err == nil {
					if cl, ok := l.(cidlink.Link); ok {
						out = append(out, cl.Cid)
					}
				}
			case datamodel.Kind_Map:
				for it := n.MapIterator(); !it.Done(); {
					_, v, err := it.Next()
					if err != nil {
						return
					}
					walk(v)
				}
			case datamodel.Kind_List:
				for it := n.ListIterator(); !it.Done(); {
					_, v, err := it.Next()
					if err != nil {
						return
					}
					walk(v)
				}
			}
		}
		n := nb.Build()
		if content, err := n.LookupByString("content"); err == nil {
			if sealed, err := content.LookupByString("sealed"); err == nil {
				// Sealed content: the plaintext blocks are not stored, so
				// its root and files are named, not linked to.
				walk(sealed)
				for it := n.MapIterator(); !it.Done(); {
					k, v, err := it.Next()
					if err != nil {
						break
					}
					if ks, _ := k.AsString(); ks != "content" {
						walk(v)
					}
				}
				return out, nil
			}
		}
		walk(n)
		return out, nil
	default:
		// Blocks of other codecs are stored and exported, but not walked.
		return nil, nil
	}
}
