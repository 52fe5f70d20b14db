package main

import "testing"

func TestWithoutQualifier(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Мьянма (Бирма)", "Мьянма"},
		{"Gonkong (Xitoy MMH)", "Gonkong"},
		{"Кокос (Килинг) аралдары", ""}, // the name goes on after the brackets
		{"Мянма", ""},
		{"", ""},
	} {
		if got := withoutQualifier(c.name); got != c.want {
			t.Errorf("withoutQualifier(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
