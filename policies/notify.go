package policies

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
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
	URL      string `json:"url,omitempty"`
	Attempts int    `json:"attempts,omitempty"`
	LastErr  string `json:"last_error,omitempty"`
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

// Watch registers a webhook: url gets a POST of each Notice for holder's
// extracts (JSON), until it answers 2xx.
func (r *Registry) Watch(holder, webhook string) error {
	u, err := url.Parse(webhook)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: webhook %q is not an http(s) URL", ErrBadRequest, webhook)
	}
	return r.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketWebhooks).Put([]byte(holder+"\x00"+webhook), nil)
	})
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
// dropped from the outbox (the notice stays in Notices).
const MaxAttempts = 8

// Deliver makes one pass over the outbox: each pending notice is POSTed
// to its webhook; a 2xx answer removes it, anything else counts an
// attempt. It returns how many were delivered.
func (r *Registry) Deliver(ctx context.Context, hc *http.Client) (int, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	var pending []Notice
	var keys [][]byte
	err := r.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			pending, keys = append(pending, n), append(keys, bytes.Clone(k))
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	delivered := 0
	for i, n := range pending {
		body, _ := json.Marshal(Notice{Seq: n.Seq, Event: n.Event, Extract: n.Extract, Study: n.Study, Holder: n.Holder, Revocation: n.Revocation, Time: n.Time})
		sent := post(ctx, hc, n.URL, body)
		err := r.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketOutbox)
			if sent == nil || n.Attempts+1 >= MaxAttempts {
				return b.Delete(keys[i])
			}
			n.Attempts++
			n.LastErr = sent.Error()
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

func post(ctx context.Context, hc *http.Client, u string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
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
