// Package kubo publishes a store's DAGs to a Kubo (go-ipfs) node through
// its RPC API, so what desci notarizes is served on the IPFS network with
// the same CIDs. A DAG goes over as one CAR (`ipfs dag import`), which Kubo
// checks block by block and pins. Only what is meant to be public goes: a
// Filter keeps consents, access entries, extracts and sealed ciphertext
// back unless an operator names their kind (doc/content-addressing.md).
package kubo

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ipfs/go-cid"
)

// ErrKubo is returned when the node answers with an error.
var ErrKubo = errors.New("kubo: the node refused")

// A Client talks to one Kubo node's RPC API.
type Client struct {
	// URL is the RPC API's base, such as http://127.0.0.1:5001.
	URL string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
}

// importCAR sends the CAR write makes (`ipfs dag import`), pinning root
// recursively if pin is set.
func (c *Client) importCAR(ctx context.Context, write func(io.Writer) error, root cid.Cid, pin bool) error {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", root.String()+".car")
		if err == nil {
			err = write(part)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	q := url.Values{"pin-roots": {strconv.FormatBool(pin)}, "stats": {"true"}}
	resp, err := c.post(ctx, "dag/import", q, mw.FormDataContentType(), pr)
	if err != nil {
		pr.CloseWithError(err)
		return err
	}
	defer resp.Body.Close()
	// The answer is one JSON object a line: the pinned roots, then stats.
	sc := bufio.NewScanner(resp.Body)
	pinned := false
	for sc.Scan() {
		var line struct {
			Root *struct {
				Cid struct {
					Slash string `json:"/"`
				}
				PinErrorMsg string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return fmt.Errorf("kubo: dag import answered %q: %v", sc.Text(), err)
		}
		if r := line.Root; r != nil {
			if r.PinErrorMsg != "" {
				return fmt.Errorf("%w: pin %s: %s", ErrKubo, r.Cid.Slash, r.PinErrorMsg)
			}
			if got, err := cid.Decode(r.Cid.Slash); err == nil && got.Equals(root) {
				pinned = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("kubo: dag import: %w", err)
	}
	if pin && !pinned {
		return fmt.Errorf("%w: dag import did not pin %s", ErrKubo, root)
	}
	return nil
}

// pin pins a block the node has: alone, or with everything below it.
func (c *Client) pin(ctx context.Context, root cid.Cid, recursive bool) error {
	q := url.Values{"arg": {root.String()}, "recursive": {strconv.FormatBool(recursive)}}
	resp, err := c.post(ctx, "pin/add", q, "", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Pinned reports whether the node has root pinned recursively.
func (c *Client) Pinned(ctx context.Context, root cid.Cid) (bool, error) {
	resp, err := c.post(ctx, "pin/ls", url.Values{"arg": {root.String()}, "type": {"recursive"}}, "", nil)
	if errors.Is(err, ErrKubo) && strings.Contains(err.Error(), "not pinned") {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var out struct {
		Keys map[string]struct{ Type string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return false, fmt.Errorf("kubo: pin ls: %w", err)
	}
	for k := range out.Keys {
		if got, err := cid.Decode(k); err == nil && got.Hash().HexString() == root.Hash().HexString() {
			return true, nil
		}
	}
	return false, nil
}

// post calls one RPC command; Kubo takes every command as a POST.
func (c *Client) post(ctx context.Context, cmd string, q url.Values, contentType string, body io.Reader) (*http.Response, error) {
	u := strings.TrimSuffix(c.URL, "/") + "/api/v0/" + cmd + "?" + q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, body)
	if err != nil {
		return nil, fmt.Errorf("kubo: %w", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("kubo: %s: %w", c.URL, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e struct{ Message string }
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if json.Unmarshal(b, &e) != nil || e.Message == "" {
			e.Message = strings.TrimSpace(string(b))
		}
		return nil, fmt.Errorf("%w: %s: %s %s", ErrKubo, cmd, resp.Status, e.Message)
	}
	return resp, nil
}

// ID asks the node who it is: a cheap check that it answers.
func (c *Client) ID(ctx context.Context) (string, error) {
	resp, err := c.post(ctx, "id", nil, "", nil)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out); err != nil {
		return "", fmt.Errorf("kubo: id: %w", err)
	}
	return out.ID, nil
}
