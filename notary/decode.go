package notary

import (
	"bytes"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	cidlink "github.com/ipld/go-ipld-prime/linking/cid"
	"github.com/ipld/go-ipld-prime/node/basicnode"
)

// DecodeManifest parses a signed manifest block. It accepts only the
// canonical encoding this package writes (so one manifest has one CID),
// and checks the fields and the signature.
func DecodeManifest(data []byte) (*Manifest, error) {
	if len(data) > MaxManifestSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrNotManifest, len(data))
	}
	nb := basicnode.Prototype.Any.NewBuilder()
	if err := (dagcbor.DecodeOptions{AllowLinks: true, DontParseBeyondEnd: false}).Decode(nb, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotManifest, err)
	}
	d := &decoder{}
	m := d.manifest(nb.Build())
	if d.err != nil {
		return nil, d.err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	_, canon, err := m.Encode()
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(canon, data) {
		return nil, fmt.Errorf("%w: not in canonical form", ErrInvalid)
	}
	if err := m.VerifySignature(); err != nil {
		return nil, err
	}
	return m, nil
}

// decoder walks the data model, keeping the first error.
type decoder struct {
	err  error
	path string
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s%s", ErrInvalid, d.path, fmt.Sprintf(format, args...))
	}
}

// fields iterates a map, calling f for each key; unknown keys are errors.
func (d *decoder) fields(n datamodel.Node, what string, f func(key string, v datamodel.Node) bool) {
	if d.err != nil {
		return
	}
	if n.Kind() != datamodel.Kind_Map {
		d.fail("%s is not a map", what)
		return
	}
	it := n.MapIterator()
	for !it.Done() {
		k, v, err := it.Next()
		if err != nil {
			d.fail("%v", err)
			return
		}
		key, _ := k.AsString()
		if !f(key, v) {
			d.fail("unknown field %q in %s", key, what)
			return
		}
	}
}

func (d *decoder) str(n datamodel.Node, what string) string {
	s, err := n.AsString()
	if err != nil {
		d.fail("%s is not a string", what)
	}
	return s
}

func (d *decoder) link(n datamodel.Node, what string) cid.Cid {
	l, err := n.AsLink()
	if err != nil {
		d.fail("%s is not a link", what)
		return cid.Undef
	}
	cl, ok := l.(cidlink.Link)
	if !ok {
		d.fail("%s is not a CID", what)
		return cid.Undef
	}
	return cl.Cid
}

func (d *decoder) list(n datamodel.Node, what string, f func(datamodel.Node)) {
	if n.Kind() != datamodel.Kind_List {
		d.fail("%s is not a list", what)
		return
	}
	it := n.ListIterator()
	for !it.Done() && d.err == nil {
		_, v, err := it.Next()
		if err != nil {
			d.fail("%v", err)
			return
		}
		f(v)
	}
}

func (d *decoder) manifest(n datamodel.Node) *Manifest {
	m := &Manifest{}
	if n.Kind() != datamodel.Kind_Map {
		d.err = fmt.Errorf("%w: top level is %s, not a map", ErrNotManifest, n.Kind())
		return nil
	}
	if v, err := n.LookupByString("version"); err != nil {
		d.err = fmt.Errorf("%w: no version field", ErrNotManifest)
		return nil
	} else if ver, err := v.AsInt(); err != nil || ver != ManifestVersion {
		d.err = fmt.Errorf("%w: manifest version %d is not supported (want %d)", ErrInvalid, ver, ManifestVersion)
		return nil
	}
	d.fields(n, "manifest", func(k string, v datamodel.Node) bool {
		switch k {
		case "version":
		case "kind":
			m.Kind = d.str(v, k)
		case "title":
			m.Title = d.str(v, k)
		case "description":
			m.Description = d.str(v, k)
		case "license":
			m.License = d.str(v, k)
		case "reason":
			m.Reason = d.str(v, k)
		case "created":
			t, err := time.Parse(time.RFC3339, d.str(v, k))
			if err != nil {
				d.fail("created: %v", err)
			}
			m.Created = t.UTC()
		case "authors":
			d.list(v, k, func(a datamodel.Node) {
				var au Author
				d.fields(a, "author", func(k string, v datamodel.Node) bool {
					switch k {
					case "name":
						au.Name = d.str(v, k)
					case "orcid":
						au.ORCID = d.str(v, k)
					default:
						return false
					}
					return true
				})
				m.Authors = append(m.Authors, au)
			})
		case "keywords":
			d.list(v, k, func(w datamodel.Node) { m.Keywords = append(m.Keywords, d.str(w, "keyword")) })
		case "content":
			m.Content = d.content(v)
		case "dictionary":
			m.Dictionary = d.link(v, k)
		case "extract":
			m.Extract = d.provenance(v)
		case "run":
			m.Run = d.run(v)
		case "attestation":
			m.Attestation = d.attestation(v)
		case "supersedes":
			m.Supersedes = d.link(v, k)
		case "corrects":
			m.Corrects = d.link(v, k)
		case "signer":
			b, err := v.AsBytes()
			if err != nil || len(b) != common.AddressLength {
				d.fail("signer is not a 20-byte address")
			}
			m.Signer = common.BytesToAddress(b)
		case "signature":
			b, err := v.AsBytes()
			if err != nil {
				d.fail("signature is not bytes")
			}
			m.Signature = b
		default:
			return false
		}
		return true
	})
	if d.err == nil && m.Signature == nil {
		d.fail("no signature")
	}
	return m
}

func (d *decoder) content(n datamodel.Node) *Content {
	c := &Content{}
	d.fields(n, "content", func(k string, v datamodel.Node) bool {
		switch k {
		case "root":
			c.Root = d.link(v, "content root")
		case "profile":
			c.Profile = d.str(v, "profile")
		case "files":
			d.list(v, "files", func(fn datamodel.Node) {
				var f File
				d.fields(fn, "file", func(k string, v datamodel.Node) bool {
					switch k {
					case "path":
						f.Path = d.str(v, "file path")
					case "cid":
						f.CID = d.link(v, "file cid")
					case "size":
						sz, err := v.AsInt()
						if err != nil || sz < 0 {
							d.fail("file size is not a non-negative integer")
						}
						f.Size = uint64(sz)
					default:
						return false
					}
					return true
				})
				c.Files = append(c.Files, f)
			})
		case "sealed":
			c.Sealed = d.link(v, "sealed content")
		default:
			return false
		}
		return true
	})
	return c
}

func (d *decoder) provenance(n datamodel.Node) *Provenance {
	p := &Provenance{}
	d.fields(n, "extract", func(k string, v datamodel.Node) bool {
		switch k {
		case "dataset":
			p.Dataset = d.link(v, "extract dataset")
		case "settings":
			p.Settings = d.link(v, "extract settings")
		case "risk":
			p.Risk = d.link(v, "extract risk")
		case "study":
			p.Study = d.str(v, "extract study")
		case "requester":
			p.Requester = d.str(v, "extract requester")
		case "purpose":
			p.Purpose = d.str(v, "extract purpose")
		case "policy":
			p.Policy = d.str(v, "extract policy")
		case "consentRoot":
			b, err := v.AsBytes()
			if err != nil || len(b) != common.HashLength {
				d.fail("extract consentRoot is not 32 bytes")
				return true
			}
			p.ConsentRoot = common.BytesToHash(b)
		case "consents":
			p.Consents = d.link(v, "extract consents")
		default:
			return false
		}
		return true
	})
	return p
}
