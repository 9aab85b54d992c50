package notary

import (
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ipfs/go-cid"
)

// ManifestJSON is the JSON view of a manifest, for `--json` output and
// APIs: CIDs as strings, the signature as hex. It is a view, not the
// format; the DAG-CBOR block is what is signed and hashed.
type ManifestJSON struct {
	CID         string       `json:"cid"`
	Kind        string       `json:"kind"`
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	Authors     []AuthorJSON `json:"authors,omitempty"`
	License     string       `json:"license,omitempty"`
	Keywords    []string     `json:"keywords,omitempty"`
	Created     time.Time    `json:"created"`
	Content     *ContentJSON `json:"content,omitempty"`
	Supersedes  string       `json:"supersedes,omitempty"`
	Corrects    string       `json:"corrects,omitempty"`
	Reason      string       `json:"reason,omitempty"`
	Dictionary  string       `json:"dictionary,omitempty"`
	Extract     *ExtractJSON `json:"extract,omitempty"`
	Signer      string       `json:"signer"`
	Signature   string       `json:"signature"`

	// A notebook run's provenance and a reproduction's verdict.
	Run         *RunJSON         `json:"run,omitempty"`
	Attestation *AttestationJSON `json:"attestation,omitempty"`
}

// AuthorJSON is an author in ManifestJSON.
type AuthorJSON struct {
	Name  string `json:"name"`
	ORCID string `json:"orcid,omitempty"`
}

// ContentJSON is the content in ManifestJSON.
type ContentJSON struct {
	Root    string     `json:"root"`
	Profile string     `json:"profile"`
	Files   []FileJSON `json:"files"`
	Sealed  string     `json:"sealed,omitempty"`
}

// ExtractJSON is an extract's provenance in ManifestJSON.
type ExtractJSON struct {
	Dataset   string `json:"dataset"`
	Settings  string `json:"settings"`
	Risk      string `json:"risk"`
	Study     string `json:"study"`
	Requester string `json:"requester"`
	Purpose   string `json:"purpose"`
	// Set when rows were filtered by consent.
	Policy      string `json:"policy,omitempty"`
	ConsentRoot string `json:"consent_root,omitempty"`
	Consents    string `json:"consents,omitempty"`
}

// FileJSON is a file in ContentJSON.
type FileJSON struct {
	Path string `json:"path"`
	CID  string `json:"cid"`
	Size uint64 `json:"size"`
}

func cidString(c cid.Cid) string {
	if !c.Defined() {
		return ""
	}
	return c.String()
}

// JSON returns the JSON view of m, whose CID is c.
func (m *Manifest) JSON(c cid.Cid) ManifestJSON {
	j := ManifestJSON{
		CID:         c.String(),
		Kind:        m.Kind,
		Title:       m.Title,
		Description: m.Description,
		License:     m.License,
		Keywords:    m.Keywords,
		Created:     m.Created,
		Supersedes:  cidString(m.Supersedes),
		Corrects:    cidString(m.Corrects),
		Reason:      m.Reason,
		Dictionary:  cidString(m.Dictionary),
		Signer:      m.Signer.Hex(),
		Signature:   hexutil.Encode(m.Signature),
	}
	for _, a := range m.Authors {
		j.Authors = append(j.Authors, AuthorJSON(a))
	}
	if m.Content != nil {
		j.Content = &ContentJSON{Root: m.Content.Root.String(), Profile: m.Content.Profile, Files: []FileJSON{}, Sealed: cidString(m.Content.Sealed)}
		for _, f := range m.Content.Files {
			j.Content.Files = append(j.Content.Files, FileJSON{f.Path, f.CID.String(), f.Size})
		}
	}
	if p := m.Extract; p != nil {
		j.Extract = &ExtractJSON{Dataset: p.Dataset.String(), Settings: p.Settings.String(), Risk: p.Risk.String(),
			Study: p.Study, Requester: p.Requester, Purpose: p.Purpose}
		if p.Policy != "" {
			j.Extract.Policy, j.Extract.ConsentRoot, j.Extract.Consents = p.Policy, p.ConsentRoot.Hex(), p.Consents.String()
		}
	}
	if m.Run != nil {
		j.Run = m.Run.json()
	}
	if m.Attestation != nil {
		j.Attestation = m.Attestation.json()
	}
	return j
}
