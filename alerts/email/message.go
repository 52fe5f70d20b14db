package email

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Envelope is who a digest is from and to.
type Envelope struct {
	From string
	To   []string
	// Unsubscribe is a URL or mailto: for the List-Unsubscribe header; "" for none.
	Unsubscribe string
	// OneClick says that Unsubscribe is an HTTPS URL that identifies the
	// recipient, which RFC 8058 asks of List-Unsubscribe-Post.
	OneClick bool
}

// Message builds a multipart/alternative message (plain text first, HTML
// second) with Message-ID, Date and, when set, List-Unsubscribe headers
// (List-Unsubscribe-Post only for a one-click link).
func Message(r Rendered, env Envelope, now time.Time) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From(env.From); err != nil {
		return nil, fmt.Errorf("from address %q: %w", env.From, err)
	}
	if err := m.To(env.To...); err != nil {
		return nil, fmt.Errorf("to addresses %q: %w", env.To, err)
	}
	m.Subject(r.Subject)
	id := r.ID
	if id == "" {
		id = rand.Text() // not go-mail's SetMessageID: its ids may start or end with a dot
	}
	m.SetMessageIDWithValue(messageIDLeft(id) + "@newsalert")
	m.SetDateWithValue(now)
	m.SetGenHeader(mail.HeaderXMailer, "newsalert")
	if u := env.Unsubscribe; u != "" {
		m.SetGenHeader(mail.HeaderListUnsubscribe, "<"+u+">")
		if env.OneClick {
			m.SetGenHeader(mail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
		}
	}
	m.SetBodyString(mail.TypeTextPlain, r.Text)
	m.AddAlternativeString(mail.TypeTextHTML, r.HTML)
	return m, nil
}

// messageIDLeft makes id a valid id-left, RFC 5322's dot-atom-text (an
// outbox key has a ':'), and stays one-to-one: '=' and every byte that
// may not stand where it is (a dot first, last or after a dot) become
// "=XX", as in quoted-printable.
func messageIDLeft(id string) string {
	var b strings.Builder
	for i := range len(id) {
		c := id[i]
		dotOK := i > 0 && i < len(id)-1 && id[i-1] != '.'
		if c != '=' && (isAtext(c) || c == '.' && dotOK) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "=%02X", c)
	}
	return b.String()
}

// isAtext says whether c is an atext character (RFC 5322 3.2.3).
func isAtext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// WriteFiles writes the message as name.eml and its HTML part as name.html
// in dir, and returns both paths.
func WriteFiles(m *mail.Msg, r Rendered, dir, name string) (eml, html string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	eml = filepath.Join(dir, name+".eml")
	html = filepath.Join(dir, name+".html")
	f, err := os.Create(eml)
	if err != nil {
		return "", "", err
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return "", "", fmt.Errorf("write %s: %w", eml, err)
	}
	if err := f.Close(); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(html, []byte(r.HTML), 0o644); err != nil {
		return "", "", err
	}
	return eml, html, nil
}
