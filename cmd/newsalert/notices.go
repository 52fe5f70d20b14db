package main

import (
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
)

// newAdminNotices tells telegram.admins of the config in use, in its
// telegram.language, of failed reloads and a refused mail login; nil
// (telling nobody) without a Telegram sender.
func newAdminNotices(st alerts.NoticeStore, live *atomic.Pointer[config.Config], telegram bool, kick func(),
	now func() time.Time, log *slog.Logger) *alerts.AdminNotices {
	if !telegram {
		return nil
	}
	admins := func() []int64 {
		if t := live.Load().Telegram; t != nil {
			return t.Admins
		}
		return nil
	}
	lang := func() string {
		if t := live.Load().Telegram; t != nil {
			return t.Language
		}
		return ""
	}
	return alerts.NewAdminNotices(st, admins, lang, kick, now, log)
}
