package policies

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Editing consents.db behind desci's back is an attack on the patients
// who revoked: each edit below, made straight in the bbolt file, is found
// by the gate (which then releases nothing) and by Verify.
func TestRegistryTampered(t *testing.T) {
	ctx := context.Background()
	key := func(s string) []byte { return subjectKey("trial-42", s) }
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, tx Tx, a, revoked, b *Document)
		want string
	}{
		{"a revoked consent brought back", func(t *testing.T, tx Tx, a, revoked, _ *Document) {
			put(t, tx, bucketLatest, key("S1"), revoked.Hash.Bytes())
		}, "the latest notarized is revocation"},
		{"the revocation deleted", func(t *testing.T, tx Tx, a, revoked, _ *Document) {
			rv := latestHash(tx, "S1")
			del(t, tx, bucketDocs, rv)
			put(t, tx, bucketLatest, key("S1"), revoked.Hash.Bytes())
		}, "is not recorded"},
		{"a consent widened", func(t *testing.T, tx Tx, _, _, b *Document) {
			editRecord(t, tx, b.Hash, func(rec *Record) { rec.Consent.Uses = []string{"NRES"} })
		}, "fields differ from its signed document"},
		{"a signed document swapped", func(t *testing.T, tx Tx, a, revoked, b *Document) {
			editRecord(t, tx, b.Hash, func(rec *Record) { rec.Document, _ = json.Marshal(revoked) })
		}, "its signed document is"},
		{"a patient re-enrolled", func(t *testing.T, tx Tx, _, _, _ *Document) {
			put(t, tx, bucketEnroll, key("S2"), common.Address{7}.Bytes())
		}, "not the subject's enrolled patient"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTestRegistry(t)
			patient := crypto.PubkeyToAddress(tr.patient.PublicKey)
			tr.Enroll("trial-42", "S1", patient)
			tr.Enroll("trial-42", "S2", patient)
			revoked := tr.consent(t, "S1", 1, nil)
			b := tr.consent(t, "S2", 1, nil)
			for _, d := range []*Document{revoked, b, tr.revocation(t, "S1", revoked.Hash, 2)} {
				if _, err := tr.Submit(ctx, d, tr.steward); err != nil {
					t.Fatal(err)
				}
			}
			if p, err := tr.Verify(ctx); err != nil || len(p) != 0 {
				t.Fatalf("untouched registry: %v, %v", p, err)
			}
			// Straight in the storage, behind desci's back.
			tr.Close()
			db := tr.storage(t)
			if err := db.Update(ctx, func(tx Tx) error { tc.edit(t, tx, revoked, revoked, b); return nil }); err != nil {
				t.Fatal(err)
			}
			db.Close()
			r, err := tr.reopen(t, tr.Domain())
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()

			problems, err := r.Verify(ctx)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0].String(), tc.want) {
				t.Fatalf("Verify = %v, %v; want a problem saying %q", problems, err, tc.want)
			}
			g, err := r.NewGate(ctx, GateOptions{Study: "trial-42", Request: Request{Purpose: "hmb"}}, tr.steward)
			if err == nil {
				// The only accepted outcome without an error: nothing of S1.
				bld := array.NewStringBuilder(memory.DefaultAllocator)
				bld.AppendValues([]string{"S1"}, nil)
				subjects := bld.NewStringArray()
				defer subjects.Release()
				if allow, _ := g.Allow(ctx, subjects); allow[0] {
					t.Fatal("the gate released the revoked subject's row")
				}
				if tc.want != "is not recorded" {
					t.Fatal("the gate applied a tampered registry")
				}
				return
			}
			if !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewGate = %v, want %v naming %q", err, ErrTampered, tc.want)
			}
		})
	}
}

// A document signed for another data dir's registry on the same chain is
// refused by name.
func TestRegistryOtherDeployment(t *testing.T) {
	ctx := context.Background()
	a, b := newTestRegistry(t), newTestRegistry(t)
	if a.Domain().Deployment == (common.Hash{}) || a.Domain().Deployment == b.Domain().Deployment {
		t.Fatalf("deployments %s and %s", a.Domain().Deployment, b.Domain().Deployment)
	}
	patient := crypto.PubkeyToAddress(a.patient.PublicKey)
	a.Enroll("trial-42", "S1", patient)
	b.Enroll("trial-42", "S1", patient)
	doc := a.consent(t, "S1", 1, nil)
	if _, err := a.Submit(ctx, doc, a.steward); err != nil {
		t.Fatal(err)
	}
	wire, _ := json.Marshal(doc)
	back, err := ParseDocument(wire)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Submit(ctx, back, b.steward); !errors.Is(err, ErrWrongDeployment) {
		t.Fatalf("a document of another deployment: %v, want %v", err, ErrWrongDeployment)
	}
	// The deployment id survives a reopen, and a rebuilt consents.db takes
	// it from the notarized documents (enrollments are the steward's to
	// record again).
	a.Close()
	path := filepath.Join(a.dir, "consents.db")
	r, err := OpenRegistry(ctx, path, a.st, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	if r.Domain() != a.Domain() {
		t.Fatalf("reopened with %+v, was %+v", r.Domain(), a.Domain())
	}
	r.Close()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	r, err = OpenRegistry(ctx, path, a.st, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Domain() != a.Domain() {
		t.Fatalf("rebuilt with %+v, was %+v", r.Domain(), a.Domain())
	}
}

func put(t *testing.T, tx Tx, b Bucket, k, v []byte) {
	t.Helper()
	if err := tx.Put(b, k, v); err != nil {
		t.Fatal(err)
	}
}

func del(t *testing.T, tx Tx, b Bucket, k []byte) {
	t.Helper()
	if err := tx.Delete(b, k); err != nil {
		t.Fatal(err)
	}
}

func latestHash(tx Tx, subject string) []byte {
	v, _ := tx.Get(bucketLatest, subjectKey("trial-42", subject))
	return bytes.Clone(v)
}

func editRecord(t *testing.T, tx Tx, h common.Hash, edit func(*Record)) {
	t.Helper()
	var rec Record
	v, err := tx.Get(bucketDocs, h.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(v, &rec); err != nil {
		t.Fatal(err)
	}
	edit(&rec)
	v, _ = json.Marshal(rec)
	put(t, tx, bucketDocs, h.Bytes(), v)
}
