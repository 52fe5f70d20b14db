package feeds

import (
	"bytes"
	"regexp"
)

var (
	rootStart      = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>]`)
	declaredPrefix = regexp.MustCompile(`xmlns:([A-Za-z_][\w.-]*)\s*=`)
	tagPattern     = regexp.MustCompile(`<[^<>!?][^<>]*>`)
	prefixedName   = regexp.MustCompile(`(^</?|\s)([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)`)
	unquotedValue  = regexp.MustCompile(`(\s[A-Za-z_][\w.:-]*\s*=\s*)([^\s"'<>/=][^\s"'<>]*)`)
	cdataSection   = regexp.MustCompile(`(?s)<!\[CDATA\[.*?\]\]>`)
)

// repairXML makes a malformed feed parseable the way a tolerant reader
// would, for a second attempt after a strict parse failed. Outside CDATA
// sections it drops whatever comes before the root element (comments, a
// broken declaration), strips namespace prefixes that are never declared
// (rss:title → title), quotes unquoted attribute values and escapes a
// bare "&".
func repairXML(b []byte) []byte {
	if loc := rootStart.FindIndex(b); loc != nil {
		b = b[loc[0]:]
	}
	declared := map[string]bool{"xml": true, "xmlns": true}
	for _, m := range declaredPrefix.FindAllSubmatch(b, -1) {
		declared[string(m[1])] = true
	}
	var out bytes.Buffer
	out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	last := 0
	for _, loc := range cdataSection.FindAllIndex(b, -1) {
		out.Write(repairMarkup(b[last:loc[0]], declared))
		out.Write(b[loc[0]:loc[1]])
		last = loc[1]
	}
	out.Write(repairMarkup(b[last:], declared))
	return out.Bytes()
}

func repairMarkup(b []byte, declared map[string]bool) []byte {
	b = tagPattern.ReplaceAllFunc(b, func(tag []byte) []byte {
		end := []byte(">")
		if bytes.HasSuffix(tag, []byte("/>")) {
			tag, end = tag[:len(tag)-2], []byte("/>") // href=x/> means href="x" />
		} else {
			tag = tag[:len(tag)-1]
		}
		tag = prefixedName.ReplaceAllFunc(tag, func(m []byte) []byte {
			parts := prefixedName.FindSubmatch(m)
			if declared[string(parts[2])] {
				return m
			}
			return append(append([]byte{}, parts[1]...), parts[3]...)
		})
		tag = unquotedValue.ReplaceAll(tag, []byte(`$1"$2"`))
		return append(tag, end...)
	})
	return escapeBareAmpersands(b)
}

// escapeBareAmpersands turns an "&" that starts no entity into "&amp;".
func escapeBareAmpersands(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		if b[i] == '&' && !startsEntity(b[i+1:]) {
			out = append(out, "&amp;"...)
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func startsEntity(b []byte) bool {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end <= 0 {
		return false
	}
	name := b[:end]
	if name[0] == '#' {
		name = name[1:]
		if len(name) > 0 && (name[0] == 'x' || name[0] == 'X') {
			name = name[1:]
		}
	}
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
