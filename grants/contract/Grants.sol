// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @notice The part of the Notary contract (notary/contract/Notary.sol)
/// that milestone releases rely on.
interface INotary {
    function isNotarized(bytes calldata cid, bytes32 root, bytes32[] calldata proof) external view returns (bool);
}

/// @notice ERC-5192: minimal soulbound NFTs.
interface IERC5192 {
    event Locked(uint256 tokenId);
    event Unlocked(uint256 tokenId);

    function locked(uint256 tokenId) external view returns (bool);
}

/// @title SupporterBadge
/// @notice One non-transferable token per donor and grant, minted by the
/// Grants contract that deployed it on the donor's first donation. Every
/// transfer and approval reverts; locked() is always true (ERC-5192).
contract SupporterBadge is ERC721, IERC5192 {
    /// @notice The Grants contract, the only account that may mint.
    address public immutable minter;

    error Soulbound();
    error NotMinter(address caller);

    constructor() ERC721("desci supporter", "DESCI-SUPPORTER") {
        minter = msg.sender;
    }

    /// @notice The badge of a donor to a grant: the grant id above the
    /// donor's address, so it needs no counter and anyone can compute it.
    function badgeId(uint256 grantId, address donor) public pure returns (uint256) {
        return (grantId << 160) | uint160(donor);
    }

    function mint(address donor, uint256 grantId) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        uint256 id = badgeId(grantId, donor);
        _mint(donor, id);
        emit Locked(id);
    }

    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    function approve(address, uint256) public pure override {
        revert Soulbound();
    }

    function setApprovalForAll(address, bool) public pure override {
        revert Soulbound();
    }

    /// Every transfer goes through _update; only a mint (from nobody) passes.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert Soulbound();
        return super._update(to, tokenId, auth);
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }
}

/// @title Grants
/// @notice Escrow for research grants paid in any ERC-20, released milestone
/// by milestone on notarized evidence and reviewers' approval, refundable if
/// the goal is missed or the grant is cancelled; and quadratic-funding rounds
/// whose matching is computed off chain from this contract's events and
/// committed as a Merkle root (doc/quadratic-funding.md).
/// @dev Tokens that charge a fee on transfer or rebase are not supported:
/// the books assume a transfer moves exactly the amount asked.
/// A donor who holds no ETH signs an EIP-712 Donation (and an EIP-2612
/// permit for the token) and anyone may relay them with donateBySig: the
/// contract checks the donor's signature, so the relayer cannot redirect or
/// resize the donation, and each nonce is used once.
contract Grants is ReentrancyGuardTransient, EIP712, Nonces {
    using SafeERC20 for IERC20;

    /// @notice A donation signed by its donor for someone else to send.
    /// round is 0 for a plain donation to the grant, else the round it is
    /// given through (and matched by). amount is the most to take: only
    /// what the goal still lacks is.
    struct Donation {
        uint256 round;
        uint256 grant;
        uint256 amount;
        address donor;
        uint256 nonce;
        uint256 deadline;
    }

    bytes32 public constant DONATION_TYPEHASH = keccak256(
        "Donation(uint256 round,uint256 grant,uint256 amount,address donor,uint256 nonce,uint256 deadline)"
    );

    /// @notice A refund signed by its donor for someone else to send: the
    /// donor's reclaimable amount goes to the donor, whoever sends it.
    struct Refund {
        uint256 grant;
        address donor;
        uint256 nonce;
        uint256 deadline;
    }

    bytes32 public constant REFUND_TYPEHASH =
        keccak256("Refund(uint256 grant,address donor,uint256 nonce,uint256 deadline)");

    /// Four storage slots; the fields a donation touches share two of them.
    struct Grant {
        address beneficiary;
        uint64 deadline; // donations until this time (inclusive); after it, refunds if the goal was missed
        uint32 threshold; // reviewer approvals a milestone needs
        IERC20 token;
        uint32 nextMilestone; // milestones are released in order; this is the next one
        uint16 reviewerCount;
        uint16 cancelVotes;
        bool cancelled;
        uint128 goal; // the sum of the milestone amounts
        uint128 raised; // never decreases: refunds are pro rata to it
        uint128 released;
        uint128 refunded;
    }

    struct Round {
        address operator;
        uint64 start;
        IERC20 token;
        uint64 end;
        uint64 claimPeriod; // how long grants have to claim after the root is committed
        uint64 claimDeadline; // set when the root is committed
        uint16 capBps; // the most one grant may be matched, in basis points of the pool
        uint128 pool;
        uint128 claimed;
        bytes32 root; // zero until committed
        uint128 total; // the committed matching's sum
        uint128 returned; // paid back to sponsors
    }

    uint256 public constant MAX_MILESTONES = 64;
    uint256 public constant MAX_REVIEWERS = 64;

    INotary public immutable notary;
    SupporterBadge public immutable badge;

    uint256 public grantCount;
    uint256 public roundCount;

    mapping(uint256 grantId => Grant) private _grants;
    mapping(uint256 grantId => uint128[]) private _milestones;
    mapping(uint256 grantId => mapping(address donor => uint256)) private _contributions;
    mapping(uint256 grantId => mapping(address => bool)) private _reviewers;
    mapping(uint256 grantId => mapping(address => bool)) private _cancelVoted;
    /// Approvals are of one deliverable: key = keccak256(grantId, milestone, keccak256(cid)).
    mapping(bytes32 key => uint256) private _approvalCount;
    mapping(bytes32 key => mapping(address reviewer => bool)) private _approved;

    mapping(uint256 roundId => Round) private _rounds;
    mapping(uint256 roundId => mapping(uint256 grantId => bool)) private _eligible;
    mapping(uint256 roundId => mapping(address sponsor => uint256)) private _sponsorFunds;
    mapping(uint256 roundId => mapping(uint256 grantId => bool)) private _matchClaimed;

    /// What a researcher asks for; the event carries all of it, storage
    /// only what the contract checks.
    struct Terms {
        address beneficiary;
        IERC20 token;
        uint64 deadline;
        uint32 threshold;
        address[] reviewers;
        uint128[] amounts;
        string[] descriptions;
    }

    event GrantCreated(
        uint256 indexed grantId, address indexed beneficiary, address indexed token, uint256 goal, Terms terms
    );
    event Donated(uint256 indexed grantId, address indexed donor, uint256 amount);
    event MilestoneApproved(uint256 indexed grantId, uint256 indexed milestone, address indexed reviewer, bytes cid);
    event MilestoneReleased(uint256 indexed grantId, uint256 indexed milestone, bytes cid, bytes32 root, uint256 amount);
    event CancelVoted(uint256 indexed grantId, address indexed reviewer);
    event Cancelled(uint256 indexed grantId, address by);
    event Refunded(uint256 indexed grantId, address indexed donor, uint256 amount);

    event RoundCreated(
        uint256 indexed roundId,
        address indexed operator,
        address indexed token,
        uint256 start,
        uint256 end,
        uint256 claimPeriod,
        uint256 capBps,
        uint256[] grantIds
    );
    event RoundFunded(uint256 indexed roundId, address indexed sponsor, uint256 amount);
    event RoundDonated(uint256 indexed roundId, uint256 indexed grantId, address indexed donor, uint256 amount);
    event RoundClosed(uint256 indexed roundId, bytes32 root, uint256 total, uint256 claimDeadline);
    event MatchClaimed(uint256 indexed roundId, uint256 indexed grantId, address beneficiary, uint256 amount);
    event SponsorRefunded(uint256 indexed roundId, address indexed sponsor, uint256 amount);

    error InvalidGrant(string reason);
    error UnknownGrant(uint256 grantId);
    error GrantCancelled(uint256 grantId);
    error DeadlinePassed(uint256 grantId, uint256 deadline);
    error GoalReached(uint256 grantId);
    error ZeroAmount();
    error NotReviewer(address account);
    error NotBeneficiary(address account);
    error AlreadyApproved(address reviewer);
    error AlreadyVoted(address reviewer);
    error NotFunded(uint256 grantId);
    error MilestoneOutOfOrder(uint256 milestone, uint256 next);
    error NoEvidence();
    error NotNotarized();
    error NotApproved(uint256 approvals, uint256 threshold);
    error AllReleased(uint256 grantId);
    error NotRefundable(uint256 grantId);
    error NothingToRefund(address donor);

    error InvalidRound(string reason);
    error UnknownRound(uint256 roundId);
    error RoundNotOpen(uint256 roundId);
    error NotEligible(uint256 roundId, uint256 grantId);
    error NotOperator(address account);
    error RoundAlreadyClosed(uint256 roundId);
    error RoundNotOver(uint256 roundId);
    error ClaimsClosed(uint256 roundId);
    error ClaimsOpen(uint256 roundId);
    error AlreadyClaimed(uint256 roundId, uint256 grantId);
    error InvalidProof();
    error OverPool(uint256 roundId);
    error GrantRefundable(uint256 grantId);
    error NoFunds(address sponsor);

    error SignatureExpired(uint256 deadline);
    error BadSignature(address signer);

    constructor(INotary notary_) EIP712("desci Grants", "1") {
        notary = notary_;
        badge = new SupporterBadge();
    }

    // ---------------------------------------------------------------- grants

    /// @notice Create a grant. Its goal is the sum of the milestone amounts.
    function createGrant(Terms calldata t) external returns (uint256 grantId) {
        if (t.beneficiary == address(0)) revert InvalidGrant("no beneficiary");
        if (address(t.token) == address(0)) revert InvalidGrant("no token");
        if (t.deadline <= block.timestamp) revert InvalidGrant("deadline in the past");
        uint256 n = t.amounts.length;
        if (n == 0 || n > MAX_MILESTONES) revert InvalidGrant("milestone count");
        if (t.descriptions.length != n) revert InvalidGrant("one description per milestone");
        uint256 nr = t.reviewers.length;
        if (nr == 0 || nr > MAX_REVIEWERS) revert InvalidGrant("reviewer count");
        if (t.threshold == 0 || t.threshold > nr) revert InvalidGrant("threshold");
        uint256 goal;
        for (uint256 i; i < n; ++i) {
            if (t.amounts[i] == 0) revert InvalidGrant("zero milestone");
            goal += t.amounts[i];
        }
        if (goal > type(uint128).max) revert InvalidGrant("goal too large");
        grantId = ++grantCount;
        for (uint256 i; i < nr; ++i) {
            address r = t.reviewers[i];
            if (r == address(0) || _reviewers[grantId][r]) revert InvalidGrant("reviewer zero or repeated");
            _reviewers[grantId][r] = true;
        }
        Grant storage g = _grants[grantId];
        g.beneficiary = t.beneficiary;
        g.deadline = t.deadline;
        g.threshold = t.threshold;
        g.token = t.token;
        g.reviewerCount = uint16(nr);
        g.goal = uint128(goal);
        _milestones[grantId] = t.amounts;
        emit GrantCreated(grantId, t.beneficiary, address(t.token), goal, t);
    }

    /// @notice Donate amount (after approve). Only what the goal still
    /// lacks is taken; the rest stays with the donor.
    function donate(uint256 grantId, uint256 amount) external nonReentrant returns (uint256 accepted) {
        return _donate(grantId, msg.sender, amount);
    }

    /// @notice Donate with an EIP-2612 permit instead of a prior approve:
    /// one transaction. A permit already used (say, by someone who copied it
    /// from the mempool) is skipped, so the donation still goes through on
    /// the allowance it left.
    function donateWithPermit(uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 accepted)
    {
        IERC20 token = _grants[grantId].token;
        // A call to no code would revert outside the try, without a reason.
        if (address(token) == address(0)) revert UnknownGrant(grantId);
        _permit(token, msg.sender, amount, permitDeadline, v, r, s);
        return _donate(grantId, msg.sender, amount);
    }

    /// @notice Donate for d.donor, who signed d (EIP-712, this contract's
    /// domain; an ERC-1271 contract account's signature is asked of it) and,
    /// unless permitDeadline is 0 (the donor approved before), an EIP-2612
    /// permit of d.amount for this contract. Anyone may send it and pay the
    /// gas; the donation is the donor's, as if they had sent donate (or
    /// donateRound) themselves. Each nonce is used once, in order.
    function donateBySig(
        Donation calldata d,
        bytes calldata signature,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256 accepted) {
        if (block.timestamp > d.deadline) revert SignatureExpired(d.deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(DONATION_TYPEHASH, d.round, d.grant, d.amount, d.donor, d.nonce, d.deadline))
        );
        if (!SignatureChecker.isValidSignatureNowCalldata(d.donor, digest, signature)) {
            revert BadSignature(d.donor);
        }
        _useCheckedNonce(d.donor, d.nonce);
        IERC20 token = d.round == 0 ? _grants[d.grant].token : _rounds[d.round].token;
        if (address(token) == address(0)) {
            if (d.round == 0) revert UnknownGrant(d.grant);
            revert UnknownRound(d.round);
        }
        if (permitDeadline != 0) _permit(token, d.donor, d.amount, permitDeadline, v, r, s);
        if (d.round == 0) return _donate(d.grant, d.donor, d.amount);
        return _donateRound(d.round, d.grant, d.donor, d.amount);
    }

    /// @notice The EIP-712 digest a donor signs for d (for clients and tests).
    function donationDigest(Donation calldata d) external view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(DONATION_TYPEHASH, d.round, d.grant, d.amount, d.donor, d.nonce, d.deadline))
        );
    }

    /// @dev Uses owner's permit for this contract to take amount of token.
    /// A failed permit is ignored: if it was front-run, its allowance is
    /// there; if it was bad, safeTransferFrom reverts for want of one.
    function _permit(IERC20 token, address owner, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        private
    {
        try IERC20Permit(address(token)).permit(owner, address(this), amount, deadline, v, r, s) {} catch {}
    }

    function _donate(uint256 grantId, address donor, uint256 amount) private returns (uint256 accepted) {
        Grant storage g = _grants[grantId];
        if (g.beneficiary == address(0)) revert UnknownGrant(grantId);
        if (g.cancelled) revert GrantCancelled(grantId);
        if (block.timestamp > g.deadline) revert DeadlinePassed(grantId, g.deadline);
        uint256 room = g.goal - g.raised;
        if (room == 0) revert GoalReached(grantId);
        if (amount == 0) revert ZeroAmount();
        accepted = amount < room ? amount : room;
        uint256 before = _contributions[grantId][donor];
        _contributions[grantId][donor] = before + accepted;
        g.raised += uint128(accepted);
        emit Donated(grantId, donor, accepted);
        // Donations close before any refund opens, so a zero balance here
        // is a first donation.
        if (before == 0) badge.mint(donor, grantId);
        g.token.safeTransferFrom(donor, address(this), accepted);
    }

    /// @notice A reviewer approves one deliverable (a manifest CID) for a
    /// milestone not yet released. Approvals count for that CID only.
    function approveMilestone(uint256 grantId, uint256 milestone, bytes calldata cid) external {
        Grant storage g = _grants[grantId];
        if (g.beneficiary == address(0)) revert UnknownGrant(grantId);
        if (!_reviewers[grantId][msg.sender]) revert NotReviewer(msg.sender);
        if (g.cancelled) revert GrantCancelled(grantId);
        if (milestone < g.nextMilestone || milestone >= _milestones[grantId].length) {
            revert MilestoneOutOfOrder(milestone, g.nextMilestone);
        }
        if (cid.length == 0) revert NoEvidence();
        bytes32 key = _approvalKey(grantId, milestone, cid);
        if (_approved[key][msg.sender]) revert AlreadyApproved(msg.sender);
        _approved[key][msg.sender] = true;
        _approvalCount[key] += 1;
        emit MilestoneApproved(grantId, milestone, msg.sender, cid);
    }

    /// @notice The beneficiary releases the next milestone by naming its
    /// deliverable: a manifest CID under a root anchored in the Notary, with
    /// the Merkle proof, approved by at least the threshold of reviewers.
    function release(uint256 grantId, uint256 milestone, bytes calldata cid, bytes32 root, bytes32[] calldata proof)
        external
        nonReentrant
    {
        Grant storage g = _grants[grantId];
        if (g.beneficiary == address(0)) revert UnknownGrant(grantId);
        if (msg.sender != g.beneficiary) revert NotBeneficiary(msg.sender);
        if (g.cancelled) revert GrantCancelled(grantId);
        if (g.raised < g.goal) revert NotFunded(grantId);
        uint256 next = g.nextMilestone;
        if (next >= _milestones[grantId].length) revert AllReleased(grantId);
        if (milestone != next) revert MilestoneOutOfOrder(milestone, next);
        if (cid.length == 0) revert NoEvidence();
        if (!notary.isNotarized(cid, root, proof)) revert NotNotarized();
        uint256 got = _approvalCount[_approvalKey(grantId, milestone, cid)];
        if (got < g.threshold) revert NotApproved(got, g.threshold);
        uint128 amount = _milestones[grantId][milestone];
        g.nextMilestone = uint32(next + 1);
        g.released += amount;
        emit MilestoneReleased(grantId, milestone, cid, root, amount);
        g.token.safeTransfer(g.beneficiary, amount);
    }

    /// @notice The beneficiary cancels at once; a reviewer casts a vote, and
    /// more than half of the reviewers cancel. Donors then reclaim what is
    /// not released, pro rata.
    function cancel(uint256 grantId) external {
        Grant storage g = _grants[grantId];
        if (g.beneficiary == address(0)) revert UnknownGrant(grantId);
        if (g.cancelled) revert GrantCancelled(grantId);
        if (g.nextMilestone >= _milestones[grantId].length) revert AllReleased(grantId);
        if (msg.sender != g.beneficiary) {
            if (!_reviewers[grantId][msg.sender]) revert NotReviewer(msg.sender);
            if (_cancelVoted[grantId][msg.sender]) revert AlreadyVoted(msg.sender);
            _cancelVoted[grantId][msg.sender] = true;
            g.cancelVotes += 1;
            emit CancelVoted(grantId, msg.sender);
            if (uint256(g.cancelVotes) * 2 <= g.reviewerCount) return;
        }
        g.cancelled = true;
        emit Cancelled(grantId, msg.sender);
    }

    /// @notice Reclaim a donation: all of it if the goal was missed by the
    /// deadline, its share of what was not released if the grant was
    /// cancelled. Shares round down, so the claims never exceed the escrow.
    function refund(uint256 grantId) external nonReentrant returns (uint256 amount) {
        return _refund(grantId, msg.sender);
    }

    /// @notice refund for q.donor, who signed q (EIP-712, this contract's
    /// domain), sent and paid for by anyone: what is reclaimed goes to the
    /// donor. Nonces are shared with donateBySig.
    function refundBySig(Refund calldata q, bytes calldata signature) external nonReentrant returns (uint256 amount) {
        if (block.timestamp > q.deadline) revert SignatureExpired(q.deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(REFUND_TYPEHASH, q.grant, q.donor, q.nonce, q.deadline)));
        if (!SignatureChecker.isValidSignatureNowCalldata(q.donor, digest, signature)) revert BadSignature(q.donor);
        _useCheckedNonce(q.donor, q.nonce);
        return _refund(q.grant, q.donor);
    }

    function _refund(uint256 grantId, address donor) private returns (uint256 amount) {
        Grant storage g = _grants[grantId];
        if (g.beneficiary == address(0)) revert UnknownGrant(grantId);
        if (!_refundable(g)) revert NotRefundable(grantId);
        uint256 c = _contributions[grantId][donor];
        if (c == 0) revert NothingToRefund(donor);
        amount = _share(g, c);
        _contributions[grantId][donor] = 0;
        g.refunded += uint128(amount);
        emit Refunded(grantId, donor, amount);
        g.token.safeTransfer(donor, amount);
    }

    function _refundable(Grant storage g) private view returns (bool) {
        return g.cancelled || (block.timestamp > g.deadline && g.raised < g.goal);
    }

    function _share(Grant storage g, uint256 contribution) private view returns (uint256) {
        return contribution * (g.raised - g.released) / g.raised;
    }

    function _approvalKey(uint256 grantId, uint256 milestone, bytes calldata cid) private pure returns (bytes32) {
        return keccak256(abi.encode(grantId, milestone, keccak256(cid)));
    }

    /// @notice A grant's state (milestone descriptions and reviewers are in
    /// its GrantCreated event).
    function grant(uint256 grantId) external view returns (Grant memory) {
        return _grants[grantId];
    }

    function milestones(uint256 grantId) external view returns (uint128[] memory) {
        return _milestones[grantId];
    }

    /// @notice What a donor gave and has not reclaimed.
    function contributionOf(uint256 grantId, address donor) external view returns (uint256) {
        return _contributions[grantId][donor];
    }

    /// @notice What a donor could reclaim now (zero unless refunds are open).
    function reclaimable(uint256 grantId, address donor) external view returns (uint256) {
        Grant storage g = _grants[grantId];
        uint256 c = _contributions[grantId][donor];
        if (c == 0 || !_refundable(g)) return 0;
        return _share(g, c);
    }

    function isReviewer(uint256 grantId, address account) external view returns (bool) {
        return _reviewers[grantId][account];
    }

    function approvals(uint256 grantId, uint256 milestone, bytes calldata cid) external view returns (uint256) {
        return _approvalCount[_approvalKey(grantId, milestone, cid)];
    }

    // ---------------------------------------------------------------- rounds

    /// @notice Create a quadratic-funding round over eligible grants paid in
    /// token, open for donations from start to end (inclusive).
    function createRound(
        IERC20 token,
        uint64 start,
        uint64 end,
        uint64 claimPeriod,
        uint16 capBps,
        uint256[] calldata grantIds
    ) external returns (uint256 roundId) {
        if (address(token) == address(0)) revert InvalidRound("no token");
        if (end < start || end <= block.timestamp) revert InvalidRound("window");
        if (claimPeriod == 0) revert InvalidRound("no claim period");
        if (capBps == 0 || capBps > 10_000) revert InvalidRound("cap");
        if (grantIds.length == 0) revert InvalidRound("no grants");
        roundId = ++roundCount;
        for (uint256 i; i < grantIds.length; ++i) {
            uint256 id = grantIds[i];
            Grant storage g = _grants[id];
            if (g.beneficiary == address(0)) revert UnknownGrant(id);
            if (address(g.token) != address(token)) revert InvalidRound("grant in another token");
            if (_eligible[roundId][id]) revert InvalidRound("grant repeated");
            _eligible[roundId][id] = true;
        }
        Round storage r = _rounds[roundId];
        r.operator = msg.sender;
        r.start = start;
        r.token = token;
        r.end = end;
        r.claimPeriod = claimPeriod;
        r.capBps = capBps;
        emit RoundCreated(roundId, msg.sender, address(token), start, end, claimPeriod, capBps, grantIds);
    }

    /// @notice A sponsor adds to the matching pool, until the window ends.
    function fundRound(uint256 roundId, uint256 amount) external nonReentrant {
        _fundRound(roundId, amount);
    }

    /// @notice fundRound with an EIP-2612 permit instead of a prior approve,
    /// as donateWithPermit.
    function fundRoundWithPermit(uint256 roundId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        IERC20 token = _rounds[roundId].token;
        if (address(token) == address(0)) revert UnknownRound(roundId);
        _permit(token, msg.sender, amount, permitDeadline, v, r, s);
        _fundRound(roundId, amount);
    }

    function _fundRound(uint256 roundId, uint256 amount) private {
        Round storage r = _rounds[roundId];
        if (r.operator == address(0)) revert UnknownRound(roundId);
        if (block.timestamp > r.end) revert RoundNotOpen(roundId);
        if (amount == 0) revert ZeroAmount();
        // A pool past 2^128 would wrap and let a sponsor's share exceed it.
        r.pool = SafeCast.toUint128(uint256(r.pool) + amount);
        _sponsorFunds[roundId][msg.sender] += amount;
        emit RoundFunded(roundId, msg.sender, amount);
        r.token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Donate to an eligible grant through the round: an ordinary
    /// donation to the grant, also counted for matching.
    function donateRound(uint256 roundId, uint256 grantId, uint256 amount)
        external
        nonReentrant
        returns (uint256 accepted)
    {
        return _donateRound(roundId, grantId, msg.sender, amount);
    }

    /// @notice donateRound with an EIP-2612 permit instead of a prior
    /// approve, as donateWithPermit.
    function donateRoundWithPermit(
        uint256 roundId,
        uint256 grantId,
        uint256 amount,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256 accepted) {
        // The grants of a round are in its token (createRound checks).
        IERC20 token = _rounds[roundId].token;
        if (address(token) == address(0)) revert UnknownRound(roundId);
        _permit(token, msg.sender, amount, permitDeadline, v, r, s);
        return _donateRound(roundId, grantId, msg.sender, amount);
    }

    function _donateRound(uint256 roundId, uint256 grantId, address donor, uint256 amount)
        private
        returns (uint256 accepted)
    {
        Round storage r = _rounds[roundId];
        if (r.operator == address(0)) revert UnknownRound(roundId);
        if (block.timestamp < r.start || block.timestamp > r.end) revert RoundNotOpen(roundId);
        if (!_eligible[roundId][grantId]) revert NotEligible(roundId, grantId);
        accepted = _donate(grantId, donor, amount);
        emit RoundDonated(roundId, grantId, donor, accepted);
    }

    /// @notice The operator commits the matching after the window: the root
    /// of a StandardMerkleTree of (uint256 grantId, uint256 amount) and the
    /// amounts' sum. Grants then have claimPeriod to claim.
    function closeRound(uint256 roundId, bytes32 root, uint256 total) external {
        Round storage r = _rounds[roundId];
        if (r.operator == address(0)) revert UnknownRound(roundId);
        if (msg.sender != r.operator) revert NotOperator(msg.sender);
        if (r.root != bytes32(0)) revert RoundAlreadyClosed(roundId);
        if (block.timestamp <= r.end) revert RoundNotOver(roundId);
        // Past this, sponsors may take the whole pool back: too late to commit.
        if (block.timestamp > uint256(r.end) + r.claimPeriod) revert ClaimsClosed(roundId);
        if (root == bytes32(0)) revert InvalidProof();
        if (total > r.pool) revert OverPool(roundId);
        r.root = root;
        r.total = uint128(total);
        r.claimDeadline = uint64(block.timestamp) + r.claimPeriod;
        emit RoundClosed(roundId, root, total, r.claimDeadline);
    }

    /// @notice Pay a grant's match to its beneficiary, once, with a proof
    /// against the committed root. Anyone may call it.
    function claimMatch(uint256 roundId, uint256 grantId, uint256 amount, bytes32[] calldata proof)
        external
        nonReentrant
    {
        Round storage r = _rounds[roundId];
        if (r.operator == address(0)) revert UnknownRound(roundId);
        if (r.root == bytes32(0)) revert RoundNotOver(roundId);
        if (block.timestamp > r.claimDeadline) revert ClaimsClosed(roundId);
        if (_matchClaimed[roundId][grantId]) revert AlreadyClaimed(roundId, grantId);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(grantId, amount))));
        if (!MerkleProof.verifyCalldata(proof, r.root, leaf)) revert InvalidProof();
        Grant storage g = _grants[grantId];
        // A grant whose donors are being refunded gets no match: it goes back to sponsors.
        if (_refundable(g)) revert GrantRefundable(grantId);
        if (uint256(r.claimed) + amount > r.total) revert OverPool(roundId);
        _matchClaimed[roundId][grantId] = true;
        r.claimed += uint128(amount);
        emit MatchClaimed(roundId, grantId, g.beneficiary, amount);
        r.token.safeTransfer(g.beneficiary, amount);
    }

    /// @notice After the claim deadline (or, if no root was committed in
    /// time, after end + claimPeriod), a sponsor takes back its share of
    /// what was not claimed, rounded down.
    function reclaimSponsor(uint256 roundId) external nonReentrant returns (uint256 amount) {
        Round storage r = _rounds[roundId];
        if (r.operator == address(0)) revert UnknownRound(roundId);
        uint256 until = r.root != bytes32(0) ? r.claimDeadline : uint256(r.end) + r.claimPeriod;
        if (block.timestamp <= until) revert ClaimsOpen(roundId);
        uint256 s = _sponsorFunds[roundId][msg.sender];
        if (s == 0) revert NoFunds(msg.sender);
        amount = s * (r.pool - r.claimed) / r.pool;
        _sponsorFunds[roundId][msg.sender] = 0;
        r.returned += uint128(amount);
        emit SponsorRefunded(roundId, msg.sender, amount);
        r.token.safeTransfer(msg.sender, amount);
    }

    function round(uint256 roundId) external view returns (Round memory) {
        return _rounds[roundId];
    }

    function isEligible(uint256 roundId, uint256 grantId) external view returns (bool) {
        return _eligible[roundId][grantId];
    }

    function sponsorFunds(uint256 roundId, address sponsor) external view returns (uint256) {
        return _sponsorFunds[roundId][sponsor];
    }

    function matchClaimed(uint256 roundId, uint256 grantId) external view returns (bool) {
        return _matchClaimed[roundId][grantId];
    }
}
