package cli

import (
	"strings"

	"github.com/desci-platform/desci/policies"
)

// modifierWords say what each DUO modifier of a patient's consent asks,
// in the patient's words.
var modifierWords = map[string]string{
	"NPU":    "your consent allows only non-profit use, and the requester did not show they are a non-profit",
	"NCU":    "your consent allows only non-commercial use, and the requester did not show the use is non-commercial",
	"NPUNCU": "your consent allows only non-profit, non-commercial use, and the requester did not show both",
	"IRB":    "your consent requires an ethics approval, and the requester named none",
	"PUB":    "your consent requires the results be published, and the requester did not commit to it",
	"COL":    "your consent requires working with the investigators you named, and the requester named none of them",
	"US":     "your consent allows only the users you named, and the requester is not one",
	"GS":     "your consent allows use only in the region you named, and the request was from elsewhere or did not say",
	"TS":     "your consent's time limit for use had passed",
	"PS":     "your consent allows only the project you named, and this was another",
	"IS":     "your consent allows only the institution you named, and this was another",
	"RTN":    "your consent requires results be returned, and the requester did not commit to it",
	"NMDS":   "your consent excludes methods development, and the request did not rule it out",
	"GSO":    "your consent allows only genetic studies, and this was not shown to be one",
	"MOR":    "your consent forbids publication before a date, and the requester planned to publish earlier",
	"NPOA":   "your consent excludes population origins or ancestry research, and this was such research",
}

// outcomeInWords says what happened to a patient's rows in an access,
// without policy jargon: released, or withheld and why.
func outcomeInWords(outcome string) string {
	if outcome == policies.Released {
		return "your rows were released in the extract"
	}
	reasons, ok := strings.CutPrefix(outcome, "withheld: ")
	if !ok {
		return outcome
	}
	var words []string
	for _, r := range strings.Split(reasons, "; ") {
		switch {
		case r == policies.NoConsent:
			words = append(words, "you had no consent in force for this study")
		case r == "no permitted use covers the purpose":
			words = append(words, "your consent does not permit this kind of research")
		case strings.HasPrefix(r, "the request failed: "):
			words = append(words, "the request was refused before any row was released ("+strings.TrimPrefix(r, "the request failed: ")+")")
		case r == "consent expired":
			words = append(words, "your consent had expired")
		case r == "consent not yet valid":
			words = append(words, "your consent was not yet valid")
		case strings.HasPrefix(r, "modifier "):
			code, _, _ := strings.Cut(strings.TrimPrefix(r, "modifier "), ":")
			if w, ok := modifierWords[code]; ok {
				words = append(words, w)
				continue
			}
			words = append(words, r)
		default:
			words = append(words, r)
		}
	}
	return "your rows were withheld: " + strings.Join(words, "; ")
}
