package stories

import (
	"encoding/binary"
	"errors"
)

// Encode packs a fingerprint's words, title words, names, their kinds,
// places and script for storage (its bands are stored apart, as index
// keys).
func (f Fingerprint) Encode() []byte {
	out := make([]byte, 0, 1+10+4*(len(f.Words)+len(f.Title)+len(f.Entities)+len(f.Places))+len(f.Kinds))
	out = append(out, scriptCode[f.Script])
	for _, list := range [][]uint32{f.Words, f.Title, f.Entities} {
		out = appendList(out, list)
	}
	out = binary.AppendUvarint(out, uint64(len(f.Kinds)))
	for _, k := range f.Kinds {
		out = append(out, byte(k))
	}
	return appendList(out, f.Places)
}

// appendList appends a list of hashes: its length, then each in four bytes.
func appendList(out []byte, list []uint32) []byte {
	out = binary.AppendUvarint(out, uint64(len(list)))
	for _, w := range list {
		out = binary.LittleEndian.AppendUint32(out, w)
	}
	return out
}

// readList reads what appendList wrote, and returns the bytes after it.
func readList(b []byte) ([]uint32, []byte, error) {
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size)/4 < n { // not 4*n, which a damaged count may overflow
		return nil, b, errors.New("stories: truncated fingerprint")
	}
	b = b[size:]
	list := make([]uint32, n)
	for i := range list {
		list[i] = binary.LittleEndian.Uint32(b)
		b = b[4:]
	}
	return list, b, nil
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
		var err error
		if *list, b, err = readList(b); err != nil {
			return f, err
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
	// Fingerprints stored before places were kept end here.
	if b = b[size+int(n):]; len(b) == 0 {
		return f, nil
	}
	var err error
	if f.Places, b, err = readList(b); err == nil && len(b) > 0 {
		err = errors.New("stories: trailing bytes in fingerprint")
	}
	return f, err
}

var (
	scriptCode = map[string]byte{"other": 0, "latin": 1, "cyrillic": 2}
	scriptName = map[byte]string{0: "other", 1: "latin", 2: "cyrillic"}
)
