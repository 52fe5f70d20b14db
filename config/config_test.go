package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/stories"
)

func TestExampleConfigIsValid(t *testing.T) {
	c, err := Load("../newsalert.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := rules.Load(c.Path(c.Rules))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckRules(m); err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) < 5 || c.Telegram == nil || len(c.Telegram.Chats) == 0 || c.Email == nil || len(c.Email.Recipients) == 0 {
		t.Errorf("example config lacks sections: %+v", c)
	}
	if c.Telegram.TokenEnv != "NEWSALERT_TELEGRAM_TOKEN" || c.Email.SMTP.PasswordEnv != "NEWSALERT_SMTP_PASSWORD" {
		t.Errorf("secret variables = %q, %q", c.Telegram.TokenEnv, c.Email.SMTP.PasswordEnv)
	}
	if c.Poll.Interval != 15*time.Minute || c.Path(c.Storage) != filepath.Join("..", "newsalert.db") {
		t.Errorf("poll interval %v, storage %s", c.Poll.Interval, c.Path(c.Storage))
	}
	if c.Stories.Window != 48*time.Hour || c.Stories.Threshold != 0.12 || c.Stories.MeaningThreshold() != 0 {
		t.Errorf("stories = %+v; want the window 48h, the threshold 0.12 and the meaning off the example sets", c.Stories)
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse("c.yaml", []byte("feeds:\n  - url: https://24.kg/rss/\ntelegram:\n  chats: [{id: 1}]\nemail:\n  smtp: {host: mail, tls: tls}\n  from: a@b.c\n  recipients: [{address: x@y.z}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Storage != DefaultStorage || c.Rules != DefaultRules || c.Poll.Workers != DefaultWorkers || c.Poll.Timeout != DefaultTimeout {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.Telegram.TokenEnv != DefaultTokenEnv || c.Email.SMTP.Port != 465 || c.Email.Recipients[0].Schedule != DefaultDigestSchedule {
		t.Errorf("section defaults not applied: %+v %+v", c.Telegram, c.Email)
	}
	if c.Telegram.Chats[0].ID != "1" {
		t.Errorf("numeric chat id = %q", c.Telegram.Chats[0].ID)
	}
}

func TestCloseWithin(t *testing.T) {
	for yaml, want := range map[string]time.Duration{
		"":                                0,
		"stories:\n  close_within: on\n":  0,
		"stories:\n  close_within: off\n": -1,
		"stories:\n  close_within: 6h\n":  6 * time.Hour,
	} {
		c, err := Parse("c.yaml", []byte("storage: x.db\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Stories.CloseWithinDuration(); got != want {
			t.Errorf("%q: close within %v, want %v", yaml, got, want)
		}
	}
}

func TestMeaningThreshold(t *testing.T) {
	for yaml, want := range map[string]float64{
		"":                            0,
		"stories:\n  meaning: on\n":   stories.DefaultMeaningThreshold,
		"stories:\n  meaning: off\n":  0,
		"stories:\n  meaning: 0.85\n": 0.85,
	} {
		c, err := Parse("c.yaml", []byte("storage: x.db\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Stories.MeaningThreshold(); got != want {
			t.Errorf("%q: meaning threshold %v, want %v", yaml, got, want)
		}
	}
}

func TestFollowUps(t *testing.T) {
	for yaml, want := range map[string]struct {
		on   bool
		mode string
	}{
		"":                                 {true, ingest.FollowUpsQuiet},
		"stories:\n  follow_ups: quiet\n":  {true, ingest.FollowUpsQuiet},
		"stories:\n  follow_ups: thread\n": {true, ingest.FollowUpsThread},
		"stories:\n  follow_ups: off\n":    {false, ingest.FollowUpsOff},
	} {
		c, err := Parse("c.yaml", []byte("storage: x.db\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		if on, mode := c.Stories.FollowUpsOn(), c.Stories.FollowUps; on != want.on || mode != want.mode {
			t.Errorf("%q: follow-ups on %v, %q; want %v, %q", yaml, on, mode, want.on, want.mode)
		}
	}
	_, err := Parse("c.yaml", []byte("stories:\n  follow_ups: quietly\n"))
	if want := `c.yaml:2:3: stories.follow_ups must be quiet, thread or off, not "quietly"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("follow_ups: quietly gave %v; want %s", err, want)
	}
}

// TestSureFrom: every join is sure (sure_from 0) unless sure_from says
// otherwise.
func TestSureFrom(t *testing.T) {
	for yaml, want := range map[string]float64{
		"":                             0,
		"stories:\n  sure_from: 0.3\n": 0.3,
	} {
		c, err := Parse("c.yaml", []byte("storage: x.db\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		if c.Stories.SureFrom != want {
			t.Errorf("%q: sure_from %v, want %v", yaml, c.Stories.SureFrom, want)
		}
	}
}

// TestAcrossLanguages: joining across languages is on by default at the
// measured score, off when asked, or at the score given.
func TestAcrossLanguages(t *testing.T) {
	for yaml, want := range map[string]float64{
		"": 0, "stories:\n  across_languages: on\n": 0, "stories:\n  across_languages: off\n": -1,
		"stories:\n  across_languages: 0.7\n": 0.7,
	} {
		c, err := Parse("c.yaml", []byte("storage: x.db\n"+yaml))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Stories.CrossFrom(); got != want {
			t.Errorf("%q: cross from %v, want %v", yaml, got, want)
		}
	}
}

func TestConfigProblems(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"feeds:\n  - url: ftp://x/\n", `c.yaml:2:5: feed url "ftp://x/" is not an http or https URL`},
		{"feeds:\n  - url: http://a/\n  - url: http://a/\n", `c.yaml:3:5: feed "http://a/" is listed twice`},
		{"feeds:\n  - url: http://a/\n    schedule: every day\n", `schedule "every day"`},
		{"feeds:\n  - url: http://a/\n    interval: soon\n", `c.yaml:3:15: feeds[0].interval: "soon" is not a duration`},
		{"feeds:\n  - url: http://a/\n    interval: 10s\n", "shorter than the 1m minimum"},
		{"poll:\n  workers: many\n", `c.yaml:2:12: poll.workers: expected a whole number, found "many"`},
		{"telegram:\n  chats:\n    - name: x\n", "c.yaml:3:7: telegram chat has no id"},
		{"telegram:\n  chats:\n    - id: \"-100123\"\n      thread: -4\n", "c.yaml:3:7: telegram chat -100123: thread must be a forum topic's id (a positive number), not -4"},
		{"telegram:\n  chats:\n    - id: \"-100123\"\n      thread: general\n", `c.yaml:4:15: telegram.chats[0].thread: expected a whole number, found "general"`},
		{"telegram:\n  tokn: x\n", `unknown key "tokn" in telegram (did you mean "token_env"?)`},
		{"email:\n  smtp: {host: h, tls: ssl}\n  from: a@b.c\n", `email.smtp.tls must be starttls, tls or none, not "ssl"`},
		{"email:\n  smtp: {host: h}\n  from: nobody\n", `email.from "nobody" is not an address`},
		{"email:\n  smtp: {host: h}\n  from: a@b.c\n  recipients:\n    - address: x@y.z\n      schedule: \"CRON_TZ=Nowhere/City 0 8 * * *\"\n", `recipient x@y.z: schedule`},
		{"email:\n  smtp: {host: h}\n  from: a@b.c\n  recipients:\n    - address: x@y.z\n      language: klingon\n", `c.yaml:5:7: recipient x@y.z: language "klingon": newsalert speaks en, ru`},
		{"telegram:\n  language: fr\n", `c.yaml:2:3: telegram.language "fr": newsalert speaks en, ru`},
		{"telegram:\n  chats:\n    - id: \"1\"\n      language: de\n", `c.yaml:3:7: telegram chat 1: language "de"`},
		{"telegram:\n  disable_link_preview: yes\n", `expected true or false, found "yes"`},
		{"stories:\n  meaning: high\n", `c.yaml:2:3: stories.meaning must be on, off or a number above 0 and at most 1, not "high"`},
		{"poll:\n  workers: 2\nstories:\n  threshold: 2\n", `c.yaml:4:3: stories.threshold must be between 0 and 1, not 2`},
		{"stories:\n  meaning: 1.5\n", `stories.meaning must be on, off or a number above 0 and at most 1, not "1.5"`},
		{"stories:\n  sure_from: -0.2\n", `c.yaml:2:3: stories.sure_from must be between 0 and 1, not -0.2`},
		{"stories:\n  across_languages: often\n", `c.yaml:2:3: stories.across_languages must be on, off or a number above 0 and at most 1, not "often"`},
		{"stories:\n  close_within: soon\n", `c.yaml:2:3: stories.close_within must be on, off or a duration above zero such as 12h, not "soon"`},
		{"stories:\n  close_within: -2h\n", `stories.close_within must be on, off or a duration above zero`},
	}
	for _, tt := range tests {
		_, err := Parse("c.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v\nwant it to contain %q", tt.yaml, err, tt.want)
		}
	}
}

func TestCheckRulesNamesUnknownTopicsAndRegions(t *testing.T) {
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    any: [ISKP]\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("c.yaml", []byte("feeds:\n  - url: http://a/\n    regions: [tajikstan]\ntelegram:\n  chats:\n    - id: 1\n      topics: [iskpp]\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.CheckRules(m)
	for _, want := range []string{`c.yaml:3:15: unknown region "tajikstan" (did you mean "tajikistan"?)`, `c.yaml:7:16: unknown topic "iskpp" (did you mean "iskp"?)`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v\nwant %q", err, want)
		}
	}
}

func TestSecretsFromEnvOrFile(t *testing.T) {
	tg := &Telegram{TokenEnv: "NEWSALERT_TEST_TOKEN"}
	if _, err := tg.Token(); err == nil || !strings.Contains(err.Error(), "NEWSALERT_TEST_TOKEN") {
		t.Errorf("missing token: err = %v", err)
	}
	t.Setenv("NEWSALERT_TEST_TOKEN", " 1:abc \n")
	if tok, err := tg.Token(); err != nil || tok != "1:abc" {
		t.Errorf("token from env = %q, %v", tok, err)
	}
	file := filepath.Join(t.TempDir(), "token")
	os.WriteFile(file, []byte("2:fromfile\n"), 0o600)
	tg.TokenFile = file
	if tok, err := tg.Token(); err != nil || tok != "2:fromfile" {
		t.Errorf("token from file = %q, %v", tok, err)
	}
	os.WriteFile(file, []byte("  \n"), 0o600)
	if _, err := tg.Token(); err == nil || strings.Contains(err.Error(), "fromfile") {
		t.Errorf("empty token file: err = %v", err)
	}
	s := &SMTP{}
	if pw, err := s.Password(); err != nil || pw != "" {
		t.Errorf("no username means no password: %q, %v", pw, err)
	}
}

func TestAppendFeedKeepsCommentsAndValidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsalert.yaml")
	orig := "# my feeds\nstorage: x.db\nfeeds:\n  - url: https://24.kg/rss/ # Kyrgyz news\n"
	os.WriteFile(path, []byte(orig), 0o640)
	err := AppendFeed(path, Feed{URL: "https://kun.uz/news/rss", Name: "Kun.uz", Regions: []yamlstrict.String{{Value: "uzbekistan"}}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) != 2 || c.Feeds[1].URL != "https://kun.uz/news/rss" || c.Feeds[1].Name != "Kun.uz" || c.Feeds[1].Regions[0].Value != "uzbekistan" {
		t.Errorf("feeds = %+v", c.Feeds)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "# my feeds") || !strings.Contains(string(data), "# Kyrgyz news") {
		t.Errorf("comments lost:\n%s", data)
	}
	if bak, _ := os.ReadFile(path + ".bak"); string(bak) != orig {
		t.Errorf("backup = %q", bak)
	}
	if err := AppendFeed(path, Feed{URL: "https://24.kg/rss/"}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("duplicate feed: err = %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Error("a rejected edit changed the file")
	}
}

// TestSecretFilesRelativeToConfig: token_file and password_file are read
// beside the config file, as docs/configuration.md says, wherever the process runs.
func TestSecretFilesRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bot.token"), []byte("3:beside\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "smtp.password"), []byte("pw-beside\n"), 0o600)
	abs := filepath.Join(t.TempDir(), "abs.token")
	os.WriteFile(abs, []byte("4:absolute\n"), 0o600)
	path := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(path, []byte("telegram:\n  token_file: bot.token\nemail:\n  smtp: {host: mail, username: u, password_file: smtp.password}\n  from: a@b.c\n"), 0o600)
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "bot.token"), []byte("5:wrong-folder\n"), 0o600)
	t.Chdir(elsewhere)

	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := c.Telegram.Token(); err != nil || tok != "3:beside" {
		t.Errorf("token_file: bot.token, config in %s, cwd %s: token %q, %v; want the file beside the config", dir, elsewhere, tok, err)
	}
	if pw, err := c.Email.SMTP.Password(); err != nil || pw != "pw-beside" {
		t.Errorf("password_file: smtp.password: password %q, %v; want the file beside the config", pw, err)
	}

	os.WriteFile(path, []byte("telegram:\n  token_file: "+abs+"\n"), 0o600)
	if c, err = Load(path); err != nil {
		t.Fatal(err)
	}
	if tok, err := c.Telegram.Token(); err != nil || tok != "4:absolute" {
		t.Errorf("absolute token_file: token %q, %v", tok, err)
	}

	os.WriteFile(path, []byte("telegram:\n  token_file: missing.token\n"), 0o600)
	if c, err = Load(path); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Telegram.Token(); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "missing.token")) {
		t.Errorf("missing token file: err = %v; want it to name %s", err, filepath.Join(dir, "missing.token"))
	}
}

// TestNumbersOutOfRange: a negative number, or two that contradict each
// other, is an error naming the field and where its section is, not a
// value the daemon later replaces without a word.
func TestNumbersOutOfRange(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"poll:\n  workers: -3\n", `c.yaml:2:3: poll.workers must not be negative (found -3`},
		{"poll:\n  per_host: -1\n", `c.yaml:2:3: poll.per_host must not be negative (found -1`},
		{"poll:\n  max_body_bytes: -1\n", `c.yaml:2:3: poll.max_body_bytes must not be negative (found -1`},
		{"poll:\n  unhealthy_after: -2\n", `c.yaml:2:3: poll.unhealthy_after must not be negative (found -2`},
		{"storage: x.db\npoll:\n  workers: 4\n  min_backoff: 2h\n  max_backoff: 1h\n", `c.yaml:3:3: poll.min_backoff (2h0m0s) is longer than poll.max_backoff (1h0m0s)`},
		{"poll:\n  min_backoff: 7h\n", `c.yaml:2:3: poll.min_backoff (7h0m0s) is longer than poll.max_backoff (6h0m0s, the default)`},
		{"poll:\n  max_backoff: 30s\n", `c.yaml:2:3: poll.min_backoff (1m0s, the default) is longer than poll.max_backoff (30s)`},
		{"poll:\n  interval: 10s\n", `c.yaml:2:3: poll.interval 10s is shorter than the 1m minimum`},
		{"poll:\n  timeout: -5s\n", `c.yaml:2:12: poll.timeout: "-5s" must not be negative`},
		{"poll:\n  interval: -15m\n", `c.yaml:2:13: poll.interval: "-15m" must not be negative`},
		{"poll:\n  backlog: -1h\n", `c.yaml:2:12: poll.backlog: "-1h" must not be negative`},
		{"retention: -1h\n", `c.yaml:1:12: retention: "-1h" must not be negative`},
		{"key_retention: -1h\n", `c.yaml:1:16: key_retention: "-1h" must not be negative`},
		{"stories:\n  window: -48h\n", `c.yaml:2:11: stories.window: "-48h" must not be negative`},
		{"feeds:\n  - url: http://a/\n    interval: -1m\n", `c.yaml:3:15: feeds[0].interval: "-1m" must not be negative`},
		{"telegram:\n  limits:\n    per_chat: -1s\n", `c.yaml:3:15: telegram.limits.per_chat: "-1s" must not be negative`},
		{"telegram:\n  limits:\n    per_second: -1\n", `c.yaml:3:5: telegram.limits.per_second must not be negative (found -1`},
		{"telegram:\n  limits:\n    per_group_per_minute: -1\n", `c.yaml:3:5: telegram.limits.per_group_per_minute must not be negative (found -1`},
		{"telegram:\n  limits:\n    per_group_per_minute: 1\n", `c.yaml:3:5: telegram.limits.per_group_per_minute must be at least 2`},
		{"email:\n  smtp: {host: h, port: 70000}\n  from: a@b.c\n", `c.yaml:2:9: email.smtp.port must be between 1 and 65535, not 70000`},
		{"email:\n  smtp: {host: h, port: -25}\n  from: a@b.c\n", `c.yaml:2:9: email.smtp.port must be between 1 and 65535, not -25`},
		{"email:\n  smtp:\n    host: h\n    timeout: -30s\n  from: a@b.c\n", `c.yaml:4:14: email.smtp.timeout: "-30s" must not be negative`},
	}
	for _, tt := range tests {
		_, err := Parse("c.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v\nwant it to contain %q", tt.yaml, err, tt.want)
		}
	}
	for _, ok := range []string{
		"poll:\n  min_backoff: 5m\n  max_backoff: 5m\n  interval: 1m\n",
		"telegram:\n  limits: {per_group_per_minute: 2, per_second: 1}\n",
		"email:\n  smtp: {host: h, port: 1}\n  from: a@b.c\n",
		"email:\n  smtp: {host: h, port: 65535}\n  from: a@b.c\n",
	} {
		if _, err := Parse("c.yaml", []byte(ok)); err != nil {
			t.Errorf("Parse(%q): %v", ok, err)
		}
	}
}

// TestFraction: stories.meaning and across_languages take a score in
// (0, 1]; anything else reads as 0, for validate to report.
func TestFraction(t *testing.T) {
	for s, want := range map[string]float64{"0.85": 0.85, "1": 1, "0": 0, "1.5": 0, "-0.2": 0, "high": 0} {
		if got := fraction(s); got != want {
			t.Errorf("fraction(%q) = %v, want %v", s, got, want)
		}
	}
}
