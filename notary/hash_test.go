package notary

import (
	"crypto/sha256"
	"sync"
	"testing"
)

// TestSum256 holds the fast hash equal to crypto/sha256 for every length
// around the 64-byte block and padding boundaries, hashed concurrently as
// the importer does.
func TestSum256(t *testing.T) {
	for _, avx := range []bool{false, useAVX512} {
		saved := useAVX512
		useAVX512 = avx
		data := stream("sum", 300)
		var wg sync.WaitGroup
		for n := 0; n <= len(data); n++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got, want := sum256(data[:n]), sha256.Sum256(data[:n]); got != want {
					t.Errorf("avx512=%v len %d: %x, want %x", avx, n, got, want)
				}
			}()
		}
		wg.Wait()
		useAVX512 = saved
	}
}
