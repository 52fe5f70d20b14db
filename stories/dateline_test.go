package stories

import "testing"

func TestWithoutWireDateline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"DUSHANBE, May 20. /TASS/. Tajikistan's Interior Ministry has published the list", "Tajikistan's Interior Ministry has published the list"},
		{"ТАШКЕНТ, 22 августа. /ТАСС/. Служба государственной безопасности задержала", "Служба государственной безопасности задержала"},
		{"БИШКЕК, 24 июн — Sputnik. Дагестандагы террордук чабуул", "Дагестандагы террордук чабуул"},
		{"АСТАНА. KAZINFORM – Қаза болғандар бар", "Қаза болғандар бар"},
		{"МОСКВА, 3 апр - ПРАЙМ. Мосгорсуд признал законным арест", "Мосгорсуд признал законным арест"}, // a hyphen for the dash
		// A reporter's dateline is where the event was; a lead that opens
		// with an acronym has none.
		{"OSH, Kyrgyzstan -- A group of alleged members of the banned group", "OSH, Kyrgyzstan -- A group of alleged members of the banned group"},
		{"ГКНБ, МВД и прокуратура провели рейды — задержаны трое", "ГКНБ, МВД и прокуратура провели рейды — задержаны трое"},
		{"Khorog: border guards exchange fire", "Khorog: border guards exchange fire"},
	}
	for _, c := range cases {
		if got := withoutWireDateline(c.in); got != c.want {
			t.Errorf("withoutWireDateline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
