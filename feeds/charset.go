package feeds

import (
	"bytes"
	"cmp"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// xmlDecl matches an XML declaration; declEncoding its encoding. (One
// pattern with an optional encoding group would match with the group
// empty whenever encoding is not the first attribute.)
var (
	xmlDecl      = regexp.MustCompile(`^\s*<\?xml[^>]*\?>`)
	declEncoding = regexp.MustCompile(`\sencoding\s*=\s*["']([^"']*)["']`)
)

// toUTF8 decodes an XML feed body to UTF-8 and rewrites its declaration to
// say so; it returns the body and the encoding used. The order of the
// clues (BOM, valid UTF-8, damaged UTF-8, declaration, sniffing): docs/feeds.md.
func toUTF8(body []byte, contentType string) ([]byte, string, error) {
	if enc, name, n := bomEncoding(body); enc != nil {
		out, err := enc.NewDecoder().Bytes(body[n:])
		if err != nil {
			return nil, "", fmt.Errorf("decode %s: %w", name, err)
		}
		return withUTF8Decl(out), name, nil
	}
	if utf8.Valid(body) {
		if label := strings.ToLower(declaredEncoding(body)); label == "" || label == "utf-8" || label == "utf8" {
			return body, "utf-8", nil // already says so: no copy
		}
		return withUTF8Decl(body), "utf-8", nil
	}
	if damagedUTF8(body, isUTF8Label(cmp.Or(declaredEncoding(body), headerCharset(contentType)))) {
		return withUTF8Decl(bytes.ToValidUTF8(body, []byte("\uFFFD"))), "utf-8", nil
	}
	for _, label := range []string{declaredEncoding(body), headerCharset(contentType)} {
		enc, name := legacyEncoding(label)
		if enc == nil {
			continue
		}
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, "", fmt.Errorf("decode %s: %w", name, err)
		}
		return withUTF8Decl(out), name, nil
	}
	enc, name := sniffSingleByte(body)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return withUTF8Decl(out), name, nil
}

// damagedUTF8 reports whether a body that is not valid UTF-8 is UTF-8 with
// a few bad bytes rather than text in a single-byte encoding. The measure
// is the share of bad bytes among the non-ASCII characters (a well-formed
// multi-byte sequence counts as one, a bad byte as one). Single-byte text
// scores near 1, because its letters are almost never followed by the
// continuation bytes 0x80–0xBF that UTF-8 needs: 13,113 of 13,114 in the
// windows-1251 fixture, all of them in the KOI8-R and Latin-1 ones. UTF-8
// cut in a place or two scores near 0. A body that declares UTF-8 is
// believed unless more than half are bad; one that does not must have at
// most one in ten.
func damagedUTF8(body []byte, declared bool) bool {
	var chars, bad int
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		chars++
		i += n
	}
	if declared {
		return bad*2 <= chars
	}
	return bad*10 <= chars
}

// isUTF8Label reports whether an encoding label names UTF-8.
func isUTF8Label(label string) bool {
	enc, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil {
		return false
	}
	name, _ := htmlindex.Name(enc)
	return name == "utf-8"
}

func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

func declaredEncoding(body []byte) string {
	head := body[:min(len(body), 1024)]
	decl := xmlDecl.Find(head)
	if m := declEncoding.FindSubmatch(decl); m != nil {
		return string(m[1])
	}
	return ""
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// legacyEncoding returns the encoding a label names, or nil for an unknown
// label and for UTF-8 and UTF-16: a body that is not valid UTF-8 and has no
// byte-order mark is in neither, whatever it claims.
func legacyEncoding(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(strings.ToLower(label))
	if label == "" {
		return nil, ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, ""
	}
	name, _ := htmlindex.Name(enc)
	if name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		return nil, ""
	}
	return enc, name
}

// sniffSingleByte guesses the encoding of a body that is not UTF-8 and
// declares nothing usable. Russian text is mostly lower-case letters: in
// windows-1251 they are the bytes 0xE0–0xFF, in KOI8-R 0xC0–0xDF. When
// bytes above 0xC0 are rare beside ASCII letters, the text is Western.
func sniffSingleByte(body []byte) (encoding.Encoding, string) {
	var low, high, ascii int // 0xC0–0xDF, 0xE0–0xFF, a–z A–Z
	for _, b := range body {
		switch {
		case b >= 0xE0:
			high++
		case b >= 0xC0:
			low++
		case b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z':
			ascii++
		}
	}
	switch {
	case (low+high)*4 < ascii:
		return charmap.Windows1252, "windows-1252"
	case high > low:
		return charmap.Windows1251, "windows-1251"
	default:
		return charmap.KOI8R, "koi8-r"
	}
}

// withUTF8Decl replaces the XML declaration (if any) with one that says
// UTF-8; junk before it is left for repairXML.
func withUTF8Decl(b []byte) []byte {
	loc := xmlDecl.FindIndex(b[:min(len(b), 1024)])
	if loc == nil {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, `<?xml version="1.0" encoding="UTF-8"?>`...)
	return append(out, b[loc[1]:]...)
}
