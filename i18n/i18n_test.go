package i18n

import (
	"regexp"
	"slices"
	"testing"
	"testing/fstest"
)

// verbs are a message's fmt verbs, in order.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

func texts(m message) []string {
	if m.forms == nil {
		return []string{m.text}
	}
	var out []string
	for _, t := range m.forms {
		out = append(out, t)
	}
	return out
}

// TestEveryLanguageSaysWhatEnglishSays: a translation has every English
// message, no message English lacks, and the same verbs in each form (a
// verb lost or added would print %!d(MISSING) or drop a figure).
func TestEveryLanguageSaysWhatEnglishSays(t *testing.T) {
	c := Builtin()
	if !slices.Contains(c.Languages(), "ru") {
		t.Fatalf("languages %v: want Russian", c.Languages())
	}
	for _, lang := range c.Languages()[1:] {
		for _, k := range c.Keys(Default) {
			m, ok := c.langs[lang][k]
			if !ok {
				t.Errorf("%s lacks %q", lang, k)
				continue
			}
			want := verbs.FindAllString(texts(c.langs[Default][k])[0], -1)
			for _, text := range texts(m) {
				if got := verbs.FindAllString(text, -1); !slices.Equal(got, want) {
					t.Errorf("%s %q = %q: verbs %v, English has %v", lang, k, text, got, want)
				}
			}
			if m.forms != nil && m.forms["other"] == "" {
				t.Errorf("%s %q: plural forms without other", lang, k)
			}
		}
		for _, k := range c.Keys(lang) {
			if _, ok := c.langs[Default][k]; !ok {
				t.Errorf("%s has %q, which English lacks", lang, k)
			}
		}
	}
}

func TestPluralForms(t *testing.T) {
	ru, en := For("ru"), For("en")
	for n, want := range map[int]string{1: "ещё 1 источник", 3: "ещё 3 источника", 5: "ещё 5 источников", 21: "ещё 21 источник", 12: "ещё 12 источников"} {
		if got := ru.N("sources.more", n); got != want {
			t.Errorf("ru %d: %q, want %q", n, got, want)
		}
	}
	if got := en.N("sources.more", 1); got != "1 more source" {
		t.Errorf("en 1: %q", got)
	}
	if got := en.N("sources.more", 4); got != "4 more sources" {
		t.Errorf("en 4: %q", got)
	}
}

func TestPick(t *testing.T) {
	c := Builtin()
	for code, want := range map[string]string{"ru": "ru", "en-US": "en", "RU": "ru", "pt-br": "", "": "", "ru_RU": "ru"} {
		if got := c.Pick(code); got != want {
			t.Errorf("Pick(%q) = %q, want %q", code, got, want)
		}
	}
	if got := For("pt-br").Lang(); got != Default {
		t.Errorf("For(pt-br) speaks %q, want the default", got)
	}
}

// TestALanguageIsAFolder: a catalog with a new folder speaks its language,
// and says in English what the folder lacks.
func TestALanguageIsAFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"l/en/a.yaml": {Data: []byte("hello: Hello, %s\nbye: Bye\n")},
		"l/uz/a.yaml": {Data: []byte("hello: Salom, %s\n")},
	}
	c, err := Load(fsys, "l")
	if err != nil {
		t.Fatal(err)
	}
	uz := c.For("uz")
	if got := uz.T("hello", "Aziz"); got != "Salom, Aziz" {
		t.Errorf("uz hello = %q", got)
	}
	if got := uz.T("bye"); got != "Bye" {
		t.Errorf("uz bye = %q, want the English", got)
	}
	if got := uz.T("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key = %q, want itself", got)
	}
}

func TestLoadRefusesBadCatalogs(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no default": {"l/ru/a.yaml": {Data: []byte("a: б\n")}},
		"twice":      {"l/en/a.yaml": {Data: []byte("a: x\n")}, "l/en/b.yaml": {Data: []byte("a: y\n")}},
		"bad yaml":   {"l/en/a.yaml": {Data: []byte("a: [x\n")}},
	} {
		if _, err := Load(fsys, "l"); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}
