package rules

import (
	"testing"
)

// A one-word place name is part of the longer names of other places that
// hold it as a word, or as a word less the Tajik izofat -и; a word that
// merely begins with it does not hold it.
func TestPartNames(t *testing.T) {
	m := defaultMatcher(t)
	byName := map[string][]int32{}
	for _, tm := range m.terms {
		byName[tm.raw] = append(byName[tm.raw], tm.id)
	}
	partOf := func(short, long string) bool {
		for _, p := range byName[short] {
			for _, q := range m.partOf[p] {
				if m.terms[q].raw == long {
					return true
				}
			}
		}
		return false
	}
	cases := []struct {
		short, long string
		want        bool
	}{
		{"Бадахшон", "Бадахшони Афғонистон", true}, // Tajikistan's, in Afghanistan's name
		{"Бадахшан", "Тоолуу Бадахшан", true},      // Afghanistan's, in Tajikistan's
		{"Бадахшан", "Горный Бадахшан", true},
		{"Толибон", "Теҳрики Толибон", true}, // the Pakistani Taliban
		{"Mari", "San-Marino", false},        // no izofat: only -и or -йи is let off
	}
	for _, c := range cases {
		if got := partOf(c.short, c.long); got != c.want {
			t.Errorf("%s part of %s: %v, want %v", c.short, c.long, got, c.want)
		}
	}
	n := 0
	for _, qs := range m.partOf {
		n += len(qs)
	}
	t.Logf("%d place names are part of a longer name of another place", n)
}
