package language

import (
	"strings"
	"testing"
)

func detect(s string) Lang {
	folded, spans, _ := AppendWords(nil, nil, s, false)
	return Detect(folded, spans)
}

// The titles are as the outlets published them (sources in comments are
// the pages the phrasing follows); the detector must tell each language.
func TestDetect(t *testing.T) {
	cases := []struct {
		text string
		want Lang
	}{
		{"Police arrested two men suspected of links to the Islamic State", English},
		{"Kyrgyz Police Say They've Broken Up Drug Trafficking Ring", English}, // an English contraction is no Uzbek apostrophe
		// Turkish names in English: ö ü are Kazakh Latin's letters too, but not its own
		{"Türkiye, Pakistan intelligence agencies capture high-profile Daesh terrorist. In a joint intelligence operation, Türkiye’s National Intelligence Organization (MIT) and Pakistan’s Inter-Services Intelligence (ISI) captured Özgür Altun, a high-ranking Daesh terrorist and one of Türkiye’s most wanted suspects", English},
		{"В Бишкеке задержаны члены запрещенной организации", Russian},
		{"ФСБ задержала двух россиян", Russian}, // no ы, and none of Uzbek's or Tajik's letters either
		{"Toshkentda terrorchilik faoliyatida gumonlangan shaxslar ushlandi", Uzbek},
		{"Тошкентда террорчилик фаолиятида гумонланган шахслар ушланди", Uzbek},
		{"17 ноябр куни Зарафшондаги Лолазор деган жойда тилла қумини кавлаш пайтида 40-50 кишини қум босиб қолгани хусусида хабарлар тарқалганди. Аммо ушбу маълумот тасдиқланмади.", Uzbek}, // қ, but Uzbek words
		{"Шекарада атыс болды, екі адам жараланды", Kazakh},
		{"Баткенде чек арада атышуу болду", Kyrgyz},
		{"Кыргызстанда экстремисттик уюмдун мүчөлөрү кармалды", Kyrgyz},
		// short Kyrgyz titles with none of its letters: ы is no Uzbek's, -лды and эки are Kyrgyz
		{"Бишкекте терактынын курмандыктары эскерилди", Kyrgyz},
		{"Жалал-Абадда эки киши кармалды", Kyrgyz},
		{"Афғонистонда Толибонга қарши жанглар давом этмоқда", Uzbek},              // қ ғ without Kazakh's own letters
		{"Дар Афғонистон бар зидди Толибон амалиёти густурда оғоз мешавад", Tajik}, // Tajik's function words
		{"Боздошти саркардаи гуруҳи террористии Тундар", Tajik},                    // the izofat -аи
		// a suspect's initials are not Russian's к and и; no ң ө ү either
		{"КР УКМК тарабынан Россия Федералдык коопсуздук кызматы менен биргеликте К.Б.К., И.А.Б. жана К.у.У. аттуу эл аралык террордук уюмдун жактоочулары кармалып, Кыргыз Республикасына алынып келинди", Kyrgyz},
		{"Arıs qalasındağı jağdayğa baylanıstı Şımkent qalası äkimdiginiñ baspasöz brifingi ötti", Kazakh},     // Latin of 2021
		{"Qyrǵyzstan men Tájikstan shekarany delımıtatsııalaý boıynsha birlesken hattamaǵa qol qoıdy", Kazakh}, // Latin of 2018
		{"Дар марз тирпаронӣ шуд", Tajik},
		{"Дар Душанбе ду нафар боздошт шуданд", Tajik},
		{"садои тир дар Хоруѓ, ду кушта ва чанд захмї", Tajik}, // a font before Unicode: ѓ for ғ, ї for ӣ
	}
	for _, c := range cases {
		if got := detect(c.text); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A run of three or more one-letter words one character apart is a
// suspect's initials; Russian's "и в" and English's two-letter words are
// words.
func TestInitials(t *testing.T) {
	for _, c := range []struct {
		text string
		want []bool // per word
	}{
		{"К.Б.К., И.А.Б. жана", []bool{true, true, true, true, true, true, false}},
		{"задержаны и в суде", []bool{false, false, false, false}},
		{"as it is in the", []bool{false, false, false, false, false}},
	} {
		folded, spans, _ := AppendWords(nil, nil, c.text, false)
		for i := range spans {
			if got := initials(folded, spans, i); got != c.want[i] {
				t.Errorf("%q, word %d: initials %v, want %v", c.text, i, got, c.want[i])
			}
		}
	}
}

// TestSecondReading: a vowel-final stem before н or с and a possessive
// vowel has a second reading, the stem with that consonant.
func TestSecondReading(t *testing.T) {
	cases := []struct {
		l          Lang
		word, want string // want: the second reading, "" for none
	}{
		{Uzbek, "qurboni", "qurbon"},     // qurbon-i "its victim"
		{Uzbek, "tumani", "tuman"},       // tuman-i "its district"
		{Kyrgyz, "жаранын", "жаран"},     // жаран-ы-н "the citizen's"
		{Kazakh, "облысы", "облыс"},      // облыс-ы "its province"
		{Uzbek, "mashinani", "mashinan"}, // a second reading no keyword has: mashina-ni
		{Uzbek, "chegarada", ""},         // -da begins with no stem consonant
		{Uzbek, "hujumni", ""},           // hujum ends in a consonant: -ni is the case
		{Tajik, "марзи", ""},             // Tajik endings are not read twice
		{Uzbek, "portladi", "portla"},    // portla-di "exploded", not portl-adi
		{Uzbek, "портлади", "портла"},
		{Kazakh, "ұстады", "ұста"}, // ұста-ды "caught", not ұст-ады
	}
	for _, c := range cases {
		s := Stem(c.l, c.word)
		got := secondStem(c.l, c.word, s)
		if got != c.want {
			t.Errorf("%s %s: stem %s, second reading %q, want %q", c.l, c.word, s, got, c.want)
		}
	}
}

func TestStemJoinsForms(t *testing.T) {
	cases := []struct {
		l     Lang
		forms []string
	}{
		{Uzbek, []string{"ushlandi", "ushlangan", "ushlanganlar"}},
		{Uzbek, []string{"ушланди", "ушланган"}},
		{Uzbek, []string{"chegara", "chegarada", "chegaradagi", "chegarasida"}},
		{Uzbek, []string{"toshkent", "toshkentda", "toshkentdan", "toshkentning"}},
		{Kazakh, []string{"шекара", "шекарада", "шекарасында", "шекараның"}},
		{Kazakh, []string{"ұсталды", "ұсталған", "ұсталғандар"}},
		{Kyrgyz, []string{"кармалды", "кармалган", "кармалгандар"}},
		{Kyrgyz, []string{"ара", "арасында"}},
		{Tajik, []string{"марз", "марзи", "марзҳо", "марзро"}},
		{Tajik, []string{"тирпаронӣ", "тирпарониҳо"}},
		{Tajik, []string{"тоҷикистон", "тоҷикистону"}},                // the enclitic "and"
		{Kyrgyz, []string{"аймак", "аймагына", "аймагында"}},          // к voiced before a vowel
		{Kazakh, []string{"аймақ", "аймағында", "аймақта"}},           // қ likewise
		{Kazakh, []string{"болу", "болды", "болған"}},                 // the infinitive -у
		{Kazakh, []string{"ауғанстан", "ауғанстаннан"}},               // the ablative -нан after a nasal
		{Kazakh, []string{"talyban", "talybannan"}},                   // and in Latin
		{Kyrgyz, []string{"кармал", "кармалышты", "кармалышкан"}},     // the plural past -ышты
		{Kyrgyz, []string{"кылынды", "кылынган", "кылынганын"}},       // "that it was done": -ган-ы-н, not -га-нын
		{Kazakh, []string{"жойылды", "жойылған", "жойылғанын"}},       // likewise
		{Tajik, []string{"кардан", "кардаанд"}},                       // the perfect -аанд
		{Kazakh, []string{"ystanbul", "ystanbuldaǵy", "ystanbuldyń"}}, // the Latin of 2018 (Kazinform)
		{Uzbek, []string{"qishloq", "qishlog'i", "qishlog'idan"}},     // q voiced before a vowel
		{Uzbek, []string{"қишлоқ", "қишлоғида"}},
		{Uzbek, []string{"yurak", "yuragi"}},
		{Uzbek, []string{"tog'", "tog'i", "tog'da"}},                   // a short root keeps its g'
		{Kazakh, []string{"shekara", "shekarada", "shekarasynda"}},     // and digraphs
		{Kyrgyz, []string{"завод", "заводдогу", "заводундагы"}},        // -у-ндагы: no past -ду before a case
		{Kazakh, []string{"зауыт", "зауытта", "зауытында"}},            // likewise
		{Kyrgyz, []string{"жарадар", "жарадарлар", "жарадарды"}},       // "wounded": -дар derives, it is no plural here
		{Uzbek, []string{"hujum", "hujumi", "hujumida"}},               // -m and the possessive -i: not the question -mi
		{Uzbek, []string{"маросим", "маросими"}},                       // likewise, in Cyrillic
		{Uzbek, []string{"kel", "keldimi", "keldi"}},                   // the question -mi after a verb
		{Uzbek, []string{"terrorchi", "terrorchini", "terrorchining"}}, // -chi makes a noun: no particle
	}
	for _, c := range cases {
		want := Stem(c.l, c.forms[0])
		for _, f := range c.forms[1:] {
			if got := Stem(c.l, f); got != want {
				t.Errorf("%v: Stem(%q) = %q, Stem(%q) = %q", c.l, f, got, c.forms[0], want)
			}
		}
	}
	if Stem(Kyrgyz, "жарадар") == Stem(Kyrgyz, "жаранын") {
		t.Error(`Kyrgyz жарадар "wounded" and жаранын "citizen's" share a stem`)
	}
	if Stem(Uzbek, "chegarachi") == Stem(Uzbek, "chegara") {
		t.Error(`Uzbek chegarachi "border guard" and chegara "border" share a stem`)
	}
}

func TestScriptBridges(t *testing.T) {
	for latin, cyr := range map[string]string{"ushlandi": "ушланди", "o'zbekiston": "ўзбекистон", "chegara": "чегара",
		"g'alaba": "ғалаба", "jihodchi": "жиҳодчи", "otishma": "отишма",
		"yo'q": "йўқ", "yo'lida": "йўлида", // y and oʻ, not yo
		"operatsiya": "операция", "militsiyasi": "милицияси"} {
		if got := UzbekCyrillic(latin); got != cyr {
			t.Errorf("UzbekCyrillic(%q) = %q, want %q", latin, got, cyr)
		}
		if got := UzbekLatin(cyr); got != latin {
			t.Errorf("UzbekLatin(%q) = %q, want %q", cyr, got, latin)
		}
	}
	for cyr, latin := range map[string]string{"шекара": "şekara", "ұсталды": "ūstaldy", "қазақстан": "qazaqstan", "мемлекеті": "memlekety"} {
		if got := KazakhLatin(cyr); got != latin {
			t.Errorf("KazakhLatin(%q) = %q, want %q", cyr, got, latin)
		}
		if got := KazakhCyrillic(latin); got != cyr && !strings.ContainsRune(cyr, 'і') {
			t.Errorf("KazakhCyrillic(%q) = %q, want %q", latin, got, cyr)
		}
	}
	// і and ы are one letter y once folded (Kazakh Latin writes ы as y or ı):
	// a Latin word carries the Cyrillic ы form back.
	if got := KazakhCyrillic("memlekety"); got != "мемлекеты" {
		t.Errorf("KazakhCyrillic(memlekety) = %q", got)
	}
}

// BenchmarkDetect reads the lead of a Russian and a Kyrgyz report, as the
// matcher does once for most items.
func BenchmarkDetect(b *testing.B) {
	texts := []string{
		"В Бишкеке сотрудники ГКНБ задержали троих членов запрещенной террористической организации, " +
			"которые планировали совершить теракт в одном из торговых центров столицы, сообщает пресс-служба ведомства",
		"Кыргызстанда экстремисттик уюмдун мүчөлөрү кармалды. Улуттук коопсуздук боюнча мамлекеттик комитеттин " +
			"маалыматына караганда, шектүүлөр Ош шаарында жашоочуларды уюмга тартууга аракет кылышкан",
	}
	type text struct {
		folded []byte
		spans  []Span
	}
	var in []text
	for _, s := range texts {
		f, sp, _ := AppendWords(nil, nil, s, false)
		in = append(in, text{f, sp})
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		t := in[i%len(in)]
		Detect(t.folded, t.spans)
	}
}

// TestPossible: a word's letters limit the languages it may be in.
func TestPossible(t *testing.T) {
	cases := []struct {
		word   string
		may    []Lang
		mayNot []Lang
	}{
		{"содыр", []Lang{Russian, Kazakh, Kyrgyz}, []Lang{Uzbek, Tajik, English}}, // Uzbek and Tajik write no ы
		{"терроризм", []Lang{Russian, Uzbek, Kazakh, Kyrgyz, Tajik}, []Lang{English}},
		{"ҳамла", []Lang{Uzbek, Tajik}, []Lang{Russian, Kazakh, Kyrgyz}},
		{"шекара", []Lang{Kazakh}, nil},
		{"ushlandi", []Lang{English, Uzbek}, []Lang{Russian}},
	}
	for _, c := range cases {
		p := Possible(c.word)
		for _, l := range c.may {
			if !p.Has(l) {
				t.Errorf("Possible(%q) lacks %v", c.word, l)
			}
		}
		for _, l := range c.mayNot {
			if p.Has(l) {
				t.Errorf("Possible(%q) has %v", c.word, l)
			}
		}
	}
}
