// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// Test-only smart accounts for ethsig's tests: never deploy them anywhere
/// else.

/// OwnedWallet is an ERC-1271 account: a signature is valid when its owner's
/// key made it (65 bytes, v in {27, 28}). The owner can hand it on.
contract OwnedWallet {
    address public owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function setOwner(address owner_) external {
        require(msg.sender == owner, "not the owner");
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata sig) external view returns (bytes4) {
        if (sig.length != 65) return 0xffffffff;
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        address a = ecrecover(hash, v, r, s);
        return a != address(0) && a == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}

/// WalletFactory deploys OwnedWallets with CREATE2, so an account's address
/// is known before it exists (ERC-6492's counterfactual accounts).
contract WalletFactory {
    function deploy(address owner, bytes32 salt) external returns (address) {
        return address(new OwnedWallet{salt: salt}(owner));
    }

    function addressOf(address owner, bytes32 salt) external view returns (address) {
        bytes32 h = keccak256(
            abi.encodePacked(bytes1(0xff), address(this), salt, keccak256(abi.encodePacked(type(OwnedWallet).creationCode, abi.encode(owner))))
        );
        return address(uint160(uint256(h)));
    }
}

/// RevertingWallet refuses to answer.
contract RevertingWallet {
    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        revert("no");
    }
}

/// BurningWallet spends all the gas it is given.
contract BurningWallet {
    function isValidSignature(bytes32, bytes calldata) external view returns (bytes4) {
        uint256 i;
        while (gasleft() > 0) i++;
        return bytes4(uint32(i));
    }
}

/// YesWallet says yes to everything: an account whose code accepts any
/// signature is its owner's choice, and what it says is what counts.
contract YesWallet {
    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        return 0x1626ba7e;
    }
}
