package notebooks

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// testKeyHex is Hardhat's and Anvil's first development account, as in
// notary's vectors.
const testKeyHex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

type manifestVector struct {
	Name           string `json:"name"`
	SigningMessage string `json:"signing_message"`
	DagCBORHex     string `json:"dag_cbor_hex"`
	CID            string `json:"cid"`
}

// TestRunManifestVectors pins the encoding of a run and of an attestation
// (doc/manifest.md, "Notebook runs and attestations").
func TestRunManifestVectors(t *testing.T) {
	key, _ := crypto.HexToECDSA(testKeyHex)
	must := func(s string) cid.Cid {
		c, err := cid.Decode(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	created := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	run := &notary.Manifest{
		Kind:    notary.KindRun,
		Title:   "Run of minimal.ipynb",
		Created: created,
		Content: &notary.Content{Root: must("bafybeibglumulqb22jthhj724gyxf67dsgwuvouhqil4kst7t6g23gmz3e"), Profile: "unixfs-v1-2025", Files: []notary.File{
			{Path: "executed.ipynb", CID: must("bafkreicyjtijglzk3br26tmah2dohz24hbi2g4h5cdowkdfqeapepqac5e"), Size: 10},
			{Path: "files/mean.csv", CID: must("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha"), Size: 17},
		}},
		Run: &notary.Run{
			Method:      must("bafyreiapwb6nsfaqonfozqr2cxmfpkntlpf4yqvtaz5eumt4ib22qxsy4e"),
			Notebook:    must("bafkreibc6q27zy5sjrq4okthlczuwqoowmn7uojs4muse7htsorrveu5be"),
			Inputs:      map[string]cid.Cid{"cohort": must("bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64")},
			Params:      map[string]string{"seed": "0"},
			Environment: map[string]string{"kernel": "python3", "language": "python", "python": "3.11.2", "nbconvert": "6.5.3", "ipykernel": "6.17.0", "pandas": "1.5.3"},
			Executed:    must("bafkreicyjtijglzk3br26tmah2dohz24hbi2g4h5cdowkdfqeapepqac5e"),
			Outputs:     must("bafyreidavlbixgibxpw5mzocrgnepx2lzjazjffiunmhmdzpk35ysyzrmm"),
			Started:     created.Add(-5 * time.Second),
		},
	}
	var got []manifestVector
	sign := func(name string, m *notary.Manifest) cid.Cid {
		if err := m.Sign(key); err != nil {
			t.Fatal(err)
		}
		msg, _ := m.SigningMessage()
		c, data, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := notary.DecodeManifest(data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got = append(got, manifestVector{name, string(msg), hex.EncodeToString(data), c.String()})
		return c
	}
	runCID := sign("run", run)
	sign("attestation", &notary.Manifest{
		Kind:    notary.KindAttestation,
		Title:   "Reproduction of Run of minimal.ipynb",
		Created: created.Add(time.Hour),
		Attestation: &notary.Attestation{Run: runCID, Reproduced: true, Tolerance: "1e-09",
			Report:  must("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"),
			Outputs: must("bafyreidavlbixgibxpw5mzocrgnepx2lzjazjffiunmhmdzpk35ysyzrmm")},
	})
	checkGolden(t, "testdata/run-vectors.json", got)
	doc, err := os.ReadFile("../doc/manifest.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if !strings.Contains(string(doc), v.CID) {
			t.Errorf("doc/manifest.md does not show the %s vector %s", v.Name, v.CID)
		}
	}
}
