package language

// Possible returns the languages a folded word may be written in, by its
// letters: Kazakh ә ұ і һ, Kyrgyz and Kazakh ң ө ү, Tajik ҷ ӣ ӯ, Uzbek ў,
// Uzbek and Tajik ҳ, and so on. A word of plain Russian letters may be
// in any Cyrillic language; one of ASCII letters English or Uzbek.
func Possible(w string) Set {
	const (
		cyrillic = Set(1<<Russian | 1<<Uzbek | 1<<Kazakh | 1<<Kyrgyz | 1<<Tajik)
		latin    = Set(1<<English | 1<<Uzbek)
	)
	set, script := Set(0xff), Set(0)
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z' || r == '\'':
			script |= latin
		case r == 'ы': // Russian, Kazakh and Kyrgyz; Uzbek and Tajik write no ы (Kazakh содыр is not Uzbek sodir)
			set &= 1<<Russian | 1<<Kazakh | 1<<Kyrgyz
			script |= cyrillic
		case r >= 'а' && r <= 'я':
			script |= cyrillic
		default:
			if s, ok := letterLangs[r]; ok {
				set &= s
				if r < 0x0400 {
					script |= Set(1 << Kazakh)
				} else {
					script |= cyrillic
				}
			}
		}
	}
	if script == 0 {
		return 0
	}
	return set & script
}

var letterLangs = map[rune]Set{
	'ә': 1 << Kazakh, 'ұ': 1 << Kazakh, 'і': 1 << Kazakh, 'һ': 1 << Kazakh,
	'ғ': 1<<Kazakh | 1<<Uzbek | 1<<Tajik, 'қ': 1<<Kazakh | 1<<Uzbek | 1<<Tajik,
	'ң': 1<<Kazakh | 1<<Kyrgyz, 'ө': 1<<Kazakh | 1<<Kyrgyz, 'ү': 1<<Kazakh | 1<<Kyrgyz,
	'ҳ': 1<<Uzbek | 1<<Tajik, 'ў': 1 << Uzbek, 'ҷ': 1 << Tajik, 'ӣ': 1 << Tajik, 'ӯ': 1 << Tajik,
	'щ': 1 << Russian, 'ы': 1<<Russian | 1<<Kazakh | 1<<Kyrgyz,
	// Kazakh Latin (2021)
	'ä': 1 << Kazakh, 'ğ': 1 << Kazakh, 'ı': 1 << Kazakh, 'ñ': 1 << Kazakh, 'ö': 1 << Kazakh,
	'ş': 1 << Kazakh, 'ü': 1 << Kazakh, 'ū': 1 << Kazakh, 'ç': 1 << Kazakh,
}
