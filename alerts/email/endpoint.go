package email

import (
	"context"
	"errors"
	htmltemplate "html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/newsalert/newsalert/i18n"
)

// OptOutStore records the addresses that unsubscribed.
type OptOutStore interface {
	OptOut(ctx context.Context, address string, at time.Time) error
}

// EndpointOptions are what the unsubscribe endpoint asks of the daemon.
type EndpointOptions struct {
	// Lang is the language address is written to in ("" for the default).
	Lang func(ctx context.Context, address string) string
	// Observe counts each request by result ("shown", "unsubscribed",
	// "refused", "error") and, for a refused token, reason ("malformed",
	// "signature").
	Observe func(result, reason string)
}

var pageTmpl = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/unsubscribe.html"))

// page is what templates/unsubscribe.html shows.
type page struct {
	Lang, Title, Text, Button, Token, Note string
}

// maxForm bounds a POST's body: RFC 8058's is 26 bytes.
const maxForm = 16 << 10

// UnsubscribeHandler serves a recipient's unsubscribe link (the query
// parameter t carries the token). GET shows a page that asks to confirm
// with a button: a link scanner that follows the link unsubscribes no one.
// POST — the mail client's one-click (RFC 8058, body
// List-Unsubscribe=One-Click) or the page's button — records the opt-out
// and answers 200. A token not signed with this secret gets 400 and a
// page that names no one.
func UnsubscribeHandler(tokens *Tokens, st OptOutStore, opts EndpointOptions, now func() time.Time, log *slog.Logger) http.Handler {
	observe := opts.Observe
	if observe == nil {
		observe = func(string, string) {}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r.Method = http.MethodGet // link checkers ask HEAD; the server sends no body
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			w.Header().Set("Allow", "GET, HEAD, POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		token := r.URL.Query().Get("t")
		if r.Method == http.MethodPost {
			token = r.FormValue("t") // the query's, or the form's
		}
		address, err := tokens.Verify(token)
		if err != nil {
			reason := "signature"
			if errors.Is(err, ErrTokenMalformed) {
				reason = "malformed"
			}
			observe("refused", reason)
			p := i18n.For(acceptedLanguage(r.Header.Get("Accept-Language")))
			render(w, http.StatusBadRequest, page{Lang: p.Lang(), Title: p.T("email.unsubscribe.invalid_title"),
				Text: p.T("email.unsubscribe.invalid")}, log)
			return
		}
		lang := ""
		if opts.Lang != nil {
			lang = opts.Lang(r.Context(), address)
		}
		p := i18n.For(lang)
		if r.Method == http.MethodGet {
			observe("shown", "")
			render(w, http.StatusOK, page{Lang: p.Lang(), Title: p.T("email.unsubscribe.title"),
				Text: p.T("email.unsubscribe.confirm", address), Button: p.T("email.unsubscribe.button"), Token: token}, log)
			return
		}
		if err := st.OptOut(r.Context(), address, now()); err != nil {
			observe("error", "")
			log.Error("unsubscribe", "address", address, "err", err)
			render(w, http.StatusServiceUnavailable, page{Lang: p.Lang(), Title: p.T("email.unsubscribe.title"),
				Text: p.T("email.unsubscribe.failed")}, log)
			return
		}
		observe("unsubscribed", "")
		log.Info("unsubscribed from e-mail digests", "address", address)
		render(w, http.StatusOK, page{Lang: p.Lang(), Title: p.T("email.unsubscribe.done_title"),
			Text: p.T("email.unsubscribe.done", address), Note: p.T("email.unsubscribe.undo")}, log)
	})
}

func render(w http.ResponseWriter, status int, p page, log *slog.Logger) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer") // the token is in the URL
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, p); err != nil {
		log.Error("unsubscribe page", "err", err)
	}
}

// acceptedLanguage is the first language of an Accept-Language header
// newsalert speaks ("" for none).
func acceptedLanguage(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if l := i18n.Builtin().Pick(tag); l != "" {
			return l
		}
	}
	return ""
}
