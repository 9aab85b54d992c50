package notary

import (
	"crypto/sha256"
	"runtime"
	"sync"

	"github.com/klauspost/cpuid/v2"
	simd "github.com/minio/sha256-simd"
)

// Leaves are hashed in parallel, and how depends on the CPU. With SHA-NI,
// crypto/sha256 does about 1.2 GB/s a core and one goroutine per core is
// best. Without it, crypto/sha256 manages about 230 MB/s a core on the
// AVX-512 Xeons CI runs on, while sha256-simd's AVX-512 server hashes 16
// chunks at once in the lanes of one register at about 780 MB/s, so there
// 16 chunks are hashed at a time through one server.
var (
	useAVX512 = !cpuid.CPU.Supports(cpuid.SHA) &&
		cpuid.CPU.Supports(cpuid.AVX512F, cpuid.AVX512DQ, cpuid.AVX512BW, cpuid.AVX512VL)

	avx512Once   sync.Once
	avx512Server *simd.Avx512Server
)

// hashWorkers is how many chunks to hash at once.
func hashWorkers() int {
	if useAVX512 {
		return 16
	}
	return runtime.GOMAXPROCS(0)
}

// sum256 is SHA-256 by the fastest means this CPU has; safe for
// concurrent use.
func sum256(data []byte) [32]byte {
	if !useAVX512 {
		return sha256.Sum256(data)
	}
	avx512Once.Do(func() { avx512Server = simd.NewAvx512Server() })
	h := simd.NewAvx512(avx512Server)
	h.Write(data)
	var out [32]byte
	h.Sum(out[:0])
	return out
}
