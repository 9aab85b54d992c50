package datasets

import (
	"fmt"
	"math"
	"strconv"
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
