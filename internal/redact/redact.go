// Package redact keeps secrets out of logs: a slog.Handler that replaces
// each secret wherever it appears in a record — message, attribute values,
// errors, groups — before the record is written.
package redact

import (
	"context"
	"log/slog"
	"strings"
)

// Mask is what a secret is replaced with.
const Mask = "[REDACTED]"

// Handler wraps another handler and redacts secrets from every record.
type Handler struct {
	next     slog.Handler
	replacer *strings.Replacer
}

// NewHandler returns next with secrets redacted; empty secrets are ignored.
func NewHandler(next slog.Handler, secrets ...string) *Handler {
	var pairs []string
	for _, s := range secrets {
		if s != "" {
			pairs = append(pairs, s, Mask)
		}
	}
	return &Handler{next: next, replacer: strings.NewReplacer(pairs...)}
}

// Logger returns log with secrets redacted (log itself when every secret
// is empty: there is nothing to hide).
func Logger(log *slog.Logger, secrets ...string) *slog.Logger {
	for _, s := range secrets {
		if s != "" {
			return slog.New(NewHandler(log.Handler(), secrets...))
		}
	}
	return log
}

// Enabled reports whether the wrapped handler handles level.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

// Handle redacts the record and passes it on.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.replacer.Replace(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts the attributes and returns a handler with them.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &Handler{next: h.next.WithAttrs(clean), replacer: h.replacer}
}

// WithGroup returns a handler that puts attributes in group name.
func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{next: h.next.WithGroup(name), replacer: h.replacer}
}

func (h *Handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.replacer.Replace(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.attr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		// Errors, Stringers and the rest are written as text: redact that.
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.replacer.Replace(err.Error()))
		}
		if s, ok := v.Any().(interface{ String() string }); ok {
			return slog.String(a.Key, h.replacer.Replace(s.String()))
		}
		return slog.String(a.Key, h.replacer.Replace(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
