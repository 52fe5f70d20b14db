package feeds

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mmcdole/gofeed"
)

// newParser returns a gofeed parser that skips what newsalert does not
// use: finding an item's image by parsing its HTML, which is a sixth of
// gofeed's time on a feed with rich descriptions.
func newParser() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// Parse decodes a feed body of any encoding and parses it with gofeed. A
// document that fails to parse is repaired leniently (see repairXML) and
// parsed again; only when that fails too is the error returned, saying
// what the body looks like. A feed whose text does not read as text (see
// unreadable) is an error too: its items would match nothing and be
// remembered as seen.
func Parse(body []byte, contentType string) (*gofeed.Feed, error) {
	feed, enc, err := parse(body, contentType)
	if err != nil {
		return nil, limitError(err)
	}
	if why := unreadable(feed, enc); why != "" {
		return nil, limitError(fmt.Errorf("text decoded as %s %s", enc, why))
	}
	return feed, nil
}

// parse is Parse without the check of the text; it returns the encoding
// the body was read in.
func parse(body []byte, contentType string) (*gofeed.Feed, string, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n\xef\xbb\xbf")
	if len(trimmed) == 0 {
		return nil, "", errors.New("the body is empty")
	}
	if trimmed[0] == '{' {
		feed, err := newParser().Parse(bytes.NewReader(trimmed))
		if err != nil {
			return nil, "", fmt.Errorf("invalid JSON feed: %w", err)
		}
		return feed, "utf-8", nil
	}
	utf, enc, err := toUTF8(body, contentType)
	if err != nil {
		return nil, "", err
	}
	feed, err := newParser().Parse(bytes.NewReader(utf))
	if err == nil {
		return feed, enc, nil
	}
	if repaired, rerr := newParser().Parse(bytes.NewReader(repairXML(utf))); rerr == nil {
		return repaired, enc, nil
	}
	return nil, "", describeParseError(err, utf)
}

func describeParseError(err error, body []byte) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return fmt.Errorf("not an RSS, Atom or JSON feed: %s", snippet(body))
	}
	return fmt.Errorf("invalid feed XML, even after repair: %w", err)
}

// snippetRunes is how much of a body that is not a feed an error shows.
const snippetRunes = 80

// snippet says how a body that is not a feed starts: its text without
// markup, cleaned and cut (see shortText), so that a page full of escapes
// or a megabyte line is no more than a hint in errors and logs.
func snippet(b []byte) string {
	s, cut := shortText(string(b[:min(len(b), 64<<10)]), snippetRunes)
	switch {
	case s == "":
		return "the body has no text outside markup"
	case cut:
		return fmt.Sprintf("the body's text starts %q (truncated)", s)
	}
	return fmt.Sprintf("the body's text is %q", s)
}
