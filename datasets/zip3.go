package datasets

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed zip3.txt
var restrictedZIP3Text string

// RestrictedZIP3 holds the three-digit ZIP areas with 20,000 or fewer
// people, which Safe Harbor reports as "000". It is read from zip3.txt so
// the list can be checked against its source (HHS guidance, 2000 Census)
// and replaced without touching code.
var RestrictedZIP3 = parseZIP3List(restrictedZIP3Text)

// parseZIP3List parses one prefix a line, skipping blanks and # comments.
// A malformed line is a build-time mistake in embedded data, so it panics.
func parseZIP3List(text string) map[string]bool {
	m := map[string]bool{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !isDigits(line) || len(line) != 3 {
			panic(fmt.Sprintf("datasets: zip3.txt line %d: %q is not a three-digit ZIP prefix", i+1, line))
		}
		m[line] = true
	}
	return m
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
