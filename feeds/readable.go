package feeds

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"
)

// readRunes bounds how much of a feed's text unreadable looks at: enough
// for the shares to mean something, little beside parsing.
const readRunes = 64 << 10

// misreadAs are the encodings that UTF-8 is most often misread as; their
// tables (rune → byte) let unreadable read text back into the bytes it was
// decoded from.
var misreadAs = []struct {
	name  string
	bytes map[rune]byte
}{
	{"windows-1252", byteTable(charmap.Windows1252)},
	{"windows-1251", byteTable(charmap.Windows1251)},
	{"koi8-r", byteTable(charmap.KOI8R)},
}

func byteTable(cm *charmap.Charmap) map[rune]byte {
	t := make(map[rune]byte, 128)
	for b := 0x80; b <= 0xFF; b++ {
		if r := cm.DecodeByte(byte(b)); r != utf8.RuneError {
			t[r] = byte(b)
		}
	}
	return t
}

// textStats is what unreadable counts in a feed's text.
type textStats struct {
	letters, replaced, nonASCII int // replaced: U+FFFD, not counted as non-ASCII
	cyrillic, cyrillicUpper     int
}

// unreadable says why a feed's text, decoded as enc, is not text a reader
// could use, or "" when it reads fine. It looks at the feed's title and its
// items' titles and summaries:
//
//   - mojibake: more than half of the non-ASCII characters, read back as
//     bytes in windows-1252, windows-1251 or KOI8-R, form UTF-8 sequences
//     ("Ð¡Ñ‚", "РЎС‚", "п║я┌": UTF-8 decoded as that encoding). Real text
//     in those encodings scores a few per cent at most: "В" before a
//     no-break space is such a pair in windows-1251;
//   - more than one character in twenty is U+FFFD, a byte that was not
//     text in enc;
//   - most Cyrillic letters are upper-case: windows-1251 read as KOI8-R or
//     the reverse swaps the cases (real Russian feeds: 2–7 per cent);
//   - items, but not one letter in their titles and summaries.
func unreadable(feed *gofeed.Feed, enc string) string {
	text := feedText(feed)
	st := countText(text)
	for _, m := range misreadAs {
		if n := utf8Sequences(text, m.bytes); n >= 8 && n*2 > st.nonASCII {
			return fmt.Sprintf("%d%% of its non-ASCII characters are UTF-8 read as %s", percent(n, st.nonASCII), m.name)
		}
	}
	switch {
	case st.replaced >= 3 && st.replaced*20 > st.letters+st.replaced:
		return fmt.Sprintf("%d%% of its characters are bytes that are not %s (shown as U+FFFD)", percent(st.replaced, st.letters+st.replaced), enc)
	case st.cyrillic >= 100 && st.cyrillicUpper*2 > st.cyrillic:
		return fmt.Sprintf("%d%% of its Cyrillic letters are upper-case (windows-1251 read as KOI8-R, or the reverse?)", percent(st.cyrillicUpper, st.cyrillic))
	case len(feed.Items) > 0 && st.letters == 0:
		return fmt.Sprintf("not one letter in the titles and summaries of its %d items", len(feed.Items))
	}
	return ""
}

// feedText is the feed's title and its items' titles and summaries, one
// per line, up to about readRunes.
func feedText(feed *gofeed.Feed) string {
	var b strings.Builder
	b.WriteString(feed.Title)
	for _, it := range feed.Items {
		if b.Len() > 4*readRunes {
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

// utf8Sequences reads s back into bytes with table (a character it lacks
// breaks the bytes) and counts the non-ASCII characters that become parts
// of multi-byte UTF-8 sequences.
func utf8Sequences(s string, table map[rune]byte) int {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch c, ok := table[r]; {
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case ok:
			b = append(b, c)
		default:
			b = append(b, 0)
		}
	}
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if size > 1 && r != utf8.RuneError {
			n += size
		}
		i += size
	}
	return n
}

func percent(n, of int) int { return n * 100 / max(of, 1) }
