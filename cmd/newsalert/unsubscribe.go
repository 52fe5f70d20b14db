package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/metrics"
	"github.com/newsalert/newsalert/store"
)

// withUnsubscribe adds the recipients' /unsubscribe to h, the metrics
// listener's handler, when their links carry tokens (nil: they do not).
func withUnsubscribe(h http.Handler, tokens *email.Tokens, st *store.Store, audience *alerts.Audience,
	m *metrics.Metrics, now func() time.Time, log *slog.Logger) http.Handler {
	if tokens == nil {
		return h
	}
	lang := func(ctx context.Context, address string) string {
		r, ok, err := audience.Reader(ctx, "email:"+address)
		if err != nil || !ok {
			return ""
		}
		return r.Lang()
	}
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.Handle("/unsubscribe", email.UnsubscribeHandler(tokens, st, email.EndpointOptions{Lang: lang, Observe: m.Unsubscribe}, now, log))
	return mux
}
