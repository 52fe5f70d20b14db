package stories

import (
	"encoding/binary"
	"errors"
)

// Encode packs a fingerprint's words, title words, names, their kinds,
// places, script, language, evidence and days for storage (its bands are
// stored apart, as index keys).
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
	out = appendList(out, f.Places)
	if f.Lang == "" && len(f.Evidence) == 0 && len(f.Days) == 0 {
		return out
	}
	out = binary.AppendUvarint(out, uint64(len(f.Lang)))
	out = append(out, f.Lang...)
	out = appendList(out, f.Evidence)
	for _, k := range f.EvKinds {
		out = append(out, byte(k))
	}
	if len(f.Days) == 0 {
		return out
	}
	out = binary.AppendUvarint(out, uint64(len(f.Days)))
	for _, d := range f.Days {
		out = binary.LittleEndian.AppendUint16(out, d)
	}
	return out
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
	if f.Places, b, err = readList(b); err != nil || len(b) == 0 {
		return f, err // stored before evidence was kept: ends here
	}
	return f, decodeEvidence(&f, b)
}

// decodeEvidence reads the language and evidence that end a fingerprint,
// and its days after them.
func decodeEvidence(f *Fingerprint, b []byte) error {
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size) < n {
		return errors.New("stories: truncated fingerprint")
	}
	f.Lang = string(b[size : size+int(n)])
	var err error
	if f.Evidence, b, err = readList(b[size+int(n):]); err != nil {
		return err
	}
	if len(b) < len(f.Evidence) {
		return errors.New("stories: evidence kinds do not match")
	}
	f.EvKinds = make([]EvidenceKind, len(f.Evidence))
	for i, k := range b[:len(f.Evidence)] {
		if k == 0 || k > byte(EvAbroad) {
			return errors.New("stories: unknown evidence kind")
		}
		f.EvKinds[i] = EvidenceKind(k)
	}
	return decodeDays(f, b[len(f.Evidence):])
}

// decodeDays reads the days that end a fingerprint stored since they
// were kept (none before).
func decodeDays(f *Fingerprint, b []byte) error {
	if len(b) == 0 {
		return nil
	}
	n, size := binary.Uvarint(b)
	if rest := len(b) - size; size <= 0 || rest%2 != 0 || uint64(rest/2) != n {
		return errors.New("stories: days do not match")
	}
	f.Days = make([]uint16, n)
	for i := range f.Days {
		f.Days[i] = binary.LittleEndian.Uint16(b[size+2*i:])
	}
	return nil
}

var (
	scriptCode = map[string]byte{"other": 0, "latin": 1, "cyrillic": 2}
	scriptName = map[byte]string{0: "other", 1: "latin", 2: "cyrillic"}
)
