package graphql

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"

	"github.com/desci-platform/desci/internal/ethsig"
)

// ErrSIWE wraps every reason a Sign-In with Ethereum message is refused.
var ErrSIWE = errors.New("graphql: sign-in refused")

// A SIWEMessage is an EIP-4361 message, the fields this server reads.
type SIWEMessage struct {
	Scheme         string // optional, before the domain: "https"
	Domain         string
	Address        common.Address
	Statement      string
	URI            string
	Version        string
	ChainID        uint64
	Nonce          string
	IssuedAt       time.Time
	ExpirationTime time.Time // zero when absent
	NotBefore      time.Time // zero when absent
	RequestID      string
	Resources      []string
}

const siweHeader = " wants you to sign in with your Ethereum account:"

// String renders the message as EIP-4361 lays it out: what the wallet
// shows and signs.
func (m *SIWEMessage) String() string {
	var b strings.Builder
	if m.Scheme != "" {
		b.WriteString(m.Scheme + "://")
	}
	b.WriteString(m.Domain + siweHeader + "\n")
	b.WriteString(m.Address.Hex() + "\n\n")
	if m.Statement != "" {
		b.WriteString(m.Statement + "\n")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "URI: %s\nVersion: %s\nChain ID: %d\nNonce: %s\nIssued At: %s", m.URI, m.Version, m.ChainID, m.Nonce, m.IssuedAt.UTC().Format(time.RFC3339))
	if !m.ExpirationTime.IsZero() {
		b.WriteString("\nExpiration Time: " + m.ExpirationTime.UTC().Format(time.RFC3339))
	}
	if !m.NotBefore.IsZero() {
		b.WriteString("\nNot Before: " + m.NotBefore.UTC().Format(time.RFC3339))
	}
	if m.RequestID != "" {
		b.WriteString("\nRequest ID: " + m.RequestID)
	}
	if len(m.Resources) > 0 {
		b.WriteString("\nResources:")
		for _, r := range m.Resources {
			b.WriteString("\n- " + r)
		}
	}
	return b.String()
}

// ParseSIWE parses an EIP-4361 message strictly: the fields in the
// specification's order, the address in its EIP-55 checksummed form.
func ParseSIWE(s string) (*SIWEMessage, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrSIWE, fmt.Sprintf(format, args...))
	}
	lines := strings.Split(s, "\n")
	if len(lines) < 8 {
		return nil, bad("not an EIP-4361 message")
	}
	m := &SIWEMessage{}
	domain, ok := strings.CutSuffix(lines[0], siweHeader)
	if !ok || domain == "" {
		return nil, bad("first line is not %q", "DOMAIN"+siweHeader)
	}
	if scheme, rest, ok := strings.Cut(domain, "://"); ok {
		m.Scheme, domain = scheme, rest
	}
	if domain == "" || strings.ContainsAny(domain, "/ ") {
		return nil, bad("domain %q is not an authority (host[:port])", domain)
	}
	m.Domain = domain
	if !common.IsHexAddress(lines[1]) || common.HexToAddress(lines[1]).Hex() != lines[1] {
		return nil, bad("address %q is not an EIP-55 checksummed address", lines[1])
	}
	m.Address = common.HexToAddress(lines[1])
	if lines[2] != "" {
		return nil, bad("no blank line after the address")
	}
	i := 3
	if lines[i] != "" {
		m.Statement = lines[i]
		i++
	}
	if i >= len(lines) || lines[i] != "" {
		return nil, bad("no blank line before URI")
	}
	i++
	field := func(name string, required bool) (string, error) {
		if i < len(lines) {
			if v, ok := strings.CutPrefix(lines[i], name+": "); ok {
				i++
				return v, nil
			}
		}
		if required {
			return "", bad("missing %s", name)
		}
		return "", nil
	}
	var err error
	if m.URI, err = field("URI", true); err != nil {
		return nil, err
	}
	if _, err := url.Parse(m.URI); err != nil {
		return nil, bad("URI: %v", err)
	}
	if m.Version, err = field("Version", true); err != nil {
		return nil, err
	}
	if m.Version != "1" {
		return nil, bad("version %q, want 1", m.Version)
	}
	id, err := field("Chain ID", true)
	if err != nil {
		return nil, err
	}
	if m.ChainID, err = strconv.ParseUint(id, 10, 64); err != nil {
		return nil, bad("chain ID %q", id)
	}
	if m.Nonce, err = field("Nonce", true); err != nil {
		return nil, err
	}
	if len(m.Nonce) < 8 || strings.Trim(m.Nonce, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return nil, bad("nonce must be at least 8 letters and digits")
	}
	times := []struct {
		name     string
		to       *time.Time
		required bool
	}{{"Issued At", &m.IssuedAt, true}, {"Expiration Time", &m.ExpirationTime, false}, {"Not Before", &m.NotBefore, false}}
	for _, t := range times {
		v, err := field(t.name, t.required)
		if err != nil {
			return nil, err
		}
		if v == "" {
			continue
		}
		if *t.to, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return nil, bad("%s %q is not an RFC 3339 time", t.name, v)
		}
	}
	if m.RequestID, err = field("Request ID", false); err != nil {
		return nil, err
	}
	if i < len(lines) && lines[i] == "Resources:" {
		for i++; i < len(lines) && strings.HasPrefix(lines[i], "- "); i++ {
			m.Resources = append(m.Resources, lines[i][2:])
		}
	}
	if i != len(lines) {
		return nil, bad("unexpected line %q", lines[i])
	}
	return m, nil
}

// RecoverSIWE returns whose key signed message with personal_sign
// (EIP-191): 65 bytes with v in {0, 1, 27, 28}, or EIP-2098's 64; a high s
// is refused (ethsig).
func RecoverSIWE(message string, sig []byte) (common.Address, error) {
	a, err := ethsig.Recover(common.Hash(accounts.TextHash([]byte(message))), sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrSIWE, err)
	}
	return a, nil
}

// SignSIWE signs message as a wallet's personal_sign does, v in {27, 28}:
// for tests, the demo and scripts.
func SignSIWE(message string, sign func(hash []byte) ([]byte, error)) ([]byte, error) {
	sig, err := sign(accounts.TextHash([]byte(message)))
	if err != nil {
		return nil, err
	}
	if len(sig) == 65 && sig[64] < 27 {
		sig[64] += 27
	}
	return sig, nil
}

// A Session is a signed-in address and what it may do.
type Session struct {
	Token   string
	ID      string // names the session to its owner without giving its token
	Address common.Address
	Roles   []string
	Created time.Time
	Expires time.Time
	client  string // the network it signed in from (clientOf)
}

// Has reports whether the session has the role.
func (s *Session) Has(role string) bool {
	for _, r := range s.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// clientOf names the network a request comes from, for the per-client
// sign-in bounds: its IPv4 address, or its IPv6 /64 (one host holds a
// whole /64). The Host and X-Forwarded-For headers are never read: a
// client chooses them.
func clientOf(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}

// signInLimits bound what sign-in may hold, per client and in total.
type signInLimits struct {
	nonceTTL, ttl      time.Duration
	noncesPerClient    int // issued, unused nonces per client; the oldest gives way
	sessionsPerAddress int // live sessions per signed-in address; the oldest gives way
	sessionsPerClient  int // live sessions opened from one client; more are refused
	total              int // nonces, and sessions, in all
}

// sessions keeps issued nonces and live sessions in memory: a restart
// signs everyone out, which is what a session token promises anyway.
//
// Anyone may ask for nonces, and anyone may make keys and sign in, so
// both are bounded per client as well as in total: a client that asks
// for more nonces than its share loses its own oldest ones, an address
// that signs in again and again loses its own oldest sessions, and a
// client that opens sessions for many addresses is refused once it holds
// its share. One client filling its share leaves the others room.
type sessions struct {
	mu             sync.Mutex
	lim            signInLimits
	now            func() time.Time
	nonces         map[string]pendingNonce
	byClient       map[string][]string // a client's unused nonces, oldest first
	tokens         map[string]*Session
	byAddress      map[common.Address][]*Session // oldest first
	clientSessions map[string]int

	sweptNonces, sweptTokens time.Time // when expired entries were last swept
}

type pendingNonce struct {
	expires time.Time
	client  string
}

func newSessions(lim signInLimits, now func() time.Time) *sessions {
	return &sessions{
		lim: lim, now: now,
		nonces: map[string]pendingNonce{}, byClient: map[string][]string{},
		tokens: map[string]*Session{}, byAddress: map[common.Address][]*Session{}, clientSessions: map[string]int{},
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// errBusy is returned when sign-in is full.
var errBusy = errors.New("too many sign-ins under way; try again shortly")

// nonce issues a fresh nonce to client.
func (ss *sessions) nonce(client string) (string, error) {
	n := randomHex(12)
	now := ss.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if mine := ss.byClient[client]; len(mine) >= ss.lim.noncesPerClient {
		delete(ss.nonces, mine[0])
		ss.byClient[client] = mine[1:]
	}
	// Expired nonces are swept only at the bound, at most once a second:
	// a sweep on every call would make each one cost the whole map.
	if len(ss.nonces) >= ss.lim.total && now.Sub(ss.sweptNonces) >= time.Second {
		ss.sweptNonces = now
		for c, mine := range ss.byClient {
			kept := mine[:0]
			for _, k := range mine {
				if now.After(ss.nonces[k].expires) {
					delete(ss.nonces, k)
				} else {
					kept = append(kept, k)
				}
			}
			if len(kept) == 0 {
				delete(ss.byClient, c)
			} else {
				ss.byClient[c] = kept
			}
		}
	}
	if len(ss.nonces) >= ss.lim.total {
		return "", errBusy
	}
	ss.nonces[n] = pendingNonce{now.Add(ss.lim.nonceTTL), client}
	ss.byClient[client] = append(ss.byClient[client], n)
	return n, nil
}

// takeNonce consumes a nonce; ss.mu is held.
func (ss *sessions) takeNonce(n string, now time.Time) bool {
	p, ok := ss.nonces[n]
	if !ok {
		return false
	}
	delete(ss.nonces, n)
	mine := ss.byClient[p.client]
	if i := slices.Index(mine, n); i >= 0 {
		mine = slices.Delete(mine, i, i+1)
	}
	if len(mine) == 0 {
		delete(ss.byClient, p.client)
	} else {
		ss.byClient[p.client] = mine
	}
	return !now.After(p.expires)
}

// signIn checks a signed message against the expected domains, scheme
// (empty: http or https) and chain, consumes its nonce and opens a
// session for client.
//
// The signature is the message's address's: a key's, or a smart account's
// (ERC-1271, ERC-6492) asked on chain c, which may be nil when only keys
// are to sign in.
func (ss *sessions) signIn(ctx context.Context, c ethsig.Caller, message string, sig []byte, domains []string, scheme string, chainID uint64, client string, roles func(common.Address) []string) (*Session, error) {
	if len(domains) == 0 {
		return nil, coded(CodeUnavailable, errors.New("sign-in is off: this server has no public domain configured (desci serve --domain or --public-url)"))
	}
	m, err := ParseSIWE(message)
	if err != nil {
		return nil, err
	}
	now := ss.now()
	switch {
	case !slices.Contains(domains, m.Domain):
		return nil, fmt.Errorf("%w: message is for domain %q, this server is %q", ErrSIWE, m.Domain, domains[0])
	case m.Scheme != "" && !schemeOK(m.Scheme, scheme):
		return nil, fmt.Errorf("%w: message is for scheme %q, this server is %s", ErrSIWE, m.Scheme, schemeName(scheme))
	case !uriOK(m.URI, domains, scheme):
		// The domain line alone does not bind the message: a wallet shows
		// the URI too, and a relying party that trusts it would take a
		// message signed for another origin.
		return nil, fmt.Errorf("%w: message URI %q is not on this server's origin (%s://%s)", ErrSIWE, m.URI, schemeName(scheme), domains[0])
	case m.ChainID != chainID:
		return nil, fmt.Errorf("%w: message is for chain %d, this server is chain %d", ErrSIWE, m.ChainID, chainID)
	case !m.ExpirationTime.IsZero() && !now.Before(m.ExpirationTime):
		return nil, fmt.Errorf("%w: message expired at %s", ErrSIWE, m.ExpirationTime.UTC().Format(time.RFC3339))
	case !m.NotBefore.IsZero() && now.Before(m.NotBefore):
		return nil, fmt.Errorf("%w: message is not valid before %s", ErrSIWE, m.NotBefore.UTC().Format(time.RFC3339))
	case m.IssuedAt.After(now.Add(5 * time.Minute)):
		return nil, fmt.Errorf("%w: message issued in the future", ErrSIWE)
	}
	// The nonce is used up before the signature is checked: a smart
	// account's check is an eth_call, and each one then costs the caller
	// a nonce of their bounded share.
	ss.mu.Lock()
	fresh := ss.takeNonce(m.Nonce, now)
	ss.mu.Unlock()
	if !fresh {
		return nil, fmt.Errorf("%w: nonce unknown, expired or already used", ErrSIWE)
	}
	if _, err := ethsig.Verify(ctx, c, m.Address, common.Hash(accounts.TextHash([]byte(message))), sig); err != nil {
		if errors.Is(err, ethsig.ErrUnavailable) {
			return nil, coded(CodeUnavailable, fmt.Errorf("%w: %v", ErrSIWE, err))
		}
		return nil, fmt.Errorf("%w: %v (ask for a new nonce)", ErrSIWE, err)
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.tokens) >= ss.lim.total && now.Sub(ss.sweptTokens) >= time.Second {
		ss.sweptTokens = now
		for _, t := range ss.tokens {
			if !now.Before(t.Expires) {
				ss.drop(t)
			}
		}
	}
	if mine := ss.byAddress[m.Address]; len(mine) >= ss.lim.sessionsPerAddress {
		ss.drop(mine[0])
	}
	if ss.clientSessions[client] >= ss.lim.sessionsPerClient {
		return nil, fmt.Errorf("%w: %d sessions are open from your network; sign out of some (revokeSession)", errBusy, ss.clientSessions[client])
	}
	if len(ss.tokens) >= ss.lim.total {
		return nil, errBusy
	}
	s := &Session{Token: randomHex(32), Address: m.Address, Roles: roles(m.Address), Created: now, Expires: now.Add(ss.lim.ttl), client: client}
	s.ID = sessionID(s.Token)
	if !m.ExpirationTime.IsZero() && m.ExpirationTime.Before(s.Expires) {
		s.Expires = m.ExpirationTime
	}
	ss.tokens[s.Token] = s
	ss.byAddress[s.Address] = append(ss.byAddress[s.Address], s)
	ss.clientSessions[client]++
	return s, nil
}

// schemeOK reports whether a message's scheme is the server's (empty:
// http or https).
func schemeOK(got, want string) bool {
	if want != "" {
		return got == want
	}
	return got == "http" || got == "https"
}

func schemeName(s string) string {
	if s == "" {
		return "http(s)"
	}
	return s
}

// uriOK reports whether a message's URI is on the server's origin: an
// absolute URI of its scheme whose authority, with no user info, is one
// of its domains.
func uriOK(uri string, domains []string, scheme string) bool {
	u, err := url.Parse(uri)
	if err != nil || u.User != nil || u.Opaque != "" || !schemeOK(u.Scheme, scheme) {
		return false
	}
	return slices.Contains(domains, u.Host)
}

// sessionID is what a session is called in the sessions list: a hash of
// its token, which names it without letting anyone use it.
func sessionID(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:8])
}

// drop ends a session; ss.mu is held.
func (ss *sessions) drop(s *Session) {
	if ss.tokens[s.Token] != s {
		return
	}
	delete(ss.tokens, s.Token)
	mine := slices.DeleteFunc(ss.byAddress[s.Address], func(x *Session) bool { return x == s })
	if len(mine) == 0 {
		delete(ss.byAddress, s.Address)
	} else {
		ss.byAddress[s.Address] = mine
	}
	if ss.clientSessions[s.client]--; ss.clientSessions[s.client] <= 0 {
		delete(ss.clientSessions, s.client)
	}
}

// lookup returns the live session of a token, or nil.
func (ss *sessions) lookup(token string) *Session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.tokens[token]
	if s == nil {
		return nil
	}
	if !ss.now().Before(s.Expires) {
		ss.drop(s)
		return nil
	}
	return s
}

func (ss *sessions) signOut(token string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s := ss.tokens[token]; s != nil {
		ss.drop(s)
	}
}

// of lists an address's live sessions, oldest first.
func (ss *sessions) of(a common.Address) []*Session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := ss.now()
	var out []*Session
	for _, s := range ss.byAddress[a] {
		if now.Before(s.Expires) {
			out = append(out, s)
		}
	}
	return out
}

// revoke ends the session of a's with that id; false if a has none.
func (ss *sessions) revoke(a common.Address, id string) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, s := range ss.byAddress[a] {
		if s.ID == id {
			ss.drop(s)
			return true
		}
	}
	return false
}
