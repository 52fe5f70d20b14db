package stories

import (
	"encoding/binary"
	"errors"
)

// Encode packs a fingerprint's words, title words, names, their kinds and
// script for storage (its bands are stored apart, as index keys).
func (f Fingerprint) Encode() []byte {
	out := make([]byte, 0, 1+8+4*(len(f.Words)+len(f.Title)+len(f.Entities))+len(f.Kinds))
	out = append(out, scriptCode[f.Script])
	for _, list := range [][]uint32{f.Words, f.Title, f.Entities} {
		out = binary.AppendUvarint(out, uint64(len(list)))
		for _, w := range list {
			out = binary.LittleEndian.AppendUint32(out, w)
		}
	}
	out = binary.AppendUvarint(out, uint64(len(f.Kinds)))
	for _, k := range f.Kinds {
		out = append(out, byte(k))
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
	// Fingerprints stored before kinds were kept end here.
	if len(b) == 0 {
		return f, nil
	}
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size) < n {
		return f, errors.New("stories: truncated fingerprint")
	}
	f.Kinds = make([]EntityKind, n)
	for i, k := range b[size : size+int(n)] {
		f.Kinds[i] = EntityKind(k)
	}
	return f, nil
}

var (
	scriptCode = map[string]byte{"other": 0, "latin": 1, "cyrillic": 2}
	scriptName = map[byte]string{0: "other", 1: "latin", 2: "cyrillic"}
)
