package landing

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/desci-platform/desci/notary"
)

// BenchmarkPage renders the page of a dataset of 1,000 files, anchored
// state read from the index, the whole handler included: the issue asks
// for under 50 ms.
func BenchmarkPage(b *testing.B) {
	f := getFixture(b)
	ctx := context.Background()
	dir := b.TempDir()
	s, err := notary.Open(filepath.Join(dir, "store"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tree := filepath.Join(dir, "tree")
	for i := range 1000 {
		p := filepath.Join(tree, fmt.Sprintf("sub%02d", i%20), fmt.Sprintf("measurement-%04d.csv", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, fmt.Appendf(nil, "id,value\n%d,%d\n", i, i*i), 0o644)
	}
	c, _, err := s.Notarize(ctx, tree, notary.Publication{Kind: notary.KindDataset, Title: "A thousand files", Description: "One file per measurement.",
		Authors: []notary.Author{{Name: "Ada Lovelace", ORCID: "0000-0002-1825-0097"}}, License: "CC-BY-4.0", Created: created}, notary.ImportOptions{}, f.key)
	if err != nil {
		b.Fatal(err)
	}
	h, err := New(Options{Notary: s, Index: s.Index(), PublicURL: "https://desci.example.org", Chain: fakeChain{final: 10}, ChainID: 1337})
	if err != nil {
		b.Fatal(err)
	}
	path := "/m/" + c.String()
	if res := get(b, h, path); res.StatusCode != 200 {
		b.Fatalf("status %d", res.StatusCode)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
		b.SetBytes(int64(w.Body.Len()))
	}
}
