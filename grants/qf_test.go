package grants

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/notary/merkle"
)

// donors makes n contributions of amount each to a grant, from distinct donors.
func donors(grant uint64, n int, amount int64) []Contribution {
	var out []Contribution
	for i := range n {
		out = append(out, Contribution{Grant: grant, Donor: common.BigToAddress(big.NewInt(int64(grant)*1000 + int64(i) + 1)), Amount: big.NewInt(amount)})
	}
	return out
}

// TestMatchingExamples are the worked examples of doc/quadratic-funding.md.
func TestMatchingExamples(t *testing.T) {
	cat := func(cs ...[]Contribution) (out []Contribution) {
		for _, c := range cs {
			out = append(out, c...)
		}
		return out
	}
	tests := []struct {
		name    string
		pool    int64
		capBps  uint16
		contrib []Contribution
		score   []int64
		match   []int64
		capped  []bool
		root    string
	}{
		{"1: many small beat one large", 1000, 10_000,
			cat(donors(1, 4, 25), donors(2, 1, 100), donors(3, 2, 50)),
			[]int64{300, 0, 99}, []int64{751, 0, 248}, []bool{false, false, false},
			"0x21025b88151e6042d209bdcac2e4a75b4200ca871a9ea8c595d4ad9189a85981"},
		{"2: the cap and its redistribution", 1000, 4000,
			cat(donors(1, 4, 100), donors(2, 3, 100), donors(3, 2, 100)),
			[]int64{1200, 600, 200}, []int64{400, 400, 200}, []bool{true, true, false},
			"0x6e96c2807a84d5dbb9a484ab9b7e2db5d365487f6b15e051d29b4158caf2861d"},
		{"3: all capped, the rest goes back", 1000, 2000,
			cat(donors(1, 2, 100), donors(2, 2, 100)),
			[]int64{200, 200, 0}, []int64{200, 200, 0}, []bool{true, true, false},
			"0xce80a621996e400db608fa5f895b4340e5adb498bfa8a54a7a0dbaa7e4a32324"},
		{"4: a donor's donations add up first", 1000, 10_000,
			cat(donors(1, 1, 50), donors(1, 1, 50), donors(2, 2, 25)),
			[]int64{0, 50, 0}, []int64{0, 1000, 0}, []bool{false, false, false},
			"0xfacf7b3021ce2d559d5ebb1efd5fc6b06cb00e5e000f9303492271521b335096"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ComputeMatching(big.NewInt(tt.pool), tt.capBps, []uint64{1, 2, 3}, tt.contrib)
			if err != nil {
				t.Fatal(err)
			}
			var total int64
			for i, g := range m.Grants {
				if g.Score.Int64() != tt.score[i] || g.Match.Int64() != tt.match[i] || g.Capped != tt.capped[i] {
					t.Errorf("grant %d: score %s match %s capped %v, want %d %d %v", g.Grant, g.Score, g.Match, g.Capped, tt.score[i], tt.match[i], tt.capped[i])
				}
				total += tt.match[i]
				amount, proof, _ := m.Proof(g.Grant)
				if amount.Cmp(g.Match) != 0 || !verifyLeaf(m, MatchLeaf(g.Grant, amount), proof) {
					t.Errorf("grant %d: proof does not verify", g.Grant)
				}
			}
			if m.Total.Int64() != total || total > tt.pool {
				t.Errorf("total %s, want %d (pool %d)", m.Total, total, tt.pool)
			}
			if m.Root.String() != tt.root {
				t.Errorf("root %s, want %s", m.Root, tt.root)
			}
		})
	}
}

func verifyLeaf(m *Matching, leaf merkle.Hash, proof []merkle.Hash) bool {
	return merkle.Verify(m.Root, leaf, proof)
}

// The matching never exceeds the pool, whatever the contributions.
func TestMatchingNeverExceedsPool(t *testing.T) {
	for seed := range 200 {
		var cs []Contribution
		for i := range seed % 40 {
			cs = append(cs, Contribution{Grant: uint64(1 + i%5), Donor: common.BigToAddress(big.NewInt(int64(i % 7))), Amount: big.NewInt(int64(1 + (i*7919+seed*104729)%100_000))})
		}
		pool := big.NewInt(int64(1 + seed*1237))
		m, err := ComputeMatching(pool, uint16(1+seed*50%10_000), []uint64{1, 2, 3, 4, 5}, cs)
		if err != nil {
			t.Fatal(err)
		}
		if m.Total.Cmp(pool) > 0 {
			t.Fatalf("seed %d: total %s over pool %s", seed, m.Total, pool)
		}
		for _, g := range m.Grants {
			if g.Match.Cmp(m.Cap) > 0 {
				t.Fatalf("seed %d: grant %d gets %s over the cap %s", seed, g.Grant, g.Match, m.Cap)
			}
		}
	}
}

// FuzzMatching: whatever the contributions, pool and cap, the matching
// stays within the pool and the cap, is deterministic, and every grant's
// proof verifies against the root.
func FuzzMatching(f *testing.F) {
	f.Add([]byte{1, 25, 1, 25, 2, 100, 3, 50, 3, 50}, uint64(1000), uint16(10_000))
	f.Add([]byte{1, 100, 1, 100, 2, 100, 2, 100, 2, 100}, uint64(1000), uint16(4000))
	f.Fuzz(func(t *testing.T, data []byte, pool uint64, capBps uint16) {
		capBps = capBps%10_000 + 1
		var cs []Contribution
		for i := 0; i+1 < len(data); i += 2 {
			cs = append(cs, Contribution{Grant: uint64(data[i]%5 + 1), Donor: common.BigToAddress(big.NewInt(int64(i % 11))),
				Amount: new(big.Int).Lsh(big.NewInt(int64(data[i+1])), uint(data[i]%40))})
		}
		p := new(big.Int).SetUint64(pool)
		ids := []uint64{1, 2, 3, 4}
		m, err := ComputeMatching(p, capBps, ids, cs)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := ComputeMatching(p, capBps, ids, cs)
		if m.Root != again.Root {
			t.Fatal("two computations differ")
		}
		if m.Total.Cmp(p) > 0 {
			t.Fatalf("total %s over pool %s", m.Total, p)
		}
		for _, g := range m.Grants {
			if g.Match.Cmp(m.Cap) > 0 || g.Score.Sign() < 0 {
				t.Fatalf("grant %d: match %s (cap %s), score %s", g.Grant, g.Match, m.Cap, g.Score)
			}
			amount, proof, _ := m.Proof(g.Grant)
			if !verifyLeaf(m, MatchLeaf(g.Grant, amount), proof) {
				t.Fatalf("grant %d: proof does not verify", g.Grant)
			}
		}
	})
}
