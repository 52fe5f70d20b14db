package redact

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

type secretStringer struct{ s string }

func (s secretStringer) String() string { return "token is " + s.s }

func TestSecretsNeverReachTheLog(t *testing.T) {
	const token, password = "123456:AAH-secret-token", "hunter2-pw"
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		var base slog.Handler = slog.NewTextHandler(&buf, nil)
		if format == "json" {
			base = slog.NewJSONHandler(&buf, nil)
		}
		log := Logger(slog.New(base), token, password, "")
		u, _ := url.Parse("https://api.telegram.org/bot" + token + "/sendMessage")
		log.Error("send failed for bot"+token, "err", fmt.Errorf("post %s: %w", u, errors.New("timeout")),
			"url", u, "who", secretStringer{token}, "password", password,
			slog.Group("smtp", "auth", "PLAIN "+password, "port", 587))
		log.With("token", token).WithGroup("g").Info("with", "p", password)
		out := buf.String()
		if strings.Contains(out, token) || strings.Contains(out, password) || strings.Contains(out, "AAH-secret") {
			t.Errorf("%s: a secret reached the log:\n%s", format, out)
		}
		if strings.Count(out, Mask) < 8 || !strings.Contains(out, "timeout") || !strings.Contains(out, "587") {
			t.Errorf("%s: redacted too much or too little:\n%s", format, out)
		}
	}
}

func TestNothingToHide(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	if Logger(log, "", "") != log {
		t.Error("a logger without secrets was wrapped")
	}
}
