package stories

// stopword lists the English and Russian function words (and the commonest
// news words) that say nothing about which story an item tells.
var stopword = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		// English
		"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as",
		"is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these",
		"those", "he", "she", "they", "we", "you", "his", "her", "their", "our", "not", "no", "will", "would",
		"can", "could", "after", "before", "over", "into", "about", "than", "more", "who", "which", "what",
		"when", "where", "said", "says", "say", "also", "up", "out", "new", "two", "one", "s", "year", "years",
		// Russian
		"и", "в", "во", "на", "с", "со", "по", "к", "ко", "о", "об", "от", "до", "из", "за", "у", "для", "при",
		"не", "что", "это", "как", "а", "но", "же", "ли", "бы", "его", "ее", "их", "он", "она", "они", "мы",
		"был", "была", "были", "было", "быть", "также", "так", "уже", "еще", "после", "перед", "над", "под",
		"между", "через", "который", "которая", "которые", "году", "года", "год", "заявил", "заявила",
		"сообщил", "сообщила", "сообщили", "словам", "время",
	} {
		m[w] = true
	}
	return m
}()
