package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Docker is not available here, so docker-compose.yml is checked as far
// as desci goes: the file parses, every desci command line in it (and in
// the image's entry point) is one this binary accepts, and every DESCI_
// variable it sets is one desci or the entry point reads.
func TestComposeFile(t *testing.T) {
	b, err := os.ReadFile("../../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Build       any               `yaml:"build"`
			Image       string            `yaml:"image"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   any               `yaml:"depends_on"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	for _, want := range []string{"geth", "kubo", "desci", "desci-init"} {
		if _, ok := compose.Services[want]; !ok {
			t.Fatalf("no service %s", want)
		}
	}
	entry, err := os.ReadFile("../../../docker/entrypoint.sh")
	if err != nil {
		t.Fatal(err)
	}
	var sources strings.Builder
	sources.Write(entry)
	for _, f := range []string{"serve.go", "cli.go", "consent.go"} {
		src, _ := os.ReadFile(f)
		sources.Write(src)
	}
	root := (&env{}).rootCommand()
	check := func(what string, args []string) {
		t.Run(what, func(t *testing.T) {
			cmd, rest, err := root.Find(args)
			if err != nil || cmd == root {
				t.Fatalf("desci %v: no such command", args)
			}
			if err := cmd.ParseFlags(rest); err != nil {
				t.Fatalf("desci %v: %v", args, err)
			}
			if cmd.Args != nil {
				if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
					t.Fatalf("desci %v: %v", args, err)
				}
			}
		})
	}
	for name, s := range compose.Services {
		if s.Build == nil {
			continue // geth and Kubo: their own images
		}
		if len(s.Command) == 0 {
			t.Fatalf("service %s runs no command", name)
		}
		if s.Command[0] != "init" { // the entry point's own step
			check(name, s.Command)
		}
		for k := range s.Environment {
			if strings.HasPrefix(k, "DESCI_") && !strings.Contains(sources.String(), k) {
				t.Errorf("service %s sets %s, which nothing reads", name, k)
			}
		}
	}
	// The entry point's own desci command lines (comments aside).
	var script strings.Builder
	for _, line := range strings.Split(string(entry), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			script.WriteString(line + "\n")
		}
	}
	for _, m := range regexp.MustCompile(`\bdesci ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*(?: --[a-z-]+(?: "\$[A-Z_]+")?)*)`).FindAllStringSubmatch(script.String(), -1) {
		args := strings.Fields(strings.ReplaceAll(m[1], `"$DESCI_RPC"`, "http://geth:8545"))
		check("entrypoint: desci "+m[1], args)
	}
}
