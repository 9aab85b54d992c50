package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/jackc/pgx/v5/pgxpool"

	gql "github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/desci-platform/desci/datasets/delivery"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/policies"
)

// Roles an address may hold (Options.Roles).
const (
	RoleResearcher = "researcher" // notarizes and corrects, requests extracts
	RoleSteward    = "steward"    // requests extracts, reads any access log
	RoleReviewer   = "reviewer"   // verifies and attests
	RoleOperator   = "operator"   // runs funding rounds
)

// Options configure a Server. Only Store is required; every other zero
// value is a working default.
type Options struct {
	// Store is the data dir's store. Required.
	Store *notary.Store
	// Registry is the consent registry; nil means consent queries and
	// mutations answer UNAVAILABLE.
	Registry *policies.Registry
	// Chain is what verify checks receipts against; nil means verify
	// answers UNAVAILABLE.
	Chain notary.Chain
	// NotaryContract is where the anchoring loop anchors, shown in the
	// node query; zero shows none.
	NotaryContract common.Address
	// CORSOrigins may call the API from a browser (a patient portal on
	// another origin); "*" is any. Empty allows none. Sessions are bearer
	// tokens, never cookies, so a page on another origin cannot act with
	// a user's session unless it holds the token.
	CORSOrigins []string
	// App answers every path the API does not use: the web app (package
	// web). Nil answers them 404.
	App http.Handler
	// Grants is the Grants contract, for the grant and round queries and
	// the grant mutations; nil means they answer UNAVAILABLE.
	Grants Grants
	// BeforeEstimate, if set, runs before a transaction is prepared: the
	// embedded chain mines only when asked, so its clock lags, and a
	// deadline already passed would not have for the estimate.
	BeforeEstimate func(ctx context.Context)
	// RelayPerHour bounds the gasless donations (relayDonation) the
	// Grants client's key relays, and faucet calls, per donor and per
	// client address an hour, in bursts of a third of it. Default 30; -1
	// relays none.
	RelayPerHour int
	// Faucet mints test tokens on a development chain (the faucet
	// mutation); nil means there is none.
	Faucet Faucet
	// Signer is the server's own key, which signs the manifests it
	// notarizes (uploads, corrections, consent documents); nil means
	// those mutations answer UNAVAILABLE.
	Signer notary.Signer

	// StewardIdentities decrypt sealed raw datasets for requestExtract,
	// and Stewards keeps the study secrets sealed to them; with either
	// unset, requestExtract answers UNAVAILABLE.
	StewardIdentities []age.Identity
	Stewards          *keys.Stewards
	// Policy decides consent for extracts; nil means the default bundle
	// (GA4GH DUO matching), compiled on first use.
	Policy *policies.Policy
	// Ontology is the MONDO release disease purposes are matched in; nil
	// means the built-in demo subset.
	Ontology *policies.Ontology
	// Tickets issues and checks extract download tickets; nil means a
	// random key, so tickets die with the process.
	Tickets *delivery.Tickets
	// TicketTTL is how long a download ticket lasts; 0 means 1 hour.
	TicketTTL time.Duration

	// Domain is the host[:port] Sign-In with Ethereum messages must
	// name: the authority of the public origin wallets see. Empty means
	// sign-in answers UNAVAILABLE; the request's Host header is never
	// trusted for it (a phishing site would relay a message signed for
	// itself).
	Domain string
	// OtherDomains are further names of this same server a message may
	// name (desci serve on loopback: localhost:PORT beside
	// 127.0.0.1:PORT); empty means none.
	OtherDomains []string
	// PublicURL is the URL users reach the server at
	// (https://desci.example.org): a SIWE message's URI must be on its
	// origin, its scheme and one of the domains above, and so must the
	// scheme before the message's domain, if it names one. Empty means
	// the URI's host must still be one of the domains, its scheme http
	// or https.
	PublicURL string
	// ChainID is the chain SIWE messages must name; 0 means 1337, the
	// embedded dev chain.
	ChainID uint64
	// Roles gives addresses their roles; an address not here signs in
	// with none (a patient).
	Roles map[common.Address][]string
	// SessionTTL is how long a session lasts; 0 means 24 hours.
	SessionTTL time.Duration
	// NonceTTL is how long an issued SIWE nonce may be used; 0 means 10
	// minutes.
	NonceTTL time.Duration
	// MaxNoncesPerClient bounds the unused nonces a client (an IPv4
	// address, or an IPv6 /64) holds: asking for more forgets its oldest;
	// 0 means 64.
	MaxNoncesPerClient int
	// MaxSessionsPerAddress bounds an address's live sessions: signing in
	// again ends its oldest; 0 means 32.
	MaxSessionsPerAddress int
	// MaxSessionsPerClient bounds the live sessions opened from one
	// client: more are refused until some end; 0 means 1000.
	MaxSessionsPerClient int
	// MaxSignIns bounds the unused nonces, and the live sessions, in all;
	// 0 means 100000.
	MaxSignIns int
	// Database, if set, is the PostgreSQL database replicas share: sign-in
	// nonces and sessions live there (a session opened on one replica
	// works on all, a nonce is used once across them), and /healthz and
	// /metrics report it. Nil means sessions in memory, as one server
	// needs.
	Database *pgxpool.Pool
	// Blocks, if set, is the block store replicas share (a Kubo node):
	// /healthz asks it too. Nil means the data dir's own blocks.
	Blocks Pinger

	// The request budget, checked in linear passes over the query's text
	// and syntax tree before graphql-go validates it (README, "Limits").
	//
	// MaxDepth bounds how deeply selections nest; 0 means 10.
	MaxDepth int
	// MaxComplexity bounds a query's cost (a field costs 1, times the
	// page size of every list above it; a mutation field 100); 0 means
	// 5000.
	MaxComplexity int
	// MaxQueryBytes bounds the query text; 0 means 32 KiB.
	MaxQueryBytes int
	// MaxTokens bounds the query's lexical tokens; 0 means 1000.
	MaxTokens int
	// MaxValidations bounds the new queries (not in the cache) parsed and
	// validated at once; 0 means half the CPUs, at least 1. Others wait
	// within their timeout.
	MaxValidations int
	// MaxAliases bounds the aliased fields in a query; 0 means 30.
	MaxAliases int
	// MaxFragments bounds the fragments a query defines; 0 means 30.
	MaxFragments int
	// MaxFragmentSpreads bounds the fragment spreads (...Name) written in
	// a query; 0 means 100.
	MaxFragmentSpreads int
	// MaxBodyBytes bounds a JSON request body; 0 means 1 MiB.
	MaxBodyBytes int64
	// MaxUploadBytes bounds a multipart upload, files included; 0 means
	// 256 MiB.
	MaxUploadBytes int64
	// MaxUploadsPerSession bounds the uploads one session sends at once;
	// 0 means 2. MaxUploads bounds them in all; 0 means 8.
	MaxUploadsPerSession, MaxUploads int
	// UploadDir is where uploads are spooled while their request runs,
	// and resumable uploads (/uploads) until used; empty means
	// os.TempDir().
	UploadDir string
	// ResumableTTL is how long a resumable upload lasts after its last
	// write before it is removed; 0 means 24 hours. A session holds at
	// most MaxResumablePerSession of them (0 means 100), and at most
	// MaxUploadsPerSession × MaxUploadBytes declared bytes; the server
	// MaxUploads × MaxUploadBytes, and no more than the free disk.
	ResumableTTL           time.Duration
	MaxResumablePerSession int
	// ReadIdleTimeout bounds the wait for each piece of a request body;
	// 0 means 30 seconds. MinBodyRate is the slowest a body may arrive on
	// average once ReadIdleTimeout has passed, in bytes per second; 0
	// means 16 KiB/s. A client trickling a byte at a time holds nothing
	// for long.
	ReadIdleTimeout time.Duration
	MinBodyRate     int64
	// Timeout bounds each request; 0 means 30 seconds.
	Timeout time.Duration
	// MaxVerifications bounds how many verify queries run at once (each
	// re-hashes the stored content); 0 means 2. Others wait their turn
	// within their timeout.
	MaxVerifications int
	// CacheSize is how many parsed and validated documents are kept; 0
	// means 1000, negative turns the cache off.
	CacheSize int
	// ManifestCacheSize is how many decoded manifests are kept (they are
	// immutable, named by their hash); 0 means 10000, negative none.
	ManifestCacheSize int

	// Logf, if set, receives internal errors (panics with their stacks);
	// nil means the standard logger.
	Logf func(format string, args ...any)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// catalog is what the server reads of the index: small enough that a test
// can count the reads.
type catalog interface {
	Manifests() ([]index.Manifest, error)
	Queue() ([]cid.Cid, error)
	Queued(c cid.Cid) (bool, error)
	Receipt(c cid.Cid) ([]byte, bool, error)
	Receipts(cs []cid.Cid) (map[cid.Cid][]byte, error)
	InQueue(cs []cid.Cid) (map[cid.Cid]bool, error)
	Seq() (uint64, error)
}

var _ catalog = (*index.Index)(nil)

// Server serves the GraphQL API and its companions over HTTP.
type Server struct {
	opts      Options
	ix        catalog
	schema    gql.Schema
	docs      *lru[string, *document]
	manifests *lru[cid.Cid, *notary.Manifest]
	sessions  *sessions
	metrics   *metrics
	mux       *http.ServeMux

	verifying  chan struct{} // a slot per verification under way
	limits     limits
	uploading  chan struct{} // a slot per upload under way
	validating chan struct{} // a slot per new query being validated

	uploadMu   sync.Mutex
	perSession map[string]int // uploads under way, by session token
	resumable  *resumables    // resumable uploads (/uploads)
	domains    []string       // what SIWE messages may name: Domain, then OtherDomains
	scheme     string         // the scheme SIWE messages' URIs must have; empty: http or https
	tickets    *delivery.Tickets
	delivery   *delivery.Server

	relays *relayLimiter // gasless donations and faucet calls; nil if RelayPerHour < 0

	listMu  sync.Mutex
	list    []*listEntry // every manifest record, newest first, as of listSeq
	listSeq uint64
	listOK  bool
}

// New builds the schema and the handler.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("graphql: Options.Store is required")
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&opts.MaxDepth, 10)
	def(&opts.MaxComplexity, 5000)
	def(&opts.MaxNoncesPerClient, 64)
	def(&opts.MaxSessionsPerAddress, 32)
	def(&opts.MaxSessionsPerClient, 1000)
	def(&opts.MaxSignIns, 100_000)
	def(&opts.MaxQueryBytes, 32<<10)
	def(&opts.MaxTokens, 1000)
	def(&opts.MaxValidations, max(1, runtime.GOMAXPROCS(0)/2))
	def(&opts.MaxAliases, 30)
	def(&opts.MaxFragments, 30)
	def(&opts.MaxFragmentSpreads, 100)
	def(&opts.CacheSize, 1000)
	def(&opts.ManifestCacheSize, 10000)
	def(&opts.MaxVerifications, 2)
	def(&opts.RelayPerHour, 30)
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.MaxUploadBytes == 0 {
		opts.MaxUploadBytes = 256 << 20
	}
	def(&opts.MaxUploadsPerSession, 2)
	def(&opts.MaxUploads, 8)
	def(&opts.MaxResumablePerSession, 100)
	if opts.ResumableTTL == 0 {
		opts.ResumableTTL = 24 * time.Hour
	}
	if opts.ReadIdleTimeout == 0 {
		opts.ReadIdleTimeout = 30 * time.Second
	}
	if opts.MinBodyRate == 0 {
		opts.MinBodyRate = 16 << 10
	}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.SessionTTL == 0 {
		opts.SessionTTL = 24 * time.Hour
	}
	if opts.NonceTTL == 0 {
		opts.NonceTTL = 10 * time.Minute
	}
	if opts.TicketTTL == 0 {
		opts.TicketTTL = time.Hour
	}
	if opts.ChainID == 0 {
		opts.ChainID = 1337
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	s := &Server{
		opts:      opts,
		ix:        opts.Store.Index(),
		docs:      newLRU[string, *document](opts.CacheSize),
		manifests: newLRU[cid.Cid, *notary.Manifest](opts.ManifestCacheSize),
		sessions: newSessions(signInLimits{
			nonceTTL: opts.NonceTTL, ttl: opts.SessionTTL,
			noncesPerClient: opts.MaxNoncesPerClient, sessionsPerAddress: opts.MaxSessionsPerAddress,
			sessionsPerClient: opts.MaxSessionsPerClient, total: opts.MaxSignIns,
		}, opts.Now),
		metrics:    newMetrics(),
		tickets:    opts.Tickets,
		verifying:  make(chan struct{}, max(opts.MaxVerifications, 1)),
		uploading:  make(chan struct{}, max(opts.MaxUploads, 1)),
		validating: make(chan struct{}, max(opts.MaxValidations, 1)),
		perSession: map[string]int{},
		resumable:  newResumables(),
		relays:     newRelayLimiter(opts.RelayPerHour),
		limits: limits{
			bytes: opts.MaxQueryBytes, tokens: opts.MaxTokens, nesting: max(opts.MaxDepth, introDepth) + 8,
			aliases: opts.MaxAliases, fragments: opts.MaxFragments, spreads: opts.MaxFragmentSpreads,
			depth: opts.MaxDepth, complexity: opts.MaxComplexity,
		},
	}
	if opts.Domain != "" {
		s.domains = append([]string{opts.Domain}, opts.OtherDomains...)
	}
	if opts.PublicURL != "" {
		u, err := url.Parse(opts.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("graphql: PublicURL %q is not an http(s) URL", opts.PublicURL)
		}
		if !slices.Contains(s.domains, u.Host) {
			return nil, fmt.Errorf("graphql: PublicURL %q is not on Domain %q", opts.PublicURL, opts.Domain)
		}
		s.scheme = u.Scheme
	}
	if s.tickets == nil {
		s.tickets = delivery.NewTickets(nil)
	}
	schema, err := s.buildSchema()
	if err != nil {
		return nil, fmt.Errorf("graphql: schema: %w", err)
	}
	s.schema = schema
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", s.serveGraphQL)
	if opts.Database != nil {
		db, err := openSessionDB(context.Background(), opts.Database)
		if err != nil {
			return nil, err
		}
		s.sessions.db = db
	}
	s.metrics.collect = s.collectStorage
	mux.HandleFunc("/healthz", s.serveHealth)
	mux.HandleFunc("/metrics", s.metrics.serve)
	mux.HandleFunc("/uploads", s.serveUploads)
	mux.HandleFunc("/uploads/", s.serveUploads)
	if opts.App != nil {
		mux.Handle("/", opts.App)
	}
	s.delivery = s.deliveryHandler()
	mux.Handle("/extracts/", s.delivery)
	s.mux = mux
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" && s.allowOrigin(o) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", o)
		h.Add("Vary", "Origin")
		uploads := r.URL.Path == "/uploads" || strings.HasPrefix(r.URL.Path, "/uploads/")
		if uploads {
			h.Set("Access-Control-Expose-Headers", "Location, Upload-Offset, Upload-Length, Upload-Expires, Tus-Resumable, Tus-Version, Tus-Max-Size, Tus-Extension")
		}
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			if uploads {
				h.Set("Access-Control-Allow-Methods", "POST, HEAD, PATCH, DELETE, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Tus-Resumable, Upload-Length, Upload-Offset, Upload-Metadata")
			}
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) allowOrigin(o string) bool {
	for _, a := range s.opts.CORSOrigins {
		if a == "*" || a == o {
			return true
		}
	}
	return false
}

// Metrics gives the embedding program counters to add to /metrics (the
// anchoring loop's).
func (s *Server) Metrics() *Metrics { return &Metrics{s.metrics} }

// Delivery is the extract server behind /extracts/, which is also an
// Arrow Flight service (flight.NewFlightServer().RegisterFlightService).
func (s *Server) Delivery() *delivery.Server { return s.delivery }

// SetCache turns the document cache on or off, for benchmarks.
func (s *Server) SetCache(on bool) {
	size := -1
	if on {
		size = s.opts.CacheSize
		if size <= 0 {
			size = 1000
		}
	}
	s.docs = newLRU[string, *document](size)
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if _, err := s.ix.Seq(); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "index: " + err.Error()})
		return
	}
	out := map[string]any{"ok": true}
	if db := s.opts.Database; db != nil {
		lat, err := pingDatabase(r.Context(), db)
		if err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "database": map[string]any{"ok": false, "error": err.Error()}})
			return
		}
		out["database"] = map[string]any{"ok": true, "latency_ms": float64(lat.Microseconds()) / 1000}
	}
	if bs := s.opts.Blocks; bs != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		start := time.Now()
		if err := bs.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "blocks": map[string]any{"ok": false, "error": err.Error()}})
			return
		}
		out["blocks"] = map[string]any{"ok": true, "latency_ms": float64(time.Since(start).Microseconds()) / 1000}
	}
	json.NewEncoder(w).Encode(out)
}

// A Pinger answers whether it is reachable: the shared block store.
type Pinger interface {
	Ping(ctx context.Context) error
}

// request is a GraphQL request as posted (or given in a GET's query).
type request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// document is a parsed, validated and costed query, as cached.
type document struct {
	ast        *ast.Document
	mutation   bool // some operation is a mutation
	depth      int
	complexity int
}

type ctxKey int

const (
	sessionKey ctxKey = iota
	requestKey
)

func sessionOf(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey).(*Session)
	return s
}

// httpRequestOf is the HTTP request a resolver serves, for the client
// it comes from.
func httpRequestOf(ctx context.Context) *http.Request {
	r, _ := ctx.Value(requestKey).(*http.Request)
	return r
}

func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.metrics.inFlight.Add(1)
	defer s.metrics.inFlight.Add(-1)
	// A panic outside the resolvers (which guard catches) is answered too,
	// with its stack in the log only.
	defer func() {
		if v := recover(); v != nil {
			s.opts.Logf("graphql: panic serving %s: %v\n%s", r.URL.Path, v, debug.Stack())
			res := failure(CodeInternal, "internal error")
			s.metrics.observe(time.Since(start), res)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			json.NewEncoder(w).Encode(res)
		}
	}()
	status, res := s.handle(w, r)
	s.metrics.observe(time.Since(start), res)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(res)
}

// failure is a response that never reached execution.
func failure(code, format string, args ...any) *gql.Result {
	return &gql.Result{Errors: []gqlerrors.FormattedError{{
		Message: fmt.Sprintf(format, args...), Locations: []location.SourceLocation{}, Extensions: map[string]any{"code": code},
	}}}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) (int, *gql.Result) {
	var (
		req     request
		uploads *uploadSet
		sess    *Session
	)
	// The session first: nothing of the body is read for a stranger.
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		var err error
		if sess, err = s.sessions.lookup(strings.TrimSpace(tok)); err != nil {
			return http.StatusServiceUnavailable, failure(CodeUnavailable, "%v", err)
		} else if sess == nil {
			return http.StatusUnauthorized, failure(CodeUnauthenticated, "session token unknown or expired: sign in again")
		}
	}
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return http.StatusBadRequest, failure(CodeBadUserInput, "variables: %v", err)
			}
		}
	case http.MethodPost:
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch mt {
		case "multipart/form-data":
			// Refused unread, the body is not drained either: the
			// connection closes after the answer.
			w.Header().Set("Connection", "close")
			if sess == nil {
				return http.StatusUnauthorized, failure(CodeUnauthenticated, "sign in before uploading (mutation signIn, then Authorization: Bearer TOKEN)")
			}
			release, ok := s.startUpload(sess)
			if !ok {
				w.Header().Set("Retry-After", "5")
				return http.StatusTooManyRequests, failure(CodeUnavailable, "too many uploads under way (at most %d per session, %d in all); try again shortly", s.opts.MaxUploadsPerSession, s.opts.MaxUploads)
			}
			defer release()
			w.Header().Del("Connection")
			var err error
			r.Body = s.paced(w, r, s.opts.MaxUploadBytes)
			if uploads, err = readMultipart(r, &req, s.opts.UploadDir); err != nil {
				var mbe *http.MaxBytesError
				switch {
				case errors.As(err, &mbe):
					return http.StatusRequestEntityTooLarge, failure(CodeBadUserInput, "upload larger than %d bytes", s.opts.MaxUploadBytes)
				case errors.Is(err, errTooSlow):
					w.Header().Set("Connection", "close")
					return http.StatusRequestTimeout, failure(CodeBadUserInput, "%v", errTooSlow)
				}
				return http.StatusBadRequest, failure(CodeBadUserInput, "multipart request: %v", err)
			}
			defer uploads.remove()
		case "application/json", "application/graphql-response+json", "":
			body := s.paced(w, r, s.opts.MaxBodyBytes)
			dec := json.NewDecoder(body)
			dec.UseNumber()
			err := dec.Decode(&req)
			// Read to the end: only then does net/http watch the
			// connection, and cancel the request when the client goes.
			io.Copy(io.Discard, body)
			if err != nil {
				var mbe *http.MaxBytesError
				switch {
				case errors.As(err, &mbe):
					return http.StatusRequestEntityTooLarge, failure(CodeBadUserInput, "request body larger than %d bytes", s.opts.MaxBodyBytes)
				case errors.Is(err, errTooSlow):
					w.Header().Set("Connection", "close")
					return http.StatusRequestTimeout, failure(CodeBadUserInput, "%v", errTooSlow)
				}
				return http.StatusBadRequest, failure(CodeBadUserInput, "request body is not a GraphQL JSON request: %v", err)
			}
		default:
			return http.StatusUnsupportedMediaType, failure(CodeBadUserInput, "content type %q: send application/json or multipart/form-data", mt)
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		return http.StatusMethodNotAllowed, failure(CodeBadUserInput, "use GET or POST")
	}
	if strings.TrimSpace(req.Query) == "" {
		return http.StatusBadRequest, failure(CodeBadUserInput, "no query")
	}
	doc, errs := s.document(r.Context(), req.Query)
	if errs != nil {
		return http.StatusOK, &gql.Result{Errors: errs}
	}
	if doc.mutation && r.Method == http.MethodGet && selectsMutation(doc.ast, req.OperationName) {
		return http.StatusMethodNotAllowed, failure(CodeBadUserInput, "mutations need POST")
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	if sess != nil {
		ctx = context.WithValue(ctx, sessionKey, sess)
	}
	ctx = context.WithValue(ctx, requestKey, r)
	if uploads != nil {
		if req.Variables == nil {
			req.Variables = map[string]any{}
		}
		uploads.substitute(req.Variables)
	}
	if err := s.checkVariables(doc.ast, req.OperationName, req.Variables); err != nil {
		return http.StatusOK, failure(CodeBadUserInput, "%v", err)
	}
	res := gql.Execute(gql.ExecuteParams{
		Schema: s.schema, AST: doc.ast, OperationName: req.OperationName,
		Args: normalizeNumbers(req.Variables), Context: ctx,
	})
	for i := range res.Errors {
		e := &res.Errors[i]
		if _, ok := e.Extensions["code"]; ok {
			continue
		}
		code := CodeBadUserInput // graphql-go's own: variables that do not coerce, an unknown operation
		if ctx.Err() != nil {
			code, e.Message = CodeUnavailable, "request timed out"
		}
		e.Extensions = map[string]any{"code": code}
	}
	return http.StatusOK, res
}

// selectsMutation reports whether the operation a request runs (the
// named one, or the only one) is a mutation.
func selectsMutation(doc *ast.Document, name string) bool {
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			if name != "" && op.Name != nil && op.Name.Value == name {
				return op.Operation == ast.OperationTypeMutation
			}
			ops = append(ops, op)
		}
	}
	// An unknown name, or several operations without one, fails in
	// execution; refuse it here only if it could be a mutation.
	for _, op := range ops {
		if op.Operation == ast.OperationTypeMutation {
			return true
		}
	}
	return false
}

// normalizeNumbers turns json.Number into int or float64, which is what
// graphql-go's scalars coerce.
func normalizeNumbers(v map[string]any) map[string]any {
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case json.Number:
			if i, err := x.Int64(); err == nil {
				return int(i)
			}
			f, _ := x.Float64()
			return f
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		}
		return x
	}
	walk(v)
	return v
}

// maxCachedQuery bounds the queries the cache keeps, so a thousand
// entries cannot hold a thousand request bodies.
const maxCachedQuery = 16 << 10

// maxErrors bounds the validation errors sent back: a query within the
// budget can still have a thousand.
const maxErrors = 20

// document parses, validates and costs a query, or takes it from the
// cache: graphql-go would otherwise re-parse and re-validate each time.
func (s *Server) document(ctx context.Context, query string) (*document, []gqlerrors.FormattedError) {
	if d, ok := s.docs.get(query); ok {
		s.metrics.cacheHits.Add(1)
		return d, nil
	}
	s.metrics.cacheMisses.Add(1)
	// New queries are parsed and validated a few at a time, so that
	// clients sending costly new queries cannot take every CPU from the
	// queries already cached.
	wait, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	select {
	case s.validating <- struct{}{}:
		defer func() { <-s.validating }()
	case <-wait.Done():
		return nil, failure(CodeUnavailable, "the server is busy validating other queries; try again").Errors
	}
	if err := s.limits.scan(query); err != nil {
		return nil, failure(CodeBadUserInput, "%v", err).Errors
	}
	tree, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})})
	if err != nil {
		errs := gqlerrors.FormatErrors(err)
		for i := range errs {
			errs[i].Extensions = map[string]any{"code": CodeBadUserInput}
		}
		return nil, errs
	}
	sh, err := s.limits.measure(tree)
	if err != nil {
		return nil, failure(CodeBadUserInput, "%v", err).Errors
	}
	if v := gql.ValidateDocument(&s.schema, tree, nil); !v.IsValid {
		errs := v.Errors
		if len(errs) > maxErrors {
			errs = append(errs[:maxErrors:maxErrors], failure(CodeBadUserInput, "and %d more errors", len(errs)-maxErrors).Errors[0])
		}
		for i := range errs {
			errs[i].Extensions = map[string]any{"code": CodeBadUserInput}
		}
		return nil, errs
	}
	d := &document{ast: tree, mutation: sh.mutation, depth: sh.depth, complexity: sh.complexity}
	if len(query) <= maxCachedQuery {
		s.docs.put(query, d)
	}
	return d, nil
}
