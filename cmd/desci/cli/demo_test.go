package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDemo plays desci demo --exit: the whole story through the API.
func TestDemo(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "demo")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, dataDir: t.TempDir(), lightKDF: true}
	defer e.close()
	if err := e.demo(ctx, "127.0.0.1:0", true, false, ""); err != nil {
		t.Fatalf("demo: %v\n%s%s", err, out.String(), errb.String())
	}
	for _, want := range []string{
		"OK  method", // the reviewer's verify from a fresh data dir
		"180 rows (the revoked patient's are not in it)", // consent reached the extract
		"S0009 sees:",                   // a patient's access log
		"withheld: no consent in force", // ... after the revocation
		"released 1000000000",           // the milestone
		"claimed its match",             // the round
		"Its data dir is " + e.dataDir,  // where to look afterwards
		"0xb147f0a0de640da71d9d8fa985e33216a1911cb0e4caa62c6d2e6a20cca71044\n  address 0x09D7E945d8C60324Fec64b31b74A9545BAB567A0, subject S0010", // the web app's patient, as the README says
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the story lacks %q:\n%s", want, out.String())
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Log(out.String())
	}
}

// TestDemoDirs: the demo's own temporary data dir is removed when it ends
// (unless --keep), a --data-dir is kept, and either way it says so.
func TestDemoDirs(t *testing.T) {
	for _, tc := range []struct {
		name        string
		given, keep bool
		want        string
	}{
		{"temporary", false, false, "removed its data dir"},
		{"temporary kept", false, true, "kept at"},
		{"given", true, false, "kept at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TMPDIR", t.TempDir())
			e := &env{stdout: io.Discard, stderr: new(bytes.Buffer)}
			if tc.given {
				e.dataDir = filepath.Join(t.TempDir(), "demo")
			}
			// A cancelled context stops the demo at its first step; what
			// matters here is what it leaves behind.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			e.demo(ctx, "127.0.0.1:0", true, tc.keep, "")
			e.close()
			left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "desci-demo-*"))
			if removed := !tc.given && !tc.keep; removed && len(left) != 0 {
				t.Errorf("left %v behind", left)
			} else if !tc.given && tc.keep && len(left) != 1 {
				t.Errorf("kept %v, want one dir", left)
			}
			if msg := e.stderr.(*bytes.Buffer).String(); !strings.Contains(msg, tc.want) {
				t.Errorf("stderr %q lacks %q", msg, tc.want)
			}
		})
	}
}
