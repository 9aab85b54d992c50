// Package grants funds research through an on-chain escrow: grants paid in
// any ERC-20, released milestone by milestone only on notarized evidence,
// refundable to donors, and quadratic-funding rounds that match donations
// from a sponsors' pool.
//
// # The model
//
// One Grants contract (contract/Grants.sol) holds every grant and round;
// it deploys a SupporterBadge beside it and checks evidence against a
// Notary contract (notary/contract/Notary.sol) named at deployment.
//
// A grant has a beneficiary, a token, ordered milestones whose amounts sum
// to the goal, a deadline, reviewers and an approval threshold. Donations
// are taken until the deadline and only up to the goal. Then:
//
//   - Goal missed by the deadline: each donor reclaims exactly what they gave.
//   - Goal met: the beneficiary releases milestone k (in order, once) by
//     naming a manifest CID with its Merkle proof and root; the contract
//     asks the Notary whether the root is anchored and the proof holds, and
//     counts at least threshold reviewer approvals of that very CID.
//   - Cancelled (by the beneficiary, or by more than half the reviewers):
//     donors reclaim the unreleased remainder pro rata to what they gave,
//     rounded down, so the claims never exceed the escrow.
//
// A donor's first donation to a grant mints a badge that cannot be
// transferred (ERC-5192). Amounts are in the token's smallest unit.
//
// A donor without ETH signs instead of sending: an EIP-712 Donation (and
// an EIP-2612 permit for the token) that anyone relays with donateBySig,
// or a Refund relayed with refundBySig; the contract checks the donor's
// signature and nonce, so the relayer can change nothing
// (doc/gasless-donations.md; Client.DonationToSign, Sign, Relay).
//
// A round has a token, a window, eligible grants, a per-grant cap and a
// claim period. Sponsors fund its pool; donations through the round are
// ordinary donations to the grant that also emit RoundDonated. After the
// window the matching is a pure function of those events
// (ComputeMatching, doc/quadratic-funding.md); the operator commits its
// StandardMerkleTree root of (uint256 grantId, uint256 amount) leaves, each
// grant's match is claimed with a proof and paid to its beneficiary, and
// what is not claimed by the deadline goes back to the sponsors pro rata.
// VerifyRound lets anyone recompute the matching and compare roots.
//
// # The Go API
//
// A Client signs and sends transactions with a Signer (a keys.Key) over any
// Backend: the embedded dev chain in chain/, any JSON-RPC endpoint, or
// go-ethereum's simulated backend in tests. Each verb waits for its
// transaction to be mined and returns the receipt (for its gas); a revert
// comes back as a *RevertError naming the contract's custom error, which
// Explain words for a person (token units with the symbol, and a Step to
// take next) for the CLI and the API alike.
package grants
