package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow/flight"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/chain/walletrpc"
	"github.com/desci-platform/desci/datasets/delivery"
	"github.com/desci-platform/desci/grants"
	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/index"
	"github.com/desci-platform/desci/notary/kubo"
	"github.com/desci-platform/desci/policies"
	"github.com/desci-platform/desci/web"
	"github.com/desci-platform/desci/web/landing"
)

// serveConfig is what desci serve reads from DATA_DIR/config.json, beside
// the chain keys chainFlags reads.
type serveConfig struct {
	HTTP           string              `json:"http"`
	AnchorInterval string              `json:"anchor_interval"`
	AnchorBatch    int                 `json:"anchor_batch"`
	Key            string              `json:"key"`
	Domain         string              `json:"domain"`
	PublicURL      string              `json:"public_url"`
	Flight         string              `json:"flight"`
	Kubo           string              `json:"kubo"`
	KuboKinds      string              `json:"kubo_kinds"`
	Grants         string              `json:"grants_contract"`
	CORSOrigins    []string            `json:"cors_origins"`
	Roles          map[string][]string `json:"roles"`  // address -> researcher, steward, reviewer, operator
	Limits         map[string]int64    `json:"limits"` // serveLimits' names -> value
}

// serveLimits are the server's request limits a deployment may set, by
// the names --limit and config.json's "limits" take (README, "Limits").
var serveLimits = map[string]func(o *graphql.Options, v int64){
	"max_query_bytes":          func(o *graphql.Options, v int64) { o.MaxQueryBytes = int(v) },
	"max_tokens":               func(o *graphql.Options, v int64) { o.MaxTokens = int(v) },
	"max_depth":                func(o *graphql.Options, v int64) { o.MaxDepth = int(v) },
	"max_complexity":           func(o *graphql.Options, v int64) { o.MaxComplexity = int(v) },
	"max_aliases":              func(o *graphql.Options, v int64) { o.MaxAliases = int(v) },
	"max_fragments":            func(o *graphql.Options, v int64) { o.MaxFragments = int(v) },
	"max_fragment_spreads":     func(o *graphql.Options, v int64) { o.MaxFragmentSpreads = int(v) },
	"max_validations":          func(o *graphql.Options, v int64) { o.MaxValidations = int(v) },
	"max_body_bytes":           func(o *graphql.Options, v int64) { o.MaxBodyBytes = v },
	"max_upload_bytes":         func(o *graphql.Options, v int64) { o.MaxUploadBytes = v },
	"max_uploads":              func(o *graphql.Options, v int64) { o.MaxUploads = int(v) },
	"max_uploads_per_session":  func(o *graphql.Options, v int64) { o.MaxUploadsPerSession = int(v) },
	"max_resumables":           func(o *graphql.Options, v int64) { o.MaxResumablePerSession = int(v) },
	"resumable_ttl_s":          func(o *graphql.Options, v int64) { o.ResumableTTL = time.Duration(v) * time.Second },
	"min_body_rate":            func(o *graphql.Options, v int64) { o.MinBodyRate = v },
	"read_idle_timeout_ms":     func(o *graphql.Options, v int64) { o.ReadIdleTimeout = time.Duration(v) * time.Millisecond },
	"timeout_ms":               func(o *graphql.Options, v int64) { o.Timeout = time.Duration(v) * time.Millisecond },
	"max_nonces_per_client":    func(o *graphql.Options, v int64) { o.MaxNoncesPerClient = int(v) },
	"max_sessions_per_address": func(o *graphql.Options, v int64) { o.MaxSessionsPerAddress = int(v) },
	"max_sessions_per_client":  func(o *graphql.Options, v int64) { o.MaxSessionsPerClient = int(v) },
	"max_sign_ins":             func(o *graphql.Options, v int64) { o.MaxSignIns = int(v) },
	"relays_per_hour":          func(o *graphql.Options, v int64) { o.RelayPerHour = int(v) },
}

// serveOptions are desci serve's settings once flags, env and config are
// merged: a flag wins over $DESCI_*, which wins over config.json.
type serveOptions struct {
	chain          chainFlags
	http           string
	anchorInterval time.Duration
	anchorBatch    int
	key            string
	domain         string
	publicURL      string
	roles          map[common.Address][]string
	shutdown       time.Duration
	maxConns       int           // 0: 1024
	clientConns    int           // 0: 256
	webhookEvery   time.Duration // 0: no delivery loop
	webhookPrivate bool          // webhooks may reach private addresses
	webhookRetry   time.Duration // the wait after a delivery's first failure; 0: policies.RetryBase
	limits         map[string]int64
	flight         string       // Arrow Flight address; empty: none
	kubo           string       // a Kubo node's RPC API; empty: none
	kuboKinds      string       // the manifest kinds pinned there; empty: the public ones
	grants         string       // the Grants contract on an external chain
	cors           []string     // origins browsers may call the API from
	steward        stewardFlags // unlocks raw datasets for requestExtract
	policy         policyFlags
}

// serveReady, if set, is told the URL once the server listens (tests).
var serveReady func(url string)

func (e *env) serveCommand() *cobra.Command {
	var (
		o        serveOptions
		interval string
		roles    []string
		limits   []string
	)
	cmd := &cobra.Command{
		Use:   "serve [--http 127.0.0.1:8080] [--rpc URL --notary-contract ADDR] [--anchor-interval 1m] [--anchor-batch N] [--key ADDR]",
		Short: "Run the platform: the GraphQL API over HTTP, and anchoring on a schedule",
		Long: `Serve the data dir over HTTP: GraphQL at /graphql (POST JSON, multipart
uploads, GET for queries), the web app for patients and donors at /,
GraphiQL at /graphiql, /healthz and Prometheus metrics at /metrics, and
a public page for every public research object at /m/CID, with its
citations (BibTeX, RIS, CSL-JSON, DataCite) and files. Clients sign in with Ethereum (EIP-4361) and get a
session token; roles (researcher, steward, reviewer, operator) are given by
address with --role or config.json's "roles".

The server's key (--key, unlocked with $DESCI_PASSPHRASE) signs what the
server notarizes and pays for anchoring, which runs every --anchor-interval,
or as soon as --anchor-batch manifests wait. With no --rpc it is the data
dir's embedded chain.

With a data steward key in the data dir (desci datasets steward new, unlocked
with the same passphrase) or --identity, requestExtract cuts consent-gated
extracts and returns a ticket to download them from /extracts/CID, or over
Arrow Flight with --flight.

Every setting can also come from $DESCI_HTTP, $DESCI_RPC,
$DESCI_NOTARY_CONTRACT, $DESCI_CHAIN_ID, $DESCI_ANCHOR_INTERVAL,
$DESCI_ANCHOR_BATCH, $DESCI_KEY, $DESCI_DOMAIN, $DESCI_PUBLIC_URL, $DESCI_FLIGHT,
$DESCI_GRANTS_CONTRACT, $DESCI_CORS_ORIGINS (comma-separated), or from
config.json's keys http, rpc, notary_contract, chain_id, confirmations,
anchor_interval, anchor_batch, key, domain, public_url, flight, grants_contract,
cors_origins and roles. A flag wins over the environment, which wins over
the file.

Replicas: run several, each with --database postgres://USER@HOST/DB (or
$DESCI_DATABASE, or config.json's "database"), the same --rpc,
--notary-contract, key and --public-url, and one block store (--blocks
http://kubo:5001, or blocks/ on a shared file system). They share the
index, the anchoring queue and sign-in sessions; one anchors at a time (a
PostgreSQL advisory lock), and when it dies another resumes its batch by
nonce and hash. /healthz and /metrics report the database.

SIGINT or SIGTERM stops it gracefully: requests in flight are answered, an
anchoring under way finishes, and what is queued stays queued.`,
		Example: `  desci serve --http 127.0.0.1:8080 --role 0xAbC...=researcher,steward
  curl -s localhost:8080/graphql -H 'Content-Type: application/json' \
      -d '{"query":"{ manifests(first: 5) { edges { node { cid title status } } } }"}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			if err := e.resolveServeOptions(&o, fl.Changed, interval, roles); err != nil {
				return err
			}
			for _, l := range limits {
				k, v, ok := strings.Cut(l, "=")
				n, err := strconv.ParseInt(v, 10, 64)
				if !ok || err != nil || n <= 0 || serveLimits[k] == nil {
					return usageError{fmt.Errorf("--limit %q: want NAME=N, N > 0, NAME one of %s", l, strings.Join(slices.Sorted(maps.Keys(serveLimits)), ", "))}
				}
				o.limits[k] = n
			}
			return e.serve(cmd.Context(), o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.http, "http", "127.0.0.1:8080", "address to serve HTTP on (port 0 picks one)")
	o.chain.register(cmd)
	fl.Uint64Var(&o.chain.Confirmations, "confirmations", 0, "blocks to wait for when anchoring (default 1)")
	fl.StringVar(&interval, "anchor-interval", "1m", "how often to anchor what is queued (0 turns scheduled anchoring off)")
	fl.IntVar(&o.anchorBatch, "anchor-batch", 0, "anchor as soon as this many manifests wait (0: only on the interval)")
	fl.StringVar(&o.key, "key", "", "the server's key: signs what it notarizes, pays for anchoring (default: the only key)")
	fl.StringVar(&o.domain, "domain", "", "the host[:port] sign-in messages must name: the public origin's (default: from --public-url; on loopback, the address served)")
	fl.StringVar(&o.publicURL, "public-url", "", "the URL users reach the server at (https://desci.example.org); sets --domain")
	fl.StringArrayVar(&roles, "role", nil, "ADDRESS=ROLE[,ROLE]: give an address roles (researcher, steward, reviewer, operator); repeatable")
	fl.StringVar(&o.kubo, "kubo", "", "a Kubo node's RPC API (http://127.0.0.1:5001): anchored public manifests and their content are pinned there")
	fl.StringVar(&o.kuboKinds, "kubo-kinds", "public", "the kinds pinned on --kubo: public (dataset, method, result, correction, run, attestation), and any of consent, access, extract, sealed")
	fl.StringVar(&o.flight, "flight", "", "also serve extracts over Arrow Flight (DoGet with the ticket requestExtract returns) on this address, e.g. 127.0.0.1:8815")
	fl.StringSliceVar(&o.cors, "cors-origin", nil, "an origin browser apps may call the API from (https://portal.example, or * for any); repeatable")
	fl.StringVar(&o.grants, "grants-contract", "", "the Grants contract on the --rpc chain (the embedded chain deploys its own)")
	o.steward.register(fl)
	o.policy.register(fl)
	fl.DurationVar(&o.webhookEvery, "webhook-interval", 10*time.Second, "how often revocation notices due are delivered to their webhooks (0: never; desci consent notices deliver does it once)")
	fl.BoolVar(&o.webhookPrivate, "webhook-allow-private", false, "let webhooks reach loopback and private addresses")
	fl.DurationVar(&o.webhookRetry, "webhook-retry", policies.RetryBase, "the wait after a failed delivery, doubling after each failure up to an hour")
	fl.StringArrayVar(&limits, "limit", nil, "NAME=N: set a request limit (max_tokens=1000, max_depth=10, ...; README, \"Limits\"); repeatable")
	fl.IntVar(&o.maxConns, "max-connections", 1024, "connections served at once; more are closed as they come")
	fl.IntVar(&o.clientConns, "max-connections-per-client", 256, "connections served at once from one address (an IPv6 /64); behind a reverse proxy, all come from it")
	fl.DurationVar(&o.shutdown, "shutdown-timeout", 30*time.Second, "how long a graceful stop waits for requests and anchoring")
	return cmd
}

// resolveServeOptions merges flags, $DESCI_* and config.json.
func (e *env) resolveServeOptions(o *serveOptions, changed func(string) bool, interval string, roles []string) error {
	var cfg serveConfig
	if err := e.readConfig(&cfg); err != nil {
		return err
	}
	str := func(dst *string, flag, env, file string) {
		if changed(flag) {
			return
		}
		if v, ok := os.LookupEnv(env); ok && v != "" {
			*dst = v
		} else if file != "" {
			*dst = file
		}
	}
	str(&o.http, "http", "DESCI_HTTP", cfg.HTTP)
	str(&o.chain.RPC, "rpc", "DESCI_RPC", "")
	str(&o.chain.Contract, "notary-contract", "DESCI_NOTARY_CONTRACT", "")
	str(&interval, "anchor-interval", "DESCI_ANCHOR_INTERVAL", cfg.AnchorInterval)
	str(&o.key, "key", "DESCI_KEY", cfg.Key)
	str(&o.domain, "domain", "DESCI_DOMAIN", cfg.Domain)
	str(&o.publicURL, "public-url", "DESCI_PUBLIC_URL", cfg.PublicURL)
	str(&o.flight, "flight", "DESCI_FLIGHT", cfg.Flight)
	str(&o.kubo, "kubo", "DESCI_KUBO", cfg.Kubo)
	str(&o.kuboKinds, "kubo-kinds", "DESCI_KUBO_KINDS", cfg.KuboKinds)
	if _, err := kubo.ParseKinds(o.kuboKinds); err != nil {
		return usageError{err}
	}
	str(&o.grants, "grants-contract", "DESCI_GRANTS_CONTRACT", cfg.Grants)
	num := func(flag, env string, set func(uint64)) error {
		if changed(flag) {
			return nil
		}
		if v := os.Getenv(env); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return usageError{fmt.Errorf("$%s %q is not a number", env, v)}
			}
			set(n)
		}
		return nil
	}
	if err := num("chain-id", "DESCI_CHAIN_ID", func(n uint64) { o.chain.ChainID = n }); err != nil {
		return err
	}
	if err := num("anchor-batch", "DESCI_ANCHOR_BATCH", func(n uint64) { o.anchorBatch = int(n) }); err != nil {
		return err
	}
	if !changed("anchor-batch") && os.Getenv("DESCI_ANCHOR_BATCH") == "" && cfg.AnchorBatch != 0 {
		o.anchorBatch = cfg.AnchorBatch
	}
	if !changed("cors-origin") {
		if v := os.Getenv("DESCI_CORS_ORIGINS"); v != "" {
			o.cors = strings.Split(v, ",")
		} else if len(cfg.CORSOrigins) > 0 {
			o.cors = cfg.CORSOrigins
		}
	}
	if o.publicURL != "" {
		u, err := url.Parse(o.publicURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return usageError{fmt.Errorf("--public-url %q is not an http(s) URL", o.publicURL)}
		}
		if o.domain == "" {
			o.domain = u.Host
		} else if o.domain != u.Host {
			return usageError{fmt.Errorf("--public-url %q is not on --domain %q: sign-in messages name the one origin users reach", o.publicURL, o.domain)}
		}
	}
	if o.domain == "" && !loopback(o.http) {
		return usageError{fmt.Errorf("serving on %s, beyond loopback, needs --domain or --public-url: the host sign-in messages must name (the Host header is the client's to choose)", o.http)}
	}
	var err error
	if o.anchorInterval, err = time.ParseDuration(interval); err != nil || o.anchorInterval < 0 {
		return usageError{fmt.Errorf("anchor interval %q is not a duration (30s, 5m)", interval)}
	}
	if o.anchorBatch < 0 {
		return usageError{errors.New("--anchor-batch must be 0 or more")}
	}
	o.limits = map[string]int64{}
	for k, v := range cfg.Limits {
		if serveLimits[k] == nil || v <= 0 {
			return usageError{fmt.Errorf("config.json limits: %q=%d is not a limit this server has, or not positive", k, v)}
		}
		o.limits[k] = v
	}
	o.roles = map[common.Address][]string{}
	add := func(a string, rs []string) error {
		if !common.IsHexAddress(a) {
			return usageError{fmt.Errorf("role: %q is not an address", a)}
		}
		for _, r := range rs {
			switch r = strings.TrimSpace(r); r {
			case graphql.RoleResearcher, graphql.RoleSteward, graphql.RoleReviewer, graphql.RoleOperator:
				o.roles[common.HexToAddress(a)] = append(o.roles[common.HexToAddress(a)], r)
			default:
				return usageError{fmt.Errorf("role %q: want researcher, steward, reviewer or operator", r)}
			}
		}
		return nil
	}
	for a, rs := range cfg.Roles {
		if err := add(a, rs); err != nil {
			return err
		}
	}
	for _, r := range roles {
		a, rs, ok := strings.Cut(r, "=")
		if !ok {
			return usageError{fmt.Errorf("--role %q: want ADDRESS=ROLE[,ROLE]", r)}
		}
		if err := add(a, strings.Split(rs, ",")); err != nil {
			return err
		}
	}
	return nil
}

// loopback reports whether addr (host:port) can be reached only from
// this machine.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serve runs the platform until ctx ends, then stops gracefully.
func (e *env) serve(ctx context.Context, o serveOptions) error {
	s, err := e.openStore()
	if err != nil {
		return err
	}
	reg, err := e.registry(ctx)
	if err != nil {
		return err
	}
	c, err := e.connect(ctx, &o.chain)
	if err != nil {
		return err
	}
	defer c.close()
	id, err := c.client.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("chain unreachable: %w", err)
	}
	// Smart accounts' signatures (ERC-1271, ERC-6492) are asked of this chain.
	if err := reg.UseChain(ctx, c.client); err != nil {
		return err
	}
	var signer notary.Signer
	key, err := e.signer(o.key)
	switch {
	case errors.Is(err, keys.ErrNoKeys):
		fmt.Fprintln(e.stderr, "desci: no key in this data dir (desci keys new): serving read-only, no anchoring")
	case err != nil:
		return err
	default:
		signer = key
		if err := fundOnDev(ctx, c, key.Address()); err != nil {
			return err
		}
	}
	pool, err := e.db()
	if err != nil {
		return err
	}
	gopts := graphql.Options{
		Store: s, Registry: reg, Chain: c.client, Signer: signer, Database: pool, Blocks: e.pinger(),
		Domain: o.domain, PublicURL: o.publicURL, ChainID: id.Uint64(), Roles: o.roles, NotaryContract: c.contract, CORSOrigins: o.cors, App: web.Handler(),
		Logf: func(format string, args ...any) { fmt.Fprintf(e.stderr, "desci: "+format+"\n", args...) },
	}
	for k, v := range o.limits {
		serveLimits[k](&gopts, v)
	}
	if err := e.serveExtracts(ctx, o, &gopts); err != nil {
		return err
	}
	if gopts.Grants, err = e.serveGrants(ctx, o, c, signer); err != nil {
		return err
	}
	if c.dev != nil && gopts.Grants != nil {
		// Test tokens for the web app's donors (the faucet mutation): the
		// dev chain's first funded account deployed TestUSD and mints it.
		minter, err := grants.New(ctx, c.client, keys.NewKey(chain.DevAccounts()[0]), grants.Options{Contract: gopts.Grants.Contract()})
		if err != nil {
			return err
		}
		gopts.Faucet = func(ctx context.Context, token, to common.Address, amount *big.Int) error {
			_, err := minter.Mint(ctx, token, to, amount)
			return err
		}
	}
	if c.dev != nil {
		// The embedded chain mines only when asked: after a quiet spell its
		// head is in the past, and a deadline that has passed would not
		// have for an estimate. An empty block brings its clock to now.
		gopts.BeforeEstimate = func(ctx context.Context) {
			if h, err := c.client.HeaderByNumber(ctx, nil); err == nil && int64(h.Time) < time.Now().Unix() {
				c.dev.Commit()
			}
		}
	}
	ln, err := net.Listen("tcp", o.http)
	if err != nil {
		return err
	}
	defer ln.Close()
	if gopts.Domain == "" {
		// On loopback only this machine's browser and wallet reach the
		// server, by the address it listens on or as localhost.
		gopts.Domain = ln.Addr().String()
		_, port, _ := net.SplitHostPort(gopts.Domain)
		gopts.OtherDomains = []string{"localhost:" + port}
	}
	srv, err := graphql.New(gopts)
	if err != nil {
		return err
	}
	if o.flight != "" {
		fs := flight.NewFlightServer()
		if err := fs.Init(o.flight); err != nil {
			return fmt.Errorf("flight: %w", err)
		}
		fs.RegisterFlightService(srv.Delivery())
		go fs.Serve()
		defer fs.Shutdown()
		fmt.Fprintf(e.stderr, "desci: serving extracts over Arrow Flight at grpc://%s\n", fs.Addr())
	}
	// Bodies are paced by the handler (graphql.Options.ReadIdleTimeout);
	// headers must come within 10 s, and an idle connection is closed
	// after a minute.
	// Wallets reach the chain at /rpc (the rpcUrls of wallet_addEthereumChain),
	// even when it is the embedded one: the read and send methods only,
	// rate-limited per client (chain/walletrpc).
	mux := http.NewServeMux()
	mux.Handle("/rpc", walletrpc.New(c.client.Client(), walletrpc.Options{}))
	// Public research objects' pages and citations (web/landing).
	lg, _ := gopts.Grants.(landing.Grants)
	var rpcs publicRPC
	if err := e.readConfig(&rpcs); err != nil {
		return err
	}
	pages, err := landing.New(landing.Options{Notary: s, Index: s.Index(), Chain: c.client, ChainID: id.Uint64(), Grants: lg, PublicURL: o.publicURL, PublicRPC: rpcs.PublicRPC, Logf: gopts.Logf})
	if err != nil {
		return err
	}
	mux.Handle("/m/", pages)
	mux.Handle("/", srv)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 64 << 10}
	served := make(chan error, 1)
	// Past --max-connections, or --max-connections-per-client from one
	// address (an IPv6 /64), a new connection is closed at once, so a
	// flood of idle connections cannot hold every file descriptor, nor
	// one client every connection.
	conns := &graphql.ConnLimit{Max: o.maxConns, PerClient: o.clientConns}
	hs.ConnState = conns.ConnState
	go func() { served <- hs.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stderr, "desci: serving the web app at %s/, GraphQL at %s/graphql (GraphiQL at %s/graphiql), chain %d (JSON-RPC for wallets at %s/rpc)\n", url, url, url, id, url)
	fmt.Fprintln(e.stdout, url)
	if serveReady != nil {
		serveReady(url)
	}

	// Anchoring has its own context: a stop lets a transaction under way
	// be confirmed and its receipts stored rather than cut off.
	anchorCtx, stopAnchoring := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAnchoring()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	if signer != nil && (o.anchorInterval > 0 || o.anchorBatch > 0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.anchorLoop(anchorCtx, stop, s, c, signer, o, srv.Metrics())
		}()
	}

	if reg != nil && o.webhookEvery > 0 {
		reg.Retry = o.webhookRetry
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.deliverLoop(anchorCtx, stop, reg, webhookClient(o.webhookPrivate), o.webhookEvery, srv.Metrics())
		}()
	}

	select {
	case err := <-served:
		close(stop)
		wg.Wait()
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "desci: stopping: answering requests in flight, letting an anchoring under way finish")
	close(stop)
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdown)
	defer cancel()
	err = hs.Shutdown(sctx)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-sctx.Done():
		// The anchoring's batch is recorded before it is sent: the next
		// run finds it by hash and nonce.
		stopAnchoring()
		<-done
	}
	if q, qerr := s.Index().Queue(); qerr == nil && len(q) > 0 {
		fmt.Fprintf(e.stderr, "desci: %s stay queued for the next anchoring\n", plural(len(q), "manifest"))
	}
	return err
}

// anchorLoop anchors what is queued every interval, or as soon as the
// batch size is reached, until stop closes.
func (e *env) anchorLoop(ctx context.Context, stop <-chan struct{}, s *notary.Store, c *conn, signer notary.Signer, o serveOptions, m *graphql.Metrics) {
	poll := o.anchorInterval
	if o.anchorBatch > 0 && (poll == 0 || poll > time.Second) {
		poll = time.Second // look at the queue's length this often
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	last := time.Now()
	var unpushed []cid.Cid // anchored, not yet pinned on Kubo
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if o.kubo != "" && len(unpushed) > 0 {
			unpushed = e.pushToKubo(ctx, s, o, unpushed, m)
		}
		q, err := s.Index().Queue()
		if err != nil {
			fmt.Fprintf(e.stderr, "desci: anchoring: %v\n", err)
			continue
		}
		bs, _ := s.Index().Batches()
		m.Set("desci_anchor_queue_length", float64(len(q)))
		due := o.anchorInterval > 0 && time.Since(last) >= o.anchorInterval
		full := o.anchorBatch > 0 && len(q) >= o.anchorBatch
		if len(q) == 0 && len(bs) == 0 || !due && !full && len(bs) == 0 {
			continue
		}
		last = time.Now()
		res, err := s.Anchor(ctx, c.client, signer, notary.AnchorOptions{Contract: c.contract, Confirmations: o.chain.Confirmations})
		if errors.Is(err, index.ErrAnchoring) {
			continue // another replica anchors; it takes this queue too
		}
		if err != nil {
			m.Add("desci_anchor_failures_total", 1)
			fmt.Fprintf(e.stderr, "desci: anchoring: %v (the queue is kept; retrying next time)\n", err)
			continue
		}
		for _, r := range res {
			m.Add("desci_anchor_transactions_total", 1)
			m.Add("desci_anchored_manifests_total", float64(r.Manifests))
			fmt.Fprintf(e.stderr, "desci: anchored %s in block %d, tx %s\n", plural(r.Manifests, "manifest"), r.BlockNumber, r.Tx.Hex())
		}
		if o.kubo != "" {
			if rs, err := s.Index().Receipts(q); err == nil {
				for _, c := range q {
					if rs[c] != nil {
						unpushed = append(unpushed, c)
					}
				}
			}
			unpushed = e.pushToKubo(ctx, s, o, unpushed, m)
		}
		if q, err := s.Index().Queue(); err == nil {
			m.Set("desci_anchor_queue_length", float64(len(q)))
		}
	}
}

// pushToKubo pins anchored manifests and their content on a Kubo node,
// returning those it could not, to be tried again on the next tick.
// Private manifests (consents, access entries, extracts, unless
// --kubo-kinds names them) are left out for good, and so is whatever
// private a public one links to (notary/kubo.PublishPublic).
func (e *env) pushToKubo(ctx context.Context, s *notary.Store, o serveOptions, cs []cid.Cid, m *graphql.Metrics) []cid.Cid {
	kinds, _ := kubo.ParseKinds(o.kuboKinds) // checked when the options were read
	f, err := kubo.NewFilter(ctx, s, kinds)
	if err != nil {
		fmt.Fprintf(e.stderr, "desci: kubo: %v (%d manifests left to pin; retrying next time)\n", err, len(cs))
		return cs
	}
	k := &kubo.Client{URL: o.kubo}
	for i, c := range cs {
		_, err := k.PublishPublic(ctx, f, c)
		if errors.Is(err, kubo.ErrPrivate) {
			m.Add("desci_kubo_private_total", 1)
			continue
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "desci: kubo: %v (%d manifests left to pin; retrying next time)\n", err, len(cs)-i)
			m.Add("desci_kubo_failures_total", 1)
			return cs[i:]
		}
		m.Add("desci_kubo_pinned_total", 1)
	}
	return nil
}

// serveExtracts gives the server what requestExtract needs: the data
// steward keys (unlocked with $DESCI_PASSPHRASE, or --identity), the
// policy and the ticket key, kept in the data dir so tickets outlive a
// restart. Without steward keys the server runs without extracts.
func (e *env) serveExtracts(ctx context.Context, o serveOptions, g *graphql.Options) error {
	dir, err := e.dir()
	if err != nil {
		return err
	}
	secret, err := ticketSecret(filepath.Join(dir, "ticket-secret"))
	if err != nil {
		return err
	}
	g.Tickets = delivery.NewTickets(secret)
	ids, err := e.identities(o.steward)
	if errors.Is(err, keys.ErrNoStewardKey) {
		fmt.Fprintln(e.stderr, "desci: no data steward key (desci datasets steward new): serving without extracts")
		return nil
	}
	if err != nil {
		return err
	}
	if g.Stewards, err = e.stewards(); err != nil {
		return err
	}
	if g.Policy, g.Ontology, err = e.loadPolicy(ctx, o.policy); err != nil {
		return err
	}
	g.StewardIdentities = ids
	return nil
}

// ticketSecret reads the key download tickets are signed with, making it
// on first use.
func ticketSecret(p string) ([]byte, error) {
	if b, err := os.ReadFile(p); err == nil && len(b) >= 32 {
		return b, nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return b, writeFileAtomic(p, bytes.NewReader(b), 0o600)
}

// serveGrants opens the Grants contract: the embedded chain's own
// (deployed on first use), or the one configured for an external chain;
// nil, with a note, when there is none.
func (e *env) serveGrants(ctx context.Context, o serveOptions, c *conn, signer notary.Signer) (graphql.Grants, error) {
	addr := o.grants
	if c.dev != nil {
		dir, err := e.dir()
		if err != nil {
			return nil, err
		}
		a, _, err := ensureDevGrants(ctx, c.dev, filepath.Join(dir, "chain"), c.contract)
		if err != nil {
			return nil, err
		}
		addr = a.Hex()
	}
	if addr == "" {
		fmt.Fprintln(e.stderr, "desci: no Grants contract for this chain (--grants-contract): serving without grants")
		return nil, nil
	}
	if !common.IsHexAddress(addr) {
		return nil, usageError{fmt.Errorf("--grants-contract %q is not an address", addr)}
	}
	var gs grants.Signer // nil: read-only, createGrant answers with the chain's refusal
	if signer != nil {
		gs = signer
	}
	return grants.New(ctx, c.client, gs, grants.Options{Contract: common.HexToAddress(addr)})
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
