package notary

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"
)

// BenchmarkImport measures the CID of 64 MiB in memory under each profile,
// beside one core of crypto/sha256 over the same bytes (the limit a
// single-threaded importer, like boxo's, cannot beat).
func BenchmarkImport(b *testing.B) {
	data := stream("bench", 64<<20)
	b.Run("sha256-one-core", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sha256.Sum256(data)
		}
	})
	for _, p := range ProfileNames() {
		b.Run(p, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := ImportReader(context.Background(), bytes.NewReader(data), nil, p, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("boxo-balanced-kubo-cidv1", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			boxoFile(b, data, ProfileKuboCIDv1.ChunkSize, ProfileKuboCIDv1.FileMaxLinks)
		}
	})
}
