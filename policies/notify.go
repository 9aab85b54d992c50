package policies

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
)

// A Notice tells an extract's holder that a subject whose rows it holds
// revoked their consent. It names no patient: the subject is the study's
// key, which the holder's extract has only as a pseudonym.
type Notice struct {
	Seq        uint64      `json:"seq"`
	Event      string      `json:"event"` // "consent.revoked"
	Extract    string      `json:"extract"`
	Study      string      `json:"study"`
	Holder     string      `json:"holder"`
	Revocation common.Hash `json:"revocation"`
	Time       time.Time   `json:"time"`
	// For the outbox: where to deliver it, and how it went.
	URL      string    `json:"url,omitempty"`
	Attempts int       `json:"attempts,omitempty"`
	LastErr  string    `json:"last_error,omitempty"`
	Next     time.Time `json:"next_attempt,omitzero"` // not before; zero: now
}

// Webhook deliveries are signed as Stripe's and GitHub's are, so a
// receiver checks them the way it already does (README, "Webhooks"):
//
//	Desci-Signature: t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, "UNIX_SECONDS." + body))
//	Idempotency-Key: notice-SEQ
//
// The secret is the hook's own, returned by Watch. A receiver refuses a
// signature that does not match or a t too old (replay), and acts once
// per Idempotency-Key: a delivery whose answer was lost is sent again.
const (
	SignatureHeader   = "Desci-Signature"
	IdempotencyHeader = "Idempotency-Key"
)

// SignWebhook returns the Desci-Signature header value for body sent at t.
func SignWebhook(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts + "."))
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}

// notifyHolder records, inside the revocation's transaction, a notice for
// the holder of extract and one outbox entry per webhook they registered,
// so no notice is lost to a crash.
func notifyHolder(tx Tx, extract []byte, rec *Record) error {
	v, err := tx.Get(bucketExtracts, extract)
	if err != nil || v == nil {
		return err
	}
	var er extractRecord
	if err := json.Unmarshal(v, &er); err != nil {
		return err
	}
	c, err := cid.Cast(extract)
	if err != nil {
		return err
	}
	n := Notice{Event: "consent.revoked", Extract: c.String(), Study: er.Study, Holder: er.Holder, Revocation: rec.Hash, Time: rec.Accepted}
	if n.Seq, err = tx.NextSequence(bucketNotices); err != nil {
		return err
	}
	b, _ := json.Marshal(n)
	if err := tx.Put(bucketNotices, binary.BigEndian.AppendUint64([]byte(er.Holder+"\x00"), n.Seq), b); err != nil {
		return err
	}
	prefix := []byte(er.Holder + "\x00")
	var urls []string
	err = tx.Scan(bucketWebhooks, prefix, func(k, _ []byte) error {
		urls = append(urls, string(k[len(prefix):]))
		return nil
	})
	if err != nil {
		return err
	}
	for _, u := range urls {
		d := n
		d.URL = u
		seq, err := tx.NextSequence(bucketOutbox)
		if err != nil {
			return err
		}
		b, _ := json.Marshal(d)
		if err := tx.Put(bucketOutbox, seqKey(seq), b); err != nil {
			return err
		}
	}
	return nil
}

// Watch registers a webhook: url gets a signed POST of each Notice for
// holder's extracts (JSON), retried with backoff until it answers 2xx.
// It returns the hook's signing secret (hex), the same if url was
// registered already.
func (r *Registry) Watch(holder, webhook string) (secret string, err error) {
	u, err := url.Parse(webhook)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%w: webhook %q is not an http(s) URL", ErrBadRequest, webhook)
	}
	key := []byte(holder + "\x00" + webhook)
	err = r.db.Update(bg, func(tx Tx) error {
		if v, err := tx.Get(bucketWebhooks, key); err != nil {
			return err
		} else if len(v) > 0 {
			secret = hex.EncodeToString(v)
			return nil
		}
		s := make([]byte, 32)
		rand.Read(s)
		secret = hex.EncodeToString(s)
		return tx.Put(bucketWebhooks, key, s)
	})
	return secret, err
}

// Notices returns the revocation notices for holder's extracts, oldest
// first: what the holder sees on their extracts.
func (r *Registry) Notices(holder string) ([]Notice, error) {
	var out []Notice
	prefix := []byte(holder + "\x00")
	err := r.db.View(bg, func(tx Tx) error {
		return tx.Scan(bucketNotices, prefix, func(_, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			out = append(out, n)
			return nil
		})
	})
	return out, err
}

// MaxAttempts is how many times a webhook delivery is tried before it is
// dropped from the outbox (the notice stays in Notices): over about 17
// hours, the waits doubling from RetryBase up to an hour.
const MaxAttempts = 20

// RetryBase is the wait after a delivery's first failure, unless
// Registry.Retry says otherwise.
const RetryBase = 10 * time.Second

// Deliver makes one pass over the outbox as of now (DeliverAt).
func (r *Registry) Deliver(ctx context.Context, hc *http.Client) (int, error) {
	return r.DeliverAt(ctx, hc, time.Now())
}

// DeliverAt makes one pass over the outbox: each notice due at now is
// POSTed, signed, to its webhook; a 2xx answer removes it, anything else
// counts an attempt and puts the next one off (Retry, doubling, at
// most an hour). A hook no longer registered drops its notices. It
// returns how many were delivered.
//
// Registries sharing a database deliver each notice once: a deliverer
// first claims a notice (in a transaction that puts its next attempt off
// by ClaimLease), so another pass, in this process or another replica,
// skips it; a deliverer that dies mid-delivery leaves the claim to
// expire, and the notice is sent again (receivers act once per
// Idempotency-Key).
func (r *Registry) DeliverAt(ctx context.Context, hc *http.Client, now time.Time) (int, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	var keys [][]byte
	err := r.db.View(ctx, func(tx Tx) error {
		return tx.Scan(bucketOutbox, nil, func(k, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			if !n.Next.After(now) {
				keys = append(keys, bytes.Clone(k))
			}
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	retry := r.Retry
	if retry <= 0 {
		retry = RetryBase
	}
	delivered := 0
	for _, key := range keys {
		n, secret, ok, err := r.claim(ctx, key, now)
		if err != nil {
			return delivered, err
		}
		if !ok {
			continue // delivered or claimed by another pass since
		}
		body, _ := json.Marshal(Notice{Seq: n.Seq, Event: n.Event, Extract: n.Extract, Study: n.Study, Holder: n.Holder, Revocation: n.Revocation, Time: n.Time})
		sent := errUnwatched
		if len(secret) > 0 {
			pctx, cancel := context.WithTimeout(ctx, ClaimLease/2) // done before the claim expires
			sent = post(pctx, hc, n.URL, body, secret, n.Seq)
			cancel()
		}
		if ctx.Err() != nil {
			return delivered, ctx.Err() // stopping: the attempt does not count (the claim expires)
		}
		err = r.db.Update(ctx, func(tx Tx) error {
			if sent == nil || sent == errUnwatched || n.Attempts+1 >= MaxAttempts {
				return tx.Delete(bucketOutbox, key)
			}
			m := n
			m.Attempts++
			m.LastErr = sent.Error()
			m.Next = now.Add(min(retry<<min(m.Attempts-1, 20), time.Hour))
			v, _ := json.Marshal(m)
			return tx.Put(bucketOutbox, key, v)
		})
		if err != nil {
			return delivered, err
		}
		if sent == nil {
			delivered++
		}
	}
	return delivered, nil
}

// ClaimLease is how long a deliverer's claim on a notice keeps others
// from sending it.
const ClaimLease = 2 * time.Minute

// claim takes the outbox notice at key for delivery, if it is still there
// and due: its next attempt is put off by ClaimLease, so no other pass
// sends it meanwhile. It returns the notice as it was and its hook's
// secret.
func (r *Registry) claim(ctx context.Context, key []byte, now time.Time) (n Notice, secret []byte, ok bool, err error) {
	err = r.db.Update(ctx, func(tx Tx) error {
		ok = false
		v, err := tx.Get(bucketOutbox, key)
		if err != nil || v == nil {
			return err
		}
		if err := json.Unmarshal(v, &n); err != nil {
			return err
		}
		if n.Next.After(now) {
			return nil
		}
		s, err := tx.Get(bucketWebhooks, []byte(n.Holder+"\x00"+n.URL))
		if err != nil {
			return err
		}
		secret = bytes.Clone(s)
		c := n
		c.Next = now.Add(ClaimLease)
		cv, _ := json.Marshal(c)
		ok = true
		return tx.Put(bucketOutbox, key, cv)
	})
	return n, secret, ok, err
}

var errUnwatched = errors.New("the webhook is no longer registered")

func post(ctx context.Context, hc *http.Client, u string, body, secret []byte, seq uint64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, SignWebhook(secret, time.Now(), body))
	req.Header.Set(IdempotencyHeader, "notice-"+strconv.FormatUint(seq, 10))
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %s", u, resp.Status)
	}
	return nil
}
