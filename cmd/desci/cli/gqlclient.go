package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/graphql"
)

// gqlClient is a GraphQL client of desci serve, as an app or a script
// would write one: JSON over HTTP, files by the multipart request spec,
// a session from Sign-In with Ethereum.
type gqlClient struct {
	url   string // the server's base URL
	token string // the session, once signed in
	key   *ecdsa.PrivateKey
	hc    *http.Client
}

// gqlError is an error the API answered with, and its code.
type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

func (e gqlError) Error() string { return e.Extensions.Code + ": " + e.Message }

func newGQLClient(base string) *gqlClient {
	return &gqlClient{url: strings.TrimSuffix(base, "/"), hc: &http.Client{Timeout: 2 * time.Minute}}
}

// address is the signed-in key's address.
func (c *gqlClient) address() common.Address { return crypto.PubkeyToAddress(c.key.PublicKey) }

// do sends one operation and decodes its data into out.
func (c *gqlClient) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.send(req, out)
}

// upload sends an operation with files: files maps a variable path
// ("variables.file") to a file name and its bytes.
func (c *gqlClient) upload(ctx context.Context, query string, vars map[string]any, files map[string]namedBytes, out any) error {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	mw.WriteField("operations", string(ops))
	m := map[string][]string{}
	var order []string
	i := 0
	for path := range files {
		k := fmt.Sprint(i)
		m[k] = []string{path}
		order = append(order, path)
		i++
	}
	mp, _ := json.Marshal(m)
	mw.WriteField("map", string(mp))
	for i, path := range order {
		w, err := mw.CreateFormFile(fmt.Sprint(i), files[path].name)
		if err != nil {
			return err
		}
		w.Write(files[path].data)
	}
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/graphql", &b)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, out)
}

type namedBytes struct {
	name string
	data []byte
}

func (c *gqlClient) send(req *http.Request, out any) error {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("graphql: %s: %w", resp.Status, err)
	}
	if len(r.Errors) > 0 {
		return r.Errors[0]
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

// signIn signs in with key by Sign-In with Ethereum (EIP-4361): the
// server's nonce, the message, a personal_sign signature.
func (c *gqlClient) signIn(ctx context.Context, key *ecdsa.PrivateKey, chainID uint64) error {
	c.key, c.token = key, ""
	var n struct{ SiweNonce string }
	if err := c.do(ctx, `mutation { siweNonce }`, nil, &n); err != nil {
		return err
	}
	u, err := url.Parse(c.url)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	msg := (&graphql.SIWEMessage{Domain: u.Host, Address: c.address(), Statement: "Sign in to desci.", URI: c.url,
		Version: "1", ChainID: chainID, Nonce: n.SiweNonce, IssuedAt: now, ExpirationTime: now.Add(time.Hour)}).String()
	sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), key)
	if err != nil {
		return err
	}
	sig[64] += 27
	var s struct{ SignIn struct{ Token string } }
	if err := c.do(ctx, `mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }`,
		map[string]any{"m": msg, "s": hexutil.Encode(sig)}, &s); err != nil {
		return err
	}
	c.token = s.SignIn.Token
	return nil
}

// unsignedTx is the API's UnsignedTransaction (quantities are JSON numbers).
type unsignedTx struct {
	To, Data                                                       string
	Value, ChainID, Nonce, Gas, MaxFeePerGas, MaxPriorityFeePerGas uint64
}

const unsignedFields = `to data value chainId nonce gas maxFeePerGas maxPriorityFeePerGas`

// signAndSend signs prepared transactions with the session's key, as a
// wallet would, and has the server send them, in order.
func (c *gqlClient) signAndSend(ctx context.Context, txs ...unsignedTx) error {
	for _, u := range txs {
		n := func(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
		to := common.HexToAddress(u.To)
		data, _ := hexutil.Decode(u.Data)
		tx := types.NewTx(&types.DynamicFeeTx{ChainID: n(u.ChainID), Nonce: u.Nonce, GasTipCap: n(u.MaxPriorityFeePerGas),
			GasFeeCap: n(u.MaxFeePerGas), Gas: u.Gas, To: &to, Value: n(u.Value), Data: data})
		signed, err := types.SignTx(tx, types.LatestSignerForChainID(tx.ChainId()), c.key)
		if err != nil {
			return err
		}
		raw, _ := signed.MarshalBinary()
		var r struct {
			SendTransaction struct{ Success bool }
		}
		if err := c.do(ctx, `mutation($s: String!) { sendTransaction(signed: $s) { success } }`, map[string]any{"s": hexutil.Encode(raw)}, &r); err != nil {
			return err
		}
		if !r.SendTransaction.Success {
			return errors.New("the transaction reverted")
		}
	}
	return nil
}

// get fetches a URL with the session (or a ticket) as the bearer token.
func (c *gqlClient) get(ctx context.Context, u, bearer string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", u, resp.Status, strings.TrimSpace(string(b)))
	}
	return b, err
}
