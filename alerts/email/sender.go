package email

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/textproto"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/newsalert/newsalert/alerts"
)

// SMTP is how to reach the mail server.
type SMTP struct {
	Host string
	Port int
	// TLS is "starttls" (required, not opportunistic), "tls" (implicit
	// TLS, port 465) or "none" (a local relay).
	TLS                string
	Username, Password string
	// Auth is "plain", "login", or "" for the best the server offers.
	Auth string
	// RootCAs are the certificates trusted for the server's; nil for the
	// system's. Verification is never turned off.
	RootCAs *x509.CertPool
	// Timeout bounds connecting and each SMTP command.
	Timeout time.Duration
}

// Sender sends digests by e-mail, one connection a message (a digest
// goes out once a day to each recipient; nothing to keep open).
type Sender struct {
	smtp        SMTP
	from        string
	unsubscribe Unsubscribe
	log         *slog.Logger
	now         func() time.Time

	optedOut       func(ctx context.Context, address string) (bool, error)
	onLoginRefused func(ctx context.Context, err error)
	onLoginOK      func(ctx context.Context)
	refused        atomic.Bool // the last login was refused, and onLoginRefused told
}

// NewSender returns a sender through server, from the address from, with
// each recipient's List-Unsubscribe made by unsubscribe; now dates the
// messages.
func NewSender(server SMTP, from string, unsubscribe Unsubscribe, now func() time.Time, log *slog.Logger) *Sender {
	return &Sender{smtp: server, from: from, unsubscribe: unsubscribe, log: log, now: now}
}

// SkipOptedOut sets optedOut to be asked before each message: a digest
// queued before its recipient unsubscribed is not sent (the delivery
// fails as rejected). Set it before sending.
func (s *Sender) SkipOptedOut(optedOut func(ctx context.Context, address string) (bool, error)) {
	s.optedOut = optedOut
}

// OnLoginRefused sets f to be called when the server refuses to log in
// (see loginRefused): once when the refusals begin, not at each message,
// and once more when they begin again after a message went through. err
// names the server and user, never the password. Set it before sending.
func (s *Sender) OnLoginRefused(f func(ctx context.Context, err error)) { s.onLoginRefused = f }

// OnLoginRecovered sets f to be called when a message goes through after
// refused logins were told (OnLoginRefused). Set it before sending.
func (s *Sender) OnLoginRecovered(f func(ctx context.Context)) { s.onLoginOK = f }

// Send mails a rendered digest (a message with Text) to address. A 4xx
// reply or a network error asks for a retry; a 5xx reply fails the
// delivery with the server's words.
func (s *Sender) Send(ctx context.Context, address string, m alerts.Message) error {
	if m.Text == nil {
		return &alerts.SendError{Reason: alerts.Rejected, Err: fmt.Errorf("e-mail to %s: only digests go by e-mail, not single alerts", address)}
	}
	if s.optedOut != nil {
		out, err := s.optedOut(ctx, address)
		if err != nil {
			return fmt.Errorf("e-mail to %s: %w", address, err)
		}
		if out {
			return &alerts.SendError{Reason: alerts.Rejected, Err: fmt.Errorf("e-mail to %s: the address unsubscribed, the digest is not sent", address)}
		}
	}
	link, oneClick := s.unsubscribe.For(address)
	msg, err := Message(Rendered{Subject: m.Text.Subject, Text: m.Text.Plain, HTML: m.Text.HTML, ID: m.Text.ID},
		Envelope{From: s.from, To: []string{address}, Unsubscribe: link, OneClick: oneClick}, s.now())
	if err != nil {
		return &alerts.SendError{Reason: alerts.Rejected, Err: fmt.Errorf("e-mail to %s: %w", address, err)}
	}
	return s.deliver(ctx, address, msg)
}

// SendMsg mails a message built elsewhere (the digest command).
func (s *Sender) SendMsg(ctx context.Context, address string, msg *mail.Msg) error {
	return s.deliver(ctx, address, msg)
}

func (s *Sender) deliver(ctx context.Context, address string, msg *mail.Msg) error {
	client, err := s.client()
	if err != nil {
		return &alerts.SendError{Reason: alerts.Rejected, Err: fmt.Errorf("e-mail to %s: %w", address, err)}
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if err == nil {
		if s.refused.CompareAndSwap(true, false) && s.onLoginOK != nil {
			s.onLoginOK(ctx)
		}
		return nil
	}
	if loginRefused(err) {
		err = fmt.Errorf(
			"e-mail via %s:%d: the server refused the login as %q: check email.smtp.username and the password (password_env or password_file): %w",
			s.smtp.Host, s.smtp.Port, s.smtp.Username, err)
		if s.refused.CompareAndSwap(false, true) && s.onLoginRefused != nil {
			s.onLoginRefused(ctx, err)
		}
		return &alerts.ChannelError{Reason: "auth_failed", Err: err}
	}
	err = fmt.Errorf("e-mail to %s via %s:%d: %w", address, s.smtp.Host, s.smtp.Port, err)
	var sendErr *mail.SendError
	if errors.As(err, &sendErr) && sendErr.ErrorCode() >= 500 {
		return &alerts.SendError{Reason: alerts.Rejected, Err: err}
	}
	return err
}

// loginRefused says whether err is the server refusing our credentials
// or asking for some (530 authentication required, 534 mechanism too
// weak, 535 credentials invalid, 538 encryption required), or offering no
// login mechanism we were told to use: the configuration is wrong, not
// the message. 454 (temporary authentication failure) is not among them.
func loginRefused(err error) bool {
	var reply *textproto.Error
	var sendErr *mail.SendError
	code := 0
	switch {
	case errors.As(err, &sendErr):
		code = sendErr.ErrorCode()
	case errors.As(err, &reply):
		code = reply.Code
	}
	switch code {
	case 530, 534, 535, 538:
		return true
	}
	return errors.Is(err, mail.ErrPlainAuthNotSupported) || errors.Is(err, mail.ErrLoginAuthNotSupported) ||
		errors.Is(err, mail.ErrNoSupportedAuthDiscovered)
}

func (s *Sender) client() (*mail.Client, error) {
	opts := []mail.Option{
		mail.WithPort(s.smtp.Port),
		mail.WithTimeout(cmp.Or(s.smtp.Timeout, 30*time.Second)),
		mail.WithTLSConfig(&tls.Config{ServerName: s.smtp.Host, RootCAs: s.smtp.RootCAs, MinVersion: tls.VersionTLS12}),
	}
	switch s.smtp.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.smtp.Username != "" {
		auth := mail.SMTPAuthAutoDiscover
		switch s.smtp.Auth {
		case "plain":
			auth = mail.SMTPAuthPlain
		case "login":
			auth = mail.SMTPAuthLogin
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(s.smtp.Username), mail.WithPassword(s.smtp.Password))
	}
	return mail.NewClient(s.smtp.Host, opts...)
}

// LoadCAs returns the system's certificates with those of the PEM file at
// path added.
func LoadCAs(path string) (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("CA file: %w", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s: no PEM certificate in it", path)
	}
	return pool, nil
}

// Renderer returns a digest renderer for the outbox: one message, with
// its subject, and in its footer the recipient's own unsubscribe link.
func Renderer(unsubscribe Unsubscribe, log *slog.Logger) alerts.DigestRenderer {
	return func(d alerts.Digest) []alerts.Text {
		address, _ := strings.CutPrefix(d.Destination, "email:")
		link, _ := unsubscribe.For(address)
		r, err := Render(d, link)
		if err != nil {
			log.Error("render e-mail digest", "err", err)
			return nil
		}
		return []alerts.Text{{Subject: r.Subject, Plain: r.Text, HTML: r.HTML}}
	}
}
