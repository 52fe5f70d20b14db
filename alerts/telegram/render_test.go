package telegram

import (
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

// wireAlert is a real-looking alert: a Kabul story from a feed tagged
// Kyrgyzstan, matched by two topics through spellings of one phrase.
var wireAlert = alerts.Alert{
	Title:     `Kabul: ISIS-K claims attack on "Taliban" checkpoint`,
	Link:      "https://kaktus.media/doc/1?a=1&b=2",
	Summary:   `Kabul: ISIS-K claims attack on "Taliban" checkpoint. The Islamic State Khorasan Province said on its Amaq channel that its fighters killed four guards at a checkpoint in the west of the city; the Taliban's spokesman denied any losses and said two attackers were detained after a gunfight that lasted about an hour, while residents reported at least two explosions near the checkpoint.`,
	Feed:      "Kaktus",
	Published: time.Date(2026, 12, 4, 8, 5, 0, 0, time.UTC),
	Sources:   3, Outlets: []string{"Kaktus", "24.kg", "Azattyk"},
	Named: []string{"AF"},
	Topics: []alerts.TopicHit{
		{ID: "iskp", Name: "ISKP", Why: []string{`"ISIS-K" (title)`, `"Islamic State Khorasan" (Islamic State Khorasan, text)`,
			`"Islamic State Khorasan Province" (text)`, `"islamic state" (Islamic State, text)`}, Regions: []string{"AF", "KG", "central-asia"}},
		{ID: "attacks", Name: "Attacks", Why: []string{`"attack*" (attack, title)`}, Regions: []string{"AF", "KG"}},
	},
}

func TestRenderAWholeAlert(t *testing.T) {
	tests := []struct {
		lang, html, plain string
	}{
		{"en",
			`<b><a href="https://kaktus.media/doc/1?a=1&amp;b=2">Kabul: ISIS-K claims attack on "Taliban" checkpoint</a></b>
<i>Kaktus · 4 Dec 14:05 (Bishkek) · also reported by 24.kg, Azattyk</i>
The Islamic State Khorasan Province said on its Amaq channel that its fighters killed four guards at a checkpoint in the west of the city; the Taliban's spokesman denied any losses and said two attackers were detained after a gunfight that lasted about an hour, while residents reported at least two…
📍 Afghanistan
🏷 ISKP · Attacks: ISIS-K, Islamic State Khorasan Province, attack`,
			`Kabul: ISIS-K claims attack on "Taliban" checkpoint
Kaktus · 4 Dec 14:05 (Bishkek) · also reported by 24.kg, Azattyk
The Islamic State Khorasan Province said on its Amaq channel that its fighters killed four guards at a checkpoint in the west of the city; the Taliban's spokesman denied any losses and said two attackers were detained after a gunfight that lasted about an hour, while residents reported at least two…
📍 Afghanistan
🏷 ISKP · Attacks: ISIS-K, Islamic State Khorasan Province, attack
https://kaktus.media/doc/1?a=1&b=2`},
		{"ru",
			`<b><a href="https://kaktus.media/doc/1?a=1&amp;b=2">Kabul: ISIS-K claims attack on "Taliban" checkpoint</a></b>
<i>Kaktus · 4 дек 14:05 (Бишкек) · также сообщают: 24.kg, Azattyk</i>
The Islamic State Khorasan Province said on its Amaq channel that its fighters killed four guards at a checkpoint in the west of the city; the Taliban's spokesman denied any losses and said two attackers were detained after a gunfight that lasted about an hour, while residents reported at least two…
📍 Афганистан
🏷 ISKP · Attacks: ISIS-K, Islamic State Khorasan Province, attack`, ""},
	}
	for _, tt := range tests {
		html, plain := Render(alerts.Message{Alert: wireAlert, TimeZone: "Asia/Bishkek", Lang: tt.lang})
		if html != tt.html {
			t.Errorf("%s HTML:\n%s\nwant:\n%s", tt.lang, html, tt.html)
		}
		if tt.plain != "" && plain != tt.plain {
			t.Errorf("%s plain:\n%s\nwant:\n%s", tt.lang, plain, tt.plain)
		}
		if _, err := telegramtest.ParseHTML(html); err != nil {
			t.Errorf("%s: HTML does not parse: %v", tt.lang, err)
		}
	}
	// An entry queued before messages had a language reads in English.
	old, err := alerts.DecodeMessage([]byte(`{"title":"T","feed":"F","published":"2026-12-04T08:05:00Z","topics":[{"id":"a","name":"A","why":["x"]}],"tz":"Asia/Bishkek"}`))
	if err != nil {
		t.Fatal(err)
	}
	if html, _ := Render(old); !strings.Contains(html, "F · 4 Dec 14:05 (Bishkek)") {
		t.Errorf("an old entry:\n%s", html)
	}
}

// Adversarial feed text in every field keeps the message valid HTML
// within Telegram's limit, in both languages.
func TestRenderAdversarialAlerts(t *testing.T) {
	huge := strings.Repeat("<b>&amp; \"x\" ", 3000)
	alertsToTry := []alerts.Alert{
		{Title: huge, Summary: huge, Feed: huge, Link: "https://e.org/" + strings.Repeat("a", 5000),
			Sources: 40, Outlets: []string{huge, huge, "a", "b", "c", "d", "e", "f"},
			Topics:   []alerts.TopicHit{{Name: huge, Why: []string{huge, `"` + huge + `" (` + huge + `, title)`}, Regions: []string{huge}}},
			FollowUp: &alerts.FollowUp{Title: huge, Link: "javascript:x"}},
		{Title: "</a></b><a href=\"javascript:x\">", Summary: "\x1b[2J\u202e<i>", Feed: "<", Topics: []alerts.TopicHit{{Name: "&"}}},
		{Title: strings.Repeat("😀", 5000), Summary: strings.Repeat("😀 ", 5000), Feed: "F", Topics: []alerts.TopicHit{{Name: "T"}}},
	}
	for i, a := range alertsToTry {
		for _, lang := range []string{"en", "ru"} {
			html, plain := Render(alerts.Message{Alert: a, Lang: lang, TimeZone: "Asia/Almaty"})
			if _, err := telegramtest.ParseHTML(html); err != nil {
				t.Errorf("alert %d %s: HTML does not parse: %v", i, lang, err)
			}
			if length(html) > MaxMessage || length(plain) > MaxMessage {
				t.Errorf("alert %d %s: %d / %d UTF-16 units, over %d", i, lang, length(html), length(plain), MaxMessage)
			}
			if strings.Contains(html, `<a href="javascript`) || strings.ContainsAny(plain, "\x1b\u202e") {
				t.Errorf("alert %d %s: unsafe:\n%s", i, lang, html)
			}
		}
	}
}

// A follow-up says so in its reader's language.
func TestFollowUpInTheReadersLanguage(t *testing.T) {
	a := wireAlert
	a.FollowUp = &alerts.FollowUp{Title: "Взрыв в <Кабуле>", Link: "https://e.org/1", At: time.Date(2026, 12, 4, 6, 0, 0, 0, time.UTC)}
	for lang, want := range map[string]string{
		"en": "\n↪ <i>related to an earlier alert (4 Dec 12:00):</i> <a href=\"https://e.org/1\">Взрыв в &lt;Кабуле&gt;</a>",
		"ru": "\n↪ <i>связано с оповещением от 4 дек 12:00:</i> <a href=\"https://e.org/1\">Взрыв в &lt;Кабуле&gt;</a>",
	} {
		html, plain := Render(alerts.Message{Alert: a, Lang: lang, TimeZone: "Asia/Bishkek"})
		if !strings.HasSuffix(html, want) {
			t.Errorf("%s:\n%s\nwant it to end with %q", lang, html, want)
		}
		if !strings.HasSuffix(plain, ": Взрыв в <Кабуле>") {
			t.Errorf("%s plain:\n%s", lang, plain)
		}
	}
}
