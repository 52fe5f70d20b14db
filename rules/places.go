package rules

import (
	"strings"
	"sync"
)

// Place is a place of the built-in gazetteer: the ISO code of its country,
// its kind ("country", "province" or "city") and the names it is known by.
type Place struct {
	Country, Kind string
	Names         []string
}

// Places returns the built-in gazetteer's places, parsed once; callers
// must not change them.
func Places() []Place { return builtinPlaces() }

var builtinPlaces = sync.OnceValue(func() []Place {
	var out []Place
	for _, line := range strings.Split(gazetteerTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "@") {
			continue
		}
		col := strings.Split(line, "\t") // regions, kind, name, population, names (checked by builtin)
		country, _, _ := strings.Cut(col[0], ",")
		out = append(out, Place{Country: country, Kind: col[1], Names: strings.Split(col[4], "|")})
	}
	return out
})
