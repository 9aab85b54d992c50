package cli

import (
	"bytes"
	"context"
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
	if err := e.demo(ctx, "127.0.0.1:0", true); err != nil {
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
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the story lacks %q:\n%s", want, out.String())
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Log(out.String())
	}
}
