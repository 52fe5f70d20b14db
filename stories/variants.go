package stories

// spellingVariants are spellings that differ between outlets —
// transliterations of the region's names and terms — and the spelling
// they stand for: "Ramazan" (as Pakistani and Central Asian papers write
// it) is "Ramadan", "ISIL" and "Daesh" are "ISIS", "Киргизия" is
// "Кыргызстан". Inflected forms follow, since the stems are compared.
var spellingVariants = map[string]string{
	"ramazan": "ramadan", "ramzan": "ramadan",
	"isil": "isis", "daesh": "isis",
	"khurasan":  "khorasan",
	"koran":     "quran",
	"taleban":   "taliban",
	"qaida":     "qaeda",
	"toshkent":  "tashkent",
	"kirghizia": "kyrgyzstan", "kirgizia": "kyrgyzstan",
	"tadzhikistan": "tajikistan",
	"киргизия":     "кыргызстан",
	"беларусь":     "белоруссия",
	"даиш":         "игил",
	// One security service's acronyms: Kyrgyzstan's (and Tajikistan's)
	// State Committee for National Security.
	"scns": "gknb", "gnkb": "gknb",
}

// stemVariants is spellingVariants as cut stems.
var stemVariants = func() map[string]string {
	m := make(map[string]string, len(spellingVariants))
	for from, to := range spellingVariants {
		if f, t := stem(from), stem(to); f != t {
			m[f] = t
		}
	}
	return m
}()
