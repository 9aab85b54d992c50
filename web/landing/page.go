package landing

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/notary"
)

// pageView is what the page template shows; every string in it may be a
// stranger's, and the template escapes it.
type pageView struct {
	Style       template.CSS
	CID         string
	URL         string // absolute, canonical
	Kind        string
	KindLabel   string
	Title       string
	Description string
	HeadTitle   string // Title, cut short for the <title> element
	HeadDesc    string // Description, cut short and on one line, for search results
	Authors     []authorView
	License     string
	LicenseURL  string // for an SPDX identifier; empty for an expression
	Keywords    []string
	Created     string // RFC 3339
	CreatedText string
	Signer      string

	Reason      string    // a correction's
	Corrects    *linkView // a correction's target
	Supersedes  *linkView
	Latest      *linkView  // the newest version, when this is not it
	Corrections []linkView // of this version, with their reasons

	Content *contentView
	Anchor  anchorView
	Verify  string // the verify page's URL, relative

	Version      int // this version's number in the timeline; 0 for a correction or unknown
	Timeline     []eventView
	TimelineMore int // older entries left out

	Run         *runView
	Attestation *attestationView
	Runs        []runRefView // runs of this method, that wrote this result, or that read this dataset
	RunsHeading string

	Citations     []citationView
	CitationsMore int // milestones left out

	BibTeX string
	JSONLD template.JS
}

type authorView struct{ Name, ORCID, ORCIDURL string }

type linkView struct {
	CID, Href, Title, Note string
}

type contentView struct {
	Root, Profile string
	Sealed        bool
	Files         []fileView
	Rows          template.HTML // Files as table rows (fileRows)
	TotalText     string
}

type fileView struct {
	Path, CID, Href string
	Size            uint64
	SizeText        string
}

type anchorView struct {
	Status      string // anchored, queued, not anchored here
	Anchored    bool
	ChainID     uint64
	Block       uint64
	BlockHash   string
	Tx          string
	Contract    string
	Time        string
	TimeText    string
	Finality    string
	ReceiptHref string
}

type eventView struct {
	CID, Href, Label, Title, Reason, Created, CreatedText, Status string
	Current, Correction                                           bool
}

type runView struct {
	Method, Notebook, Executed, Outputs, Started string
	Inputs, Params, Environment                  []kv
}

type kv struct {
	Key, Value, Href string
}

type attestationView struct {
	Run        linkView
	Reproduced bool
	Tolerance  string
	Report     string
}

type runRefView struct {
	linkView
	Created      string
	Attestations []attRefView
}

type attRefView struct {
	linkView
	Reproduced bool
	Tolerance  string
	Signer     string
}

// citationView is one grant milestone naming the object: the approvals
// its reviewers gave it and, once paid, the release.
type citationView struct {
	Grant         uint64
	Milestone     int
	Description   string
	Reviewers     []string // who approved it, the first few
	Approvals     int
	Released      bool
	ReleasedBlock uint64
}

// maxCitations bounds the milestones a page lists: anyone can create a
// grant, name themselves its reviewer and approve any CID, so the list
// is a stranger's to lengthen. Releases, which paid out, come first.
const maxCitations = 20

var kindLabels = map[string]string{
	notary.KindDataset: "Dataset", notary.KindMethod: "Method", notary.KindResult: "Result",
	notary.KindRun: "Notebook run", notary.KindAttestation: "Reproduction", notary.KindCorrection: "Correction",
}

// spdxID is a single SPDX licence identifier, which has a page at
// spdx.org; an expression (MIT OR Apache-2.0) is shown without a link.
var spdxID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.\-+]*$`)

func licenseURL(l string) string {
	if !spdxID.MatchString(l) {
		return ""
	}
	return "https://spdx.org/licenses/" + strings.TrimSuffix(l, "+") + ".html"
}

func orcidURL(id string) string {
	if id == "" || !notary.ValidORCID(id) {
		return ""
	}
	return "https://orcid.org/" + id
}

// pageHref is the path of a manifest's page.
func pageHref(c cid.Cid) string { return "/m/" + c.String() }

// fileHref is the download path of a file of the content: each segment
// escaped, so a stranger's file name stays one path.
func fileHref(c cid.Cid, p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		// PathEscape leaves ' as it is; it is encoded too, as
		// html/template would.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), "'", "%27")
	}
	return pageHref(c) + "/files/" + strings.Join(segs, "/")
}

// cut shortens s to at most n runes, marking the cut with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// fileRows writes the files' table rows. A thousand rows through the
// template's reflection cost most of a page's time, so they are written
// here, every text escaped with html.EscapeString; the only attribute
// value, the download path, is percent-encoded by fileHref and escaped
// the same way. TestFileRowsAsTemplate checks that they are what the
// template wrote.
func fileRows(fs []fileView) template.HTML {
	var b strings.Builder
	b.Grow(len(fs) * 220)
	for _, f := range fs {
		b.WriteString("<tr><td>")
		if f.Href != "" {
			b.WriteString(`<a href="`)
			b.WriteString(html.EscapeString(f.Href))
			b.WriteString(`" download>`)
			b.WriteString(html.EscapeString(f.Path))
			b.WriteString("</a>")
		} else {
			b.WriteString(html.EscapeString(f.Path))
		}
		b.WriteString(`</td><td class="num" data-bytes="`)
		b.WriteString(strconv.FormatUint(f.Size, 10))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(f.SizeText))
		b.WriteString("</td><td><code>")
		b.WriteString(html.EscapeString(f.CID))
		b.WriteString("</code></td></tr>\n")
	}
	return template.HTML(b.String())
}

// citations groups the events naming an object by grant milestone.
func citations(cs []grants.Citation) ([]citationView, int) {
	type key struct {
		grant     uint64
		milestone int
	}
	byKey := map[key]*citationView{}
	var out []*citationView
	for _, ct := range cs {
		k := key{ct.Grant, ct.Milestone}
		cv := byKey[k]
		if cv == nil {
			cv = &citationView{Grant: ct.Grant, Milestone: ct.Milestone, Description: ct.Description}
			byKey[k] = cv
			out = append(out, cv)
		}
		if ct.Released {
			cv.Released, cv.ReleasedBlock = true, ct.Block
		} else {
			cv.Approvals++
			if len(cv.Reviewers) < 5 {
				cv.Reviewers = append(cv.Reviewers, ct.Reviewer.Hex())
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *citationView) int {
		if a.Released != b.Released {
			if a.Released {
				return -1
			}
			return 1
		}
		return 0
	})
	more := max(len(out)-maxCitations, 0)
	var views []citationView
	for _, cv := range out[:len(out)-more] {
		views = append(views, *cv)
	}
	return views, more
}

func timeText(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") }

func bytesText(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// build gathers the page of o. It reads the manifest's history, its
// receipt and the derived index; the chain only through the caches.
func (h *Handler) build(ctx context.Context, o object, base string) (*pageView, error) {
	m, c := o.m, o.c
	v := &pageView{
		Style: pageStyleCSS, CID: c.String(), URL: base + pageHref(c),
		Kind: m.Kind, KindLabel: kindLabels[m.Kind], Title: m.Title, Description: m.Description,
		License: m.License, LicenseURL: licenseURL(m.License), Keywords: m.Keywords,
		Created: m.Created.UTC().Format(time.RFC3339), CreatedText: timeText(m.Created),
		Signer: m.Signer.Hex(), Reason: m.Reason,
		Verify: "/verify?cid=" + url.QueryEscape(c.String()),
	}
	if v.KindLabel == "" {
		v.KindLabel = m.Kind
	}
	v.HeadTitle, v.HeadDesc = cut(oneLine(m.Title), 200), cut(oneLine(m.Description), 300)
	for _, a := range m.Authors {
		v.Authors = append(v.Authors, authorView{Name: a.Name, ORCID: a.ORCID, ORCIDURL: orcidURL(a.ORCID)})
	}
	rel := h.rel.get(ctx)
	if ct := m.Content; ct != nil {
		cv := &contentView{Root: ct.Root.String(), Profile: ct.Profile, Sealed: ct.Sealed.Defined(), Files: make([]fileView, len(ct.Files))}
		var total uint64
		for i, f := range ct.Files {
			fv := fileView{Path: f.Path, CID: f.CID.String(), Size: f.Size, SizeText: bytesText(f.Size)}
			if !cv.Sealed && !rel.private[f.CID] {
				fv.Href = fileHref(c, f.Path)
			}
			total += f.Size
			cv.Files[i] = fv
		}
		cv.TotalText = bytesText(total)
		cv.Rows = fileRows(cv.Files)
		v.Content = cv
	}
	v.Anchor = h.anchor(c)

	if err := h.history(ctx, v, c, m, rel); err != nil {
		return nil, err
	}
	h.notebooks(ctx, v, c, m, rel)
	v.Citations, v.CitationsMore = citations(h.cites.get(c))
	rec := newRecord(c, m, base)
	v.BibTeX = string(rec.bibtex())
	ld, err := rec.jsonLD(v)
	if err != nil {
		return nil, err
	}
	v.JSONLD = template.JS(ld)
	return v, nil
}

// anchor says where c stands on the chain, from its receipt.
func (h *Handler) anchor(c cid.Cid) anchorView {
	doc, err := h.opts.Notary.Receipt(c)
	if err != nil {
		if q, _ := h.opts.Index.Queued(c); q {
			return anchorView{Status: "pending: queued for the next anchoring"}
		}
		return anchorView{Status: "not anchored by this server"}
	}
	r, _, err := notary.DecodeReceipt(doc)
	if err != nil {
		return anchorView{Status: "the receipt stored here does not check out (" + err.Error() + ")"}
	}
	a := anchorView{
		Status: "anchored", Anchored: true, ChainID: r.ChainID, Block: r.BlockNumber, BlockHash: r.BlockHash.Hex(),
		Tx: r.Tx.Hex(), Contract: r.Contract.Hex(), Time: r.BlockTime.UTC().Format(time.RFC3339), TimeText: timeText(r.BlockTime),
		ReceiptHref: pageHref(c) + "/receipt.json",
	}
	switch fin, known := h.head.get(); {
	case h.opts.Chain == nil || r.ChainID != h.opts.ChainID:
		a.Finality = "unknown to this server (check it on the verify page)"
	case !known || fin == 0:
		// As desci verify: a chain that names no finalized block (a
		// development chain, an old node) says nothing either way.
		a.Finality = "unknown: the chain does not say what it has finalized"
	case r.BlockNumber <= fin:
		a.Finality = fmt.Sprintf("final (the chain has finalized up to block %d)", fin)
	default:
		a.Finality = fmt.Sprintf("not final yet (the chain has finalized up to block %d)", fin)
	}
	return a
}

// history fills the timeline, the banners for newer versions and
// corrections, and the links a correction or new version states.
func (h *Handler) history(ctx context.Context, v *pageView, c cid.Cid, m *notary.Manifest, rel *relSnapshot) error {
	hist, err := h.historyOf(ctx, c, m, 4*h.opts.MaxTimeline)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		hist = []notary.Entry{{CID: c, Manifest: m}}
	}
	title := func(x cid.Cid) string {
		for _, e := range hist {
			if e.CID.Equals(x) {
				return e.Manifest.Title
			}
		}
		return ""
	}
	if m.Supersedes.Defined() {
		v.Supersedes = &linkView{CID: m.Supersedes.String(), Href: pageHref(m.Supersedes), Title: title(m.Supersedes)}
	}
	if m.Corrects.Defined() {
		v.Corrects = &linkView{CID: m.Corrects.String(), Href: pageHref(m.Corrects), Title: title(m.Corrects)}
	}
	var latest *notary.Entry
	version := 0
	var events []eventView
	for i := range hist {
		e := &hist[i]
		if rel.private[e.CID] {
			continue
		}
		ev := eventView{
			CID: e.CID.String(), Href: pageHref(e.CID), Title: e.Manifest.Title,
			Created: e.Manifest.Created.UTC().Format(time.RFC3339), CreatedText: timeText(e.Manifest.Created),
			Current: e.CID.Equals(c), Correction: e.Manifest.Kind == notary.KindCorrection,
		}
		if ev.Correction {
			ev.Label, ev.Reason = "Correction", e.Manifest.Reason
			if e.Manifest.Corrects.Equals(c) {
				v.Corrections = append(v.Corrections, linkView{CID: ev.CID, Href: ev.Href, Title: ev.Title, Note: e.Manifest.Reason})
			}
		} else {
			version++
			ev.Label = fmt.Sprintf("Version %d", version)
			latest = e
			if ev.Current {
				v.Version = version
			}
		}
		events = append(events, ev)
	}
	if latest != nil && m.Kind != notary.KindCorrection && !latest.CID.Equals(c) {
		v.Latest = &linkView{CID: latest.CID.String(), Href: pageHref(latest.CID), Title: latest.Manifest.Title}
	}
	if n := len(events) - h.opts.MaxTimeline; n > 0 {
		v.TimelineMore = n
		events = events[:h.opts.MaxTimeline]
	}
	// The anchoring status of each entry: one index read each, and only
	// for the entries shown.
	for i := range events {
		ec, _ := cid.Decode(events[i].CID)
		if events[i].Current {
			events[i].Status = v.Anchor.Status
			continue
		}
		if _, err := h.opts.Notary.Receipt(ec); err == nil {
			events[i].Status = "anchored"
		} else if q, _ := h.opts.Index.Queued(ec); q {
			events[i].Status = "pending"
		} else {
			events[i].Status = "not anchored here"
		}
	}
	v.Timeline = events
	return nil
}

// notebooks fills a run's provenance, an attestation's verdict, and the
// runs (with their attestations) of a method, behind a result, or on a
// dataset.
func (h *Handler) notebooks(ctx context.Context, v *pageView, c cid.Cid, m *notary.Manifest, rel *relSnapshot) {
	link := func(x cid.Cid) linkView {
		lv := linkView{CID: x.String(), Href: pageHref(x)}
		if mm, err := h.readManifest(ctx, x); err == nil {
			lv.Title = mm.Title
		}
		return lv
	}
	if r := m.Run; r != nil {
		rv := &runView{Method: r.Method.String(), Notebook: r.Notebook.String(), Executed: r.Executed.String(), Outputs: r.Outputs.String(), Started: r.Started.UTC().Format(time.RFC3339)}
		for _, k := range slices.Sorted(maps.Keys(r.Inputs)) {
			in := kv{Key: k, Value: r.Inputs[k].String()}
			if r.Inputs[k].Type() == cid.DagCBOR && !rel.private[r.Inputs[k]] {
				in.Href = pageHref(r.Inputs[k])
			}
			rv.Inputs = append(rv.Inputs, in)
		}
		for _, k := range slices.Sorted(maps.Keys(r.Params)) {
			rv.Params = append(rv.Params, kv{Key: k, Value: r.Params[k]})
		}
		for _, k := range slices.Sorted(maps.Keys(r.Environment)) {
			rv.Environment = append(rv.Environment, kv{Key: k, Value: r.Environment[k]})
		}
		v.Run = rv
	}
	if a := m.Attestation; a != nil {
		v.Attestation = &attestationView{Run: link(a.Run), Reproduced: a.Reproduced, Tolerance: a.Tolerance, Report: a.Report.String()}
	}
	var runs []cid.Cid
	switch m.Kind {
	case notary.KindMethod:
		v.RunsHeading = "Runs of this method"
		if ct := m.Content; ct != nil {
			runs = append(runs, rel.byNotebook[ct.Root]...)
			for _, f := range ct.Files {
				runs = append(runs, rel.byNotebook[f.CID]...)
			}
		}
	case notary.KindResult:
		v.RunsHeading = "The runs that produced this result"
		if ct := m.Content; ct != nil {
			runs = append(runs, rel.byFile[ct.Root]...)
			for _, f := range ct.Files {
				runs = append(runs, rel.byFile[f.CID]...)
			}
		}
	case notary.KindDataset:
		v.RunsHeading = "Runs that read this dataset"
		runs = append(runs, rel.byInput[c]...)
		if ct := m.Content; ct != nil {
			runs = append(runs, rel.byInput[ct.Root]...)
		}
	case notary.KindRun:
		v.RunsHeading = "Reproductions of this run"
		runs = []cid.Cid{c}
	}
	slices.SortFunc(runs, func(a, b cid.Cid) int { return strings.Compare(a.KeyString(), b.KeyString()) })
	runs = slices.CompactFunc(runs, func(a, b cid.Cid) bool { return a.Equals(b) })
	const maxRuns = 100
	for _, rc := range runs {
		rm := rel.runs[rc]
		if rm == nil || len(v.Runs) == maxRuns {
			continue
		}
		ref := runRefView{linkView: linkView{CID: rc.String(), Href: pageHref(rc), Title: rm.Title}, Created: rm.Created.UTC().Format(time.RFC3339)}
		for i, ac := range rel.attests[rc] {
			if i == maxRuns {
				break
			}
			am := rel.attsByCID[ac]
			ref.Attestations = append(ref.Attestations, attRefView{
				linkView:   linkView{CID: ac.String(), Href: pageHref(ac), Title: am.Title},
				Reproduced: am.Attestation.Reproduced, Tolerance: am.Attestation.Tolerance, Signer: am.Signer.Hex(),
			})
		}
		v.Runs = append(v.Runs, ref)
	}
	slices.SortStableFunc(v.Runs, func(a, b runRefView) int { return strings.Compare(a.Created, b.Created) })
}
