package language

import "unicode/utf8"

// Detect says which language a folded text is in, from its letters, its
// commonest words and its endings; spans are its words (AppendWords). It
// allocates nothing. A text too short or too mixed to tell is English
// when Latin and Russian when Cyrillic, the languages whose stemmers
// suit loanwords and names best.
func Detect(folded []byte, spans []Span) Lang {
	var score [numLangs]float32
	var c letterCounts
	if len(spans) > maxDetectWords {
		spans = spans[:maxDetectWords] // the title and lead tell; the rest of a long text costs time
	}
	for i, sp := range spans {
		w := folded[sp.Start:sp.End]
		c.add(w)
		if initials(folded, spans, i) {
			continue // К.Б.К.: a name, not the words к and и of Russian
		}
		if langs, ok := frequentWord(w); ok {
			spread(&score, langs, 2)
			continue // a function word says its language; its ending says nothing more
		}
		if langs, ok := endingOf(w); ok {
			spread(&score, langs, 0.5)
		}
		score[Uzbek] += latinUzbekCues(w)
	}
	c.score(&score)
	return decide(&score, c.latin, c.cyrillic)
}

// initials: the i-th word is one letter of a run of three or more
// written one character apart ("К.Б.К., И.А.Б."), as the region's
// outlets name suspects.
func initials(folded []byte, spans []Span, i int) bool {
	letter := func(j int) bool {
		return j >= 0 && j < len(spans) && utf8.RuneCount(folded[spans[j].Start:spans[j].End]) == 1
	}
	adjacent := func(j int) bool { return spans[j+1].OStart == spans[j].OEnd+1 } // j and j+1
	if !letter(i) {
		return false
	}
	run := 1
	for j := i - 1; letter(j) && adjacent(j); j-- {
		run++
	}
	for j := i + 1; letter(j) && adjacent(j-1); j++ {
		run++
	}
	return run >= 3
}

// maxDetectWords is how many of a text's first words Detect reads.
const maxDetectWords = 40

// letterCounts counts the letters that tell the languages apart.
type letterCounts struct {
	latin, cyrillic int
	n               [letterClasses]int
}

// The classes of letters counted apart.
const (
	plainLetter      = iota
	kazakh           // ә ұ һ and the Kazakh Latin letters Turkish lacks: Kazakh alone
	turkishLatin     // ç ğ ı ö ş ü: Kazakh Latin, but also the Turkish and German names of English text
	dotlessI         // і: Kazakh, but also Belarusian and Ukrainian
	kazakhUzbekTajik // ғ қ
	kazakhKyrgyz     // ң ө ү
	uzbekTajik       // ҳ
	uzbek            // ў
	tajik            // ҷ ӣ ӯ
	yery             // ы, which Uzbek and Tajik Cyrillic do not use
	letterClasses
)

// cyrillicClass is the class of each letter U+0400–U+04FF.
var cyrillicClass = func() (t [256]uint8) {
	for class, letters := range map[uint8]string{kazakh: "әұһ", dotlessI: "і", kazakhUzbekTajik: "ғқ",
		kazakhKyrgyz: "ңөү", uzbekTajik: "ҳ", uzbek: "ў", tajik: "ҷӣӯ", yery: "ы"} {
		for _, r := range letters {
			t[r-0x0400] = class
		}
	}
	return t
}()

func (c *letterCounts) add(w []byte) {
	if ascii(w) {
		for _, b := range w {
			if b >= 'a' && b <= 'z' {
				c.latin++
			}
		}
		return
	}
	for i := 0; i < len(w); {
		if i+1 < len(w) && w[i] >= 0xD0 && w[i] <= 0xD3 {
			c.cyrillic++
			c.n[cyrillicClass[cyrillicKey(w[i], w[i+1])-utf8.RuneSelf]]++
			i += 2
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		i += size
		switch r {
		case 'ä', 'ñ', 'ū', 'á', 'ǵ', 'ń', 'ó', 'ú', 'ý': // Kazakh Latin of 2021 and of 2018
			c.n[kazakh]++
			c.latin++
		case 'ç', 'ğ', 'ı', 'ö', 'ş', 'ü':
			c.n[turkishLatin]++
			c.latin++
		default:
			if r >= 'a' && r <= 'z' {
				c.latin++
			}
		}
	}
}

func ascii(w []byte) bool {
	for _, b := range w {
		if b >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (c *letterCounts) score(score *[numLangs]float32) {
	n := func(class int) float32 { return float32(c.n[class]) }
	shared := n(kazakhUzbekTajik)
	if c.n[kazakh]+c.n[dotlessI]+c.n[kazakhKyrgyz] == 0 {
		shared /= 2 // қ ғ without any letter of Kazakh's own are as much Uzbek's: "Афғонистонда … давом этмоқда"
	}
	score[Kazakh] += 3*n(kazakh) + n(turkishLatin) + shared + n(kazakhKyrgyz)
	if c.n[kazakh]+c.n[kazakhUzbekTajik]+c.n[kazakhKyrgyz] > 0 {
		score[Kazakh] += 3 * n(dotlessI) // і beside Kazakh's other letters; alone it is Belarusian or Ukrainian
	}
	uzbekLetters := n(uzbek)
	if c.n[dotlessI] > 0 {
		uzbekLetters = 0 // ў beside і is Belarusian
	}
	if c.n[kazakhKyrgyz] > 0 && c.n[kazakh] == 0 && c.n[kazakhUzbekTajik] == 0 {
		score[Kyrgyz] += 2 + 1.5*n(kazakhKyrgyz) // Kyrgyz has ң ө ү but none of Kazakh's own
	}
	score[Uzbek] += 3*uzbekLetters + n(uzbekTajik) + 0.5*n(kazakhUzbekTajik)
	score[Tajik] += 3*n(tajik) + n(uzbekTajik) + 0.5*n(kazakhUzbekTajik)
	switch {
	case c.cyrillic > 0 && c.n[yery] == 0 && c.n[uzbekTajik]+c.n[uzbek]+c.n[tajik]+c.n[kazakhUzbekTajik] > 0:
		score[Uzbek] += 0.5 // weak, and only beside their letters: a short Russian headline may have no ы either
		score[Tajik] += 0.5
	case c.n[yery] > 0:
		score[Uzbek] -= 1 // Uzbek and Tajik Cyrillic write no ы: "терактынын" is Kyrgyz
		score[Tajik] -= 1
	}
}

func spread(score *[numLangs]float32, s Set, weight float32) {
	for l := Lang(1); l < numLangs; l++ {
		if s.Has(l) {
			score[l] += weight
		}
	}
}

func decide(score *[numLangs]float32, latin, cyrillic int) Lang {
	if latin == 0 && cyrillic == 0 {
		return Unknown
	}
	candidates := []Lang{Russian, Uzbek, Kazakh, Kyrgyz, Tajik}
	best := Russian
	if latin > cyrillic {
		candidates, best = []Lang{English, Uzbek, Kazakh}, English
	}
	for _, l := range candidates {
		if score[l] > score[best] {
			best = l
		}
	}
	return best
}

func latinUzbekCues(w []byte) float32 {
	var cue float32
	for i, c := range w {
		switch {
		case c == '\'' && i > 0 && !englishContraction(w[i+1:]):
			cue = 1
		case c == 'q' && (i+1 == len(w) || w[i+1] != 'u'):
			cue = max(cue, 0.5)
		}
	}
	return cue
}

// englishContraction: what follows an apostrophe ends an English word
// (they've, Jehovah's, gov't, OK'd), not an Uzbek one (o'z, ma'lumot).
func englishContraction(rest []byte) bool {
	switch string(rest) {
	case "s", "t", "ve", "d", "m", "re", "ll":
		return true
	}
	return false
}

// endings: a word ending the way Turkic words do and Russian or English
// ones hardly ever (-лар, -ган, -дагы, -lar) leans the text to the
// languages that use the ending; Russian's own adjective and verb endings
// (-ский, -ую, -ется) lean it to Russian.
var endings = []struct {
	s     string
	langs Set
}{
	{"ский", 1 << Russian}, {"ская", 1 << Russian}, {"ую", 1 << Russian}, {"ого", 1 << Russian},
	{"ому", 1 << Russian}, {"ется", 1 << Russian}, {"ются", 1 << Russian}, {"ться", 1 << Russian},
	{"ение", 1 << Russian}, {"ости", 1 << Russian}, {"ции", 1 << Russian}, {"ных", 1 << Russian},
	{"дагы", 1 << Kyrgyz}, {"деги", 1 << Kyrgyz}, {"нын", 1 << Kyrgyz}, {"нин", 1<<Kyrgyz | 1<<Uzbek},
	{"уу", 1 << Kyrgyz}, {"дын", 1 << Kyrgyz}, {"лары", 1 << Kyrgyz}, {"лери", 1 << Kyrgyz},
	{"ган", 1<<Kyrgyz | 1<<Uzbek}, {"ген", 1<<Kyrgyz | 1<<Kazakh}, {"лар", 1<<Kyrgyz | 1<<Uzbek | 1<<Kazakh},
	{"лер", 1<<Kyrgyz | 1<<Kazakh}, {"дан", 1<<Kyrgyz | 1<<Uzbek | 1<<Kazakh},
	{"ланди", 1 << Uzbek}, {"лари", 1 << Uzbek}, {"нинг", 1 << Uzbek}, {"даги", 1 << Uzbek},
	{"илди", 1<<Uzbek | 1<<Kyrgyz}, {"лди", 1<<Uzbek | 1<<Kyrgyz}, {"лды", 1 << Kyrgyz},
	{"ууда", 1 << Kyrgyz}, {"ышты", 1 << Kyrgyz}, {"тын", 1 << Kyrgyz}, {"рди", 1 << Uzbek}, {"нди", 1 << Uzbek}, {"тда", 1 << Uzbek},
	{"моқда", 1 << Uzbek}, {"лиги", 1 << Uzbek},
	{"ҳо", 1 << Tajik}, {"ро", 1 << Tajik}, {"ҳои", 1 << Tajik}, {"аи", 1 << Tajik},
	{"lar", 1 << Uzbek}, {"gan", 1 << Uzbek}, {"ning", 1 << Uzbek}, {"dagi", 1 << Uzbek}, {"ida", 1 << Uzbek},
	{"lari", 1 << Uzbek}, {"ligi", 1 << Uzbek}, {"moqda", 1 << Uzbek}, {"landi", 1 << Uzbek}, {"lik", 1 << Uzbek},
	{"ildi", 1 << Uzbek}, {"ldi", 1 << Uzbek}, {"rdi", 1 << Uzbek}, {"ndi", 1 << Uzbek}, {"tda", 1 << Uzbek},
	{"nda", 1 << Uzbek}, {"dan", 1 << Uzbek}, {"ni", 1 << Uzbek}, {"ga", 1 << Uzbek}, {"gi", 1 << Uzbek},
}

// endingSets holds the endings by script and length in bytes, so that a
// word's endings are looked up, longest first, instead of compared one by
// one: Latin endings are 2 to 5 bytes, Cyrillic ones 4 to 10.
var endingSets = func() (m [2][11]map[string]Set) {
	for _, e := range endings {
		script := 0
		if e.s[0] >= utf8.RuneSelf {
			script = 1
		}
		if m[script][len(e.s)] == nil {
			m[script][len(e.s)] = map[string]Set{}
		}
		if _, dup := m[script][len(e.s)][e.s]; !dup {
			m[script][len(e.s)][e.s] = e.langs
		}
	}
	return m
}()

// endingLasts are the last letters of the endings.
var endingLasts = func() (s letterSet) {
	for _, e := range endings {
		s.add(lastLetter(e.s))
	}
	return s
}()

// endingOf returns the languages of the longest listed ending of w that
// leaves at least two bytes before it.
func endingOf(w []byte) (Set, bool) {
	if !endingLasts.mayHave(lastLetter(w)) {
		return 0, false
	}
	script, step := 0, 1
	if w[len(w)-1] >= utf8.RuneSelf {
		script, step = 1, 2 // Cyrillic letters are two bytes
	}
	sets := &endingSets[script]
	n := min(len(sets)-1, len(w)-3)
	if step == 2 {
		n &^= 1
	}
	for ; n >= 2; n -= step {
		if m := sets[n]; m != nil {
			if langs, ok := m[string(w[len(w)-n:])]; ok {
				return langs, true
			}
		}
	}
	return 0, false
}

func frequentWord(w []byte) (Set, bool) {
	if len(w) > maxFrequentWord || !frequentFirsts.mayHave(firstLetter(w)) {
		return 0, false
	}
	l, ok := frequentWords[string(w)]
	return l, ok
}

// maxFrequentWord is the longest frequent word's length in bytes, and
// frequentFirsts their first letters.
var maxFrequentWord, frequentFirsts = func() (n int, firsts letterSet) {
	for w := range frequentWords {
		n = max(n, len(w))
		firsts.add(firstLetter(w))
	}
	return n, firsts
}()

// frequentWords are each language's commonest function words, which
// only it uses alike, or it and one other (Kazakh and Kyrgyz деп, Uzbek
// and Tajik ва): such a word speaks for both.
var frequentWords = func() map[string]Set {
	m := map[string]Set{}
	add := func(l Lang, words ...string) {
		for _, w := range words {
			m[w] = m[w].With(l)
		}
	}
	add(English, "the", "of", "and", "to", "in", "is", "for", "on", "that", "with", "was", "by", "from",
		"has", "have", "were", "are", "after", "an", "his", "their", "said", "will")
	add(Russian, "и", "в", "на", "не", "что", "с", "по", "за", "из", "о", "от", "для", "это", "как", "к",
		"был", "была", "были", "его", "также", "после", "при", "который", "которые", "году", "года")
	add(Uzbek, "va", "bilan", "uchun", "bu", "ham", "esa", "deb", "yil", "tomonidan", "bo'yicha", "haqida",
		"yilda", "qilindi", "bo'ldi", "emas", "ва", "билан", "учун", "бу", "ҳам", "эса", "деб", "томонидан",
		"бўйича", "ҳақида", "йилда", "қилинди", "бўлди", "эмас", "ушбу", "деган", "куни", "пайтида", "ushbu", "degan",
		"kuni", "paytida")
	add(Kazakh, "және", "мен", "бұл", "үшін", "деп", "бойынша", "туралы", "жылы", "осы",
		"бар", "жоқ", "болды", "еді", "тиіс", "сондай", "ал")
	add(Kyrgyz, "жана", "менен", "бул", "үчүн", "боюнча", "тууралуу", "жылы", "дагы", "болду", "эле",
		"деп", "анын", "алар", "учурда", "ошондой", "тарабынан", "кийин", "жок", "эки", "болгон", "болот",
		"кечээ", "чек", "бойдон")
	add(Tajik, "ва", "дар", "ба", "аз", "бо", "ки", "ин", "барои", "мебошад", "шуд", "буд", "кард",
		"низ", "ҳамчунин", "шуданд", "карданд", "мегардад", "бар", "зидди", "аст", "мешавад", "шудааст", "гардид")
	return m
}()
