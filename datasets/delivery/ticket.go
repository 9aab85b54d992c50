package delivery

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ipfs/go-cid"
)

// Errors callers branch on.
var (
	ErrBadTicket     = errors.New("delivery: not a valid ticket")
	ErrExpiredTicket = errors.New("delivery: ticket expired")
)

// A Grant is what a ticket allows: one extract, to one holder, until a
// time.
type Grant struct {
	Extract cid.Cid
	Holder  string // who may download it (an Ethereum address)
	Expires time.Time
}

// Tickets issues and checks tickets with one secret key.
type Tickets struct {
	key []byte
	now func() time.Time
}

// NewTickets returns a ticket issuer keyed by secret, or by a random key
// (tickets then die with the process) if secret is empty.
func NewTickets(secret []byte) *Tickets {
	if len(secret) == 0 {
		secret = make([]byte, 32)
		rand.Read(secret)
	}
	return &Tickets{key: secret, now: time.Now}
}

// Issue returns a ticket for g: base64url(expiry ‖ extract CID ‖ holder)
// "." base64url(HMAC-SHA256).
func (t *Tickets) Issue(g Grant) string {
	body := binary.BigEndian.AppendUint64(nil, uint64(g.Expires.Unix()))
	c := g.Extract.Bytes()
	body = binary.AppendUvarint(body, uint64(len(c)))
	body = append(append(body, c...), g.Holder...)
	m := hmac.New(sha256.New, t.key)
	m.Write(body)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(body) + "." + enc.EncodeToString(m.Sum(nil))
}

// Authorize checks a ticket and returns its grant.
func (t *Tickets) Authorize(ticket string) (Grant, error) {
	b64, mac, ok := strings.Cut(ticket, ".")
	enc := base64.RawURLEncoding
	body, err1 := enc.DecodeString(b64)
	sum, err2 := enc.DecodeString(mac)
	if !ok || err1 != nil || err2 != nil || len(body) < 9 {
		return Grant{}, ErrBadTicket
	}
	m := hmac.New(sha256.New, t.key)
	m.Write(body)
	if !hmac.Equal(m.Sum(nil), sum) {
		return Grant{}, ErrBadTicket
	}
	exp := time.Unix(int64(binary.BigEndian.Uint64(body)), 0)
	n, w := binary.Uvarint(body[8:])
	if w <= 0 || uint64(len(body)-8-w) < n {
		return Grant{}, ErrBadTicket
	}
	rest := body[8+w:]
	c, err := cid.Cast(rest[:n])
	if err != nil {
		return Grant{}, fmt.Errorf("%w: %v", ErrBadTicket, err)
	}
	g := Grant{Extract: c, Holder: string(rest[n:]), Expires: exp}
	if !t.now().Before(exp) {
		return g, fmt.Errorf("%w at %s", ErrExpiredTicket, exp.UTC().Format(time.RFC3339))
	}
	return g, nil
}
