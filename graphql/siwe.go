package graphql

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
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

// RecoverSIWE returns who signed message with personal_sign (EIP-191).
func RecoverSIWE(message string, sig []byte) (common.Address, error) {
	if len(sig) != 65 {
		return common.Address{}, fmt.Errorf("%w: signature is %d bytes, want 65", ErrSIWE, len(sig))
	}
	s := append([]byte(nil), sig...)
	if s[64] >= 27 {
		s[64] -= 27
	}
	pub, err := crypto.SigToPub(accounts.TextHash([]byte(message)), s)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: bad signature: %v", ErrSIWE, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
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
	Address common.Address
	Roles   []string
	Expires time.Time
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

// sessions keeps issued nonces and live sessions in memory: a restart
// signs everyone out, which is what a session token promises anyway.
type sessions struct {
	mu       sync.Mutex
	nonces   map[string]time.Time // issued, not yet used, by expiry
	tokens   map[string]*Session
	nonceTTL time.Duration
	ttl      time.Duration
	now      func() time.Time

	sweptNonces, sweptTokens time.Time // when expired entries were last swept
}

func newSessions(nonceTTL, ttl time.Duration, now func() time.Time) *sessions {
	return &sessions{nonces: map[string]time.Time{}, tokens: map[string]*Session{}, nonceTTL: nonceTTL, ttl: ttl, now: now}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// maxPending bounds the nonces issued and not yet used, and the live
// sessions: anyone may ask for a nonce, so their number must not grow
// without bound.
const maxPending = 100_000

// errBusy is returned when too many sign-ins are under way.
var errBusy = errors.New("too many sign-ins under way; try again shortly")

// nonce issues a fresh nonce, forgetting expired ones when many wait.
func (ss *sessions) nonce() (string, error) {
	n := randomHex(12)
	now := ss.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	// Expired nonces are swept only at the bound, at most once a second:
	// a sweep on every call would make each one cost the whole map.
	if len(ss.nonces) >= maxPending && now.Sub(ss.sweptNonces) >= time.Second {
		ss.sweptNonces = now
		for k, exp := range ss.nonces {
			if now.After(exp) {
				delete(ss.nonces, k)
			}
		}
	}
	if len(ss.nonces) >= maxPending {
		return "", errBusy
	}
	ss.nonces[n] = now.Add(ss.nonceTTL)
	return n, nil
}

// signIn checks a signed message against the expected domain and chain,
// consumes its nonce and opens a session.
func (ss *sessions) signIn(message string, sig []byte, domain string, chainID uint64, roles func(common.Address) []string) (*Session, error) {
	m, err := ParseSIWE(message)
	if err != nil {
		return nil, err
	}
	now := ss.now()
	switch {
	case m.Domain != domain:
		return nil, fmt.Errorf("%w: message is for domain %q, this server is %q", ErrSIWE, m.Domain, domain)
	case m.ChainID != chainID:
		return nil, fmt.Errorf("%w: message is for chain %d, this server is chain %d", ErrSIWE, m.ChainID, chainID)
	case !m.ExpirationTime.IsZero() && !now.Before(m.ExpirationTime):
		return nil, fmt.Errorf("%w: message expired at %s", ErrSIWE, m.ExpirationTime.UTC().Format(time.RFC3339))
	case !m.NotBefore.IsZero() && now.Before(m.NotBefore):
		return nil, fmt.Errorf("%w: message is not valid before %s", ErrSIWE, m.NotBefore.UTC().Format(time.RFC3339))
	case m.IssuedAt.After(now.Add(5 * time.Minute)):
		return nil, fmt.Errorf("%w: message issued in the future", ErrSIWE)
	}
	signer, err := RecoverSIWE(message, sig)
	if err != nil {
		return nil, err
	}
	if signer != m.Address {
		return nil, fmt.Errorf("%w: signed by %s, not by %s", ErrSIWE, signer.Hex(), m.Address.Hex())
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	exp, ok := ss.nonces[m.Nonce]
	if !ok || now.After(exp) {
		return nil, fmt.Errorf("%w: nonce unknown, expired or already used", ErrSIWE)
	}
	delete(ss.nonces, m.Nonce)
	if len(ss.tokens) >= maxPending && now.Sub(ss.sweptTokens) >= time.Second {
		ss.sweptTokens = now
		for k, t := range ss.tokens {
			if !now.Before(t.Expires) {
				delete(ss.tokens, k)
			}
		}
	}
	if len(ss.tokens) >= maxPending {
		return nil, errBusy
	}
	s := &Session{Token: randomHex(32), Address: m.Address, Roles: roles(m.Address), Expires: now.Add(ss.ttl)}
	if !m.ExpirationTime.IsZero() && m.ExpirationTime.Before(s.Expires) {
		s.Expires = m.ExpirationTime
	}
	ss.tokens[s.Token] = s
	return s, nil
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
		delete(ss.tokens, token)
		return nil
	}
	return s
}

func (ss *sessions) signOut(token string) {
	ss.mu.Lock()
	delete(ss.tokens, token)
	ss.mu.Unlock()
}
