package keys

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestStewards(t *testing.T) {
	s, err := OpenStewards(t.TempDir(), Options{LightKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unlock("pw"); !errors.Is(err, ErrNoStewardKey) {
		t.Fatalf("empty: got %v", err)
	}
	if _, err := s.StudySecret("trial-1", nil, true); !errors.Is(err, ErrNoStewardKey) {
		t.Fatalf("secret without a steward: got %v", err)
	}
	r, err := s.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	if names, _ := s.List(); len(names) != 1 || names[0] != r.String() {
		t.Fatalf("List = %v, want [%s]", names, r)
	}
	if _, err := s.Unlock("wrong"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: got %v", err)
	}
	ids, err := s.Unlock("pw")
	if err != nil {
		t.Fatal(err)
	}

	a1, err := s.StudySecret("trial-1", ids, true)
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := s.StudySecret("trial-1", ids, true)
	b, _ := s.StudySecret("trial-2", ids, true)
	if len(a1) != 32 || !bytes.Equal(a1, a2) || bytes.Equal(a1, b) {
		t.Fatal("a study's secret must be stable and differ from another study's")
	}
	stored, _ := os.ReadFile(filepath.Join(s.dir, "studies", "trial-1.age"))
	if bytes.Contains(stored, a1) {
		t.Fatal("secret stored in the clear")
	}
	other, _ := age.GenerateX25519Identity()
	if _, err := s.StudySecret("trial-1", []age.Identity{other}, true); err == nil {
		t.Fatal("a stranger's key opened the study secret")
	}
	if _, err := s.StudySecret("trial-3", ids, false); !errors.Is(err, ErrNoStudySecret) {
		t.Fatalf("missing secret without create: got %v", err)
	}
	if _, err := s.StudySecret("../escape", ids, true); err == nil {
		t.Fatal("a study name with a path was accepted")
	}
}

func TestLoadPlainIdentity(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	p := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(p, []byte("# created by age-keygen\n"+id.String()+"\n"), 0o600)
	ids, err := LoadIdentities(p, "")
	if err != nil || len(ids) != 1 {
		t.Fatalf("LoadIdentities = %v, %v", ids, err)
	}
}

// New steward keys are post-quantum; a data dir's X25519 keys still open
// what was sealed to them, and once it has a post-quantum key new data is
// sealed to that only (age refuses to mix the two).
func TestStewardsPostQuantum(t *testing.T) {
	s, err := OpenStewards(t.TempDir(), Options{LightKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.NewX25519("pw")
	if err != nil {
		t.Fatal(err)
	}
	// Data sealed before the data dir had a post-quantum key.
	before, err := s.Unlock("pw")
	if err != nil {
		t.Fatal(err)
	}
	secretBefore, err := s.StudySecret("trial-1", before, true)
	if err != nil {
		t.Fatal(err)
	}
	pq, err := s.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pq.String(), "age1pq1") {
		t.Fatalf("new steward key %.20s..., want a hybrid age1pq1 recipient", pq)
	}
	names, err := s.List()
	if err != nil || len(names) != 2 || !slices.Contains(names, pq.String()) || !slices.Contains(names, old.String()) {
		t.Fatalf("List = %v, %v", names, err)
	}
	ids, err := s.Unlock("pw")
	if err != nil || len(ids) != 2 {
		t.Fatalf("Unlock = %d identities, %v", len(ids), err)
	}
	var pqID, xID []age.Identity
	for _, id := range ids {
		switch id.(type) {
		case *age.HybridIdentity:
			pqID = append(pqID, id)
		case *age.X25519Identity:
			xID = append(xID, id)
		}
	}
	if len(pqID) != 1 || len(xID) != 1 {
		t.Fatalf("identities %T", ids)
	}
	if got, err := s.StudySecret("trial-1", xID, false); err != nil || !bytes.Equal(got, secretBefore) {
		t.Fatalf("the X25519 key no longer opens what was sealed to it: %v", err)
	}
	// A new study's secret is sealed post-quantum only.
	if _, err := s.StudySecret("trial-2", ids, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StudySecret("trial-2", pqID, false); err != nil {
		t.Fatalf("the post-quantum key does not open new data: %v", err)
	}
	if _, err := s.StudySecret("trial-2", xID, false); err == nil {
		t.Fatal("new data was sealed to the X25519 key too")
	}
	stored, _ := os.ReadFile(filepath.Join(s.dir, "studies", "trial-2.age"))
	if !bytes.Contains(stored, []byte("mlkem768x25519")) {
		t.Fatalf("the new secret's header names no ML-KEM stanza:\n%.200s", stored)
	}
	// Naming an X25519 recipient beside post-quantum keys is refused.
	if _, err := SealTo([]age.Recipient{pq}, []age.Recipient{old}); !errors.Is(err, ErrMixedRecipients) {
		t.Fatalf("mixed recipients: %v", err)
	}
	if rs, err := SealTo([]age.Recipient{old}, nil); err != nil || len(rs) != 1 {
		t.Fatalf("an X25519-only data dir: %v, %v", rs, err)
	}
}
