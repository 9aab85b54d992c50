package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/policies"
)

// webhookClient posts revocation notices. A webhook URL is the client's
// to choose, so unless allowPrivate it may not reach this machine or its
// network (Kubo's RPC API on 127.0.0.1:5001, a cloud's metadata
// address): the check is on the address dialled, after DNS, and
// redirects are not followed.
func webhookClient(allowPrivate bool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		host, _, _ := net.SplitHostPort(address)
		ip := net.ParseIP(host)
		if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
			ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
			return fmt.Errorf("webhook address %s is not public (--webhook-allow-private)", host)
		}
		return nil
	}}
	return &http.Client{
		Timeout:       15 * time.Second,
		Transport:     &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 10 * time.Second, MaxResponseHeaderBytes: 64 << 10},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// deliverLoop delivers revocation notices from the registry's outbox
// every interval until stop closes.
func (e *env) deliverLoop(ctx context.Context, stop <-chan struct{}, reg *policies.Registry, hc *http.Client, interval time.Duration, m *graphql.Metrics) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		n, err := reg.Deliver(ctx, hc)
		m.Add("desci_webhooks_delivered_total", float64(n))
		m.Add("desci_webhook_passes_total", 1)
		if err != nil && ctx.Err() == nil {
			fmt.Fprintf(e.stderr, "desci: webhooks: %v\n", err)
		}
	}
}

func (e *env) noticesDeliverCommand() *cobra.Command {
	var allowPrivate bool
	cmd := &cobra.Command{
		Use:   "deliver",
		Short: "Deliver the revocation notices due to their webhooks, once (for cron; desci serve does it every --webhook-interval)",
		Long: `Make one pass over the outbox of revocation notices: each one due is POSTed,
signed (Desci-Signature, with an Idempotency-Key; README, "Webhooks"), to the
webhook its holder registered; a failure is retried later with backoff.
Prints how many were delivered.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := e.registry(cmd.Context())
			if err != nil {
				return err
			}
			n, err := r.Deliver(cmd.Context(), webhookClient(allowPrivate))
			fmt.Fprintf(e.stdout, "%d delivered\n", n)
			return err
		},
	}
	cmd.Flags().BoolVar(&allowPrivate, "webhook-allow-private", false, "let webhooks reach loopback and private addresses")
	return cmd
}
