// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// SigCheck is never deployed. desci runs its creation code in an eth_call
/// with no recipient ("deployless", as ERC-6492 verifiers do); what the
/// constructor returns is the call's result: one byte, a Result of
/// ../ethsig.go. For an ERC-6492 signature of an account without code it
/// first calls the account's factory, inside the same call, so the
/// deployment is simulated and never happens.
contract SigCheck {
    bytes4 private constant ERC1271_MAGIC = 0x1626ba7e;

    constructor(
        address signer,
        bytes32 hash,
        bytes memory signature,
        address factory,
        bytes memory factoryCalldata,
        uint256 checkGas
    ) {
        uint8 result = check(signer, hash, signature, factory, factoryCalldata, checkGas);
        assembly {
            mstore(0, result)
            return(31, 1)
        }
    }

    function check(
        address signer,
        bytes32 hash,
        bytes memory signature,
        address factory,
        bytes memory factoryCalldata,
        uint256 checkGas
    ) private returns (uint8) {
        // ERC-6492: deploy only when the account has no code yet; a
        // deployed account is asked as it is now (its owner may have
        // changed since the wrapper was made).
        if (factory != address(0) && signer.code.length == 0) {
            bool deployed;
            assembly {
                // No return data is copied: a factory cannot make us
                // spend on it.
                deployed := call(gas(), factory, 0, add(factoryCalldata, 32), mload(factoryCalldata), 0, 0)
            }
            if (!deployed) return 2;
        }
        if (signer.code.length == 0) return 3;
        bytes memory data = abi.encodeWithSelector(ERC1271_MAGIC, hash, signature);
        bool ok;
        uint256 size;
        bytes32 word;
        assembly {
            // Bounded gas, and at most one word of return data read.
            ok := staticcall(checkGas, signer, add(data, 32), mload(data), 0, 32)
            size := returndatasize()
            word := mload(0)
        }
        if (!ok || size < 32) return 4;
        return word == bytes32(ERC1271_MAGIC) ? 1 : 0;
    }
}
