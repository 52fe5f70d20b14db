package email

import (
	"bytes"
	"errors"
	"log/slog"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
)

var testSecret = []byte("0123456789abcdef-test-secret")

func testTokens(t *testing.T, secret []byte) *Tokens {
	t.Helper()
	tok, err := NewTokens(secret)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// A token names its recipient and verifies only as it was made, with
// the secret it was made with.
func TestUnsubscribeToken(t *testing.T) {
	tokens := testTokens(t, testSecret)
	ann := tokens.Make("ann@example.org")
	_, annAddr, annMAC := splitToken(t, ann)
	_, bobAddr, bobMAC := splitToken(t, tokens.Make("bob@example.org"))
	for _, tc := range []struct {
		name, token, want string
		err               error
	}{
		{"round trip", ann, "ann@example.org", nil},
		{"round trip, non-ASCII", tokens.Make("аня@пример.рф"), "аня@пример.рф", nil},
		{"another's address, own MAC", "1." + bobAddr + "." + annMAC, "", ErrTokenSignature},
		{"own address, another's MAC", "1." + annAddr + "." + bobMAC, "", ErrTokenSignature},
		{"MAC cut short", ann[:len(ann)-1], "", ErrTokenSignature},
		{"MAC changed", ann[:len(ann)-2] + flip(ann[len(ann)-2:]), "", ErrTokenSignature},
		{"wrong secret", testTokens(t, []byte("another secret, also long")).Make("ann@example.org"), "", ErrTokenSignature},
		{"other version", "2" + ann[1:], "", ErrTokenMalformed},
		{"empty", "", "", ErrTokenMalformed},
		{"garbage", "hello", "", ErrTokenMalformed},
		{"no MAC", "1." + annAddr, "", ErrTokenMalformed},
		{"not base64", "1.!!!." + annMAC, "", ErrTokenMalformed},
		{"empty address", "1.." + annMAC, "", ErrTokenMalformed},
		{"padded", ann + "=", "", ErrTokenMalformed},
	} {
		got, err := tokens.Verify(tc.token)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: Verify(%q) = %q, %v; want %q, %v", tc.name, tc.token, got, err, tc.want, tc.err)
		}
	}
}

func splitToken(t *testing.T, token string) (version, addr, mac string) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q: want version.address.mac", token)
	}
	return parts[0], parts[1], parts[2]
}

// flip changes a base64url string's characters to others.
func flip(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 'A' {
			return 'B'
		}
		return 'A'
	}, s)
}

func TestShortSecretIsRefused(t *testing.T) {
	if _, err := NewTokens([]byte("fifteen bytes..")); err == nil {
		t.Error("a 15-byte secret was taken")
	}
	if _, err := NewUnsubscribe("https://x.org/unsubscribe?t={token}", nil); err == nil {
		t.Error("a link with {token} was taken without a secret")
	}
}

// List-Unsubscribe-Post (one click) goes only with an HTTPS link that
// identifies the recipient (RFC 8058); any other link goes alone.
func TestUnsubscribeHeaders(t *testing.T) {
	token := testTokens(t, testSecret).Make("ann@example.org")
	for _, tc := range []struct {
		link, want string
		post       bool
	}{
		{"https://news.example.org/unsubscribe?t={token}", "<https://news.example.org/unsubscribe?t=" + token + ">", true},
		{"http://127.0.0.1:9464/unsubscribe?t={token}", "<http://127.0.0.1:9464/unsubscribe?t=" + token + ">", false},
		{"https://news.example.org/unsubscribe", "<https://news.example.org/unsubscribe>", false},
		{"mailto:news-leave@example.org", "<mailto:news-leave@example.org>", false},
		{"", "", false},
	} {
		unsub, err := NewUnsubscribe(tc.link, testSecret)
		if err != nil {
			t.Fatal(err)
		}
		s := NewSender(SMTP{}, "alerts@example.org", unsub, clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)).Now,
			slog.New(slog.DiscardHandler))
		h := sentHeaders(t, s, "ann@example.org")
		if got := h.Get("List-Unsubscribe"); got != tc.want {
			t.Errorf("%q: List-Unsubscribe %q; want %q", tc.link, got, tc.want)
		}
		post, want := h.Get("List-Unsubscribe-Post"), ""
		if tc.post {
			want = "List-Unsubscribe=One-Click"
		}
		if post != want {
			t.Errorf("%q: List-Unsubscribe-Post %q; want %q", tc.link, post, want)
		}
	}
}

// sentHeaders are the headers of the message s would send to address, as
// written on the wire.
func sentHeaders(t *testing.T, s *Sender, address string) mail.Header {
	t.Helper()
	r := Rendered{Subject: "s", Text: "t", HTML: "<p>t</p>", ID: "x"}
	link, oneClick := s.unsubscribe.For(address)
	msg, err := Message(r, Envelope{From: s.from, To: []string{address}, Unsubscribe: link, OneClick: oneClick}, s.now())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return m.Header
}

// The digest's footer links to the recipient's own unsubscribe URL.
func TestDigestFooterHasTheRecipientsLink(t *testing.T) {
	unsub, err := NewUnsubscribe("https://news.example.org/unsubscribe?t={token}", testSecret)
	if err != nil {
		t.Fatal(err)
	}
	d := hostileDigest()
	d.Destination = "email:ann@example.org"
	texts := Renderer(unsub, slog.New(slog.DiscardHandler))(d)
	if len(texts) != 1 {
		t.Fatalf("%d texts", len(texts))
	}
	want := "https://news.example.org/unsubscribe?t=" + unsub.Tokens().Make("ann@example.org")
	if !strings.Contains(texts[0].HTML, `href="`+want+`"`) || !strings.Contains(texts[0].Plain, want) {
		t.Errorf("footer lacks %s:\n%s", want, texts[0].Plain)
	}
	other := unsub.Tokens().Make("bob@example.org")
	if strings.Contains(texts[0].HTML, other) {
		t.Error("footer has another recipient's token")
	}
	// Without a recipient, no link rather than one that names no one.
	d.Destination = ""
	if anon := Renderer(unsub, slog.New(slog.DiscardHandler))(d); strings.Contains(anon[0].Plain, "unsubscribe?t=") {
		t.Errorf("a digest for no one has a link:\n%s", anon[0].Plain)
	}
}
