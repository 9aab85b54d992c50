// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Notary
/// @notice Records when, in which block and by whom a Merkle root of research
/// manifests was first anchored. Anyone may anchor; a root is anchored once.
/// Leaves follow OpenZeppelin's StandardMerkleTree for one `bytes` value (the
/// manifest CID), so proofs check with MerkleProof here and in other contracts.
contract Notary {
    /// One storage slot per root: that is what keeps an anchor near 45k gas
    /// whatever the batch size.
    struct Anchor {
        address submitter;
        uint48 timestamp;
        uint48 blockNumber;
    }

    mapping(bytes32 root => Anchor) private _anchors;

    event Anchored(bytes32 indexed root, address indexed submitter, uint256 timestamp, uint256 blockNumber);

    error AlreadyAnchored(bytes32 root, uint256 blockNumber);
    error ZeroRoot();

    /// @notice Anchor a Merkle root. Reverts if the root was anchored before.
    function anchor(bytes32 root) external {
        if (root == bytes32(0)) revert ZeroRoot();
        uint48 previous = _anchors[root].blockNumber;
        if (previous != 0) revert AlreadyAnchored(root, previous);
        _anchors[root] = Anchor(msg.sender, uint48(block.timestamp), uint48(block.number));
        emit Anchored(root, msg.sender, block.timestamp, block.number);
    }

    /// @notice Who anchored a root and when; all zero if it never was.
    function anchorOf(bytes32 root) external view returns (address submitter, uint256 timestamp, uint256 blockNumber) {
        Anchor memory a = _anchors[root];
        return (a.submitter, a.timestamp, a.blockNumber);
    }

    /// @notice The leaf for a manifest CID (binary form).
    function leafOf(bytes calldata cid) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(cid))));
    }

    /// @notice Whether the proof places the leaf under the root (no chain state).
    function verifyProof(bytes32 root, bytes32[] calldata proof, bytes32 leaf) public pure returns (bool) {
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @notice Whether a manifest CID is under an anchored root.
    function isNotarized(bytes calldata cid, bytes32 root, bytes32[] calldata proof) external view returns (bool) {
        return _anchors[root].blockNumber != 0 && verifyProof(root, proof, leafOf(cid));
    }
}
