package grants

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// The same client works over JSON-RPC against the embedded chain served
// on 127.0.0.1, as against any node: deploy, create, donate with a
// permit, status.
func TestOverJSONRPC(t *testing.T) {
	ctx := context.Background()
	dev, err := chain.OpenDev(chain.DevOptions{Dir: t.TempDir(), HTTP: "127.0.0.1:0"})
	must(t, err)
	defer dev.Close()
	rpcClient, err := ethclient.Dial(dev.HTTPEndpoint())
	must(t, err)
	defer rpcClient.Close()
	owner, donor := keys.NewKey(chain.DevAccounts()[0]), keys.NewKey(chain.DevAccounts()[1])
	notaryAddr, err := notary.DeployNotary(ctx, rpcClient, owner)
	must(t, err)
	addr, _, err := Deploy(ctx, rpcClient, owner, notaryAddr)
	must(t, err)
	token, _, err := DeployTestUSD(ctx, rpcClient, owner)
	must(t, err)
	oc, err := New(ctx, rpcClient, owner, Options{Contract: addr})
	must(t, err)
	dc, err := New(ctx, rpcClient, donor, Options{Contract: addr})
	must(t, err)
	must(t, second(oc.Mint(ctx, token, donor.Address(), big.NewInt(1000))))
	if _, err := dc.Mint(ctx, token, donor.Address(), big.NewInt(1)); err == nil {
		t.Error("a key that did not deploy the token minted")
	}
	id, _, err := oc.CreateGrant(ctx, Terms{Beneficiary: owner.Address(), Token: token, Deadline: time.Now().Add(time.Hour),
		Milestones: []Milestone{{big.NewInt(500), "all"}}, Reviewers: []common.Address{donor.Address()}})
	must(t, err)
	must(t, second(dc.DonateWithPermit(ctx, id, big.NewInt(200))))
	st, err := dc.Status(ctx, id)
	must(t, err)
	if st.Raised.Int64() != 200 || len(st.Donors) != 1 || st.Donors[0].Donor != donor.Address() || st.State != "open" {
		t.Errorf("status %+v", st)
	}
}
