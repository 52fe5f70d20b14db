package language

import "unicode/utf8"

// letterSet is a set of ASCII and Cyrillic (U+0400–U+04FF) letters, for
// the quick "can this ending be here at all" tests of the hot paths. A
// letter of another block has no key and may be in any set.
type letterSet [6]uint64

// letterKey numbers a letter by its UTF-8 bytes: ASCII 0–127, Cyrillic
// 128–383; -1 for any other.
type letterKey int

func firstLetter[T string | []byte](s T) letterKey {
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		return letterKey(c)
	case c >= 0xD0 && c <= 0xD3 && len(s) > 1:
		return cyrillicKey(c, s[1])
	}
	return -1
}

func lastLetter[T string | []byte](w T) letterKey {
	n := len(w)
	switch c := w[n-1]; {
	case c < utf8.RuneSelf:
		return letterKey(c)
	case n > 1 && w[n-2] >= 0xD0 && w[n-2] <= 0xD3:
		return cyrillicKey(w[n-2], c)
	}
	return -1
}

func cyrillicKey(lead, cont byte) letterKey {
	return utf8.RuneSelf + letterKey(lead&3)<<6 | letterKey(cont&0x3F)
}

func (s *letterSet) add(k letterKey) {
	if k >= 0 {
		s[k/64] |= 1 << (k % 64)
	}
}

func (s *letterSet) mayHave(k letterKey) bool {
	return k < 0 || s[k/64]&(1<<(k%64)) != 0
}
