package policies

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFromFHIR(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		file string
		want Consent
	}{
		{"testdata/fhir-r4-consent.json", Consent{Uses: []string{"HMB"}, Modifiers: []string{"NPU", "IRB"},
			ValidFrom: day("2026-11-21"), ValidUntil: day("2027-12-31")}},
		{"testdata/fhir-r5-consent.json", Consent{Uses: []string{"DS"}, Diseases: []string{"MONDO:0005015"}, Modifiers: []string{"COL"},
			Investigators: []string{"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}, ValidFrom: day("2026-11-21"), ValidUntil: day("2028-06-30")}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := FromFHIR(b)
			if err != nil {
				t.Fatal(err)
			}
			w := tc.want
			if !slices.Equal(c.Uses, w.Uses) || !slices.Equal(c.Modifiers, w.Modifiers) || !slices.Equal(c.Diseases, w.Diseases) ||
				!slices.Equal(c.Investigators, w.Investigators) || !c.ValidFrom.Equal(w.ValidFrom) || !c.ValidUntil.Equal(w.ValidUntil) {
				t.Fatalf("got %+v\nwant %+v", c, w)
			}
			c.Study, c.Subject, c.Nonce = "trial-42", "S1", 1
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
	r4, _ := os.ReadFile("testdata/fhir-r4-consent.json")
	for _, tc := range []struct{ name, from, to, want string }{
		{"not a consent", `"resourceType": "Consent"`, `"resourceType": "Patient"`, "not Consent"},
		{"inactive", `"status": "active"`, `"status": "inactive"`, "only an active consent"},
		{"a deny", `"type": "permit"`, `"type": "deny"`, "only permits"},
		{"an unmapped purpose", `"HRESCH"`, `"TREAT"`, "no DUO mapping"},
		{"an unmapped DUO code", `"DUO:0000045"`, `"DUO:0000999"`, "not one this version maps"},
		{"no end", `"end": "2027-12-31"`, `"end": ""`, "time-limited"},
		{"a bad date", `"end": "2027-12-31"`, `"end": "2027"`, "not a date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(string(r4), tc.from, tc.to, 1)
			_, err := FromFHIR([]byte(bad))
			if !errors.Is(err, ErrInvalidConsent) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("FromFHIR = %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzFromFHIR(f *testing.F) {
	for _, p := range []string{"testdata/fhir-r4-consent.json", "testdata/fhir-r5-consent.json"} {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := FromFHIR(b)
		if err != nil {
			return
		}
		if len(c.Uses) == 0 || c.ValidUntil.IsZero() {
			t.Fatalf("mapped a consent with no use or no end: %+v", c)
		}
	})
}
