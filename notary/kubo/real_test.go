package kubo

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"

	"github.com/desci-platform/desci/internal/testkubo"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/blockstoretest"
)

// TestRealKubo publishes to a real Kubo daemon (offline, on loopback):
// what is pinned, and bytes read back through `ipfs cat` and the gateway
// equal to what was added; private manifests, their content and sealed
// ciphertext never reach the node, unless opted in.
func TestRealKubo(t *testing.T) {
	node := testkubo.Start(t, testkubo.Options{})
	ctx := context.Background()
	dir := t.TempDir()
	st, err := notary.Open(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	priv, _ := crypto.GenerateKey()
	signer := keys.NewKey(priv)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, "src", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notarize := func(kind, path string, extract *notary.Provenance) (cid.Cid, *notary.Manifest) {
		c, m, err := st.Notarize(ctx, path, notary.Publication{Kind: kind, Title: kind + " " + filepath.Base(path), Extract: extract}, notary.ImportOptions{}, signer)
		if err != nil {
			t.Fatal(err)
		}
		return c, m
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 300_000) // several chunks
	write("dataset/values.csv", []byte("id,value\n1,2\n"))
	write("dataset/big.bin", big)
	dataset, dm := notarize(notary.KindDataset, filepath.Join(dir, "src", "dataset"), nil)
	consent, cm := notarize(notary.KindConsent, write("consent.json", []byte(`{"subject":"patient-7","duo":["DUO:0000007"]}`)), nil)
	settings, err := st.PutRaw(ctx, []byte(`{"k":5,"secret-salt":"s3"}`))
	if err != nil {
		t.Fatal(err)
	}
	extract, em := notarize(notary.KindExtract, write("extract.csv", []byte("pseudonym,age\nab12,41\n")), &notary.Provenance{Dataset: dataset, Settings: settings, Risk: settings, Study: "s1", Requester: "r", Purpose: "p"})
	steward, _ := age.GenerateX25519Identity()
	sealed, sm, err := st.NotarizeSealed(ctx, write("raw.csv", []byte("name,dob\nAda,1815-12-10\n")), []age.Recipient{steward.Recipient()},
		notary.Publication{Kind: notary.KindDataset, Title: "raw"}, notary.ImportOptions{}, signer)
	if err != nil {
		t.Fatal(err)
	}
	// A correction of the extract counts as an extract.
	corr, _, err := st.Correct(ctx, extract, "a row was wrong", write("extract2.csv", []byte("pseudonym,age\nab12,42\n")), notary.ImportOptions{}, signer)
	if err != nil {
		t.Fatal(err)
	}
	// A public result whose previous version is the extract: the link
	// stays, the extract does not leave.
	result, _, err := st.Notarize(ctx, write("result.txt", []byte("effect size 0.4\n")), notary.Publication{Kind: notary.KindResult, Title: "result", Supersedes: extract}, notary.ImportOptions{}, signer)
	if err != nil {
		t.Fatal(err)
	}

	k := &Client{URL: node.API}
	f, err := NewFilter(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []cid.Cid{dataset, sealed, result} {
		if _, err := k.PublishPublic(ctx, f, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []cid.Cid{consent, extract, corr} {
		if _, err := k.PublishPublic(ctx, f, c); !errors.Is(err, ErrPrivate) {
			t.Errorf("publishing private %s: %v", c, err)
		}
	}

	pins := node.Run("pin", "ls", "--type=all", "--quiet")
	has := func(c cid.Cid) bool {
		_, err := node.Try("block", "stat", "--offline", c.String())
		return err == nil
	}
	t.Run("what is pinned", func(t *testing.T) {
		for _, c := range []cid.Cid{dataset, dm.Content.Root, sealed} {
			if !strings.Contains(pins, c.String()) && !pinnedBelow(t, node, c) {
				t.Errorf("%s is not pinned:\n%s", c, pins)
			}
		}
		out := node.Run("pin", "ls", "--type=recursive", "--quiet")
		if !strings.Contains(out, dataset.String()) {
			t.Errorf("the public dataset %s is not pinned recursively:\n%s", dataset, out)
		}
		if out := node.Run("pin", "ls", "--type=direct", "--quiet"); !strings.Contains(out, sealed.String()) || !strings.Contains(out, result.String()) {
			t.Errorf("the sealed dataset's manifest %s and the result %s are not pinned alone:\n%s", sealed, result, out)
		}
	})
	t.Run("nothing private on the node", func(t *testing.T) {
		private := []cid.Cid{consent, cm.Content.Root, extract, em.Content.Root, settings, corr, sm.Content.Sealed}
		for _, c := range private {
			if strings.Contains(pins, c.String()) || has(c) {
				t.Errorf("private block %s reached the node", c)
			}
		}
	})
	t.Run("bytes read back are the bytes added", func(t *testing.T) {
		want, _ := os.ReadFile(filepath.Join(dir, "src", "dataset", "big.bin"))
		p := "/ipfs/" + dm.Content.Root.String() + "/big.bin"
		cmd := node.Command("cat", p)
		got, err := cmd.Output()
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("ipfs cat %s: %d bytes, %v", p, len(got), err)
		}
		resp, err := http.Get(node.Gateway + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !bytes.Equal(body, want) {
			t.Fatalf("gateway %s: %s, %d bytes", p, resp.Status, len(body))
		}
		if resp, err := http.Get(node.Gateway + "/ipfs/" + em.Content.Root.String()); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				t.Errorf("the gateway serves the extract")
			}
		}
	})
	t.Run("an operator opts in per kind", func(t *testing.T) {
		kinds, err := ParseKinds("public,consent")
		if err != nil {
			t.Fatal(err)
		}
		f, err := NewFilter(ctx, st, kinds)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := k.PublishPublic(ctx, f, consent); err != nil {
			t.Fatal(err)
		}
		if !has(consent) || has(extract) {
			t.Errorf("opted into consents: consent on node %v, extract on node %v", has(consent), has(extract))
		}
		if _, err := ParseKinds("public,secrets"); err == nil {
			t.Error("an unknown kind was accepted")
		}
	})
	t.Run("content published alone is pinned recursively", func(t *testing.T) {
		if _, err := k.PublishPublic(ctx, f, dm.Content.Root); err != nil {
			t.Fatal(err)
		}
		if ok, err := k.Pinned(ctx, dm.Content.Root); err != nil || !ok {
			t.Fatalf("pinned %v, %v", ok, err)
		}
	})
	t.Run("a block the store lacks", func(t *testing.T) {
		missing, _ := cid.Decode("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
		if _, err := k.PublishPublic(ctx, f, missing); err == nil {
			t.Fatal("published a DAG the store does not have")
		}
	})
}

// pinnedBelow reports whether c is under a recursive pin.
func pinnedBelow(t *testing.T, node *testkubo.Node, c cid.Cid) bool {
	out, err := node.Try("pin", "ls", c.String())
	return err == nil && strings.Contains(out, c.String())
}

// TestBlockstoreOnRealKubo runs the blockstore conformance suite against a
// real Kubo node, then has the node lose and alter blocks behind our back.
func TestBlockstoreOnRealKubo(t *testing.T) {
	node := testkubo.Start(t, testkubo.Options{})
	bs := NewBlockstore(&Client{URL: node.API})
	blockstoretest.Run(t, bs)

	ctx := context.Background()
	b := blockstoretest.Raw([]byte("a block the node will lose"))
	if err := bs.Put(ctx, b); err != nil {
		t.Fatal(err)
	}
	node.Run("block", "rm", b.Cid().String())
	if _, err := bs.Get(ctx, b.Cid()); !ipld.IsNotFound(err) {
		t.Errorf("a block the node lost: %v, want not found", err)
	}

	// A node on the wrong end of the wire answers other bytes.
	liar := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/block/get") {
			w.Write([]byte("not the block you asked for"))
			return
		}
		http.Error(w, `{"Message":"nope"}`, 500)
	}))
	defer liar.Close()
	if _, err := NewBlockstore(&Client{URL: liar.URL}).Get(ctx, b.Cid()); !errors.Is(err, ErrWrongBlock) {
		t.Errorf("altered block: %v, want ErrWrongBlock", err)
	}
}
