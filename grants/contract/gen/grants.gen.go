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
	ABI: "[{\"inputs\":[{\"internalType\":\"contractINotary\",\"name\":\"notary_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"AllReleased\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"AlreadyApproved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"AlreadyVoted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"ClaimsClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"ClaimsOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GoalReached\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GrantCancelled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"GrantRefundable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidGrant\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidRound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"next\",\"type\":\"uint256\"}],\"name\":\"MilestoneOutOfOrder\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"}],\"name\":\"NoFunds\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"approvals\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"}],\"name\":\"NotApproved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotBeneficiary\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotEligible\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotFunded\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotNotarized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"NotRefundable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotReviewer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"NothingToRefund\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"OverPool\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundAlreadyClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"RoundNotOver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"UnknownGrant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"UnknownRound\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"}],\"name\":\"CancelVoted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"Cancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Donated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"goal\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"reviewers\",\"type\":\"address[]\"},{\"internalType\":\"uint128[]\",\"name\":\"amounts\",\"type\":\"uint128[]\"},{\"internalType\":\"string[]\",\"name\":\"descriptions\",\"type\":\"string[]\"}],\"indexed\":false,\"internalType\":\"structGrants.Terms\",\"name\":\"terms\",\"type\":\"tuple\"}],\"name\":\"GrantCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"MatchClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reviewer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"MilestoneApproved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"MilestoneReleased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimDeadline\",\"type\":\"uint256\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"start\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"end\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"claimPeriod\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"capBps\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"grantIds\",\"type\":\"uint256[]\"}],\"name\":\"RoundCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"RoundDonated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"RoundFunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"SponsorRefunded\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_MILESTONES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_REVIEWERS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"approvals\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"}],\"name\":\"approveMilestone\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"badge\",\"outputs\":[{\"internalType\":\"contractSupporterBadge\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claimMatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"contributionOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"reviewers\",\"type\":\"address[]\"},{\"internalType\":\"uint128[]\",\"name\":\"amounts\",\"type\":\"uint128[]\"},{\"internalType\":\"string[]\",\"name\":\"descriptions\",\"type\":\"string[]\"}],\"internalType\":\"structGrants.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"createGrant\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"start\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"end\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimPeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"capBps\",\"type\":\"uint16\"},{\"internalType\":\"uint256[]\",\"name\":\"grantIds\",\"type\":\"uint256[]\"}],\"name\":\"createRound\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"donate\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"donateRound\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"donateRoundWithPermit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"donateWithPermit\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"accepted\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"fundRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"fundRoundWithPermit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"grant\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"nextMilestone\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"reviewerCount\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"cancelVotes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"cancelled\",\"type\":\"bool\"},{\"internalType\":\"uint128\",\"name\":\"goal\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"raised\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"released\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"refunded\",\"type\":\"uint128\"}],\"internalType\":\"structGrants.Grant\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"grantCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"isEligible\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isReviewer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"matchClaimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"milestones\",\"outputs\":[{\"internalType\":\"uint128[]\",\"name\":\"\",\"type\":\"uint128[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"notary\",\"outputs\":[{\"internalType\":\"contractINotary\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"reclaimSponsor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"donor\",\"type\":\"address\"}],\"name\":\"reclaimable\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"}],\"name\":\"refund\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"grantId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"milestone\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"cid\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"}],\"name\":\"round\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"start\",\"type\":\"uint64\"},{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"end\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimPeriod\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"capBps\",\"type\":\"uint16\"},{\"internalType\":\"uint128\",\"name\":\"pool\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"claimed\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint128\",\"name\":\"total\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"returned\",\"type\":\"uint128\"}],\"internalType\":\"structGrants.Round\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"roundCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"roundId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"sponsor\",\"type\":\"address\"}],\"name\":\"sponsorFunds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Grants",
	Bin: "0x60c060405234801561000f575f5ffd5b50604051614e4e380380614e4e83398101604081905261002e91610080565b6001600160a01b03811660805260405161004790610073565b604051809103905ff080158015610060573d5f5f3e3d5ffd5b506001600160a01b031660a052506100ad565b6111ec80613c6283390190565b5f60208284031215610090575f5ffd5b81516001600160a01b03811681146100a6575f5ffd5b9392505050565b60805160a051613b866100dc5f395f818161060a01526128d501525f818161064901526113640152613b865ff3fe608060405234801561000f575f5ffd5b50600436106101dc575f3560e01c80637069c49311610109578063c46726be1161009e578063dfc726581161006e578063dfc7265814610719578063e89e4ed61461072c578063ee6ce8de1461074c578063f09e82e21461075f575f5ffd5b8063c46726be146106d8578063cab42672146106eb578063ce1c5434146106f3578063d79d8ceb14610706575f5ffd5b806391d768de116100d957806391d768de146106055780639d54c79d14610644578063b15d30cd1461066b578063ba378a5a146106a3575f5ffd5b80637069c493146105a257806387d508e61461052c5780638894dfd5146105df5780638b99007a146105f2575f5ffd5b806334d5f37b1161017f5780635aaf33d41161014f5780635aaf33d4146105345780635e1b27a4146105475780636813947f1461055a5780636e21c7b91461058f575f5ffd5b806334d5f37b146103b75780633ecffb611461050657806340e58ee5146105195780634c05abeb1461052c575f5ffd5b806314164015116101ba5780631416401514610224578063160e3f3d146102375780631d43406314610391578063278ecde1146103a4575f5ffd5b8063014de093146101e05780630cdd53f6146101f5578063127f0b3f1461021b575b5f5ffd5b6101f36101ee366004612e33565b61078c565b005b610208610203366004612e33565b6107aa565b6040519081526020015b60405180910390f35b61020860015481565b6101f3610232366004612e53565b6107ce565b610384610245366004612e7c565b60408051610180810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810191909152505f9081526002602081815260409283902083516101808101855281546001600160a01b038082168352600160a01b8083046001600160401b031695840195909552600160e01b9182900463ffffffff90811697840197909752600184015490811660608401529384049095166080820152600160c01b830461ffff90811660a0830152600160d01b84041660c08201529390910460ff16151560e0840152908101546001600160801b03808216610100850152600160801b918290048116610120850152600390920154808316610140850152041661016082015290565b6040516102129190612e93565b61020861039f366004612fd5565b6109ea565b6102086103b2366004612e7c565b610a5c565b6104f96103c5366004612e7c565b60408051610180810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810191909152505f9081526009602090815260409182902082516101808101845281546001600160a01b0380821683526001600160401b03600160a01b928390048116958401959095526001840154908116958301959095529093048216606084015260028101548083166080850152600160401b810490921660a084015261ffff600160801b928390041660c084015260038101546001600160801b0380821660e08601529083900481166101008501526004820154610120850152600590910154808216610140850152919091041661016082015290565b6040516102129190613022565b6102086105143660046131b0565b610bde565b6101f3610527366004612e7c565b610fa3565b610208604081565b6101f3610542366004613287565b6111e7565b6101f3610555366004612fd5565b61159e565b6102086105683660046132f1565b5f9182526004602090815260408084206001600160a01b0393909316845291905290205490565b61020861059d36600461331f565b61160a565b6105cf6105b0366004612e33565b5f918252600c6020908152604080842092845291905290205460ff1690565b6040519015158152602001610212565b6102086105ed366004612e7c565b61167d565b6102086106003660046132f1565b61187b565b61062c7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610212565b61062c7f000000000000000000000000000000000000000000000000000000000000000081565b6105cf6106793660046132f1565b5f9182526005602090815260408084206001600160a01b0393909316845291905290205460ff1690565b6102086106b13660046132f1565b5f918252600b602090815260408084206001600160a01b0393909316845291905290205490565b6102086106e6366004613377565b6118d9565b6102085f5481565b6101f36107013660046133ad565b611f31565b6101f36107143660046133fb565b61213b565b6102086107273660046133ad565b6123fe565b61073f61073a366004612e7c565b612426565b6040516102129190613456565b61020861075a366004612e53565b6124b6565b6105cf61076d366004612e33565b5f918252600a6020908152604080842092845291905290205460ff1690565b6107946124db565b61079e8282612512565b6107a6612669565b5050565b5f6107b36124db565b6107be833384612693565b90506107c8612669565b92915050565b5f83815260096020526040902080546001600160a01b031661080b5760405163095ea0c760e31b8152600481018590526024015b60405180910390fd5b80546001600160a01b0316331461083757604051633b63649d60e11b8152336004820152602401610802565b60048101541561085d57604051634a05497560e11b815260048101859052602401610802565b6001810154600160a01b90046001600160401b0316421161089457604051637823f05f60e01b815260048101859052602401610802565b600281015460018201546108bb916001600160401b0390811691600160a01b9004166134b5565b4211156108de5760405163c9240fd560e01b815260048101859052602401610802565b826108fc576040516309bde33960e01b815260040160405180910390fd5b60038101546001600160801b031682111561092d57604051634b533d6160e01b815260048101859052602401610802565b600481018390556005810180546001600160801b0319166001600160801b0384161790556002810154610969906001600160401b0316426134c8565b6002820180546fffffffffffffffff00000000000000001916600160401b6001600160401b03938416810291909117918290556040805187815260208101879052919092049092169082015284907f2c37b18601775f85b9f8b1addbbf1902c00ca1431be7b6faf4df6e6af466db019060600160405180910390a250505050565b5f6109f36124db565b5f878152600260205260409020600101546001600160a01b031680610a2e57604051630c92171160e21b815260048101899052602401610802565b610a3c818888888888612951565b610a47883389612693565b915050610a52612669565b9695505050505050565b5f610a656124db565b5f82815260026020526040902080546001600160a01b0316610a9d57604051630c92171160e21b815260048101849052602401610802565b610aa6816129d8565b610ac657604051637ed0862160e11b815260048101849052602401610802565b5f83815260046020908152604080832033845290915281205490819003610b025760405163bb38693960e01b8152336004820152602401610802565b610b0c8282612a27565b5f8581526004602090815260408083203384529091528120556003830180549194508491601090610b4e908490600160801b90046001600160801b03166134e7565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550336001600160a01b0316847f7ca5472b7ea78c2c0141c5a12ee6d170cf4ce8ed06be3d22c8252ddfc7a6a2c485604051610bae91815260200190565b60405180910390a36001820154610bcf906001600160a01b03163385612a6e565b5050610bd9612669565b919050565b5f6001600160a01b038816610c215760405163091135f760e01b81526020600482015260086024820152673737903a37b5b2b760c11b6044820152606401610802565b866001600160401b0316866001600160401b03161080610c4a575042866001600160401b031611155b15610c815760405163091135f760e01b815260206004820152600660248201526577696e646f7760d01b6044820152606401610802565b846001600160401b03165f03610ccc5760405163091135f760e01b815260206004820152600f60248201526e1b9bc818db185a5b481c195c9a5bd9608a1b6044820152606401610802565b61ffff84161580610ce257506127108461ffff16115b15610d165760405163091135f760e01b815260206004820152600360248201526206361760ec1b6044820152606401610802565b5f829003610d535760405163091135f760e01b81526020600482015260096024820152686e6f206772616e747360b81b6044820152606401610802565b60015f8154610d6190613506565b918290555090505f5b82811015610eae575f848483818110610d8557610d8561351e565b602090810292909201355f818152600290935260409092208054929350916001600160a01b03169050610dce57604051630c92171160e21b815260048101839052602401610802565b60018101546001600160a01b038c8116911614610e275760405163091135f760e01b815260206004820152601660248201527533b930b73a1034b71030b737ba3432b9103a37b5b2b760511b6044820152606401610802565b5f848152600a6020908152604080832085845290915290205460ff1615610e825760405163091135f760e01b815260206004820152600e60248201526d19dc985b9d081c995c19585d195960921b6044820152606401610802565b505f838152600a6020908152604080832093835292905220805460ff1916600190811790915501610d6a565b505f818152600960205260409081902080546001600160401b03808b16600160a01b90810267ffffffffffffffff60a01b19339081166001600160e01b0319958616179190911785556001850180548d8516909302929094166001600160a01b038f169081179290921790935560028401805461ffff8b16600160801b0271ffff0000000000000000ffffffffffffffff19909116938c169390931792909217909155925191929184907f3c7de82319ae554c07e7cfa00ac7cfe370f0652a161532249e00e2138776ec2290610f8f908d908d908d908d908d908d90613562565b60405180910390a450979650505050505050565b5f81815260026020526040902080546001600160a01b0316610fdb57604051630c92171160e21b815260048101839052602401610802565b6001810154600160e01b900460ff161561100b5760405163137e4f5560e21b815260048101839052602401610802565b5f828152600360205260409020546001820154600160a01b900463ffffffff161061104c57604051636a8db0a960e11b815260048101839052602401610802565b80546001600160a01b03163314611199575f82815260056020908152604080832033845290915290205460ff16611098576040516370c46a9960e11b8152336004820152602401610802565b5f82815260066020908152604080832033845290915290205460ff16156110d457604051633512759d60e21b8152336004820152602401610802565b5f8281526006602090815260408083203384529091529020805460ff191660019081179091558181018054601a9061111990849061ffff600160d01b909104166135b8565b92506101000a81548161ffff021916908361ffff160217905550336001600160a01b0316827f27afc5b9cb42eabbc738c0ef675f43114884611eb50ef4d83feced9cc7ca0a4760405160405180910390a3600181015461ffff600160c01b820481169161119091600160d01b9091041660026135d2565b11611199575050565b60018101805460ff60e01b1916600160e01b17905560405133815282907f26deca31ff8139a06c52453ce8985d34f7648a6d9af1d283c4063d052c355a0f9060200160405180910390a25050565b6111ef6124db565b5f87815260026020526040902080546001600160a01b031661122757604051630c92171160e21b815260048101899052602401610802565b80546001600160a01b031633146112535760405163c5d0b69d60e01b8152336004820152602401610802565b6001810154600160e01b900460ff16156112835760405163137e4f5560e21b815260048101899052602401610802565b60028101546001600160801b03808216600160801b9092041610156112be576040516335035b2960e11b815260048101899052602401610802565b60018101545f89815260036020526040902054600160a01b90910463ffffffff1690811061130257604051636a8db0a960e11b8152600481018a9052602401610802565b80881461132c5760405163e205230360e01b81526004810189905260248101829052604401610802565b5f86900361134d5760405163ea1aa62b60e01b815260040160405180910390fd5b604051634ab6e48760e01b81526001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690634ab6e487906113a1908a908a908a908a908a90600401613611565b602060405180830381865afa1580156113bc573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113e0919061363d565b6113fd5760405163ac670f6160e01b815260040160405180910390fd5b5f60075f61140d8c8c8c8c612aa3565b815260208101919091526040015f20548354909150600160e01b900463ffffffff16811015611467578254604051639912131960e01b815260048101839052600160e01b90910463ffffffff166024820152604401610802565b5f8a815260036020526040812080548b9081106114865761148661351e565b5f918252602090912060028204015460019182166010026101000a90046001600160801b031691506114b99084906134b5565b60018501805463ffffffff92909216600160a01b0263ffffffff60a01b199092169190911790556003840180548291905f906114ff9084906001600160801b03166134e7565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550898b7f547e5447546c908914887d6eb9f56ddf19bc4d5de54a22b3c870543bdb3cee358b8b8b8660405161155a949392919061365c565b60405180910390a383546001850154611589916001600160a01b0391821691166001600160801b038416612a6e565b50505050611595612669565b50505050505050565b6115a66124db565b5f868152600960205260409020600101546001600160a01b0316806115e15760405163095ea0c760e31b815260048101889052602401610802565b6115ef818787878787612951565b6115f98787612512565b50611602612669565b505050505050565b5f6116136124db565b5f888152600960205260409020600101546001600160a01b03168061164e5760405163095ea0c760e31b8152600481018a9052602401610802565b61165c818888888888612951565b611667898989612afe565b915050611672612669565b979650505050505050565b5f6116866124db565b5f82815260096020526040902080546001600160a01b03166116be5760405163095ea0c760e31b815260048101849052602401610802565b60048101545f906116f557600282015460018301546116f0916001600160401b0390811691600160a01b9004166134b5565b61170b565b6002820154600160401b90046001600160401b03165b90508042116117305760405163d70a6c7160e01b815260048101859052602401610802565b5f848152600b602090815260408083203384529091528120549081900361176c576040516304fe4b1f60e41b8152336004820152602401610802565b60038301546001600160801b038082169161179091600160801b909104168261368f565b6117a3906001600160801b0316836135d2565b6117ad91906136ae565b5f868152600b6020908152604080832033845290915281205560058401805491955085916010906117ef908490600160801b90046001600160801b03166134e7565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550336001600160a01b0316857f80995736b7a6382eda2620c0fefdbd7287c5278c4c43502f246363ff20c8d68c8660405161184f91815260200190565b60405180910390a36001830154611870906001600160a01b03163386612a6e565b505050610bd9612669565b5f828152600260209081526040808320600483528184206001600160a01b03861685529092528220548015806118b757506118b5826129d8565b155b156118c6575f925050506107c8565b6118d08282612a27565b95945050505050565b5f806118e860208401846136cd565b6001600160a01b0316036119305760405163595bd56760e11b815260206004820152600e60248201526d6e6f2062656e656669636961727960901b6044820152606401610802565b5f61194160408401602085016136cd565b6001600160a01b0316036119835760405163595bd56760e11b81526020600482015260086024820152673737903a37b5b2b760c11b6044820152606401610802565b4261199460608401604085016136e8565b6001600160401b0316116119e25760405163595bd56760e11b8152602060048201526014602482015273191958591b1a5b99481a5b881d1a19481c185cdd60621b6044820152606401610802565b5f6119f060a0840184613701565b915050801580611a005750604081115b15611a405760405163595bd56760e11b815260206004820152600f60248201526e1b5a5b195cdd1bdb994818dbdd5b9d608a1b6044820152606401610802565b80611a4e60c0850185613701565b905014611a9e5760405163595bd56760e11b815260206004820152601d60248201527f6f6e65206465736372697074696f6e20706572206d696c6573746f6e650000006044820152606401610802565b5f611aac6080850185613701565b915050801580611abc5750604081115b15611afb5760405163595bd56760e11b815260206004820152600e60248201526d1c995d9a595dd95c8818dbdd5b9d60921b6044820152606401610802565b611b0b6080850160608601613759565b63ffffffff161580611b31575080611b296080860160608701613759565b63ffffffff16115b15611b6b5760405163595bd56760e11b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b6044820152606401610802565b5f5f5b83811015611c4057611b8360a0870187613701565b82818110611b9357611b9361351e565b9050602002016020810190611ba89190613786565b6001600160801b03165f03611bf15760405163595bd56760e11b815260206004820152600e60248201526d7a65726f206d696c6573746f6e6560901b6044820152606401610802565b611bfe60a0870187613701565b82818110611c0e57611c0e61351e565b9050602002016020810190611c239190613786565b611c36906001600160801b0316836134b5565b9150600101611b6e565b506001600160801b03811115611c8a5760405163595bd56760e11b815260206004820152600e60248201526d676f616c20746f6f206c6172676560901b6044820152606401610802565b5f5f8154611c9790613506565b918290555093505f5b82811015611d97575f611cb66080880188613701565b83818110611cc657611cc661351e565b9050602002016020810190611cdb91906136cd565b90506001600160a01b0381161580611d1457505f8681526005602090815260408083206001600160a01b038516845290915290205460ff165b15611d625760405163595bd56760e11b815260206004820152601960248201527f7265766965776572207a65726f206f72207265706561746564000000000000006044820152606401610802565b5f8681526005602090815260408083206001600160a01b03909416835292905220805460ff1916600190811790915501611ca0565b505f84815260026020908152604090912090611db5908701876136cd565b81546001600160a01b0319166001600160a01b0391909116178155611de060608701604088016136e8565b81546001600160401b0391909116600160a01b0267ffffffffffffffff60a01b19909116178155611e176080870160608801613759565b815463ffffffff91909116600160e01b026001600160e01b03909116178155611e4660408701602088016136cd565b6001820180546001600160a01b0392909216600165ffff0000000160a01b031990921691909117600160c01b61ffff8616021790556002810180546001600160801b0319166001600160801b038416179055611ea560a0870187613701565b5f87815260036020526040902091611ebe919083613837565b50611ecf60408701602088016136cd565b6001600160a01b0316611ee560208801886136cd565b6001600160a01b0316867fd0b77f7fde5cad1fcd0abd84ba4a1fd8b1a4c208cf66728e66818dc1e7874651858a604051611f20929190613a6d565b60405180910390a450505050919050565b5f84815260026020526040902080546001600160a01b0316611f6957604051630c92171160e21b815260048101869052602401610802565b5f85815260056020908152604080832033845290915290205460ff16611fa4576040516370c46a9960e11b8152336004820152602401610802565b6001810154600160e01b900460ff1615611fd45760405163137e4f5560e21b815260048101869052602401610802565b6001810154600160a01b900463ffffffff1684108061200057505f858152600360205260409020548410155b1561203957600181015460405163e205230360e01b815260048101869052600160a01b90910463ffffffff166024820152604401610802565b5f82900361205a5760405163ea1aa62b60e01b815260040160405180910390fd5b5f61206786868686612aa3565b5f81815260086020908152604080832033845290915290205490915060ff16156120a657604051633040d2cb60e21b8152336004820152602401610802565b5f8181526008602090815260408083203384528252808320805460ff19166001908117909155848452600790925282208054919290916120e79084906134b5565b92505081905550336001600160a01b031685877f196a6592a24503792a034112fa82bf7c6c3b303521a6689407744045320a9feb878760405161212b929190613b4f565b60405180910390a4505050505050565b6121436124db565b5f85815260096020526040902080546001600160a01b031661217b5760405163095ea0c760e31b815260048101879052602401610802565b60048101546121a057604051637823f05f60e01b815260048101879052602401610802565b6002810154600160401b90046001600160401b03164211156121d85760405163c9240fd560e01b815260048101879052602401610802565b5f868152600c6020908152604080832088845290915290205460ff161561221c57604051636bd4745f60e01b81526004810187905260248101869052604401610802565b60408051602081018790529081018590525f9060600160408051601f19818403018152828252805160209182012090830152016040516020818303038152906040528051906020012090506122778484846004015484612c26565b612294576040516309bde33960e01b815260040160405180910390fd5b5f8681526002602052604090206122aa816129d8565b156122cb57604051637e47011760e11b815260048101889052602401610802565b600583015460038401546001600160801b03918216916122f5918991600160801b909104166134b5565b111561231757604051634b533d6160e01b815260048101899052602401610802565b5f888152600c602090815260408083208a84529091529020805460ff191660011790556003830180548791906010906123629084906001600160801b03600160801b909104166134e7565b82546001600160801b039182166101009390930a9283029190920219909116179055508054604080516001600160a01b0390921682526020820188905288918a917f186cadcda7624aa461132d0cf9d241138a7d412db7f1e7273462ddf34314e87f910160405180910390a3805460018401546123ec916001600160a01b03918216911688612a6e565b5050506123f7612669565b5050505050565b5f60075f61240e87878787612aa3565b81526020019081526020015f20549050949350505050565b5f818152600360209081526040918290208054835181840281018401909452808452606093928301828280156124aa57602002820191905f5260205f20905f905b82829054906101000a90046001600160801b03166001600160801b031681526020019060100190602082600f010492830192600103820291508084116124675790505b50505050509050919050565b5f6124bf6124db565b6124ca848484612afe565b90506124d4612669565b9392505050565b6124e3612c3d565b61251060017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612c7d565b565b5f82815260096020526040902080546001600160a01b031661254a5760405163095ea0c760e31b815260048101849052602401610802565b6001810154600160a01b90046001600160401b03164211156125825760405163549fc36b60e11b815260048101849052602401610802565b815f036125a257604051631f2a200560e01b815260040160405180910390fd5b60038101546125c4906125bf9084906001600160801b03166134b5565b612c84565b6003820180546001600160801b0319166001600160801b03929092169190911790555f838152600b602090815260408083203384529091528120805484929061260e9084906134b5565b9091555050604051828152339084907fb88f7876683652bafd2534fc672bafafd17af09dc89c1b1bbe99033447c16f939060200160405180910390a36001810154612664906001600160a01b0316333085612cbb565b505050565b6125105f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f0061250a565b5f83815260026020526040812080546001600160a01b03166126cb57604051630c92171160e21b815260048101869052602401610802565b6001810154600160e01b900460ff16156126fb5760405163137e4f5560e21b815260048101869052602401610802565b8054600160a01b90046001600160401b031642111561274857805460405163041f95d160e51b815260048101879052600160a01b9091046001600160401b03166024820152604401610802565b60028101545f9061276b906001600160801b03600160801b82048116911661368f565b6001600160801b03169050805f036127995760405163fbfd8ab760e01b815260048101879052602401610802565b835f036127b957604051631f2a200560e01b815260040160405180910390fd5b8084106127c657806127c8565b835b5f8781526004602090815260408083206001600160a01b038a1684529091529020549093506127f784826134b5565b5f8881526004602090815260408083206001600160a01b038b168452909152902055600283018054859190601090612840908490600160801b90046001600160801b03166134e7565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550856001600160a01b0316877f1b606d34afacd55873aba0fd274841a10c63e18455f2dffebad2fc60a36b2c83866040516128a091815260200190565b60405180910390a3805f0361292d576040516340c10f1960e01b81526001600160a01b038781166004830152602482018990527f000000000000000000000000000000000000000000000000000000000000000016906340c10f19906044015f604051808303815f87803b158015612916575f5ffd5b505af1158015612928573d5f5f3e3d5ffd5b505050505b6001830154612947906001600160a01b0316873087612cbb565b5050509392505050565b60405163d505accf60e01b8152336004820152306024820152604481018690526064810185905260ff8416608482015260a4810183905260c481018290526001600160a01b0387169063d505accf9060e4015f604051808303815f87803b1580156129ba575f5ffd5b505af19250505080156129cb575060015b1561160257505050505050565b60018101545f90600160e01b900460ff16806107c857508154600160a01b90046001600160401b0316421180156107c8575050600201546001600160801b03808216600160801b909204161090565b600282015460038301545f916001600160801b03600160801b909104811691612a5191168261368f565b612a64906001600160801b0316846135d2565b6124d491906136ae565b612a7b8383836001612cf7565b61266457604051635274afe760e01b81526001600160a01b0384166004820152602401610802565b5f84848484604051612ab6929190613b6a565b604051908190038120612ade9392916020019283526020830191909152604082015260600190565b604051602081830303815290604052805190602001209050949350505050565b5f83815260096020526040812080546001600160a01b0316612b365760405163095ea0c760e31b815260048101869052602401610802565b8054600160a01b90046001600160401b0316421080612b6857506001810154600160a01b90046001600160401b031642115b15612b895760405163549fc36b60e11b815260048101869052602401610802565b5f858152600a6020908152604080832087845290915290205460ff16612bcc5760405163e55192b160e01b81526004810186905260248101859052604401610802565b612bd7843385612693565b9150336001600160a01b031684867f945b400b8396c220b95d4360cac28f437709e3e22faf4c01914562aa87c1b2e985604051612c1691815260200190565b60405180910390a4509392505050565b5f82612c33868685612d59565b1495945050505050565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c1561251057604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f6001600160801b03821115612cb7576040516306dfcc6560e41b81526080600482015260248101839052604401610802565b5090565b612cc9848484846001612d9a565b612cf157604051635274afe760e01b81526001600160a01b0385166004820152602401610802565b50505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316612d4d578383151615612d41573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f81815b84811015612d9157612d8782878784818110612d7b57612d7b61351e565b90506020020135612e07565b9150600101612d5d565b50949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316612df6578383151615612dea573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f818310612e21575f8281526020849052604090206124d4565b5f8381526020839052604090206124d4565b5f5f60408385031215612e44575f5ffd5b50508035926020909101359150565b5f5f5f60608486031215612e65575f5ffd5b505081359360208301359350604090920135919050565b5f60208284031215612e8c575f5ffd5b5035919050565b81516001600160a01b0316815261018081016020830151612ebf60208401826001600160401b03169052565b506040830151612ed7604084018263ffffffff169052565b506060830151612ef260608401826001600160a01b03169052565b506080830151612f0a608084018263ffffffff169052565b5060a0830151612f2060a084018261ffff169052565b5060c0830151612f3660c084018261ffff169052565b5060e0830151612f4a60e084018215159052565b50610100830151612f676101008401826001600160801b03169052565b50610120830151612f846101208401826001600160801b03169052565b50610140830151612fa16101408401826001600160801b03169052565b50610160830151612fbe6101608401826001600160801b03169052565b5092915050565b803560ff81168114610bd9575f5ffd5b5f5f5f5f5f5f60c08789031215612fea575f5ffd5b86359550602087013594506040870135935061300860608801612fc5565b9598949750929560808101359460a0909101359350915050565b81516001600160a01b031681526101808101602083015161304e60208401826001600160401b03169052565b50604083015161306960408401826001600160a01b03169052565b50606083015161308460608401826001600160401b03169052565b50608083015161309f60808401826001600160401b03169052565b5060a08301516130ba60a08401826001600160401b03169052565b5060c08301516130d060c084018261ffff169052565b5060e08301516130eb60e08401826001600160801b03169052565b506101008301516131086101008401826001600160801b03169052565b50610120830151610120830152610140830151612fa16101408401826001600160801b03169052565b6001600160a01b0381168114613145575f5ffd5b50565b8035610bd981613131565b80356001600160401b0381168114610bd9575f5ffd5b5f5f83601f840112613179575f5ffd5b5081356001600160401b0381111561318f575f5ffd5b6020830191508360208260051b85010111156131a9575f5ffd5b9250929050565b5f5f5f5f5f5f5f60c0888a0312156131c6575f5ffd5b87356131d181613131565b96506131df60208901613153565b95506131ed60408901613153565b94506131fb60608901613153565b9350608088013561ffff81168114613211575f5ffd5b925060a08801356001600160401b0381111561322b575f5ffd5b6132378a828b01613169565b989b979a50959850939692959293505050565b5f5f83601f84011261325a575f5ffd5b5081356001600160401b03811115613270575f5ffd5b6020830191508360208285010111156131a9575f5ffd5b5f5f5f5f5f5f5f60a0888a03121561329d575f5ffd5b873596506020880135955060408801356001600160401b038111156132c0575f5ffd5b6132cc8a828b0161324a565b9096509450506060880135925060808801356001600160401b0381111561322b575f5ffd5b5f5f60408385031215613302575f5ffd5b82359150602083013561331481613131565b809150509250929050565b5f5f5f5f5f5f5f60e0888a031215613335575f5ffd5b8735965060208801359550604088013594506060880135935061335a60808901612fc5565b9699959850939692959460a0840135945060c09093013592915050565b5f60208284031215613387575f5ffd5b81356001600160401b0381111561339c575f5ffd5b820160e081850312156124d4575f5ffd5b5f5f5f5f606085870312156133c0575f5ffd5b843593506020850135925060408501356001600160401b038111156133e3575f5ffd5b6133ef8782880161324a565b95989497509550505050565b5f5f5f5f5f6080868803121561340f575f5ffd5b85359450602086013593506040860135925060608601356001600160401b03811115613439575f5ffd5b61344588828901613169565b969995985093965092949392505050565b602080825282518282018190525f918401906040840190835b818110156134965783516001600160801b031683526020938401939092019160010161346f565b509095945050505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156107c8576107c86134a1565b6001600160401b0381811683821601908111156107c8576107c86134a1565b6001600160801b0381811683821601908111156107c8576107c86134a1565b5f60018201613517576135176134a1565b5060010190565b634e487b7160e01b5f52603260045260245ffd5b8183525f6001600160fb1b03831115613549575f5ffd5b8260051b80836020870137939093016020019392505050565b6001600160401b03871681526001600160401b03861660208201526001600160401b038516604082015261ffff8416606082015260a060808201525f6135ac60a083018486613532565b98975050505050505050565b61ffff81811683821601908111156107c8576107c86134a1565b80820281158282048414176107c8576107c86134a1565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b606081525f6136246060830187896135e9565b85602084015282810360408401526135ac818587613532565b5f6020828403121561364d575f5ffd5b815180151581146124d4575f5ffd5b606081525f61366f6060830186886135e9565b90508360208301526001600160801b038316604083015295945050505050565b6001600160801b0382811682821603908111156107c8576107c86134a1565b5f826136c857634e487b7160e01b5f52601260045260245ffd5b500490565b5f602082840312156136dd575f5ffd5b81356124d481613131565b5f602082840312156136f8575f5ffd5b6124d482613153565b5f5f8335601e19843603018112613716575f5ffd5b8301803591506001600160401b0382111561372f575f5ffd5b6020019150600581901b36038213156131a9575f5ffd5b803563ffffffff81168114610bd9575f5ffd5b5f60208284031215613769575f5ffd5b6124d482613746565b6001600160801b0381168114613145575f5ffd5b5f60208284031215613796575f5ffd5b81356124d481613772565b634e487b7160e01b5f52604160045260245ffd5b600160401b8211156137c9576137c96137a1565b805482825580831015612664576001830160011c825f528060205f200160108560041b168015613808575f19820180545f198360200360031b1c168155505b50816001840160011c0391505f5b82811015611602575f82820155600101613816565b5f81356107c881613772565b6001600160401b0383111561384e5761384e6137a1565b61385883826137b5565b5f8181526020902082908460011c5f5b818110156138c3575f5f5b60028110156138b6576138a56138888761382b565b6001600160801b03908116600784901b90811b91901b1984161790565b602096909601959150600101613873565b5083820155600101613868565b506001198616808703818814613901575f5f5b828110156138fb576138ea6138888861382b565b6020979097019691506001016138d6565b50848401555b5050505050505050565b5f5f8335601e19843603018112613920575f5ffd5b83016020810192503590506001600160401b0381111561393e575f5ffd5b8060051b36038213156131a9575f5ffd5b8183526020830192505f815f5b8481101561398d57813561396f81613131565b6001600160a01b03168652602095860195919091019060010161395c565b5093949350505050565b8183526020830192505f815f5b8481101561398d5781356139b781613772565b6001600160801b0316865260209586019591909101906001016139a4565b5f8383855260208501945060208460051b820101835f601e19863603015b87821015613a6057848403601f190189528235818112613a11575f5ffd5b87016020810190356001600160401b03811115613a2c575f5ffd5b803603821315613a3a575f5ffd5b613a458682846135e9565b955050506020830192506020890198506001820191506139f3565b5091979650505050505050565b828152604060208201525f8235613a8381613131565b6001600160a01b03166040830152613a9d60208401613148565b6001600160a01b03166060830152613ab760408401613153565b6001600160401b03166080830152613ad160608401613746565b63ffffffff1660a0830152613ae9608084018461390b565b60e060c0850152613aff6101208501828461394f565b915050613b0f60a085018561390b565b848303603f190160e0860152613b26838284613997565b92505050613b3760c085018561390b565b848303603f19016101008601526116728382846139d5565b602081525f613b626020830184866135e9565b949350505050565b818382375f910190815291905056fea164736f6c6343000825000a60a060405234801561000f575f5ffd5b506040518060400160405280600f81526020016e3232b9b1b49039bab83837b93a32b960891b8152506040518060400160405280600f81526020016e2222a9a1a496a9aaa82827a92a22a960891b815250815f908161006e919061012a565b50600161007b828261012a565b505033608052506101e8565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806100af57607f821691505b6020821081036100cd57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610125578282111561012557805f5260205f20601f840160051c60208510156100fe57505f5b90810190601f840160051c035f5b81811015610121575f8382015560010161010c565b5050505b505050565b81516001600160401b0381111561014357610143610087565b61015781610151845461009b565b846100d3565b6020601f821160018114610189575f83156101725750848201515b5f19600385901b1c1916600184901b1784556101e1565b5f84815260208120601f198516915b828110156101b85787850151825560209485019460019092019101610198565b50848210156101d557868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b608051610fe56102075f395f818161014c01526104300152610fe55ff3fe608060405234801561000f575f5ffd5b5060043610610106575f3560e01c8063439aac561161009e578063a22cb4651161006e578063a22cb46514610244578063b45a3c0e14610252578063b88d4fde14610265578063c87b56dd14610278578063e985e9c51461028b575f5ffd5b8063439aac56146101e75780636352211e1461021657806370a082311461022957806395d89b411461023c575f5ffd5b8063095ea7b3116100d9578063095ea7b31461019957806323b872dd146101ae57806340c10f19146101c157806342842e0e146101d4575f5ffd5b806301ffc9a71461010a57806306fdde03146101325780630754617214610147578063081812fc14610186575b5f5ffd5b61011d610118366004610c9a565b61029e565b60405190151581526020015b60405180910390f35b61013a6102c8565b6040516101299190610ce3565b61016e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610129565b61016e610194366004610cf5565b610357565b6101ac6101a7366004610d27565b61037e565b005b6101ac6101bc366004610d4f565b610397565b6101ac6101cf366004610d27565b610425565b6101ac6101e2366004610d4f565b6104c2565b6102086101f5366004610d89565b6001600160a01b031660a09190911b1790565b604051908152602001610129565b61016e610224366004610cf5565b6104e1565b610208610237366004610db3565b6104eb565b61013a610530565b6101ac6101a7366004610dcc565b61011d610260366004610cf5565b61053f565b6101ac610273366004610e19565b610552565b61013a610286366004610cf5565b61056a565b61011d610299366004610ef6565b6105db565b5f6001600160e01b03198216635a2d1e0760e11b14806102c257506102c282610608565b92915050565b60605f80546102d690610f1e565b80601f016020809104026020016040519081016040528092919081815260200182805461030290610f1e565b801561034d5780601f106103245761010080835404028352916020019161034d565b820191905f5260205f20905b81548152906001019060200180831161033057829003601f168201915b5050505050905090565b5f61036182610657565b505f828152600460205260409020546001600160a01b03166102c2565b60405163a4420a9560e01b815260040160405180910390fd5b6001600160a01b0382166103c557604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6103d183833361068f565b9050836001600160a01b0316816001600160a01b03161461041f576040516364283d7b60e01b81526001600160a01b03808616600483015260248201849052821660448201526064016103bc565b50505050565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461047057604051631b0e18f960e11b81523360048201526024016103bc565b6001600160a01b03821660a082901b1761048a83826106d7565b6040518181527f032bc66be43dbccb7487781d168eb7bda224628a3b2c3388bdf69b532a3a16119060200160405180910390a1505050565b6104dc83838360405180602001604052805f815250610552565b505050565b5f6102c282610657565b5f6001600160a01b038216610515576040516322718ad960e21b81525f60048201526024016103bc565b506001600160a01b03165f9081526003602052604090205490565b6060600180546102d690610f1e565b5f61054982610657565b50600192915050565b61055d848484610397565b61041f3385858585610738565b606061057582610657565b505f61058b60408051602081019091525f815290565b90505f8151116105a95760405180602001604052805f8152506105d4565b806105b384610860565b6040516020016105c4929190610f6d565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f6001600160e01b031982166380ac58cd60e01b148061063857506001600160e01b03198216635b5e139f60e01b145b806102c257506301ffc9a760e01b6001600160e01b03198316146102c2565b5f818152600260205260408120546001600160a01b0316806102c257604051637e27328960e01b8152600481018490526024016103bc565b5f828152600260205260408120546001600160a01b0316156106c45760405163a4420a9560e01b815260040160405180910390fd5b6106cf8484846108f0565b949350505050565b6001600160a01b03821661070057604051633250574960e11b81525f60048201526024016103bc565b5f61070c83835f61068f565b90506001600160a01b038116156104dc576040516339e3563760e11b81525f60048201526024016103bc565b6001600160a01b0383163b1561085957604051630a85bd0160e11b81526001600160a01b0384169063150b7a029061077a908890889087908790600401610f81565b6020604051808303815f875af19250505080156107b4575060408051601f3d908101601f191682019092526107b191810190610fbd565b60015b61081b573d8080156107e1576040519150601f19603f3d011682016040523d82523d5f602084013e6107e6565b606091505b5080515f0361081357604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461085757604051633250574960e11b81526001600160a01b03851660048201526024016103bc565b505b5050505050565b60605f61086c836109e2565b60010190505f8167ffffffffffffffff81111561088b5761088b610e05565b6040519080825280601f01601f1916602001820160405280156108b5576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846108bf57509392505050565b5f828152600260205260408120546001600160a01b039081169083161561091c5761091c818486610ab9565b6001600160a01b03811615610956576109375f855f5f610b1d565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b03851615610984576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610a205772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610a4c576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610a6a57662386f26fc10000830492506010015b6305f5e1008310610a82576305f5e100830492506008015b6127108310610a9657612710830492506004015b60648310610aa8576064830492506002015b600a83106102c25760010192915050565b610ac4838383610c21565b6104dc576001600160a01b038316610af257604051637e27328960e01b8152600481018290526024016103bc565b60405163177e802f60e01b81526001600160a01b0383166004820152602481018290526044016103bc565b8080610b3157506001600160a01b03821615155b15610bf2575f610b4084610657565b90506001600160a01b03831615801590610b6c5750826001600160a01b0316816001600160a01b031614155b8015610b7f5750610b7d81846105db565b155b15610ba85760405163a9fbf51f60e01b81526001600160a01b03841660048201526024016103bc565b8115610bf05783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f6001600160a01b038316158015906106cf5750826001600160a01b0316846001600160a01b03161480610c5a5750610c5a84846105db565b806106cf5750505f908152600460205260409020546001600160a01b03908116911614919050565b6001600160e01b031981168114610c97575f5ffd5b50565b5f60208284031215610caa575f5ffd5b81356105d481610c82565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6105d46020830184610cb5565b5f60208284031215610d05575f5ffd5b5035919050565b80356001600160a01b0381168114610d22575f5ffd5b919050565b5f5f60408385031215610d38575f5ffd5b610d4183610d0c565b946020939093013593505050565b5f5f5f60608486031215610d61575f5ffd5b610d6a84610d0c565b9250610d7860208501610d0c565b929592945050506040919091013590565b5f5f60408385031215610d9a575f5ffd5b82359150610daa60208401610d0c565b90509250929050565b5f60208284031215610dc3575f5ffd5b6105d482610d0c565b5f5f60408385031215610ddd575f5ffd5b610de683610d0c565b915060208301358015158114610dfa575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610e2c575f5ffd5b610e3585610d0c565b9350610e4360208601610d0c565b925060408501359150606085013567ffffffffffffffff811115610e65575f5ffd5b8501601f81018713610e75575f5ffd5b803567ffffffffffffffff811115610e8f57610e8f610e05565b604051601f8201601f19908116603f0116810167ffffffffffffffff81118282101715610ebe57610ebe610e05565b604052818152828201602001891015610ed5575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f60408385031215610f07575f5ffd5b610f1083610d0c565b9150610daa60208401610d0c565b600181811c90821680610f3257607f821691505b602082108103610f5057634e487b7160e01b5f52602260045260245ffd5b50919050565b5f81518060208401855e5f93019283525090919050565b5f6106cf610f7b8386610f56565b84610f56565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f90610fb390830184610cb5565b9695505050505050565b5f60208284031215610fcd575f5ffd5b81516105d481610c8256fea164736f6c6343000825000a",
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
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidGrant"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidGrantError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], grants.abi.Errors["InvalidRound"].ID.Bytes()[:4]) {
		return grants.UnpackInvalidRoundError(raw[4:])
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
