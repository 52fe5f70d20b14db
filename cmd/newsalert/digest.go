package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/internal/redact"
	"github.com/newsalert/newsalert/rules"
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
	now := env.now()
	c, err := composeDigest(ctx, digestInput{cfg: cfg, st: st, topics: matcher.Topics, now: env.now, log: log}, *to, now.Add(-*since), now)
	if err != nil {
		return err
	}
	if *dryRun {
		name := "digest-" + strings.NewReplacer("@", "_at_", "/", "_").Replace(*to) + "-" + now.In(c.digest.Zone()).Format("2006-01-02")
		return writeDryRun(env.stdout, c.msg, c.rendered, *out, name, c.digest.Count())
	}
	server, err := smtpServer(cfg)
	if err != nil {
		return err
	}
	sender := email.NewSender(server, cfg.Email.From, c.unsubscribe, env.now, redact.Logger(log, server.Password, string(c.secret)))
	if err := sender.SendMsg(ctx, *to, c.msg); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "sent %q (%d stories) to %s\n", c.rendered.Subject, c.digest.Count(), *to)
	return nil
}

// digestInput is what a digest is made of: the config's recipients and
// e-mail settings, the stored matches, and the topics.
type digestInput struct {
	cfg    *config.Config
	st     *store.Store
	topics func() []*rules.Topic
	now    func() time.Time
	log    *slog.Logger
}

// composedDigest is one recipient's digest, rendered and addressed.
type composedDigest struct {
	digest      alerts.Digest
	rendered    email.Rendered
	msg         *mail.Msg
	unsubscribe email.Unsubscribe
	secret      []byte // the unsubscribe links' secret, kept out of logs
}

// composeDigest builds the digest of from..to for the address to, in the
// topics and time zone it has as a recipient, with its unsubscribe link.
func composeDigest(ctx context.Context, in digestInput, to string, from, until time.Time) (composedDigest, error) {
	var c composedDigest
	audience := alerts.NewAudience(in.st, configuredOf(in.cfg), in.now)
	reader, err := digestReader(ctx, audience, to)
	if err != nil {
		return c, err
	}
	if c.digest, err = alerts.NewDigestScheduler(in.st, audience, nil, in.topics, in.now, in.log).Digest(ctx, reader, from, until); err != nil {
		return c, err
	}
	if c.unsubscribe, c.secret, err = unsubscribeLinks(in.cfg.Email); err != nil {
		return c, err
	}
	link, oneClick := c.unsubscribe.For(to)
	if c.rendered, err = email.Render(c.digest, link); err != nil {
		return c, err
	}
	c.msg, err = email.Message(c.rendered, email.Envelope{From: in.cfg.Email.From, To: []string{to}, Unsubscribe: link, OneClick: oneClick}, until)
	return c, err
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
