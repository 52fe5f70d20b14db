package config

import (
	"cmp"
	"net/url"
	"strings"

	"github.com/newsalert/newsalert/internal/yamlstrict"
)

// Placeholder and shortest secret of a per-recipient unsubscribe link
// (alerts/email/unsubscribe.go says the same).
const (
	unsubscribeToken     = "{token}"
	minUnsubscribeSecret = 16
)

// HasUnsubscribeToken says whether email.unsubscribe is made per
// recipient, with a signed token in place of {token}.
func (e *Email) HasUnsubscribeToken() bool {
	return strings.Contains(e.Unsubscribe, unsubscribeToken)
}

// UnsubscribeSecret returns the secret that signs the unsubscribe tokens,
// from unsubscribe_secret_file or unsubscribe_secret_env; nil when neither
// is set. The error never holds the secret.
func (e *Email) UnsubscribeSecret() ([]byte, error) {
	file, env := e.UnsubscribeSecretFile.Value, e.UnsubscribeSecretEnv.Value
	if file == "" && env == "" {
		return nil, nil
	}
	s, err := secret("unsubscribe secret", file, env)
	return []byte(s), err
}

// validateUnsubscribe: a link with {token} is an http(s) URL that carries
// it as the query parameter t (what the daemon's /unsubscribe reads) and
// has a secret of at least 16 bytes, and the daemon listens (listen,
// metrics.listen) to serve it; a secret is not set for nothing.
func validateUnsubscribe(errs *yamlstrict.Collector, e *Email, listen string) {
	secretAt := cmp.Or(e.UnsubscribeSecretFile.Pos, e.UnsubscribeSecretEnv.Pos, e.Pos)
	key := "email.unsubscribe_secret_env"
	if e.UnsubscribeSecretFile.Value != "" {
		key = "email.unsubscribe_secret_file"
	}
	if !e.HasUnsubscribeToken() {
		if e.UnsubscribeSecretFile.Value != "" || e.UnsubscribeSecretEnv.Value != "" {
			errs.Addf(secretAt, "%s is set, but email.unsubscribe has no %s to put the signed token in", key, unsubscribeToken)
		}
		return
	}
	u, err := url.Parse(e.Unsubscribe)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Query().Get("t") != unsubscribeToken {
		errs.Addf(e.Pos, "email.unsubscribe %q: a link with %s must be an https URL that carries it as the parameter t, e.g. https://news.example.org/unsubscribe?t=%s",
			e.Unsubscribe, unsubscribeToken, unsubscribeToken)
	}
	if listen == "" {
		errs.Addf(e.Pos, "email.unsubscribe has %s, but metrics.listen is not set: the daemon serves /unsubscribe there (see docs/operations.md)", unsubscribeToken)
	}
	secret, err := e.UnsubscribeSecret()
	switch {
	case err != nil:
		errs.Addf(secretAt, "%s: %v", key, err)
	case secret == nil:
		errs.Addf(e.Pos, "email.unsubscribe has %s: set email.unsubscribe_secret_env (or unsubscribe_secret_file) to the secret that signs each recipient's token", unsubscribeToken)
	case len(secret) < minUnsubscribeSecret:
		errs.Addf(secretAt, "%s: the unsubscribe secret is shorter than %d bytes; make one with: openssl rand -base64 32", key, minUnsubscribeSecret)
	}
}
