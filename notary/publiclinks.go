package notary

import "github.com/ipfs/go-cid"

// Links returns the CIDs a block links to, as Export follows them: dag-pb
// links, links anywhere in dag-cbor (a manifest of sealed content links to
// the ciphertext only), none for raw blocks.
func Links(c cid.Cid, data []byte) ([]cid.Cid, error) { return links(c, data) }
