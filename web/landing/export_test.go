package landing

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The exports of each kind, byte for byte: testdata/NAME.EXT, rewritten
// with go test -update.
func TestExportsGolden(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	for _, name := range []string{"dataset", "method", "result", "run", "attestation", "hostile"} {
		for _, e := range []export{exportBibTeX, exportRIS, exportCSL, exportDataCite} {
			t.Run(name+"."+e.ext, func(t *testing.T) {
				res := get(t, h, "/m/"+f.cids[name].String()+"/cite."+e.ext)
				got := []byte(body(t, res))
				if res.StatusCode != 200 {
					t.Fatalf("status %d: %s", res.StatusCode, got)
				}
				if ct := res.Header.Get("Content-Type"); ct != e.contentType {
					t.Errorf("Content-Type %q, want %q", ct, e.contentType)
				}
				golden := filepath.Join("testdata", name+"."+e.ext)
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test -update writes it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", e.ext, golden, got)
				}
			})
		}
	}
}

// TestBibTeXBalanced: whatever a manifest holds, every BibTeX value's
// braces balance once TeX's escapes are taken out, no line starts a new
// entry, and no % is unescaped.
func TestBibTeXEscaping(t *testing.T) {
	for _, s := range []string{hostileTitle, hostileDesc, "}", "{", "\\", "\\}", "%", "a\nb", "@article{x,", "}}}{{{", "x\\"} {
		e := bibTeXEscape(s)
		depth := 0
		for i := 0; i < len(e); i++ {
			switch e[i] {
			case '\\':
				i++ // an escaped character
			case '{':
				depth++
			case '}':
				depth--
			case '%', '\n', '\r':
				t.Fatalf("%q escapes to %q: unescaped %q", s, e, e[i])
			}
			if depth < 0 {
				t.Fatalf("%q escapes to %q: a brace closes the value", s, e)
			}
		}
		if depth != 0 {
			t.Fatalf("%q escapes to %q: braces do not balance", s, e)
		}
	}
}

// Every RIS line of the hostile manifest is one tag: nothing it holds
// starts another.
func TestRISOneTagPerLine(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	b := body(t, get(t, h, "/m/"+f.cids["hostile"].String()+"/cite.ris"))
	lines := strings.Split(strings.TrimSuffix(b, "\r\n"), "\r\n")
	tags := regexp.MustCompile(`^[A-Z][A-Z0-9]  - `)
	var seen []string
	for _, l := range lines {
		if !tags.MatchString(l) || strings.ContainsAny(l, "\r\n\u2028\u2029") {
			t.Fatalf("line %q is not one tag", l)
		}
		seen = append(seen, l[:2])
	}
	if seen[0] != "TY" || seen[len(seen)-1] != "ER" || slices.Index(seen[1:], "TY") >= 0 || slices.Index(seen[:len(seen)-1], "ER") >= 0 {
		t.Fatalf("tags %v: one record, TY first, ER last", seen)
	}
}

// The DataCite documents hold what the DataCite 4.5 JSON schema
// (datacite-v4.5.json) requires: its required properties, no property it
// does not define at the top (additionalProperties is false), and values
// from its controlled lists.
func TestDataCiteSchema(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	top := []string{"doi", "types", "creators", "titles", "publisher", "publicationYear", "subjects", "contributors", "dates", "language",
		"alternateIdentifiers", "relatedIdentifiers", "relatedItems", "sizes", "formats", "version", "rightsList", "descriptions",
		"geoLocations", "fundingReferences", "schemaVersion", "container"}
	general := []string{"Audiovisual", "Book", "BookChapter", "Collection", "ComputationalNotebook", "ConferencePaper", "ConferenceProceeding",
		"DataPaper", "Dataset", "Dissertation", "Event", "Image", "Instrument", "InteractiveResource", "Journal", "JournalArticle", "Model",
		"OutputManagementPlan", "PeerReview", "PhysicalObject", "Preprint", "Report", "Service", "Software", "Sound", "Standard",
		"StudyRegistration", "Text", "Workflow", "Other"}
	relationTypes := []string{"IsCitedBy", "Cites", "IsCollectedBy", "Collects", "IsSupplementTo", "IsSupplementedBy", "IsContinuedBy",
		"Continues", "IsDescribedBy", "Describes", "HasMetadata", "IsMetadataFor", "HasVersion", "IsVersionOf", "IsNewVersionOf", "IsPartOf",
		"IsPreviousVersionOf", "IsPublishedIn", "HasPart", "IsReferencedBy", "References", "IsDocumentedBy", "Documents", "IsCompiledBy",
		"Compiles", "IsVariantFormOf", "IsOriginalFormOf", "IsIdenticalTo", "IsReviewedBy", "Reviews", "IsDerivedFrom", "IsSourceOf",
		"IsRequiredBy", "Requires", "IsObsoletedBy", "Obsoletes"}
	idTypes := []string{"ARK", "arXiv", "bibcode", "DOI", "EAN13", "EISSN", "Handle", "IGSN", "ISBN", "ISSN", "ISTC", "LISSN", "LSID",
		"PMID", "PURL", "UPC", "URL", "URN", "w3id"}
	dateTypes := []string{"Accepted", "Available", "Copyrighted", "Collected", "Created", "Issued", "Submitted", "Updated", "Valid", "Withdrawn", "Other"}
	descTypes := []string{"Abstract", "Methods", "SeriesInformation", "TableOfContents", "TechnicalInfo", "Other"}

	for name := range f.cids {
		res := get(t, h, "/m/"+f.cids[name].String()+"/cite.datacite.json")
		if res.StatusCode != 200 {
			continue // private kinds
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(body(t, res)), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fail := func(format string, args ...any) { t.Helper(); t.Errorf(name+": "+format, args...) }
		for k := range doc {
			if !slices.Contains(top, k) {
				fail("property %q is not in the schema", k)
			}
		}
		for _, k := range []string{"creators", "titles", "publisher", "publicationYear", "types", "schemaVersion"} {
			if doc[k] == nil {
				fail("required %q missing", k)
			}
		}
		list := func(k string) []map[string]any {
			var out []map[string]any
			for _, x := range doc[k].([]any) {
				out = append(out, x.(map[string]any))
			}
			return out
		}
		str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
		if doc["schemaVersion"] != "http://datacite.org/schema/kernel-4" {
			fail("schemaVersion %v", doc["schemaVersion"])
		}
		if y, _ := doc["publicationYear"].(string); !regexp.MustCompile(`^[0-9]{4}$`).MatchString(y) {
			fail("publicationYear %v", doc["publicationYear"])
		}
		if g := str(doc["types"].(map[string]any), "resourceTypeGeneral"); !slices.Contains(general, g) {
			fail("resourceTypeGeneral %q", g)
		}
		if str(doc["publisher"].(map[string]any), "name") == "" {
			fail("publisher without a name")
		}
		if cs := list("creators"); len(cs) == 0 {
			fail("no creators")
		} else {
			for _, c := range cs {
				if str(c, "name") == "" {
					fail("creator without a name")
				}
				if nt, ok := c["nameType"]; ok && nt != "Personal" && nt != "Organizational" {
					fail("nameType %v", nt)
				}
				if ids, ok := c["nameIdentifiers"]; ok {
					for _, id := range ids.([]any) {
						if m := id.(map[string]any); str(m, "nameIdentifier") == "" || str(m, "nameIdentifierScheme") == "" {
							fail("nameIdentifier %v", m)
						}
					}
				}
			}
		}
		if ts := list("titles"); len(ts) == 0 || str(ts[0], "title") == "" {
			fail("titles %v", ts)
		}
		if doc["alternateIdentifiers"] != nil {
			for _, a := range list("alternateIdentifiers") {
				if str(a, "alternateIdentifier") == "" || str(a, "alternateIdentifierType") == "" {
					fail("alternateIdentifier %v", a)
				}
			}
		}
		if doc["relatedIdentifiers"] != nil {
			for _, r := range list("relatedIdentifiers") {
				if str(r, "relatedIdentifier") == "" || !slices.Contains(idTypes, str(r, "relatedIdentifierType")) || !slices.Contains(relationTypes, str(r, "relationType")) {
					fail("relatedIdentifier %v", r)
				}
			}
		}
		if doc["dates"] != nil {
			for _, d := range list("dates") {
				if str(d, "date") == "" || !slices.Contains(dateTypes, str(d, "dateType")) {
					fail("date %v", d)
				}
			}
		}
		if doc["descriptions"] != nil {
			for _, d := range list("descriptions") {
				if str(d, "description") == "" || !slices.Contains(descTypes, str(d, "descriptionType")) {
					fail("description %v", d)
				}
			}
		}
		if doc["subjects"] != nil {
			seen := map[string]bool{}
			for _, s := range list("subjects") {
				if str(s, "subject") == "" || seen[str(s, "subject")] {
					fail("subject %v (empty or repeated)", s)
				}
				seen[str(s, "subject")] = true
			}
		}
	}
}

// The JSON-LD is one JSON document that parses, whatever the manifest
// holds, and names the type the kind calls for.
func TestJSONLD(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	for name, typ := range map[string]string{"dataset": "Dataset", "hostile": "Dataset", "method": "SoftwareSourceCode", "result": "Dataset", "run": "CreativeWork"} {
		b := body(t, get(t, h, "/m/"+f.cids[name].String()))
		ms := ld.FindAllStringSubmatch(b, -1)
		if len(ms) != 1 {
			t.Fatalf("%s: %d JSON-LD elements", name, len(ms))
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(ms[0][1]), &doc); err != nil {
			t.Fatalf("%s: JSON-LD: %v\n%s", name, err, ms[0][1])
		}
		if doc["@type"] != typ || doc["@context"] != "https://schema.org" || doc["name"] == "" {
			t.Errorf("%s: @type %v, @context %v, name %v", name, doc["@type"], doc["@context"], doc["name"])
		}
		if v := map[string]string{"dataset": "1", "method": "1"}[name]; v != "" && doc["version"] != v {
			t.Errorf("%s: version %v, want %s", name, doc["version"], v)
		}
		if name == "hostile" && doc["name"] != hostileTitle {
			t.Errorf("hostile: the title came back as %q", doc["name"])
		}
	}
}
