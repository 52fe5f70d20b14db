package rules

// Place is a place of the built-in gazetteer: the ISO code of its country,
// its kind ("country", "province" or "city") and the names it is known by.
type Place struct {
	Country, Kind string
	Names         []string
}

// Places returns the built-in gazetteer's places, parsed once with its
// regions; callers must not change them.
func Places() []Place { return builtin().list }
