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
	bolt "go.etcd.io/bbolt"
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
func notifyHolder(tx *bolt.Tx, extract []byte, rec *Record) error {
	v := tx.Bucket(bucketExtracts).Get(extract)
	if v == nil {
		return nil
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
	notices := tx.Bucket(bucketNotices)
	if n.Seq, err = notices.NextSequence(); err != nil {
		return err
	}
	b, _ := json.Marshal(n)
	if err := notices.Put(binary.BigEndian.AppendUint64([]byte(er.Holder+"\x00"), n.Seq), b); err != nil {
		return err
	}
	prefix := []byte(er.Holder + "\x00")
	cur := tx.Bucket(bucketWebhooks).Cursor()
	out := tx.Bucket(bucketOutbox)
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		d := n
		d.URL = string(k[len(prefix):])
		seq, err := out.NextSequence()
		if err != nil {
			return err
		}
		b, _ := json.Marshal(d)
		if err := out.Put(seqKey(seq), b); err != nil {
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
	err = r.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWebhooks)
		if v := b.Get(key); len(v) > 0 {
			secret = hex.EncodeToString(v)
			return nil
		}
		s := make([]byte, 32)
		rand.Read(s)
		secret = hex.EncodeToString(s)
		return b.Put(key, s)
	})
	return secret, err
}

// Notices returns the revocation notices for holder's extracts, oldest
// first: what the holder sees on their extracts.
func (r *Registry) Notices(holder string) ([]Notice, error) {
	var out []Notice
	prefix := []byte(holder + "\x00")
	err := r.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotices).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
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
func (r *Registry) DeliverAt(ctx context.Context, hc *http.Client, now time.Time) (int, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	var pending []Notice
	var keys, secrets [][]byte
	err := r.db.View(func(tx *bolt.Tx) error {
		hooks := tx.Bucket(bucketWebhooks)
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			if n.Next.After(now) {
				return nil
			}
			pending, keys = append(pending, n), append(keys, bytes.Clone(k))
			secrets = append(secrets, bytes.Clone(hooks.Get([]byte(n.Holder+"\x00"+n.URL))))
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
	for i, n := range pending {
		body, _ := json.Marshal(Notice{Seq: n.Seq, Event: n.Event, Extract: n.Extract, Study: n.Study, Holder: n.Holder, Revocation: n.Revocation, Time: n.Time})
		sent := errUnwatched
		if len(secrets[i]) > 0 {
			sent = post(ctx, hc, n.URL, body, secrets[i], n.Seq)
		}
		if ctx.Err() != nil {
			return delivered, ctx.Err() // stopping: the attempt does not count
		}
		err := r.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketOutbox)
			if sent == nil || sent == errUnwatched || n.Attempts+1 >= MaxAttempts {
				return b.Delete(keys[i])
			}
			n.Attempts++
			n.LastErr = sent.Error()
			n.Next = now.Add(min(retry<<min(n.Attempts-1, 20), time.Hour))
			v, _ := json.Marshal(n)
			return b.Put(keys[i], v)
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
