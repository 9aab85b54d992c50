package policies

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// CheckTerms checks a consent against what it is granted into, beyond
// Validate's form: every disease is a term of the MONDO release o, the GS
// region is a country code or a region the policy knows, and neither the
// TS limit nor the validity has already passed at now. A consent failing
// these could never release a row; it is refused when granted rather than
// accepted without a word. Documents already recorded are not rechecked.
func (c *Consent) CheckTerms(o *Ontology, now time.Time) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidConsent, fmt.Sprintf(format, args...))
	}
	for _, d := range c.Diseases {
		if o == nil {
			return bad("DS needs a MONDO release to check %s against", d)
		}
		if _, ok := o.Label(d); !ok {
			return bad("disease %s is not a term of MONDO release %s (the release is chosen by --mondo or config.json's mondo)", d, o.Release)
		}
	}
	if c.Region != "" {
		if _, ok := CanonicalRegion(c.Region); !ok {
			return bad("region %q is not an ISO 3166-1 alpha-2 country code or one of %s", c.Region, strings.Join(RegionNames(), ", "))
		}
	}
	if !c.TimeLimit.IsZero() {
		if !c.TimeLimit.After(now) {
			return bad("the TS time limit %s has already passed", c.TimeLimit.UTC().Format(time.RFC3339))
		}
		if !c.TimeLimit.After(c.ValidFrom) {
			return bad("the TS time limit %s is not after the consent's start %s", c.TimeLimit.UTC().Format(time.RFC3339), c.ValidFrom.UTC().Format(time.RFC3339))
		}
	}
	if !c.ValidUntil.After(now) {
		return bad("the consent has already expired (valid until %s)", c.ValidUntil.UTC().Format(time.RFC3339))
	}
	return nil
}

var durationRe = regexp.MustCompile(`^(\d+)\s*(d|days?|w|weeks?|m|mo|months?|y|years?)(\s+from\s+(start|approval|grant))?$`)

// ParseTimeLimit reads a TS time limit: a date or RFC 3339 time as
// ParseTime does, or a duration from the consent's start, as DUO consents
// often state it ("12 months", "12 months from approval", "90 days",
// "2 years", ISO 8601 "P12M"). A duration is fixed to a date at start, so
// the signed consent, and what a wallet shows, holds the date.
func ParseTimeLimit(s string, start time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := ParseTime(s); err == nil {
		return t, nil
	}
	l := strings.ToLower(s)
	if iso, ok := strings.CutPrefix(l, "p"); ok && len(iso) > 1 {
		l = iso[:len(iso)-1] + " " + iso[len(iso)-1:]
	}
	m := durationRe.FindStringSubmatch(l)
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a date (2027-12-31), an RFC 3339 time or a duration from the consent's start (12 months, 90 days, 2 years, P12M)", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 || n > 1000 {
		return time.Time{}, fmt.Errorf("%q: the duration must be 1 to 1000 units", s)
	}
	switch m[2][0] {
	case 'd':
		return start.AddDate(0, 0, n), nil
	case 'w':
		return start.AddDate(0, 0, 7*n), nil
	case 'm':
		return start.AddDate(0, n, 0), nil
	default:
		return start.AddDate(n, 0, 0), nil
	}
}
