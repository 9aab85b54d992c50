package notary

import (
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
)

func runManifests() (run, att *Manifest) {
	created := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tree := mustCID("bafybeibglumulqb22jthhj724gyxf67dsgwuvouhqil4kst7t6g23gmz3e")
	file := mustCID("bafkreiafimswhh7n5omos4ofg2hhj5i5mpxprwwvjdfvtnkdjliq74uwha")
	block := mustCID("bafyreigqllsawgaz4rmfkivqdjdk3xt3fqzuuz5yrwcbwmyzpnrdxxgc64")
	run = &Manifest{
		Kind:    KindRun,
		Title:   "Run of model.ipynb",
		Created: created,
		Content: &Content{Root: tree, Profile: "unixfs-v1-2025", Files: []File{{Path: "executed.ipynb", CID: file, Size: 17}}},
		Run: &Run{
			Method: block, Notebook: file, Executed: file, Outputs: block,
			Inputs:      map[string]cid.Cid{"cohort": file},
			Params:      map[string]string{"seed": "42"},
			Environment: map[string]string{"kernel": "python3", "python": "3.11.2"},
			Started:     created.Add(-time.Minute),
		},
	}
	att = &Manifest{
		Kind:        KindAttestation,
		Title:       "Reproduction of Run of model.ipynb",
		Created:     created.Add(time.Hour),
		Attestation: &Attestation{Run: block, Reproduced: true, Tolerance: "1e-09", Report: file, Outputs: block},
	}
	return run, att
}

func TestRunManifests(t *testing.T) {
	key, _ := crypto.HexToECDSA(testKeyHex)
	run, att := runManifests()
	for _, m := range []*Manifest{run, att} {
		t.Run(m.Kind, func(t *testing.T) {
			if err := m.Sign(key); err != nil {
				t.Fatal(err)
			}
			c, data, err := m.Encode()
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeManifest(data)
			if err != nil {
				t.Fatal(err)
			}
			c2, _, _ := back.Encode()
			if !c2.Equals(c) {
				t.Fatal("decode/encode is not the identity")
			}
		})
	}
	cases := []struct {
		name   string
		m      func() *Manifest
		change func(m *Manifest)
	}{
		{"run without provenance", func() *Manifest { r, _ := runManifests(); return r }, func(m *Manifest) { m.Run = nil }},
		{"run without method", func() *Manifest { r, _ := runManifests(); return r }, func(m *Manifest) { m.Run.Method = cid.Undef }},
		{"run ends before it starts", func() *Manifest { r, _ := runManifests(); return r }, func(m *Manifest) { m.Run.Started = m.Created.Add(time.Second) }},
		{"run provenance on a dataset", func() *Manifest { r, _ := runManifests(); return r }, func(m *Manifest) { m.Kind = KindDataset }},
		{"attestation without verdict", func() *Manifest { _, a := runManifests(); return a }, func(m *Manifest) { m.Attestation = nil }},
		{"attestation without report", func() *Manifest { _, a := runManifests(); return a }, func(m *Manifest) { m.Attestation.Report = cid.Undef }},
		{"bad tolerance", func() *Manifest { _, a := runManifests(); return a }, func(m *Manifest) { m.Attestation.Tolerance = "-1" }},
		{"verdict on a result", func() *Manifest {
			r, a := runManifests()
			r.Kind = KindResult
			r.Run = nil
			r.Attestation = a.Attestation
			return r
		}, func(*Manifest) {}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m()
			tc.change(m)
			if err := m.Sign(key); !errors.Is(err, ErrInvalid) {
				t.Fatalf("Sign = %v, want ErrInvalid", err)
			}
		})
	}
}
