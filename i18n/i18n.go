// Package i18n holds what newsalert says to people in their languages:
// the bot's answers, the labels of alerts and the digests. Each language
// is a folder of YAML files under locales/ (locales/ru/bot.yaml, ...);
// adding a language is adding its folder, no code. A message is a string
// with fmt verbs, or for counts its plural forms by CLDR's categories
// (one, few, many, other). What a language lacks is said in English.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Default is the language of every message, and the one used where a
// language lacks a message.
const Default = "en"

//go:embed locales
var locales embed.FS

// Catalog holds the messages of every language.
type Catalog struct {
	langs map[string]map[string]message
}

// message is a text, or its plural forms by category.
type message struct {
	text  string
	forms map[string]string
}

func (m *message) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&m.text)
	}
	return n.Decode(&m.forms)
}

// builtin is the catalog of locales/, read once when first asked for:
// not at the process's start, where every millisecond is one in which a
// SIGHUP still kills the daemon.
var builtin = sync.OnceValue(func() *Catalog {
	c, err := Load(locales, "locales")
	if err != nil {
		panic(err) // the embedded files are checked by the tests
	}
	return c
})

// Builtin returns the catalog newsalert ships.
func Builtin() *Catalog { return builtin() }

// Load reads a catalog from dir of fsys: a folder per language, named by
// its code, of YAML maps from message keys to messages.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	c := &Catalog{langs: map[string]map[string]message{}}
	files, err := fs.Glob(fsys, path.Join(dir, "*", "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		lang := path.Base(path.Dir(f))
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var msgs map[string]message
		if err := yaml.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if c.langs[lang] == nil {
			c.langs[lang] = map[string]message{}
		}
		for k, m := range msgs {
			if _, dup := c.langs[lang][k]; dup {
				return nil, fmt.Errorf("%s: message %q is defined twice in %s", f, k, lang)
			}
			c.langs[lang][k] = m
		}
	}
	if c.langs[Default] == nil {
		return nil, fmt.Errorf("%s: no messages in %s, the default language", dir, Default)
	}
	return c, nil
}

// Languages lists the catalog's languages, the default first.
func (c *Catalog) Languages() []string {
	out := []string{Default}
	for l := range c.langs {
		if l != Default {
			out = append(out, l)
		}
	}
	slices.Sort(out[1:])
	return out
}

// Keys lists the messages of a language, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.langs[lang] {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Pick returns the catalog's language that best serves a language code
// as Telegram gives one ("ru", "en-US", "pt-br") or a person writes one
// ("Russian", "русский" are not codes: ""); "" when it has none.
func (c *Catalog) Pick(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if _, ok := c.langs[code]; ok {
		return code
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
	if _, ok := c.langs[base]; ok {
		return base
	}
	return ""
}

// Printer says messages in one language.
type Printer struct {
	c    *Catalog
	lang string
	tag  language.Tag
}

// For returns a printer of lang, or of the default language when the
// catalog lacks lang.
func (c *Catalog) For(lang string) Printer {
	if l := c.Pick(lang); l != "" {
		lang = l
	} else {
		lang = Default
	}
	return Printer{c: c, lang: lang, tag: language.Make(lang)}
}

// For returns a printer of the built-in catalog.
func For(lang string) Printer { return builtin().For(lang) }

// Lang is the printer's language.
func (p Printer) Lang() string { return p.lang }

// T says the message key, its verbs filled with args. A key no language
// has is said as itself, so that a missing message shows, not vanishes.
func (p Printer) T(key string, args ...any) string {
	m, ok := p.lookup(key)
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms["other"]
	}
	return sprintf(text, args)
}

// N says the message key for a count n, in the plural form the language
// uses for n (Russian: 1 источник, 3 источника, 5 источников); n is the
// first of the verbs' arguments, args the rest.
func (p Printer) N(key string, n int, args ...any) string {
	m, ok := p.lookup(key)
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[formName(plural.Cardinal.MatchPlural(p.tag, abs(n), 0, 0, 0, 0))]
		if text == "" {
			text = m.forms["other"]
		}
	}
	return sprintf(text, append([]any{n}, args...))
}

func (p Printer) lookup(key string) (message, bool) {
	if m, ok := p.c.langs[p.lang][key]; ok {
		return m, true
	}
	m, ok := p.c.langs[Default][key]
	return m, ok
}

// sprintf is fmt.Sprintf, but a text without verbs is said as it is.
func sprintf(text string, args []any) string {
	if len(args) == 0 || !strings.Contains(text, "%") {
		return text
	}
	return fmt.Sprintf(text, args...)
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
