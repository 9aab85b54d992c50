package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/desci-platform/desci/internal/testpg"
)

func TestMain(m *testing.M) { testpg.Main(m) }

// TestDatabaseUnreachable: one line naming the database (not its
// password) and where it was configured.
func TestDatabaseUnreachable(t *testing.T) {
	r := run(t, t.TempDir(), "--database", "postgres://desci:hunter2@127.0.0.1:1/desci", "ls")
	if r.code != exitError || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || strings.Contains(r.stderr, "hunter2") ||
		!strings.HasPrefix(r.stderr, "desci: database unreachable: postgres://desci:xxxxx@127.0.0.1:1/desci") || !strings.Contains(r.stderr, "--database") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestDatabaseKeepsTheIndex: with --database, $DESCI_DATABASE or
// config.json's "database", the index is in PostgreSQL (no index.db in the
// data dir), and every way of naming it reaches the same one.
func TestDatabaseKeepsTheIndex(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	dsn := testpg.DSN(t)
	home, src := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"values.csv": "id,value\n1,2\n"})
	mustRun(t, home, "keys", "new")
	c := mustRun(t, home, "--database", dsn, "notarize", src, "--kind", "dataset", "--title", "In PostgreSQL")
	if _, err := os.Stat(filepath.Join(home, "index.db")); err == nil {
		t.Error("the embedded index was written too")
	}
	if ls := mustRun(t, home, "ls"); strings.Contains(ls, c) {
		t.Errorf("without --database, ls shows %q", ls)
	}
	t.Setenv("DESCI_DATABASE", dsn)
	if ls := mustRun(t, home, "ls"); !strings.Contains(ls, c) {
		t.Errorf("with $DESCI_DATABASE, ls shows %q", ls)
	}
	mustRun(t, home, "anchor")
	t.Setenv("DESCI_DATABASE", "")
	os.WriteFile(filepath.Join(home, "config.json"), []byte(`{"database": "`+dsn+`"}`), 0o600)
	receipt := filepath.Join(t.TempDir(), "r.json")
	mustRun(t, home, "receipt", c, "-o", receipt)
	if b, err := os.ReadFile(receipt); err != nil || !strings.Contains(string(b), c) {
		t.Errorf("receipt: %v %.100s", err, b)
	}
}
