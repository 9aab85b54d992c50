package landing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// Publisher is the name citations give as publisher: the platform that
// notarized the object, as Zenodo is for its records.
const Publisher = "desci"

// record is a manifest as the citation formats need it.
type record struct {
	c    cid.Cid
	m    *notary.Manifest
	url  string // the page's absolute URL
	base string
}

func newRecord(c cid.Cid, m *notary.Manifest, base string) *record {
	return &record{c: c, m: m, url: base + pageHref(c), base: base}
}

// software is whether the object is code (a method) rather than data.
func (r *record) software() bool { return r.m.Kind == notary.KindMethod }

// oneLine folds every line break and other control character into a
// space: the line-based formats (RIS) and one-line fields need it.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// An export is one citation format.
type export struct {
	ext         string
	contentType string
	render      func(r *record) ([]byte, error)
}

var (
	exportBibTeX   = export{"bib", "application/x-bibtex; charset=utf-8", func(r *record) ([]byte, error) { return r.bibtex(), nil }}
	exportRIS      = export{"ris", "application/x-research-info-systems; charset=utf-8", func(r *record) ([]byte, error) { return r.ris(), nil }}
	exportCSL      = export{"csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8", (*record).cslJSON}
	exportDataCite = export{"datacite.json", "application/vnd.datacite.datacite+json; charset=utf-8", (*record).dataCite}
)

// bibTeXEscape makes s safe inside a braced BibTeX value: TeX's special
// characters are escaped, so braces always balance, a % cannot comment
// out the rest of the entry, and a stranger's \input does nothing.
func bibTeXEscape(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '%', '&', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '@':
			// Harmless inside braces, but some parsers look for entries
			// anywhere: keep it from starting one.
			b.WriteString(`{@}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibTeXName is an author for BibTeX's author list: a word "and" would
// split the name, so it is braced; a name with commas, which BibTeX would
// read as "Last, First", is braced whole.
func bibTeXName(n string) string {
	e := bibTeXEscape(n)
	if strings.Contains(e, ",") {
		return "{" + e + "}"
	}
	words := strings.Fields(e)
	for i, w := range words {
		if strings.EqualFold(w, "and") {
			words[i] = "{" + w + "}"
		}
	}
	return strings.Join(words, " ")
}

func (r *record) bibtex() []byte {
	var b bytes.Buffer
	entry := "misc"
	if r.software() {
		entry = "software"
	}
	// The key is the CID: unique, stable, and only [a-z2-7].
	fmt.Fprintf(&b, "@%s{desci-%s,\n", entry, r.c.String())
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", k, v)
		}
	}
	var names []string
	for _, a := range r.m.Authors {
		if n := bibTeXName(a.Name); n != "" {
			names = append(names, n)
		}
	}
	field("author", strings.Join(names, " and "))
	field("title", "{"+bibTeXEscape(r.m.Title)+"}") // braced again: keep its capitals
	field("year", r.m.Created.UTC().Format("2006"))
	fmt.Fprintf(&b, "  month = %s,\n", strings.ToLower(r.m.Created.UTC().Format("Jan"))) // a macro, unbraced
	field("publisher", Publisher)
	field("howpublished", `\url{`+r.url+`}`)
	field("url", r.url)
	field("note", "CID "+r.c.String())
	if r.m.License != "" {
		field("copyright", bibTeXEscape(r.m.License))
	}
	if len(r.m.Keywords) > 0 {
		var ks []string
		for _, k := range r.m.Keywords {
			ks = append(ks, bibTeXEscape(k))
		}
		field("keywords", strings.Join(ks, ", "))
	}
	if r.m.Description != "" {
		field("abstract", bibTeXEscape(r.m.Description))
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// risType is the RIS reference type of a kind.
func (r *record) risType() string {
	switch r.m.Kind {
	case notary.KindMethod:
		return "COMP"
	case notary.KindDataset, notary.KindResult, notary.KindRun, notary.KindAttestation:
		return "DATA"
	}
	return "GEN"
}

// ris is the RIS record: one tag per line, CRLF as the format has it, and
// no line break inside a value, which would start a tag of the
// stranger's choosing.
func (r *record) ris() []byte {
	var b bytes.Buffer
	tag := func(t, v string) {
		if v = oneLine(v); v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, v)
		}
	}
	tag("TY", r.risType())
	tag("TI", r.m.Title)
	for _, a := range r.m.Authors {
		tag("AU", a.Name)
	}
	tag("PY", r.m.Created.UTC().Format("2006"))
	tag("DA", r.m.Created.UTC().Format("2006/01/02"))
	tag("AB", r.m.Description)
	for _, k := range r.m.Keywords {
		tag("KW", k)
	}
	tag("PB", Publisher)
	tag("UR", r.url)
	tag("N1", "CID "+r.c.String())
	if r.m.License != "" {
		tag("N1", "Licence: "+r.m.License)
	}
	b.WriteString("ER  - \r\n")
	return b.Bytes()
}

// marshal encodes v as indented JSON with <, > and & escaped, so the same
// bytes are safe inside HTML.
func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func (r *record) cslJSON() ([]byte, error) {
	typ := "dataset"
	if r.software() {
		typ = "software"
	}
	item := map[string]any{
		"id":        r.c.String(),
		"type":      typ,
		"title":     r.m.Title,
		"publisher": Publisher,
		"URL":       r.url,
		"issued":    map[string]any{"date-parts": [][]int{{r.m.Created.UTC().Year(), int(r.m.Created.UTC().Month()), r.m.Created.UTC().Day()}}},
		"note":      "CID " + r.c.String(),
	}
	var authors []map[string]string
	for _, a := range r.m.Authors {
		authors = append(authors, map[string]string{"literal": a.Name})
	}
	if authors != nil {
		item["author"] = authors
	}
	if r.m.Description != "" {
		item["abstract"] = r.m.Description
	}
	if len(r.m.Keywords) > 0 {
		item["keyword"] = strings.Join(r.m.Keywords, ", ")
	}
	return marshal([]any{item})
}

// dataCiteType is the resourceTypeGeneral of a kind (DataCite 4.5).
func (r *record) dataCiteType() (general, specific string) {
	switch r.m.Kind {
	case notary.KindMethod:
		return "Software", "Analysis method"
	case notary.KindRun:
		return "ComputationalNotebook", "Notebook run"
	case notary.KindAttestation:
		return "PeerReview", "Reproduction"
	case notary.KindResult:
		return "Dataset", "Result"
	}
	return "Dataset", "Dataset"
}

// dataCite is the DataCite Metadata Schema 4.5 JSON (the attributes of a
// DataCite REST API record). The object has no DOI: it is identified by
// its CID and page (alternateIdentifiers), and a DOI can be minted on
// this record as it is.
func (r *record) dataCite() ([]byte, error) {
	general, specific := r.dataCiteType()
	var creators []map[string]any
	for _, a := range r.m.Authors {
		cr := map[string]any{"name": a.Name, "nameType": "Personal"}
		if a.ORCID != "" && notary.ValidORCID(a.ORCID) {
			cr["nameIdentifiers"] = []map[string]string{{
				"nameIdentifier": "https://orcid.org/" + a.ORCID, "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org",
			}}
		}
		creators = append(creators, cr)
	}
	if creators == nil {
		// Creators are required; DataCite's standard value for unknown
		// information is ":unav".
		creators = []map[string]any{{"name": ":unav"}}
	}
	doc := map[string]any{
		"schemaVersion":   "http://datacite.org/schema/kernel-4",
		"types":           map[string]string{"resourceTypeGeneral": general, "resourceType": specific},
		"creators":        creators,
		"titles":          []map[string]string{{"title": r.m.Title}},
		"publisher":       map[string]string{"name": Publisher},
		"publicationYear": r.m.Created.UTC().Format("2006"),
		"dates":           []map[string]string{{"date": r.m.Created.UTC().Format("2006-01-02T15:04:05Z"), "dateType": "Created"}},
		"alternateIdentifiers": []map[string]string{
			{"alternateIdentifier": r.c.String(), "alternateIdentifierType": "CID"},
			{"alternateIdentifier": r.url, "alternateIdentifierType": "URL"},
		},
	}
	if r.m.Description != "" {
		doc["descriptions"] = []map[string]string{{"description": r.m.Description, "descriptionType": "Abstract"}}
	}
	if len(r.m.Keywords) > 0 {
		var ss []map[string]string
		seen := map[string]bool{}
		for _, k := range r.m.Keywords {
			if !seen[k] { // uniqueItems
				seen[k] = true
				ss = append(ss, map[string]string{"subject": k})
			}
		}
		doc["subjects"] = ss
	}
	if r.m.License != "" {
		rights := map[string]string{"rights": r.m.License}
		if u := licenseURL(r.m.License); u != "" {
			rights["rightsUri"], rights["rightsIdentifier"], rights["rightsIdentifierScheme"], rights["schemeUri"] = u, r.m.License, "SPDX", "https://spdx.org/licenses/"
		}
		doc["rightsList"] = []map[string]string{rights}
	}
	var related []map[string]string
	relate := func(c cid.Cid, rel string) {
		if c.Defined() {
			related = append(related, map[string]string{"relatedIdentifier": r.base + pageHref(c), "relatedIdentifierType": "URL", "relationType": rel})
		}
	}
	relate(r.m.Supersedes, "IsNewVersionOf")
	relate(r.m.Corrects, "IsVariantFormOf")
	if a := r.m.Attestation; a != nil {
		relate(a.Run, "Reviews")
	}
	if related != nil {
		doc["relatedIdentifiers"] = related
	}
	if ct := r.m.Content; ct != nil {
		var total uint64
		for _, f := range ct.Files {
			total += f.Size
		}
		files := "files"
		if len(ct.Files) == 1 {
			files = "file"
		}
		doc["sizes"] = []string{fmt.Sprintf("%d %s", len(ct.Files), files), fmt.Sprintf("%d bytes", total)}
	}
	return marshal(doc)
}

// maxLDFiles bounds the files listed in the JSON-LD; the page lists all.
const maxLDFiles = 100

// jsonLD is the schema.org description embedded in the page: a Dataset,
// or SoftwareSourceCode for a method. encoding/json escapes <, > and &,
// so a title holding </script> cannot close the element.
func (r *record) jsonLD(v *pageView) ([]byte, error) {
	typ := "Dataset"
	switch r.m.Kind {
	case notary.KindMethod:
		typ = "SoftwareSourceCode"
	case notary.KindRun, notary.KindAttestation:
		typ = "CreativeWork"
	}
	doc := map[string]any{
		"@context":    "https://schema.org",
		"@type":       typ,
		"@id":         r.url,
		"url":         r.url,
		"name":        r.m.Title,
		"identifier":  []any{r.c.String(), map[string]any{"@type": "PropertyValue", "propertyID": "CID", "value": r.c.String()}},
		"dateCreated": r.m.Created.UTC().Format("2006-01-02T15:04:05Z"),
		"publisher":   map[string]any{"@type": "Organization", "name": Publisher},
	}
	if v.Anchor.Anchored {
		doc["datePublished"] = v.Anchor.Time
	}
	// Google's Dataset rules ask for a description; the title stands in.
	if r.m.Description != "" {
		doc["description"] = r.m.Description
	} else {
		doc["description"] = r.m.Title
	}
	var creators []any
	for _, a := range r.m.Authors {
		p := map[string]any{"@type": "Person", "name": a.Name}
		if u := orcidURL(a.ORCID); u != "" {
			p["@id"], p["identifier"] = u, u
		}
		creators = append(creators, p)
	}
	if creators != nil {
		doc["creator"] = creators
	}
	if u := licenseURL(r.m.License); u != "" {
		doc["license"] = u
	} else if r.m.License != "" {
		doc["license"] = r.m.License
	}
	if len(r.m.Keywords) > 0 {
		doc["keywords"] = r.m.Keywords
	}
	if r.m.Supersedes.Defined() {
		doc["isBasedOn"] = r.base + pageHref(r.m.Supersedes)
	}
	if v.Version > 0 {
		doc["version"] = strconv.Itoa(v.Version)
	}
	if r.m.Kind == notary.KindMethod && v.Content != nil {
		doc["codeRepository"] = r.url
	}
	if ct := v.Content; ct != nil && typ == "Dataset" {
		var dist []any
		for _, f := range ct.Files {
			if f.Href == "" || len(dist) == maxLDFiles {
				continue
			}
			dist = append(dist, map[string]any{
				"@type": "DataDownload", "name": f.Path, "contentUrl": r.base + f.Href,
				"contentSize": fmt.Sprintf("%d B", f.Size), "identifier": f.CID,
			})
		}
		if dist != nil {
			doc["distribution"] = dist
		}
	}
	return json.Marshal(doc)
}
