package telegrambot

import (
	"testing"
	"time"
)

// TestZoneNamesLoad: every zone the bot may store is one Go's tzdata has,
// and the cities it adds name real zones.
func TestZoneNamesLoad(t *testing.T) {
	if len(ianaZones) < 300 {
		t.Fatalf("%d zones: regenerate with go run ./tools/zonenames", len(ianaZones))
	}
	for _, z := range append(append([]string(nil), ianaZones...), regionZones...) {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("zone %s: %v", z, err)
		}
	}
	for city, z := range cities {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("city %s: zone %s: %v", city, z, err)
		}
	}
}
