package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/car"
)

type result struct {
	stdout, stderr string
	code           int
}

// run runs desci in process against dataDir.
func run(t testing.TB, dataDir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"--data-dir", dataDir, "--lightkdf"}, args...), strings.NewReader(""), &out, &errb)
	return result{out.String(), errb.String(), code}
}

func mustRun(t testing.TB, dataDir string, args ...string) string {
	t.Helper()
	r := run(t, dataDir, args...)
	if r.code != 0 {
		t.Fatalf("desci %v: exit %d: %s", args, r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// storeFiles counts the files under a data dir's blockstore.
func storeFiles(t testing.TB, dataDir string) int {
	n := 0
	filepath.WalkDir(filepath.Join(dataDir, "blocks"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".data" {
			n++
		}
		return nil
	})
	return n
}

func TestPublishingStory(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "correct horse")
	home, other := t.TempDir(), t.TempDir()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,2\n", "README.md": "# study\n"})

	mustRun(t, home, "init")
	addr := mustRun(t, home, "keys", "new")
	if !strings.HasPrefix(addr, "0x") || len(addr) != 42 {
		t.Fatalf("keys new printed %q", addr)
	}
	if got := mustRun(t, home, "keys", "list"); got != addr {
		t.Errorf("keys list = %q", got)
	}
	root := mustRun(t, home, "cid", src)
	v1 := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Study data",
		"--author", "Ada Lovelace <https://orcid.org/0000-0002-1825-0097>", "--license", "CC-BY-4.0", "--keyword", "trial")

	var shown notary.ManifestJSON
	if err := json.Unmarshal([]byte(mustRun(t, home, "show", v1, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Content.Root != root || shown.Signer != addr || shown.Authors[0].ORCID != "0000-0002-1825-0097" || len(shown.Content.Files) != 2 {
		t.Errorf("show --json: %+v", shown)
	}

	writeFiles(t, src, map[string]string{"data/values.csv": "id,value\n1,3\n"})
	v2 := mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "Study data v2", "--supersedes", v1)
	fix := mustRun(t, home, "correct", v1, "--reason", "row 1 was mistyped")

	for _, from := range []string{v1, v2, fix} {
		var hist []notary.ManifestJSON
		if err := json.Unmarshal([]byte(mustRun(t, home, "log", from, "--json")), &hist); err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, h := range hist {
			order = append(order, h.CID)
		}
		if want := []string{v1, fix, v2}; strings.Join(order, " ") != strings.Join(want, " ") {
			t.Errorf("log %s = %v, want %v", from, order, want)
		}
	}
	if ls := mustRun(t, home, "ls"); strings.Count(ls, "\n") != 2 {
		t.Errorf("ls shows %q", ls)
	}

	var crate map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, home, "show", v1, "--ro-crate")), &crate); err != nil || crate["@context"] != "https://w3id.org/ro/crate/1.1/context" {
		t.Errorf("ro-crate: %v %v", err, crate["@context"])
	}

	// Move the first version to another data dir through a CAR and read it back.
	carFile := filepath.Join(t.TempDir(), "v1.car")
	mustRun(t, home, "export", v1, "-o", carFile)
	if got := mustRun(t, other, "import", carFile); got != v1 {
		t.Errorf("import printed %q", got)
	}
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, other, "get", v1, "-o", out)
	if b, _ := os.ReadFile(filepath.Join(out, "data/values.csv")); string(b) != "id,value\n1,2\n" {
		t.Errorf("got back %q", b)
	}
	if !strings.Contains(mustRun(t, other, "show", v1), "signature valid") {
		t.Error("show in the other data dir does not check the signature")
	}
	mustRun(t, other, "repo", "verify")

	// Keys move between data dirs.
	priv := mustRun(t, home, "keys", "export", "--private-key")
	if got := mustRun(t, other, "keys", "import", "--private-key", priv); got != addr {
		t.Errorf("imported key %s, want %s", got, addr)
	}
}

func TestDataDirFromEnv(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	t.Setenv("DESCI_HOME", dir)
	var out, errb bytes.Buffer
	if code := Main([]string{"init"}, nil, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "index.db")); err != nil {
		t.Errorf("DESCI_HOME not used: %v", err)
	}
}

// badManifestCAR is a CAR holding a manifest whose signature was made by
// one key while it names another as signer.
func badManifestCAR(t *testing.T) (string, cid.Cid) {
	a, _ := crypto.GenerateKey()
	b, _ := crypto.GenerateKey()
	content := []byte("x")
	sum, _ := mh.Sum(content, mh.SHA2_256, -1)
	root := cid.NewCidV1(cid.Raw, sum)
	m := &notary.Manifest{Kind: notary.KindDataset, Title: "forged", Created: mustTime(),
		Content: &notary.Content{Root: root, Profile: notary.DefaultProfile}}
	if err := m.Sign(a); err != nil {
		t.Fatal(err)
	}
	m.Signer = crypto.PubkeyToAddress(b.PublicKey)
	c, data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := car.NewWriter(&buf, []cid.Cid{c})
	w.Put(c, data)
	w.Put(root, content)
	w.Flush()
	p := filepath.Join(t.TempDir(), "forged.car")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p, c
}

func TestBadInput(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "right")
	home := t.TempDir()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a"})
	mustRun(t, home, "keys", "new")
	root := mustRun(t, home, "add", src)
	carFile := filepath.Join(t.TempDir(), "good.car")
	mustRun(t, home, "export", root, "-o", carFile)
	good, _ := os.ReadFile(carFile)
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-1] ^= 1
	corruptFile := filepath.Join(t.TempDir(), "corrupt.car")
	os.WriteFile(corruptFile, corrupt, 0o644)
	truncFile := filepath.Join(t.TempDir(), "trunc.car")
	os.WriteFile(truncFile, good[:len(good)-5], 0o644)
	fifo := filepath.Join(t.TempDir(), "fifo")
	syscall.Mkfifo(fifo, 0o644)
	forged, forgedCID := badManifestCAR(t)
	mustRun(t, home, "import", forged)

	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		msg  string
	}{
		{"missing path", nil, []string{"add", filepath.Join(src, "nope")}, 1, "no such file"},
		{"unsupported file", nil, []string{"add", fifo}, 1, "unsupported file type"},
		{"corrupt CAR", nil, []string{"import", corruptFile}, 1, "does not match its CID"},
		{"truncated CAR", nil, []string{"import", truncFile}, 1, "truncated"},
		{"CID not in store", nil, []string{"get", "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", "-o", filepath.Join(t.TempDir(), "x")}, 1, "not in the store"},
		{"not a CID", nil, []string{"show", "hello"}, 2, "not a CID"},
		{"wrong passphrase", map[string]string{"DESCI_PASSPHRASE": "wrong"}, []string{"notarize", src, "--kind", "dataset", "--title", "T"}, 1, "wrong passphrase"},
		{"forged manifest", nil, []string{"show", forgedCID.String()}, 1, "signature does not match"},
		{"unknown profile", nil, []string{"cid", "--profile", "mystery", src}, 2, "unknown import profile"},
		{"unknown kind", nil, []string{"notarize", src, "--kind", "poem", "--title", "T"}, 1, "kind \"poem\""},
		{"bad ORCID", nil, []string{"notarize", src, "--kind", "dataset", "--title", "T", "--author", "X <0000-0000-0000-0000>"}, 2, "not a valid ORCID"},
		{"unknown command", nil, []string{"frobnicate"}, 2, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			before := storeFiles(t, home)
			r := run(t, home, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, c.code, r.stderr)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, c.msg) {
				t.Errorf("stderr %q, want one line saying %q", r.stderr, c.msg)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q on failure", r.stdout)
			}
			if after := storeFiles(t, home); after != before {
				t.Errorf("store went from %d to %d blocks", before, after)
			}
		})
	}
}

func mustTime() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
