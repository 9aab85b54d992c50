package landing

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

// created is every fixture manifest's time, so their CIDs, and the
// golden exports, never change.
var created = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// hostileTitle and the like are what a stranger may put in a manifest to
// break out of each format.
const (
	hostileTitle = "Tricky } { % \\input{/etc/passwd} & $x$ # _ ^ ~ @misc{x, and </script><script>alert(1)</script>\nTY  - JOUR"
	hostileDesc  = "Line one\r\nER  - \r\nTY  - BOOK\n<img src=https://evil.example/x.png> \u2028 end %"
)

// fixture is a store holding one object of every kind, some anchored.
type fixture struct {
	dir   string
	store *notary.Store
	key   *keys.Key
	cids  map[string]cid.Cid
	files map[string][]byte // path -> bytes, of the dataset v1
	big   []byte            // big.bin of the dataset "big"
	dev   *chain.Dev
}

var (
	fixtureOnce sync.Once
	shared      *fixture
	fixtureErr  error
)

// getFixture builds the fixture once for the package's tests: the
// embedded chain and the notarizing take a few seconds.
func getFixture(t testing.TB) *fixture {
	t.Helper()
	fixtureOnce.Do(func() { shared, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.store.Close()
		if shared.dev != nil {
			shared.dev.Close()
		}
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func writeTree(root string, files map[string]string) error {
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// dagCBOR stores a small dag-cbor block (a run's method or outputs).
func dagCBOR(ctx context.Context, s *notary.Store, data []byte) (cid.Cid, error) {
	c, err := cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}.Sum(data)
	if err != nil {
		return cid.Undef, err
	}
	return c, s.PutBlock(ctx, c, data)
}

func buildFixture() (*fixture, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "landing-fixture-")
	if err != nil {
		return nil, err
	}
	s, err := notary.Open(filepath.Join(dir, "store"))
	if err != nil {
		return nil, err
	}
	f := &fixture{dir: dir, store: s, key: keys.NewKey(chain.DevAccounts()[1]), cids: map[string]cid.Cid{}}
	tree := func(name string, files map[string]string) (string, error) {
		p := filepath.Join(dir, "trees", name)
		return p, writeTree(p, files)
	}
	publish := func(name, path string, pub notary.Publication) error {
		pub.Created = created
		c, _, err := s.Notarize(ctx, path, pub, notary.ImportOptions{}, f.key)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		f.cids[name] = c
		return nil
	}
	authors := []notary.Author{{Name: "Ada Lovelace", ORCID: "0000-0002-1825-0097"}, {Name: "Grace Hopper"}}

	v1 := map[string]string{"data/values.csv": "id,value\n1,2\n", "data/données.csv": "a,b\n3,4\n", "README.md": "# Trial 42\n"}
	f.files = map[string][]byte{}
	for k, v := range v1 {
		f.files[k] = []byte(v)
	}
	p, err := tree("v1", v1)
	if err != nil {
		return nil, err
	}
	if err := publish("dataset", p, notary.Publication{Kind: notary.KindDataset, Title: "Trial 42 raw data", Description: "Synthetic example.",
		Authors: authors, License: "CC-BY-4.0", Keywords: []string{"oncology", "phase II"}}); err != nil {
		return nil, err
	}
	p, _ = tree("v2", map[string]string{"data/values.csv": "id,value\n1,2\n2,5\n"})
	if err := publish("v2", p, notary.Publication{Kind: notary.KindDataset, Title: "Trial 42, v2", Authors: authors, License: "CC-BY-4.0", Supersedes: f.cids["dataset"]}); err != nil {
		return nil, err
	}
	c, _, err := s.Correct(ctx, f.cids["dataset"], "values.csv is in mg, not g", "", notary.ImportOptions{}, f.key)
	if err != nil {
		return nil, err
	}
	f.cids["correction"] = c

	nb := `{"cells":[],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	p, _ = tree("method", map[string]string{"analysis.ipynb": nb})
	if err := publish("method", p, notary.Publication{Kind: notary.KindMethod, Title: "Survival analysis", Authors: authors[:1], License: "MIT"}); err != nil {
		return nil, err
	}
	mm, _ := s.Manifest(ctx, f.cids["method"])
	methodBlock, err := dagCBOR(ctx, s, []byte{0xa1, 0x61, 'm', 0x01})
	if err != nil {
		return nil, err
	}
	outputsBlock, err := dagCBOR(ctx, s, []byte{0xa1, 0x61, 'o', 0x02})
	if err != nil {
		return nil, err
	}
	p, _ = tree("run", map[string]string{"executed.ipynb": nb + "\n", "files/summary.csv": "hazard,0.82\n"})
	exe, err := notary.Import(ctx, filepath.Join(p, "executed.ipynb"), nil, notary.ImportOptions{})
	if err != nil {
		return nil, err
	}
	if err := publish("run", p, notary.Publication{Kind: notary.KindRun, Title: "Run of analysis.ipynb", Run: &notary.Run{
		Method: methodBlock, Notebook: mm.Content.Files[0].CID, Inputs: map[string]cid.Cid{"trial": f.cids["dataset"]},
		Params: map[string]string{"alpha": "0.05"}, Environment: map[string]string{"python": "3.13"},
		Executed: exe.Root, Outputs: outputsBlock, Started: created.Add(-time.Minute),
	}}); err != nil {
		return nil, err
	}
	p, _ = tree("result", map[string]string{"summary.csv": "hazard,0.82\n"})
	if err := publish("result", p, notary.Publication{Kind: notary.KindResult, Title: "Hazard ratio", Authors: authors[:1], License: "CC0-1.0"}); err != nil {
		return nil, err
	}
	report, err := s.PutRaw(ctx, []byte(`{"reproduced":true}`))
	if err != nil {
		return nil, err
	}
	c, _, err = s.NotarizeVerdict(ctx, notary.Publication{Kind: notary.KindAttestation, Title: "Reproduction of the run", Created: created,
		Attestation: &notary.Attestation{Run: f.cids["run"], Reproduced: true, Tolerance: "1e-09", Report: report}}, f.key)
	if err != nil {
		return nil, err
	}
	f.cids["attestation"] = c

	// Private kinds. The extract shares a file with a public dataset.
	p, _ = tree("consent", map[string]string{"consent.json": `{"permit":"HMB"}`})
	if err := publish("consent", p, notary.Publication{Kind: notary.KindConsent, Title: "Consent of S000017"}); err != nil {
		return nil, err
	}
	p, _ = tree("access", map[string]string{"access.json": `{"allowed":true}`})
	if err := publish("access", p, notary.Publication{Kind: notary.KindAccess, Title: "Access by 0x…"}); err != nil {
		return nil, err
	}
	settings, _ := s.PutRaw(ctx, []byte(`{"k":5}`))
	risk, _ := s.PutRaw(ctx, []byte(`{"rows":1}`))
	p, _ = tree("extract", map[string]string{"extract.csv": "shared,row\n"})
	if err := publish("extract", p, notary.Publication{Kind: notary.KindExtract, Title: "Extract for the diabetes study", Extract: &notary.Provenance{
		Dataset: f.cids["dataset"], Settings: settings, Risk: risk, Study: "trial-42", Requester: "0xabc", Purpose: "diabetes risk model",
	}}); err != nil {
		return nil, err
	}
	c, _, err = s.Correct(ctx, f.cids["extract"], "wrong study", "", notary.ImportOptions{}, f.key)
	if err != nil {
		return nil, err
	}
	f.cids["extract-correction"] = c
	p, _ = tree("shares", map[string]string{"extract-copy.csv": "shared,row\n", "own.csv": "mine\n"})
	if err := publish("shares", p, notary.Publication{Kind: notary.KindDataset, Title: "A dataset holding an extract's bytes"}); err != nil {
		return nil, err
	}

	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	p, _ = tree("sealed", map[string]string{"patients.csv": "subject,age\nS1,40\n"})
	c, _, err = s.NotarizeSealed(ctx, filepath.Join(p, "patients.csv"), []age.Recipient{id.Recipient()},
		notary.Publication{Kind: notary.KindDataset, Title: "Trial 42 patients", Created: created}, notary.ImportOptions{}, f.key)
	if err != nil {
		return nil, err
	}
	f.cids["sealed"] = c

	p, _ = tree("hostile", map[string]string{"a&b <c>.csv": "x\n", "dir/\"quoted\" name.txt": "y\n"})
	if err := publish("hostile", p, notary.Publication{Kind: notary.KindDataset, Title: hostileTitle, Description: hostileDesc,
		Authors: []notary.Author{{Name: "Smith and Jones, Ltd, {Inc}"}, {Name: "<b>Mallory</b>", ORCID: "0000-0002-1825-0097"}},
		License: "MIT OR Apache-2.0", Keywords: []string{"a}b", "c\nKW  - d"}}); err != nil {
		return nil, err
	}

	big := make([]byte, 3<<20+12345)
	for i := range big {
		big[i] = byte(i*7 + i>>11)
	}
	f.big = big
	p, _ = tree("big", map[string]string{"big.bin": string(big)})
	if err := publish("big", p, notary.Publication{Kind: notary.KindDataset, Title: "Three megabytes"}); err != nil {
		return nil, err
	}

	// Anchor what is queued so far on the embedded chain: the pages show
	// receipts.
	dev, err := chain.OpenDev(chain.DevOptions{Dir: filepath.Join(dir, "chain")})
	if err != nil {
		return nil, err
	}
	f.dev = dev
	addr, err := notary.DeployNotary(ctx, dev.Client(), f.key)
	if err != nil {
		return nil, err
	}
	if _, err := s.Anchor(ctx, dev.Client(), f.key, notary.AnchorOptions{Contract: addr, Poll: 10 * time.Millisecond}); err != nil {
		return nil, err
	}
	// One more, left queued.
	p, _ = tree("queued", map[string]string{"later.csv": "later\n"})
	if err := publish("queued", p, notary.Publication{Kind: notary.KindResult, Title: "Not anchored yet"}); err != nil {
		return nil, err
	}
	return f, nil
}

// fakeChain says the chain has finalized up to block final.
type fakeChain struct{ final int64 }

func (c fakeChain) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return &types.Header{Number: big.NewInt(c.final)}, nil
}

// handler serves the fixture under a public URL, so exports are stable.
func (f *fixture) handler(t testing.TB, o Options) *Handler {
	t.Helper()
	o.Notary, o.Index = f.store, f.store.Index()
	if o.PublicURL == "" {
		o.PublicURL = "https://desci.example.org"
	}
	if o.Refresh == 0 {
		o.Refresh = time.Nanosecond
	}
	h, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
