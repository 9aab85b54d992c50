package grants

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// The test vectors of doc/gasless-donations.md.
func TestGaslessVectors(t *testing.T) {
	c := &Client{chainID: big.NewInt(1337), opts: Options{Contract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}}
	donor := common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
	for _, tt := range []struct {
		name string
		td   apitypes.TypedData
		want string
	}{
		{"donation", c.TypedData(Donation{Round: 1, Grant: 2, Amount: big.NewInt(2_500_000), Donor: donor, Nonce: big.NewInt(0), Deadline: 1767225600}),
			"0x9b67832859ff4e68ce7663ce29b6ba26024c2a1d64f4abfb12a41c00789642e4"},
		{"refund", c.RefundTypedData(RefundRequest{Grant: 2, Donor: donor, Nonce: big.NewInt(1), Deadline: 1767225600}),
			"0x4202b88fc0f4eb22567fc72121e346796e1df600001f5cfc6fc3185b13493aae"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, _, err := apitypes.TypedDataAndHash(tt.td)
			if err != nil {
				t.Fatal(err)
			}
			if got := common.BytesToHash(h).Hex(); got != tt.want {
				t.Errorf("digest %s, want %s", got, tt.want)
			}
		})
	}
}
