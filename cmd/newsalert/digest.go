package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/internal/redact"
	"github.com/newsalert/newsalert/store"
)

func runDigest(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("digest", `Build the e-mail digest of the matches stored in the last --since for
--to (a recipient of the config file gets its topics and time zone; any
other address every topic) and send it now over the configured SMTP
server. --dry-run writes it as an .eml file (and its HTML) instead.`, env.stderr)
	setup := addSetupFlags(fs, "warn")
	to := fs.String("to", "", "recipient `address` (required)")
	since := fs.Duration("since", 24*time.Hour, "how far back the digest goes")
	dryRun := fs.Bool("dry-run", false, "write the message to --out instead of sending it")
	out := fs.String("out", ".", "`folder` for --dry-run")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *to == "" {
		fmt.Fprintln(env.stderr, "digest: --to is required")
		return errUsage
	}
	log, cfg, matcher, err := setup.load(env.stderr)
	if err != nil {
		return err
	}
	if cfg.Email == nil {
		return errors.New("digest: the config has no email section (smtp, from)")
	}
	st, err := openStore(ctx, cfg, env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*dryRun {
		if err := refuseOptedOut(ctx, st, *to); err != nil {
			return err
		}
	}

	audience := alerts.NewAudience(st, configuredOf(cfg), env.now)
	reader, err := digestReader(ctx, audience, *to)
	if err != nil {
		return err
	}
	now := env.now()
	d, err := alerts.NewDigestScheduler(st, audience, nil, matcher.Topics, env.now, log).Digest(ctx, reader, now.Add(-*since), now)
	if err != nil {
		return err
	}
	unsubscribe, unsubSecret, err := unsubscribeLinks(cfg.Email)
	if err != nil {
		return err
	}
	link, oneClick := unsubscribe.For(*to)
	r, err := email.Render(d, link)
	if err != nil {
		return err
	}
	msg, err := email.Message(r, email.Envelope{From: cfg.Email.From, To: []string{*to}, Unsubscribe: link, OneClick: oneClick}, now)
	if err != nil {
		return err
	}
	if *dryRun {
		name := "digest-" + strings.NewReplacer("@", "_at_", "/", "_").Replace(*to) + "-" + now.In(d.Zone()).Format("2006-01-02")
		return writeDryRun(env.stdout, msg, r, *out, name, d.Count())
	}
	server, err := smtpServer(cfg)
	if err != nil {
		return err
	}
	sender := email.NewSender(server, cfg.Email.From, unsubscribe, env.now, redact.Logger(log, server.Password, string(unsubSecret)))
	if err := sender.SendMsg(ctx, *to, msg); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "sent %q (%d stories) to %s\n", r.Subject, d.Count(), *to)
	return nil
}

// optOutLookup is the part of the store refuseOptedOut asks.
type optOutLookup interface {
	OptedOutAt(ctx context.Context, address string) (time.Time, bool, error)
}

// refuseOptedOut: an address that unsubscribed is not sent a digest by
// hand either.
func refuseOptedOut(ctx context.Context, st optOutLookup, address string) error {
	at, out, err := st.OptedOutAt(ctx, address)
	if err != nil {
		return err // says whose opt-out it read
	}
	if out {
		return fmt.Errorf("%s unsubscribed on %s; if they ask for digests again: newsalert email resubscribe %s",
			address, at.UTC().Format("2 Jan 2006"), address)
	}
	return nil
}

// digestReader is who the digest is for: the configured recipient (its
// topics and zone), or an address that gets every topic.
func digestReader(ctx context.Context, audience *alerts.Audience, to string) (alerts.Reader, error) {
	reader, ok, err := audience.Reader(ctx, "email:"+to)
	if err != nil || ok {
		return reader, err
	}
	return alerts.Reader{Subscriber: store.Subscriber{Destination: "email:" + to}, AllTopics: true}, nil
}

// writeDryRun writes the digest that --dry-run does not send as name.eml
// and name.html under dir, and says where.
func writeDryRun(w io.Writer, msg *mail.Msg, r email.Rendered, dir, name string, stories int) error {
	eml, html, err := email.WriteFiles(msg, r, dir, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d stories (not sent)\n%s\n%s\n", r.Subject, stories, eml, html)
	return nil
}
