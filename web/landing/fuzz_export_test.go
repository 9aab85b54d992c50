package landing

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/notary"
)

// FuzzExports: whatever a stranger writes in a manifest's text fields,
// BibTeX values stay inside their braces, every RIS line is one tag, the
// JSON formats parse, and the JSON-LD cannot close its script element.
func FuzzExports(f *testing.F) {
	f.Add(hostileTitle, hostileDesc, "Smith and Jones", "a}b")
	f.Add("}", "{", "\\", "%")
	f.Add("\u2028", "\r", "</SCRIPT>", "<!--")
	c, _ := cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}.Sum([]byte("fuzz"))
	risLine := regexp.MustCompile(`^[A-Z][A-Z0-9]  - [^\r\n]*$`)
	f.Fuzz(func(t *testing.T, title, desc, author, keyword string) {
		m := &notary.Manifest{Kind: notary.KindDataset, Title: title, Description: desc, Authors: []notary.Author{{Name: author}},
			Keywords: []string{keyword}, Created: created, License: "CC-BY-4.0"}
		r := newRecord(c, m, "https://desci.example.org")
		bib := string(r.bibtex())
		depth := 0
		for i := 0; i < len(bib); i++ {
			switch bib[i] {
			case '\\':
				i++
			case '{':
				depth++
			case '}':
				depth--
				if depth < 0 {
					t.Fatalf("a brace closes the entry early:\n%s", bib)
				}
			case '\n':
				if depth != 1 && i != len(bib)-1 {
					t.Fatalf("a line ends inside a value:\n%s", bib)
				}
			case '%':
				t.Fatalf("an unescaped %%:\n%s", bib)
			}
		}
		if depth != 0 {
			t.Fatalf("braces do not balance:\n%s", bib)
		}
		ris := strings.TrimSuffix(string(r.ris()), "\r\n")
		for _, l := range strings.Split(ris, "\r\n") {
			if !risLine.MatchString(l) || strings.HasPrefix(l, "ER") != (l == "ER  - ") {
				t.Fatalf("RIS line %q", l)
			}
		}
		for _, render := range []func() ([]byte, error){r.cslJSON, r.dataCite} {
			b, err := render()
			if err != nil || !json.Valid(b) {
				t.Fatalf("%v: %s", err, b)
			}
		}
		ld, err := r.jsonLD(&pageView{})
		if err != nil || !json.Valid(ld) {
			t.Fatalf("%v: %s", err, ld)
		}
		if l := strings.ToLower(string(ld)); strings.Contains(l, "</") || strings.Contains(l, "<!--") {
			t.Fatalf("the JSON-LD can end its element: %s", ld)
		}
	})
}
