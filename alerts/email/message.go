package email

import (
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
}

// Message builds a multipart/alternative message (plain text first, HTML
// second) with Message-ID, Date and, when set, List-Unsubscribe headers.
func Message(r Rendered, env Envelope, now time.Time) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From(env.From); err != nil {
		return nil, fmt.Errorf("from address %q: %w", env.From, err)
	}
	if err := m.To(env.To...); err != nil {
		return nil, fmt.Errorf("to addresses %q: %w", env.To, err)
	}
	m.Subject(r.Subject)
	if r.ID != "" {
		m.SetMessageIDWithValue(r.ID + "@newsalert")
	} else {
		m.SetMessageID()
	}
	m.SetDateWithValue(now)
	m.SetGenHeader(mail.HeaderXMailer, "newsalert")
	if u := env.Unsubscribe; u != "" {
		m.SetGenHeader(mail.HeaderListUnsubscribe, "<"+u+">")
		if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			m.SetGenHeader(mail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
		}
	}
	m.SetBodyString(mail.TypeTextPlain, r.Text)
	m.AddAlternativeString(mail.TypeTextHTML, r.HTML)
	return m, nil
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
