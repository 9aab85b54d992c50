package grants

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	grantsgen "github.com/desci-platform/desci/grants/contract/gen"
	"github.com/desci-platform/desci/grants/internal/evil/gen"
	"github.com/desci-platform/desci/notary/merkle"
)

// TestAttacks: each row is an attack the contracts must reject, named by
// the custom error they must reject it with. Every row sets up its own
// chain, so no row depends on another.
func TestAttacks(t *testing.T) {
	deliverable := manifestCID("deliverable 1")
	other := manifestCID("some other manifest")
	tests := []struct {
		name   string
		want   string
		attack func(e *env) error
	}{
		{"release without evidence", "NoEvidence", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, Evidence{})
			return err
		}},
		{"release with a forged proof", "NotNotarized", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable, other)[0]
			ev.Proof = []merkle.Hash{{1, 2, 3}}
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release with the proof of another manifest", "NotNotarized", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			evs := e.anchor(deliverable, other)
			ev := Evidence{CID: deliverable, Root: evs[1].Root, Proof: evs[1].Proof}
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release with a proof of an unanchored root", "NotNotarized", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.tree(deliverable, other)[0] // a valid proof, but never anchored
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release with too few approvals", "NotApproved", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable)[0]
			e.approve(id, 0, deliverable, 2)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release with approvals of another deliverable", "NotApproved", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable, other)[0]
			e.approve(id, 0, other, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"approval by a non-reviewer", "NotReviewer", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			_, err := e.clients[outsider].Approve(e.ctx, id, 0, deliverable)
			return err
		}},
		{"approval twice by one reviewer", "AlreadyApproved", func(e *env) error {
			id := e.standardGrant()
			e.approve(id, 0, deliverable, 2)
			_, err := e.clients[2].Approve(e.ctx, id, 0, deliverable)
			return err
		}},
		{"release by someone else than the beneficiary", "NotBeneficiary", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable)[0]
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[outsider].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release before the goal is met", "NotFunded", func(e *env) error {
			id := e.standardGrant()
			ev := e.anchor(deliverable)[0]
			e.approve(id, 0, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release twice", "MilestoneOutOfOrder", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable)[0]
			e.approve(id, 0, deliverable, 2, 3)
			must(e.t, second(e.clients[beneficiary].Release(e.ctx, id, 0, ev)))
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"release out of order", "MilestoneOutOfOrder", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable)[0]
			e.approve(id, 1, deliverable, 2, 3)
			_, err := e.clients[beneficiary].Release(e.ctx, id, 1, ev)
			return err
		}},
		{"release after cancellation", "GrantCancelled", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			ev := e.anchor(deliverable)[0]
			e.approve(id, 0, deliverable, 2, 3)
			must(e.t, second(e.clients[beneficiary].Cancel(e.ctx, id)))
			_, err := e.clients[beneficiary].Release(e.ctx, id, 0, ev)
			return err
		}},
		{"refund before the deadline", "NotRefundable", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			_, _, err := e.clients[donor1].Refund(e.ctx, id)
			return err
		}},
		{"refund after success", "NotRefundable", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			e.advance(48 * time.Hour)
			_, _, err := e.clients[donor1].Refund(e.ctx, id)
			return err
		}},
		{"refund twice", "NothingToRefund", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			e.advance(48 * time.Hour)
			_, _, err := e.clients[donor1].Refund(e.ctx, id)
			must(e.t, err)
			_, _, err = e.clients[donor1].Refund(e.ctx, id)
			return err
		}},
		{"refund by a non-donor", "NothingToRefund", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			e.advance(48 * time.Hour)
			_, _, err := e.clients[outsider].Refund(e.ctx, id)
			return err
		}},
		{"cancel by one reviewer of three", "NotRefundable", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			must(e.t, second(e.clients[2].Cancel(e.ctx, id)))
			_, _, err := e.clients[donor1].Refund(e.ctx, id)
			return err
		}},
		{"cancel by an outsider", "NotReviewer", func(e *env) error {
			id := e.standardGrant()
			_, err := e.clients[outsider].Cancel(e.ctx, id)
			return err
		}},
		{"donation after the deadline", "DeadlinePassed", func(e *env) error {
			id := e.standardGrant()
			e.advance(48 * time.Hour)
			_, err := e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))
			return err
		}},
		{"donation to a funded grant", "GoalReached", func(e *env) error {
			id := e.standardGrant()
			e.fund(id)
			_, err := e.clients[donor1].Donate(e.ctx, id, big.NewInt(1))
			return err
		}},
		{"reentrancy through a malicious ERC-20", "ReentrancyGuardReentrantCall", reentrancyAttack},
		{"badge transfer", "Soulbound", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			badge := e.badge()
			bid := new(big.Int).Or(new(big.Int).Lsh(u256(id), 160), new(big.Int).SetBytes(e.addr(donor1).Bytes()))
			_, err := e.clients[donor1].send(e.ctx, "transfer badge", &badge, badgeABI.PackTransferFrom(e.addr(donor1), e.addr(outsider), bid))
			return err
		}},
		{"badge approval", "Soulbound", func(e *env) error {
			badge := e.badge()
			_, err := e.clients[donor1].send(e.ctx, "approve badge", &badge, badgeABI.PackSetApprovalForAll(e.addr(outsider), true))
			return err
		}},
		{"badge mint by anyone but Grants", "NotMinter", func(e *env) error {
			badge := e.badge()
			_, err := e.clients[donor1].send(e.ctx, "mint badge", &badge, badgeABI.PackMint(e.addr(donor1), big.NewInt(1)))
			return err
		}},
		{"round claim with a forged proof", "InvalidProof", func(e *env) error {
			r, ids := e.closedRound()
			m, _ := VerifyRound(e.ctx, e.clients[0], r)
			amount, proof, _ := m.Proof(ids[0])
			_, err := e.clients[outsider].ClaimMatchWithProof(e.ctx, r, ids[0], new(big.Int).Add(amount, big.NewInt(1)), proof)
			return err
		}},
		{"round claim with another grant's proof", "InvalidProof", func(e *env) error {
			r, ids := e.closedRound()
			m, _ := VerifyRound(e.ctx, e.clients[0], r)
			amount, proof, _ := m.Proof(ids[1])
			_, err := e.clients[outsider].ClaimMatchWithProof(e.ctx, r, ids[0], amount, proof)
			return err
		}},
		{"round claimed twice", "AlreadyClaimed", func(e *env) error {
			r, ids := e.closedRound()
			_, _, err := e.clients[outsider].ClaimMatch(e.ctx, r, ids[0])
			must(e.t, err)
			_, _, err = e.clients[outsider].ClaimMatch(e.ctx, r, ids[0])
			return err
		}},
		{"round closed by someone else than the operator", "NotOperator", func(e *env) error {
			r, _ := e.openRound()
			e.advance(2 * time.Hour)
			_, _, err := e.clients[outsider].CloseRound(e.ctx, r)
			return err
		}},
		{"round closed before its window ends", "RoundNotOver", func(e *env) error {
			r, _ := e.openRound()
			_, _, err := e.clients[deployer].CloseRound(e.ctx, r)
			return err
		}},
		{"round pool past 2^128, which would wrap", "SafeCastOverflowedUintDowncast", func(e *env) error {
			r, _ := e.openRound()
			huge := new(big.Int).Lsh(big.NewInt(1), 128)
			must(e.t, second(e.clients[0].Mint(e.ctx, e.token, e.addr(outsider), huge)))
			_, err := e.clients[outsider].FundRound(e.ctx, r, huge)
			return err
		}},
		// A bad permit is skipped like a front-run one; the transfer then
		// finds no allowance.
		{"round donation with a permit for another spender", "ERC20InsufficientAllowance", func(e *env) error {
			r, ids := e.openRound()
			return e.roundPermit(donor1, donor1, e.addr(outsider), 100, func(d *big.Int, v uint8, rs, ss [32]byte) []byte {
				return grantsABI.PackDonateRoundWithPermit(u256(r), u256(ids[0]), big.NewInt(100), d, v, rs, ss)
			})
		}},
		{"round funding with a permit for less than the call takes", "ERC20InsufficientAllowance", func(e *env) error {
			r, _ := e.openRound()
			return e.roundPermit(donor1, donor1, e.grants, 1, func(d *big.Int, v uint8, rs, ss [32]byte) []byte {
				return grantsABI.PackFundRoundWithPermit(u256(r), big.NewInt(100), d, v, rs, ss)
			})
		}},
		{"round funding with a permit past its deadline", "ERC20InsufficientAllowance", func(e *env) error {
			r, _ := e.openRound()
			d := big.NewInt(e.head().Unix() - 1)
			v, rs, ss, err := e.clients[donor1].signPermit(e.ctx, e.token, e.grants, big.NewInt(100), d)
			must(e.t, err)
			_, err = e.clients[donor1].transact(e.ctx, "fund", grantsABI.PackFundRoundWithPermit(u256(r), big.NewInt(100), d, v, rs, ss))
			return err
		}},
		{"round donation with a replayed permit", "ERC20InsufficientAllowance", func(e *env) error {
			r, ids := e.openRound()
			var data []byte
			must(e.t, e.roundPermit(donor1, donor1, e.grants, 100, func(d *big.Int, v uint8, rs, ss [32]byte) []byte {
				data = grantsABI.PackDonateRoundWithPermit(u256(r), u256(ids[0]), big.NewInt(100), d, v, rs, ss)
				return data
			}))
			_, err := e.clients[donor1].transact(e.ctx, "replay", data)
			return err
		}},
		{"round funding with another account's permit", "ERC20InsufficientAllowance", func(e *env) error {
			r, _ := e.openRound()
			// The outsider sends the donor's permit as its own: the
			// permit names the sender as owner, so it takes nothing of the
			// donor's.
			return e.roundPermit(donor1, outsider, e.grants, 100, func(d *big.Int, v uint8, rs, ss [32]byte) []byte {
				return grantsABI.PackFundRoundWithPermit(u256(r), big.NewInt(100), d, v, rs, ss)
			})
		}},
		{"round donation with a permit to an unknown round", "UnknownRound", func(e *env) error {
			e.openRound()
			return e.roundPermit(donor1, donor1, e.grants, 100, func(d *big.Int, v uint8, rs, ss [32]byte) []byte {
				return grantsABI.PackDonateRoundWithPermit(u256(99), u256(1), big.NewInt(100), d, v, rs, ss)
			})
		}},
		// Gasless donations (donateBySig), relayed by the outsider: the
		// donor's signature pins grant, round, amount, donor and nonce.
		{"gasless donation replayed", "InvalidAccountNonce", func(e *env) error {
			id := e.standardGrant()
			s := e.signedDonation(donor1, donor1, 0, id, 100, nil)
			must(e.t, e.relayRaw(s))
			return e.relayRaw(s)
		}},
		{"gasless donation redirected to another grant", "BadSignature", func(e *env) error {
			id, other := e.standardGrant(), e.standardGrant()
			s := e.signedDonation(donor1, donor1, 0, id, 100, nil)
			s.Donation.Grant = other
			return e.relayRaw(s)
		}},
		{"gasless donation redirected into a round", "BadSignature", func(e *env) error {
			r, ids := e.openRound()
			s := e.signedDonation(donor1, donor1, 0, ids[0], 100, nil)
			s.Donation.Round = r
			return e.relayRaw(s)
		}},
		{"gasless donation with a changed amount", "BadSignature", func(e *env) error {
			id := e.standardGrant()
			s := e.signedDonation(donor1, donor1, 0, id, 100, nil)
			s.Donation.Amount = big.NewInt(1000)
			return e.relayRaw(s)
		}},
		{"gasless donation past its deadline", "SignatureExpired", func(e *env) error {
			id := e.standardGrant()
			s := e.signedDonation(donor1, donor1, 0, id, 100, nil)
			e.advance(DonationTTL + time.Minute)
			return e.relayRaw(s)
		}},
		{"gasless donation signed by another donor", "BadSignature", func(e *env) error {
			id := e.standardGrant()
			return e.relayRaw(e.signedDonation(donor1, donor2, 0, id, 100, nil))
		}},
		{"gasless donation with a permit for another spender", "ERC20InsufficientAllowance", func(e *env) error {
			id := e.standardGrant()
			return e.relayRaw(e.signedDonation(donor1, donor1, 0, id, 100, func(req *DonationRequest) {
				req.Permit.Spender = e.addr(outsider)
			}))
		}},
		{"gasless donation with another account's permit", "ERC20InsufficientAllowance", func(e *env) error {
			id := e.standardGrant()
			s := e.signedDonation(donor1, donor1, 0, id, 100, nil)
			s.PermitSig = e.signedDonation(donor2, donor2, 0, id, 100, nil).PermitSig
			return e.relayRaw(s)
		}},
		{"gasless refund signed by another account", "BadSignature", func(e *env) error {
			id := e.standardGrant()
			must(e.t, second(e.clients[donor1].Donate(e.ctx, id, big.NewInt(100))))
			e.advance(e.pace.deadline + time.Hour)
			q, _, err := e.clients[outsider].RefundToSign(e.ctx, id, e.addr(donor1))
			must(e.t, err)
			sig, err := e.clients[donor2].SignRefund(*q)
			must(e.t, err)
			_, err = e.clients[outsider].transact(e.ctx, "relay refund", grantsABI.PackRefundBySig(refundArg(*q), sig))
			return err
		}},
		{"sponsor reclaim while claims are open", "ClaimsOpen", func(e *env) error {
			r, _ := e.closedRound()
			_, _, err := e.clients[deployer].ReclaimSponsor(e.ctx, r)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, 10)
			err := tt.attack(e)
			if err == nil {
				t.Fatalf("attack succeeded, want %s", tt.want)
			}
			t.Log(err)
			if got := Reason(err); got != tt.want {
				t.Fatalf("rejected with %v, want %s", err, tt.want)
			}
		})
	}
}

// roundPermit has signer sign a permit for spender to take value of the
// round token, and sender send the call that pack builds with it.
func (e *env) roundPermit(signer, sender int, spender common.Address, value int64, pack func(deadline *big.Int, v uint8, r, s [32]byte) []byte) error {
	e.t.Helper()
	d := e.clients[signer].permitDeadline(e.ctx)
	v, r, s, err := e.clients[signer].signPermit(e.ctx, e.token, spender, big.NewInt(value), d)
	must(e.t, err)
	_, err = e.clients[sender].transact(e.ctx, "call with permit", pack(d, v, r, s))
	return err
}

// signedDonation builds a gasless donation for donor's account and has
// signer sign it (and its permit), edited first by edit if not nil.
func (e *env) signedDonation(donor, signer int, round, grant uint64, amount int64, edit func(*DonationRequest)) SignedDonation {
	e.t.Helper()
	req, err := e.clients[outsider].DonationToSign(e.ctx, round, grant, big.NewInt(amount), e.addr(donor))
	must(e.t, err)
	if edit != nil {
		edit(req)
	}
	s, err := e.clients[signer].Sign(req)
	must(e.t, err)
	return s
}

// relayRaw has the outsider send a gasless donation as it is, past
// Relay's own checks, for the contract to judge.
func (e *env) relayRaw(s SignedDonation) error {
	e.t.Helper()
	exp, v, r, ps, err := s.permit()
	must(e.t, err)
	_, err = e.clients[outsider].transact(e.ctx, "relay", packDonateBySig(s.Donation, NormalizeSignature(s.Signature), exp, v, r, ps))
	return err
}

func refundArg(q RefundRequest) grantsgen.GrantsRefund {
	return grantsgen.GrantsRefund{Grant: u256(q.Grant), Donor: q.Donor, Nonce: q.Nonce, Deadline: u256(q.Deadline)}
}

// second returns the last of two results, the error.
func second[T any](_ T, err error) error { return err }

func (e *env) badge() common.Address {
	e.t.Helper()
	a, err := call(e.ctx, e.clients[0], "badge", grantsABI.PackBadge(), grantsABI.UnpackBadge)
	must(e.t, err)
	return a
}

// reentrancyAttack: a token that is its own donor reenters refund from
// inside the refund's transfer. The guard must stop it (and even without
// the guard, the contribution is zeroed before the transfer).
func reentrancyAttack(e *env) error {
	evilABI := gen.NewEvilToken()
	c := e.clients[outsider]
	rcpt, err := c.send(e.ctx, "deploy evil token", nil, []byte(common.FromHex(gen.EvilTokenMetaData.Bin)))
	must(e.t, err)
	tok := rcpt.ContractAddress
	id, _, err := e.clients[beneficiary].CreateGrant(e.ctx, Terms{
		Beneficiary: e.addr(beneficiary), Token: tok, Deadline: e.head().Add(time.Hour),
		Milestones: []Milestone{{big.NewInt(1000), "all"}}, Reviewers: []common.Address{e.addr(2)},
	})
	must(e.t, err)
	must(e.t, second(c.send(e.ctx, "mint", &tok, evilABI.PackMint(tok, big.NewInt(500)))))
	must(e.t, second(c.send(e.ctx, "donate as the token", &tok,
		evilABI.PackAct(e.grants, e.grants, big.NewInt(500), grantsABI.PackDonate(u256(id), big.NewInt(500))))))
	e.advance(2 * time.Hour) // the goal is missed: refunds open
	must(e.t, second(c.send(e.ctx, "arm", &tok, evilABI.PackArm(e.grants, grantsABI.PackRefund(u256(id))))))
	_, err = c.send(e.ctx, "refund as the token", &tok, evilABI.PackAct(e.grants, e.grants, new(big.Int), grantsABI.PackRefund(u256(id))))
	return err
}

// openRound creates a round over three fresh grants, open for
// e.pace.window, with a pool of 1,000 from the deployer; returns the round
// and grants.
func (e *env) openRound() (uint64, []uint64) {
	e.t.Helper()
	e.mint(100_000, deployer, donor1, donor2, outsider, 8, 9)
	var ids []uint64
	for range 3 {
		id, _, err := e.clients[beneficiary].CreateGrant(e.ctx, Terms{
			Beneficiary: e.addr(beneficiary), Token: e.token, Deadline: e.head().Add(24 * e.pace.window),
			Milestones: []Milestone{{big.NewInt(50_000), "all"}}, Reviewers: []common.Address{e.addr(2)},
		})
		must(e.t, err)
		ids = append(ids, id)
	}
	start := e.head()
	r, _, err := e.clients[deployer].CreateRound(e.ctx, RoundTerms{
		Token: e.token, Start: start, End: start.Add(e.pace.window), ClaimPeriod: e.pace.deadline, CapBps: 5000, Grants: ids,
	})
	must(e.t, err)
	must(e.t, second(e.clients[deployer].FundRound(e.ctx, r, big.NewInt(1000))))
	return r, ids
}

// closedRound is openRound with donations (many small to grant 0, one
// large to grant 1, a few to grant 2), the window over and the matching
// committed.
func (e *env) closedRound() (uint64, []uint64) {
	e.t.Helper()
	r, ids := e.openRound()
	for _, d := range []struct {
		who   int
		grant int
		amt   int64
	}{{donor1, 0, 10}, {donor2, 0, 10}, {outsider, 0, 10}, {8, 0, 10}, {9, 0, 10}, {donor1, 1, 400}, {donor2, 2, 40}, {outsider, 2, 40}} {
		must(e.t, second(e.clients[d.who].DonateRound(e.ctx, r, ids[d.grant], big.NewInt(d.amt))))
	}
	rs, err := e.clients[deployer].Round(e.ctx, r)
	must(e.t, err)
	e.pass(rs.End)
	_, _, err = e.clients[deployer].CloseRound(e.ctx, r)
	must(e.t, err)
	return r, ids
}
