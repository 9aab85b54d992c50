package grants_test

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants"
)

// Example 2 of doc/quadratic-funding.md: a pool of 1000 with a 40% cap
// over grants with 4, 3 and 2 donors of 100 each.
func ExampleComputeMatching() {
	var cs []grants.Contribution
	for g, donors := range map[uint64]int{1: 4, 2: 3, 3: 2} {
		for i := range donors {
			cs = append(cs, grants.Contribution{Grant: g, Donor: common.BigToAddress(big.NewInt(int64(10*g) + int64(i))), Amount: big.NewInt(100)})
		}
	}
	m, err := grants.ComputeMatching(big.NewInt(1000), 4000, []uint64{1, 2, 3}, cs)
	if err != nil {
		panic(err)
	}
	for _, g := range m.Grants {
		fmt.Printf("grant %d: score %s, match %s, capped %v\n", g.Grant, g.Score, g.Match, g.Capped)
	}
	fmt.Println("total", m.Total, "root", m.Root)
	// Output:
	// grant 1: score 1200, match 400, capped true
	// grant 2: score 600, match 400, capped true
	// grant 3: score 200, match 200, capped false
	// total 1000 root 0x6e96c2807a84d5dbb9a484ab9b7e2db5d365487f6b15e051d29b4158caf2861d
}
