package stories

// BringsNews reports whether an item that may tell the story of an earlier
// report — joined to it short of sure, or near it — brings what that report
// did not say: a number in its title the report does not have (casualties,
// detainees: "3 killed" after "2 killed"), or a place of the gazetteer its
// title names that the report does not mention. Such an item is news to a
// reader of the earlier alert, not a quiet follow-up of it.
func BringsNews(item, told Fingerprint) bool {
	for i, e := range item.Entities {
		if kindOf(item, i) == Number && !contains(told.Words, e) {
			return true
		}
	}
	for _, p := range item.Places {
		if !contains(told.Words, p) {
			return true
		}
	}
	return false
}
