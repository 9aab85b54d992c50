package graphql

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestConsoleLoadsNothingElsewhere: the page at /graphiql holds session tokens, so
// it must load no script, style or font from anywhere, and its policy must
// let only its own inline script and style run and reach only this origin.
func TestConsoleLoadsNothingElsewhere(t *testing.T) {
	e := newEnv(t, nil)
	resp, err := http.Get(e.http.URL + "/graphiql")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if m := regexp.MustCompile(`(?i)(src|href)\s*=|https?://|@import|url\(`).FindString(page); m != "" {
		t.Errorf("the page refers to something to load: %q", m)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "connect-src 'self'", "'" + cspHash(consoleScript) + "'", "'" + cspHash(consoleStyle) + "'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	// Every inline script and style on the page is one the policy allows.
	for _, m := range regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(csp, cspHash(m[2])) {
			t.Errorf("an inline %s the policy does not allow", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`style="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(csp, cspHash(m[1])) {
			t.Errorf("an inline style attribute %q the policy does not allow", m[1])
		}
	}
}
