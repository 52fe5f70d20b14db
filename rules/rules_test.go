package rules

import (
	"os"
	"strings"
	"testing"
)

func TestParseReportsProblemsWithPositions(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // each must appear in the error text
	}{
		{"unknown key with suggestion", "topics:\n  - id: a\n    anny: [x]\n",
			[]string{`rules.yaml:3:5: unknown key "anny" in topics[0] (did you mean "any"?)`}},
		{"wrong type", "topics:\n  - id: a\n    any: 42\n",
			[]string{`rules.yaml:3:10: topics[0].any: expected a list, found "42"`}},
		{"empty topic", "topics:\n  - id: a\n    name: A\n",
			[]string{`rules.yaml:2:5: topic "a" is empty`}},
		{"duplicate id", "topics:\n  - id: a\n    any: [x]\n  - id: a\n    any: [y]\n",
			[]string{`rules.yaml:4:5: topic id "a" is used twice`}},
		{"unknown region with suggestion", "topics:\n  - id: a\n    any: [x]\n    regions: [kyrgystan]\n",
			[]string{`rules.yaml:4:15: unknown region "kyrgystan" (did you mean "kyrgyzstan"?)`}},
		{"invalid regex", "topics:\n  - id: a\n    any: [\"regex:(oops\"]\n",
			[]string{`rules.yaml:3:11: invalid regex "(oops"`}},
		{"bad delivery", "topics:\n  - id: a\n    any: [x]\n    delivery: later\n",
			[]string{`delivery must be "immediate" or "digest", not "later"`}},
		{"id with spaces", "topics:\n  - id: A B\n    any: [x]\n",
			[]string{`id may use only a-z, 0-9, - and _`}},
		{"keyword without letters", "topics:\n  - id: a\n    any: [\"--\"]\n",
			[]string{`rules.yaml:3:11: keyword "--" has no letters or digits`}},
		{"no topics", "regions: []\n", []string{"no topics"}},
		{"syntax error", "topics:\n  - id: a\n   any: [x\n", []string{"rules.yaml:", "invalid YAML"}},
		{"empty file", "", []string{"rules.yaml:1:1: file is empty"}},
		{"unknown top-level key", "topic:\n  - id: a\n", []string{`rules.yaml:1:1: unknown key "topic" in the top level (did you mean "topics"?)`}},
		{"names by a word, not a language code", "topics:\n  - id: a\n    any: [x]\n    names: {russian: А}\n",
			[]string{`rules.yaml:4:13: topic "a": "russian" is not a language code`}},
		{"empty name in a language", "topics:\n  - id: a\n    any: [x]\n    descriptions:\n      ru: \"\"\n",
			[]string{`rules.yaml:5:7: topic "a": the ru text is empty`}},
		{"alias naming another topic", "topics:\n  - id: isis\n    any: [x]\n  - id: b\n    any: [y]\n    aliases: [ИГИЛ, ISIS]\n",
			[]string{`rules.yaml:6:21: topic "b": alias "ISIS" already names topic "isis"`}},
		{"names not a mapping", "topics:\n  - id: a\n    any: [x]\n    names: Б\n",
			[]string{`rules.yaml:4:12: topics[0].names: expected a mapping`}},
		{"several problems at once", "topics:\n  - id: a\n    anny: [x]\n  - id: b\n    any: [y]\n    regions: [mars]\n",
			[]string{`3:5: unknown key "anny"`, `6:15: unknown region "mars"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("rules.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("Parse succeeded; want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoadMalformedFileFromDisk(t *testing.T) {
	_, err := Load("testdata/malformed.yaml")
	if err == nil {
		t.Fatal("Load succeeded on a malformed file")
	}
	for _, w := range []string{
		`testdata/malformed.yaml:4:5: unknown key "anny"`,
		`testdata/malformed.yaml:6:10: topics[1].any: expected a list`,
		`testdata/malformed.yaml:7:5: topic "nothing" is empty`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n%v", w, err)
		}
	}
}

func TestDefaultRulesFileIsValid(t *testing.T) {
	m, err := Load("../rules.yaml")
	if err != nil {
		t.Fatalf("the shipped rules.yaml does not load: %v", err)
	}
	want := []string{"iskp", "terrorism", "attacks", "extremist-arrests", "propaganda", "border-incidents"}
	for _, id := range want {
		if m.Topic(id) == nil {
			t.Errorf("rules.yaml lacks topic %q", id)
		}
	}
	data, _ := os.ReadFile("../rules.yaml")
	if !strings.Contains(string(data), "ИГИЛ") {
		t.Error("rules.yaml has no Russian keywords for ISKP")
	}
}

// TestNamesByLanguage: names:, descriptions: and aliases: beside name: and
// description: (which stay valid alone).
func TestNamesByLanguage(t *testing.T) {
	m, err := Parse("rules.yaml", []byte(`topics:
  - id: islamic-state
    name: Islamic State in the region
    description: The Islamic State in Central Asia
    names: {ru: Исламское государство в регионе}
    descriptions:
      ru: Исламское государство в Центральной Азии
    aliases: [ИГИЛ, ISIS, Daesh]
    any: [x]
  - id: plain
    name: Plain
    any: [y]
`))
	if err != nil {
		t.Fatal(err)
	}
	is, plain := m.Topic("islamic-state"), m.Topic("plain")
	for _, c := range []struct{ got, want string }{
		{is.NameIn("ru"), "Исламское государство в регионе"},
		{is.NameIn("en"), "Islamic State in the region"},
		{is.NameIn("uz"), "Islamic State in the region"},
		{is.DescriptionIn("ru"), "Исламское государство в Центральной Азии"},
		{plain.NameIn("ru"), "Plain"},
		{strings.Join(is.Aliases, ","), "ИГИЛ,ISIS,Daesh"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
