package rules

import (
	"slices"
	"strings"
	"testing"
)

const termRules = `terms:
  detained: [detained, задержан, кармалды, ushlandi, ұсталды]
  iskp: [ISKP, ИГИЛ, IShID]
  spare: [unused word]
topics:
  - id: arrests
    any: [$detained, arrest]
  - id: iskp-arrests
    all: [$iskp, $detained]
  - id: iskp-not-arrests
    any: [$iskp]
    none: [$detained]
  - id: grouped
    groups: [[$iskp, Daesh], [court]]
`

// A term list is written once and used by several topics: in any: and
// none: it stands for its keywords, in all: for one of them.
func TestTermsAreUsedWhereTheyAreNamed(t *testing.T) {
	m, err := Parse("rules.yaml", []byte(termRules))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text string
		want []string
	}{
		{"Террорист кармалды", []string{"arrests"}},
		{"Ikki kishi ushlandi", []string{"arrests"}},
		{"ISKP member detained in Almaty", []string{"arrests", "iskp-arrests"}},
		{"ISKP claims an attack", []string{"iskp-not-arrests"}},
		{"Daesh recruiter in court", []string{"grouped"}},
		{"IShID tarafdori sudda: court", []string{"grouped", "iskp-not-arrests"}},
		{"Police arrest a man", []string{"arrests"}},
	}
	for _, c := range cases {
		var got []string
		for _, mt := range m.Match(Item{Title: c.text}) {
			got = append(got, mt.Topic.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q matched %v; want %v", c.text, got, c.want)
		}
	}
}

func TestTermProblemsArePointedAt(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string
	}{
		{"unknown term with suggestion", "terms:\n  detained: [x]\ntopics:\n  - id: a\n    any: [$detaned]\n",
			`rules.yaml:5:11: unknown term "$detaned" (did you mean "$detained"?)`},
		{"term referring to a term", "terms:\n  a: [x]\n  b: [$a]\ntopics:\n  - id: t\n    any: [$a, $b]\n",
			`rules.yaml:3:7: term "b": "$a" refers to a term`},
		{"empty term", "terms:\n  a: []\ntopics:\n  - id: t\n    any: [$a, x]\n",
			`rules.yaml:2:3: term "a" has no keywords`},
		{"bad term name", "terms:\n  A B: [x]\ntopics:\n  - id: t\n    any: [x]\n",
			`rules.yaml:2:3: term name "A B" may use only`},
		{"term twice", "terms:\n  a: [x]\n  a: [y]\ntopics:\n  - id: t\n    any: [$a]\n",
			`rules.yaml:3:3: key "a" appears twice in terms`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("rules.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// A term no topic uses is reported, with its place, but does not stop the
// rules from loading.
func TestUnusedTermIsAWarning(t *testing.T) {
	got := warningsOf(t, termRules)
	if want := []string{`rules.yaml:4:3: term "spare" is not used by any topic`}; !slices.Equal(got, want) {
		t.Errorf("warnings %q; want %q", got, want)
	}
}

// A keyword written twice in one term (in any case, or with ё for е) is
// pointed at; the same word in two terms is not, since terms are
// different concepts.
func TestRepeatedKeywordIsAWarning(t *testing.T) {
	got := warningsOf(t, "terms:\n  a: [blast, ИГИЛ, Blast, =вооружённый, =вооруженный]\n  b: [blast]\ntopics:\n  - id: t\n    any: [$a, $b]\n")
	want := []string{`rules.yaml:2:20: keyword "Blast" is listed twice in its term`, `rules.yaml:2:41: keyword "=вооруженный" is listed twice in its term`}
	if !slices.Equal(got, want) {
		t.Errorf("warnings %q; want %q", got, want)
	}
}

// warningsOf parses rules.yaml text that must load and returns its warnings.
func warningsOf(t *testing.T, src string) []string {
	t.Helper()
	m, err := Parse("rules.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range m.Warnings() {
		got = append(got, w.Error())
	}
	return got
}

// The shipped rules carry no warning.
func TestDefaultRulesHaveNoWarnings(t *testing.T) {
	m := defaultMatcher(t)
	for _, w := range m.Warnings() {
		t.Error(w)
	}
}
