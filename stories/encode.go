package stories

import (
	"encoding/binary"
	"errors"
)

// Encode packs a fingerprint's words, title words, names and script for
// storage (its bands are stored apart, as index keys).
func (f Fingerprint) Encode() []byte {
	out := make([]byte, 0, 1+6+4*(len(f.Words)+len(f.Title)+len(f.Entities)))
	out = append(out, scriptCode[f.Script])
	for _, list := range [][]uint32{f.Words, f.Title, f.Entities} {
		out = binary.AppendUvarint(out, uint64(len(list)))
		for _, w := range list {
			out = binary.LittleEndian.AppendUint32(out, w)
		}
	}
	return out
}

// Decode unpacks what Encode packed.
func Decode(b []byte) (Fingerprint, error) {
	var f Fingerprint
	if len(b) == 0 {
		return f, errors.New("stories: empty fingerprint")
	}
	f.Script = scriptName[b[0]]
	b = b[1:]
	for _, list := range []*[]uint32{&f.Words, &f.Title, &f.Entities} {
		n, size := binary.Uvarint(b)
		if size <= 0 || uint64(len(b)-size) < 4*n {
			return f, errors.New("stories: truncated fingerprint")
		}
		b = b[size:]
		*list = make([]uint32, n)
		for i := range *list {
			(*list)[i] = binary.LittleEndian.Uint32(b)
			b = b[4:]
		}
	}
	return f, nil
}

var (
	scriptCode = map[string]byte{"other": 0, "latin": 1, "cyrillic": 2}
	scriptName = map[byte]string{0: "other", 1: "latin", 2: "cyrillic"}
)
