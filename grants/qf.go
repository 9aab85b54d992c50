package grants

import (
	"errors"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/notary/merkle"
)

// Contribution is one donation through a round (a RoundDonated event).
type Contribution struct {
	Grant  uint64
	Donor  common.Address
	Amount *big.Int
}

// GrantMatch is one eligible grant's line in a round's matching.
type GrantMatch struct {
	Grant uint64 `json:"grant"`
	// Donors is how many distinct donors gave through the round, and
	// Raised what they gave in all.
	Donors int      `json:"donors"`
	Raised *big.Int `json:"raised"`
	// Score is (Σ √c_i)² − Σ c_i in integers (doc/quadratic-funding.md).
	Score  *big.Int `json:"score"`
	Match  *big.Int `json:"match"`
	Capped bool     `json:"capped"`
}

// Matching is a round's result: one line per eligible grant, in the
// order the round lists them, and the StandardMerkleTree of
// (uint256 grantId, uint256 match) the operator commits.
type Matching struct {
	Pool   *big.Int     `json:"pool"`
	CapBps uint16       `json:"cap_bps"`
	Cap    *big.Int     `json:"cap"`
	Grants []GrantMatch `json:"grants"`
	Total  *big.Int     `json:"total"`
	Root   merkle.Hash  `json:"root"`
	tree   *merkle.Tree
}

// ErrNoGrants is ComputeMatching with no eligible grants.
var ErrNoGrants = errors.New("grants: a round needs eligible grants")

// sqrtScale: √c is computed as isqrt(c · 2^64), √c in units of 2^-32, so
// that small donations keep 32 fractional bits.
const sqrtShift = 64

// ComputeMatching distributes pool over the eligible grants by capped
// quadratic funding (CLR), exactly as doc/quadratic-funding.md specifies,
// in integers so that every verifier gets the same amounts to the unit.
// Contributions to grants not in eligible are ignored.
func ComputeMatching(pool *big.Int, capBps uint16, eligible []uint64, contributions []Contribution) (*Matching, error) {
	if len(eligible) == 0 {
		return nil, ErrNoGrants
	}
	m := &Matching{Pool: new(big.Int).Set(pool), CapBps: capBps, Total: new(big.Int)}
	m.Cap = new(big.Int).Div(new(big.Int).Mul(pool, big.NewInt(int64(capBps))), big.NewInt(10_000))
	index := map[uint64]int{}
	perDonor := make([]map[common.Address]*big.Int, len(eligible))
	for i, g := range eligible {
		index[g] = i
		perDonor[i] = map[common.Address]*big.Int{}
		m.Grants = append(m.Grants, GrantMatch{Grant: g, Raised: new(big.Int), Score: new(big.Int), Match: new(big.Int)})
	}
	for _, c := range contributions {
		i, ok := index[c.Grant]
		if !ok || c.Amount.Sign() <= 0 {
			continue
		}
		if perDonor[i][c.Donor] == nil {
			perDonor[i][c.Donor] = new(big.Int)
		}
		perDonor[i][c.Donor].Add(perDonor[i][c.Donor], c.Amount)
	}
	for i := range m.Grants {
		g := &m.Grants[i]
		sum := new(big.Int)
		for _, c := range perDonor[i] {
			g.Raised.Add(g.Raised, c)
			sum.Add(sum, new(big.Int).Sqrt(new(big.Int).Lsh(c, sqrtShift)))
		}
		g.Donors = len(perDonor[i])
		score := new(big.Int).Rsh(new(big.Int).Mul(sum, sum), sqrtShift)
		score.Sub(score, g.Raised)
		if score.Sign() > 0 {
			g.Score = score
		}
	}

	// Share what remains among the uncapped grants by score; any grant
	// whose share would pass the cap gets the cap, leaves, and the rest is
	// shared again among the others, until no share passes the cap.
	remaining := new(big.Int).Set(pool)
	var active []int
	for i, g := range m.Grants {
		if g.Score.Sign() > 0 {
			active = append(active, i)
		}
	}
	for len(active) > 0 {
		total := new(big.Int)
		for _, i := range active {
			total.Add(total, m.Grants[i].Score)
		}
		shares := make([]*big.Int, len(active))
		anyCapped := false
		for k, i := range active {
			shares[k] = new(big.Int).Div(new(big.Int).Mul(remaining, m.Grants[i].Score), total)
			if shares[k].Cmp(m.Cap) > 0 {
				anyCapped = true
			}
		}
		if !anyCapped {
			for k, i := range active {
				m.Grants[i].Match = shares[k]
			}
			break
		}
		var next []int
		for k, i := range active {
			if shares[k].Cmp(m.Cap) > 0 {
				m.Grants[i].Match = new(big.Int).Set(m.Cap)
				m.Grants[i].Capped = true
				remaining.Sub(remaining, m.Cap)
			} else {
				next = append(next, i)
			}
		}
		active = next
	}
	leaves := make([]merkle.Hash, len(m.Grants))
	for i, g := range m.Grants {
		m.Total.Add(m.Total, g.Match)
		leaves[i] = MatchLeaf(g.Grant, g.Match)
	}
	tree, err := merkle.FromLeaves(leaves)
	if err != nil {
		return nil, err
	}
	m.tree, m.Root = tree, tree.Root()
	return m, nil
}

// MatchLeaf is the StandardMerkleTree leaf of (uint256 grantId, uint256
// amount): keccak256(bytes.concat(keccak256(abi.encode(grantId, amount)))),
// what claimMatch computes.
func MatchLeaf(grant uint64, amount *big.Int) merkle.Hash {
	enc := make([]byte, 64)
	new(big.Int).SetUint64(grant).FillBytes(enc[:32])
	amount.FillBytes(enc[32:])
	return merkle.EncodedLeafHash(enc)
}

// Proof returns a grant's match and its proof against Root.
func (m *Matching) Proof(grant uint64) (*big.Int, []merkle.Hash, bool) {
	i := slices.IndexFunc(m.Grants, func(g GrantMatch) bool { return g.Grant == grant })
	if i < 0 {
		return nil, nil, false
	}
	return m.Grants[i].Match, m.tree.Proof(i), true
}
