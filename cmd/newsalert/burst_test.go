package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
)

// burst are twenty distinct incidents of the region written to the wires'
// templates ("City: event"), as two outlets would publish them within the
// hour, one in Russian and one in English: the same kinds of event, in
// other places, with other counts and groups (composed for this test
// after 24.kg's and AKIpress's headlines).
var burst = [][2]string{
	{"Ош: задержан сторонник ИГИЛ", "Сотрудники ГКНБ задержали в Оше 27-летнего сторонника международной террористической организации ИГИЛ."},
	{"Джалал-Абад: задержан сторонник ИГИЛ", "Сотрудники ГКНБ задержали в Джалал-Абаде 31-летнего сторонника международной террористической организации ИГИЛ."},
	{"Баткен: в перестрелке на границе ранены двое пограничников", "В результате перестрелки на кыргызско-таджикском участке границы в Баткенской области ранены двое пограничников."},
	{"Хорог: в перестрелке на границе погиб пограничник", "На таджикско-афганской границе близ Хорога в перестрелке с контрабандистами погиб пограничник."},
	{"Каракол: осужден член «Хизб ут-Тахрир»", "Суд приговорил жителя Каракола к 5 годам лишения свободы за участие в запрещенной организации «Хизб ут-Тахрир»."},
	{"Андижан: осужден член «Хизб ут-Тахрир»", "Суд в Андижане приговорил 42-летнего мужчину к 7 годам лишения свободы за участие в «Хизб ут-Тахрир»."},
	{"Бишкек: задержаны 4 члена ячейки «Джамаат Ансаруллах»", "ГКНБ задержал в Бишкеке четырех членов ячейки запрещенной организации «Джамаат Ансаруллах»."},
	{"Термез: задержаны 3 вербовщика ИГИЛ", "Служба государственной безопасности Узбекистана задержала в Термезе трех вербовщиков ИГИЛ."},
	{"Шымкент: КНБ задержал 6 сторонников терроризма", "Комитет национальной безопасности задержал в Шымкенте шестерых сторонников террористической идеологии."},
	{"Куляб: осуждены 2 вербовщика ИГИЛ", "Суд в Кулябе приговорил двух вербовщиков ИГИЛ к 12 годам лишения свободы."},
	{"Samarkand: SGB detains IS recruiter", "Uzbekistan's State Security Service detained a recruiter of the Islamic State (ISIS) in Samarkand."},
	{"Osh: GKNB detains two Hizb ut-Tahrir members", "The State Committee for National Security detained two members of the banned Hizb ut-Tahrir in Osh."},
	{"Isfara: Tajik border guard wounded in shootout", "A Tajik border guard was wounded in a shootout on the Tajik-Kyrgyz border near Isfara."},
	{"Vorukh: two killed in border clash", "Two people were killed in a clash on the border near the Vorukh exclave."},
	{"Namangan: court jails ISIS supporter for 8 years", "A court in Namangan sentenced a supporter of ISIS to 8 years in prison."},
	{"Aktobe: KNB detains 5 suspected terrorists", "Kazakhstan's National Security Committee detained five people suspected of terrorism in Aktobe."},
	{"Kunduz: ISKP claims attack on Taliban checkpoint, 3 killed", "The Islamic State Khorasan Province claimed an attack on a Taliban checkpoint in Kunduz that killed three."},
	{"Jalal-Abad: court sentences Ansarullah member to 6 years", "A court in Jalal-Abad sentenced a member of the banned Jamaat Ansarullah to 6 years in prison."},
	{"Tokmok: GKNB detains IS supporter", "The GKNB detained a supporter of the Islamic State (ISIS) in Tokmok."},
	{"Khujand: 4 detained over plot to bomb police station", "Four men were detained in Khujand on suspicion of plotting to bomb a police station, Tajik security services said."},
}

// TestBurstOfIncidentsAlertsEach: twenty distinct incidents published by
// two loopback outlets within the hour reach the subscribed chat as twenty
// alerts, none folded into another's story (issue 26).
func TestBurstOfIncidentsAlertsEach(t *testing.T) {
	now := clock.Wall()
	ru, en := newNewsServer(t), newNewsServer(t)
	ru.items, en.items = nil, nil
	for i, r := range burst {
		outlet := []*newsServer{ru, en}[i/10]
		outlet.items = append(outlet.items, fmt.Sprintf(`<item><title>%s</title><link>%s/burst/%d</link><description>%s</description><pubDate>%s</pubDate></item>`,
			r[0], outlet.URL, i, r[1], now.Add(-time.Duration(60-3*i)*time.Minute).Format(time.RFC1123Z)))
	}
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	t.Setenv("NEWSALERT_TELEGRAM_TOKEN", testToken)
	cfg := writeConfig(t, ru.URL, api.Endpoint(), "")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The second outlet's feed follows the first in the config's feeds.
	text := strings.Replace(string(data), "    name: Asia news\n", "    name: Asia news\n  - url: "+en.URL+"\n    name: Central Asia wire\n", 1)
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	msgs := api.MessagesTo("777")
	for _, r := range burst {
		n := 0
		for _, m := range msgs {
			if strings.Contains(m.Text, r[0]) && !strings.Contains(m.Text, "earlier alert") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q reached the chat as %d alerts, want 1", r[0], n)
		}
	}
	if len(msgs) != len(burst) {
		t.Errorf("%d messages for %d incidents\n%s", len(msgs), len(burst), stdout)
	}
}
