package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// The region's security news happens in its district towns (Kerben,
// Vose, Shahritus, Kochkor) as much as in its cities, and a wire's
// "Kerben: …" must name a place to be kept apart from another town's
// report written to the same template. Towns are many and small, and
// their GeoNames alternates carry more junk than the cities' do: a
// village's Soviet name shared by a hundred others (Ивановка, Кировское),
// a neighbouring village's name, a word (Жақсы is "good", Тинчлик
// "peace"). A town keeps only its own name in its spellings.

// isTown: a place of feature class fclass and population pop is one of
// the country's towns: from townPopulation, or the seat of a district
// (GeoNames' PPLA2) where the country keeps them.
func (c country) isTown(pop int, fclass string) bool {
	return c.townPopulation > 0 && (pop >= c.townPopulation || (c.districtSeats && fclass == "PPLA2"))
}

// placeTowns records the province each town lies in (by its GeoNames
// admin1 code), so that a report from Kerben and one from the Jalal-Abad
// region are not two places apart.
func placeTowns(cities, provinces []*place) {
	byAdmin := map[string]string{}
	for _, p := range provinces {
		byAdmin[p.country+"."+p.admin1] = p.name
	}
	for _, c := range cities {
		if c.town {
			c.province = byAdmin[c.country+"."+c.admin1]
		}
	}
}

// alternateFits: a place keeps an alternate name that spells its own —
// a Latin one as latinAlternateFits says, and for a town a Cyrillic one
// as cyrillicAlternateFits says (a city keeps every Cyrillic one).
func alternateFits(alt, name, ascii string, town bool) bool {
	if town && isCyrillic(alt) {
		return cyrillicAlternateFits(alt, ascii)
	}
	return latinAlternateFits(alt, name, ascii)
}

// cyrillicAlternateFits keeps a town's Cyrillic alternate when it spells
// the town's own name (Кара-Балта for Kara-Balta, Ховалинг for
// Khovaling), not another (Покровка for Kyzyl-Suu).
func cyrillicAlternateFits(alt, ascii string) bool {
	if !isCyrillic(alt) {
		return false
	}
	a, b := latinOf(alt), strings.ToLower(stripDiacritics(ascii))
	return text.EditDistance(a, b)*3 <= max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
}

func isCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// cyrillicToLatin spells the region's Cyrillic letters as GeoNames' ASCII
// names do, near enough for an edit distance.
var cyrillicToLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "gh", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "ng",
	'о': "o", 'ө': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u", 'ү': "u",
	'ў': "u", 'ф': "f", 'х': "kh", 'ҳ': "h", 'ц': "ts", 'ч': "ch", 'ҷ': "j", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'ә': "a", 'і': "i", 'ӣ': "i",
	'ӯ': "u", 'һ': "h",
}

func latinOf(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if l, ok := cyrillicToLatin[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// townNameFits weeds out the names a town may not have: three letters or
// fewer (Нов, Chu), and the Russian adjectives that name many places
// (Московский, Кировский, Глубокое).
func townNameFits(n string) bool {
	if utf8.RuneCountInString(n) <= 3 {
		return false
	}
	lower := strings.ToLower(n)
	for _, end := range adjectiveEndings {
		if strings.HasSuffix(lower, end) {
			return false
		}
	}
	return !townStopwords[lower]
}

var adjectiveEndings = []string{"ский", "ской", "цкий", "ое", "ый", "ая", "kiy", "skij", "oye", "oe", "skaya", "skaja"}

// townStopwords are towns' names that are also the region's words
// (Жақсы, Marhamat, Ойим), people (Serdar, Abay, Razzakov, Kurchatov),
// rivers and landmarks (Irtysh, Esil, Köktöbe), places elsewhere
// (Moskva, Abadan, Bagdad, Rasht, Qarabagh, Chinaz for China) or Soviet names that many
// villages share (Pokrovka, Ivanovka): read in the towns' lines of
// gazetteer.tsv one by one, and those found lower-case in the project's
// real text (rules/testdata/regional, testdata/feeds).
var townStopwords = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range []string{
		"abadan", "abaj", "abay", "abdurahmoni jomi", "abdurahmoni jomí", "aini", "ajni", "altaj", "altay",
		"aralas", "asma", "atakent", "ayni", "ayny", "ayní", "baetov", "bag`dod", "bagdad", "baghdod", "bag‘dod",
		"bahori", "bahorí", "baliqchi", "bektemir", "belye vody", "belyye vody", "bereket", "bulaev", "bustan",
		"buston", "būlaev", "chelek", "darand", "darband", "derzhavin", "derzhavīn", "drujba", "druzhba", "dusti",
		"dusty", "dŭsty", "dŭstí", "emba", "esil", "esil'", "farab", "gafurob", "gafurov", "ghafurov", "hamza",
		"irtysh", "iskandar", "iskander", "ismoili somon", "ismoili somoni", "ismoili somoní", "ivanovka",
		"ivanovna", "kaka", "karakul'", "karakul’", "karaul", "kitob", "koktobe", "kurchatov", "köktöbe",
		"kūrchatov", "langar", "lisakov", "līsakov", "maevka", "magtymguly", "makhambet", "marhamat", "markhamat",
		"mayevka", "mehron", "moskva", "muborak", "narain", "narin", "navbahor", "ojim", "okhunboboyew",
		"otegen batyra", "oxunboboyev", "oyim", "panj", "panjab", "pokrovka", "priozersk", "proletar", "qara baqh",
		"qarabagh", "qarah bagh", "qasym qaysenov", "qorovul", "qorowul", "rasht", "ravon", "razzakov", "salar",
		"sayat", "saýat", "sejdi", "serdar", "sergeev", "seydi", "shar", "soran", "sovet", "sovety", "sultanabad",
		"takhta", "temirlan", "tinchlik", "turar ryskulov", "turar rysqulov", "turara ryskulova", "uspen",
		"yeraliyev", "yeraly", "zafar", "zhaksy", "zhaqsy", "абай", "абдураҳмони ҷомӣ", "айнӣ", "алга", "алға",
		"арал", "атакент", "баетов", "баҳорӣ", "бектемир", "белые воды", "булаев", "бустон", "murgab", "karasu", "карасу", "қарасу", "karasul'", "karasul’", "chardara", "чардара", "aksay", "aksai", "aqsay", "аксай", "aksu", "aqsu", "aqsū", "аксу", "ақсу", "муборак", "керки", "керкі", "dangara", "chinaz", "cinaz", "сырдарья", "syrdarya", "syrdar'ya", "syrdar’ya", "бӯстон", "даранд",
		"дарбанд", "державин", "дӯстӣ", "ералиев", "есиль", "есіл", "жаксы", "жақсы", "зафар", "ивановка", "иртыш",
		"искандар", "исмоили сомон", "кака", "каракуль", "караул", "коктобе", "курчатов", "көктөбе", "лисаков",
		"маевка", "мархамат", "массы", "махамбет", "меҳрон", "ойим", "отеген батыра", "панҷ", "покровка",
		"приозерск", "пролетар", "раззаков", "рашт", "сейди", "сергеев", "совет", "султанабад", "темірлан",
		"тинчлик", "турара рыскулова", "тұрар рысқұлов", "успен", "эмба", "ғафуроб", "қасым қайсенов",
	} {
		out[w] = true
	}
	return out
}()
