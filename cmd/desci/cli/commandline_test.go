package cli

import (
	"strings"
	"testing"
)

// TestMistypedSubcommands: a mistyped subcommand of any group exits 2 with
// a suggestion, whatever flags were meant for it, and prints no help.
func TestMistypedSubcommands(t *testing.T) {
	home := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"consent", "revok"}, `unknown command "revok" for "desci consent"; did you mean revoke?`},
		{[]string{"consent", "revok", "--study", "x"}, "did you mean revoke?"},
		{[]string{"grants", "round", "clos", "1"}, `unknown command "clos" for "desci grants round"; did you mean close?`},
		{[]string{"keys", "lst"}, "did you mean list?"},
		{[]string{"consent", "zzzzzz"}, `unknown command "zzzzzz" for "desci consent" (see desci consent --help)`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := run(t, home, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
	// A group alone, or asked for help, still prints its help.
	for _, args := range [][]string{{"consent"}, {"consent", "--help"}, {"grants", "round", "-h"}} {
		if r := run(t, home, args...); r.code != 0 || !strings.Contains(r.stdout, "Available Commands") {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stdout)
		}
	}
}

// TestDefaultKey: with two keys, a command without --key names the
// default set by desci keys default, and the help says so.
func TestDefaultKey(t *testing.T) {
	t.Setenv("DESCI_PASSPHRASE", "pw")
	home, src := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"a.txt": "a"})
	mustRun(t, home, "keys", "new")
	b := mustRun(t, home, "keys", "new")
	if r := run(t, home, "notarize", src, "--kind", "dataset", "--title", "T"); r.code == 0 || !strings.Contains(r.stderr, "desci keys default") {
		t.Fatalf("two keys, no default: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, home, "keys", "default"); r.code == 0 {
		t.Fatal("a default printed before one is set")
	}
	if got := mustRun(t, home, "keys", "default", strings.ToLower(b[:8])); got != b {
		t.Fatalf("keys default set %q, want %s", got, b)
	}
	if got := mustRun(t, home, "keys", "default"); got != b {
		t.Fatalf("keys default prints %q", got)
	}
	if r := run(t, home, "keys", "default", "0xdead"); r.code == 0 {
		t.Fatal("an unknown key made the default")
	}
	mustRun(t, home, "notarize", src, "--kind", "dataset", "--title", "T")
	var s strings.Builder
	for _, args := range [][]string{{"notarize", "--help"}, {"grants", "faucet", "--help"}} {
		s.WriteString(mustRun(t, home, args...))
	}
	if strings.Contains(s.String(), "(default: the only key)") || strings.Contains(s.String(), "default: your key)") {
		t.Fatalf("help says the only key is the default:\n%s", s.String())
	}
}
