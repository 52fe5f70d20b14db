package main

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/internal/redact"
	"github.com/newsalert/newsalert/store"
)

// delivery is the configured destinations: who gets immediate alerts and
// the senders that reach them.
type delivery struct {
	subs       []alerts.Subscriber // fixed subscribers (the console)
	configured []alerts.Configured // destinations of the config file
	defaults   alerts.Defaults     // of chats that set no time zone or digest time
	senders    map[string]alerts.Sender
	telegram   *telegram.Sender // nil without a telegram section
	email      *email.Sender    // nil without an email section
	token      string           // the bot token, for the bot
	renderers  map[string]alerts.DigestRenderer
	now        func() time.Time
	log        *slog.Logger // with the secrets redacted

	// unsubscribe makes each e-mail recipient's unsubscribe link; with
	// tokens, the daemon serves /unsubscribe.
	unsubscribe email.Unsubscribe
}

// configuredDelivery builds the senders and destinations cfg names. The
// bot token and SMTP password are read here, handed only to the senders
// (and the bot), and taken out of every log line: d.log is log with them
// redacted, for everything from here on.
func configuredDelivery(cfg *config.Config, now func() time.Time, log *slog.Logger) (delivery, error) {
	d := delivery{senders: map[string]alerts.Sender{}, renderers: map[string]alerts.DigestRenderer{},
		configured: configuredOf(cfg), now: now, log: log}
	var server email.SMTP
	var unsubSecret []byte
	if cfg.Email != nil {
		var err error
		if server, err = smtpServer(cfg); err != nil {
			return d, err
		}
		if d.unsubscribe, unsubSecret, err = unsubscribeLinks(cfg.Email); err != nil {
			return d, err
		}
	}
	if t := cfg.Telegram; t != nil {
		var err error
		if d.token, err = t.Token(); err != nil {
			return d, err
		}
		d.defaults = alerts.Defaults{TimeZone: t.TimeZone, DigestAt: t.DigestTime, Language: t.Language}
	}
	d.defaults.FollowUps = cfg.Stories.FollowUps
	d.log = redact.Logger(log, d.token, server.Password, string(unsubSecret))
	if e := cfg.Email; e != nil {
		d.email = email.NewSender(server, e.From, d.unsubscribe, now, d.log)
		d.senders["email"] = d.email
		d.renderers["email"] = email.Renderer(d.unsubscribe, d.log)
	}
	if t := cfg.Telegram; t != nil {
		d.telegram = telegram.NewSender(d.token, telegram.Options{Endpoint: t.APIEndpoint,
			DisablePreview: t.DisableLinkPreview, Log: d.log,
			Limits: telegram.Limits{PerChat: t.Limits.PerChat, PerGroupPerMinute: t.Limits.PerGroupPerMinute,
				PerSecond: t.Limits.PerSecond}})
		d.senders["telegram"] = d.telegram
		d.renderers["telegram"] = telegram.RenderDigest
	}
	return d, nil
}

// configuredOf lists the destinations the config file names: its
// Telegram chats and e-mail recipients.
func configuredOf(cfg *config.Config) []alerts.Configured {
	var out []alerts.Configured
	if t := cfg.Telegram; t != nil {
		for _, ch := range t.Chats {
			out = append(out, alerts.Configured{Destination: "telegram:" + telegram.JoinThread(ch.ID, ch.Thread), Name: ch.Name,
				Topics: config.Strings(ch.Topics), Language: ch.Language})
		}
	}
	if e := cfg.Email; e != nil {
		for _, r := range e.Recipients {
			out = append(out, alerts.Configured{Destination: "email:" + r.Address, Name: r.Address,
				Topics: config.Strings(r.Topics), DigestOnly: true, Schedule: r.Schedule, SendEmpty: r.SendEmpty,
				Language: r.Language})
		}
	}
	return out
}

// unsubscribeLinks makes the recipients' unsubscribe links e configures,
// and returns the secret that signs them (nil for none), to be redacted.
func unsubscribeLinks(e *config.Email) (email.Unsubscribe, []byte, error) {
	secret, err := e.UnsubscribeSecret()
	if err != nil {
		return email.Unsubscribe{}, nil, err
	}
	u, err := email.NewUnsubscribe(e.Unsubscribe, secret)
	return u, secret, err
}

// smtpServer is the configured mail server, with its password.
func smtpServer(cfg *config.Config) (email.SMTP, error) {
	c := cfg.Email.SMTP
	password, err := c.Password()
	if err != nil {
		return email.SMTP{}, err
	}
	server := email.SMTP{Host: c.Host, Port: c.Port, TLS: c.TLS, Username: c.Username, Password: password,
		Auth: c.Auth, Timeout: c.Timeout}
	if c.CAFile != "" {
		if server.RootCAs, err = email.LoadCAs(cfg.Path(c.CAFile)); err != nil {
			return email.SMTP{}, err
		}
	}
	return server, nil
}

// audience records the configured destinations in st (so that their
// settings and digests have a row) and returns everyone who reads alerts.
func (d delivery) audience(ctx context.Context, st *store.Store) (*alerts.Audience, error) {
	if err := recordConfigured(ctx, st, d.configured, d.now); err != nil {
		return nil, err
	}
	a := alerts.NewAudience(st, d.configured, d.now)
	a.SetDefaults(d.defaults)
	return a, nil
}

// recordConfigured gives each configured destination a row in the store.
func recordConfigured(ctx context.Context, st *store.Store, configured []alerts.Configured, now func() time.Time) error {
	for _, c := range configured {
		if err := st.AddSubscriber(ctx, c.Destination, c.Name, now()); err != nil {
			return err
		}
	}
	return nil
}

// withConsole adds a console destination that shows every match on w.
func (d delivery) withConsole(w io.Writer) delivery {
	d.senders["console"] = alerts.NewConsoleSender(w)
	d.subs = append(d.subs, alerts.Subscriber{Destination: "console", DigestTopics: true})
	return d
}
