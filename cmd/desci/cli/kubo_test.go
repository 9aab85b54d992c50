package cli

import (
	"strings"
	"testing"
)

func TestPushNeedsANode(t *testing.T) {
	home := t.TempDir()
	c := mustRun(t, home, "add", "../../../notary/testdata")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no node configured", []string{"push", c}, 2, "no Kubo node"},
		{"a node that is down", []string{"push", c, "--kubo", "http://127.0.0.1:1"}, 1, "kubo: http://127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, home, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
		})
	}
}
