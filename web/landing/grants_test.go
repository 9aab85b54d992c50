package landing

import (
	"context"
	"math/big"
	"reflect"
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
	want := "Grant 1, milestone 0 (raw data &lt;published&gt;): approved by <code>" + f.key.Address().Hex() + "</code></li>"
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

func TestCitationsGrouped(t *testing.T) {
	rev := func(i int) common.Address { return common.BigToAddress(big.NewInt(int64(i))) }
	var many []grants.Citation
	for i := range 30 {
		many = append(many, grants.Citation{Grant: uint64(i + 1), Reviewer: rev(1)})
	}
	many = append(many, grants.Citation{Grant: 30, Milestone: 0, Released: true, Block: 99})
	for _, tc := range []struct {
		name string
		in   []grants.Citation
		want []citationView
		more int
	}{
		{"none", nil, nil, 0},
		{"approvals and a release of one milestone", []grants.Citation{
			{Grant: 1, Milestone: 0, Description: "d", Reviewer: rev(1)}, {Grant: 1, Milestone: 0, Reviewer: rev(2)},
			{Grant: 1, Milestone: 0, Released: true, Block: 9}, {Grant: 2, Milestone: 1, Reviewer: rev(3)},
		}, []citationView{
			{Grant: 1, Milestone: 0, Description: "d", Reviewers: []string{rev(1).Hex(), rev(2).Hex()}, Approvals: 2, Released: true, ReleasedBlock: 9},
			{Grant: 2, Milestone: 1, Reviewers: []string{rev(3).Hex()}, Approvals: 1},
		}, 0},
		{"releases first, then at most 20", many, nil, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, more := citations(tc.in)
			if more != tc.more {
				t.Errorf("%d more, want %d", more, tc.more)
			}
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if tc.name == "releases first, then at most 20" && (len(got) != maxCitations || !got[0].Released || got[0].Grant != 30) {
				t.Errorf("%d listed, first %+v", len(got), got[0])
			}
		})
	}
}
