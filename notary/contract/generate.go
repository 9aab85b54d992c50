package contract

// The compiled contract and its Go binding live in gen/, generated from
// Notary.sol; never edit them by hand. CI runs go generate and fails if
// anything in gen/ changes.
//go:generate node ../../scripts/solc.js Notary.sol Notary gen
//go:generate go tool abigen --v2 --abi gen/Notary.abi --bin gen/Notary.bin --pkg gen --type Notary --out gen/notary.gen.go
