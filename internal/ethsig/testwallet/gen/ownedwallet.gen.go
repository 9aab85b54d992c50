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

// OwnedWalletMetaData contains all meta data concerning the OwnedWallet contract.
var OwnedWalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"name\":\"setOwner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "OwnedWallet",
	Bin: "0x6080604052348015600e575f5ffd5b506040516103fb3803806103fb833981016040819052602b91604e565b5f80546001600160a01b0319166001600160a01b03929092169190911790556079565b5f60208284031215605d575f5ffd5b81516001600160a01b03811681146072575f5ffd5b9392505050565b610375806100865f395ff3fe608060405234801561000f575f5ffd5b506004361061003f575f3560e01c806313af4035146100435780631626ba7e146100585780638da5cb5b14610089575b5f5ffd5b61005661005136600461024d565b6100b3565b005b61006b610066366004610273565b610121565b6040516001600160e01b031990911681526020015b60405180910390f35b5f5461009b906001600160a01b031681565b6040516001600160a01b039091168152602001610080565b5f546001600160a01b031633146101005760405162461bcd60e51b815260206004820152600d60248201526c3737ba103a34329037bbb732b960991b604482015260640160405180910390fd5b5f80546001600160a01b0319166001600160a01b0392909216919091179055565b5f6041821461013957506001600160e01b0319610246565b5f61014760208285876102ea565b61015091610311565b90505f6101616040602086886102ea565b61016a91610311565b90505f858560408181106101805761018061032f565b919091013560f81c915050601b8110156101a25761019f601b82610343565b90505b604080515f808252602082018084528a905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156101f3573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381161580159061022457505f546001600160a01b038281169116145b610236576001600160e01b031961023f565b630b135d3f60e11b5b9450505050505b9392505050565b5f6020828403121561025d575f5ffd5b81356001600160a01b0381168114610246575f5ffd5b5f5f5f60408486031215610285575f5ffd5b83359250602084013567ffffffffffffffff8111156102a2575f5ffd5b8401601f810186136102b2575f5ffd5b803567ffffffffffffffff8111156102c8575f5ffd5b8660208284010111156102d9575f5ffd5b939660209190910195509293505050565b5f5f858511156102f8575f5ffd5b83861115610304575f5ffd5b5050820193919092039150565b80356020831015610329575f19602084900360031b1b165b92915050565b634e487b7160e01b5f52603260045260245ffd5b60ff818116838216019081111561032957634e487b7160e01b5f52601160045260245ffdfea164736f6c6343000825000a",
}

// OwnedWallet is an auto generated Go binding around an Ethereum contract.
type OwnedWallet struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *OwnedWallet) GetABI() abi.ABI {
	return c.abi
}

// NewOwnedWallet creates a new instance of OwnedWallet.
func NewOwnedWallet() *OwnedWallet {
	parsed, err := OwnedWalletMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &OwnedWallet{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *OwnedWallet) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_) returns()
func (ownedWallet *OwnedWallet) PackConstructor(owner_ common.Address) []byte {
	enc, err := ownedWallet.abi.Pack("", owner_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidSignature(bytes32 hash, bytes sig) view returns(bytes4)
func (ownedWallet *OwnedWallet) PackIsValidSignature(hash [32]byte, sig []byte) []byte {
	enc, err := ownedWallet.abi.Pack("isValidSignature", hash, sig)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidSignature(bytes32 hash, bytes sig) view returns(bytes4)
func (ownedWallet *OwnedWallet) TryPackIsValidSignature(hash [32]byte, sig []byte) ([]byte, error) {
	return ownedWallet.abi.Pack("isValidSignature", hash, sig)
}

// UnpackIsValidSignature is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1626ba7e.
//
// Solidity: function isValidSignature(bytes32 hash, bytes sig) view returns(bytes4)
func (ownedWallet *OwnedWallet) UnpackIsValidSignature(data []byte) ([4]byte, error) {
	out, err := ownedWallet.abi.Unpack("isValidSignature", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (ownedWallet *OwnedWallet) PackOwner() []byte {
	enc, err := ownedWallet.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (ownedWallet *OwnedWallet) TryPackOwner() ([]byte, error) {
	return ownedWallet.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (ownedWallet *OwnedWallet) UnpackOwner(data []byte) (common.Address, error) {
	out, err := ownedWallet.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13af4035.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setOwner(address owner_) returns()
func (ownedWallet *OwnedWallet) PackSetOwner(owner common.Address) []byte {
	enc, err := ownedWallet.abi.Pack("setOwner", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x13af4035.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setOwner(address owner_) returns()
func (ownedWallet *OwnedWallet) TryPackSetOwner(owner common.Address) ([]byte, error) {
	return ownedWallet.abi.Pack("setOwner", owner)
}
