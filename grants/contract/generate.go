// Package contract holds the grants contracts: Grants.sol (escrow,
// rounds, and the SupporterBadge it deploys) and TestUSD.sol, the
// development stablecoin. The compiled contracts and their Go bindings
// live in gen/, generated from the sources; never edit them by hand. CI
// runs go generate and fails if anything in gen/ changes.
package contract

//go:generate node ../../scripts/solc.js Grants.sol Grants gen
//go:generate node ../../scripts/solc.js Grants.sol SupporterBadge gen
//go:generate node ../../scripts/solc.js TestUSD.sol TestUSD gen
//go:generate go tool abigen --v2 --abi gen/Grants.abi --bin gen/Grants.bin --pkg gen --type Grants --alias eip712Domain=grantsDomain --out gen/grants.gen.go
//go:generate go tool abigen --v2 --abi gen/SupporterBadge.abi --bin gen/SupporterBadge.bin --pkg gen --type SupporterBadge --out gen/supporterbadge.gen.go
//go:generate go tool abigen --v2 --abi gen/TestUSD.abi --bin gen/TestUSD.bin --pkg gen --type TestUSD --out gen/testusd.gen.go
