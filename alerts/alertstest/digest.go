package alertstest

import (
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// SampleDigest is a day of an analyst's digest in lang, built as the
// scheduler builds one: three topics, a story under two of them, a
// story reported by three outlets, one that goes on from the day before,
// a title too long to show whole; the period ends at until.
func SampleDigest(lang string, until time.Time) alerts.Digest {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	at := func(h, m int) time.Time { return until.Add(-time.Duration(h)*time.Hour - time.Duration(m)*time.Minute) }
	item := func(key, feed, title, summary string, published time.Time) feeds.Item {
		return feeds.Item{Key: key, FeedName: feed, Title: title, Summary: summary, Link: "https://" + feed + "/news/" + key,
			Published: published, FirstSeen: published}
	}
	m := func(it feeds.Item, topic string, story int64, why []string, regions ...string) store.MatchedItem {
		return store.MatchedItem{Item: it, Topic: topic, StoryID: story, Why: why, Regions: regions}
	}
	osh := item("osh", "24.kg", "Ош: двое задержаны за экстремистские посты в соцсетях, у них изъяли литературу ИГИЛ",
		"Сотрудники ГКНБ задержали в Оше двух жителей области, которые, по данным ведомства, распространяли в соцсетях материалы запрещённой группировки «Исламское государство» и вербовали сторонников среди трудовых мигрантов.", at(3, 10))
	oshKaktus := item("osh-k", "kaktus.media", "В Оше задержали двух вербовщиков ИГИЛ", "", at(2, 40))
	oshAkip := item("osh-a", "akipress.org", "ГКНБ: в Оше задержаны двое сторонников ИГ", "", at(2, 5))
	dushanbe := item("dush", "asiaplustj.info", "В Душанбе начался суд над группой, готовившей теракт по заданию ИГИЛ-Хорасан",
		"Верховный суд Таджикистана приступил к рассмотрению дела восьми человек; по версии следствия, они получали указания от куратора в Афганистане.", at(6, 0))
	dushanbe.Key = "dush"
	long := item("long", "fergana.news", strings.Repeat("Очень длинный заголовок агентства о ситуации на таджикско-афганской границе, ", 4),
		"Пограничники сообщили о перестрелке на участке заставы «Шамбары».", at(1, 30))
	border := item("border", "kabar.kg", "На кыргызско-таджикской границе прошли переговоры о делимитации", "", at(8, 0))
	tashkent := item("tash", "gazeta.uz", "В Ташкенте осуждены трое за финансирование терроризма", "", at(10, 0))
	matches := []store.MatchedItem{
		m(osh, "iskp", 1, []string{`"ИГИЛ" (ИГИЛ, title)`, `"ИГИЛ*" (ИГИЛ, summary)`, `"игил" (ИГИЛ, title)`}, "KG"),
		m(dushanbe, "iskp", 2, []string{`"ИГИЛ-Хорасан"`}, "TJ", "AF"),
		m(osh, "terrorism", 1, []string{`"вербов*" (вербовали, summary)`}, "KG"),
		m(oshKaktus, "iskp", 1, []string{`"ИГИЛ"`}, "KG"),
		m(oshAkip, "terrorism", 1, []string{`"ИГ"`}, "KG"),
		m(tashkent, "terrorism", 3, []string{`"терроризм*" (терроризма, title)`}, "UZ"),
		m(long, "border", 4, []string{`"граница" (границе, title)`}, "TJ", "AF"),
		m(border, "border", 5, []string{`"граница" (границе, title)`}, "KG", "TJ"),
	}
	matches[1].Earlier = store.EarlierReport{Title: "В Таджикистане задержана ячейка ИГИЛ-Хорасан", MatchedAt: until.Add(-50 * time.Hour)}
	names := map[string][3]string{"en": {"ISKP", "Terrorism", "Border incidents"}, "ru": {"ИГИЛ-Хорасан", "Терроризм", "Инциденты на границе"}}[lang]
	topics := []*rules.Topic{{ID: "iskp", Name: names[0]}, {ID: "terrorism", Name: names[1]}, {ID: "border", Name: names[2]}}
	d := alerts.BuildDigest(matches, topics, until.Add(-24*time.Hour), until, almaty)
	d.Lang, d.Destination = lang, "email:analyst@example.org"
	d.Following = []string{names[0], names[1], names[2]}
	d.Schedule = alerts.DigestSchedule{DailyAt: "08:00"}
	return d
}
