package policies

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
)

// regions are the GS regions of the default bundle (bundle/regions/data.json,
// data.regions to the policy): each region's ISO 3166-1 alpha-2 country
// codes, WORLD holding every code.
var regions = sync.OnceValue(func() map[string][]string {
	b, err := defaultBundle.ReadFile("bundle/regions/data.json")
	if err != nil {
		panic(err)
	}
	var m map[string][]string
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
})

// CanonicalRegion returns a GS region as the policy compares it: an ISO
// 3166-1 alpha-2 country code or a region name of the default bundle
// (EU, EEA, EUROPE, ...), upper case. Codes are case-insensitive.
func CanonicalRegion(s string) (string, bool) {
	c := strings.ToUpper(strings.TrimSpace(s))
	if _, ok := regions()[c]; ok {
		return c, true
	}
	if slices.Contains(regions()["WORLD"], c) {
		return c, true
	}
	return "", false
}

// RegionNames returns the region names a GS consent or a request may use
// besides country codes, sorted.
func RegionNames() []string {
	names := make([]string, 0, len(regions()))
	for n := range regions() {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
