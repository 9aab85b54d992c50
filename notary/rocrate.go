package notary

import (
	"fmt"
	"strings"

	"github.com/ipfs/go-cid"
)

// ROCrate returns the RO-Crate 1.1 metadata document
// (ro-crate-metadata.json) describing the manifest m at c, so that
// repositories and tools that read RO-Crate can read what was published.
// Files are identified by their relative paths with their CIDs as
// identifiers; the crate's root is the manifest.
func (m *Manifest) ROCrate(c cid.Cid) map[string]any {
	root := map[string]any{
		"@id":           "./",
		"@type":         "Dataset",
		"name":          m.Title,
		"datePublished": m.Created.Format("2006-01-02T15:04:05Z"),
		"identifier":    "ipfs://" + c.String(),
	}
	if m.Description != "" {
		root["description"] = m.Description
	}
	if len(m.Keywords) > 0 {
		root["keywords"] = strings.Join(m.Keywords, ", ")
	}
	graph := []any{
		map[string]any{
			"@id":        "ro-crate-metadata.json",
			"@type":      "CreativeWork",
			"conformsTo": map[string]any{"@id": "https://w3id.org/ro/crate/1.1"},
			"about":      map[string]any{"@id": "./"},
		},
		root,
	}
	if m.License != "" {
		id := "https://spdx.org/licenses/" + m.License
		root["license"] = map[string]any{"@id": id}
		graph = append(graph, map[string]any{"@id": id, "@type": "CreativeWork", "identifier": m.License, "name": m.License})
	}
	var authors []any
	for i, a := range m.Authors {
		id := fmt.Sprintf("#author-%d", i+1)
		if a.ORCID != "" {
			id = "https://orcid.org/" + a.ORCID
		}
		authors = append(authors, map[string]any{"@id": id})
		graph = append(graph, map[string]any{"@id": id, "@type": "Person", "name": a.Name})
	}
	if authors != nil {
		root["author"] = authors
	}
	if m.Supersedes.Defined() {
		root["isBasedOn"] = map[string]any{"@id": "ipfs://" + m.Supersedes.String()}
	}
	if m.Corrects.Defined() {
		root["about"] = map[string]any{"@id": "ipfs://" + m.Corrects.String()}
		root["correction"] = m.Reason
	}
	if c := m.Content; c != nil {
		parts := []any{}
		for _, f := range c.Files {
			parts = append(parts, map[string]any{"@id": f.Path})
			graph = append(graph, map[string]any{
				"@id":         f.Path,
				"@type":       "File",
				"contentSize": fmt.Sprint(f.Size),
				"identifier":  "ipfs://" + f.CID.String(),
			})
		}
		root["hasPart"] = parts
		root["distribution"] = map[string]any{"@id": "ipfs://" + c.Root.String()}
		graph = append(graph, map[string]any{
			"@id":            "ipfs://" + c.Root.String(),
			"@type":          "DataDownload",
			"contentUrl":     "ipfs://" + c.Root.String(),
			"encodingFormat": "application/vnd.ipld.car",
			"description":    "UnixFS DAG, import profile " + c.Profile,
		})
	}
	return map[string]any{
		"@context": "https://w3id.org/ro/crate/1.1/context",
		"@graph":   graph,
	}
}
