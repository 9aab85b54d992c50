package grants

import (
	"cmp"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/notary/merkle"
)

// The property test drives the contract with random operations by many
// accounts, many of them doomed (wrong time, wrong account, bad evidence,
// double claims), and checks a model of what the contract must do:
//
//   - every transaction succeeds exactly when the model says it may;
//   - every token transfer in every transaction is exactly the one the
//     model expects (so no account ever receives more than it is owed:
//     refunds are the pro-rata share, releases the milestone, matches the
//     recomputed matching, sponsor refunds their share of the rest);
//   - after every block, each account's balance is the model's, and the
//     escrow holds exactly donations − releases − refunds, plus the
//     rounds' pools − claims − sponsor refunds.
//
// Transactions are sent in batches and mined together, as the simulated
// chain's blocks take far longer to seal than a transaction to run.

type mGrant struct {
	id          uint64
	beneficiary int
	reviewers   map[int]bool
	nReviewers  int
	threshold   int
	deadline    uint64
	amounts     []int64
	goal        int64
	raised      int64
	released    int64
	refunded    int64
	next        int
	cancelled   bool
	voted       map[int]bool
	contrib     map[int]int64
	approvals   map[string]map[int]bool // milestone/cid -> reviewers
}

func (g *mGrant) refundable(t uint64) bool {
	return g.cancelled || (t > g.deadline && g.raised < g.goal)
}

type mRound struct {
	id          uint64
	start, end  uint64
	claimPeriod uint64
	capBps      uint16
	grants      []uint64
	eligible    map[uint64]bool
	pool        int64
	sponsors    map[int]int64
	contribs    []Contribution
	committed   bool
	matching    *Matching
	deadline    uint64
	claimed     int64
	returned    int64
	claimedG    map[uint64]bool
}

// transfer is one expected token movement.
type transfer struct {
	from, to common.Address
	amount   int64
}

type op struct {
	name  string
	apply func(t uint64) (ok bool, moves []transfer) // the model's verdict, applied if ok
	tx    common.Hash
	after func(r *types.Receipt) // extra checks on success
}

type propModel struct {
	e        *env
	rnd      *rand.Rand
	grants   []*mGrant
	rounds   []*mRound
	balances map[common.Address]int64
	good     []Evidence // anchored
	bad      []Evidence // unanchored, or forged
}

func TestPropertyConservation(t *testing.T) {
	ops, batch := 10_000, 50
	if testing.Short() {
		ops = 1000
	}
	const accounts = 24
	e := newEnv(t, accounts)
	m := &propModel{e: e, rnd: rand.New(rand.NewPCG(42, 6)), balances: map[common.Address]int64{}}
	const initial = 1_000_000_000
	for i := range accounts {
		e.mint(initial, i)
		m.balances[e.addr(i)] = initial
		if _, err := e.clients[i].ApproveToken(e.ctx, e.token, new(big.Int).Lsh(big.NewInt(1), 255)); err != nil {
			t.Fatal(err)
		}
	}
	var goodCIDs [][]byte
	for i := range 4 {
		goodCIDs = append(goodCIDs, manifestCID(fmt.Sprint("deliverable ", i)))
	}
	m.good = e.anchor(goodCIDs...)
	m.bad = e.tree(manifestCID("never anchored"), manifestCID("nor this"))
	forged := m.good[0]
	forged.Proof = []merkle.Hash{{7}}
	m.bad = append(m.bad, forged)
	for _, c := range e.clients {
		c.opts.GasLimit = 1_000_000
		c.noWait = true
	}
	e.auto.batch = true

	var succeeded, failed int
	byName := map[string][2]int{}
	start := time.Now()
	for done := 0; done < ops; {
		if m.rnd.IntN(6) == 0 {
			e.advance(time.Duration(m.rnd.IntN(60)) * time.Second)
		}
		head := uint64(e.head().Unix())
		var pending []*op
		for len(pending) < batch && done < ops {
			o := m.randomOp(head)
			if o == nil {
				continue
			}
			pending = append(pending, o)
			done++
		}
		rcpts := make(map[common.Hash]*types.Receipt)
		for try := 0; len(rcpts) < len(pending); try++ {
			if try == 5 {
				t.Fatalf("%d of %d transactions not mined", len(pending)-len(rcpts), len(pending))
			}
			e.sim.Commit()
			for _, o := range pending {
				if rcpts[o.tx] != nil {
					continue
				}
				if r, err := e.chain.TransactionReceipt(e.ctx, o.tx); err == nil {
					rcpts[o.tx] = r
				}
			}
		}
		slices.SortFunc(pending, func(a, b *op) int {
			ra, rb := rcpts[a.tx], rcpts[b.tx]
			return cmp.Or(ra.BlockNumber.Cmp(rb.BlockNumber), cmp.Compare(ra.TransactionIndex, rb.TransactionIndex))
		})
		for _, o := range pending {
			r := rcpts[o.tx]
			h, err := e.chain.HeaderByNumber(e.ctx, r.BlockNumber)
			must(t, err)
			ok, moves := o.apply(h.Time)
			got := r.Status == types.ReceiptStatusSuccessful
			if got != ok {
				t.Fatalf("op %d %s: succeeded=%v, the model says %v (block time %d)", done, o.name, got, ok, h.Time)
			}
			k := byName[o.name]
			if got {
				succeeded++
				k[0]++
				if o.after != nil {
					o.after(r)
				}
			} else {
				failed++
				k[1]++
			}
			byName[o.name] = k
			m.checkTransfers(t, o, r, moves)
		}
		m.checkBalances(t)
	}
	t.Logf("%d operations in %v: %d succeeded, %d rejected", ops, time.Since(start).Round(time.Millisecond), succeeded, failed)
	for name, k := range byName {
		t.Logf("  %-22s %5d ok %5d rejected", name, k[0], k[1])
	}
}

var transferTopic = crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))

// checkTransfers compares the token's Transfer logs in a receipt with the
// transfers the model expects, and applies them to the model's balances.
func (m *propModel) checkTransfers(t *testing.T, o *op, r *types.Receipt, want []transfer) {
	t.Helper()
	var got []transfer
	for _, l := range r.Logs {
		if l.Address != m.e.token || len(l.Topics) != 3 || l.Topics[0] != transferTopic {
			continue
		}
		got = append(got, transfer{common.BytesToAddress(l.Topics[1][:]), common.BytesToAddress(l.Topics[2][:]), new(big.Int).SetBytes(l.Data).Int64()})
	}
	if r.Status != types.ReceiptStatusSuccessful {
		want = nil
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: transfers %+v, the model expects %+v", o.name, got, want)
	}
	for _, tr := range got {
		m.balances[tr.from] -= tr.amount
		m.balances[tr.to] += tr.amount
	}
}

// checkBalances: every account holds what the model says, and the escrow
// holds what donations, releases, refunds, pools, claims and sponsor
// refunds leave.
func (m *propModel) checkBalances(t *testing.T) {
	t.Helper()
	var escrow int64
	for _, g := range m.grants {
		escrow += g.raised - g.released - g.refunded
	}
	for _, r := range m.rounds {
		escrow += r.pool - r.claimed - r.returned
	}
	if got := m.e.balance(m.e.grants).Int64(); got != escrow || m.balances[m.e.grants] != escrow {
		t.Fatalf("escrow holds %d, the books say %d (transfers say %d)", got, escrow, m.balances[m.e.grants])
	}
	for i := range m.e.keys {
		a := m.e.addr(i)
		if got := m.e.balance(a).Int64(); got != m.balances[a] {
			t.Fatalf("account %d holds %d, is owed %d", i, got, m.balances[a])
		}
	}
}

func (m *propModel) pick(n int) int { return m.rnd.IntN(n) }

func (m *propModel) account() int { return m.pick(len(m.e.keys)) }

// send records the transaction a client just sent for op o.
func (m *propModel) sent(o *op, who int, err error) *op {
	if err != nil {
		m.e.t.Fatalf("%s: %v", o.name, err)
	}
	c := m.e.clients[who]
	o.tx = c.sent[len(c.sent)-1]
	return o
}

// randomOp makes, sends and returns one random operation, or nil if
// none fits the state yet.
func (m *propModel) randomOp(head uint64) *op {
	e := m.e
	ctx := e.ctx
	if len(m.grants) < 3 || m.pick(25) == 0 {
		return m.createGrant(head)
	}
	g := m.grants[m.pick(len(m.grants))]
	who := m.account()
	if m.pick(3) == 0 { // people involved in the grant act more often
		switch m.pick(3) {
		case 0:
			who = g.beneficiary
		case 1:
			for r := range g.reviewers {
				who = r
				break
			}
		default:
			for d := range g.contrib {
				who = d
				break
			}
		}
	}
	addr := e.addr(who)
	switch k := m.pick(100); {
	case k < 30: // donate
		amount := int64(1 + m.pick(int(max(g.goal/3, 2))))
		o := &op{name: "donate", apply: func(t uint64) (bool, []transfer) {
			a := m.donate(g, who, amount, t)
			if a == 0 {
				return false, nil
			}
			return true, []transfer{{addr, e.grants, a}}
		}}
		return m.sent(o, who, second(e.clients[who].Donate(ctx, g.id, big.NewInt(amount))))
	case k < 45: // approve a deliverable, mostly the next milestone's, by a reviewer
		ms := m.pick(len(g.amounts))
		ev := m.evidence()
		if m.pick(4) != 0 {
			ms, ev = g.next, m.good[m.pick(2)]
			for r := range g.reviewers {
				if who = r; m.pick(2) == 0 {
					break
				}
			}
			addr = e.addr(who)
		}
		o := &op{name: "approve", apply: func(t uint64) (bool, []transfer) {
			key := fmt.Sprint(ms, string(ev.CID))
			if !g.reviewers[who] || g.cancelled || ms < g.next || ms >= len(g.amounts) || g.approvals[key][who] {
				return false, nil
			}
			if g.approvals[key] == nil {
				g.approvals[key] = map[int]bool{}
			}
			g.approvals[key][who] = true
			return true, nil
		}}
		return m.sent(o, who, second(e.clients[who].Approve(ctx, g.id, ms, ev.CID)))
	case k < 60: // release
		ms := g.next
		if m.pick(4) == 0 {
			ms = m.pick(len(g.amounts))
		}
		ev := m.evidence()
		if m.pick(4) != 0 {
			who, ev = g.beneficiary, m.good[m.pick(2)]
		}
		valid := slices.ContainsFunc(m.good, func(x Evidence) bool { return string(x.CID) == string(ev.CID) && slices.Equal(x.Proof, ev.Proof) })
		o := &op{name: "release", apply: func(t uint64) (bool, []transfer) {
			if who != g.beneficiary || g.cancelled || g.raised < g.goal || g.next >= len(g.amounts) || ms != g.next ||
				!valid || len(g.approvals[fmt.Sprint(ms, string(ev.CID))]) < g.threshold {
				return false, nil
			}
			a := g.amounts[ms]
			g.next++
			g.released += a
			return true, []transfer{{e.grants, e.addr(g.beneficiary), a}}
		}}
		return m.sent(o, who, second(e.clients[who].Release(ctx, g.id, ms, ev)))
	case k < 63: // cancel or vote to
		o := &op{name: "cancel", apply: func(t uint64) (bool, []transfer) {
			if g.cancelled || g.next >= len(g.amounts) {
				return false, nil
			}
			if who == g.beneficiary {
				g.cancelled = true
				return true, nil
			}
			if !g.reviewers[who] || g.voted[who] {
				return false, nil
			}
			g.voted[who] = true
			if 2*len(g.voted) > g.nReviewers {
				g.cancelled = true
			}
			return true, nil
		}}
		return m.sent(o, who, second(e.clients[who].Cancel(ctx, g.id)))
	case k < 80: // refund
		o := &op{name: "refund", apply: func(t uint64) (bool, []transfer) {
			c := g.contrib[who]
			if !g.refundable(t) || c == 0 {
				return false, nil
			}
			a := c * (g.raised - g.released) / g.raised
			g.contrib[who] = 0
			g.refunded += a
			return true, []transfer{{e.grants, addr, a}}
		}}
		_, _, err := e.clients[who].Refund(ctx, g.id)
		return m.sent(o, who, err)
	}
	return m.roundOp(head, who)
}

func (m *propModel) evidence() Evidence {
	if m.pick(3) == 0 {
		return m.bad[m.pick(len(m.bad))]
	}
	return m.good[m.pick(len(m.good))]
}

// donate applies a donation to the model and returns what was accepted.
func (m *propModel) donate(g *mGrant, who int, amount int64, t uint64) int64 {
	if g.cancelled || t > g.deadline || g.raised >= g.goal || amount == 0 {
		return 0
	}
	a := min(amount, g.goal-g.raised)
	g.contrib[who] += a
	g.raised += a
	return a
}

func (m *propModel) createGrant(head uint64) *op {
	e := m.e
	who := m.account()
	n := 1 + m.pick(3)
	var ms []Milestone
	var amounts []int64
	for range n {
		a := int64(1 + m.pick(5000))
		ms = append(ms, Milestone{big.NewInt(a), "m"})
		amounts = append(amounts, a)
	}
	nr := 1 + m.pick(4)
	perm := m.rnd.Perm(len(e.keys))[:nr]
	var reviewers []common.Address
	revs := map[int]bool{}
	for _, r := range perm {
		reviewers = append(reviewers, e.addr(r))
		revs[r] = true
	}
	g := &mGrant{
		beneficiary: m.account(), reviewers: revs, nReviewers: nr, threshold: 1 + m.pick(nr),
		deadline: head + uint64(30+m.pick(600)), amounts: amounts, voted: map[int]bool{},
		contrib: map[int]int64{}, approvals: map[string]map[int]bool{},
	}
	for _, a := range amounts {
		g.goal += a
	}
	o := &op{name: "create grant", apply: func(t uint64) (bool, []transfer) {
		if g.deadline <= t {
			return false, nil
		}
		g.id = uint64(len(m.grants) + 1)
		m.grants = append(m.grants, g)
		return true, nil
	}}
	_, _, err := e.clients[who].CreateGrant(e.ctx, Terms{
		Beneficiary: e.addr(g.beneficiary), Token: e.token, Deadline: time.Unix(int64(g.deadline), 0),
		Milestones: ms, Reviewers: reviewers, Threshold: g.threshold,
	})
	return m.sent(o, who, err)
}

func (m *propModel) roundOp(head uint64, who int) *op {
	e := m.e
	ctx := e.ctx
	if len(m.rounds) == 0 || m.pick(25) == 0 {
		ids := []uint64{}
		for _, i := range m.rnd.Perm(len(m.grants))[:min(len(m.grants), 2+m.pick(3))] {
			ids = append(ids, m.grants[i].id)
		}
		r := &mRound{
			start: head, end: head + uint64(20+m.pick(200)), claimPeriod: uint64(60 + m.pick(300)),
			capBps: uint16(1000 + m.pick(9001)), grants: ids, eligible: map[uint64]bool{},
			sponsors: map[int]int64{}, claimedG: map[uint64]bool{},
		}
		for _, id := range ids {
			r.eligible[id] = true
		}
		o := &op{name: "round create", apply: func(t uint64) (bool, []transfer) {
			if r.end <= t {
				return false, nil
			}
			r.id = uint64(len(m.rounds) + 1)
			m.rounds = append(m.rounds, r)
			return true, nil
		}}
		_, _, err := e.clients[0].CreateRound(ctx, RoundTerms{Token: e.token, Start: time.Unix(int64(r.start), 0),
			End: time.Unix(int64(r.end), 0), ClaimPeriod: time.Duration(r.claimPeriod) * time.Second, CapBps: r.capBps, Grants: ids})
		return m.sent(o, 0, err)
	}
	r := m.rounds[m.pick(len(m.rounds))]
	addr := e.addr(who)
	k := m.pick(100)
	for _, c := range m.rounds {
		if head > c.end && !c.committed && head <= c.end+c.claimPeriod && m.pick(2) == 0 {
			r, k = c, 65 // close the rounds that can be, soon
		}
	}
	switch {
	case k < 15: // fund
		amount := int64(1 + m.pick(20_000))
		o := &op{name: "round fund", apply: func(t uint64) (bool, []transfer) {
			if t > r.end {
				return false, nil
			}
			r.sponsors[who] += amount
			r.pool += amount
			return true, []transfer{{addr, e.grants, amount}}
		}}
		return m.sent(o, who, second(e.clients[who].FundRound(ctx, r.id, big.NewInt(amount))))
	case k < 60: // donate through the round
		gid := r.grants[m.pick(len(r.grants))]
		if m.pick(8) == 0 {
			gid = m.grants[m.pick(len(m.grants))].id // perhaps not eligible
		}
		g := m.grants[gid-1]
		amount := int64(1 + m.pick(300))
		o := &op{name: "round donate", apply: func(t uint64) (bool, []transfer) {
			if t < r.start || t > r.end || !r.eligible[gid] {
				return false, nil
			}
			a := m.donate(g, who, amount, t)
			if a == 0 {
				return false, nil
			}
			r.contribs = append(r.contribs, Contribution{Grant: gid, Donor: addr, Amount: big.NewInt(a)})
			return true, []transfer{{addr, e.grants, a}}
		}}
		return m.sent(o, who, second(e.clients[who].DonateRound(ctx, r.id, gid, big.NewInt(amount))))
	case k < 70: // close
		if head <= r.end || r.committed {
			return nil // the root can only be computed once donations are over
		}
		want, err := ComputeMatching(big.NewInt(r.pool), r.capBps, r.grants, r.contribs)
		must(e.t, err)
		o := &op{name: "round close", apply: func(t uint64) (bool, []transfer) {
			if r.committed || t <= r.end || t > r.end+r.claimPeriod {
				return false, nil
			}
			r.committed, r.matching, r.deadline = true, want, t+r.claimPeriod
			return true, nil
		}}
		o.after = func(rc *types.Receipt) {
			if _, err := VerifyRound(ctx, e.clients[0], r.id); err != nil {
				e.t.Fatalf("round %d: %v", r.id, err)
			}
		}
		_, _, err = e.clients[0].CloseRound(ctx, r.id)
		return m.sent(o, 0, err)
	case k < 85: // claim a match, sometimes with a forged amount
		if !r.committed {
			return nil
		}
		gid := r.grants[m.pick(len(r.grants))]
		amount, proof, _ := r.matching.Proof(gid)
		forge := m.pick(5) == 0
		if forge {
			amount = new(big.Int).Add(amount, big.NewInt(1))
		}
		a := amount.Int64()
		g := m.grants[gid-1]
		o := &op{name: "round claim", apply: func(t uint64) (bool, []transfer) {
			if forge || t > r.deadline || r.claimedG[gid] || g.refundable(t) || r.claimed+a > r.matching.Total.Int64() {
				return false, nil
			}
			r.claimedG[gid] = true
			r.claimed += a
			return true, []transfer{{e.grants, e.addr(g.beneficiary), a}}
		}}
		return m.sent(o, who, second(e.clients[who].ClaimMatchWithProof(ctx, r.id, gid, amount, proof)))
	default: // a sponsor takes back the rest
		o := &op{name: "round reclaim", apply: func(t uint64) (bool, []transfer) {
			until := r.end + r.claimPeriod
			if r.committed {
				until = r.deadline
			}
			s := r.sponsors[who]
			if t <= until || s == 0 {
				return false, nil
			}
			a := s * (r.pool - r.claimed) / r.pool
			r.sponsors[who] = 0
			r.returned += a
			return true, []transfer{{e.grants, addr, a}}
		}}
		_, _, err := e.clients[who].ReclaimSponsor(ctx, r.id)
		return m.sent(o, who, err)
	}
}
