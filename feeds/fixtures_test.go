package feeds

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fixtureItems is the number of items in each real feed of testdata/feeds
// (from SOURCES.md), and a word its first title must contain, decoded.
var fixtureItems = map[string]struct {
	items int
	word  string
}{
	"de_heise_rss090-rdf.xml":                          {60, "Vorsichtsmaßnahmen"},
	"en_aljazeera_rss2_cdata.xml":                      {25, "Colbert"},
	"en_areweanticheatyet_rss2_1046items_noguid.xml":   {1046, "Fresh Start"},
	"en_bbc-news_rss2_media-thumbnail.xml":             {33, "Jesse Jackson"},
	"en_blog_rss2_declared-utf16-actually-utf8.xml":    {59, "parse a PDF"},
	"en_davidbau_rss1-rdf_iso-8859-1.xml":              {15, "Wanting"},
	"en_dawn-world_rss2.xml":                           {30, "India"},
	"en_dw_rss1-rdf_noguid.xml":                        {141, "France"},
	"en_economist-asia_rss2_300items.xml":              {300, "India’s AI"},
	"en_giantbomb_podcast_rss2_730items.xml":           {730, "Bombcast"},
	"en_google-alerts_atom.xml":                        {20, "Slack"},
	"en_guardian_rss2_media.xml":                       {55, "State of the Union"},
	"en_hackernews_rss2_noguid_nodecl.xml":             {30, "Lambda"},
	"en_humanwhocodes_jsonfeed1.json":                  {10, "Supabase"},
	"en_intertwingly_atom_xhtml_relative.xml":          {20, "Suspend"},
	"en_malformed_rss-prefixed-bogus-xmldecl.xml":      {35, "jenni tucker"},
	"en_nyt-world_rss2_media-content.xml":              {57, "Ukraine"},
	"en_osm-changesets_atom_xhtml.xml":                 {20, "rozwiązanie"},
	"en_time-world_rss2_1mb.xml":                       {100, "European"},
	"en_tpm_atom_relative-links.xml":                   {20, "Gorka"},
	"en_yahoo-video_rss2_nopubdate_media.xml":          {10, "Surfing"},
	"pt_jn_rss2_iso-8859-1_noguid.xml":                 {40, "Mãe de utente"},
	"ru_bbc-russian_rss2_scraped.xml":                  {31, "Рабыни божьи"},
	"ru_currenttime_rss2_scraped.xml":                  {17, "Талибан"},
	"ru_ibash-org-ru_rss2_windows-1251.xml":            {50, "Цитата"},
	"ru_kavkazr-rferl_rss2_scraped.xml":                {29, "Кадырова"},
	"ru_lenta-ru_rss2.xml":                             {200, "задержании"},
	"ru_mediazona-ca_rss2_scraped_dup-items.xml":       {6, "Казахстан"},
	"ru_meduza_rss2_content-encoded_truncated.xml":     {4, "Макрон"},
	"ru_meduza_rss2_scraped_epoch-dates_same-link.xml": {24, "Плисецкая"},
	"ru_oren-ru_rss2_windows-1251_noguid.xml":          {10, "Бузулуке"},
	"ru_rss_koi8-r_undeclared.xml":                     {1, "новогоднюю ночь"},
	"ru_svoboda-rferl_rss2_scraped.xml":                {30, "пожертвования"},
	"ru_synthetic_rss2_koi8-r_declared.xml":            {2, "Первая новость"},
	"ru_tut-by_rss2_media-content_extracted.xml":       {100, "Гороскоп"},
	"ur_bbc-urdu_rss2.xml":                             {26, "امریکی"},
	"uz_andijonfk_rss2_uzbek-latin.xml":                {2, "g'alabaga"},
}

// mojibake are sequences that appear when UTF-8 is decoded as a single-byte
// encoding or the reverse.
var mojibake = []string{"\uFFFD", "Ð", "Ñ", "Ã", "â€", "Ð¾", "Ã©"}

func TestEveryRealFeed(t *testing.T) {
	files, _ := filepath.Glob("../testdata/feeds/*")
	seen := 0
	for _, path := range files {
		name := filepath.Base(path)
		if name == "SOURCES.md" {
			continue
		}
		seen++
		t.Run(name, func(t *testing.T) {
			want, ok := fixtureItems[name]
			if !ok {
				t.Fatalf("no expectation for %s: add it to fixtureItems", name)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			feed, err := Parse(body, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			items := Normalise(feed, Source{URL: "http://127.0.0.1:8080/feeds/" + name}, now)
			if len(items) != want.items {
				t.Errorf("items = %d, want %d", len(items), want.items)
			}
			first := items[0].Title
			if !strings.Contains(first, want.word) || !utf8.ValidString(first) {
				t.Errorf("first title %q lacks %q", first, want.word)
			}
			for _, it := range items {
				for _, bad := range mojibake {
					if strings.Contains(it.Title, bad) {
						t.Fatalf("mojibake %q in title %q", bad, it.Title)
					}
				}
				if it.Link != "" && !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
					t.Errorf("link %q is not absolute", it.Link)
				}
			}
			// Keys are unique except for items that are the same: repeated
			// verbatim, or published again under the same GUID.
			distinct := map[string]bool{}
			for _, it := range items {
				id := it.GUID
				if id == "" {
					id = it.Link + "\x00" + it.Title + "\x00" + it.Published.String()
				}
				distinct[id] = true
			}
			if got := distinctKeys(items); got != len(distinct) {
				t.Errorf("%d distinct keys for %d distinct items", got, len(distinct))
			}
		})
	}
	if seen != len(fixtureItems) {
		t.Errorf("%d feed files, %d expectations", seen, len(fixtureItems))
	}
}

func TestCharsetDetection(t *testing.T) {
	cp1251, _ := os.ReadFile("../testdata/feeds/ru_ibash-org-ru_rss2_windows-1251.xml")
	koi8, _ := os.ReadFile("../testdata/feeds/ru_rss_koi8-r_undeclared.xml")
	latin1, _ := os.ReadFile("../testdata/feeds/pt_jn_rss2_iso-8859-1_noguid.xml")
	utf16decl, _ := os.ReadFile("../testdata/feeds/en_blog_rss2_declared-utf16-actually-utf8.xml")
	strip := func(b []byte) []byte { return xmlDecl.ReplaceAll(b, nil) }
	lenta, _ := os.ReadFile("../testdata/feeds/ru_lenta-ru_rss2.xml")
	cut := bytes.Replace(lenta, []byte("Фридмана"), []byte("Фридмана"[:5]), 1) // "Ф" and half of "р"
	cp1251SaysUTF8 := bytes.Replace(cp1251, []byte(`encoding="windows-1251"`), []byte(`encoding="utf-8"`), 1)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
	}{
		{"declared windows-1251", cp1251, "", "windows-1251"},
		{"windows-1251 from the Content-Type only", strip(cp1251), "text/xml; charset=windows-1251", "windows-1251"},
		{"windows-1251 sniffed", strip(cp1251), "text/xml", "windows-1251"},
		{"wrong utf-8 header on windows-1251", cp1251, "application/rss+xml; charset=utf-8", "windows-1251"},
		{"koi8-r sniffed", koi8, "", "koi8-r"},
		{"koi8-r from the Content-Type", koi8, "text/xml; charset=KOI8-R", "koi8-r"},
		{"iso-8859-1 declared", latin1, "", "windows-1252"},
		{"latin sniffed", strip(latin1), "", "windows-1252"},
		{"declares utf-16, is utf-8", utf16decl, "", "utf-8"},
		{"utf-8 with a bad byte, declared", cut, "", "utf-8"},
		{"utf-8 with a bad byte, utf-8 in the Content-Type", strip(cut), "text/xml; charset=UTF8", "utf-8"},
		{"utf-8 with a bad byte, undeclared", strip(cut), "", "utf-8"},
		{"utf-8 with a bad byte, declared windows-1251", xmlDecl.ReplaceAll(cut, []byte(`<?xml version="1.0" encoding="windows-1251"?>`)), "", "utf-8"},
		{"windows-1251 declared utf-8", cp1251SaysUTF8, "", "windows-1251"},
		{"utf-16 with a BOM", append([]byte{0xFF, 0xFE}, utf16le("<rss><channel><item><title>Тест</title></item></channel></rss>")...), "", "utf-16le"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, got, err := toUTF8(tt.body, tt.contentType)
			if err != nil || got != tt.want {
				t.Fatalf("encoding = %q, %v; want %q", got, err, tt.want)
			}
			if !utf8.Valid(out) {
				t.Error("output is not UTF-8")
			}
			if _, err := Parse(tt.body, tt.contentType); err != nil {
				t.Errorf("Parse: %v", err)
			}
		})
	}
}

func utf16le(s string) []byte {
	var out []byte
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestParseErrorsSayWhatIsWrong(t *testing.T) {
	tests := []struct{ body, want string }{
		{"", "the body is empty"},
		{"<html><head><title>Welcome</title></head><body>Hi</body></html>", `not an RSS, Atom or JSON feed: the body's text is "Welcome Hi"`},
		{`{"version": "https://jsonfeed.org/version/1", "items": [`, "invalid JSON feed"},
		{`<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut`, "invalid feed XML, even after repair"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.body), "")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.30q) error = %v, want %q", tt.body, err, tt.want)
		}
	}
}

func TestRepairXML(t *testing.T) {
	in := `<!-- c --><?xml?xml version="1.0" ??><rss rss:version=2.0><rss:channel><rss:title>A & B</rss:title>` +
		`<rss:item><rss:title><![CDATA[x & y <b>]]></rss:title><atom:link xmlns:atom="http://www.w3.org/2005/Atom" href=x/></rss:item></rss:channel></rss>`
	got := string(repairXML([]byte(in)))
	for _, want := range []string{`<rss version="2.0">`, `<channel>`, `<title>A &amp; B</title>`, `<![CDATA[x & y <b>]]>`, `<atom:link`, `href="x"/>`} {
		if !strings.Contains(got, want) {
			t.Errorf("repaired XML lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<!--") || strings.Contains(got, "?xml?xml") {
		t.Errorf("junk before the root kept:\n%s", got)
	}
}

// The declaration's encoding is found wherever it stands among the
// attributes; a feed that declares windows-1251 but is UTF-8 is read as
// UTF-8 and its declaration rewritten, so that the parser does not decode
// it twice.
func TestDeclaredEncoding(t *testing.T) {
	for decl, want := range map[string]string{
		`<?xml version="1.0" encoding="windows-1251"?>`:                       "windows-1251",
		`<?xml encoding='KOI8-R' version="1.0"?>`:                             "KOI8-R",
		"  <?xml version=\"1.0\"\n encoding = \"utf-8\" standalone=\"yes\"?>": "utf-8",
		`<?xml version="1.0"?>`:                                               "",
		`<rss version="2.0">`:                                                 "",
	} {
		if got := declaredEncoding([]byte(decl + "<rss/>")); got != want {
			t.Errorf("declaredEncoding(%q) = %q, want %q", decl, got, want)
		}
	}
	body := []byte(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Лента</title></channel></rss>`)
	out, enc, err := toUTF8(body, "")
	if err != nil || enc != "utf-8" || !bytes.Contains(out, []byte("Лента")) || bytes.Contains(out, []byte("windows-1251")) {
		t.Errorf("UTF-8 declared windows-1251: %q, %v: %s", enc, err, out)
	}
}
