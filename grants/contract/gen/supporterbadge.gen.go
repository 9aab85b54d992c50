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

// SupporterBadgeMetaData contains all meta data concerning the SupporterBadge contract.
var SupporterBadgeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotMinter\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Soulbound\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Locked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Unlocked\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"badgeId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"locked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minter\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SupporterBadge",
	Bin: "0x60a060405234801561000f575f5ffd5b506040518060400160405280600f81526020016e3232b9b1b49039bab83837b93a32b960891b8152506040518060400160405280600f81526020016e2222a9a1a496a9aaa82827a92a22a960891b815250815f908161006e919061012a565b50600161007b828261012a565b505033608052506101e8565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806100af57607f821691505b6020821081036100cd57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610125578282111561012557805f5260205f20601f840160051c60208510156100fe57505f5b90810190601f840160051c035f5b81811015610121575f8382015560010161010c565b5050505b505050565b81516001600160401b0381111561014357610143610087565b61015781610151845461009b565b846100d3565b6020601f821160018114610189575f83156101725750848201515b5f19600385901b1c1916600184901b1784556101e1565b5f84815260208120601f198516915b828110156101b85787850151825560209485019460019092019101610198565b50848210156101d557868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b608051610fe56102075f395f818161014c01526104300152610fe55ff3fe608060405234801561000f575f5ffd5b5060043610610106575f3560e01c8063439aac561161009e578063a22cb4651161006e578063a22cb46514610244578063b45a3c0e14610252578063b88d4fde14610265578063c87b56dd14610278578063e985e9c51461028b575f5ffd5b8063439aac56146101e75780636352211e1461021657806370a082311461022957806395d89b411461023c575f5ffd5b8063095ea7b3116100d9578063095ea7b31461019957806323b872dd146101ae57806340c10f19146101c157806342842e0e146101d4575f5ffd5b806301ffc9a71461010a57806306fdde03146101325780630754617214610147578063081812fc14610186575b5f5ffd5b61011d610118366004610c9a565b61029e565b60405190151581526020015b60405180910390f35b61013a6102c8565b6040516101299190610ce3565b61016e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610129565b61016e610194366004610cf5565b610357565b6101ac6101a7366004610d27565b61037e565b005b6101ac6101bc366004610d4f565b610397565b6101ac6101cf366004610d27565b610425565b6101ac6101e2366004610d4f565b6104c2565b6102086101f5366004610d89565b6001600160a01b031660a09190911b1790565b604051908152602001610129565b61016e610224366004610cf5565b6104e1565b610208610237366004610db3565b6104eb565b61013a610530565b6101ac6101a7366004610dcc565b61011d610260366004610cf5565b61053f565b6101ac610273366004610e19565b610552565b61013a610286366004610cf5565b61056a565b61011d610299366004610ef6565b6105db565b5f6001600160e01b03198216635a2d1e0760e11b14806102c257506102c282610608565b92915050565b60605f80546102d690610f1e565b80601f016020809104026020016040519081016040528092919081815260200182805461030290610f1e565b801561034d5780601f106103245761010080835404028352916020019161034d565b820191905f5260205f20905b81548152906001019060200180831161033057829003601f168201915b5050505050905090565b5f61036182610657565b505f828152600460205260409020546001600160a01b03166102c2565b60405163a4420a9560e01b815260040160405180910390fd5b6001600160a01b0382166103c557604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6103d183833361068f565b9050836001600160a01b0316816001600160a01b03161461041f576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016103bc565b50505050565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461047057604051631b0e18f960e11b81523360048201526024016103bc565b6001600160a01b03821660a082901b1761048a83826106d7565b6040518181527f032bc66be43dbccb7487781d168eb7bda224628a3b2c3388bdf69b532a3a16119060200160405180910390a1505050565b6104dc83838360405180602001604052805f815250610552565b505050565b5f6102c282610657565b5f6001600160a01b038216610515576040516322718ad960e21b81525f60048201526024016103bc565b506001600160a01b03165f9081526003602052604090205490565b6060600180546102d690610f1e565b5f61054982610657565b50600192915050565b61055d848484610397565b61041f3385858585610738565b606061057582610657565b505f61058b60408051602081019091525f815290565b90505f8151116105a95760405180602001604052805f8152506105d4565b806105b384610860565b6040516020016105c4929190610f6d565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f6001600160e01b031982166380ac58cd60e01b148061063857506001600160e01b03198216635b5e139f60e01b145b806102c257506301ffc9a760e01b6001600160e01b03198316146102c2565b5f818152600260205260408120546001600160a01b0316806102c257604051637e27328960e01b8152600481018490526024016103bc565b5f828152600260205260408120546001600160a01b0316156106c45760405163a4420a9560e01b815260040160405180910390fd5b6106cf8484846108f0565b949350505050565b6001600160a01b03821661070057604051633250574960e11b81525f60048201526024016103bc565b5f61070c83835f61068f565b90506001600160a01b038116156104dc576040516339e3563760e11b81525f60048201526024016103bc565b6001600160a01b0383163b1561085957604051630a85bd0160e11b81526001600160a01b0384169063150b7a029061077a908890889087908790600401610f81565b6020604051808303815f875af19250505080156107b4575060408051601f3d908101601f191682019092526107b191810190610fbd565b60015b61081b573d8080156107e1576040519150601f19603f3d011682016040523d82523d5f602084013e6107e6565b606091505b5080515f0361081357604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461085757604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b505b5050505050565b60605f61086c836109e2565b60010190505f8167ffffffffffffffff81111561088b5761088b610e05565b6040519080825280601f01601f1916602001820160405280156108b5576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846108bf57509392505050565b5f828152600260205260408120546001600160a01b039081169083161561091c5761091c818486610ab9565b6001600160a01b03811615610956576109375f855f5f610b1d565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615610984576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610a205772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610a4c576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610a6a57662386f26fc10000830492506010015b6305f5e1008310610a82576305f5e100830492506008015b6127108310610a9657612710830492506004015b60648310610aa8576064830492506002015b600a83106102c25760010192915050565b610ac4838383610c21565b6104dc576001600160a01b038316610af257604051637e27328960e01b8152600481018290526024016103bc565b60405163177e802f60e01b81526001600160a01b0383166004820152602481018290526044016103bc565b8080610b3157506001600160a01b03821615155b15610bf2575f610b4084610657565b90506001600160a01b03831615801590610b6c5750826001600160a01b0316816001600160a01b031614155b8015610b7f5750610b7d81846105db565b155b15610ba85760405163a9fbf51f60e01b81526001600160a01b03841660048201526024016103bc565b8115610bf05783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f6001600160a01b038316158015906106cf5750826001600160a01b0316846001600160a01b03161480610c5a5750610c5a84846105db565b806106cf5750505f908152600460205260409020546001600160a01b03908116911614919050565b6001600160e01b031981168114610c97575f5ffd5b50565b5f60208284031215610caa575f5ffd5b81356105d481610c82565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6105d46020830184610cb5565b5f60208284031215610d05575f5ffd5b5035919050565b80356001600160a01b0381168114610d22575f5ffd5b919050565b5f5f60408385031215610d38575f5ffd5b610d4183610d0c565b946020939093013593505050565b5f5f5f60608486031215610d61575f5ffd5b610d6a84610d0c565b9250610d7860208501610d0c565b929592945050506040919091013590565b5f5f60408385031215610d9a575f5ffd5b82359150610daa60208401610d0c565b90509250929050565b5f60208284031215610dc3575f5ffd5b6105d482610d0c565b5f5f60408385031215610ddd575f5ffd5b610de683610d0c565b915060208301358015158114610dfa575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610e2c575f5ffd5b610e3585610d0c565b9350610e4360208601610d0c565b925060408501359150606085013567ffffffffffffffff811115610e65575f5ffd5b8501601f81018713610e75575f5ffd5b803567ffffffffffffffff811115610e8f57610e8f610e05565b604051601f8201601f19908116603f0116810167ffffffffffffffff81118282101715610ebe57610ebe610e05565b604052818152828201602001891015610ed5575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f60408385031215610f07575f5ffd5b610f1083610d0c565b9150610daa60208401610d0c565b600181811c90821680610f3257607f821691505b602082108103610f5057634e487b7160e01b5f52602260045260245ffd5b50919050565b5f81518060208401855e5f93019283525090919050565b5f6106cf610f7b8386610f56565b84610f56565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f90610fb390830184610cb5565b9695505050505050565b5f60208284031215610fcd575f5ffd5b81516105d481610c8256fea164736f6c6343000825000a",
}

// SupporterBadge is an auto generated Go binding around an Ethereum contract.
type SupporterBadge struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SupporterBadge) GetABI() abi.ABI {
	return c.abi
}

// NewSupporterBadge creates a new instance of SupporterBadge.
func NewSupporterBadge() *SupporterBadge {
	parsed, err := SupporterBadgeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SupporterBadge{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SupporterBadge) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address , uint256 ) pure returns()
func (supporterBadge *SupporterBadge) PackApprove(arg0 common.Address, arg1 *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("approve", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address , uint256 ) pure returns()
func (supporterBadge *SupporterBadge) TryPackApprove(arg0 common.Address, arg1 *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("approve", arg0, arg1)
}

// PackBadgeId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x439aac56.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function badgeId(uint256 grantId, address donor) pure returns(uint256)
func (supporterBadge *SupporterBadge) PackBadgeId(grantId *big.Int, donor common.Address) []byte {
	enc, err := supporterBadge.abi.Pack("badgeId", grantId, donor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBadgeId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x439aac56.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function badgeId(uint256 grantId, address donor) pure returns(uint256)
func (supporterBadge *SupporterBadge) TryPackBadgeId(grantId *big.Int, donor common.Address) ([]byte, error) {
	return supporterBadge.abi.Pack("badgeId", grantId, donor)
}

// UnpackBadgeId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x439aac56.
//
// Solidity: function badgeId(uint256 grantId, address donor) pure returns(uint256)
func (supporterBadge *SupporterBadge) UnpackBadgeId(data []byte) (*big.Int, error) {
	out, err := supporterBadge.abi.Unpack("badgeId", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (supporterBadge *SupporterBadge) PackBalanceOf(owner common.Address) []byte {
	enc, err := supporterBadge.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (supporterBadge *SupporterBadge) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return supporterBadge.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (supporterBadge *SupporterBadge) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := supporterBadge.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := supporterBadge.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (supporterBadge *SupporterBadge) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := supporterBadge.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (supporterBadge *SupporterBadge) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return supporterBadge.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (supporterBadge *SupporterBadge) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := supporterBadge.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLocked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb45a3c0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function locked(uint256 tokenId) view returns(bool)
func (supporterBadge *SupporterBadge) PackLocked(tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("locked", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLocked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb45a3c0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function locked(uint256 tokenId) view returns(bool)
func (supporterBadge *SupporterBadge) TryPackLocked(tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("locked", tokenId)
}

// UnpackLocked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb45a3c0e.
//
// Solidity: function locked(uint256 tokenId) view returns(bool)
func (supporterBadge *SupporterBadge) UnpackLocked(data []byte) (bool, error) {
	out, err := supporterBadge.abi.Unpack("locked", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address donor, uint256 grantId) returns()
func (supporterBadge *SupporterBadge) PackMint(donor common.Address, grantId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("mint", donor, grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address donor, uint256 grantId) returns()
func (supporterBadge *SupporterBadge) TryPackMint(donor common.Address, grantId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("mint", donor, grantId)
}

// PackMinter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07546172.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minter() view returns(address)
func (supporterBadge *SupporterBadge) PackMinter() []byte {
	enc, err := supporterBadge.abi.Pack("minter")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07546172.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minter() view returns(address)
func (supporterBadge *SupporterBadge) TryPackMinter() ([]byte, error) {
	return supporterBadge.abi.Pack("minter")
}

// UnpackMinter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x07546172.
//
// Solidity: function minter() view returns(address)
func (supporterBadge *SupporterBadge) UnpackMinter(data []byte) (common.Address, error) {
	out, err := supporterBadge.abi.Unpack("minter", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (supporterBadge *SupporterBadge) PackName() []byte {
	enc, err := supporterBadge.abi.Pack("name")
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
func (supporterBadge *SupporterBadge) TryPackName() ([]byte, error) {
	return supporterBadge.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (supporterBadge *SupporterBadge) UnpackName(data []byte) (string, error) {
	out, err := supporterBadge.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (supporterBadge *SupporterBadge) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := supporterBadge.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (supporterBadge *SupporterBadge) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (supporterBadge *SupporterBadge) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (supporterBadge *SupporterBadge) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := supporterBadge.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (supporterBadge *SupporterBadge) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return supporterBadge.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address , bool ) pure returns()
func (supporterBadge *SupporterBadge) PackSetApprovalForAll(arg0 common.Address, arg1 bool) []byte {
	enc, err := supporterBadge.abi.Pack("setApprovalForAll", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address , bool ) pure returns()
func (supporterBadge *SupporterBadge) TryPackSetApprovalForAll(arg0 common.Address, arg1 bool) ([]byte, error) {
	return supporterBadge.abi.Pack("setApprovalForAll", arg0, arg1)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (supporterBadge *SupporterBadge) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := supporterBadge.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (supporterBadge *SupporterBadge) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return supporterBadge.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (supporterBadge *SupporterBadge) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := supporterBadge.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (supporterBadge *SupporterBadge) PackSymbol() []byte {
	enc, err := supporterBadge.abi.Pack("symbol")
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
func (supporterBadge *SupporterBadge) TryPackSymbol() ([]byte, error) {
	return supporterBadge.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (supporterBadge *SupporterBadge) UnpackSymbol(data []byte) (string, error) {
	out, err := supporterBadge.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (supporterBadge *SupporterBadge) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (supporterBadge *SupporterBadge) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (supporterBadge *SupporterBadge) UnpackTokenURI(data []byte) (string, error) {
	out, err := supporterBadge.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (supporterBadge *SupporterBadge) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := supporterBadge.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (supporterBadge *SupporterBadge) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return supporterBadge.abi.Pack("transferFrom", from, to, tokenId)
}

// SupporterBadgeApproval represents a Approval event raised by the SupporterBadge contract.
type SupporterBadgeApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SupporterBadgeApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (SupporterBadgeApproval) ContractEventName() string {
	return SupporterBadgeApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (supporterBadge *SupporterBadge) UnpackApprovalEvent(log *types.Log) (*SupporterBadgeApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != supporterBadge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SupporterBadgeApproval)
	if len(log.Data) > 0 {
		if err := supporterBadge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range supporterBadge.abi.Events[event].Inputs {
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

// SupporterBadgeApprovalForAll represents a ApprovalForAll event raised by the SupporterBadge contract.
type SupporterBadgeApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const SupporterBadgeApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (SupporterBadgeApprovalForAll) ContractEventName() string {
	return SupporterBadgeApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (supporterBadge *SupporterBadge) UnpackApprovalForAllEvent(log *types.Log) (*SupporterBadgeApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != supporterBadge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SupporterBadgeApprovalForAll)
	if len(log.Data) > 0 {
		if err := supporterBadge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range supporterBadge.abi.Events[event].Inputs {
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

// SupporterBadgeLocked represents a Locked event raised by the SupporterBadge contract.
type SupporterBadgeLocked struct {
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SupporterBadgeLockedEventName = "Locked"

// ContractEventName returns the user-defined event name.
func (SupporterBadgeLocked) ContractEventName() string {
	return SupporterBadgeLockedEventName
}

// UnpackLockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Locked(uint256 tokenId)
func (supporterBadge *SupporterBadge) UnpackLockedEvent(log *types.Log) (*SupporterBadgeLocked, error) {
	event := "Locked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != supporterBadge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SupporterBadgeLocked)
	if len(log.Data) > 0 {
		if err := supporterBadge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range supporterBadge.abi.Events[event].Inputs {
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

// SupporterBadgeTransfer represents a Transfer event raised by the SupporterBadge contract.
type SupporterBadgeTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SupporterBadgeTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (SupporterBadgeTransfer) ContractEventName() string {
	return SupporterBadgeTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (supporterBadge *SupporterBadge) UnpackTransferEvent(log *types.Log) (*SupporterBadgeTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != supporterBadge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SupporterBadgeTransfer)
	if len(log.Data) > 0 {
		if err := supporterBadge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range supporterBadge.abi.Events[event].Inputs {
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

// SupporterBadgeUnlocked represents a Unlocked event raised by the SupporterBadge contract.
type SupporterBadgeUnlocked struct {
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SupporterBadgeUnlockedEventName = "Unlocked"

// ContractEventName returns the user-defined event name.
func (SupporterBadgeUnlocked) ContractEventName() string {
	return SupporterBadgeUnlockedEventName
}

// UnpackUnlockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unlocked(uint256 tokenId)
func (supporterBadge *SupporterBadge) UnpackUnlockedEvent(log *types.Log) (*SupporterBadgeUnlocked, error) {
	event := "Unlocked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != supporterBadge.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SupporterBadgeUnlocked)
	if len(log.Data) > 0 {
		if err := supporterBadge.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range supporterBadge.abi.Events[event].Inputs {
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
func (supporterBadge *SupporterBadge) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["NotMinter"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackNotMinterError(raw[4:])
	}
	if bytes.Equal(raw[:4], supporterBadge.abi.Errors["Soulbound"].ID.Bytes()[:4]) {
		return supporterBadge.UnpackSoulboundError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SupporterBadgeERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the SupporterBadge contract.
type SupporterBadgeERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func SupporterBadgeERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (supporterBadge *SupporterBadge) UnpackERC721IncorrectOwnerError(raw []byte) (*SupporterBadgeERC721IncorrectOwner, error) {
	out := new(SupporterBadgeERC721IncorrectOwner)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the SupporterBadge contract.
type SupporterBadgeERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func SupporterBadgeERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (supporterBadge *SupporterBadge) UnpackERC721InsufficientApprovalError(raw []byte) (*SupporterBadgeERC721InsufficientApproval, error) {
	out := new(SupporterBadgeERC721InsufficientApproval)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InvalidApprover represents a ERC721InvalidApprover error raised by the SupporterBadge contract.
type SupporterBadgeERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func SupporterBadgeERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (supporterBadge *SupporterBadge) UnpackERC721InvalidApproverError(raw []byte) (*SupporterBadgeERC721InvalidApprover, error) {
	out := new(SupporterBadgeERC721InvalidApprover)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InvalidOperator represents a ERC721InvalidOperator error raised by the SupporterBadge contract.
type SupporterBadgeERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func SupporterBadgeERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (supporterBadge *SupporterBadge) UnpackERC721InvalidOperatorError(raw []byte) (*SupporterBadgeERC721InvalidOperator, error) {
	out := new(SupporterBadgeERC721InvalidOperator)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InvalidOwner represents a ERC721InvalidOwner error raised by the SupporterBadge contract.
type SupporterBadgeERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func SupporterBadgeERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (supporterBadge *SupporterBadge) UnpackERC721InvalidOwnerError(raw []byte) (*SupporterBadgeERC721InvalidOwner, error) {
	out := new(SupporterBadgeERC721InvalidOwner)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the SupporterBadge contract.
type SupporterBadgeERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func SupporterBadgeERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (supporterBadge *SupporterBadge) UnpackERC721InvalidReceiverError(raw []byte) (*SupporterBadgeERC721InvalidReceiver, error) {
	out := new(SupporterBadgeERC721InvalidReceiver)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721InvalidSender represents a ERC721InvalidSender error raised by the SupporterBadge contract.
type SupporterBadgeERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func SupporterBadgeERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (supporterBadge *SupporterBadge) UnpackERC721InvalidSenderError(raw []byte) (*SupporterBadgeERC721InvalidSender, error) {
	out := new(SupporterBadgeERC721InvalidSender)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeERC721NonexistentToken represents a ERC721NonexistentToken error raised by the SupporterBadge contract.
type SupporterBadgeERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func SupporterBadgeERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (supporterBadge *SupporterBadge) UnpackERC721NonexistentTokenError(raw []byte) (*SupporterBadgeERC721NonexistentToken, error) {
	out := new(SupporterBadgeERC721NonexistentToken)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeNotMinter represents a NotMinter error raised by the SupporterBadge contract.
type SupporterBadgeNotMinter struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMinter(address caller)
func SupporterBadgeNotMinterErrorID() common.Hash {
	return common.HexToHash("0x361c31f27e729a8322ec0a67a437cd1a685fbc0124c358ce2bac49ea8a779111")
}

// UnpackNotMinterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMinter(address caller)
func (supporterBadge *SupporterBadge) UnpackNotMinterError(raw []byte) (*SupporterBadgeNotMinter, error) {
	out := new(SupporterBadgeNotMinter)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "NotMinter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SupporterBadgeSoulbound represents a Soulbound error raised by the SupporterBadge contract.
type SupporterBadgeSoulbound struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Soulbound()
func SupporterBadgeSoulboundErrorID() common.Hash {
	return common.HexToHash("0xa4420a95d7f3ff69d13904950688298cd959b03d9bf658c77c6903bcb26e7911")
}

// UnpackSoulboundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Soulbound()
func (supporterBadge *SupporterBadge) UnpackSoulboundError(raw []byte) (*SupporterBadgeSoulbound, error) {
	out := new(SupporterBadgeSoulbound)
	if err := supporterBadge.abi.UnpackIntoInterface(out, "Soulbound", raw); err != nil {
		return nil, err
	}
	return out, nil
}
