package landing

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ipfs/go-cid"
)

func FuzzParseCID(f *testing.F) {
	for _, s := range []string{
		"bafyreicyzeq3ijbap2nhzfsdqczb6oes74ktdka4kir4b7ypdanaqb7xqi", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
		"zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7", "BAFYREICYZEQ3IJBAP2NHZFSDQCZB6OES74KTDKA4KIR4B7YPDANAQB7XQI",
		"", "b", "not-a-cid", "bafy\x00\n", strings.Repeat("b", 300), "f01711220", "mAXESIA",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCID(s)
		if err != nil {
			msg := err.Error()
			if len(msg) > 600 || !utf8.ValidString(msg) || strings.ContainsAny(msg, "\x00\n\r") {
				t.Fatalf("error for %q: %q", s, msg)
			}
			return
		}
		again, err := cid.Decode(c.String())
		if err != nil || !again.Equals(c) {
			t.Fatalf("%q parses to %s, which does not parse back (%v)", s, c, err)
		}
	})
}
