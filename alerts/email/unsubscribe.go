package email

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// TokenPlaceholder in the configured unsubscribe URL is replaced by each
// recipient's token.
const TokenPlaceholder = "{token}"

// MinSecret is the shortest secret tokens may be signed with, in bytes.
const MinSecret = 16

// tokenVersion starts every token and, with the purpose, what is signed:
// a MAC made for anything else, or by another version, never verifies.
const (
	tokenVersion = "1"
	tokenPurpose = "newsalert unsubscribe\x00"
)

// Why a token is refused; the HTTP endpoint counts them apart.
var (
	ErrTokenMalformed = errors.New("malformed unsubscribe token")
	ErrTokenSignature = errors.New("unsubscribe token not signed by this server")
)

var b64 = base64.RawURLEncoding

// Tokens signs and verifies the per-recipient unsubscribe tokens:
// "1.<address>.<HMAC-SHA256>", both parts base64url, so that the endpoint
// knows who asks without a table of tokens.
type Tokens struct{ secret []byte }

// NewTokens returns tokens signed with secret (at least MinSecret bytes).
func NewTokens(secret []byte) (*Tokens, error) {
	if len(secret) < MinSecret {
		return nil, fmt.Errorf("unsubscribe secret: %d bytes, want at least %d", len(secret), MinSecret)
	}
	return &Tokens{secret: secret}, nil
}

// Make returns address's token.
func (t *Tokens) Make(address string) string {
	return tokenVersion + "." + b64.EncodeToString([]byte(address)) + "." + b64.EncodeToString(t.mac(address))
}

// Verify returns the address token was made for, or an error wrapping
// ErrTokenMalformed or ErrTokenSignature.
func (t *Tokens) Verify(token string) (string, error) {
	version, rest, ok := strings.Cut(token, ".")
	if !ok || version != tokenVersion {
		return "", ErrTokenMalformed
	}
	encAddr, encMAC, ok := strings.Cut(rest, ".")
	if !ok {
		return "", ErrTokenMalformed
	}
	addr, err1 := b64.DecodeString(encAddr)
	mac, err2 := b64.DecodeString(encMAC)
	if err1 != nil || err2 != nil || len(addr) == 0 {
		return "", ErrTokenMalformed
	}
	if !hmac.Equal(mac, t.mac(string(addr))) {
		return "", ErrTokenSignature
	}
	return string(addr), nil
}

func (t *Tokens) mac(address string) []byte {
	h := hmac.New(sha256.New, t.secret)
	h.Write([]byte(tokenPurpose))
	h.Write([]byte(address))
	return h.Sum(nil)
}

// Unsubscribe makes each recipient's unsubscribe link from the configured
// one. The zero value makes none.
type Unsubscribe struct {
	link   string  // as configured: a URL or mailto:, perhaps with TokenPlaceholder
	tokens *Tokens // set when link has the placeholder
}

// NewUnsubscribe returns the links made from link ("" for none); a link
// with TokenPlaceholder needs a secret (see NewTokens).
func NewUnsubscribe(link string, secret []byte) (Unsubscribe, error) {
	if !strings.Contains(link, TokenPlaceholder) {
		return Unsubscribe{link: link}, nil
	}
	tokens, err := NewTokens(secret)
	if err != nil {
		return Unsubscribe{}, err
	}
	return Unsubscribe{link: link, tokens: tokens}, nil
}

// For returns address's link, and whether it identifies the recipient
// over HTTPS, as RFC 8058's one-click unsubscribe requires. A link made
// per recipient is "" for no address.
func (u Unsubscribe) For(address string) (link string, oneClick bool) {
	if u.tokens == nil {
		return u.link, false
	}
	if address == "" {
		return "", false
	}
	link = strings.ReplaceAll(u.link, TokenPlaceholder, u.tokens.Make(address))
	return link, strings.HasPrefix(link, "https://")
}

// Tokens verifies the links' tokens; nil when the links carry none.
func (u Unsubscribe) Tokens() *Tokens { return u.tokens }
