// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestUSD
/// @notice A stablecoin stand-in for development chains: 6 decimals like
/// USDC, EIP-2612 permit so a donation can be one transaction, and minting
/// by its deployer only (desci grants faucet on the embedded chain). It is
/// worth nothing: never deploy it where real value moves.
contract TestUSD is ERC20, ERC20Permit {
    /// @notice The only account that may mint: whoever deployed the token.
    address public immutable minter;

    error NotMinter(address caller);

    constructor() ERC20("desci Test USD", "tUSD") ERC20Permit("desci Test USD") {
        minter = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mint amount (in units of 10^-6 tUSD) to an account.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }
}
