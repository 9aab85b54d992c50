package cli

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// consentAll enrolls subjects of study as one new patient and grants each
// the consent c (valid from now for a year), through the library: many
// subjects would take many command runs.
func consentAll(t testing.TB, home, study string, subjects []string, c policies.Consent) {
	t.Helper()
	ctx := context.Background()
	st, err := notary.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := policies.OpenRegistry(ctx, filepath.Join(home, "consents.db"), st, policies.Domain{ChainID: chain.ChainID().Uint64()})
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	priv, _ := crypto.GenerateKey()
	patient := keys.NewKey(priv)
	for _, s := range subjects {
		if err := reg.Enroll(study, s, patient.Address()); err != nil {
			t.Fatal(err)
		}
		c := c
		c.Study, c.Subject = study, s
		c.ValidFrom = time.Now().Add(-time.Hour).Truncate(time.Second)
		c.ValidUntil = c.ValidFrom.AddDate(1, 0, 0)
		if c.Nonce, err = reg.NextNonce(study, s); err != nil {
			t.Fatal(err)
		}
		sig, err := policies.Sign(c.TypedData(reg.Domain()), priv)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := policies.NewDocument(reg.Domain(), &c, nil, sig)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reg.Submit(ctx, doc, patient); err != nil {
			t.Fatal(err)
		}
	}
}
