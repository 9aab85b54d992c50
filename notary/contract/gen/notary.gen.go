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

// NotaryMetaData contains all meta data concerning the Notary contract.
var NotaryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroRoot\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"anchorOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"isNotarized\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"leafOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"name\":\"verifyProof\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "Notary",
	Bin: "0x6080604052348015600e575f5ffd5b506105a58061001c5f395ff3fe608060405234801561000f575f5ffd5b5060043610610055575f3560e01c806346ca371e146100595780634ab6e4871461007f57806358161a42146100a2578063cf4ff901146100b5578063eecdf9271461013d575b5f5ffd5b61006c6100673660046103f7565b610152565b6040519081526020015b60405180910390f35b61009261008d366004610477565b6101a1565b6040519015158152602001610076565b6100926100b03660046104f0565b6101e1565b6101186100c336600461053f565b5f8181526020818152604091829020825160608101845290546001600160a01b03811680835265ffffffffffff600160a01b83048116948401859052600160d01b909204909116919093018190529193909250565b604080516001600160a01b039094168452602084019290925290820152606001610076565b61015061014b36600461053f565b6101f7565b005b5f8282604051602001610166929190610556565b60408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905092915050565b5f83815260208190526040812054600160d01b900465ffffffffffff16158015906101d757506101d78484846100b08a8a610152565b9695505050505050565b5f6101ee8484878561032b565b95945050505050565b806102155760405163b263ae7360e01b815260040160405180910390fd5b5f81815260208190526040902054600160d01b900465ffffffffffff1680156102665760405163197052c760e31b81526004810183905265ffffffffffff8216602482015260440160405180910390fd5b604080516060810182523380825265ffffffffffff428181166020808601918252438085168789019081525f8b8152928390529188902096518754935192518616600160d01b026001600160d01b0393909616600160a01b026001600160d01b03199094166001600160a01b0391909116179290921716929092179093559251909285927f0521c7a80317bdf737a8654d2feeb56c62930f070e6f09872478f8882ab44b109261031f9290918252602082015260400190565b60405180910390a35050565b5f82610338868685610342565b1495945050505050565b5f81815b8481101561037a576103708287878481811061036457610364610584565b90506020020135610383565b9150600101610346565b50949350505050565b5f81831061039d575f8281526020849052604090206103ab565b5f8381526020839052604090205b9392505050565b5f5f83601f8401126103c2575f5ffd5b50813567ffffffffffffffff8111156103d9575f5ffd5b6020830191508360208285010111156103f0575f5ffd5b9250929050565b5f5f60208385031215610408575f5ffd5b823567ffffffffffffffff81111561041e575f5ffd5b61042a858286016103b2565b90969095509350505050565b5f5f83601f840112610446575f5ffd5b50813567ffffffffffffffff81111561045d575f5ffd5b6020830191508360208260051b85010111156103f0575f5ffd5b5f5f5f5f5f6060868803121561048b575f5ffd5b853567ffffffffffffffff8111156104a1575f5ffd5b6104ad888289016103b2565b90965094505060208601359250604086013567ffffffffffffffff8111156104d3575f5ffd5b6104df88828901610436565b969995985093965092949392505050565b5f5f5f5f60608587031215610503575f5ffd5b84359350602085013567ffffffffffffffff811115610520575f5ffd5b61052c87828801610436565b9598909750949560400135949350505050565b5f6020828403121561054f575f5ffd5b5035919050565b60208152816020820152818360408301375f818301604090810191909152601f909201601f19160101919050565b634e487b7160e01b5f52603260045260245ffdfea164736f6c6343000825000a",
}

// Notary is an auto generated Go binding around an Ethereum contract.
type Notary struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Notary) GetABI() abi.ABI {
	return c.abi
}

// NewNotary creates a new instance of Notary.
func NewNotary() *Notary {
	parsed, err := NotaryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Notary{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Notary) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeecdf927.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor(bytes32 root) returns()
func (notary *Notary) PackAnchor(root [32]byte) []byte {
	enc, err := notary.abi.Pack("anchor", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeecdf927.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor(bytes32 root) returns()
func (notary *Notary) TryPackAnchor(root [32]byte) ([]byte, error) {
	return notary.abi.Pack("anchor", root)
}

// PackAnchorOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcf4ff901.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorOf(bytes32 root) view returns(address submitter, uint256 timestamp, uint256 blockNumber)
func (notary *Notary) PackAnchorOf(root [32]byte) []byte {
	enc, err := notary.abi.Pack("anchorOf", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcf4ff901.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorOf(bytes32 root) view returns(address submitter, uint256 timestamp, uint256 blockNumber)
func (notary *Notary) TryPackAnchorOf(root [32]byte) ([]byte, error) {
	return notary.abi.Pack("anchorOf", root)
}

// AnchorOfOutput serves as a container for the return parameters of contract
// method AnchorOf.
type AnchorOfOutput struct {
	Submitter   common.Address
	Timestamp   *big.Int
	BlockNumber *big.Int
}

// UnpackAnchorOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcf4ff901.
//
// Solidity: function anchorOf(bytes32 root) view returns(address submitter, uint256 timestamp, uint256 blockNumber)
func (notary *Notary) UnpackAnchorOf(data []byte) (AnchorOfOutput, error) {
	out, err := notary.abi.Unpack("anchorOf", data)
	outstruct := new(AnchorOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Submitter = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.Timestamp = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.BlockNumber = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackIsNotarized is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ab6e487.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isNotarized(bytes cid, bytes32 root, bytes32[] proof) view returns(bool)
func (notary *Notary) PackIsNotarized(cid []byte, root [32]byte, proof [][32]byte) []byte {
	enc, err := notary.abi.Pack("isNotarized", cid, root, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsNotarized is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ab6e487.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isNotarized(bytes cid, bytes32 root, bytes32[] proof) view returns(bool)
func (notary *Notary) TryPackIsNotarized(cid []byte, root [32]byte, proof [][32]byte) ([]byte, error) {
	return notary.abi.Pack("isNotarized", cid, root, proof)
}

// UnpackIsNotarized is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4ab6e487.
//
// Solidity: function isNotarized(bytes cid, bytes32 root, bytes32[] proof) view returns(bool)
func (notary *Notary) UnpackIsNotarized(data []byte) (bool, error) {
	out, err := notary.abi.Unpack("isNotarized", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46ca371e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafOf(bytes cid) pure returns(bytes32)
func (notary *Notary) PackLeafOf(cid []byte) []byte {
	enc, err := notary.abi.Pack("leafOf", cid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46ca371e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafOf(bytes cid) pure returns(bytes32)
func (notary *Notary) TryPackLeafOf(cid []byte) ([]byte, error) {
	return notary.abi.Pack("leafOf", cid)
}

// UnpackLeafOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x46ca371e.
//
// Solidity: function leafOf(bytes cid) pure returns(bytes32)
func (notary *Notary) UnpackLeafOf(data []byte) ([32]byte, error) {
	out, err := notary.abi.Unpack("leafOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58161a42.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyProof(bytes32 root, bytes32[] proof, bytes32 leaf) pure returns(bool)
func (notary *Notary) PackVerifyProof(root [32]byte, proof [][32]byte, leaf [32]byte) []byte {
	enc, err := notary.abi.Pack("verifyProof", root, proof, leaf)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58161a42.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyProof(bytes32 root, bytes32[] proof, bytes32 leaf) pure returns(bool)
func (notary *Notary) TryPackVerifyProof(root [32]byte, proof [][32]byte, leaf [32]byte) ([]byte, error) {
	return notary.abi.Pack("verifyProof", root, proof, leaf)
}

// UnpackVerifyProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x58161a42.
//
// Solidity: function verifyProof(bytes32 root, bytes32[] proof, bytes32 leaf) pure returns(bool)
func (notary *Notary) UnpackVerifyProof(data []byte) (bool, error) {
	out, err := notary.abi.Unpack("verifyProof", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// NotaryAnchored represents a Anchored event raised by the Notary contract.
type NotaryAnchored struct {
	Root        [32]byte
	Submitter   common.Address
	Timestamp   *big.Int
	BlockNumber *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const NotaryAnchoredEventName = "Anchored"

// ContractEventName returns the user-defined event name.
func (NotaryAnchored) ContractEventName() string {
	return NotaryAnchoredEventName
}

// UnpackAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Anchored(bytes32 indexed root, address indexed submitter, uint256 timestamp, uint256 blockNumber)
func (notary *Notary) UnpackAnchoredEvent(log *types.Log) (*NotaryAnchored, error) {
	event := "Anchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != notary.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(NotaryAnchored)
	if len(log.Data) > 0 {
		if err := notary.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range notary.abi.Events[event].Inputs {
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
func (notary *Notary) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], notary.abi.Errors["AlreadyAnchored"].ID.Bytes()[:4]) {
		return notary.UnpackAlreadyAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], notary.abi.Errors["ZeroRoot"].ID.Bytes()[:4]) {
		return notary.UnpackZeroRootError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// NotaryAlreadyAnchored represents a AlreadyAnchored error raised by the Notary contract.
type NotaryAlreadyAnchored struct {
	Root        [32]byte
	BlockNumber *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAnchored(bytes32 root, uint256 blockNumber)
func NotaryAlreadyAnchoredErrorID() common.Hash {
	return common.HexToHash("0xcb829638767b72336a2fba79ca50e1ee6541d8f4b9b5ff58d1d12938435d1fd1")
}

// UnpackAlreadyAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAnchored(bytes32 root, uint256 blockNumber)
func (notary *Notary) UnpackAlreadyAnchoredError(raw []byte) (*NotaryAlreadyAnchored, error) {
	out := new(NotaryAlreadyAnchored)
	if err := notary.abi.UnpackIntoInterface(out, "AlreadyAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NotaryZeroRoot represents a ZeroRoot error raised by the Notary contract.
type NotaryZeroRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroRoot()
func NotaryZeroRootErrorID() common.Hash {
	return common.HexToHash("0xb263ae738e814ca9af6ee56bb85daa47624e790421913c947dcba2aac07cfdbd")
}

// UnpackZeroRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroRoot()
func (notary *Notary) UnpackZeroRootError(raw []byte) (*NotaryZeroRoot, error) {
	out := new(NotaryZeroRoot)
	if err := notary.abi.UnpackIntoInterface(out, "ZeroRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}
