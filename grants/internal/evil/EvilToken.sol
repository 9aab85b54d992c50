// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title EvilToken
/// @notice A test-only ERC-20 that, once armed, calls back into a target
/// from inside its next transfer and bubbles up any revert: the reentrancy
/// attack of the attack table. It is its own donor, so a reentrant
/// refund would pay it twice if the Grants contract let it.
contract EvilToken is ERC20 {
    address public target;
    bytes public payload;
    bool public armed;

    constructor() ERC20("Evil", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Call target with data as this contract (approving spender first).
    function act(address target_, address spender, uint256 allowance, bytes calldata data) external {
        _approve(address(this), spender, allowance);
        (bool ok, bytes memory ret) = target_.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    /// @notice On the next transfer, call target with data.
    function arm(address target_, bytes calldata data) external {
        target = target_;
        payload = data;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed) {
            armed = false;
            (bool ok, bytes memory ret) = target.call(payload);
            if (!ok) {
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
        }
    }
}
