// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package gen

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// EvilTokenMetaData contains all meta data concerning the EvilToken contract.
var EvilTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSpender\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"act\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target_\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"arm\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"armed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"payload\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"target\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "EvilToken",
	Bin: "0x608060405234801561000f575f5ffd5b5060405180604001604052806004815260200163115d9a5b60e21b815250604051806040016040528060048152602001631155925360e21b81525081600390816100599190610111565b5060046100668282610111565b5050506101cf565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061009657607f821691505b6020821081036100b457634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561010c578282111561010c57805f5260205f20601f840160051c60208510156100e557505f5b90810190601f840160051c035f5b81811015610108575f838201556001016100f3565b5050505b505050565b81516001600160401b0381111561012a5761012a61006e565b61013e816101388454610082565b846100ba565b6020601f821160018114610170575f83156101595750848201515b5f19600385901b1c1916600184901b1784556101c8565b5f84815260208120601f198516915b8281101561019f578785015182556020948501946001909201910161017f565b50848210156101bc57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b610c65806101dc5f395ff3fe608060405234801561000f575f5ffd5b50600436106100f0575f3560e01c806340c10f1911610093578063a9059cbb11610063578063a9059cbb146101d6578063d4169323146101e9578063d4b83992146101fc578063dd62ed3e14610227575f5ffd5b806340c10f191461018b57806370a082311461019e57806395d89b41146101c6578063a878f858146101ce575f5ffd5b806323b872dd116100ce57806323b872dd146101475780632f4110931461015a578063313ce567146101675780633522bfd014610176575f5ffd5b806306fdde03146100f4578063095ea7b31461011257806318160ddd14610135575b5f5ffd5b6100fc61025f565b604051610109919061087f565b60405180910390f35b6101256101203660046108b3565b6102ef565b6040519015158152602001610109565b6002545b604051908152602001610109565b6101256101553660046108db565b610308565b6007546101259060ff1681565b60405160128152602001610109565b61018961018436600461095a565b61032b565b005b6101896101993660046108b3565b610366565b6101396101ac3660046109a9565b6001600160a01b03165f9081526020819052604090205490565b6100fc610374565b6100fc610383565b6101256101e43660046108b3565b61040f565b6101896101f73660046109c2565b61041c565b60055461020f906001600160a01b031681565b6040516001600160a01b039091168152602001610109565b610139610235366004610a2c565b6001600160a01b039182165f90815260016020908152604080832093909416825291909152205490565b60606003805461026e90610a5d565b80601f016020809104026020016040519081016040528092919081815260200182805461029a90610a5d565b80156102e55780601f106102bc576101008083540402835291602001916102e5565b820191905f5260205f20905b8154815290600101906020018083116102c857829003601f168201915b5050505050905090565b5f336102fc81858561049c565b60019150505b92915050565b5f336103158582856104ae565b61032085858561052f565b506001949350505050565b600580546001600160a01b0319166001600160a01b0385161790556006610353828483610aff565b50506007805460ff191660011790555050565b610370828261058c565b5050565b60606004805461026e90610a5d565b6006805461039090610a5d565b80601f01602080910402602001604051908101604052809291908181526020018280546103bc90610a5d565b80156104075780601f106103de57610100808354040283529160200191610407565b820191905f5260205f20905b8154815290600101906020018083116103ea57829003601f168201915b505050505081565b5f336102fc81858561052f565b61042730858561049c565b5f5f866001600160a01b03168484604051610443929190610bb9565b5f604051808303815f865af19150503d805f811461047c576040519150601f19603f3d011682016040523d82523d5f602084013e610481565b606091505b50915091508161049357805160208201fd5b50505050505050565b6104a983838360016105c0565b505050565b6001600160a01b038381165f908152600160209081526040808320938616835292905220545f19811015610529578181101561051b57604051637dc7a0d960e11b81526001600160a01b038416600482015260248101829052604481018390526064015b60405180910390fd5b61052984848484035f6105c0565b50505050565b6001600160a01b03831661055857604051634b637e8f60e11b81525f6004820152602401610512565b6001600160a01b0382166105815760405163ec442f0560e01b81525f6004820152602401610512565b6104a9838383610692565b6001600160a01b0382166105b55760405163ec442f0560e01b81525f6004820152602401610512565b6103705f8383610692565b6001600160a01b0384166105e95760405163e602df0560e01b81525f6004820152602401610512565b6001600160a01b03831661061257604051634a1406b160e11b81525f6004820152602401610512565b6001600160a01b038085165f908152600160209081526040808320938716835292905220829055801561052957826001600160a01b0316846001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b9258460405161068491815260200190565b60405180910390a350505050565b61069d83838361072b565b60075460ff16156104a9576007805460ff191690556005546040515f9182916001600160a01b03909116906106d490600690610bc8565b5f604051808303815f865af19150503d805f811461070d576040519150601f19603f3d011682016040523d82523d5f602084013e610712565b606091505b50915091508161072457805160208201fd5b5050505050565b6001600160a01b038316610755578060025f82825461074a9190610c39565b909155506107c59050565b6001600160a01b0383165f90815260208190526040902054818110156107a75760405163391434e360e21b81526001600160a01b03851660048201526024810182905260448101839052606401610512565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b0382166107e1576002805482900390556107ff565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef8360405161084491815260200190565b60405180910390a3505050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6108916020830184610851565b9392505050565b80356001600160a01b03811681146108ae575f5ffd5b919050565b5f5f604083850312156108c4575f5ffd5b6108cd83610898565b946020939093013593505050565b5f5f5f606084860312156108ed575f5ffd5b6108f684610898565b925061090460208501610898565b929592945050506040919091013590565b5f5f83601f840112610925575f5ffd5b50813567ffffffffffffffff81111561093c575f5ffd5b602083019150836020828501011115610953575f5ffd5b9250929050565b5f5f5f6040848603121561096c575f5ffd5b61097584610898565b9250602084013567ffffffffffffffff811115610990575f5ffd5b61099c86828701610915565b9497909650939450505050565b5f602082840312156109b9575f5ffd5b61089182610898565b5f5f5f5f5f608086880312156109d6575f5ffd5b6109df86610898565b94506109ed60208701610898565b935060408601359250606086013567ffffffffffffffff811115610a0f575f5ffd5b610a1b88828901610915565b969995985093965092949392505050565b5f5f60408385031215610a3d575f5ffd5b610a4683610898565b9150610a5460208401610898565b90509250929050565b600181811c90821680610a7157607f821691505b602082108103610a8f57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52604160045260245ffd5b601f8211156104a957828211156104a957805f5260205f20601f840160051c6020851015610ad457505f5b90810190601f840160051c035f5b81811015610af7575f83820155600101610ae2565b505050505050565b67ffffffffffffffff831115610b1757610b17610a95565b610b2b83610b258354610a5d565b83610aa9565b5f601f841160018114610b5c575f8515610b455750838201355b5f19600387901b1c1916600186901b178355610724565b5f83815260208120601f198716915b82811015610b8b5786850135825560209485019460019092019101610b6b565b5086821015610ba7575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b818382375f9101908152919050565b5f5f8354610bd581610a5d565b600182168015610bec5760018114610c0157610c2e565b60ff1983168652811515820286019350610c2e565b865f5260205f205f5b83811015610c2657815488820152600190910190602001610c0a565b505081860193505b509195945050505050565b8082018082111561030257634e487b7160e01b5f52601160045260245ffdfea164736f6c6343000825000a",
}

// EvilToken is an auto generated Go binding around an Ethereum contract.
type EvilToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *EvilToken) GetABI() abi.ABI {
	return c.abi
}

// NewEvilToken creates a new instance of EvilToken.
func NewEvilToken() *EvilToken {
	parsed, err := EvilTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &EvilToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *EvilToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAct is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4169323.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function act(address target_, address spender, uint256 allowance, bytes data) returns()
func (evilToken *EvilToken) PackAct(target common.Address, spender common.Address, allowance *big.Int, data []byte) []byte {
	enc, err := evilToken.abi.Pack("act", target, spender, allowance, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAct is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4169323.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function act(address target_, address spender, uint256 allowance, bytes data) returns()
func (evilToken *EvilToken) TryPackAct(target common.Address, spender common.Address, allowance *big.Int, data []byte) ([]byte, error) {
	return evilToken.abi.Pack("act", target, spender, allowance, data)
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (evilToken *EvilToken) PackAllowance(owner common.Address, spender common.Address) []byte {
	enc, err := evilToken.abi.Pack("allowance", owner, spender)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (evilToken *EvilToken) TryPackAllowance(owner common.Address, spender common.Address) ([]byte, error) {
	return evilToken.abi.Pack("allowance", owner, spender)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (evilToken *EvilToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := evilToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (evilToken *EvilToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := evilToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (evilToken *EvilToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return evilToken.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (evilToken *EvilToken) UnpackApprove(data []byte) (bool, error) {
	out, err := evilToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackArm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3522bfd0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function arm(address target_, bytes data) returns()
func (evilToken *EvilToken) PackArm(target common.Address, data []byte) []byte {
	enc, err := evilToken.abi.Pack("arm", target, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackArm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3522bfd0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function arm(address target_, bytes data) returns()
func (evilToken *EvilToken) TryPackArm(target common.Address, data []byte) ([]byte, error) {
	return evilToken.abi.Pack("arm", target, data)
}

// PackArmed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f411093.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function armed() view returns(bool)
func (evilToken *EvilToken) PackArmed() []byte {
	enc, err := evilToken.abi.Pack("armed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackArmed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f411093.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function armed() view returns(bool)
func (evilToken *EvilToken) TryPackArmed() ([]byte, error) {
	return evilToken.abi.Pack("armed")
}

// UnpackArmed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2f411093.
//
// Solidity: function armed() view returns(bool)
func (evilToken *EvilToken) UnpackArmed(data []byte) (bool, error) {
	out, err := evilToken.abi.Unpack("armed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (evilToken *EvilToken) PackBalanceOf(account common.Address) []byte {
	enc, err := evilToken.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (evilToken *EvilToken) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return evilToken.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (evilToken *EvilToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := evilToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (evilToken *EvilToken) PackDecimals() []byte {
	enc, err := evilToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (evilToken *EvilToken) TryPackDecimals() ([]byte, error) {
	return evilToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (evilToken *EvilToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := evilToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (evilToken *EvilToken) PackMint(to common.Address, amount *big.Int) []byte {
	enc, err := evilToken.abi.Pack("mint", to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (evilToken *EvilToken) TryPackMint(to common.Address, amount *big.Int) ([]byte, error) {
	return evilToken.abi.Pack("mint", to, amount)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (evilToken *EvilToken) PackName() []byte {
	enc, err := evilToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (evilToken *EvilToken) TryPackName() ([]byte, error) {
	return evilToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (evilToken *EvilToken) UnpackName(data []byte) (string, error) {
	out, err := evilToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackPayload is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa878f858.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function payload() view returns(bytes)
func (evilToken *EvilToken) PackPayload() []byte {
	enc, err := evilToken.abi.Pack("payload")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPayload is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa878f858.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function payload() view returns(bytes)
func (evilToken *EvilToken) TryPackPayload() ([]byte, error) {
	return evilToken.abi.Pack("payload")
}

// UnpackPayload is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa878f858.
//
// Solidity: function payload() view returns(bytes)
func (evilToken *EvilToken) UnpackPayload(data []byte) ([]byte, error) {
	out, err := evilToken.abi.Unpack("payload", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (evilToken *EvilToken) PackSymbol() []byte {
	enc, err := evilToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (evilToken *EvilToken) TryPackSymbol() ([]byte, error) {
	return evilToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (evilToken *EvilToken) UnpackSymbol(data []byte) (string, error) {
	out, err := evilToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function target() view returns(address)
func (evilToken *EvilToken) PackTarget() []byte {
	enc, err := evilToken.abi.Pack("target")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function target() view returns(address)
func (evilToken *EvilToken) TryPackTarget() ([]byte, error) {
	return evilToken.abi.Pack("target")
}

// UnpackTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd4b83992.
//
// Solidity: function target() view returns(address)
func (evilToken *EvilToken) UnpackTarget(data []byte) (common.Address, error) {
	out, err := evilToken.abi.Unpack("target", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (evilToken *EvilToken) PackTotalSupply() []byte {
	enc, err := evilToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (evilToken *EvilToken) TryPackTotalSupply() ([]byte, error) {
	return evilToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (evilToken *EvilToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := evilToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (evilToken *EvilToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := evilToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (evilToken *EvilToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return evilToken.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (evilToken *EvilToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := evilToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (evilToken *EvilToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := evilToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (evilToken *EvilToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return evilToken.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (evilToken *EvilToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := evilToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// EvilTokenApproval represents a Approval event raised by the EvilToken contract.
type EvilTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const EvilTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (EvilTokenApproval) ContractEventName() string {
	return EvilTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (evilToken *EvilToken) UnpackApprovalEvent(log *types.Log) (*EvilTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != evilToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EvilTokenApproval)
	if len(log.Data) > 0 {
		if err := evilToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range evilToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EvilTokenTransfer represents a Transfer event raised by the EvilToken contract.
type EvilTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const EvilTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (EvilTokenTransfer) ContractEventName() string {
	return EvilTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (evilToken *EvilToken) UnpackTransferEvent(log *types.Log) (*EvilTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != evilToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EvilTokenTransfer)
	if len(log.Data) > 0 {
		if err := evilToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range evilToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (evilToken *EvilToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InsufficientAllowance"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InsufficientBalance"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InvalidApprover"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InvalidReceiver"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InvalidSender"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], evilToken.abi.Errors["ERC20InvalidSpender"].ID.Bytes()[:4]) {
		return evilToken.UnpackERC20InvalidSpenderError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// EvilTokenERC20InsufficientAllowance represents a ERC20InsufficientAllowance error raised by the EvilToken contract.
type EvilTokenERC20InsufficientAllowance struct {
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func EvilTokenERC20InsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0xfb8f41b23e99d2101d86da76cdfa87dd51c82ed07d3cb62cbc473e469dbc75c3")
}

// UnpackERC20InsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func (evilToken *EvilToken) UnpackERC20InsufficientAllowanceError(raw []byte) (*EvilTokenERC20InsufficientAllowance, error) {
	out := new(EvilTokenERC20InsufficientAllowance)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EvilTokenERC20InsufficientBalance represents a ERC20InsufficientBalance error raised by the EvilToken contract.
type EvilTokenERC20InsufficientBalance struct {
	Sender  common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func EvilTokenERC20InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xe450d38cd8d9f7d95077d567d60ed49c7254716e6ad08fc9872816c97e0ffec6")
}

// UnpackERC20InsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func (evilToken *EvilToken) UnpackERC20InsufficientBalanceError(raw []byte) (*EvilTokenERC20InsufficientBalance, error) {
	out := new(EvilTokenERC20InsufficientBalance)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EvilTokenERC20InvalidApprover represents a ERC20InvalidApprover error raised by the EvilToken contract.
type EvilTokenERC20InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidApprover(address approver)
func EvilTokenERC20InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xe602df05cc75712490294c6c104ab7c17f4030363910a7a2626411c6d3118847")
}

// UnpackERC20InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidApprover(address approver)
func (evilToken *EvilToken) UnpackERC20InvalidApproverError(raw []byte) (*EvilTokenERC20InvalidApprover, error) {
	out := new(EvilTokenERC20InvalidApprover)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EvilTokenERC20InvalidReceiver represents a ERC20InvalidReceiver error raised by the EvilToken contract.
type EvilTokenERC20InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func EvilTokenERC20InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0xec442f055133b72f3b2f9f0bb351c406b178527de2040a7d1feb4e058771f613")
}

// UnpackERC20InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func (evilToken *EvilToken) UnpackERC20InvalidReceiverError(raw []byte) (*EvilTokenERC20InvalidReceiver, error) {
	out := new(EvilTokenERC20InvalidReceiver)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EvilTokenERC20InvalidSender represents a ERC20InvalidSender error raised by the EvilToken contract.
type EvilTokenERC20InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSender(address sender)
func EvilTokenERC20InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x96c6fd1edd0cd6ef7ff0ecc0facdf53148dc0048b57fe58af65755250a7a96bd")
}

// UnpackERC20InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSender(address sender)
func (evilToken *EvilToken) UnpackERC20InvalidSenderError(raw []byte) (*EvilTokenERC20InvalidSender, error) {
	out := new(EvilTokenERC20InvalidSender)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EvilTokenERC20InvalidSpender represents a ERC20InvalidSpender error raised by the EvilToken contract.
type EvilTokenERC20InvalidSpender struct {
	Spender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSpender(address spender)
func EvilTokenERC20InvalidSpenderErrorID() common.Hash {
	return common.HexToHash("0x94280d62c347d8d9f4d59a76ea321452406db88df38e0c9da304f58b57b373a2")
}

// UnpackERC20InvalidSpenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSpender(address spender)
func (evilToken *EvilToken) UnpackERC20InvalidSpenderError(raw []byte) (*EvilTokenERC20InvalidSpender, error) {
	out := new(EvilTokenERC20InvalidSpender)
	if err := evilToken.abi.UnpackIntoInterface(out, "ERC20InvalidSpender", raw); err != nil {
		return nil, err
	}
	return out, nil
}
