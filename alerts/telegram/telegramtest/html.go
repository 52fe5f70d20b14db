package telegramtest

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
)

// tags Telegram's HTML parse mode accepts.
var tags = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true, "tg-spoiler": true,
	"span": true, "blockquote": true, "tg-emoji": true}

// ParseHTML checks text as Telegram's HTML parse mode does — only its
// tags, each closed in order, only &lt; &gt; &amp; &quot; and numeric
// entities — and returns the text it shows.
func ParseHTML(text string) (string, error) {
	var out strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch text[i] {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			closing := strings.HasPrefix(tag, "/")
			name := strings.ToLower(strings.Fields(strings.TrimPrefix(tag, "/") + " ")[0])
			if !tags[name] {
				return "", fmt.Errorf("unsupported start tag %q at byte offset %d", name, i)
			}
			if closing {
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("unexpected end tag at byte offset %d", i)
				}
				open = open[:len(open)-1]
			} else {
				if name == "a" && !strings.Contains(tag, "href=") {
					return "", errors.New("a tag without href")
				}
				open = append(open, name)
			}
			i += end + 1
		case '&':
			end := strings.IndexByte(text[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("unclosed entity at byte offset %d", i)
			}
			ent := text[i+1 : i+end]
			switch {
			case ent == "lt":
				out.WriteByte('<')
			case ent == "gt":
				out.WriteByte('>')
			case ent == "amp":
				out.WriteByte('&')
			case ent == "quot":
				out.WriteByte('"')
			case strings.HasPrefix(ent, "#"):
				var r rune
				if _, err := fmt.Sscanf(strings.Replace(ent[1:], "x", "0x", 1), "%v", &r); err != nil {
					return "", fmt.Errorf("bad numeric entity %q", ent)
				}
				out.WriteRune(r)
			default:
				return "", fmt.Errorf("unsupported entity %q at byte offset %d", ent, i)
			}
			i += end + 1
		default:
			out.WriteByte(text[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag %q", open[len(open)-1])
	}
	return out.String(), nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
