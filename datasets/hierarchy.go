package datasets

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Suppressed is what a value generalized past its hierarchy's last level
// becomes.
const Suppressed = "*"

// Generalize returns raw generalized to level (0 is raw; Levels()+1 and
// above is Suppressed). raw is the value as Arrow renders it: a decimal
// number, a YYYY-MM-DD date, an RFC 3339-like timestamp, or a string.
func (h *Hierarchy) Generalize(raw string, level int) string {
	if level <= 0 {
		return raw
	}
	if level > h.Levels() {
		return Suppressed
	}
	i := level - 1
	switch {
	case len(h.Bands) > 0:
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return Suppressed
		}
		return band(x, h.Bands[i])
	case len(h.Dates) > 0:
		return truncateDate(raw, h.Dates[i])
	case len(h.Mask) > 0:
		r := []rune(raw)
		n := min(h.Mask[i], len(r))
		for j := len(r) - n; j < len(r); j++ {
			r[j] = '*'
		}
		return string(r)
	case len(h.Map) > 0:
		if v, ok := h.Map[i][raw]; ok {
			return v
		}
		return Suppressed
	}
	return Suppressed
}

// band renders the band of width w holding x: 35-39 for integral bands,
// [35,40) otherwise.
func band(x, w float64) string {
	lo := math.Floor(x/w) * w
	if w == math.Trunc(w) && x == math.Trunc(x) {
		return fmt.Sprintf("%d-%d", int64(lo), int64(lo+w-1))
	}
	return fmt.Sprintf("[%g,%g)", lo, lo+w)
}

func truncateDate(raw, unit string) string {
	if len(raw) < 10 || raw[4] != '-' {
		return Suppressed
	}
	switch unit {
	case "month":
		return raw[:7]
	case "year":
		return raw[:4]
	case "decade":
		return raw[:3] + "0s"
	}
	return Suppressed
}

// Safe Harbor's rule (C) puts every age over 89 in one group, and every
// element of a date, the year included, that is indicative of such an
// age. What a date means is not known here (a birth date, an admission),
// so every date of a person is treated as if it could be a birth date:
// against the extract's reference year R, a year up to R-90 could be the
// birth year of someone 90 or older on the reference date, and becomes
// one group, OldYears(R) (for R = 2026, "<=1936"); a year after R could be
// the date of an event 90 or more years after a birth in range, and
// becomes one group too, LaterYears(R) (">2026"). Every year left is
// within 89 years of every other, so no pair of dates in a row spans
// more than 89 years either.

// OldYears is the group of the years up to ref-90.
func OldYears(ref int) string { return "<=" + strconv.Itoa(ref-90) }

// LaterYears is the group of the years after ref.
func LaterYears(ref int) string { return ">" + strconv.Itoa(ref) }

// yearGroup renders a year as an extract delivers it against ref.
func yearGroup(y int64, ref int) string {
	switch {
	case y <= int64(ref)-90:
		return OldYears(ref)
	case y > int64(ref):
		return LaterYears(ref)
	}
	return strconv.FormatInt(y, 10)
}

// Default hierarchies of the Safe Harbor columns that count as
// quasi-identifiers: ages and years in widening bands, ZIP3 areas masked.
var (
	defaultAgeHierarchy  = &Hierarchy{Bands: []float64{5, 10, 20}}
	defaultYearHierarchy = &Hierarchy{Bands: []float64{5, 10, 20}}
	defaultZIPHierarchy  = &Hierarchy{Mask: []int{1, 2}}
)

// A quasi is a delivered column counted for k-anonymity, with how it is
// generalized.
type quasi struct {
	Column
	h   *Hierarchy
	ref int // the reference year
}

func newQuasi(c Column, ref int) quasi {
	q := quasi{Column: c, h: c.Hierarchy, ref: ref}
	if q.h == nil {
		switch {
		case c.isAge():
			q.h = defaultAgeHierarchy
		case c.Role == RoleDate:
			q.h = defaultYearHierarchy
		case c.Role == RoleZIP:
			q.h = defaultZIPHierarchy
		default:
			q.h = &Hierarchy{}
		}
	}
	return q
}

// levels is the number of generalization levels above the raw value.
func (q quasi) levels() int { return q.h.Levels() }

// generalize is Hierarchy.Generalize with Safe Harbor's over-89 rule
// enforced at every level below suppression: an age of 90 or more is
// AgeTopCode and bands of ages end at 89; a year (of a date column, or
// of a date-typed quasi-identifier) is grouped as yearGroup says, and
// bands of years stay within the reference year's last 89.
func (q quasi) generalize(raw string, level int) string {
	if level > q.levels() {
		return Suppressed
	}
	switch {
	case q.isAge():
		return ageBand(raw, q.h, level)
	case q.Role == RoleDate:
		return yearBand(raw, q.h, level, q.ref)
	case q.Type == TypeDate || q.Type == TypeTimestamp:
		if len(raw) >= 4 {
			if y, err := strconv.ParseInt(raw[:4], 10, 64); err == nil && (len(raw) == 4 || raw[4] == '-') {
				if g := yearGroup(y, q.ref); g != raw[:4] {
					return g
				}
			}
		}
	}
	return q.h.Generalize(raw, level)
}

// ageBand generalizes an age: "0" to "89" or AgeTopCode (numbers of 90 and
// over are top-coded too, in case they were not), in bands that end at 89.
func ageBand(raw string, h *Hierarchy, level int) string {
	if raw == AgeTopCode {
		return AgeTopCode
	}
	x, err := strconv.ParseFloat(raw, 64)
	switch {
	case err != nil || math.IsNaN(x) || x < 0:
		return Suppressed
	case x >= 90:
		return AgeTopCode
	case level <= 0:
		return strconv.Itoa(int(x))
	}
	return clippedBand(math.Floor(x), h.Bands[level-1], 0, 89)
}

// yearBand generalizes a year as a date column delivers it.
func yearBand(raw string, h *Hierarchy, level, ref int) string {
	y, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		if strings.HasPrefix(raw, "<=") || strings.HasPrefix(raw, ">") {
			return raw // a group already
		}
		return Suppressed
	}
	if g := yearGroup(y, ref); g != raw || level <= 0 {
		return g
	}
	return clippedBand(float64(y), h.Bands[level-1], float64(ref-89), float64(ref))
}

// clippedBand renders the band of width w holding the integer x, cut to
// [lo, hi]: "lo-hi", or just the number when the cut band has one.
func clippedBand(x, w, lo, hi float64) string {
	from := max(math.Floor(x/w)*w, lo)
	to := min(math.Floor(x/w)*w+math.Ceil(w)-1, hi)
	if from == to {
		return strconv.FormatFloat(from, 'f', 0, 64)
	}
	return strconv.FormatFloat(from, 'f', 0, 64) + "-" + strconv.FormatFloat(to, 'f', 0, 64)
}
