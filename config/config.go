// Package config loads newsalert.yaml: the feeds to poll, the Telegram and
// e-mail destinations, and where state is kept. Secrets are never in the
// file: they come from the environment or from a file it names.
package config

import (
	"cmp"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/stories"
)

// Defaults for settings the file leaves out.
const (
	DefaultPath           = "newsalert.yaml"
	DefaultStorage        = "newsalert.db"
	DefaultRules          = "rules.yaml"
	DefaultInterval       = 15 * time.Minute
	DefaultWorkers        = 8
	DefaultPerHost        = 2
	DefaultBacklog        = 24 * time.Hour
	DefaultTimeout        = 30 * time.Second
	DefaultTokenEnv       = "NEWSALERT_TELEGRAM_TOKEN"
	DefaultPasswordEnv    = "NEWSALERT_SMTP_PASSWORD"
	DefaultDigestSchedule = "0 8 * * *"
	// DefaultDigestTime is the daily digest time of chats that set none.
	DefaultDigestTime = "08:00"
)

// Config is newsalert.yaml.
type Config struct {
	// Storage is the SQLite file, relative to the config file.
	Storage string `yaml:"storage"`
	// Rules is the rules file, relative to the config file.
	Rules string `yaml:"rules"`
	// Retention is how long items are kept (default 30 days); their keys
	// are kept for KeyRetention (default a year), so that a late re-post
	// of an old item does not alert.
	Retention    time.Duration `yaml:"retention"`
	KeyRetention time.Duration `yaml:"key_retention"`
	Stories      Stories       `yaml:"stories"`
	Poll         Poll          `yaml:"poll"`
	Feeds        []Feed        `yaml:"feeds"`
	Telegram     *Telegram     `yaml:"telegram"`
	Email        *Email        `yaml:"email"`
	Metrics      Metrics       `yaml:"metrics"`

	path string
}

// Metrics configures the Prometheus metrics and health endpoints.
type Metrics struct {
	// Listen is the address of /metrics, /healthz and /readyz
	// ("127.0.0.1:9464"); "" turns them off.
	Listen string `yaml:"listen"`
}

// Stories holds the story clustering settings.
type Stories struct {
	// Window is how far apart two reports of one story may be (48h).
	Window time.Duration `yaml:"window"`
	// Threshold is the similarity from which two items are one story.
	Threshold float64 `yaml:"threshold"`
	// Meaning turns on joining by meaning: two English reports that share
	// some words but too few are one story when their closeness in meaning
	// reaches it (a number from 0 to 1; "on" is
	// stories.DefaultMeaningThreshold). "off", the default, joins stories
	// by their words alone.
	Meaning string `yaml:"meaning"`
	// FollowUps says how a report that may tell a story already alerted —
	// near it (possibly the same story told in other words), or joined to
	// it short of SureFrom — is sent to a chat alerted about it
	// (ingest.FollowUpsQuiet, Thread or Off): "quiet" (the default), as a
	// reply to that alert without a sound; "thread", as a reply with a
	// sound; "off", a near report as any alert and an unsure join not at
	// all. It is every chat's default; a chat may choose with /followups.
	FollowUps string `yaml:"follow_ups"`
	// SureFrom is the similarity from which a join is sure; 0, the
	// default, makes every join sure, as does a value at or below
	// Threshold (stories.SureFrom, 0.2, is the measured value). With
	// follow-ups on, a report that joins a story by less is sent as a
	// follow-up to those already alerted about the story instead of
	// withheld: it may be a different story sharing its words.
	SureFrom float64 `yaml:"sure_from"`
	// AcrossLanguages joins a report to a story told in another language
	// when their evidence (places, numbers, names, the rules' concepts)
	// scores at least it: "on", the default, is stories.CrossFrom; "off"
	// compares reports within a language only; or a number above 0 and at
	// most 1.
	AcrossLanguages string `yaml:"across_languages"`
	// CloseWithin joins a report to another outlet's report of its act in
	// its place (a concept of the rules that is no group and a place or
	// country in common, nothing setting them apart) when both outlets
	// dated them this close:
	// "on", the default, is ingest.DefaultCloseWithin (24h); "off"; or a
	// duration.
	CloseWithin string `yaml:"close_within"`
	// Pos is where the stories section is, for its errors.
	Pos yamlstrict.Pos `yaml:"-"`
}

// FollowUpsOn reports whether near reports are sent as follow-ups.
func (s Stories) FollowUpsOn() bool { return s.FollowUps != ingest.FollowUpsOff }

// MeaningThreshold is stories.meaning as a number: 0 when it is off.
func (s Stories) MeaningThreshold() float64 {
	switch s.Meaning {
	case "", "off":
		return 0
	case "on":
		return stories.DefaultMeaningThreshold
	}
	return fraction(s.Meaning)
}

// CrossFrom is stories.across_languages as ingest.Options.CrossFrom: 0 for
// the default, below 0 for off.
func (s Stories) CrossFrom() float64 {
	switch s.AcrossLanguages {
	case "", "on":
		return 0
	case "off":
		return -1
	}
	return fraction(s.AcrossLanguages)
}

// CloseWithinDuration is stories.close_within as
// ingest.Options.CloseWithin: 0 for the default, below 0 for off (and for
// a value that is no duration above zero, which Validate reports).
func (s Stories) CloseWithinDuration() time.Duration {
	switch s.CloseWithin {
	case "", "on":
		return 0
	}
	d, err := time.ParseDuration(s.CloseWithin)
	if err != nil || d <= 0 {
		return -1
	}
	return d
}

// fraction reads a score in (0, 1]; anything else is 0, which validate
// reports.
func fraction(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1 {
		return 0
	}
	return v
}

// Poll holds the poller's settings.
type Poll struct {
	Interval       time.Duration `yaml:"interval"`
	Workers        int           `yaml:"workers"`
	PerHost        int           `yaml:"per_host"`
	Timeout        time.Duration `yaml:"timeout"`
	MaxBodyBytes   int64         `yaml:"max_body_bytes"`
	MinBackoff     time.Duration `yaml:"min_backoff"`
	MaxBackoff     time.Duration `yaml:"max_backoff"`
	UnhealthyAfter int           `yaml:"unhealthy_after"`
	// Backlog is how old an item of a new feed's first poll may be and
	// still alert; older ones are recorded as seen.
	Backlog time.Duration `yaml:"backlog"`
	// TelegramPreview is where channel previews are read (default
	// https://t.me): <preview>/s/<channel>.
	TelegramPreview string `yaml:"telegram_preview"`
	// Pos is where the poll section is, for its errors.
	Pos yamlstrict.Pos `yaml:"-"`
}

// Feed is one source to poll: a feed (url), a Telegram channel's public
// preview (telegram) or a page read with CSS selectors (html); see
// sources.go.
type Feed struct {
	URL      string              `yaml:"url"`
	Telegram string              `yaml:"telegram"`
	HTML     string              `yaml:"html"`
	Select   *HTMLSelect         `yaml:"select"`
	Kind     feeds.Kind          `yaml:"-"`
	Name     string              `yaml:"name"`
	Regions  []yamlstrict.String `yaml:"regions"`
	Interval time.Duration       `yaml:"interval"`
	Schedule string              `yaml:"schedule"`
	Pos      yamlstrict.Pos      `yaml:"-"`
}

// Telegram configures the bot and the chats it alerts.
type Telegram struct {
	TokenEnv           string `yaml:"token_env"`
	TokenFile          string `yaml:"token_file"` // relative to the config file; Parse resolves it
	APIEndpoint        string `yaml:"api_endpoint"`
	DisableLinkPreview bool   `yaml:"disable_link_preview"`
	// Commands turns the bot's commands (long polling getUpdates) on or
	// off; on by default. Turn it off when another program reads the
	// bot's updates.
	Commands *bool `yaml:"commands"`
	// AllowedChats, when set, are the only chats the bot answers.
	AllowedChats []int64 `yaml:"allowed_chats"`
	// Admins are the user ids that may use /status.
	Admins []int64 `yaml:"admins"`
	// TimeZone is the IANA zone of chats that set none (default UTC).
	TimeZone string `yaml:"timezone"`
	// DigestTime is the daily digest time "HH:MM" of chats that set none.
	DigestTime string `yaml:"digest_time"`
	// Language is what chats that chose none, and whose first user's
	// Telegram says none the bot knows, are spoken to in (default en).
	Language string         `yaml:"language"`
	Limits   TelegramLimits `yaml:"limits"`
	Chats    []Chat         `yaml:"chats"`
	Pos      yamlstrict.Pos `yaml:"-"`
}

// TelegramLimits are the flood limits the sender keeps under; Telegram's
// own by default.
type TelegramLimits struct {
	PerChat           time.Duration  `yaml:"per_chat"`
	PerGroupPerMinute int            `yaml:"per_group_per_minute"`
	PerSecond         int            `yaml:"per_second"`
	Pos               yamlstrict.Pos `yaml:"-"`
}

// CommandsOn reports whether the bot answers commands.
func (t *Telegram) CommandsOn() bool { return t.Commands == nil || *t.Commands }

// Allowed reports whether the bot may serve chat.
func (t *Telegram) Allowed(chat int64) bool {
	return len(t.AllowedChats) == 0 || slices.Contains(t.AllowedChats, chat)
}

// IsAdmin reports whether user may use the admin commands.
func (t *Telegram) IsAdmin(user int64) bool { return slices.Contains(t.Admins, user) }

// Chat is a Telegram chat that receives immediate alerts.
type Chat struct {
	// ID is the numeric chat id, or @channelname.
	ID     string              `yaml:"id"`
	Name   string              `yaml:"name"`
	Topics []yamlstrict.String `yaml:"topics"`
	// Thread is a topic of a forum supergroup (its message_thread_id):
	// the chat's alerts and digests go there; 0 for the chat itself.
	Thread int `yaml:"thread"`
	// Language is what the chat is written to in, until it chooses (i18n).
	Language string         `yaml:"language"`
	Pos      yamlstrict.Pos `yaml:"-"`
}

// Email configures SMTP and the digest recipients.
type Email struct {
	SMTP        SMTP           `yaml:"smtp"`
	From        string         `yaml:"from"`
	Unsubscribe string         `yaml:"unsubscribe"`
	Recipients  []Recipient    `yaml:"recipients"`
	Pos         yamlstrict.Pos `yaml:"-"`
	// UnsubscribeSecretEnv or UnsubscribeSecretFile (relative to the
	// config file; Parse resolves it) holds the secret that signs each
	// recipient's token in an Unsubscribe with {token} (unsubscribe.go).
	UnsubscribeSecretEnv  yamlstrict.String `yaml:"unsubscribe_secret_env"`
	UnsubscribeSecretFile yamlstrict.String `yaml:"unsubscribe_secret_file"`
}

// SMTP is how to reach the mail server.
type SMTP struct {
	Host         string `yaml:"host"`
	Port         int    `yaml:"port"`
	Username     string `yaml:"username"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"` // relative to the config file; Parse resolves it
	// TLS is "starttls" (the default), "tls" (implicit, port 465) or "none".
	TLS string `yaml:"tls"`
	// Auth is the SMTP AUTH mechanism: "plain" or "login" (default: the
	// best the server offers).
	Auth string `yaml:"auth"`
	// CAFile is a PEM file of certificates to trust for the server's TLS
	// certificate, besides the system's (a private mail server's CA).
	CAFile string `yaml:"ca_file"`
	// Timeout bounds connecting and each SMTP command (default 30s).
	Timeout time.Duration  `yaml:"timeout"`
	Pos     yamlstrict.Pos `yaml:"-"`
}

// Recipient receives a digest on a schedule.
type Recipient struct {
	Address string              `yaml:"address"`
	Topics  []yamlstrict.String `yaml:"topics"`
	// Schedule is a cron spec, optionally prefixed CRON_TZ=Area/City.
	Schedule  string `yaml:"schedule"`
	SendEmpty bool   `yaml:"send_empty"`
	// Language is what the digest is written in (i18n; default en).
	Language string         `yaml:"language"`
	Pos      yamlstrict.Pos `yaml:"-"`
}

// Load reads and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse validates config data; path names it in messages and anchors the
// relative paths inside it.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{path: path}
	errs := &yamlstrict.Collector{File: path}
	if err := yamlstrict.Decode(path, data, c); err != nil {
		if yamlstrict.Fatal(err) {
			return nil, err
		}
		errs.Add(err)
	}
	c.applyDefaults()
	c.resolveSecretFiles()
	c.resolveSources(errs)
	c.validate(errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) applyDefaults() {
	if c.Storage == "" {
		c.Storage = DefaultStorage
	}
	if c.Rules == "" {
		c.Rules = DefaultRules
	}
	if c.Retention == 0 {
		c.Retention = 30 * 24 * time.Hour
	}
	if c.KeyRetention == 0 {
		c.KeyRetention = 365 * 24 * time.Hour
	}
	if c.Poll.Interval == 0 {
		c.Poll.Interval = DefaultInterval
	}
	if c.Poll.Workers == 0 {
		c.Poll.Workers = DefaultWorkers
	}
	if c.Poll.Timeout == 0 {
		c.Poll.Timeout = DefaultTimeout
	}
	if c.Poll.PerHost == 0 {
		c.Poll.PerHost = DefaultPerHost
	}
	if c.Poll.Backlog == 0 {
		c.Poll.Backlog = DefaultBacklog
	}
	if c.Stories.FollowUps == "" {
		c.Stories.FollowUps = ingest.FollowUpsQuiet
	}
	if t := c.Telegram; t != nil {
		if t.TokenEnv == "" {
			t.TokenEnv = DefaultTokenEnv
		}
		if t.TimeZone == "" {
			t.TimeZone = "UTC"
		}
		if t.DigestTime == "" {
			t.DigestTime = DefaultDigestTime
		}
	}
	if e := c.Email; e != nil {
		if e.SMTP.PasswordEnv == "" {
			e.SMTP.PasswordEnv = DefaultPasswordEnv
		}
		if e.SMTP.TLS == "" {
			e.SMTP.TLS = "starttls"
		}
		if e.SMTP.Timeout == 0 {
			e.SMTP.Timeout = 30 * time.Second
		}
		if e.SMTP.Port == 0 {
			e.SMTP.Port = map[string]int{"tls": 465, "starttls": 587, "none": 25}[e.SMTP.TLS]
		}
		for i := range e.Recipients {
			if e.Recipients[i].Schedule == "" {
				e.Recipients[i].Schedule = DefaultDigestSchedule
			}
		}
	}
}

// resolveSecretFiles makes token_file and password_file relative to the
// config file's folder, as the other paths of the file are, so that Token
// and Password read the file the user named wherever the process runs.
func (c *Config) resolveSecretFiles() {
	if t := c.Telegram; t != nil && t.TokenFile != "" {
		t.TokenFile = c.Path(t.TokenFile)
	}
	if e := c.Email; e != nil && e.SMTP.PasswordFile != "" {
		e.SMTP.PasswordFile = c.Path(e.SMTP.PasswordFile)
	}
	if e := c.Email; e != nil && e.UnsubscribeSecretFile.Value != "" {
		e.UnsubscribeSecretFile.Value = c.Path(e.UnsubscribeSecretFile.Value)
	}
}

func (c *Config) validate(errs *yamlstrict.Collector) {
	if c.KeyRetention < c.Retention {
		errs.Addf(yamlstrict.Pos{Line: 1, Col: 1}, "key_retention (%s) must be at least retention (%s)", c.KeyRetention, c.Retention)
	}
	if l := c.Metrics.Listen; l != "" {
		if _, _, err := net.SplitHostPort(l); err != nil {
			errs.Addf(yamlstrict.Pos{Line: 1, Col: 1}, "metrics.listen %q: want host:port, e.g. 127.0.0.1:9464", l)
		}
	}
	storiesAt := c.Stories.Pos
	if storiesAt.Line == 0 {
		storiesAt = yamlstrict.Pos{Line: 1, Col: 1}
	}
	if c.Stories.Threshold < 0 || c.Stories.Threshold > 1 {
		errs.Addf(storiesAt, "stories.threshold must be between 0 and 1, not %v", c.Stories.Threshold)
	}
	if c.Stories.SureFrom < 0 || c.Stories.SureFrom > 1 {
		errs.Addf(storiesAt, "stories.sure_from must be between 0 and 1, not %v", c.Stories.SureFrom)
	}
	switch f := c.Stories.FollowUps; f {
	case ingest.FollowUpsQuiet, ingest.FollowUpsThread, ingest.FollowUpsOff:
	default:
		errs.Addf(storiesAt, "stories.follow_ups must be quiet, thread or off, not %q", f)
	}
	if m := c.Stories.Meaning; m != "" && m != "off" && m != "on" && c.Stories.MeaningThreshold() == 0 {
		errs.Addf(storiesAt, "stories.meaning must be on, off or a number above 0 and at most 1, not %q", m)
	}
	if a := c.Stories.AcrossLanguages; a != "" && a != "off" && a != "on" && c.Stories.CrossFrom() == 0 {
		errs.Addf(storiesAt, "stories.across_languages must be on, off or a number above 0 and at most 1, not %q", a)
	}
	if w := c.Stories.CloseWithin; w != "off" && c.Stories.CloseWithinDuration() < 0 {
		errs.Addf(storiesAt, "stories.close_within must be on, off or a duration above zero such as 12h, not %q", w)
	}
	c.validatePoll(errs)
	seen := map[string]bool{}
	for _, f := range c.Feeds {
		u, err := url.Parse(f.URL)
		switch {
		case f.URL == "":
			errs.Addf(f.Pos, "feed has no url, telegram or html")
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			errs.Addf(f.Pos, "feed url %q is not an http or https URL", f.URL)
		case seen[f.URL]:
			errs.Addf(f.Pos, "feed %q is listed twice", f.URL)
		}
		seen[f.URL] = true
		if f.Schedule != "" {
			if _, err := cron.ParseStandard(f.Schedule); err != nil {
				errs.Addf(f.Pos, "feed %s: schedule %q: %v", f.URL, f.Schedule, err)
			}
		}
		if f.Interval > 0 && f.Interval < time.Minute {
			errs.Addf(f.Pos, "feed %s: interval %s is shorter than the 1m minimum", f.URL, f.Interval)
		}
	}
	if t := c.Telegram; t != nil {
		if _, err := time.LoadLocation(t.TimeZone); err != nil {
			errs.Addf(t.Pos, "telegram.timezone %q is not an IANA time zone (e.g. Asia/Almaty)", t.TimeZone)
		}
		if _, err := time.Parse("15:04", t.DigestTime); err != nil {
			errs.Addf(t.Pos, "telegram.digest_time %q: use HH:MM, e.g. 08:00", t.DigestTime)
		}
		l := t.Limits
		limitsAt := cmp.Or(l.Pos, t.Pos)
		notNegative(errs, limitsAt, "telegram.limits.per_group_per_minute", int64(l.PerGroupPerMinute))
		notNegative(errs, limitsAt, "telegram.limits.per_second", int64(l.PerSecond))
		if l.PerGroupPerMinute == 1 {
			// The sender spaces a group's messages by a minute over
			// per_group_per_minute-1: with 1, the second never goes.
			errs.Addf(limitsAt, "telegram.limits.per_group_per_minute must be at least 2 (with 1, a group would get one message and then none)")
		}
		checkLanguage(errs, t.Pos, "telegram.language", t.Language)
		for _, ch := range t.Chats {
			if ch.ID == "" {
				errs.Addf(ch.Pos, "telegram chat has no id")
			}
			if ch.Thread < 0 {
				errs.Addf(ch.Pos, "telegram chat %s: thread must be a forum topic's id (a positive number), not %d", ch.ID, ch.Thread)
			}
			checkLanguage(errs, ch.Pos, "telegram chat "+ch.ID+": language", ch.Language)
		}
	}
	if e := c.Email; e != nil {
		c.validateEmail(errs, e)
	}
}

// validatePoll refuses negative numbers and contradictory backoffs, which
// the poller would otherwise replace with its defaults without a word.
func (c *Config) validatePoll(errs *yamlstrict.Collector) {
	p := c.Poll
	at := p.Pos
	if at.Line == 0 {
		at = yamlstrict.Pos{Line: 1, Col: 1}
	}
	notNegative(errs, at, "poll.workers", int64(p.Workers))
	notNegative(errs, at, "poll.per_host", int64(p.PerHost))
	notNegative(errs, at, "poll.max_body_bytes", p.MaxBodyBytes)
	notNegative(errs, at, "poll.unhealthy_after", int64(p.UnhealthyAfter))
	if p.Interval > 0 && p.Interval < time.Minute {
		errs.Addf(at, "poll.interval %s is shorter than the 1m minimum", p.Interval)
	}
	minB, minNote := p.MinBackoff, ""
	if minB <= 0 {
		minB, minNote = feeds.DefaultTiming.MinBackoff, ", the default"
	}
	maxB, maxNote := p.MaxBackoff, ""
	if maxB <= 0 {
		maxB, maxNote = feeds.DefaultTiming.MaxBackoff, ", the default"
	}
	if minB > maxB {
		errs.Addf(at, "poll.min_backoff (%s%s) is longer than poll.max_backoff (%s%s)", minB, minNote, maxB, maxNote)
	}
}

// notNegative reports a negative v: 0, or leaving the key out, is the
// default.
func notNegative(errs *yamlstrict.Collector, at yamlstrict.Pos, name string, v int64) {
	if v < 0 {
		errs.Addf(at, "%s must not be negative (found %d; leave it out for the default)", name, v)
	}
}

func (c *Config) validateEmail(errs *yamlstrict.Collector, e *Email) {
	if e.SMTP.Host == "" {
		errs.Addf(e.SMTP.Pos, "email.smtp.host is missing")
	}
	if p := e.SMTP.Port; p < 0 || p > 65535 { // 0: tls is wrong, said below
		errs.Addf(e.SMTP.Pos, "email.smtp.port must be between 1 and 65535, not %d", p)
	}
	if e.SMTP.TLS != "starttls" && e.SMTP.TLS != "tls" && e.SMTP.TLS != "none" {
		errs.Addf(e.SMTP.Pos, "email.smtp.tls must be starttls, tls or none, not %q", e.SMTP.TLS)
	}
	if a := e.SMTP.Auth; a != "" && a != "plain" && a != "login" {
		errs.Addf(e.SMTP.Pos, "email.smtp.auth must be plain or login, not %q", a)
	}
	if e.SMTP.CAFile != "" {
		if _, err := os.Stat(c.Path(e.SMTP.CAFile)); err != nil {
			errs.Addf(e.SMTP.Pos, "email.smtp.ca_file: %v", err)
		}
	}
	if _, err := mail.ParseAddress(e.From); err != nil {
		errs.Addf(e.Pos, "email.from %q is not an address: %v", e.From, err)
	}
	for _, r := range e.Recipients {
		if _, err := mail.ParseAddress(r.Address); err != nil {
			errs.Addf(r.Pos, "recipient %q is not an address: %v", r.Address, err)
		}
		if _, err := cron.ParseStandard(r.Schedule); err != nil {
			errs.Addf(r.Pos, "recipient %s: schedule %q: %v", r.Address, r.Schedule, err)
		}
		checkLanguage(errs, r.Pos, "recipient "+r.Address+": language", r.Language)
	}
	validateUnsubscribe(errs, e, c.Metrics.Listen)
}

// checkLanguage: a language, when set, is one newsalert speaks.
func checkLanguage(errs *yamlstrict.Collector, at yamlstrict.Pos, what, lang string) {
	if lang != "" && i18n.Builtin().Pick(lang) == "" {
		errs.Addf(at, "%s %q: newsalert speaks %s", what, lang, strings.Join(i18n.Builtin().Languages(), ", "))
	}
}

// CheckRules reports topics and regions the config names that the rules
// do not define.
func (c *Config) CheckRules(m *rules.Matcher) error {
	errs := &yamlstrict.Collector{File: c.path}
	topicIDs := rules.IDs(m.Topics())
	checkTopics := func(list []yamlstrict.String) {
		for _, t := range list {
			if m.Topic(t.Value) == nil {
				errs.Unknown(t, "topic", topicIDs)
			}
		}
	}
	for _, f := range c.Feeds {
		for _, r := range f.Regions {
			if !m.HasRegion(r.Value) {
				errs.Unknown(r, "region", m.RegionIDs())
			}
		}
	}
	if c.Telegram != nil {
		for _, ch := range c.Telegram.Chats {
			checkTopics(ch.Topics)
		}
	}
	if c.Email != nil {
		for _, r := range c.Email.Recipients {
			checkTopics(r.Topics)
		}
	}
	return errs.Err()
}

// Path resolves p relative to the config file's folder.
func (c *Config) Path(p string) string {
	if filepath.IsAbs(p) || c.path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.path), p)
}

// Strings returns the values of a list of positioned strings.
func Strings(list []yamlstrict.String) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Value
	}
	return out
}
