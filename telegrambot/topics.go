package telegrambot

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/newsalert/newsalert/language"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/text"
)

// How a chat names a topic: by its id, its name in any language or an
// alias; in any case and either script (ИГИЛ, igil), in an inflected form
// (границе), or by one of its words when only one topic has it (border).

// FindTopic is the topic s names, or nil; when s is a word several topics
// share, those are the maybe.
func FindTopic(ts []*rules.Topic, s string) (found *rules.Topic, maybe []*rules.Topic) {
	q := topicKey(s)
	if q.folded == "" {
		return nil, nil
	}
	for _, t := range ts {
		for _, k := range topicKeys(t) {
			if k.folded == q.folded || k.latin == q.latin {
				return t, nil
			}
		}
	}
	for _, t := range ts {
		if slices.ContainsFunc(topicKeys(t), func(k nameKey) bool { return k.hasWords(q) }) {
			maybe = append(maybe, t)
		}
	}
	if len(maybe) == 1 {
		return maybe[0], nil
	}
	return nil, maybe
}

// ClosestTopics are up to n topics whose id, names or aliases are spelled
// nearest to s, the nearest first; none when nothing is near.
func ClosestTopics(ts []*rules.Topic, s string, n int) []*rules.Topic {
	q := topicKey(s)
	type scored struct {
		t    *rules.Topic
		dist float64
	}
	var near []scored
	for _, t := range ts {
		best := 1.0
		for _, k := range topicKeys(t) {
			best = min(best, k.distance(q))
		}
		if best <= 0.4 {
			near = append(near, scored{t, best})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int { return cmp.Compare(a.dist, b.dist) })
	var out []*rules.Topic
	for _, s := range near[:min(n, len(near))] {
		out = append(out, s.t)
	}
	return out
}

// nameKey is a name as compared: its folded words, the same in Latin
// letters, and their stems.
type nameKey struct {
	folded, latin string
	words, stems  []string
}

func topicKey(s string) nameKey {
	words := language.Words(strings.Trim(s, `"'«»“”„`))
	k := nameKey{folded: strings.Join(words, " "), words: words}
	latin := make([]string, len(words))
	for i, w := range words {
		latin[i] = language.UzbekLatin(w)
		k.stems = append(k.stems, language.Stem(wordLanguage(w), w))
	}
	k.latin = strings.Join(latin, " ")
	return k
}

// topicKeys are the keys of every way t is named.
func topicKeys(t *rules.Topic) []nameKey {
	names := []string{t.ID, t.Name}
	for _, n := range t.Names {
		names = append(names, n)
	}
	names = append(names, t.Aliases...)
	out := make([]nameKey, 0, len(names))
	for _, n := range names {
		out = append(out, topicKey(n))
	}
	return out
}

// hasWords says whether every word of q is a word of k, or has its stem.
func (k nameKey) hasWords(q nameKey) bool {
	for i, w := range q.words {
		if len([]rune(w)) < 3 {
			return false // "в", "of" name nothing
		}
		if !slices.Contains(k.words, w) && !slices.Contains(k.stems, q.stems[i]) &&
			!slices.Contains(k.words, language.UzbekLatin(w)) {
			return false
		}
	}
	return true
}

// distance is how far q is spelled from k (0 the same, 1 nothing alike):
// the edit distance to the whole name or its nearest word, over the
// length of the longer.
func (k nameKey) distance(q nameKey) float64 {
	best := 1.0
	for _, cand := range append([]string{k.folded, k.latin}, k.words...) {
		for _, typed := range []string{q.folded, q.latin} {
			d := float64(text.EditDistance(typed, cand)) / float64(max(len([]rune(typed)), len([]rune(cand)), 1))
			best = min(best, d)
		}
	}
	return best
}

// wordLanguage is the language a folded word is stemmed in: Russian when
// it is written in Cyrillic, else English.
func wordLanguage(w string) language.Lang {
	for _, r := range w {
		if unicode.Is(unicode.Cyrillic, r) {
			return language.Russian
		}
	}
	return language.English
}

func topicName(t *rules.Topic, lang string) string        { return t.NameIn(lang) }
func topicDescription(t *rules.Topic, lang string) string { return t.DescriptionIn(lang) }
