// Package contract holds SigCheck.sol, the creation code ethsig runs in an
// eth_call to ask a smart account (ERC-1271), deploying it first in the
// same call when it is not deployed yet (ERC-6492). The compiled contract
// lives in gen/, generated from the source; never edit it by hand. CI runs
// go generate and fails if anything in gen/ changes.
package contract

import (
	_ "embed"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
)

//go:generate node ../../../scripts/solc.js SigCheck.sol SigCheck gen

var (
	//go:embed gen/SigCheck.bin
	bin string
	//go:embed gen/SigCheck.abi
	abiJSON string
)

// SigCheckBin is SigCheck's creation code.
var SigCheckBin = common.FromHex(strings.TrimSpace(bin))

// SigCheckABI is SigCheck's ABI: its constructor's arguments follow the
// creation code.
var SigCheckABI = func() abi.ABI {
	a, err := abi.JSON(strings.NewReader(abiJSON))
	if err != nil {
		panic("ethsig/contract: " + err.Error())
	}
	return a
}()
