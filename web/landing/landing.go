package landing

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
)

// Notary is what the pages read of the notary's store (*notary.Store).
type Notary interface {
	Manifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error)
	Receipt(c cid.Cid) ([]byte, error)
	OpenFile(ctx context.Context, c cid.Cid) (*notary.FileReader, error)
}

// Index is what the pages read of the notary's index (*index.Index).
type Index interface {
	Manifests() ([]index.Manifest, error)
	Queued(c cid.Cid) (bool, error)
	SupersededBy(c cid.Cid) ([]cid.Cid, error)
	CorrectedBy(c cid.Cid) ([]cid.Cid, error)
	// Seq changes with every write, so derived data is rebuilt only then.
	Seq() (uint64, error)
}

// Chain tells the finalized head, for an anchoring's finality.
type Chain interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// Grants lists the milestone citations in the Grants contract's events
// (*grants.Client).
type Grants interface {
	Citations(ctx context.Context, from uint64) ([]grants.Citation, map[[2]uint64]string, uint64, error)
}

var (
	_ Notary = (*notary.Store)(nil)
	_ Index  = (*index.Index)(nil)
	_ Grants = (*grants.Client)(nil)
)

// Options configure a Handler. Notary and Index are required; the zero
// value of every other field works.
type Options struct {
	Notary Notary
	Index  Index
	// Chain, if set, tells whether an anchoring on chain ChainID is final;
	// nil: finality is shown as unknown.
	Chain   Chain
	ChainID uint64
	// Grants, if set, gives the grant milestones citing an object; nil:
	// none are shown.
	Grants Grants
	// PublicURL is the origin users reach the server at
	// (https://desci.example.org), for the absolute URLs of citations and
	// JSON-LD; empty: the request's own scheme and Host.
	PublicURL string
	// Refresh is how often the finalized head and the grants' citations
	// are read again, and the longest the derived index lags the notary's
	// (default 5 s).
	Refresh time.Duration
	// MaxDownloads bounds the file downloads served at once (default 16),
	// and MaxDownloadsPerClient those from one address (default 4); more
	// are answered 503. A download must keep up MinDownloadRate bytes a
	// second on average after its first 30 s (default 64 KiB/s), so slow
	// readers cannot hold the slots.
	MaxDownloads          int
	MaxDownloadsPerClient int
	MinDownloadRate       int64
	// MaxTimeline bounds the versions and corrections a page lists
	// (default 200; the oldest are kept).
	MaxTimeline int
	// CacheFiles bounds the decoded manifests kept, counting one per
	// manifest and one per file it lists (default 200,000: some 40 MB).
	CacheFiles int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logf reports failures of background reads (default: dropped).
	Logf func(format string, args ...any)
}

// Handler serves the pages under /m/.
type Handler struct {
	opts      Options
	base      *url.URL
	mux       *http.ServeMux
	downloads chan struct{}
	mu        sync.Mutex
	perClient map[string]int // downloads under way by client address
	rel       *relations
	head      *headCache
	cites     *citeCache
	manifests *manifestCache
}

// New returns a handler of the pages; mount it at /m/.
func New(o Options) (*Handler, error) {
	if o.Notary == nil || o.Index == nil {
		return nil, errors.New("landing: Options.Notary and Options.Index are required")
	}
	if o.Refresh <= 0 {
		o.Refresh = 5 * time.Second
	}
	if o.MaxDownloads <= 0 {
		o.MaxDownloads = 16
	}
	if o.MaxDownloadsPerClient <= 0 {
		o.MaxDownloadsPerClient = 4
	}
	if o.MinDownloadRate <= 0 {
		o.MinDownloadRate = 64 << 10
	}
	if o.MaxTimeline <= 0 {
		o.MaxTimeline = 200
	}
	if o.CacheFiles <= 0 {
		o.CacheFiles = 200_000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	h := &Handler{opts: o, downloads: make(chan struct{}, o.MaxDownloads), perClient: map[string]int{}, manifests: newManifestCache(o.CacheFiles)}
	if o.PublicURL != "" {
		u, err := url.Parse(o.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("landing: PublicURL %q is not an http(s) URL", o.PublicURL)
		}
		h.base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: strings.TrimSuffix(u.Path, "/")}
	}
	h.rel = newRelations(o.Notary, o.Index, o.Refresh)
	h.head = &headCache{chain: o.Chain, every: o.Refresh, now: o.Now, logf: o.Logf}
	h.cites = &citeCache{grants: o.Grants, every: o.Refresh, now: o.Now, logf: o.Logf}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /m/{cid}", h.servePage)
	mux.HandleFunc("GET /m/{cid}/{$}", h.redirectPage)
	mux.HandleFunc("GET /m/{cid}/cite.bib", h.serveExport(exportBibTeX))
	mux.HandleFunc("GET /m/{cid}/cite.ris", h.serveExport(exportRIS))
	mux.HandleFunc("GET /m/{cid}/cite.csl.json", h.serveExport(exportCSL))
	mux.HandleFunc("GET /m/{cid}/cite.datacite.json", h.serveExport(exportDataCite))
	mux.HandleFunc("GET /m/{cid}/receipt.json", h.serveReceipt)
	mux.HandleFunc("GET /m/{cid}/files/{path...}", h.serveFile)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			h.fail(w, http.StatusMethodNotAllowed, "Pages are read with GET.")
			return
		}
		h.fail(w, http.StatusNotFound, notFoundText)
	})
	h.mux = mux
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", pagePolicy)
	h.mux.ServeHTTP(w, r)
}

// notFoundText is the one answer for an unknown CID and a private one, so
// the difference cannot be seen.
const notFoundText = "No public research object on this server has this address."

// errNotPublic is what lookup returns for an unknown CID, one that is not
// a manifest, and a private one alike.
var errNotPublic = errors.New("landing: no public research object")

// object is a public manifest found for a request.
type object struct {
	c cid.Cid
	m *notary.Manifest
}

// lookup parses the {cid} of the request and reads the manifest, if it is
// public. It writes the error response itself and returns ok false.
func (h *Handler) lookup(w http.ResponseWriter, r *http.Request) (object, bool) {
	raw := r.PathValue("cid")
	c, err := ParseCID(raw)
	if err != nil {
		h.fail(w, http.StatusBadRequest, err.Error())
		return object{}, false
	}
	if s := c.String(); s != raw {
		// One URL per object: base58, upper case and other spellings of
		// the same CID are sent to its canonical one.
		u := *r.URL
		u.Path = strings.Replace(r.URL.Path, "/m/"+raw, "/m/"+s, 1)
		u.RawPath = ""
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return object{}, false
	}
	m, err := h.publicManifest(r.Context(), c)
	if errors.Is(err, errNotPublic) {
		h.fail(w, http.StatusNotFound, notFoundText)
		return object{}, false
	}
	if err != nil {
		return object{}, false // the request was canceled
	}
	return object{c, m}, true
}

// publicManifest reads the manifest at c if it is of a public kind,
// following a correction to what it corrects; errNotPublic otherwise. A
// damaged block is logged and answered as absent too: a 500 for a
// private object would say it exists.
func (h *Handler) publicManifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error) {
	m, err := h.readManifest(ctx, c)
	if err != nil {
		return nil, err
	}
	kind, err := h.effectiveKind(ctx, m)
	if err != nil {
		return nil, err
	}
	if !publicKinds[kind] {
		return nil, errNotPublic
	}
	return m, nil
}

// readManifest reads a manifest, mapping every way of not having one to
// errNotPublic; only a canceled request is an error of its own.
func (h *Handler) readManifest(ctx context.Context, c cid.Cid) (*notary.Manifest, error) {
	m, err := h.manifest(ctx, c)
	switch {
	case err == nil:
		return m, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case !errors.Is(err, notary.ErrNotFound) && !errors.Is(err, notary.ErrNotManifest):
		// Damaged, or a dag-cbor block that is not a manifest.
		h.opts.Logf("landing: %s: %v", c, err)
	}
	return nil, errNotPublic
}

// publicKinds have pages; every other kind (consent, access, extract, and
// any kind a later version adds) has none.
var publicKinds = map[string]bool{
	notary.KindDataset: true, notary.KindMethod: true, notary.KindResult: true,
	notary.KindRun: true, notary.KindAttestation: true,
}

// effectiveKind is what a manifest counts as: a correction counts as what
// it corrects, as in notary/kubo; one whose target is not here counts as
// private, since nothing says otherwise.
func (h *Handler) effectiveKind(ctx context.Context, m *notary.Manifest) (string, error) {
	for depth := 0; m.Kind == notary.KindCorrection; depth++ {
		if depth == 64 || !m.Corrects.Defined() {
			return "", nil
		}
		t, err := h.readManifest(ctx, m.Corrects)
		if errors.Is(err, errNotPublic) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		m = t
	}
	return m.Kind, nil
}

// fail answers with a short page in words.
func (h *Handler) fail(w http.ResponseWriter, status int, msg string) {
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := errorTemplate.Execute(w, errorPage{Status: status, Title: http.StatusText(status), Message: msg, Style: pageStyleCSS}); err != nil {
		h.opts.Logf("landing: error page: %v", err)
	}
}

func (h *Handler) redirectPage(w http.ResponseWriter, r *http.Request) {
	if _, err := ParseCID(r.PathValue("cid")); err != nil {
		h.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	http.Redirect(w, r, strings.TrimSuffix(r.URL.EscapedPath(), "/"), http.StatusMovedPermanently)
}

// baseURL is the origin absolute URLs start with.
func (h *Handler) baseURL(r *http.Request) string {
	if h.base != nil {
		return h.base.String()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if !hostRe.MatchString(host) {
		// The Host header is the client's: only a plain host[:port] goes
		// into citations.
		host = "localhost"
	}
	return scheme + "://" + host
}

var hostRe = regexp.MustCompile(`^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$`)

// headCache keeps the chain's finalized head, read again in the
// background once it is older than every.
type headCache struct {
	chain Chain
	every time.Duration
	now   func() time.Time
	logf  func(string, ...any)

	mu        sync.Mutex
	finalized uint64
	known     bool
	read      time.Time
	reading   bool
}

// get returns the finalized head and whether it is known, starting a
// read if the value is stale; the first call waits for it (up to 2 s).
func (c *headCache) get() (uint64, bool) {
	if c.chain == nil {
		return 0, false
	}
	c.mu.Lock()
	stale := c.now().Sub(c.read) >= c.every
	first := c.read.IsZero()
	start := stale && !c.reading
	if start {
		c.reading = true
	}
	c.mu.Unlock()
	if start {
		done := make(chan struct{})
		go func() {
			defer close(done)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			hdr, err := c.chain.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber)))
			c.mu.Lock()
			defer c.mu.Unlock()
			c.reading = false
			c.read = c.now()
			if err != nil || hdr == nil {
				if err != nil {
					c.logf("landing: finalized head: %v", err)
				}
				return
			}
			c.finalized, c.known = hdr.Number.Uint64(), true
		}()
		if first {
			select {
			case <-done:
			case <-time.After(2 * time.Second):
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.finalized, c.known
}
