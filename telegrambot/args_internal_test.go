package telegrambot

import (
	"slices"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	tests := map[string][]string{
		"iskp, terrorism":        {"iskp", "terrorism"},
		`"Islamic State" border`: {"Islamic State", "border"},
		"«Исламское государство»,граница": {"Исламское государство", "граница"},
		"“Islamic State”": {"Islamic State"},
		"  ":              nil,
		"Asia/Bishkek":    {"Asia/Bishkek"},
		`"unclosed quote`: {"unclosed quote"},
		"l'Etat":          {"l'Etat"},
	}
	for in, want := range tests {
		if got := splitArgs(in); !slices.Equal(got, want) {
			t.Errorf("splitArgs(%q) = %q, want %q", in, got, want)
		}
	}
}
