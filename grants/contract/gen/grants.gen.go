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

// GrantsDonation is an auto generated low-level Go binding around an user-defined struct.
type GrantsDonation struct {
	Round    *big.Int
	Grant    *big.Int
	Amount   *big.Int
	Donor    common.Address
	Nonce    *big.Int
	Deadline *big.Int
}

// GrantsGrant is an auto generated low-level Go binding around an user-defined struct.
type GrantsGrant struct {
	Beneficiary   common.Address
	Deadline      uint64
	Threshold     uint32
	Token         common.Address
	NextMilestone uint32
	ReviewerCount uint16
	CancelVotes   uint16
	Cancelled     bool
	Goal          *big.Int
	Raised        *big.Int
	Released      *big.Int
	Refunded      *big.Int
}

// GrantsRefund is an auto generated low-level Go binding around an user-defined struct.
type GrantsRefund struct {
	Grant    *big.Int
	Donor    common.Address
	Nonce    *big.Int
	Deadline *big.Int
}

// GrantsRound is an auto generated low-level Go binding around an user-defined struct.
type GrantsRound struct {
	Operator      common.Address
	Start         uint64
	Token         common.Address
	End           uint64
	ClaimPeriod   uint64
	ClaimDeadline uint64
	CapBps        uint16
	Pool          *big.Int
	Claimed       *big.Int
	Root          [32]byte
	Total         *big.Int
	Returned      *big.Int
}

// GrantsTerms is an auto generated low-level Go binding around an user-defined struct.
type GrantsTerms struct {
	Beneficiary  common.Address
	Token        common.Address
	Deadline     uint64
	Threshold    uint32
	Reviewers    []common.Address
	Amounts      []*big.Int
	Descriptions []string
}

// GrantsMetaData contains all meta data concerning the Grants contract.
var GrantsMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractINotary\",\"name\":\"notary_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"AllReleased\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"AlreadyApproved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"AlreadyVoted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"ClaimsClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"ClaimsOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GoalReached\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GrantCancelled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GrantRefundable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"currentNonce\",\"type\":\"uint256\"}],\"name\":\"InvalidAccountNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidGrant\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidRound\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"next\",\"type\":\"uint256\"}],\"name\":\"MilestoneOutOfOrder\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"}],\"name\":\"NoFunds\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"approvals\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"}],\"name\":\"NotApproved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotBeneficiary\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotEligible\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotFunded\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotNotarized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotRefundable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotReviewer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"NothingToRefund\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"OverPool\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundAlreadyClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundNotOver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"SignatureExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"UnknownGrant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"UnknownRound\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"CancelVoted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"Cancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Donated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"goal\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"reviewers\",\"type\":\"address[]\"},{\"internalType\":\"uint128[]\",\"name\":\"amounts\",\"type\":\"uint128[]\"},{\"internalType\":\"string[]\",\"name\":\"descriptions\",\"type\":\"string[]\"}],\"indexed\":false,\"internalType\":\"structGrants.Terms\",\"name\":\"terms\",\"type\":\"tuple\"}],\"name\":\"GrantCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"MatchClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"MilestoneApproved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"MilestoneReleased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimDeadline\",\"type\":\"uint256\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"start\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"end\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimPeriod\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"capBps\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"grantIds\",\"type\":\"uint256[]\"}],\"name\":\"RoundCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"RoundDonated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"RoundFunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"SponsorRefunded\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"DONATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_MILESTONES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_REVIEWERS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"REFUND_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"approvals\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"approveMilestone\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"badge\",\"outputs\":[{\"internalType\":\"contractSupporterBadge\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claimMatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"contributionOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"reviewers\",\"type\":\"address[]\"},{\"internalType\":\"uint128[]\",\"name\":\"amounts\",\"type\":\"uint128[]\"},{\"internalType\":\"string[]\",\"name\":\"descriptions\",\"type\":\"string[]\"}],\"internalType\":\"structGrants.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"createGrant\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"start\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"end\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimPeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"capBps\",\"type\":\"uint16\"},{\"internalType\":\"uint256[]\",\"name\":\"grantIds\",\"type\":\"uint256[]\"}],\"name\":\"createRound\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"donate\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"round\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grant\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structGrants.Donation\",\"name\":\"d\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"donateBySig\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"donateRound\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"donateRoundWithPermit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"donateWithPermit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"round\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grant\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structGrants.Donation\",\"name\":\"d\",\"type\":\"tuple\"}],\"name\":\"donationDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"fundRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"fundRoundWithPermit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"grant\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"nextMilestone\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"reviewerCount\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"cancelVotes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"cancelled\",\"type\":\"bool\"},{\"internalType\":\"uint128\",\"name\":\"goal\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"raised\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"released\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"refunded\",\"type\":\"uint128\"}],\"internalType\":\"structGrants.Grant\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"grantCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"isEligible\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isReviewer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"matchClaimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"milestones\",\"outputs\":[{\"internalType\":\"uint128[]\",\"name\":\"\",\"type\":\"uint128[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"nonces\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"notary\",\"outputs\":[{\"internalType\":\"contractINotary\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"reclaimSponsor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"reclaimable\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"refund\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"grant\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structGrants.Refund\",\"name\":\"q\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"refundBySig\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"round\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"start\",\"type\":\"uint64\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"end\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimPeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"capBps\",\"type\":\"uint16\"},{\"internalType\":\"uint128\",\"name\":\"pool\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"claimed\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint128\",\"name\":\"total\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"returned\",\"type\":\"uint128\"}],\"internalType\":\"structGrants.Round\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"roundCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"}],\"name\":\"sponsorFunds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Grants",
	Bin: "0x6101a0604052348015610010575f5ffd5b50604051615be6380380615be683398101604081905261002f916101b9565b6040518060400160405280600c81526020016b6465736369204772616e747360a01b815250604051806040016040528060018152602001603160f81b81525061007d8261016660201b60201c565b6101205261008a81610166565b61014052815160208084019190912060e052815190820120610100524660a05261011660e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b03811661016052604051610139906101ac565b604051809103905ff080158015610152573d5f5f3e3d5ffd5b506001600160a01b03166101805250610241565b5f5f829050601f81511115610199578260405163305a27a960e01b815260040161019091906101e6565b60405180910390fd5b80516101a48261021b565b179392505050565b6111ec806149fa83390190565b5f602082840312156101c9575f5ffd5b81516001600160a01b03811681146101df575f5ffd5b9392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561023b575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516147466102b45f395f81816106fc0152612ca501525f818161074e015261131e01525f61312801525f6130f801525f61351b01525f6134f301525f61344e01525f61347801525f6134a201526147465ff3fe608060405234801561000f575f5ffd5b5060043610610229575f3560e01c806384b0196e1161012a578063b15d30cd116100b4578063d79d8ceb11610079578063d79d8ceb1461081f578063dfc7265814610832578063e89e4ed614610845578063ee6ce8de14610865578063f09e82e214610878575f5ffd5b8063b15d30cd14610783578063ba378a5a146107bb578063c46726be146107f0578063cab4267214610803578063ce1c54341461080c575f5ffd5b80638b99007a116100fa5780638b99007a146106e457806391d768de146106f75780639cfaf0d6146107365780639d54c79d14610749578063b0add42714610770575f5ffd5b806384b0196e146106a357806387d508e6146105a15780638894dfd5146106be5780638987c666146106d1575f5ffd5b80633ecffb61116101b65780636813947f1161017b5780636813947f146105cf5780636a64f5c0146106045780636e21c7b91461062b5780637069c4931461063e5780637ecebe001461067b575f5ffd5b80633ecffb611461057b57806340e58ee51461058e5780634c05abeb146105a15780635aaf33d4146105a95780635e1b27a4146105bc575f5ffd5b8063160e3f3d116101fc578063160e3f3d146102845780631d434063146103df5780631e69ef40146103f2578063278ecde11461041957806334d5f37b1461042c575f5ffd5b8063014de0931461022d5780630cdd53f614610242578063127f0b3f146102685780631416401514610271575b5f5ffd5b61024061023b3660046137e5565b6108a5565b005b6102556102503660046137e5565b6108c3565b6040519081526020015b60405180910390f35b61025560045481565b61024061027f366004613805565b6108e7565b6103d261029236600461382e565b60408051610180810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810191909152505f9081526005602090815260409182902082516101808101845281546001600160a01b038082168352600160a01b8083046001600160401b031695840195909552600160e01b9182900463ffffffff90811696840196909652600184015490811660608401529384049094166080820152600160c01b830461ffff90811660a0830152600160d01b84041660c08201529290910460ff16151560e083015260028101546001600160801b03808216610100850152600160801b918290048116610120850152600390920154808316610140850152041661016082015290565b60405161025f9190613845565b6102556103ed366004613987565b610b03565b6102557f488bceab4f0d44d026d85bb2597a16d174badbf47516dee2647ccc13db053ac981565b61025561042736600461382e565b610b76565b61056e61043a36600461382e565b60408051610180810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810191909152505f908152600c602090815260409182902082516101808101845281546001600160a01b0380821683526001600160401b03600160a01b928390048116958401959095526001840154908116958301959095529093048216606084015260028101548083166080850152600160401b810490921660a084015261ffff600160801b928390041660c084015260038101546001600160801b0380821660e08601529083900481166101008501526004820154610120850152600590910154808216610140850152919091041661016082015290565b60405161025f91906139d4565b610255610589366004613b62565b610b98565b61024061059c36600461382e565b610f5d565b610255604081565b6102406105b7366004613c39565b6111a1565b6102406105ca366004613987565b611558565b6102556105dd366004613ca3565b5f9182526007602090815260408084206001600160a01b0393909316845291905290205490565b6102557f6068f41d059e32b1f923f1f423350632bc5f43c4798945956b904e902ed926f781565b610255610639366004613cd1565b6115c5565b61066b61064c3660046137e5565b5f918252600f6020908152604080842092845291905290205460ff1690565b604051901515815260200161025f565b610255610689366004613d29565b6001600160a01b03165f9081526002602052604090205490565b6106ab61163b565b60405161025f9796959493929190613d72565b6102556106cc36600461382e565b61167d565b6102556106df366004613e1e565b61187b565b6102556106f2366004613ca3565b611acb565b61071e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161025f565b610255610744366004613e9e565b611b29565b61071e7f000000000000000000000000000000000000000000000000000000000000000081565b61025561077e366004613eb8565b611b8a565b61066b610791366004613ca3565b5f9182526008602090815260408084206001600160a01b0393909316845291905290205460ff1690565b6102556107c9366004613ca3565b5f918252600e602090815260408084206001600160a01b0393909316845291905290205490565b6102556107fe366004613f0d565b611cad565b61025560035481565b61024061081a366004613f43565b612306565b61024061082d366004613f91565b612510565b610255610840366004613f43565b6127d3565b61085861085336600461382e565b6127fc565b60405161025f9190613fec565b610255610873366004613805565b61288c565b61066b6108863660046137e5565b5f918252600d6020908152604080842092845291905290205460ff1690565b6108ad6128ab565b6108b782826128e2565b6108bf612a39565b5050565b5f6108cc6128ab565b6108d7833384612a63565b90506108e1612a39565b92915050565b5f838152600c6020526040902080546001600160a01b03166109245760405163095ea0c760e31b8152600481018590526024015b60405180910390fd5b80546001600160a01b0316331461095057604051633b63649d60e11b815233600482015260240161091b565b60048101541561097657604051634a05497560e11b81526004810185905260240161091b565b6001810154600160a01b90046001600160401b031642116109ad57604051637823f05f60e01b81526004810185905260240161091b565b600281015460018201546109d4916001600160401b0390811691600160a01b90041661404b565b4211156109f75760405163c9240fd560e01b81526004810185905260240161091b565b82610a15576040516309bde33960e01b815260040160405180910390fd5b60038101546001600160801b0316821115610a4657604051634b533d6160e01b81526004810185905260240161091b565b600481018390556005810180546001600160801b0319166001600160801b0384161790556002810154610a82906001600160401b03164261405e565b6002820180546fffffffffffffffff00000000000000001916600160401b6001600160401b03938416810291909117918290556040805187815260208101879052919092049092169082015284907f2c37b18601775f85b9f8b1addbbf1902c00ca1431be7b6faf4df6e6af466db019060600160405180910390a250505050565b5f610b0c6128ab565b5f878152600560205260409020600101546001600160a01b031680610b4757604051630c92171160e21b81526004810189905260240161091b565b610b5681338989898989612d21565b610b61883389612a63565b915050610b6c612a39565b9695505050505050565b5f610b7f6128ab565b610b898233612dab565b9050610b93612a39565b919050565b5f6001600160a01b038816610bdb5760405163091135f760e01b81526020600482015260086024820152673737903a37b5b2b760c11b604482015260640161091b565b866001600160401b0316866001600160401b03161080610c04575042866001600160401b031611155b15610c3b5760405163091135f760e01b815260206004820152600660248201526577696e646f7760d01b604482015260640161091b565b846001600160401b03165f03610c865760405163091135f760e01b815260206004820152600f60248201526e1b9bc818db185a5b481c195c9a5bd9608a1b604482015260640161091b565b61ffff84161580610c9c57506127108461ffff16115b15610cd05760405163091135f760e01b815260206004820152600360248201526206361760ec1b604482015260640161091b565b5f829003610d0d5760405163091135f760e01b81526020600482015260096024820152686e6f206772616e747360b81b604482015260640161091b565b60045f8154610d1b9061407d565b918290555090505f5b82811015610e68575f848483818110610d3f57610d3f614095565b602090810292909201355f818152600590935260409092208054929350916001600160a01b03169050610d8857604051630c92171160e21b81526004810183905260240161091b565b60018101546001600160a01b038c8116911614610de15760405163091135f760e01b815260206004820152601660248201527533b930b73a1034b71030b737ba3432b9103a37b5b2b760511b604482015260640161091b565b5f848152600d6020908152604080832085845290915290205460ff1615610e3c5760405163091135f760e01b815260206004820152600e60248201526d19dc985b9d081c995c19585d195960921b604482015260640161091b565b505f838152600d6020908152604080832093835292905220805460ff1916600190811790915501610d24565b505f818152600c60205260409081902080546001600160401b03808b16600160a01b90810267ffffffffffffffff60a01b19339081166001600160e01b0319958616179190911785556001850180548d8516909302929094166001600160a01b038f169081179290921790935560028401805461ffff8b16600160801b0271ffff0000000000000000ffffffffffffffff19909116938c169390931792909217909155925191929184907f3c7de82319ae554c07e7cfa00ac7cfe370f0652a161532249e00e2138776ec2290610f49908d908d908d908d908d908d906140d9565b60405180910390a450979650505050505050565b5f81815260056020526040902080546001600160a01b0316610f9557604051630c92171160e21b81526004810183905260240161091b565b6001810154600160e01b900460ff1615610fc55760405163137e4f5560e21b81526004810183905260240161091b565b5f828152600660205260409020546001820154600160a01b900463ffffffff161061100657604051636a8db0a960e11b81526004810183905260240161091b565b80546001600160a01b03163314611153575f82815260086020908152604080832033845290915290205460ff16611052576040516370c46a9960e11b815233600482015260240161091b565b5f82815260096020908152604080832033845290915290205460ff161561108e57604051633512759d60e21b815233600482015260240161091b565b5f8281526009602090815260408083203384529091529020805460ff191660019081179091558181018054601a906110d390849061ffff600160d01b9091041661412f565b92506101000a81548161ffff021916908361ffff160217905550336001600160a01b0316827f27afc5b9cb42eabbc738c0ef675f43114884611eb50ef4d83feced9cc7ca0a4760405160405180910390a3600181015461ffff600160c01b820481169161114a91600160d01b909104166002614149565b11611153575050565b60018101805460ff60e01b1916600160e01b17905560405133815282907f26deca31ff8139a06c52453ce8985d34f7648a6d9af1d283c4063d052c355a0f9060200160405180910390a25050565b6111a96128ab565b5f87815260056020526040902080546001600160a01b03166111e157604051630c92171160e21b81526004810189905260240161091b565b80546001600160a01b0316331461120d5760405163c5d0b69d60e01b815233600482015260240161091b565b6001810154600160e01b900460ff161561123d5760405163137e4f5560e21b81526004810189905260240161091b565b60028101546001600160801b03808216600160801b909204161015611278576040516335035b2960e11b81526004810189905260240161091b565b60018101545f89815260066020526040902054600160a01b90910463ffffffff169081106112bc57604051636a8db0a960e11b8152600481018a905260240161091b565b8088146112e65760405163e205230360e01b8152600481018990526024810182905260440161091b565b5f8690036113075760405163ea1aa62b60e01b815260040160405180910390fd5b604051634ab6e48760e01b81526001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690634ab6e4879061135b908a908a908a908a908a90600401614188565b602060405180830381865afa158015611376573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061139a91906141b4565b6113b75760405163ac670f6160e01b815260040160405180910390fd5b5f600a5f6113c78c8c8c8c612f38565b815260208101919091526040015f20548354909150600160e01b900463ffffffff16811015611421578254604051639912131960e01b815260048101839052600160e01b90910463ffffffff16602482015260440161091b565b5f8a815260066020526040812080548b90811061144057611440614095565b5f918252602090912060028204015460019182166010026101000a90046001600160801b0316915061147390849061404b565b60018501805463ffffffff92909216600160a01b0263ffffffff60a01b199092169190911790556003840180548291905f906114b99084906001600160801b03166141d3565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550898b7f547e5447546c908914887d6eb9f56ddf19bc4d5de54a22b3c870543bdb3cee358b8b8b8660405161151494939291906141f2565b60405180910390a383546001850154611543916001600160a01b0391821691166001600160801b038416612f93565b5050505061154f612a39565b50505050505050565b6115606128ab565b5f868152600c60205260409020600101546001600160a01b03168061159b5760405163095ea0c760e31b81526004810188905260240161091b565b6115aa81338888888888612d21565b6115b487876128e2565b506115bd612a39565b505050505050565b5f6115ce6128ab565b5f888152600c60205260409020600101546001600160a01b0316806116095760405163095ea0c760e31b8152600481018a905260240161091b565b61161881338989898989612d21565b6116248989338a612fc8565b9150505b611630612a39565b979650505050505050565b5f6060805f5f5f606061164c6130f1565b611654613121565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b5f6116866128ab565b5f828152600c6020526040902080546001600160a01b03166116be5760405163095ea0c760e31b81526004810184905260240161091b565b60048101545f906116f557600282015460018301546116f0916001600160401b0390811691600160a01b90041661404b565b61170b565b6002820154600160401b90046001600160401b03165b90508042116117305760405163d70a6c7160e01b81526004810185905260240161091b565b5f848152600e602090815260408083203384529091528120549081900361176c576040516304fe4b1f60e41b815233600482015260240161091b565b60038301546001600160801b038082169161179091600160801b9091041682614239565b6117a3906001600160801b031683614149565b6117ad9190614258565b5f868152600e6020908152604080832033845290915281205560058401805491955085916010906117ef908490600160801b90046001600160801b03166141d3565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550336001600160a01b0316857f80995736b7a6382eda2620c0fefdbd7287c5278c4c43502f246363ff20c8d68c8660405161184f91815260200190565b60405180910390a36001830154611870906001600160a01b03163386612f93565b505050610b93612a39565b5f6118846128ab565b8760a001354211156118af5760405163cd21db4f60e01b815260a0890135600482015260240161091b565b5f6119307f6068f41d059e32b1f923f1f423350632bc5f43c4798945956b904e902ed926f78a5f01358b602001358c604001358d60600160208101906118f59190613d29565b8e608001358f60a001356040516020016119159796959493929190614277565b6040516020818303038152906040528051906020012061314c565b905061194d61194560808b0160608c01613d29565b828a8a613178565b6119865761196160808a0160608b01613d29565b604051639a7d38d960e01b81526001600160a01b03909116600482015260240161091b565b6119a361199960808b0160608c01613d29565b8a608001356131ea565b5f8935156119cc5789355f908152600c60205260409020600101546001600160a01b03166119ed565b6020808b01355f908152600590915260409020600101546001600160a01b03165b90506001600160a01b038116611a405789355f03611a2457604051630c92171160e21b815260208b0135600482015260240161091b565b60405163095ea0c760e31b81528a35600482015260240161091b565b8615611a6857611a6881611a5a60808d0160608e01613d29565b8c604001358a8a8a8a612d21565b89355f03611a9b57611a9260208b0135611a8860808d0160608e01613d29565b8c60400135612a63565b92505050611628565b611abf8a3560208c0135611ab560808e0160608f01613d29565b8d60400135612fc8565b92505050611630612a39565b5f828152600560209081526040808320600783528184206001600160a01b0386168552909252822054801580611b075750611b058261323c565b155b15611b16575f925050506108e1565b611b20828261328b565b95945050505050565b5f6108e17f6068f41d059e32b1f923f1f423350632bc5f43c4798945956b904e902ed926f7833560208501356040860135611b6a6080880160608901613d29565b87608001358860a001356040516020016119159796959493929190614277565b5f611b936128ab565b8360600135421115611bbe5760405163cd21db4f60e01b81526060850135600482015260240161091b565b5f611c337f488bceab4f0d44d026d85bb2597a16d174badbf47516dee2647ccc13db053ac98635611bf56040890160208a01613d29565b604080516020810194909452838101929092526001600160a01b031660608381019190915290880135608083015287013560a082015260c001611915565b9050611c50611c486040870160208801613d29565b828686613178565b611c64576119616040860160208701613d29565b611c81611c776040870160208801613d29565b86604001356131ea565b611c9b8535611c966040880160208901613d29565b612dab565b915050611ca6612a39565b9392505050565b5f80611cbc6020840184613d29565b6001600160a01b031603611d045760405163595bd56760e11b815260206004820152600e60248201526d6e6f2062656e656669636961727960901b604482015260640161091b565b5f611d156040840160208501613d29565b6001600160a01b031603611d575760405163595bd56760e11b81526020600482015260086024820152673737903a37b5b2b760c11b604482015260640161091b565b42611d6860608401604085016142b0565b6001600160401b031611611db65760405163595bd56760e11b8152602060048201526014602482015273191958591b1a5b99481a5b881d1a19481c185cdd60621b604482015260640161091b565b5f611dc460a08401846142c9565b915050801580611dd45750604081115b15611e145760405163595bd56760e11b815260206004820152600f60248201526e1b5a5b195cdd1bdb994818dbdd5b9d608a1b604482015260640161091b565b80611e2260c08501856142c9565b905014611e725760405163595bd56760e11b815260206004820152601d60248201527f6f6e65206465736372697074696f6e20706572206d696c6573746f6e65000000604482015260640161091b565b5f611e8060808501856142c9565b915050801580611e905750604081115b15611ecf5760405163595bd56760e11b815260206004820152600e60248201526d1c995d9a595dd95c8818dbdd5b9d60921b604482015260640161091b565b611edf6080850160608601614321565b63ffffffff161580611f05575080611efd6080860160608701614321565b63ffffffff16115b15611f3f5760405163595bd56760e11b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b604482015260640161091b565b5f5f5b8381101561201457611f5760a08701876142c9565b82818110611f6757611f67614095565b9050602002016020810190611f7c919061434e565b6001600160801b03165f03611fc55760405163595bd56760e11b815260206004820152600e60248201526d7a65726f206d696c6573746f6e6560901b604482015260640161091b565b611fd260a08701876142c9565b82818110611fe257611fe2614095565b9050602002016020810190611ff7919061434e565b61200a906001600160801b03168361404b565b9150600101611f42565b506001600160801b0381111561205e5760405163595bd56760e11b815260206004820152600e60248201526d676f616c20746f6f206c6172676560901b604482015260640161091b565b60035f815461206c9061407d565b918290555093505f5b8281101561216c575f61208b60808801886142c9565b8381811061209b5761209b614095565b90506020020160208101906120b09190613d29565b90506001600160a01b03811615806120e957505f8681526008602090815260408083206001600160a01b038516845290915290205460ff165b156121375760405163595bd56760e11b815260206004820152601960248201527f7265766965776572207a65726f206f7220726570656174656400000000000000604482015260640161091b565b5f8681526008602090815260408083206001600160a01b03909416835292905220805460ff1916600190811790915501612075565b505f8481526005602090815260409091209061218a90870187613d29565b81546001600160a01b0319166001600160a01b03919091161781556121b560608701604088016142b0565b81546001600160401b0391909116600160a01b0267ffffffffffffffff60a01b199091161781556121ec6080870160608801614321565b815463ffffffff91909116600160e01b026001600160e01b0390911617815561221b6040870160208801613d29565b6001820180546001600160a01b0392909216600165ffff0000000160a01b031990921691909117600160c01b61ffff8616021790556002810180546001600160801b0319166001600160801b03841617905561227a60a08701876142c9565b5f878152600660205260409020916122939190836143eb565b506122a46040870160208801613d29565b6001600160a01b03166122ba6020880188613d29565b6001600160a01b0316867fd0b77f7fde5cad1fcd0abd84ba4a1fd8b1a4c208cf66728e66818dc1e7874651858a6040516122f5929190614621565b60405180910390a450505050919050565b5f84815260056020526040902080546001600160a01b031661233e57604051630c92171160e21b81526004810186905260240161091b565b5f85815260086020908152604080832033845290915290205460ff16612379576040516370c46a9960e11b815233600482015260240161091b565b6001810154600160e01b900460ff16156123a95760405163137e4f5560e21b81526004810186905260240161091b565b6001810154600160a01b900463ffffffff168410806123d557505f858152600660205260409020548410155b1561240e57600181015460405163e205230360e01b815260048101869052600160a01b90910463ffffffff16602482015260440161091b565b5f82900361242f5760405163ea1aa62b60e01b815260040160405180910390fd5b5f61243c86868686612f38565b5f818152600b6020908152604080832033845290915290205490915060ff161561247b57604051633040d2cb60e21b815233600482015260240161091b565b5f818152600b602090815260408083203384528252808320805460ff19166001908117909155848452600a90925282208054919290916124bc90849061404b565b92505081905550336001600160a01b031685877f196a6592a24503792a034112fa82bf7c6c3b303521a6689407744045320a9feb8787604051612500929190614703565b60405180910390a4505050505050565b6125186128ab565b5f858152600c6020526040902080546001600160a01b03166125505760405163095ea0c760e31b81526004810187905260240161091b565b600481015461257557604051637823f05f60e01b81526004810187905260240161091b565b6002810154600160401b90046001600160401b03164211156125ad5760405163c9240fd560e01b81526004810187905260240161091b565b5f868152600f6020908152604080832088845290915290205460ff16156125f157604051636bd4745f60e01b8152600481018790526024810186905260440161091b565b60408051602081018790529081018590525f9060600160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905061264c84848460040154846132d2565b612669576040516309bde33960e01b815260040160405180910390fd5b5f86815260056020526040902061267f8161323c565b156126a057604051637e47011760e11b81526004810188905260240161091b565b600583015460038401546001600160801b03918216916126ca918991600160801b9091041661404b565b11156126ec57604051634b533d6160e01b81526004810189905260240161091b565b5f888152600f602090815260408083208a84529091529020805460ff191660011790556003830180548791906010906127379084906001600160801b03600160801b909104166141d3565b82546001600160801b039182166101009390930a9283029190920219909116179055508054604080516001600160a01b0390921682526020820188905288918a917f186cadcda7624aa461132d0cf9d241138a7d412db7f1e7273462ddf34314e87f910160405180910390a3805460018401546127c1916001600160a01b03918216911688612f93565b5050506127cc612a39565b5050505050565b5f600a5f6127e387878787612f38565b81526020019081526020015f205490505b949350505050565b5f8181526006602090815260409182902080548351818402810184019094528084526060939283018282801561288057602002820191905f5260205f20905f905b82829054906101000a90046001600160801b03166001600160801b031681526020019060100190602082600f0104928301926001038202915080841161283d5790505b50505050509050919050565b5f6128956128ab565b6128a184843385612fc8565b9050611ca6612a39565b6128b36132e9565b6128e060017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90613329565b565b5f828152600c6020526040902080546001600160a01b031661291a5760405163095ea0c760e31b81526004810184905260240161091b565b6001810154600160a01b90046001600160401b03164211156129525760405163549fc36b60e11b81526004810184905260240161091b565b815f0361297257604051631f2a200560e01b815260040160405180910390fd5b60038101546129949061298f9084906001600160801b031661404b565b613330565b6003820180546001600160801b0319166001600160801b03929092169190911790555f838152600e60209081526040808320338452909152812080548492906129de90849061404b565b9091555050604051828152339084907fb88f7876683652bafd2534fc672bafafd17af09dc89c1b1bbe99033447c16f939060200160405180910390a36001810154612a34906001600160a01b0316333085613367565b505050565b6128e05f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f006128da565b5f83815260056020526040812080546001600160a01b0316612a9b57604051630c92171160e21b81526004810186905260240161091b565b6001810154600160e01b900460ff1615612acb5760405163137e4f5560e21b81526004810186905260240161091b565b8054600160a01b90046001600160401b0316421115612b1857805460405163041f95d160e51b815260048101879052600160a01b9091046001600160401b0316602482015260440161091b565b60028101545f90612b3b906001600160801b03600160801b820481169116614239565b6001600160801b03169050805f03612b695760405163fbfd8ab760e01b81526004810187905260240161091b565b835f03612b8957604051631f2a200560e01b815260040160405180910390fd5b808410612b965780612b98565b835b5f8781526007602090815260408083206001600160a01b038a168452909152902054909350612bc7848261404b565b5f8881526007602090815260408083206001600160a01b038b168452909152902055600283018054859190601090612c10908490600160801b90046001600160801b03166141d3565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550856001600160a01b0316877f1b606d34afacd55873aba0fd274841a10c63e18455f2dffebad2fc60a36b2c8386604051612c7091815260200190565b60405180910390a3805f03612cfd576040516340c10f1960e01b81526001600160a01b038781166004830152602482018990527f000000000000000000000000000000000000000000000000000000000000000016906340c10f19906044015f604051808303815f87803b158015612ce6575f5ffd5b505af1158015612cf8573d5f5f3e3d5ffd5b505050505b6001830154612d17906001600160a01b0316873087613367565b5050509392505050565b60405163d505accf60e01b81526001600160a01b038781166004830152306024830152604482018790526064820186905260ff8516608483015260a4820184905260c4820183905288169063d505accf9060e4015f604051808303815f87803b158015612d8c575f5ffd5b505af1925050508015612d9d575060015b1561154f5750505050505050565b5f82815260056020526040812080546001600160a01b0316612de357604051630c92171160e21b81526004810185905260240161091b565b612dec8161323c565b612e0c57604051637ed0862160e11b81526004810185905260240161091b565b5f8481526007602090815260408083206001600160a01b038716845290915281205490819003612e5a5760405163bb38693960e01b81526001600160a01b038516600482015260240161091b565b612e64828261328b565b5f8681526007602090815260408083206001600160a01b03891684529091528120556003830180549194508491601090612eaf908490600160801b90046001600160801b03166141d3565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550836001600160a01b0316857f7ca5472b7ea78c2c0141c5a12ee6d170cf4ce8ed06be3d22c8252ddfc7a6a2c485604051612f0f91815260200190565b60405180910390a36001820154612f30906001600160a01b03168585612f93565b505092915050565b5f84848484604051612f4b929190614716565b604051908190038120612f739392916020019283526020830191909152604082015260600190565b604051602081830303815290604052805190602001209050949350505050565b612fa083838360016133a3565b612a3457604051635274afe760e01b81526001600160a01b038416600482015260240161091b565b5f848152600c6020526040812080546001600160a01b03166130005760405163095ea0c760e31b81526004810187905260240161091b565b8054600160a01b90046001600160401b031642108061303257506001810154600160a01b90046001600160401b031642115b156130535760405163549fc36b60e11b81526004810187905260240161091b565b5f868152600d6020908152604080832088845290915290205460ff166130965760405163e55192b160e01b8152600481018790526024810186905260440161091b565b6130a1858585612a63565b9150836001600160a01b031685877f945b400b8396c220b95d4360cac28f437709e3e22faf4c01914562aa87c1b2e9856040516130e091815260200190565b60405180910390a450949350505050565b606061311c7f0000000000000000000000000000000000000000000000000000000000000000613405565b905090565b606061311c7f0000000000000000000000000000000000000000000000000000000000000000613405565b5f6108e1613158613442565b8360405161190160f01b8152600281019290925260228201526042902090565b5f846001600160a01b03163b5f036131d7575f5f61319786868661356b565b5090925090505f8160038111156131b0576131b0614725565b1480156131ce5750866001600160a01b0316826001600160a01b0316145b925050506127f4565b6131e3858585856135b2565b90506127f4565b6001600160a01b0382165f908152600260205260409020805460018101909155818114612a34576040516301d4b62360e61b81526001600160a01b03841660048201526024810182905260440161091b565b60018101545f90600160e01b900460ff16806108e157508154600160a01b90046001600160401b0316421180156108e1575050600201546001600160801b03808216600160801b909204161090565b600282015460038301545f916001600160801b03600160801b9091048116916132b5911682614239565b6132c8906001600160801b031684614149565b611ca69190614258565b5f826132df86868561361c565b1495945050505050565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c156128e057604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f6001600160801b03821115613363576040516306dfcc6560e41b8152608060048201526024810183905260440161091b565b5090565b61337584848484600161365d565b61339d57604051635274afe760e01b81526001600160a01b038516600482015260240161091b565b50505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f511483166133f95783831516156133ed573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b60605f613411836136ca565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561349a57507f000000000000000000000000000000000000000000000000000000000000000046145b156134c457507f000000000000000000000000000000000000000000000000000000000000000090565b61311c604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f8080604184900361359f578435602086013560408701355f1a613591898285856136f1565b9550955095505050506135a9565b505f915060029050825b93509350939050565b60408051630b135d3f60e11b808252600482018690526024820192909252604481018390525f91908390818660648301375f82606483010152601f820160051c60051b915060205f60648401838b5afa9050825f5114601f3d111681169350505050949350505050565b5f81815b848110156136545761364a8287878481811061363e5761363e614095565b905060200201356137b9565b9150600101613620565b50949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166136b95783831516156136ad573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f60ff8216601f8111156108e157604051632cd44ac360e21b815260040160405180910390fd5b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561372a57505f915060039050826137af565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561377b573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381166137a657505f9250600191508290506137af565b92505f91508190505b9450945094915050565b5f8183106137d3575f828152602084905260409020611ca6565b5f838152602083905260409020611ca6565b5f5f604083850312156137f6575f5ffd5b50508035926020909101359150565b5f5f5f60608486031215613817575f5ffd5b505081359360208301359350604090920135919050565b5f6020828403121561383e575f5ffd5b5035919050565b81516001600160a01b031681526101808101602083015161387160208401826001600160401b03169052565b506040830151613889604084018263ffffffff169052565b5060608301516138a460608401826001600160a01b03169052565b5060808301516138bc608084018263ffffffff169052565b5060a08301516138d260a084018261ffff169052565b5060c08301516138e860c084018261ffff169052565b5060e08301516138fc60e084018215159052565b506101008301516139196101008401826001600160801b03169052565b506101208301516139366101208401826001600160801b03169052565b506101408301516139536101408401826001600160801b03169052565b506101608301516139706101608401826001600160801b03169052565b5092915050565b803560ff81168114610b93575f5ffd5b5f5f5f5f5f5f60c0878903121561399c575f5ffd5b8635955060208701359450604087013593506139ba60608801613977565b9598949750929560808101359460a0909101359350915050565b81516001600160a01b0316815261018081016020830151613a0060208401826001600160401b03169052565b506040830151613a1b60408401826001600160a01b03169052565b506060830151613a3660608401826001600160401b03169052565b506080830151613a5160808401826001600160401b03169052565b5060a0830151613a6c60a08401826001600160401b03169052565b5060c0830151613a8260c084018261ffff169052565b5060e0830151613a9d60e08401826001600160801b03169052565b50610100830151613aba6101008401826001600160801b03169052565b506101208301516101208301526101408301516139536101408401826001600160801b03169052565b6001600160a01b0381168114613af7575f5ffd5b50565b8035610b9381613ae3565b80356001600160401b0381168114610b93575f5ffd5b5f5f83601f840112613b2b575f5ffd5b5081356001600160401b03811115613b41575f5ffd5b6020830191508360208260051b8501011115613b5b575f5ffd5b9250929050565b5f5f5f5f5f5f5f60c0888a031215613b78575f5ffd5b8735613b8381613ae3565b9650613b9160208901613b05565b9550613b9f60408901613b05565b9450613bad60608901613b05565b9350608088013561ffff81168114613bc3575f5ffd5b925060a08801356001600160401b03811115613bdd575f5ffd5b613be98a828b01613b1b565b989b979a50959850939692959293505050565b5f5f83601f840112613c0c575f5ffd5b5081356001600160401b03811115613c22575f5ffd5b602083019150836020828501011115613b5b575f5ffd5b5f5f5f5f5f5f5f60a0888a031215613c4f575f5ffd5b873596506020880135955060408801356001600160401b03811115613c72575f5ffd5b613c7e8a828b01613bfc565b9096509450506060880135925060808801356001600160401b03811115613bdd575f5ffd5b5f5f60408385031215613cb4575f5ffd5b823591506020830135613cc681613ae3565b809150509250929050565b5f5f5f5f5f5f5f60e0888a031215613ce7575f5ffd5b87359650602088013595506040880135945060608801359350613d0c60808901613977565b9699959850939692959460a0840135945060c09093013592915050565b5f60208284031215613d39575f5ffd5b8135611ca681613ae3565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f613d9060e0830189613d44565b8281036040840152613da28189613d44565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015613df7578351835260209384019390920191600101613dd9565b50909b9a5050505050505050505050565b5f60c08284031215613e18575f5ffd5b50919050565b5f5f5f5f5f5f5f610160888a031215613e35575f5ffd5b613e3f8989613e08565b965060c08801356001600160401b03811115613e59575f5ffd5b613e658a828b01613bfc565b90975095505060e08801359350613e7f6101008901613977565b9699959850939692959461012084013594506101409093013592915050565b5f60c08284031215613eae575f5ffd5b611ca68383613e08565b5f5f5f83850360a0811215613ecb575f5ffd5b6080811215613ed8575f5ffd5b5083925060808401356001600160401b03811115613ef4575f5ffd5b613f0086828701613bfc565b9497909650939450505050565b5f60208284031215613f1d575f5ffd5b81356001600160401b03811115613f32575f5ffd5b820160e08185031215611ca6575f5ffd5b5f5f5f5f60608587031215613f56575f5ffd5b843593506020850135925060408501356001600160401b03811115613f79575f5ffd5b613f8587828801613bfc565b95989497509550505050565b5f5f5f5f5f60808688031215613fa5575f5ffd5b85359450602086013593506040860135925060608601356001600160401b03811115613fcf575f5ffd5b613fdb88828901613b1b565b969995985093965092949392505050565b602080825282518282018190525f918401906040840190835b8181101561402c5783516001600160801b0316835260209384019390920191600101614005565b509095945050505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156108e1576108e1614037565b6001600160401b0381811683821601908111156108e1576108e1614037565b5f6001820161408e5761408e614037565b5060010190565b634e487b7160e01b5f52603260045260245ffd5b8183525f6001600160fb1b038311156140c0575f5ffd5b8260051b80836020870137939093016020019392505050565b6001600160401b03871681526001600160401b03861660208201526001600160401b038516604082015261ffff8416606082015260a060808201525f61412360a0830184866140a9565b98975050505050505050565b61ffff81811683821601908111156108e1576108e1614037565b80820281158282048414176108e1576108e1614037565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b606081525f61419b606083018789614160565b85602084015282810360408401526141238185876140a9565b5f602082840312156141c4575f5ffd5b81518015158114611ca6575f5ffd5b6001600160801b0381811683821601908111156108e1576108e1614037565b606081525f614205606083018688614160565b90508360208301526001600160801b038316604083015295945050505050565b634e487b7160e01b5f52604160045260245ffd5b6001600160801b0382811682821603908111156108e1576108e1614037565b5f8261427257634e487b7160e01b5f52601260045260245ffd5b500490565b9687526020870195909552604086019390935260608501919091526001600160a01b0316608084015260a083015260c082015260e00190565b5f602082840312156142c0575f5ffd5b611ca682613b05565b5f5f8335601e198436030181126142de575f5ffd5b8301803591506001600160401b038211156142f7575f5ffd5b6020019150600581901b3603821315613b5b575f5ffd5b803563ffffffff81168114610b93575f5ffd5b5f60208284031215614331575f5ffd5b611ca68261430e565b6001600160801b0381168114613af7575f5ffd5b5f6020828403121561435e575f5ffd5b8135611ca68161433a565b600160401b82111561437d5761437d614225565b805482825580831015612a34576001830160011c825f528060205f200160108560041b1680156143bc575f19820180545f198360200360031b1c168155505b50816001840160011c0391505f5b828110156115bd575f828201556001016143ca565b5f81356108e18161433a565b6001600160401b0383111561440257614402614225565b61440c8382614369565b5f8181526020902082908460011c5f5b81811015614477575f5f5b600281101561446a5761445961443c876143df565b6001600160801b03908116600784901b90811b91901b1984161790565b602096909601959150600101614427565b508382015560010161441c565b5060011986168087038188146144b5575f5f5b828110156144af5761449e61443c886143df565b60209790970196915060010161448a565b50848401555b5050505050505050565b5f5f8335601e198436030181126144d4575f5ffd5b83016020810192503590506001600160401b038111156144f2575f5ffd5b8060051b3603821315613b5b575f5ffd5b8183526020830192505f815f5b8481101561454157813561452381613ae3565b6001600160a01b031686526020958601959190910190600101614510565b5093949350505050565b8183526020830192505f815f5b8481101561454157813561456b8161433a565b6001600160801b031686526020958601959190910190600101614558565b5f8383855260208501945060208460051b820101835f601e19863603015b8782101561461457848403601f1901895282358181126145c5575f5ffd5b87016020810190356001600160401b038111156145e0575f5ffd5b8036038213156145ee575f5ffd5b6145f9868284614160565b955050506020830192506020890198506001820191506145a7565b5091979650505050505050565b828152604060208201525f823561463781613ae3565b6001600160a01b0316604083015261465160208401613afa565b6001600160a01b0316606083015261466b60408401613b05565b6001600160401b031660808301526146856060840161430e565b63ffffffff1660a083015261469d60808401846144bf565b60e060c08501526146b361012085018284614503565b9150506146c360a08501856144bf565b848303603f190160e08601526146da83828461454b565b925050506146eb60c08501856144bf565b848303603f1901610100860152611630838284614589565b602081525f6127f4602083018486614160565b818382375f9101908152919050565b634e487b7160e01b5f52602160045260245ffdfea164736f6c6343000825000a60a060405234801561000f575f5ffd5b506040518060400160405280600f81526020016e3232b9b1b49039bab83837b93a32b960891b8152506040518060400160405280600f81526020016e2222a9a1a496a9aaa82827a92a22a960891b815250815f908161006e919061012a565b50600161007b828261012a565b505033608052506101e8565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806100af57607f821691505b6020821081036100cd57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610125578282111561012557805f5260205f20601f840160051c60208510156100fe57505f5b90810190601f840160051c035f5b81811015610121575f8382015560010161010c565b5050505b505050565b81516001600160401b0381111561014357610143610087565b61015781610151845461009b565b846100d3565b6020601f821160018114610189575f83156101725750848201515b5f19600385901b1c1916600184901b1784556101e1565b5f84815260208120601f198516915b828110156101b85787850151825560209485019460019092019101610198565b50848210156101d557868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b608051610fe56102075f395f818161014c01526104300152610fe55ff3fe608060405234801561000f575f5ffd5b5060043610610106575f3560e01c8063439aac561161009e578063a22cb4651161006e578063a22cb46514610244578063b45a3c0e14610252578063b88d4fde14610265578063c87b56dd14610278578063e985e9c51461028b575f5ffd5b8063439aac56146101e75780636352211e1461021657806370a082311461022957806395d89b411461023c575f5ffd5b8063095ea7b3116100d9578063095ea7b31461019957806323b872dd146101ae57806340c10f19146101c157806342842e0e146101d4575f5ffd5b806301ffc9a71461010a57806306fdde03146101325780630754617214610147578063081812fc14610186575b5f5ffd5b61011d610118366004610c9a565b61029e565b60405190151581526020015b60405180910390f35b61013a6102c8565b6040516101299190610ce3565b61016e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610129565b61016e610194366004610cf5565b610357565b6101ac6101a7366004610d27565b61037e565b005b6101ac6101bc366004610d4f565b610397565b6101ac6101cf366004610d27565b610425565b6101ac6101e2366004610d4f565b6104c2565b6102086101f5366004610d89565b6001600160a01b031660a09190911b1790565b604051908152602001610129565b61016e610224366004610cf5565b6104e1565b610208610237366004610db3565b6104eb565b61013a610530565b6101ac6101a7366004610dcc565b61011d610260366004610cf5565b61053f565b6101ac610273366004610e19565b610552565b61013a610286366004610cf5565b61056a565b61011d610299366004610ef6565b6105db565b5f6001600160e01b03198216635a2d1e0760e11b14806102c257506102c282610608565b92915050565b60605f80546102d690610f1e565b80601f016020809104026020016040519081016040528092919081815260200182805461030290610f1e565b801561034d5780601f106103245761010080835404028352916020019161034d565b820191905f5260205f20905b81548152906001019060200180831161033057829003601f168201915b5050505050905090565b5f61036182610657565b505f828152600460205260409020546001600160a01b03166102c2565b60405163a4420a9560e01b815260040160405180910390fd5b6001600160a01b0382166103c557604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6103d183833361068f565b9050836001600160a01b0316816001600160a01b03161461041f576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016103bc565b50505050565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461047057604051631b0e18f960e11b81523360048201526024016103bc565b6001600160a01b03821660a082901b1761048a83826106d7565b6040518181527f032bc66be43dbccb7487781d168eb7bda224628a3b2c3388bdf69b532a3a16119060200160405180910390a1505050565b6104dc83838360405180602001604052805f815250610552565b505050565b5f6102c282610657565b5f6001600160a01b038216610515576040516322718ad960e21b81525f60048201526024016103bc565b506001600160a01b03165f9081526003602052604090205490565b6060600180546102d690610f1e565b5f61054982610657565b50600192915050565b61055d848484610397565b61041f3385858585610738565b606061057582610657565b505f61058b60408051602081019091525f815290565b90505f8151116105a95760405180602001604052805f8152506105d4565b806105b384610860565b6040516020016105c4929190610f6d565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f6001600160e01b031982166380ac58cd60e01b148061063857506001600160e01b03198216635b5e139f60e01b145b806102c257506301ffc9a760e01b6001600160e01b03198316146102c2565b5f818152600260205260408120546001600160a01b0316806102c257604051637e27328960e01b8152600481018490526024016103bc565b5f828152600260205260408120546001600160a01b0316156106c45760405163a4420a9560e01b815260040160405180910390fd5b6106cf8484846108f0565b949350505050565b6001600160a01b03821661070057604051633250574960e11b81525f60048201526024016103bc565b5f61070c83835f61068f565b90506001600160a01b038116156104dc576040516339e3563760e11b81525f60048201526024016103bc565b6001600160a01b0383163b1561085957604051630a85bd0160e11b81526001600160a01b0384169063150b7a029061077a908890889087908790600401610f81565b6020604051808303815f875af19250505080156107b4575060408051601f3d908101601f191682019092526107b191810190610fbd565b60015b61081b573d8080156107e1576040519150601f19603f3d011682016040523d82523d5f602084013e6107e6565b606091505b5080515f0361081357604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461085757604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b505b5050505050565b60605f61086c836109e2565b60010190505f8167ffffffffffffffff81111561088b5761088b610e05565b6040519080825280601f01601f1916602001820160405280156108b5576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846108bf57509392505050565b5f828152600260205260408120546001600160a01b039081169083161561091c5761091c818486610ab9565b6001600160a01b03811615610956576109375f855f5f610b1d565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615610984576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610a205772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610a4c576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610a6a57662386f26fc10000830492506010015b6305f5e1008310610a82576305f5e100830492506008015b6127108310610a9657612710830492506004015b60648310610aa8576064830492506002015b600a83106102c25760010192915050565b610ac4838383610c21565b6104dc576001600160a01b038316610af257604051637e27328960e01b8152600481018290526024016103bc565b60405163177e802f60e01b81526001600160a01b0383166004820152602481018290526044016103bc565b8080610b3157506001600160a01b03821615155b15610bf2575f610b4084610657565b90506001600160a01b03831615801590610b6c5750826001600160a01b0316816001600160a01b031614155b8015610b7f5750610b7d81846105db565b155b15610ba85760405163a9fbf51f60e01b81526001600160a01b03841660048201526024016103bc565b8115610bf05783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f6001600160a01b038316158015906106cf5750826001600160a01b0316846001600160a01b03161480610c5a5750610c5a84846105db565b806106cf5750505f908152600460205260409020546001600160a01b03908116911614919050565b6001600160e01b031981168114610c97575f5ffd5b50565b5f60208284031215610caa575f5ffd5b81356105d481610c82565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6105d46020830184610cb5565b5f60208284031215610d05575f5ffd5b5035919050565b80356001600160a01b0381168114610d22575f5ffd5b919050565b5f5f60408385031215610d38575f5ffd5b610d4183610d0c565b946020939093013593505050565b5f5f5f60608486031215610d61575f5ffd5b610d6a84610d0c565b9250610d7860208501610d0c565b929592945050506040919091013590565b5f5f60408385031215610d9a575f5ffd5b82359150610daa60208401610d0c565b90509250929050565b5f60208284031215610dc3575f5ffd5b6105d482610d0c565b5f5f60408385031215610ddd575f5ffd5b610de683610d0c565b915060208301358015158114610dfa575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610e2c575f5ffd5b610e3585610d0c565b9350610e4360208601610d0c565b925060408501359150606085013567ffffffffffffffff811115610e65575f5ffd5b8501601f81018713610e75575f5ffd5b803567ffffffffffffffff811115610e8f57610e8f610e05565b604051601f8201601f19908116603f0116810167ffffffffffffffff81118282101715610ebe57610ebe610e05565b604052818152828201602001891015610ed5575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f60408385031215610f07575f5ffd5b610f1083610d0c565b9150610daa60208401610d0c565b600181811c90821680610f3257607f821691505b602082108103610f5057634e487b7160e01b5f52602260045260245ffd5b50919050565b5f81518060208401855e5f93019283525090919050565b5f6106cf610f7b8386610f56565b84610f56565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f90610fb390830184610cb5565b9695505050505050565b5f60208284031215610fcd575f5ffd5b81516105d481610c8256fea164736f6c6343000825000a",
}

// Grants is an auto generated Go binding around an Ethereum contract.
type Grants struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Grants) GetABI() abi.ABI {
	return c.abi
}

// NewGrants creates a new instance of Grants.
func NewGrants() *Grants {
	parsed, err := GrantsMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Grants{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Grants) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address notary_) returns()
func (grants *Grants) PackConstructor(notary_ common.Address) []byte {
	enc, err := grants.abi.Pack("", notary_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDONATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a64f5c0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DONATION_TYPEHASH() view returns(bytes32)
func (grants *Grants) PackDONATIONTYPEHASH() []byte {
	enc, err := grants.abi.Pack("DONATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDONATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a64f5c0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DONATION_TYPEHASH() view returns(bytes32)
func (grants *Grants) TryPackDONATIONTYPEHASH() ([]byte, error) {
	return grants.abi.Pack("DONATION_TYPEHASH")
}

// UnpackDONATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a64f5c0.
//
// Solidity: function DONATION_TYPEHASH() view returns(bytes32)
func (grants *Grants) UnpackDONATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := grants.abi.Unpack("DONATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXMILESTONES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c05abeb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_MILESTONES() view returns(uint256)
func (grants *Grants) PackMAXMILESTONES() []byte {
	enc, err := grants.abi.Pack("MAX_MILESTONES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXMILESTONES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c05abeb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_MILESTONES() view returns(uint256)
func (grants *Grants) TryPackMAXMILESTONES() ([]byte, error) {
	return grants.abi.Pack("MAX_MILESTONES")
}

// UnpackMAXMILESTONES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4c05abeb.
//
// Solidity: function MAX_MILESTONES() view returns(uint256)
func (grants *Grants) UnpackMAXMILESTONES(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("MAX_MILESTONES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXREVIEWERS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87d508e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_REVIEWERS() view returns(uint256)
func (grants *Grants) PackMAXREVIEWERS() []byte {
	enc, err := grants.abi.Pack("MAX_REVIEWERS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXREVIEWERS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87d508e6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_REVIEWERS() view returns(uint256)
func (grants *Grants) TryPackMAXREVIEWERS() ([]byte, error) {
	return grants.abi.Pack("MAX_REVIEWERS")
}

// UnpackMAXREVIEWERS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x87d508e6.
//
// Solidity: function MAX_REVIEWERS() view returns(uint256)
func (grants *Grants) UnpackMAXREVIEWERS(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("MAX_REVIEWERS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackREFUNDTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e69ef40.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function REFUND_TYPEHASH() view returns(bytes32)
func (grants *Grants) PackREFUNDTYPEHASH() []byte {
	enc, err := grants.abi.Pack("REFUND_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackREFUNDTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e69ef40.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function REFUND_TYPEHASH() view returns(bytes32)
func (grants *Grants) TryPackREFUNDTYPEHASH() ([]byte, error) {
	return grants.abi.Pack("REFUND_TYPEHASH")
}

// UnpackREFUNDTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1e69ef40.
//
// Solidity: function REFUND_TYPEHASH() view returns(bytes32)
func (grants *Grants) UnpackREFUNDTYPEHASH(data []byte) ([32]byte, error) {
	out, err := grants.abi.Unpack("REFUND_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackApprovals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfc72658.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approvals(uint256 grantId, uint256 milestone, bytes cid) view returns(uint256)
func (grants *Grants) PackApprovals(grantId *big.Int, milestone *big.Int, cid []byte) []byte {
	enc, err := grants.abi.Pack("approvals", grantId, milestone, cid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprovals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfc72658.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approvals(uint256 grantId, uint256 milestone, bytes cid) view returns(uint256)
func (grants *Grants) TryPackApprovals(grantId *big.Int, milestone *big.Int, cid []byte) ([]byte, error) {
	return grants.abi.Pack("approvals", grantId, milestone, cid)
}

// UnpackApprovals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdfc72658.
//
// Solidity: function approvals(uint256 grantId, uint256 milestone, bytes cid) view returns(uint256)
func (grants *Grants) UnpackApprovals(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("approvals", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApproveMilestone is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xce1c5434.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approveMilestone(uint256 grantId, uint256 milestone, bytes cid) returns()
func (grants *Grants) PackApproveMilestone(grantId *big.Int, milestone *big.Int, cid []byte) []byte {
	enc, err := grants.abi.Pack("approveMilestone", grantId, milestone, cid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApproveMilestone is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xce1c5434.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approveMilestone(uint256 grantId, uint256 milestone, bytes cid) returns()
func (grants *Grants) TryPackApproveMilestone(grantId *big.Int, milestone *big.Int, cid []byte) ([]byte, error) {
	return grants.abi.Pack("approveMilestone", grantId, milestone, cid)
}

// PackBadge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d768de.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function badge() view returns(address)
func (grants *Grants) PackBadge() []byte {
	enc, err := grants.abi.Pack("badge")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBadge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d768de.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function badge() view returns(address)
func (grants *Grants) TryPackBadge() ([]byte, error) {
	return grants.abi.Pack("badge")
}

// UnpackBadge is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d768de.
//
// Solidity: function badge() view returns(address)
func (grants *Grants) UnpackBadge(data []byte) (common.Address, error) {
	out, err := grants.abi.Unpack("badge", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40e58ee5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancel(uint256 grantId) returns()
func (grants *Grants) PackCancel(grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("cancel", grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40e58ee5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancel(uint256 grantId) returns()
func (grants *Grants) TryPackCancel(grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("cancel", grantId)
}

// PackClaimMatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd79d8ceb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimMatch(uint256 roundId, uint256 grantId, uint256 amount, bytes32[] proof) returns()
func (grants *Grants) PackClaimMatch(roundId *big.Int, grantId *big.Int, amount *big.Int, proof [][32]byte) []byte {
	enc, err := grants.abi.Pack("claimMatch", roundId, grantId, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimMatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd79d8ceb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimMatch(uint256 roundId, uint256 grantId, uint256 amount, bytes32[] proof) returns()
func (grants *Grants) TryPackClaimMatch(roundId *big.Int, grantId *big.Int, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return grants.abi.Pack("claimMatch", roundId, grantId, amount, proof)
}

// PackCloseRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14164015.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function closeRound(uint256 roundId, bytes32 root, uint256 total) returns()
func (grants *Grants) PackCloseRound(roundId *big.Int, root [32]byte, total *big.Int) []byte {
	enc, err := grants.abi.Pack("closeRound", roundId, root, total)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCloseRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14164015.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function closeRound(uint256 roundId, bytes32 root, uint256 total) returns()
func (grants *Grants) TryPackCloseRound(roundId *big.Int, root [32]byte, total *big.Int) ([]byte, error) {
	return grants.abi.Pack("closeRound", roundId, root, total)
}

// PackContributionOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6813947f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function contributionOf(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) PackContributionOf(grantId *big.Int, donor common.Address) []byte {
	enc, err := grants.abi.Pack("contributionOf", grantId, donor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackContributionOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6813947f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function contributionOf(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) TryPackContributionOf(grantId *big.Int, donor common.Address) ([]byte, error) {
	return grants.abi.Pack("contributionOf", grantId, donor)
}

// UnpackContributionOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6813947f.
//
// Solidity: function contributionOf(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) UnpackContributionOf(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("contributionOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCreateGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc46726be.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createGrant((address,address,uint64,uint32,address[],uint128[],string[]) t) returns(uint256 grantId)
func (grants *Grants) PackCreateGrant(t GrantsTerms) []byte {
	enc, err := grants.abi.Pack("createGrant", t)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc46726be.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createGrant((address,address,uint64,uint32,address[],uint128[],string[]) t) returns(uint256 grantId)
func (grants *Grants) TryPackCreateGrant(t GrantsTerms) ([]byte, error) {
	return grants.abi.Pack("createGrant", t)
}

// UnpackCreateGrant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc46726be.
//
// Solidity: function createGrant((address,address,uint64,uint32,address[],uint128[],string[]) t) returns(uint256 grantId)
func (grants *Grants) UnpackCreateGrant(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("createGrant", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCreateRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ecffb61.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createRound(address token, uint64 start, uint64 end, uint64 claimPeriod, uint16 capBps, uint256[] grantIds) returns(uint256 roundId)
func (grants *Grants) PackCreateRound(token common.Address, start uint64, end uint64, claimPeriod uint64, capBps uint16, grantIds []*big.Int) []byte {
	enc, err := grants.abi.Pack("createRound", token, start, end, claimPeriod, capBps, grantIds)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ecffb61.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createRound(address token, uint64 start, uint64 end, uint64 claimPeriod, uint16 capBps, uint256[] grantIds) returns(uint256 roundId)
func (grants *Grants) TryPackCreateRound(token common.Address, start uint64, end uint64, claimPeriod uint64, capBps uint16, grantIds []*big.Int) ([]byte, error) {
	return grants.abi.Pack("createRound", token, start, end, claimPeriod, capBps, grantIds)
}

// UnpackCreateRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3ecffb61.
//
// Solidity: function createRound(address token, uint64 start, uint64 end, uint64 claimPeriod, uint16 capBps, uint256[] grantIds) returns(uint256 roundId)
func (grants *Grants) UnpackCreateRound(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("createRound", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0cdd53f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donate(uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) PackDonate(grantId *big.Int, amount *big.Int) []byte {
	enc, err := grants.abi.Pack("donate", grantId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0cdd53f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donate(uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) TryPackDonate(grantId *big.Int, amount *big.Int) ([]byte, error) {
	return grants.abi.Pack("donate", grantId, amount)
}

// UnpackDonate is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0cdd53f6.
//
// Solidity: function donate(uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) UnpackDonate(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("donate", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonateBySig is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8987c666.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donateBySig((uint256,uint256,uint256,address,uint256,uint256) d, bytes signature, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) PackDonateBySig(d GrantsDonation, signature []byte, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := grants.abi.Pack("donateBySig", d, signature, permitDeadline, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonateBySig is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8987c666.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donateBySig((uint256,uint256,uint256,address,uint256,uint256) d, bytes signature, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) TryPackDonateBySig(d GrantsDonation, signature []byte, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return grants.abi.Pack("donateBySig", d, signature, permitDeadline, v, r, s)
}

// UnpackDonateBySig is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8987c666.
//
// Solidity: function donateBySig((uint256,uint256,uint256,address,uint256,uint256) d, bytes signature, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) UnpackDonateBySig(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("donateBySig", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonateRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xee6ce8de.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donateRound(uint256 roundId, uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) PackDonateRound(roundId *big.Int, grantId *big.Int, amount *big.Int) []byte {
	enc, err := grants.abi.Pack("donateRound", roundId, grantId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonateRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xee6ce8de.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donateRound(uint256 roundId, uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) TryPackDonateRound(roundId *big.Int, grantId *big.Int, amount *big.Int) ([]byte, error) {
	return grants.abi.Pack("donateRound", roundId, grantId, amount)
}

// UnpackDonateRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xee6ce8de.
//
// Solidity: function donateRound(uint256 roundId, uint256 grantId, uint256 amount) returns(uint256 accepted)
func (grants *Grants) UnpackDonateRound(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("donateRound", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonateRoundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6e21c7b9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donateRoundWithPermit(uint256 roundId, uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) PackDonateRoundWithPermit(roundId *big.Int, grantId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := grants.abi.Pack("donateRoundWithPermit", roundId, grantId, amount, permitDeadline, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonateRoundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6e21c7b9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donateRoundWithPermit(uint256 roundId, uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) TryPackDonateRoundWithPermit(roundId *big.Int, grantId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return grants.abi.Pack("donateRoundWithPermit", roundId, grantId, amount, permitDeadline, v, r, s)
}

// UnpackDonateRoundWithPermit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6e21c7b9.
//
// Solidity: function donateRoundWithPermit(uint256 roundId, uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) UnpackDonateRoundWithPermit(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("donateRoundWithPermit", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonateWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d434063.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donateWithPermit(uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) PackDonateWithPermit(grantId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := grants.abi.Pack("donateWithPermit", grantId, amount, permitDeadline, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonateWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d434063.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donateWithPermit(uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) TryPackDonateWithPermit(grantId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return grants.abi.Pack("donateWithPermit", grantId, amount, permitDeadline, v, r, s)
}

// UnpackDonateWithPermit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d434063.
//
// Solidity: function donateWithPermit(uint256 grantId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns(uint256 accepted)
func (grants *Grants) UnpackDonateWithPermit(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("donateWithPermit", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDonationDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cfaf0d6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function donationDigest((uint256,uint256,uint256,address,uint256,uint256) d) view returns(bytes32)
func (grants *Grants) PackDonationDigest(d GrantsDonation) []byte {
	enc, err := grants.abi.Pack("donationDigest", d)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDonationDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cfaf0d6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function donationDigest((uint256,uint256,uint256,address,uint256,uint256) d) view returns(bytes32)
func (grants *Grants) TryPackDonationDigest(d GrantsDonation) ([]byte, error) {
	return grants.abi.Pack("donationDigest", d)
}

// UnpackDonationDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9cfaf0d6.
//
// Solidity: function donationDigest((uint256,uint256,uint256,address,uint256,uint256) d) view returns(bytes32)
func (grants *Grants) UnpackDonationDigest(data []byte) ([32]byte, error) {
	out, err := grants.abi.Unpack("donationDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGrantsDomain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (grants *Grants) PackGrantsDomain() []byte {
	enc, err := grants.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantsDomain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (grants *Grants) TryPackGrantsDomain() ([]byte, error) {
	return grants.abi.Pack("eip712Domain")
}

// GrantsDomainOutput serves as a container for the return parameters of contract
// method GrantsDomain.
type GrantsDomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackGrantsDomain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (grants *Grants) UnpackGrantsDomain(data []byte) (GrantsDomainOutput, error) {
	out, err := grants.abi.Unpack("eip712Domain", data)
	outstruct := new(GrantsDomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackFundRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x014de093.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundRound(uint256 roundId, uint256 amount) returns()
func (grants *Grants) PackFundRound(roundId *big.Int, amount *big.Int) []byte {
	enc, err := grants.abi.Pack("fundRound", roundId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x014de093.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundRound(uint256 roundId, uint256 amount) returns()
func (grants *Grants) TryPackFundRound(roundId *big.Int, amount *big.Int) ([]byte, error) {
	return grants.abi.Pack("fundRound", roundId, amount)
}

// PackFundRoundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e1b27a4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundRoundWithPermit(uint256 roundId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns()
func (grants *Grants) PackFundRoundWithPermit(roundId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := grants.abi.Pack("fundRoundWithPermit", roundId, amount, permitDeadline, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundRoundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e1b27a4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundRoundWithPermit(uint256 roundId, uint256 amount, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s) returns()
func (grants *Grants) TryPackFundRoundWithPermit(roundId *big.Int, amount *big.Int, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return grants.abi.Pack("fundRoundWithPermit", roundId, amount, permitDeadline, v, r, s)
}

// PackGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x160e3f3d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grant(uint256 grantId) view returns((address,uint64,uint32,address,uint32,uint16,uint16,bool,uint128,uint128,uint128,uint128))
func (grants *Grants) PackGrant(grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("grant", grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x160e3f3d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grant(uint256 grantId) view returns((address,uint64,uint32,address,uint32,uint16,uint16,bool,uint128,uint128,uint128,uint128))
func (grants *Grants) TryPackGrant(grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("grant", grantId)
}

// UnpackGrant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x160e3f3d.
//
// Solidity: function grant(uint256 grantId) view returns((address,uint64,uint32,address,uint32,uint16,uint16,bool,uint128,uint128,uint128,uint128))
func (grants *Grants) UnpackGrant(data []byte) (GrantsGrant, error) {
	out, err := grants.abi.Unpack("grant", data)
	if err != nil {
		return *new(GrantsGrant), err
	}
	out0 := *abi.ConvertType(out[0], new(GrantsGrant)).(*GrantsGrant)
	return out0, nil
}

// PackGrantCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcab42672.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantCount() view returns(uint256)
func (grants *Grants) PackGrantCount() []byte {
	enc, err := grants.abi.Pack("grantCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcab42672.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantCount() view returns(uint256)
func (grants *Grants) TryPackGrantCount() ([]byte, error) {
	return grants.abi.Pack("grantCount")
}

// UnpackGrantCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcab42672.
//
// Solidity: function grantCount() view returns(uint256)
func (grants *Grants) UnpackGrantCount(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("grantCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackIsEligible is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf09e82e2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isEligible(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) PackIsEligible(roundId *big.Int, grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("isEligible", roundId, grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsEligible is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf09e82e2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isEligible(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) TryPackIsEligible(roundId *big.Int, grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("isEligible", roundId, grantId)
}

// UnpackIsEligible is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf09e82e2.
//
// Solidity: function isEligible(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) UnpackIsEligible(data []byte) (bool, error) {
	out, err := grants.abi.Unpack("isEligible", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsReviewer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb15d30cd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isReviewer(uint256 grantId, address account) view returns(bool)
func (grants *Grants) PackIsReviewer(grantId *big.Int, account common.Address) []byte {
	enc, err := grants.abi.Pack("isReviewer", grantId, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsReviewer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb15d30cd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isReviewer(uint256 grantId, address account) view returns(bool)
func (grants *Grants) TryPackIsReviewer(grantId *big.Int, account common.Address) ([]byte, error) {
	return grants.abi.Pack("isReviewer", grantId, account)
}

// UnpackIsReviewer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb15d30cd.
//
// Solidity: function isReviewer(uint256 grantId, address account) view returns(bool)
func (grants *Grants) UnpackIsReviewer(data []byte) (bool, error) {
	out, err := grants.abi.Unpack("isReviewer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMatchClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7069c493.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function matchClaimed(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) PackMatchClaimed(roundId *big.Int, grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("matchClaimed", roundId, grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMatchClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7069c493.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function matchClaimed(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) TryPackMatchClaimed(roundId *big.Int, grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("matchClaimed", roundId, grantId)
}

// UnpackMatchClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7069c493.
//
// Solidity: function matchClaimed(uint256 roundId, uint256 grantId) view returns(bool)
func (grants *Grants) UnpackMatchClaimed(data []byte) (bool, error) {
	out, err := grants.abi.Unpack("matchClaimed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMilestones is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe89e4ed6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function milestones(uint256 grantId) view returns(uint128[])
func (grants *Grants) PackMilestones(grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("milestones", grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMilestones is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe89e4ed6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function milestones(uint256 grantId) view returns(uint128[])
func (grants *Grants) TryPackMilestones(grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("milestones", grantId)
}

// UnpackMilestones is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe89e4ed6.
//
// Solidity: function milestones(uint256 grantId) view returns(uint128[])
func (grants *Grants) UnpackMilestones(data []byte) ([]*big.Int, error) {
	out, err := grants.abi.Unpack("milestones", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackNonces is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ecebe00.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (grants *Grants) PackNonces(owner common.Address) []byte {
	enc, err := grants.abi.Pack("nonces", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNonces is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ecebe00.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (grants *Grants) TryPackNonces(owner common.Address) ([]byte, error) {
	return grants.abi.Pack("nonces", owner)
}

// UnpackNonces is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7ecebe00.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (grants *Grants) UnpackNonces(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("nonces", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackNotary is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d54c79d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function notary() view returns(address)
func (grants *Grants) PackNotary() []byte {
	enc, err := grants.abi.Pack("notary")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNotary is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d54c79d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function notary() view returns(address)
func (grants *Grants) TryPackNotary() ([]byte, error) {
	return grants.abi.Pack("notary")
}

// UnpackNotary is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9d54c79d.
//
// Solidity: function notary() view returns(address)
func (grants *Grants) UnpackNotary(data []byte) (common.Address, error) {
	out, err := grants.abi.Unpack("notary", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackReclaimSponsor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8894dfd5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reclaimSponsor(uint256 roundId) returns(uint256 amount)
func (grants *Grants) PackReclaimSponsor(roundId *big.Int) []byte {
	enc, err := grants.abi.Pack("reclaimSponsor", roundId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReclaimSponsor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8894dfd5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reclaimSponsor(uint256 roundId) returns(uint256 amount)
func (grants *Grants) TryPackReclaimSponsor(roundId *big.Int) ([]byte, error) {
	return grants.abi.Pack("reclaimSponsor", roundId)
}

// UnpackReclaimSponsor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8894dfd5.
//
// Solidity: function reclaimSponsor(uint256 roundId) returns(uint256 amount)
func (grants *Grants) UnpackReclaimSponsor(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("reclaimSponsor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReclaimable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b99007a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reclaimable(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) PackReclaimable(grantId *big.Int, donor common.Address) []byte {
	enc, err := grants.abi.Pack("reclaimable", grantId, donor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReclaimable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b99007a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reclaimable(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) TryPackReclaimable(grantId *big.Int, donor common.Address) ([]byte, error) {
	return grants.abi.Pack("reclaimable", grantId, donor)
}

// UnpackReclaimable is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b99007a.
//
// Solidity: function reclaimable(uint256 grantId, address donor) view returns(uint256)
func (grants *Grants) UnpackReclaimable(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("reclaimable", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x278ecde1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund(uint256 grantId) returns(uint256 amount)
func (grants *Grants) PackRefund(grantId *big.Int) []byte {
	enc, err := grants.abi.Pack("refund", grantId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x278ecde1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund(uint256 grantId) returns(uint256 amount)
func (grants *Grants) TryPackRefund(grantId *big.Int) ([]byte, error) {
	return grants.abi.Pack("refund", grantId)
}

// UnpackRefund is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x278ecde1.
//
// Solidity: function refund(uint256 grantId) returns(uint256 amount)
func (grants *Grants) UnpackRefund(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("refund", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRefundBySig is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0add427.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refundBySig((uint256,address,uint256,uint256) q, bytes signature) returns(uint256 amount)
func (grants *Grants) PackRefundBySig(q GrantsRefund, signature []byte) []byte {
	enc, err := grants.abi.Pack("refundBySig", q, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefundBySig is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0add427.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refundBySig((uint256,address,uint256,uint256) q, bytes signature) returns(uint256 amount)
func (grants *Grants) TryPackRefundBySig(q GrantsRefund, signature []byte) ([]byte, error) {
	return grants.abi.Pack("refundBySig", q, signature)
}

// UnpackRefundBySig is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb0add427.
//
// Solidity: function refundBySig((uint256,address,uint256,uint256) q, bytes signature) returns(uint256 amount)
func (grants *Grants) UnpackRefundBySig(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("refundBySig", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRelease is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5aaf33d4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function release(uint256 grantId, uint256 milestone, bytes cid, bytes32 root, bytes32[] proof) returns()
func (grants *Grants) PackRelease(grantId *big.Int, milestone *big.Int, cid []byte, root [32]byte, proof [][32]byte) []byte {
	enc, err := grants.abi.Pack("release", grantId, milestone, cid, root, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelease is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5aaf33d4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function release(uint256 grantId, uint256 milestone, bytes cid, bytes32 root, bytes32[] proof) returns()
func (grants *Grants) TryPackRelease(grantId *big.Int, milestone *big.Int, cid []byte, root [32]byte, proof [][32]byte) ([]byte, error) {
	return grants.abi.Pack("release", grantId, milestone, cid, root, proof)
}

// PackRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34d5f37b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function round(uint256 roundId) view returns((address,uint64,address,uint64,uint64,uint64,uint16,uint128,uint128,bytes32,uint128,uint128))
func (grants *Grants) PackRound(roundId *big.Int) []byte {
	enc, err := grants.abi.Pack("round", roundId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34d5f37b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function round(uint256 roundId) view returns((address,uint64,address,uint64,uint64,uint64,uint16,uint128,uint128,bytes32,uint128,uint128))
func (grants *Grants) TryPackRound(roundId *big.Int) ([]byte, error) {
	return grants.abi.Pack("round", roundId)
}

// UnpackRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x34d5f37b.
//
// Solidity: function round(uint256 roundId) view returns((address,uint64,address,uint64,uint64,uint64,uint16,uint128,uint128,bytes32,uint128,uint128))
func (grants *Grants) UnpackRound(data []byte) (GrantsRound, error) {
	out, err := grants.abi.Unpack("round", data)
	if err != nil {
		return *new(GrantsRound), err
	}
	out0 := *abi.ConvertType(out[0], new(GrantsRound)).(*GrantsRound)
	return out0, nil
}

// PackRoundCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x127f0b3f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function roundCount() view returns(uint256)
func (grants *Grants) PackRoundCount() []byte {
	enc, err := grants.abi.Pack("roundCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRoundCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x127f0b3f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function roundCount() view returns(uint256)
func (grants *Grants) TryPackRoundCount() ([]byte, error) {
	return grants.abi.Pack("roundCount")
}

// UnpackRoundCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x127f0b3f.
//
// Solidity: function roundCount() view returns(uint256)
func (grants *Grants) UnpackRoundCount(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("roundCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSponsorFunds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xba378a5a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function sponsorFunds(uint256 roundId, address sponsor) view returns(uint256)
func (grants *Grants) PackSponsorFunds(roundId *big.Int, sponsor common.Address) []byte {
	enc, err := grants.abi.Pack("sponsorFunds", roundId, sponsor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSponsorFunds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xba378a5a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function sponsorFunds(uint256 roundId, address sponsor) view returns(uint256)
func (grants *Grants) TryPackSponsorFunds(roundId *big.Int, sponsor common.Address) ([]byte, error) {
	return grants.abi.Pack("sponsorFunds", roundId, sponsor)
}

// UnpackSponsorFunds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xba378a5a.
//
// Solidity: function sponsorFunds(uint256 roundId, address sponsor) view returns(uint256)
func (grants *Grants) UnpackSponsorFunds(data []byte) (*big.Int, error) {
	out, err := grants.abi.Unpack("sponsorFunds", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// GrantsCancelVoted represents a CancelVoted event raised by the Grants contract.
type GrantsCancelVoted struct {
	GrantId  *big.Int
	Reviewer common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const GrantsCancelVotedEventName = "CancelVoted"

// ContractEventName returns the user-defined event name.
func (GrantsCancelVoted) ContractEventName() string {
	return GrantsCancelVotedEventName
}

// UnpackCancelVotedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CancelVoted(uint256 indexed grantId, address indexed reviewer)
func (grants *Grants) UnpackCancelVotedEvent(log *types.Log) (*GrantsCancelVoted, error) {
	event := "CancelVoted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsCancelVoted)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsCancelled represents a Cancelled event raised by the Grants contract.
type GrantsCancelled struct {
	GrantId *big.Int
	By      common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsCancelledEventName = "Cancelled"

// ContractEventName returns the user-defined event name.
func (GrantsCancelled) ContractEventName() string {
	return GrantsCancelledEventName
}

// UnpackCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Cancelled(uint256 indexed grantId, address by)
func (grants *Grants) UnpackCancelledEvent(log *types.Log) (*GrantsCancelled, error) {
	event := "Cancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsCancelled)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsDonated represents a Donated event raised by the Grants contract.
type GrantsDonated struct {
	GrantId *big.Int
	Donor   common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsDonatedEventName = "Donated"

// ContractEventName returns the user-defined event name.
func (GrantsDonated) ContractEventName() string {
	return GrantsDonatedEventName
}

// UnpackDonatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Donated(uint256 indexed grantId, address indexed donor, uint256 amount)
func (grants *Grants) UnpackDonatedEvent(log *types.Log) (*GrantsDonated, error) {
	event := "Donated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsDonated)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsEIP712DomainChanged represents a EIP712DomainChanged event raised by the Grants contract.
type GrantsEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const GrantsEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (GrantsEIP712DomainChanged) ContractEventName() string {
	return GrantsEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (grants *Grants) UnpackEIP712DomainChangedEvent(log *types.Log) (*GrantsEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsGrantCreated represents a GrantCreated event raised by the Grants contract.
type GrantsGrantCreated struct {
	GrantId     *big.Int
	Beneficiary common.Address
	Token       common.Address
	Goal        *big.Int
	Terms       GrantsTerms
	Raw         *types.Log // Blockchain specific contextual infos
}

const GrantsGrantCreatedEventName = "GrantCreated"

// ContractEventName returns the user-defined event name.
func (GrantsGrantCreated) ContractEventName() string {
	return GrantsGrantCreatedEventName
}

// UnpackGrantCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event GrantCreated(uint256 indexed grantId, address indexed beneficiary, address indexed token, uint256 goal, (address,address,uint64,uint32,address[],uint128[],string[]) terms)
func (grants *Grants) UnpackGrantCreatedEvent(log *types.Log) (*GrantsGrantCreated, error) {
	event := "GrantCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsGrantCreated)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsMatchClaimed represents a MatchClaimed event raised by the Grants contract.
type GrantsMatchClaimed struct {
	RoundId     *big.Int
	GrantId     *big.Int
	Beneficiary common.Address
	Amount      *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const GrantsMatchClaimedEventName = "MatchClaimed"

// ContractEventName returns the user-defined event name.
func (GrantsMatchClaimed) ContractEventName() string {
	return GrantsMatchClaimedEventName
}

// UnpackMatchClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MatchClaimed(uint256 indexed roundId, uint256 indexed grantId, address beneficiary, uint256 amount)
func (grants *Grants) UnpackMatchClaimedEvent(log *types.Log) (*GrantsMatchClaimed, error) {
	event := "MatchClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsMatchClaimed)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsMilestoneApproved represents a MilestoneApproved event raised by the Grants contract.
type GrantsMilestoneApproved struct {
	GrantId   *big.Int
	Milestone *big.Int
	Reviewer  common.Address
	Cid       []byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const GrantsMilestoneApprovedEventName = "MilestoneApproved"

// ContractEventName returns the user-defined event name.
func (GrantsMilestoneApproved) ContractEventName() string {
	return GrantsMilestoneApprovedEventName
}

// UnpackMilestoneApprovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MilestoneApproved(uint256 indexed grantId, uint256 indexed milestone, address indexed reviewer, bytes cid)
func (grants *Grants) UnpackMilestoneApprovedEvent(log *types.Log) (*GrantsMilestoneApproved, error) {
	event := "MilestoneApproved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsMilestoneApproved)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsMilestoneReleased represents a MilestoneReleased event raised by the Grants contract.
type GrantsMilestoneReleased struct {
	GrantId   *big.Int
	Milestone *big.Int
	Cid       []byte
	Root      [32]byte
	Amount    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const GrantsMilestoneReleasedEventName = "MilestoneReleased"

// ContractEventName returns the user-defined event name.
func (GrantsMilestoneReleased) ContractEventName() string {
	return GrantsMilestoneReleasedEventName
}

// UnpackMilestoneReleasedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MilestoneReleased(uint256 indexed grantId, uint256 indexed milestone, bytes cid, bytes32 root, uint256 amount)
func (grants *Grants) UnpackMilestoneReleasedEvent(log *types.Log) (*GrantsMilestoneReleased, error) {
	event := "MilestoneReleased"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsMilestoneReleased)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsRefunded represents a Refunded event raised by the Grants contract.
type GrantsRefunded struct {
	GrantId *big.Int
	Donor   common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsRefundedEventName = "Refunded"

// ContractEventName returns the user-defined event name.
func (GrantsRefunded) ContractEventName() string {
	return GrantsRefundedEventName
}

// UnpackRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refunded(uint256 indexed grantId, address indexed donor, uint256 amount)
func (grants *Grants) UnpackRefundedEvent(log *types.Log) (*GrantsRefunded, error) {
	event := "Refunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsRefunded)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsRoundClosed represents a RoundClosed event raised by the Grants contract.
type GrantsRoundClosed struct {
	RoundId       *big.Int
	Root          [32]byte
	Total         *big.Int
	ClaimDeadline *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const GrantsRoundClosedEventName = "RoundClosed"

// ContractEventName returns the user-defined event name.
func (GrantsRoundClosed) ContractEventName() string {
	return GrantsRoundClosedEventName
}

// UnpackRoundClosedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundClosed(uint256 indexed roundId, bytes32 root, uint256 total, uint256 claimDeadline)
func (grants *Grants) UnpackRoundClosedEvent(log *types.Log) (*GrantsRoundClosed, error) {
	event := "RoundClosed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsRoundClosed)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsRoundCreated represents a RoundCreated event raised by the Grants contract.
type GrantsRoundCreated struct {
	RoundId     *big.Int
	Operator    common.Address
	Token       common.Address
	Start       *big.Int
	End         *big.Int
	ClaimPeriod *big.Int
	CapBps      *big.Int
	GrantIds    []*big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const GrantsRoundCreatedEventName = "RoundCreated"

// ContractEventName returns the user-defined event name.
func (GrantsRoundCreated) ContractEventName() string {
	return GrantsRoundCreatedEventName
}

// UnpackRoundCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundCreated(uint256 indexed roundId, address indexed operator, address indexed token, uint256 start, uint256 end, uint256 claimPeriod, uint256 capBps, uint256[] grantIds)
func (grants *Grants) UnpackRoundCreatedEvent(log *types.Log) (*GrantsRoundCreated, error) {
	event := "RoundCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsRoundCreated)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsRoundDonated represents a RoundDonated event raised by the Grants contract.
type GrantsRoundDonated struct {
	RoundId *big.Int
	GrantId *big.Int
	Donor   common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsRoundDonatedEventName = "RoundDonated"

// ContractEventName returns the user-defined event name.
func (GrantsRoundDonated) ContractEventName() string {
	return GrantsRoundDonatedEventName
}

// UnpackRoundDonatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundDonated(uint256 indexed roundId, uint256 indexed grantId, address indexed donor, uint256 amount)
func (grants *Grants) UnpackRoundDonatedEvent(log *types.Log) (*GrantsRoundDonated, error) {
	event := "RoundDonated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsRoundDonated)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsRoundFunded represents a RoundFunded event raised by the Grants contract.
type GrantsRoundFunded struct {
	RoundId *big.Int
	Sponsor common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsRoundFundedEventName = "RoundFunded"

// ContractEventName returns the user-defined event name.
func (GrantsRoundFunded) ContractEventName() string {
	return GrantsRoundFundedEventName
}

// UnpackRoundFundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundFunded(uint256 indexed roundId, address indexed sponsor, uint256 amount)
func (grants *Grants) UnpackRoundFundedEvent(log *types.Log) (*GrantsRoundFunded, error) {
	event := "RoundFunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsRoundFunded)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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

// GrantsSponsorRefunded represents a SponsorRefunded event raised by the Grants contract.
type GrantsSponsorRefunded struct {
	RoundId *big.Int
	Sponsor common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const GrantsSponsorRefundedEventName = "SponsorRefunded"

// ContractEventName returns the user-defined event name.
func (GrantsSponsorRefunded) ContractEventName() string {
	return GrantsSponsorRefundedEventName
}

// UnpackSponsorRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SponsorRefunded(uint256 indexed roundId, address indexed sponsor, uint256 amount)
func (grants *Grants) UnpackSponsorRefundedEvent(log *types.Log) (*GrantsSponsorRefunded, error) {
	event := "SponsorRefunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != grants.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(GrantsSponsorRefunded)
	if len(log.Data) > 0 {
		if err := grants.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range grants.abi.Events[event].Inputs {
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
func (grants *Grants) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], grants.abi.Errors["AllReleased"].ID.Bytes()[:4]) {
		return grants.UnpackAllReleasedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["AlreadyApproved"].ID.Bytes()[:4]) {
		return grants.UnpackAlreadyApprovedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return grants.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["AlreadyVoted"].ID.Bytes()[:4]) {
		return grants.UnpackAlreadyVotedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["BadSignature"].ID.Bytes()[:4]) {
		return grants.UnpackBadSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["ClaimsClosed"].ID.Bytes()[:4]) {
		return grants.UnpackClaimsClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["ClaimsOpen"].ID.Bytes()[:4]) {
		return grants.UnpackClaimsOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return grants.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["GoalReached"].ID.Bytes()[:4]) {
		return grants.UnpackGoalReachedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["GrantCancelled"].ID.Bytes()[:4]) {
		return grants.UnpackGrantCancelledError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["GrantRefundable"].ID.Bytes()[:4]) {
		return grants.UnpackGrantRefundableError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidAccountNonce"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidAccountNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidGrant"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidGrantError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidRound"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidRoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["MilestoneOutOfOrder"].ID.Bytes()[:4]) {
		return grants.UnpackMilestoneOutOfOrderError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NoEvidence"].ID.Bytes()[:4]) {
		return grants.UnpackNoEvidenceError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NoFunds"].ID.Bytes()[:4]) {
		return grants.UnpackNoFundsError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotApproved"].ID.Bytes()[:4]) {
		return grants.UnpackNotApprovedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotBeneficiary"].ID.Bytes()[:4]) {
		return grants.UnpackNotBeneficiaryError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotEligible"].ID.Bytes()[:4]) {
		return grants.UnpackNotEligibleError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotFunded"].ID.Bytes()[:4]) {
		return grants.UnpackNotFundedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotNotarized"].ID.Bytes()[:4]) {
		return grants.UnpackNotNotarizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotOperator"].ID.Bytes()[:4]) {
		return grants.UnpackNotOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotRefundable"].ID.Bytes()[:4]) {
		return grants.UnpackNotRefundableError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NotReviewer"].ID.Bytes()[:4]) {
		return grants.UnpackNotReviewerError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["NothingToRefund"].ID.Bytes()[:4]) {
		return grants.UnpackNothingToRefundError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["OverPool"].ID.Bytes()[:4]) {
		return grants.UnpackOverPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return grants.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["RoundAlreadyClosed"].ID.Bytes()[:4]) {
		return grants.UnpackRoundAlreadyClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["RoundNotOpen"].ID.Bytes()[:4]) {
		return grants.UnpackRoundNotOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["RoundNotOver"].ID.Bytes()[:4]) {
		return grants.UnpackRoundNotOverError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["SafeCastOverflowedUintDowncast"].ID.Bytes()[:4]) {
		return grants.UnpackSafeCastOverflowedUintDowncastError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return grants.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["SignatureExpired"].ID.Bytes()[:4]) {
		return grants.UnpackSignatureExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return grants.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["UnknownGrant"].ID.Bytes()[:4]) {
		return grants.UnpackUnknownGrantError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["UnknownRound"].ID.Bytes()[:4]) {
		return grants.UnpackUnknownRoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return grants.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// GrantsAllReleased represents a AllReleased error raised by the Grants contract.
type GrantsAllReleased struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AllReleased(uint256 grantId)
func GrantsAllReleasedErrorID() common.Hash {
	return common.HexToHash("0xd51b6152010f569ed2489ac51d88708e7f21e6e5f822d6b012e48b974e078280")
}

// UnpackAllReleasedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AllReleased(uint256 grantId)
func (grants *Grants) UnpackAllReleasedError(raw []byte) (*GrantsAllReleased, error) {
	out := new(GrantsAllReleased)
	if err := grants.abi.UnpackIntoInterface(out, "AllReleased", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsAlreadyApproved represents a AlreadyApproved error raised by the Grants contract.
type GrantsAlreadyApproved struct {
	Reviewer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyApproved(address reviewer)
func GrantsAlreadyApprovedErrorID() common.Hash {
	return common.HexToHash("0xc1034b2c4dd433c82f7587f8c2bd41a05508043c3ac260151796a5cdb3699fe1")
}

// UnpackAlreadyApprovedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyApproved(address reviewer)
func (grants *Grants) UnpackAlreadyApprovedError(raw []byte) (*GrantsAlreadyApproved, error) {
	out := new(GrantsAlreadyApproved)
	if err := grants.abi.UnpackIntoInterface(out, "AlreadyApproved", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsAlreadyClaimed represents a AlreadyClaimed error raised by the Grants contract.
type GrantsAlreadyClaimed struct {
	RoundId *big.Int
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(uint256 roundId, uint256 grantId)
func GrantsAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0x6bd4745f158d30c043cba14fb71aa75e34ff198858bbcc5c3190e69f18d6dee3")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(uint256 roundId, uint256 grantId)
func (grants *Grants) UnpackAlreadyClaimedError(raw []byte) (*GrantsAlreadyClaimed, error) {
	out := new(GrantsAlreadyClaimed)
	if err := grants.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsAlreadyVoted represents a AlreadyVoted error raised by the Grants contract.
type GrantsAlreadyVoted struct {
	Reviewer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyVoted(address reviewer)
func GrantsAlreadyVotedErrorID() common.Hash {
	return common.HexToHash("0xd449d674cb213019103ed0874ef5d2bc3d31fe332f9d7d55f87ff967a029c0c3")
}

// UnpackAlreadyVotedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyVoted(address reviewer)
func (grants *Grants) UnpackAlreadyVotedError(raw []byte) (*GrantsAlreadyVoted, error) {
	out := new(GrantsAlreadyVoted)
	if err := grants.abi.UnpackIntoInterface(out, "AlreadyVoted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsBadSignature represents a BadSignature error raised by the Grants contract.
type GrantsBadSignature struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSignature(address signer)
func GrantsBadSignatureErrorID() common.Hash {
	return common.HexToHash("0x9a7d38d94d3da0d5188ab778bbe9a3a38c77802b1bf2426c15740dc786da791d")
}

// UnpackBadSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSignature(address signer)
func (grants *Grants) UnpackBadSignatureError(raw []byte) (*GrantsBadSignature, error) {
	out := new(GrantsBadSignature)
	if err := grants.abi.UnpackIntoInterface(out, "BadSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsClaimsClosed represents a ClaimsClosed error raised by the Grants contract.
type GrantsClaimsClosed struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimsClosed(uint256 roundId)
func GrantsClaimsClosedErrorID() common.Hash {
	return common.HexToHash("0xc9240fd58b79f4f51fc35843e336267f0a9663423191092958b2d3d45784b0db")
}

// UnpackClaimsClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimsClosed(uint256 roundId)
func (grants *Grants) UnpackClaimsClosedError(raw []byte) (*GrantsClaimsClosed, error) {
	out := new(GrantsClaimsClosed)
	if err := grants.abi.UnpackIntoInterface(out, "ClaimsClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsClaimsOpen represents a ClaimsOpen error raised by the Grants contract.
type GrantsClaimsOpen struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimsOpen(uint256 roundId)
func GrantsClaimsOpenErrorID() common.Hash {
	return common.HexToHash("0xd70a6c71afa55be2e541c618197884c72c417384333a1e9ceb7eab571e1fdda9")
}

// UnpackClaimsOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimsOpen(uint256 roundId)
func (grants *Grants) UnpackClaimsOpenError(raw []byte) (*GrantsClaimsOpen, error) {
	out := new(GrantsClaimsOpen)
	if err := grants.abi.UnpackIntoInterface(out, "ClaimsOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsDeadlinePassed represents a DeadlinePassed error raised by the Grants contract.
type GrantsDeadlinePassed struct {
	GrantId  *big.Int
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint256 grantId, uint256 deadline)
func GrantsDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x83f2ba20b77c67656c85ef54103e25e4c03a482a8919c6010a4781ea13974bb7")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint256 grantId, uint256 deadline)
func (grants *Grants) UnpackDeadlinePassedError(raw []byte) (*GrantsDeadlinePassed, error) {
	out := new(GrantsDeadlinePassed)
	if err := grants.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsGoalReached represents a GoalReached error raised by the Grants contract.
type GrantsGoalReached struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error GoalReached(uint256 grantId)
func GrantsGoalReachedErrorID() common.Hash {
	return common.HexToHash("0xfbfd8ab7c24300fa9888cd721c8565a7da56759384781283684dcf7c7c4a846b")
}

// UnpackGoalReachedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error GoalReached(uint256 grantId)
func (grants *Grants) UnpackGoalReachedError(raw []byte) (*GrantsGoalReached, error) {
	out := new(GrantsGoalReached)
	if err := grants.abi.UnpackIntoInterface(out, "GoalReached", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsGrantCancelled represents a GrantCancelled error raised by the Grants contract.
type GrantsGrantCancelled struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error GrantCancelled(uint256 grantId)
func GrantsGrantCancelledErrorID() common.Hash {
	return common.HexToHash("0x4df93d542273eb976c82d138be4f31cca880a82b7f8209e8281719a1a877fa48")
}

// UnpackGrantCancelledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error GrantCancelled(uint256 grantId)
func (grants *Grants) UnpackGrantCancelledError(raw []byte) (*GrantsGrantCancelled, error) {
	out := new(GrantsGrantCancelled)
	if err := grants.abi.UnpackIntoInterface(out, "GrantCancelled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsGrantRefundable represents a GrantRefundable error raised by the Grants contract.
type GrantsGrantRefundable struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error GrantRefundable(uint256 grantId)
func GrantsGrantRefundableErrorID() common.Hash {
	return common.HexToHash("0xfc8e022e2c074cf529066dbbdad614efc50570d419ceda603f9d87f07cc39ae4")
}

// UnpackGrantRefundableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error GrantRefundable(uint256 grantId)
func (grants *Grants) UnpackGrantRefundableError(raw []byte) (*GrantsGrantRefundable, error) {
	out := new(GrantsGrantRefundable)
	if err := grants.abi.UnpackIntoInterface(out, "GrantRefundable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsInvalidAccountNonce represents a InvalidAccountNonce error raised by the Grants contract.
type GrantsInvalidAccountNonce struct {
	Account      common.Address
	CurrentNonce *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAccountNonce(address account, uint256 currentNonce)
func GrantsInvalidAccountNonceErrorID() common.Hash {
	return common.HexToHash("0x752d88c0de02638abf10e8e31861e4c68dc1f3a1e7d840e580683f2c282bfc7a")
}

// UnpackInvalidAccountNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAccountNonce(address account, uint256 currentNonce)
func (grants *Grants) UnpackInvalidAccountNonceError(raw []byte) (*GrantsInvalidAccountNonce, error) {
	out := new(GrantsInvalidAccountNonce)
	if err := grants.abi.UnpackIntoInterface(out, "InvalidAccountNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsInvalidGrant represents a InvalidGrant error raised by the Grants contract.
type GrantsInvalidGrant struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidGrant(string reason)
func GrantsInvalidGrantErrorID() common.Hash {
	return common.HexToHash("0xb2b7aace5178a5bfe10bf61df7ab715024261f871e5f3db825bea3f7440a8e75")
}

// UnpackInvalidGrantError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidGrant(string reason)
func (grants *Grants) UnpackInvalidGrantError(raw []byte) (*GrantsInvalidGrant, error) {
	out := new(GrantsInvalidGrant)
	if err := grants.abi.UnpackIntoInterface(out, "InvalidGrant", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsInvalidProof represents a InvalidProof error raised by the Grants contract.
type GrantsInvalidProof struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof()
func GrantsInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x09bde339c6b182be216ee7ef8ccff6338c6ef7993445216112ae575c5438fd27")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof()
func (grants *Grants) UnpackInvalidProofError(raw []byte) (*GrantsInvalidProof, error) {
	out := new(GrantsInvalidProof)
	if err := grants.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsInvalidRound represents a InvalidRound error raised by the Grants contract.
type GrantsInvalidRound struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidRound(string reason)
func GrantsInvalidRoundErrorID() common.Hash {
	return common.HexToHash("0x091135f727e8d9cfeb7730e72e440e026fb3e27d065d6cb4a4044e34d4d42bf8")
}

// UnpackInvalidRoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidRound(string reason)
func (grants *Grants) UnpackInvalidRoundError(raw []byte) (*GrantsInvalidRound, error) {
	out := new(GrantsInvalidRound)
	if err := grants.abi.UnpackIntoInterface(out, "InvalidRound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsInvalidShortString represents a InvalidShortString error raised by the Grants contract.
type GrantsInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func GrantsInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (grants *Grants) UnpackInvalidShortStringError(raw []byte) (*GrantsInvalidShortString, error) {
	out := new(GrantsInvalidShortString)
	if err := grants.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsMilestoneOutOfOrder represents a MilestoneOutOfOrder error raised by the Grants contract.
type GrantsMilestoneOutOfOrder struct {
	Milestone *big.Int
	Next      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MilestoneOutOfOrder(uint256 milestone, uint256 next)
func GrantsMilestoneOutOfOrderErrorID() common.Hash {
	return common.HexToHash("0xe20523038807fde206b9fc8e6ef137ff9a0d84eb31197e681582779204ece3d1")
}

// UnpackMilestoneOutOfOrderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MilestoneOutOfOrder(uint256 milestone, uint256 next)
func (grants *Grants) UnpackMilestoneOutOfOrderError(raw []byte) (*GrantsMilestoneOutOfOrder, error) {
	out := new(GrantsMilestoneOutOfOrder)
	if err := grants.abi.UnpackIntoInterface(out, "MilestoneOutOfOrder", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNoEvidence represents a NoEvidence error raised by the Grants contract.
type GrantsNoEvidence struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoEvidence()
func GrantsNoEvidenceErrorID() common.Hash {
	return common.HexToHash("0xea1aa62bf8d11f2a9497c42f9bdcac8f86427e7b3d5dde6eb3c4824625e9019d")
}

// UnpackNoEvidenceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoEvidence()
func (grants *Grants) UnpackNoEvidenceError(raw []byte) (*GrantsNoEvidence, error) {
	out := new(GrantsNoEvidence)
	if err := grants.abi.UnpackIntoInterface(out, "NoEvidence", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNoFunds represents a NoFunds error raised by the Grants contract.
type GrantsNoFunds struct {
	Sponsor common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoFunds(address sponsor)
func GrantsNoFundsErrorID() common.Hash {
	return common.HexToHash("0x4fe4b1f0dabaed8dd2d8103ff6758ae80198dbe885777044e46cc18f58824d88")
}

// UnpackNoFundsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoFunds(address sponsor)
func (grants *Grants) UnpackNoFundsError(raw []byte) (*GrantsNoFunds, error) {
	out := new(GrantsNoFunds)
	if err := grants.abi.UnpackIntoInterface(out, "NoFunds", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotApproved represents a NotApproved error raised by the Grants contract.
type GrantsNotApproved struct {
	Approvals *big.Int
	Threshold *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotApproved(uint256 approvals, uint256 threshold)
func GrantsNotApprovedErrorID() common.Hash {
	return common.HexToHash("0x9912131920096e80484ee5307f37b53534fae2ed6ecfb28b5bc972f060511355")
}

// UnpackNotApprovedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotApproved(uint256 approvals, uint256 threshold)
func (grants *Grants) UnpackNotApprovedError(raw []byte) (*GrantsNotApproved, error) {
	out := new(GrantsNotApproved)
	if err := grants.abi.UnpackIntoInterface(out, "NotApproved", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotBeneficiary represents a NotBeneficiary error raised by the Grants contract.
type GrantsNotBeneficiary struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBeneficiary(address account)
func GrantsNotBeneficiaryErrorID() common.Hash {
	return common.HexToHash("0xc5d0b69ddf972f55b77b8db592f2fa07f355d5c2665316dfb940a7b5fafc7353")
}

// UnpackNotBeneficiaryError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBeneficiary(address account)
func (grants *Grants) UnpackNotBeneficiaryError(raw []byte) (*GrantsNotBeneficiary, error) {
	out := new(GrantsNotBeneficiary)
	if err := grants.abi.UnpackIntoInterface(out, "NotBeneficiary", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotEligible represents a NotEligible error raised by the Grants contract.
type GrantsNotEligible struct {
	RoundId *big.Int
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotEligible(uint256 roundId, uint256 grantId)
func GrantsNotEligibleErrorID() common.Hash {
	return common.HexToHash("0xe55192b1ca5f958efe630cae5e53e8dc5cfe2bd308c6b9755fce63740c97ddf5")
}

// UnpackNotEligibleError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotEligible(uint256 roundId, uint256 grantId)
func (grants *Grants) UnpackNotEligibleError(raw []byte) (*GrantsNotEligible, error) {
	out := new(GrantsNotEligible)
	if err := grants.abi.UnpackIntoInterface(out, "NotEligible", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotFunded represents a NotFunded error raised by the Grants contract.
type GrantsNotFunded struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotFunded(uint256 grantId)
func GrantsNotFundedErrorID() common.Hash {
	return common.HexToHash("0x6a06b652c6c42efe77b5e29d5f4090673b9bc16b082815878a71dfece95ae66e")
}

// UnpackNotFundedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotFunded(uint256 grantId)
func (grants *Grants) UnpackNotFundedError(raw []byte) (*GrantsNotFunded, error) {
	out := new(GrantsNotFunded)
	if err := grants.abi.UnpackIntoInterface(out, "NotFunded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotNotarized represents a NotNotarized error raised by the Grants contract.
type GrantsNotNotarized struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotNotarized()
func GrantsNotNotarizedErrorID() common.Hash {
	return common.HexToHash("0xac670f610f0ea619a62b6269456bfc093af203eb0917b99a4c5a7b741bfe5d33")
}

// UnpackNotNotarizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotNotarized()
func (grants *Grants) UnpackNotNotarizedError(raw []byte) (*GrantsNotNotarized, error) {
	out := new(GrantsNotNotarized)
	if err := grants.abi.UnpackIntoInterface(out, "NotNotarized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotOperator represents a NotOperator error raised by the Grants contract.
type GrantsNotOperator struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOperator(address account)
func GrantsNotOperatorErrorID() common.Hash {
	return common.HexToHash("0x76c6c93a6423c7e2cef5f93921b1d4d1a5ffb795cd7cfed2df95566b7c7f7c40")
}

// UnpackNotOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOperator(address account)
func (grants *Grants) UnpackNotOperatorError(raw []byte) (*GrantsNotOperator, error) {
	out := new(GrantsNotOperator)
	if err := grants.abi.UnpackIntoInterface(out, "NotOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotRefundable represents a NotRefundable error raised by the Grants contract.
type GrantsNotRefundable struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRefundable(uint256 grantId)
func GrantsNotRefundableErrorID() common.Hash {
	return common.HexToHash("0xfda10c426a11978b887145c723a575d4e1fc1c4b48639722b8555b939daf7c50")
}

// UnpackNotRefundableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRefundable(uint256 grantId)
func (grants *Grants) UnpackNotRefundableError(raw []byte) (*GrantsNotRefundable, error) {
	out := new(GrantsNotRefundable)
	if err := grants.abi.UnpackIntoInterface(out, "NotRefundable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNotReviewer represents a NotReviewer error raised by the Grants contract.
type GrantsNotReviewer struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotReviewer(address account)
func GrantsNotReviewerErrorID() common.Hash {
	return common.HexToHash("0xe188d532ce655c9a02421b3e8afa1c29344823b3a32940a2f5d4a76bdf3c7843")
}

// UnpackNotReviewerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotReviewer(address account)
func (grants *Grants) UnpackNotReviewerError(raw []byte) (*GrantsNotReviewer, error) {
	out := new(GrantsNotReviewer)
	if err := grants.abi.UnpackIntoInterface(out, "NotReviewer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsNothingToRefund represents a NothingToRefund error raised by the Grants contract.
type GrantsNothingToRefund struct {
	Donor common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToRefund(address donor)
func GrantsNothingToRefundErrorID() common.Hash {
	return common.HexToHash("0xbb386939e3dac174d852c26db4592a53fb01fde4794fa3124c31416a0c9b9ec0")
}

// UnpackNothingToRefundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToRefund(address donor)
func (grants *Grants) UnpackNothingToRefundError(raw []byte) (*GrantsNothingToRefund, error) {
	out := new(GrantsNothingToRefund)
	if err := grants.abi.UnpackIntoInterface(out, "NothingToRefund", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsOverPool represents a OverPool error raised by the Grants contract.
type GrantsOverPool struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OverPool(uint256 roundId)
func GrantsOverPoolErrorID() common.Hash {
	return common.HexToHash("0x4b533d61cce078496438ed281c3d825151f99eea553e9e5474c92a2be4e5faa3")
}

// UnpackOverPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OverPool(uint256 roundId)
func (grants *Grants) UnpackOverPoolError(raw []byte) (*GrantsOverPool, error) {
	out := new(GrantsOverPool)
	if err := grants.abi.UnpackIntoInterface(out, "OverPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the Grants contract.
type GrantsReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func GrantsReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (grants *Grants) UnpackReentrancyGuardReentrantCallError(raw []byte) (*GrantsReentrancyGuardReentrantCall, error) {
	out := new(GrantsReentrancyGuardReentrantCall)
	if err := grants.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsRoundAlreadyClosed represents a RoundAlreadyClosed error raised by the Grants contract.
type GrantsRoundAlreadyClosed struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundAlreadyClosed(uint256 roundId)
func GrantsRoundAlreadyClosedErrorID() common.Hash {
	return common.HexToHash("0x940a92eae87b3554a28f97d97fe03f502d1520b39f0af76466b86bddd3d46683")
}

// UnpackRoundAlreadyClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundAlreadyClosed(uint256 roundId)
func (grants *Grants) UnpackRoundAlreadyClosedError(raw []byte) (*GrantsRoundAlreadyClosed, error) {
	out := new(GrantsRoundAlreadyClosed)
	if err := grants.abi.UnpackIntoInterface(out, "RoundAlreadyClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsRoundNotOpen represents a RoundNotOpen error raised by the Grants contract.
type GrantsRoundNotOpen struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotOpen(uint256 roundId)
func GrantsRoundNotOpenErrorID() common.Hash {
	return common.HexToHash("0xa93f86d6b4fba1d27d503aa6b95997116767c030d7a3b123b2dccda7378b4158")
}

// UnpackRoundNotOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotOpen(uint256 roundId)
func (grants *Grants) UnpackRoundNotOpenError(raw []byte) (*GrantsRoundNotOpen, error) {
	out := new(GrantsRoundNotOpen)
	if err := grants.abi.UnpackIntoInterface(out, "RoundNotOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsRoundNotOver represents a RoundNotOver error raised by the Grants contract.
type GrantsRoundNotOver struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotOver(uint256 roundId)
func GrantsRoundNotOverErrorID() common.Hash {
	return common.HexToHash("0x7823f05f8973bda80860e6d3ca9b53090e48cbc2551916a5cc5fab2fd23da0f1")
}

// UnpackRoundNotOverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotOver(uint256 roundId)
func (grants *Grants) UnpackRoundNotOverError(raw []byte) (*GrantsRoundNotOver, error) {
	out := new(GrantsRoundNotOver)
	if err := grants.abi.UnpackIntoInterface(out, "RoundNotOver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsSafeCastOverflowedUintDowncast represents a SafeCastOverflowedUintDowncast error raised by the Grants contract.
type GrantsSafeCastOverflowedUintDowncast struct {
	Bits  uint8
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func GrantsSafeCastOverflowedUintDowncastErrorID() common.Hash {
	return common.HexToHash("0x6dfcc6503a32754ce7a89698e18201fc5294fd4aad43edefee786f88423b1a12")
}

// UnpackSafeCastOverflowedUintDowncastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func (grants *Grants) UnpackSafeCastOverflowedUintDowncastError(raw []byte) (*GrantsSafeCastOverflowedUintDowncast, error) {
	out := new(GrantsSafeCastOverflowedUintDowncast)
	if err := grants.abi.UnpackIntoInterface(out, "SafeCastOverflowedUintDowncast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the Grants contract.
type GrantsSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func GrantsSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (grants *Grants) UnpackSafeERC20FailedOperationError(raw []byte) (*GrantsSafeERC20FailedOperation, error) {
	out := new(GrantsSafeERC20FailedOperation)
	if err := grants.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsSignatureExpired represents a SignatureExpired error raised by the Grants contract.
type GrantsSignatureExpired struct {
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignatureExpired(uint256 deadline)
func GrantsSignatureExpiredErrorID() common.Hash {
	return common.HexToHash("0xcd21db4f5222c209a625f44a7faa4c7077b21128ed96c96bd5c3a0f7bcc95d38")
}

// UnpackSignatureExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignatureExpired(uint256 deadline)
func (grants *Grants) UnpackSignatureExpiredError(raw []byte) (*GrantsSignatureExpired, error) {
	out := new(GrantsSignatureExpired)
	if err := grants.abi.UnpackIntoInterface(out, "SignatureExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsStringTooLong represents a StringTooLong error raised by the Grants contract.
type GrantsStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func GrantsStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (grants *Grants) UnpackStringTooLongError(raw []byte) (*GrantsStringTooLong, error) {
	out := new(GrantsStringTooLong)
	if err := grants.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsUnknownGrant represents a UnknownGrant error raised by the Grants contract.
type GrantsUnknownGrant struct {
	GrantId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownGrant(uint256 grantId)
func GrantsUnknownGrantErrorID() common.Hash {
	return common.HexToHash("0x32485c44bf2c6c7cdfd825e62a00729a8ba5c760daad74e3e1b9aca2d2cf7fae")
}

// UnpackUnknownGrantError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownGrant(uint256 grantId)
func (grants *Grants) UnpackUnknownGrantError(raw []byte) (*GrantsUnknownGrant, error) {
	out := new(GrantsUnknownGrant)
	if err := grants.abi.UnpackIntoInterface(out, "UnknownGrant", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsUnknownRound represents a UnknownRound error raised by the Grants contract.
type GrantsUnknownRound struct {
	RoundId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownRound(uint256 roundId)
func GrantsUnknownRoundErrorID() common.Hash {
	return common.HexToHash("0x4af5063881bc67fc1971b0a7085f23df13822cbca59bbab68d342b8de194f48c")
}

// UnpackUnknownRoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownRound(uint256 roundId)
func (grants *Grants) UnpackUnknownRoundError(raw []byte) (*GrantsUnknownRound, error) {
	out := new(GrantsUnknownRound)
	if err := grants.abi.UnpackIntoInterface(out, "UnknownRound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// GrantsZeroAmount represents a ZeroAmount error raised by the Grants contract.
type GrantsZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func GrantsZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (grants *Grants) UnpackZeroAmountError(raw []byte) (*GrantsZeroAmount, error) {
	out := new(GrantsZeroAmount)
	if err := grants.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
