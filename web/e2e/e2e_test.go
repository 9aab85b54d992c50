// Package e2e holds the browser journeys: Node scripts (*.spec.mjs) that
// drive Debian's Chromium through the web app with an injected test
// wallet (harness.mjs), run by TestBrowserJourneys against the world
// `desci demo --fixture` leaves.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// need skips t when a tool is missing, and fails it under CI, whose
// scripts/test.sh installs Chromium and the npm tools.
func need(t *testing.T, what string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (CI=true: scripts/test.sh installs it)", what)
	}
	t.Skipf("SKIPPED, NO BROWSER JOURNEYS RUN: %s is missing (scripts/test.sh installs it)", what)
}

func TestBrowserJourneys(t *testing.T) {
	if testing.Short() {
		t.Skip("browser journeys are long; not in -short")
	}
	chromium := os.Getenv("DESCI_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	_, err := os.Stat(chromium)
	need(t, "Chromium ("+chromium+")", err == nil)
	node, err := exec.LookPath("node")
	need(t, "node", err == nil)
	_, err = os.Stat("../node_modules/playwright-core")
	need(t, "web/node_modules (scripts/build-web.sh installs it)", err == nil)
	specs, _ := filepath.Glob("*.spec.mjs")
	if len(specs) == 0 {
		t.Fatal("no journeys (*.spec.mjs)")
	}

	tmp := t.TempDir()
	bin := filepath.Join(tmp, "desci")
	build := exec.Command("go", "build", "-o", bin, "./cmd/desci")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	fixture := filepath.Join(tmp, "fixture.json")
	var log bytes.Buffer
	demo := exec.Command(bin, "demo", "--http", "127.0.0.1:0", "--fixture", fixture, "--data-dir", filepath.Join(tmp, "data"))
	demo.Stdout, demo.Stderr = &log, &log
	demo.Env = append(os.Environ(), "DESCI_PASSPHRASE=desci demo")
	demo.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := demo.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- demo.Wait() }()
	t.Cleanup(func() {
		demo.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			syscall.Kill(-demo.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	deadline := time.After(5 * time.Minute)
	for ready := false; !ready; {
		select {
		case err := <-exited:
			t.Fatalf("desci demo exited before its story was told: %v\n%s", err, log.String())
		case <-deadline:
			t.Fatalf("desci demo did not tell its story in 5 minutes\n%s", log.String())
		case <-time.After(200 * time.Millisecond):
			_, err := os.Stat(fixture)
			ready = err == nil
		}
	}
	var world struct{ URL string }
	b, _ := os.ReadFile(fixture)
	if err := json.Unmarshal(b, &world); err != nil || world.URL == "" {
		t.Fatalf("fixture %s: %v\n%s", fixture, err, b)
	}
	t.Logf("the demo's world is at %s", world.URL)

	shots, _ := filepath.Abs("screenshots")
	for _, spec := range specs {
		t.Run(strings.TrimSuffix(spec, ".spec.mjs"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, node, spec)
			cmd.Env = append(os.Environ(), "DESCI_FIXTURE="+fixture, "DESCI_CHROMIUM="+chromium, "DESCI_SCREENSHOTS="+shots)
			out, err := cmd.CombinedOutput()
			sc := bufio.NewScanner(bytes.NewReader(out))
			for sc.Scan() {
				line := sc.Text()
				if m, ok := strings.CutPrefix(line, "METRIC "); ok {
					var v struct {
						Name  string
						Value float64
						Unit  string
					}
					json.Unmarshal([]byte(m), &v)
					line = fmt.Sprintf("measured: %s = %g %s", v.Name, v.Value, v.Unit)
				}
				t.Log(line)
			}
			if err != nil {
				t.Fatalf("%s: %v", spec, err)
			}
		})
	}
}
