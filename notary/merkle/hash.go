package merkle

import (
	"encoding/hex"
	"fmt"
)

// Hash is a keccak256 digest: a leaf, an inner node or a root.
type Hash [32]byte

// String returns h as 0x followed by 64 lowercase hex digits, the form
// Solidity tools print. It must be lowercase: OpenZeppelin's JavaScript
// verify compares hex strings, not bytes.
func (h Hash) String() string {
	var b [2 + 2*len(h)]byte
	copy(b[:], "0x")
	hex.Encode(b[2:], h[:])
	return string(b[:])
}

// ParseHash parses 0x followed by exactly 64 hex digits (either case).
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 2+2*len(h) || (s[:2] != "0x" && s[:2] != "0X") {
		return h, fmt.Errorf("merkle: hash %q is not 0x and 64 hex digits", s)
	}
	if _, err := hex.Decode(h[:], []byte(s[2:])); err != nil {
		return Hash{}, fmt.Errorf("merkle: hash %q: %w", s, err)
	}
	return h, nil
}

// MarshalText encodes h as String does, so JSON carries 0x-hex strings.
func (h Hash) MarshalText() ([]byte, error) {
	return []byte(h.String()), nil
}

// UnmarshalText decodes what ParseHash accepts.
func (h *Hash) UnmarshalText(text []byte) error {
	v, err := ParseHash(string(text))
	if err != nil {
		return err
	}
	*h = v
	return nil
}
