package config

import (
	"strings"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/feeds/tgchannel"
	"github.com/newsalert/newsalert/internal/yamlstrict"
)

// DefaultTelegramPreview is where public channel previews are read.
const DefaultTelegramPreview = "https://t.me"

// HTMLSelect holds the CSS selectors that read items from a page without
// a feed. Item finds each item; the others are looked for inside it. Its
// fields are feeds.Selectors' with their YAML names.
type HTMLSelect struct {
	Item    string `yaml:"item"`
	Title   string `yaml:"title"`
	Link    string `yaml:"link"`
	Date    string `yaml:"date"`
	Summary string `yaml:"summary"`
	// DateLayout is a Go time layout for the date's text; common layouts
	// are tried when it is empty.
	DateLayout string `yaml:"date_layout"`
}

// resolveSources works out each source's kind and the URL that
// identifies it: a Telegram channel is read at <preview>/s/<channel>.
func (c *Config) resolveSources(errs *yamlstrict.Collector) {
	base := strings.TrimRight(c.Poll.TelegramPreview, "/")
	if base == "" {
		base = DefaultTelegramPreview
	}
	for i := range c.Feeds {
		f := &c.Feeds[i]
		if f.Kind != "" {
			continue
		}
		set := 0
		for _, v := range []string{f.URL, f.Telegram, f.HTML} {
			if v != "" {
				set++
			}
		}
		if set > 1 {
			errs.Addf(f.Pos, "feed sets more than one of url, telegram and html: give exactly one")
			continue
		}
		switch {
		case f.Telegram != "":
			ch, err := tgchannel.ChannelName(f.Telegram)
			if err != nil {
				errs.Addf(f.Pos, "feed telegram: %v", err)
				continue
			}
			f.Kind, f.Telegram, f.URL = feeds.KindTelegram, ch, base+"/s/"+ch
		case f.HTML != "":
			f.Kind, f.URL = feeds.KindHTML, f.HTML
			if f.Select == nil || f.Select.Item == "" || f.Select.Title == "" {
				errs.Addf(f.Pos, "feed html %s: select needs at least item and title selectors", f.HTML)
			}
		default:
			f.Kind = feeds.KindFeed
		}
		if f.Select != nil && f.Kind != feeds.KindHTML {
			errs.Addf(f.Pos, "feed %s: select is only for html sources", f.URL)
		}
	}
}

// Source is the poller's view of the feed.
func (f Feed) Source() feeds.Source {
	src := feeds.Source{URL: f.URL, Name: f.Name, Kind: f.Kind, Channel: f.Telegram, Regions: Strings(f.Regions),
		Interval: f.Interval, Schedule: f.Schedule}
	if f.Select != nil {
		src.Select = feeds.Selectors(*f.Select) // the same fields; the compiler checks they stay so
	}
	return src
}
