package yamlstrict

import (
	"strings"
	"testing"
	"time"
)

type doc struct {
	Name    string            `yaml:"name"`
	Every   time.Duration     `yaml:"every"`
	Count   int               `yaml:"count"`
	On      bool              `yaml:"on"`
	Tags    []String          `yaml:"tags"`
	Nested  *nested           `yaml:"nested"`
	Labels  map[string]string `yaml:"labels"`
	Matrix  [][]String        `yaml:"matrix"`
	Ignored string            `yaml:"-"`
}

type nested struct {
	Value string `yaml:"value"`
	Pos   Pos    `yaml:"-"`
}

func TestDecodeKeepsPositions(t *testing.T) {
	var d doc
	src := "name: x\nevery: 90s\ncount: 3\non: true\ntags: [a, b]\nnested:\n  value: v\nlabels: {k: v}\nmatrix: [[p, q], [r]]\n"
	if err := Decode("d.yaml", []byte(src), &d); err != nil {
		t.Fatal(err)
	}
	if d.Name != "x" || d.Every != 90*time.Second || d.Count != 3 || !d.On || d.Labels["k"] != "v" {
		t.Errorf("decoded %+v", d)
	}
	if d.Tags[1].Value != "b" || d.Tags[1].Pos != (Pos{5, 11}) {
		t.Errorf("tag b = %+v, want at 5:11", d.Tags[1])
	}
	if d.Nested.Pos != (Pos{7, 3}) || d.Matrix[1][0].Value != "r" {
		t.Errorf("nested %+v, matrix %+v", d.Nested, d.Matrix)
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	var d doc
	src := "nmae: x\nevery: often\ncount: 1.5\non: yes\ntags: a\nnested: [1]\nname: y\nname: z\n"
	err := Decode("d.yaml", []byte(src), &d)
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`d.yaml:1:1: unknown key "nmae" in the top level (did you mean "name"?)`,
		`d.yaml:2:8: every: "often" is not a duration`,
		`d.yaml:3:8: count: expected a whole number, found "1.5"`,
		`d.yaml:4:5: on: expected true or false, found "yes"`,
		`d.yaml:5:7: tags: expected a list, found "a"`,
		`d.yaml:6:9: nested: expected a mapping of keys, found a list`,
		`d.yaml:8:1: key "name" appears twice in the top level`,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(lines), len(want), err)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("problem %d = %q\nwant        %q", i, lines[i], want[i])
		}
	}
	if Fatal(err) {
		t.Error("type problems are not fatal")
	}
}

func TestDecodeSyntaxErrorIsFatal(t *testing.T) {
	var d doc
	err := Decode("d.yaml", []byte("name: x\ntags: [a\n"), &d)
	if err == nil || !Fatal(err) || !strings.HasPrefix(err.Error(), "d.yaml:") || !strings.Contains(err.Error(), "invalid YAML") {
		t.Errorf("err = %v", err)
	}
}
