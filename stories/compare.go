package stories

import (
	"slices"
	"strings"
)

// How two reports compare: by their words in one language, by their
// evidence across two, and what keeps two reports of one act apart or
// makes two outlets' reports of one day one story.

// Compare scores two candidates: by their words within one language (or
// where either's language is not told), by their evidence across two
// (cross). Apart says why they cannot be one story ("" when they may).
func Compare(a, b Fingerprint, w Weights) (score float64, cross bool, apart string) {
	cross = a.Lang != "" && b.Lang != "" && a.Lang != b.Lang
	if daysApart(a.Days, b.Days) {
		return 0, cross, ApartDays
	}
	if cross {
		score, apart = CrossScore(a, b)
		return score, true, apart
	}
	l, apart := apartOf(a, b)
	if apart != "" {
		return 0, false, apart
	}
	score = Score(a, b, w)
	switch {
	case score >= Overwhelming: // one story, whatever its details
	case l.detailsCrossed():
		return 0, false, ApartDetails
	case sameActNoDetail(a, b):
		return 0, false, ApartNoDetail
	}
	return score, false, ""
}

// sameActNoDetail: the two reports tell one act (a concept of the rules'
// term lists in common: detained, attack) and share no detail that tells
// one such act from another — no place of the gazetteer, number, date or
// name. An outlet's template tells each arrest of Hizb ut-Tahrir's members
// in the same words; what makes two reports one arrest is where, how many
// or who. A country is no such detail: the region's security news names
// one in nearly every report; nor is the security service that reports
// the arrest (serviceNames).
func sameActNoDetail(a, b Fingerprint) bool {
	k := sharedEvidence(a, b)
	return k[EvConcept]+k[EvGroup] > 0 && k[EvPlace]+k[EvNumber]+k[EvDate] == 0 && !sharesRareAct(a, b) &&
		!sharesBut(a, b, EvName, serviceNames)
}

// sharesBut: a and b share a piece of evidence of kind that is none of
// except (a name that is no security service's, an act that is no count
// of victims).
func sharesBut(a, b Fingerprint, kind EvidenceKind, except map[uint32]bool) bool {
	for i, x := range a.Evidence {
		if a.EvKinds[i] == kind && !except[x] && contains(b.Evidence, x) {
			return true
		}
	}
	return false
}

// serviceNames are the names (as evidence) of the security services that
// report most arrests: the reporter, not a detail of the arrest.
var serviceNames = func() map[uint32]bool {
	out := map[uint32]bool{}
	for _, w := range securityServices {
		out[hash32("x:"+skeleton(w))] = true
	}
	return out
}()

// securityServices are the acronyms of the region's and Russia's security
// services.
var securityServices = strings.Fields("укмк гкнб кнб ұқк дхх сгб снб кдам фсб мнб gknb knb dxx sgb snb fsb mnb scns")

// RareActs are the concepts (term lists of the default rules) of acts a
// country sees seldom: two reports of an act of terror or a prison riot in
// one country within the story window tell one event, though they share
// no detail ("IS behind deadly prison riot, say Tajikistan" and "Prison
// riot in Tajikistan leaves 32 dead"); arrests, sentences and border
// shootings recur, and their template tells each alike.
var RareActs = []string{"terror-acts", "prison-riots"}

var rareActEvidence = func() []uint32 {
	out := make([]uint32, len(RareActs))
	for i, c := range RareActs {
		out[i] = hash32("c:" + c)
	}
	return out
}()

// sharesRareAct: both reports tell one of RareActs.
func sharesRareAct(a, b Fingerprint) bool {
	return slices.ContainsFunc(rareActEvidence, func(h uint32) bool { return contains(a.Evidence, h) && contains(b.Evidence, h) })
}

// Overwhelming is the Score from which two reports whose details cross (a
// count in one, a place in the other, each lacking the other's), or that
// tell one act and share no detail of it, are still one story: an
// outlet's template tells two events with the same words
// ("Members of Hizb ut-Tahrir detained in Batken region", "22 members of
// Hizb ut-Tahrir detained in Kyrgyzstan" score 0.40 among the region's
// reports, and from 0.5 in a store that has read the world's news, where
// the region's words are rarer), a retelling says more of the same
// ("Tajik and Kyrgyz border guards exchange fire in Batken", "Shootout on
// Kyrgyz-Tajik border wounds two guards": 1.03).
const Overwhelming = 0.6

// Corroborates: two reports tell one act in one place or of one count —
// they share a concept of the rules' term lists that is no group (what
// happened, not who did it) and a place, a country or a number (three men
// charged with supporting IS, in New York as one says and the other does
// not), and name no groups but the same. For reports their outlets dated within hours of
// each other, that is what makes a retelling one story: the region's
// outlets retell a border clash or an arrest naming only the countries
// and the act, and only the time tells that retelling from another
// such act (see ingest.Policy.CloseWithin). A country beyond the region
// is not enough: world news names one in every report; nor is violence
// alone in one country (a blast at a military site, attacks on a front).
func Corroborates(a, b Fingerprint) bool {
	k := sharedEvidence(a, b)
	if k[EvConcept] == 0 || k[EvPlace]+k[EvCountry]+k[EvNumber] == 0 {
		return false
	}
	if k[EvConcept] == 1 && k[EvPlace]+k[EvNumber] == 0 && contains(a.Evidence, violence) && contains(b.Evidence, violence) {
		return false
	}
	kindsA, _ := evidenceKinds(a)
	kindsB, _ := evidenceKinds(b)
	return kindsA[EvGroup] == 0 || kindsB[EvGroup] == 0 || k[EvGroup] > 0
}

// Mishaps are the concepts (term lists of the default rules) of accidents
// and disasters: a country counts the victims of several in a day, and a
// count of victims tells one act only when it is no mishap.
var Mishaps = []string{"accidents", "crashes", "disasters"}

// Victims is the concept (term list of the default rules) of an act's
// dead and wounded.
const Victims = "victims"

var victimsEvidence = hash32("c:" + Victims)

// noActs are the concepts no count of victims tells apart: the victims
// themselves and Mishaps.
var noActs = func() map[uint32]bool {
	out := map[uint32]bool{victimsEvidence: true}
	for _, c := range Mishaps {
		out[hash32("c:"+c)] = true
	}
	return out
}()

// SuccessiveTolls: two reports that count the victims of one act (a
// concept besides the victims, no mishap) in one place (Corroborates, and
// no places apart); their counts differ as the toll rises.
func SuccessiveTolls(a, b Fingerprint) bool {
	return contains(a.Evidence, victimsEvidence) && contains(b.Evidence, victimsEvidence) &&
		sharesBut(a, b, EvConcept, noActs) && !evidencePlacesApart(a, b) && Corroborates(a, b)
}
