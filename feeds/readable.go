package feeds

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"
)

// readBytes bounds how much of a feed's text unreadable looks at: enough
// for the shares to mean something, little beside parsing.
const readBytes = 64 << 10

// misreadAs are the encodings UTF-8 is most often misread as.
var misreadAs = []*charmap.Charmap{charmap.Windows1252, charmap.Windows1251, charmap.KOI8R}

var misreadNames = [3]string{"windows-1252", "windows-1251", "koi8-r"}

// misreadBytes[r] is the byte of rune r in each of misreadAs (0 when it has
// none): every character of those encodings is below U+2600.
var misreadBytes = func() *[0x2600][3]byte {
	var t [0x2600][3]byte
	for i, cm := range misreadAs {
		for b := 0x80; b <= 0xFF; b++ {
			if r := cm.DecodeByte(byte(b)); r < 0x2600 && r != utf8.RuneError {
				t[r][i] = byte(b)
			}
		}
	}
	return &t
}()

// textStats is what unreadable counts in a feed's text.
type textStats struct {
	letters, replaced, nonASCII int // replaced: U+FFFD, not counted as non-ASCII
	cyrillic, cyrillicUpper     int
}

// unreadable says what is wrong with a feed's text decoded as enc ("is
// garbled: …", "has no text: …"), or "" when it reads fine: mojibake, many
// U+FFFD, Cyrillic case swapped, or no letters (docs/feeds.md).
func unreadable(feed *gofeed.Feed, enc string) string {
	text := feedText(feed)
	st := countText(text)
	garbled := func(format string, args ...any) string {
		return "is garbled: " + fmt.Sprintf(format, args...) + fmt.Sprintf("; it reads %q", sample(feed))
	}
	for i, n := range misreadCounts(text) {
		if n >= 8 && n*2 > st.nonASCII {
			return garbled("%d%% of its non-ASCII characters are UTF-8 read as %s", percent(n, st.nonASCII), misreadNames[i])
		}
	}
	switch {
	case st.replaced >= 3 && st.replaced*20 > st.letters+st.replaced:
		return garbled("%d%% of its characters are bytes that are not %s (shown as U+FFFD)", percent(st.replaced, st.letters+st.replaced), enc)
	case st.cyrillic >= 100 && st.cyrillicUpper*2 > st.cyrillic:
		return garbled("%d%% of its Cyrillic letters are upper-case (windows-1251 read as KOI8-R, or the reverse?)", percent(st.cyrillicUpper, st.cyrillic))
	case len(feed.Items) > 0 && st.letters == countText(feed.Title).letters:
		return fmt.Sprintf("has no text: not one letter in the titles and summaries of its %d items", len(feed.Items))
	}
	return ""
}

// sample is the first item's title (else the feed's), short and clean.
func sample(feed *gofeed.Feed) string {
	s := feed.Title
	if len(feed.Items) > 0 {
		s = feed.Items[0].Title
	}
	s, _ = shortText(s, 40)
	return s
}

// feedText is the feed's title and its items' titles and summaries, one
// per line, up to about readBytes.
func feedText(feed *gofeed.Feed) string {
	var b strings.Builder
	b.WriteString(feed.Title)
	for _, it := range feed.Items {
		if b.Len() > readBytes {
			break
		}
		b.WriteString("\n" + it.Title + "\n" + htmlText(it.Description, 200))
	}
	return b.String()
}

func countText(s string) textStats {
	var st textStats
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			st.replaced++
			continue
		case r >= utf8.RuneSelf:
			st.nonASCII++
		}
		if !unicode.IsLetter(r) {
			continue
		}
		st.letters++
		if unicode.Is(unicode.Cyrillic, r) {
			st.cyrillic++
			if unicode.IsUpper(r) {
				st.cyrillicUpper++
			}
		}
	}
	return st
}

// misreadCounts reads s back into bytes in each of misreadAs and counts,
// for each, the non-ASCII characters that become parts of multi-byte UTF-8
// sequences (a lead byte and its continuation bytes; the finer limits on
// the second byte are not checked: this is a measure, not a decoder).
func misreadCounts(s string) [3]int {
	var n, want, run [3]int // want: continuation bytes still expected; run: characters so far
	for _, r := range s {
		var bs [3]byte
		if r >= utf8.RuneSelf && r < 0x2600 {
			bs = misreadBytes[r]
		}
		for i, b := range bs {
			if want[i] > 0 && b >= 0x80 && b <= 0xBF {
				run[i]++
				if want[i]--; want[i] == 0 {
					n[i] += run[i]
				}
				continue
			}
			want[i], run[i] = 0, 1
			switch {
			case b >= 0xC2 && b <= 0xDF:
				want[i] = 1
			case b >= 0xE0 && b <= 0xEF:
				want[i] = 2
			case b >= 0xF0 && b <= 0xF4:
				want[i] = 3
			}
		}
	}
	return n
}

func percent(n, of int) int { return n * 100 / max(of, 1) }
