package landing

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/ipfs/go-cid"
)

// maxCIDText bounds the CID text a request may carry: a CIDv1 of a
// sha2-512 digest in base32 has about 120 characters.
const maxCIDText = 256

// ParseCID reads the CID of a /m/CID URL, in any multibase Kubo accepts.
// Its error says in words what is wrong, quoting at most the first 64
// characters of the input.
func ParseCID(s string) (cid.Cid, error) {
	switch {
	case s == "":
		return cid.Undef, fmt.Errorf("The address has no CID: /m/ is followed by the CID of a research object (bafyrei…).")
	case len(s) > maxCIDText:
		return cid.Undef, fmt.Errorf("%s is not a CID: it is %d characters long; a CID has at most %d.", quote(s), len(s), maxCIDText)
	}
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, fmt.Errorf("%s is not a CID (%v): a research object's address is /m/ and the CID of its manifest, such as bafyrei….", quote(s), err)
	}
	return c, nil
}

// quote quotes at most 64 characters of s, in Go syntax, so that control
// characters and invalid UTF-8 are seen for what they are.
func quote(s string) string {
	if len(s) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
