package keys

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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
