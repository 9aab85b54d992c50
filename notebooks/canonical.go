package notebooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/ipfs/go-cid"
	"github.com/ipld/go-ipld-prime/codec/dagcbor"
	"github.com/ipld/go-ipld-prime/datamodel"
	"github.com/ipld/go-ipld-prime/fluent/qp"
	"github.com/ipld/go-ipld-prime/node/basicnode"
	mh "github.com/multiformats/go-multihash"
)

// Sentinel errors that callers branch on.
var (
	ErrNotNotebook = errors.New("notebooks: not a Jupyter notebook")
	ErrNBFormat    = errors.New("notebooks: unsupported nbformat (want 4)")
)

// MaxNotebookSize bounds a notebook read from disk or from the store.
const MaxNotebookSize = 64 << 20

// Format versions of the canonical forms (doc/notebooks.md). They are in
// the encoded blocks, so a change of rules gives new CIDs, never a second
// meaning for an old one.
const (
	MethodFormat  = "desci-notebook-method/1"
	OutputsFormat = "desci-notebook-outputs/1"
)

// DefaultLanguage is the language of a notebook whose metadata names none:
// Jupyter runs such a notebook with its default kernel, python3.
const DefaultLanguage = "python"

// Cell types of nbformat 4.
const (
	CellCode     = "code"
	CellMarkdown = "markdown"
	CellRaw      = "raw"
)

// A Notebook is what the canonical forms keep of a Jupyter notebook
// (nbformat 4): its language, kernel and cells. Everything else (cell ids,
// execution counts, most metadata, widget state) is dropped when parsed.
type Notebook struct {
	Minor    int    // nbformat_minor
	Language string // lower case; DefaultLanguage when the metadata names none
	Kernel   string // kernelspec name, "" if none: what runs it, not part of the method
	Cells    []Cell
}

// A Cell is one notebook cell.
type Cell struct {
	Type   string // CellCode, CellMarkdown or CellRaw
	Source string // lines joined, line endings as LF
	// Tags are the cell's metadata tags, sorted, without duplicates. They
	// belong to the method because they change execution: nbconvert lets a
	// cell tagged raises-exception fail, and tags select cells to remove.
	Tags []string
	// Attachments of markdown and raw cells: name -> MIME type -> data.
	Attachments map[string]map[string]string
	Outputs     []Output // code cells only
}

// An Output is one output of a code cell, as the outputs CID sees it.
type Output struct {
	Type string // stream, display_data, execute_result or error
	// Name and Text of a stream output (stdout or stderr).
	Name, Text string
	// Data of display_data and execute_result: MIME type -> text (base64
	// for binary types, canonical JSON for JSON types).
	Data map[string]string
	// EName and EValue of an error; the traceback is not kept, since it
	// carries execution counts, ANSI colours and file paths.
	EName, EValue string
}

// ReadFile parses the notebook at path.
func ReadFile(path string) (*Notebook, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

func readLimited(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("notebooks: %w", err)
	}
	if fi.Size() > MaxNotebookSize {
		return nil, fmt.Errorf("%w: %s has %d bytes, more than %d", ErrNotNotebook, path, fi.Size(), MaxNotebookSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notebooks: %w", err)
	}
	return data, nil
}

// rawNotebook and rawCell are the parts of nbformat 4 that Parse reads.
type rawNotebook struct {
	NBFormat      *json.RawMessage           `json:"nbformat"`
	NBFormatMinor int                        `json:"nbformat_minor"`
	Metadata      map[string]json.RawMessage `json:"metadata"`
	Cells         *[]rawCell                 `json:"cells"`
	Worksheets    json.RawMessage            `json:"worksheets"`
}

type rawCell struct {
	CellType    string                                `json:"cell_type"`
	Source      json.RawMessage                       `json:"source"`
	Metadata    map[string]json.RawMessage            `json:"metadata"`
	Attachments map[string]map[string]json.RawMessage `json:"attachments"`
	Outputs     []map[string]json.RawMessage          `json:"outputs"`
}

// Parse decodes a notebook. It accepts what nbformat 4 allows and only
// that: a JSON object with nbformat 4 and a list of cells of known types.
func Parse(data []byte) (*Notebook, error) {
	var raw rawNotebook
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotNotebook, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrNotNotebook)
	}
	if raw.NBFormat == nil {
		return nil, fmt.Errorf("%w: no nbformat field", ErrNotNotebook)
	}
	var major int
	if err := json.Unmarshal(*raw.NBFormat, &major); err != nil {
		return nil, fmt.Errorf("%w: nbformat is not an integer", ErrNotNotebook)
	}
	if major != 4 {
		return nil, fmt.Errorf("%w: this is nbformat %d; upgrade it with jupyter nbconvert --to notebook", ErrNBFormat, major)
	}
	if raw.Cells == nil {
		return nil, fmt.Errorf("%w: no cells", ErrNotNotebook)
	}
	nb := &Notebook{Minor: raw.NBFormatMinor, Language: DefaultLanguage}
	var ks struct {
		Name     string `json:"name"`
		Language string `json:"language"`
	}
	var li struct {
		Name string `json:"name"`
	}
	if m, ok := raw.Metadata["kernelspec"]; ok {
		json.Unmarshal(m, &ks)
	}
	if m, ok := raw.Metadata["language_info"]; ok {
		json.Unmarshal(m, &li)
	}
	nb.Kernel = ks.Name
	// The kernelspec's language is written when the notebook is saved,
	// language_info's when it is run; either names the language.
	switch {
	case ks.Language != "":
		nb.Language = strings.ToLower(ks.Language)
	case li.Name != "":
		nb.Language = strings.ToLower(li.Name)
	}
	for i, rc := range *raw.Cells {
		c, err := parseCell(rc)
		if err != nil {
			return nil, fmt.Errorf("%w: cell %d: %v", ErrNotNotebook, i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

func parseCell(rc rawCell) (Cell, error) {
	c := Cell{Type: rc.CellType}
	switch rc.CellType {
	case CellCode, CellMarkdown, CellRaw:
	case "":
		return c, errors.New("no cell_type")
	default:
		return c, fmt.Errorf("cell_type %q (want code, markdown or raw)", rc.CellType)
	}
	src, err := multiline(rc.Source)
	if err != nil {
		return c, fmt.Errorf("source: %v", err)
	}
	c.Source = normalizeNewlines(src)
	if t, ok := rc.Metadata["tags"]; ok {
		var tags []string
		if err := json.Unmarshal(t, &tags); err != nil {
			return c, errors.New("metadata.tags is not a list of strings")
		}
		sort.Strings(tags)
		for i, tag := range tags {
			if i == 0 || tag != tags[i-1] {
				c.Tags = append(c.Tags, tag)
			}
		}
	}
	if rc.CellType != CellCode && len(rc.Attachments) > 0 {
		c.Attachments = map[string]map[string]string{}
		for name, bundle := range rc.Attachments {
			b, err := mimeBundle(bundle)
			if err != nil {
				return c, fmt.Errorf("attachment %q: %v", name, err)
			}
			c.Attachments[name] = b
		}
	}
	if rc.CellType == CellCode {
		for j, ro := range rc.Outputs {
			o, err := parseOutput(ro)
			if err != nil {
				return c, fmt.Errorf("output %d: %v", j+1, err)
			}
			// Consecutive writes to one stream are one output: how a
			// kernel splits them depends on timing, not on the method.
			if n := len(c.Outputs); n > 0 && o.Type == "stream" && c.Outputs[n-1].Type == "stream" && c.Outputs[n-1].Name == o.Name {
				c.Outputs[n-1].Text += o.Text
				continue
			}
			c.Outputs = append(c.Outputs, o)
		}
	}
	return c, nil
}

func parseOutput(ro map[string]json.RawMessage) (Output, error) {
	var o Output
	if err := json.Unmarshal(ro["output_type"], &o.Type); err != nil {
		return o, errors.New("no output_type")
	}
	str := func(key string) (string, error) {
		var s string
		if v, ok := ro[key]; ok {
			if err := json.Unmarshal(v, &s); err != nil {
				return "", fmt.Errorf("%s is not a string", key)
			}
		}
		return s, nil
	}
	var err error
	switch o.Type {
	case "stream":
		if o.Name, err = str("name"); err != nil {
			return o, err
		}
		t, err := multiline(ro["text"])
		if err != nil {
			return o, fmt.Errorf("text: %v", err)
		}
		o.Text = normalizeNewlines(t)
	case "display_data", "execute_result":
		var bundle map[string]json.RawMessage
		if d, ok := ro["data"]; ok {
			if err := json.Unmarshal(d, &bundle); err != nil {
				return o, errors.New("data is not a MIME bundle")
			}
		}
		if o.Data, err = mimeBundle(bundle); err != nil {
			return o, err
		}
	case "error":
		if o.EName, err = str("ename"); err != nil {
			return o, err
		}
		if o.EValue, err = str("evalue"); err != nil {
			return o, err
		}
	default:
		return o, fmt.Errorf("output_type %q", o.Type)
	}
	return o, nil
}

// mimeBundle reads a MIME bundle: text as one string, JSON types (whose
// values are JSON, not strings) as canonical JSON.
func mimeBundle(bundle map[string]json.RawMessage) (map[string]string, error) {
	out := make(map[string]string, len(bundle))
	for mime, v := range bundle {
		if isJSONMime(mime) {
			var x any
			dec := json.NewDecoder(bytes.NewReader(v))
			dec.UseNumber()
			if err := dec.Decode(&x); err != nil {
				return nil, fmt.Errorf("%s: %v", mime, err)
			}
			b, err := canonicalJSON(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", mime, err)
			}
			out[mime] = string(b)
			continue
		}
		s, err := multiline(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", mime, err)
		}
		out[mime] = normalizeNewlines(s)
	}
	return out, nil
}

func isJSONMime(mime string) bool {
	return mime == "application/json" || strings.HasSuffix(mime, "+json")
}

// canonicalJSON encodes x with sorted keys, no spaces and no HTML escaping.
func canonicalJSON(x any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// multiline reads nbformat's multiline string: a string or a list of
// strings to concatenate. A missing value is the empty string.
func multiline(v json.RawMessage) (string, error) {
	if len(v) == 0 || string(v) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s, nil
	}
	var parts []string
	if err := json.Unmarshal(v, &parts); err != nil {
		return "", errors.New("not a string or a list of strings")
	}
	return strings.Join(parts, ""), nil
}

// normalizeNewlines turns CRLF and lone CR into LF: editors on different
// systems save the same text with different line endings.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// blockPrefix makes the canonical forms' CIDs: CIDv1, dag-cbor, sha2-256,
// the same kind of CID as a manifest's, so the store holds them as blocks.
var blockPrefix = cid.Prefix{Version: 1, Codec: cid.DagCBOR, MhType: mh.SHA2_256, MhLength: -1}

// Method returns the canonical method block (doc/notebooks.md) and its
// CID: the language and, for every cell, its type, source, tags and
// attachments.
func (nb *Notebook) Method() (cid.Cid, []byte, error) {
	n, err := qp.BuildMap(basicnode.Prototype.Any, -1, func(ma datamodel.MapAssembler) {
		qp.MapEntry(ma, "format", qp.String(MethodFormat))
		qp.MapEntry(ma, "language", qp.String(nb.Language))
		qp.MapEntry(ma, "cells", qp.List(int64(len(nb.Cells)), func(la datamodel.ListAssembler) {
			for _, c := range nb.Cells {
				qp.ListEntry(la, qp.Map(-1, func(ma datamodel.MapAssembler) {
					qp.MapEntry(ma, "type", qp.String(c.Type))
					qp.MapEntry(ma, "source", qp.String(c.Source))
					if len(c.Tags) > 0 {
						qp.MapEntry(ma, "tags", qp.List(int64(len(c.Tags)), func(la datamodel.ListAssembler) {
							for _, t := range c.Tags {
								qp.ListEntry(la, qp.String(t))
							}
						}))
					}
					if len(c.Attachments) > 0 {
						qp.MapEntry(ma, "attachments", qp.Map(int64(len(c.Attachments)), func(ma datamodel.MapAssembler) {
							for _, name := range slices.Sorted(maps.Keys(c.Attachments)) {
								qp.MapEntry(ma, name, stringMap(c.Attachments[name]))
							}
						}))
					}
				}))
			}
		}))
	})
	if err != nil {
		return cid.Undef, nil, err
	}
	return encodeBlock(n)
}

// Outputs returns the canonical outputs block and its CID: for every code
// cell, in order, its outputs.
func (nb *Notebook) Outputs() (cid.Cid, []byte, error) {
	var code []Cell
	for _, c := range nb.Cells {
		if c.Type == CellCode {
			code = append(code, c)
		}
	}
	n, err := qp.BuildMap(basicnode.Prototype.Any, -1, func(ma datamodel.MapAssembler) {
		qp.MapEntry(ma, "format", qp.String(OutputsFormat))
		qp.MapEntry(ma, "cells", qp.List(int64(len(code)), func(la datamodel.ListAssembler) {
			for _, c := range code {
				qp.ListEntry(la, qp.List(int64(len(c.Outputs)), func(la datamodel.ListAssembler) {
					for _, o := range c.Outputs {
						qp.ListEntry(la, qp.Map(-1, func(ma datamodel.MapAssembler) {
							qp.MapEntry(ma, "type", qp.String(o.Type))
							switch o.Type {
							case "stream":
								qp.MapEntry(ma, "name", qp.String(o.Name))
								qp.MapEntry(ma, "text", qp.String(o.Text))
							case "error":
								qp.MapEntry(ma, "ename", qp.String(o.EName))
								qp.MapEntry(ma, "evalue", qp.String(o.EValue))
							default:
								qp.MapEntry(ma, "data", stringMap(o.Data))
							}
						}))
					}
				}))
			}
		}))
	})
	if err != nil {
		return cid.Undef, nil, err
	}
	return encodeBlock(n)
}

func stringMap(m map[string]string) qp.Assemble {
	return qp.Map(int64(len(m)), func(ma datamodel.MapAssembler) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			qp.MapEntry(ma, k, qp.String(m[k]))
		}
	})
}

func encodeBlock(n datamodel.Node) (cid.Cid, []byte, error) {
	var buf bytes.Buffer
	if err := dagcbor.Encode(n, &buf); err != nil {
		return cid.Undef, nil, fmt.Errorf("notebooks: encode: %w", err)
	}
	c, err := blockPrefix.Sum(buf.Bytes())
	return c, buf.Bytes(), err
}

// Identity is a notebook's two CIDs.
type Identity struct {
	Method  cid.Cid // what the notebook does: changes only when a cell does
	Outputs cid.Cid // what it showed when last run
}

// Identify returns the method and outputs CIDs of a notebook's bytes.
func Identify(data []byte) (Identity, error) {
	nb, err := Parse(data)
	if err != nil {
		return Identity{}, err
	}
	return nb.Identity()
}

// Identity returns nb's method and outputs CIDs.
func (nb *Notebook) Identity() (Identity, error) {
	m, _, err := nb.Method()
	if err != nil {
		return Identity{}, err
	}
	o, _, err := nb.Outputs()
	if err != nil {
		return Identity{}, err
	}
	return Identity{m, o}, nil
}
