package landing

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/grants"
)

// A reviewer's approval of a dataset for a milestone, on the Grants
// contract of the embedded chain, shows on the dataset's page, read from
// the contract's events.
func TestGrantsCitingIt(t *testing.T) {
	f := getFixture(t)
	ctx := context.Background()
	client := f.dev.Client()
	addr, _, err := grants.Deploy(ctx, client, f.key, common.Address{1})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := grants.DeployTestUSD(ctx, client, f.key)
	if err != nil {
		t.Fatal(err)
	}
	g, err := grants.New(ctx, client, f.key, grants.Options{Contract: addr})
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := g.CreateGrant(ctx, grants.Terms{
		Beneficiary: f.key.Address(), Token: token, Deadline: time.Now().Add(48 * time.Hour), Reviewers: []common.Address{f.key.Address()},
		Milestones: []grants.Milestone{{Amount: big.NewInt(100), Description: "raw data <published>"}, {Amount: big.NewInt(200), Description: "analysis"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Approve(ctx, id, 0, f.cids["dataset"].Bytes()); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Approve(ctx, id, 1, []byte("not a CID")); err != nil {
		t.Fatal(err)
	}
	h := f.handler(t, Options{Grants: g})
	b := body(t, get(t, h, "/m/"+f.cids["dataset"].String()))
	want := "Grant 1, milestone 0 (raw data &lt;published&gt;): approved by <code>" + f.key.Address().Hex() + "</code>"
	if !strings.Contains(b, want) {
		t.Errorf("no %q in the page:\n%s", want, b)
	}
	if b := body(t, get(t, h, "/m/"+f.cids["method"].String())); strings.Contains(b, "Grants citing it") {
		t.Errorf("the method's page lists grants:\n%s", b)
	}
	// Read again from the next block: nothing twice.
	cs, _, head, err := g.Citations(ctx, 0)
	if err != nil || len(cs) != 2 {
		t.Fatalf("citations %v, %v", cs, err)
	}
	if more, _, _, err := g.Citations(ctx, head+1); err != nil || len(more) != 0 {
		t.Fatalf("from head+1: %v, %v", more, err)
	}
}
