package language

// The inflectional suffixes the analysers strip, in layers from the end of
// a word inwards. A suffix may carry a condition on what it follows: +
// a vowel, - a consonant, ~ the vowel of a third-person possessive (ы, і,
// и, у, ү: шекарасында, not Баткенде). Only third-person possessives are
// listed: news is written in the third person, and the first and second
// (-м, -ң) would cut roots (ислам). A ! marks a finite verbal ending, which
// no nominal suffix follows. Derivational suffixes (Uzbek -chi,
// -lik; Kazakh -шы, -лық) are kept: they make other words. Sources of the
// inventories: docs/languages.md.

// nounLayers is how many layers, counted from the outermost, are nominal:
// the ones a place name may carry (Toshkentdagi, Баткендин).
const nounLayers = 4

// Uzbek, in the Latin script (a Cyrillic copy is made by transliteration).
var uzbekLayers = [][]string{
	{"dimi", "timi", "ganmi", "kanmi", "qanmi", "moqdami", "yaptimi", "adimi", "ydimi", "dir", "+yu"}, // particles (the question -mi only after a verb: hujumi is hujum+i; not -chi, which makes nouns: chegarachi) and the copula
	{"ning", "ni", "ga", "ka", "qa", "da", "dan", "dagi", "gacha", "dek", "niki", "dagilar", "+ga", "ta", "tan"},
	{"-i", "+si", "-lari", "lari"},
	{"lar"},
	{"!di", "gan", "kan", "qan", "!moqda", "moqchi", "moq", "!yapti", "!ayapti", "!adi", "!ydi", "!ardi", "!-ib", "!+b",
		"-ish", "+sh", "mas", "magan", "may", "sa", "sin", "yotgan", "ayotgan", "uvchi", "ovchi", "ilgan",
		"!ilib", "!ildi", "ganlik", "ganligi", "gani", "ganini", "adigan", "ydigan", "gancha", "guncha"},
}

// Kazakh, in Cyrillic (a Latin copy is made by transliteration).
var kazakhLayers = [][]string{
	{"мыз", "міз", "пыз", "піз", "мын", "мін", "пын", "пін"}, // predicative endings
	{"ның", "нің", "дың", "дің", "тың", "тің", "+ны", "+ні", "-ды", "-ді", "-ты", "-ті", "~н", "+ға", "+ге",
		"ға", "ге", "қа", "ке", "~на", "~не", "да", "де", "та", "те", "~нда", "~нде", "дан", "ден", "тан", "тен",
		"~нан", "~нен", "-нан", "-нен", "~ндан", "~нден", "мен", "бен", "пен", "менен", "дағы", "дегі", "тағы", "тегі", "~ндағы",
		"~ндегі", "~ын", "~ін"},
	{"-ы", "-і", "+сы", "+сі", "лары", "лері", "дары", "дері", "тары", "тері"},
	{"лар", "лер", "дар", "дер", "тар", "тер"},
	{"!ды", "!ді", "!ты", "!ті", "ған", "ген", "қан", "кен", "!-ып", "!-іп", "!+п", "!уда", "!уде", "у", "!ады", "!еді",
		"!йды", "!йді", "атын", "етін", "йтын", "йтін", "мақ", "мек", "бақ", "бек", "пақ", "пек", "са", "се",
		"сын", "сін", "ғаны", "гені", "қаны", "кені", "ғанын", "генін", "қанын", "кенін", "ғандығы", "гендігі", "уы", "уі"},
}

// Kyrgyz, in Cyrillic: four-way vowel harmony (а е о ө, ы и у ү).
var kyrgyzLayers = [][]string{
	{"мын", "мин", "мун", "мүн", "быз", "биз", "буз", "бүз"},
	{"+нын", "+нин", "+нун", "+нүн", "дын", "дин", "дун", "дүн", "тын", "тин", "тун", "түн",
		"+ны", "+ни", "+ну", "+нү", "-ды", "-ди", "-ду", "-дү", "-ты", "-ти", "-ту", "-тү", "~н",
		"га", "ге", "го", "гө", "ка", "ке", "ко", "кө", "~на", "~не", "~но", "~нө",
		"да", "де", "до", "дө", "та", "те", "то", "тө", "~нда", "~нде", "~ндо", "~ндө",
		"дан", "ден", "дон", "дөн", "тан", "тен", "тон", "төн", "~нан", "~нен", "~нон", "~нөн",
		"~ндан", "~нден", "~ндон", "~ндөн", "дагы", "деги", "догу", "дөгү", "тагы", "теги", "тогу", "төгү",
		"~ндагы", "~ндеги", "~ндогу", "~ндөгү", "менен", "~ын", "~ин", "~ун", "~үн"},
	{"-ы", "-и", "-у", "-ү", "+сы", "+си", "+су", "+сү", "лары", "лери", "лору", "лөрү", "дары", "дери",
		"дору", "дөрү", "тары", "тери", "тору", "төрү"},
	{"лар", "лер", "лор", "лөр", "дар", "дер", "дор", "дөр", "тар", "тер", "тор", "төр"},
	{"!ды", "!ди", "!ду", "!дү", "!ты", "!ти", "!ту", "!тү", "ган", "ген", "гон", "гөн", "кан", "кен", "кон", "көн",
		"!-ып", "!-ип", "!-уп", "!-үп", "!+п", "уу", "үү", "ууда", "үүдө", "ганы", "гени", "гону", "гөнү", "ганын", "генин", "гонун", "гөнүн", "канын", "кенин", "конун", "көнүн",
		"гандыгы", "гендиги", "гондугу", "гөндүгү", "!ышты", "!ишти", "!ушту", "!үштү", "ышкан", "ишкен", "ушкан", "үшкөн"},
}

// Tajik, in Cyrillic: Persian endings.
var tajikLayers = [][]string{
	{"-у", "+ву", "+ю"}, // the enclitic "and": Тоҷикистону Қирғизистон
	{"ро"},
	{"аш", "ат", "амон", "атон", "ашон", "яш", "ят", "шон", "тон"},         // pronominal
	{"и", "ӣ", "гӣ", "йи", "ии"},                                           // izofat, relational adjectives
	{"ҳо", "ҳои", "-он", "+гон", "+вон"},                                   // plural (not -ён: ҷангиён "fighters" is no form of ҷанг "war")
	{"-ад", "-анд", "ем", "ед", "аст", "ааст", "аанд", "ид", "ест", "-ан"}, // verb persons, perfect, infinitive
	{"а", "ӣ", "и", "гӣ"},                                                  // past participle; ӣ before a suffix (тирпарониҳо)
}
