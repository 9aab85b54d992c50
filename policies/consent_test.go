package policies

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/ethsig"
)

var update = flag.Bool("update", false, "rewrite golden files")

// patientKeyHex is Hardhat's and Anvil's second development account.
const patientKeyHex = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"

// exampleDeployment is the salt of the deployment vector: keccak256("desci example deployment").
var exampleDeployment = crypto.Keccak256Hash([]byte("desci example deployment"))

func exampleConsent() *Consent {
	return &Consent{
		Study: "trial-42", Subject: "S000017", Uses: []string{"DS"}, Diseases: []string{"MONDO:0005015"},
		Modifiers: []string{"NPU", "TS"}, TimeLimit: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC),
		ValidFrom: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), ValidUntil: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC),
		Nonce: 1,
	}
}

func TestConsentSignature(t *testing.T) {
	key, _ := crypto.HexToECDSA(patientKeyHex)
	patient := crypto.PubkeyToAddress(key.PublicKey)
	c := exampleConsent()
	d := Domain{ChainID: 1337}
	sig, err := Sign(c.TypedData(d), key)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Signer(c.TypedData(d), sig); err != nil || got != patient {
		t.Fatalf("signer %s, %v; want %s", got, err, patient)
	}
	// The vector doc/consent.md shows.
	h, _ := Hash(c.TypedData(d))
	vector := "hash " + h.Hex() + "\nsignature 0x" + hex.EncodeToString(sig) + "\nsigner " + patient.Hex() + "\n"
	const golden = "testdata/consent-vector.txt"
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, []byte(vector), 0o644)
	}
	if want, _ := os.ReadFile(golden); string(want) != vector {
		t.Errorf("consent vector changed; if on purpose, run with -update and update doc/consent.md:\n%s", vector)
	}
	// The vector of a deployment: the same consent, the domain's salt
	// naming the registry (doc/consent.md).
	dd := Domain{ChainID: 1337, Deployment: exampleDeployment}
	dsig, err := Sign(c.TypedData(dd), key)
	if err != nil {
		t.Fatal(err)
	}
	dh, _ := Hash(c.TypedData(dd))
	wire, _ := MarshalTypedData(c.TypedData(dd))
	dvector := "salt " + exampleDeployment.Hex() + "\nhash " + dh.Hex() + "\nsignature 0x" + hex.EncodeToString(dsig) + "\nsigner " + patient.Hex() + "\ntypedData " + string(wire) + "\n"
	const dgolden = "testdata/consent-vector-deployment.txt"
	if *update {
		os.WriteFile(dgolden, []byte(dvector), 0o644)
	}
	if want, _ := os.ReadFile(dgolden); string(want) != dvector {
		t.Errorf("deployment vector changed; if on purpose, run with -update and update doc/consent.md:\n%s", dvector)
	}
	// The first vector's signature in EIP-2098's compact form (doc/consent.md).
	const compactVector = "0x0792b1849129c0d29893538f3d54f4cd4b21303c44f7630406a80d0e7ae9c21ef1a9dbc6db70d3ba739b503c44e4047faa14340cd25db5e8ad3b4ef7b3e70623"
	if cs, err := ethsig.Compact(sig); err != nil || hexutil.Encode(cs) != compactVector {
		t.Errorf("compact form %x, %v; doc/consent.md says %s", cs, err, compactVector)
	}
	if got, err := Signer(c.TypedData(d), hexutil.MustDecode(compactVector)); err != nil || got != patient {
		t.Errorf("the compact vector recovers %s, %v", got.Hex(), err)
	}
	if got, _ := Signer(c.TypedData(Domain{ChainID: 1337, Deployment: common.Hash{1}}), dsig); got == patient {
		t.Fatal("the signature verifies for another deployment")
	}

	for _, tc := range []struct {
		name string
		edit func(c *Consent, d *Domain)
	}{
		{"another study", func(c *Consent, d *Domain) { c.Study = "trial-43" }},
		{"a widened use", func(c *Consent, d *Domain) { c.Uses = []string{"GRU"} }},
		{"a dropped modifier", func(c *Consent, d *Domain) { c.Modifiers = []string{"TS"} }},
		{"a later end", func(c *Consent, d *Domain) { c.ValidUntil = c.ValidUntil.AddDate(1, 0, 0) }},
		{"another chain", func(c *Consent, d *Domain) { d.ChainID = 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c2, d2 := exampleConsent(), d
			tc.edit(c2, &d2)
			if got, _ := Signer(c2.TypedData(d2), sig); got == patient {
				t.Fatal("the signature still verifies")
			}
		})
	}
	bad := append([]byte{}, sig...)
	bad[64] = 5
	if _, err := Signer(c.TypedData(d), bad); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("malformed signature: %v", err)
	}
}

func TestConsentValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(c *Consent)
		ok   bool
	}{
		{"example", func(c *Consent) {}, true},
		{"unknown use", func(c *Consent) { c.Uses = []string{"XYZ"} }, false},
		{"unknown modifier", func(c *Consent) { c.Modifiers = []string{"NPU", "FOO"} }, false},
		{"DS without diseases", func(c *Consent) { c.Diseases = nil }, false},
		{"diseases without DS", func(c *Consent) { c.Uses = []string{"HMB"} }, false},
		{"not a MONDO id", func(c *Consent) { c.Diseases = []string{"DOID:9352"} }, false},
		{"GS without region", func(c *Consent) { c.Modifiers = []string{"GS"} }, false},
		{"COL without investigators", func(c *Consent) { c.Modifiers = []string{"COL"} }, false},
		{"TS without date", func(c *Consent) { c.TimeLimit = time.Time{} }, false},
		{"ends before it starts", func(c *Consent) { c.ValidUntil = c.ValidFrom }, false},
		{"no subject", func(c *Consent) { c.Subject = "" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := exampleConsent()
			tc.edit(c)
			err := c.Validate()
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalidConsent)) {
				t.Fatalf("Validate = %v", err)
			}
		})
	}
}

func TestDomainJSON(t *testing.T) {
	d := Domain{ChainID: 1337, Deployment: exampleDeployment}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"desci consent","version":"1","chainId":1337,"salt":"` + exampleDeployment.Hex() + `"}`
	if string(b) != want {
		t.Fatalf("domain %s, want %s", b, want)
	}
	for _, in := range []string{want, `{"name":"desci consent","version":"1","chainId":"0x539","salt":"` + exampleDeployment.Hex() + `"}`} {
		var back Domain
		if err := json.Unmarshal([]byte(in), &back); err != nil || back != d {
			t.Errorf("%s: %+v, %v", in, back, err)
		}
	}
	if b, _ := json.Marshal(Domain{ChainID: 1}); strings.Contains(string(b), "salt") {
		t.Errorf("a domain without a deployment writes a salt: %s", b)
	}
	var back Domain
	if err := json.Unmarshal([]byte(`{"name":"other","version":"1","chainId":1}`), &back); !errors.Is(err, ErrInvalidConsent) {
		t.Errorf("another domain name: %v", err)
	}
}
