package cli

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// scripts/compose-native.sh plays docker-compose.yml with native binaries
// (CI runs it). The two cannot drift: geth's flags, desci serve's flags and
// environment in the script are the compose file's, but for what a
// container network changes, listed here.
func TestComposeNativeSettings(t *testing.T) {
	b, err := os.ReadFile("../../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../../scripts/compose-native.sh")
	if err != nil {
		t.Fatal(err)
	}
	script := string(src)
	// array returns the words of a bash array and what is appended to it
	// (name=( ... ) and name+=( ... )).
	array := func(name string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`(?s)\b`+name+`\+?=\((.*?)\)\n`).FindAllStringSubmatch(script, -1) {
			for _, w := range strings.Fields(m[1]) {
				out = append(out, strings.ReplaceAll(w, `"`, ""))
			}
		}
		return out
	}
	// What a container network and volumes change: compose's value on the
	// left, the script's on the right.
	native := strings.NewReplacer(
		"--datadir=/geth", "--datadir=$work/geth",
		"/data/keystore", "$DESCI_HOME/keystore",
		"--http.addr=0.0.0.0", "--http.addr=127.0.0.1",
		"--http=0.0.0.0:8080", "--http=127.0.0.1:$hport",
		"http://geth:8545", "$rpc",
		"http://kubo:5001", "$kubo_url",
		"/run/secrets/desci_passphrase", "$secret",
		"${DESCI_PUBLIC_URL:-http://127.0.0.1:8080}", "http://127.0.0.1:$hport",
	)
	same := func(what string, composeWords, scriptWords []string) {
		t.Helper()
		var want []string
		for _, w := range composeWords {
			want = append(want, native.Replace(w))
		}
		slices.Sort(want)
		got := slices.Clone(scriptWords)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the script has\n\t%v\nthe compose file (made native)\n\t%v", what, got, want)
		}
	}
	same("geth's flags", compose.Services["geth"].Command, array("geth_args"))
	same("desci serve's flags", compose.Services["desci"].Command, array("serve_args"))
	var env []string
	for k, v := range compose.Services["desci"].Environment {
		if k == "DESCI_PASSPHRASE" {
			// A secret: the script exports its own, as compose passes the user's.
			if !strings.Contains(script, "export DESCI_PASSPHRASE=") {
				t.Error("the script sets no DESCI_PASSPHRASE")
			}
			continue
		}
		env = append(env, k+"="+v)
	}
	same("desci serve's environment", env, array("serve_env"))
	if !strings.Contains(script, `docker/entrypoint.sh" init`) || !strings.Contains(script, `docker/entrypoint.sh" "${serve_args[@]}"`) {
		t.Error("the script does not run desci through docker/entrypoint.sh as the image does")
	}
}
