package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

// bandsSharing makes a fingerprint whose bands are its own (unique to
// key) but for the first words and cross bands, which are the new item's.
func bandsSharing(key string, words, cross int) stories.Fingerprint {
	fp := stories.Fingerprint{Words: []uint32{1}, Bands: make([]uint64, maxBands)}
	for i := range fp.Bands {
		fp.Bands[i] = uint64(1_000_000 + 1000*len(key) + 100*int(key[len(key)-1]) + i)
	}
	for i := range words {
		fp.Bands[i] = uint64(i + 1)
	}
	for i := range cross {
		fp.Bands[stories.NumBands+i] = uint64(stories.NumBands + i + 1)
	}
	return fp
}

func TestCandidates(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "store.db"))
	defer s.Close()
	stored := []struct {
		key          string
		words, cross int
		at           time.Duration // from t0
		noPrint      bool
	}{
		{"a", 3, 0, -time.Hour, false},
		{"b", 1, 0, -time.Hour, false},
		{"c", 2, 0, -2 * time.Hour, false},
		{"d", 0, 2, -time.Hour, false},       // another language: shares evidence only
		{"e", 0, 1, -time.Hour, false},       // less evidence than d
		{"f", 3, 2, -time.Hour, false},       // a words' candidate first, not again
		{"g", 5, 0, -100 * time.Hour, false}, // outside the window
		{"h", 4, 0, -time.Hour, true},        // stored without a fingerprint
		{"i", 1, 0, -3 * time.Hour, false},   // no date of its own, but its poll's
	}
	for _, st := range stored {
		it := item(st.key)
		it.Published, it.FirstSeen = t0.Add(st.at), t0.Add(st.at)
		it.DateEstimated = st.key == "c" || st.key == "i" // its feed gave no date
		it.DatedByPoll = st.key == "i"
		fp := bandsSharing(st.key, st.words, st.cross)
		if st.noPrint {
			fp.Words = nil
		}
		record(t, s, it, fp)
	}
	newItem := item("new")
	fp := bandsSharing("new", stories.NumBands, stories.CrossBands)
	want := []string{"a", "f", "c", "b", "i", "d", "e"} // by words' bands shared (of equal, the lesser key), then evidence's

	var got []string
	err := s.Update(context.Background(), func(tx *Tx) error {
		cands, err := tx.Candidates(newItem, fp, 48*time.Hour)
		got = keysOf(cands)
		return err
	})
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Tx.Candidates = %v, %v; want %v", got, err, want)
	}
	cands, err := s.Candidates(context.Background(), newItem, fp, 48*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		// The outlet's date where it gave one, or its poll's (what ingest's
		// closeness needs).
		if c.Key == "a" && !c.Published.Equal(t0.Add(-time.Hour)) || c.Key == "c" && !c.Published.IsZero() ||
			c.Key == "i" && !c.Published.Equal(t0.Add(-3*time.Hour)) {
			t.Errorf("candidate %s published %v", c.Key, c.Published)
		}
	}
	cands, err = s.Candidates(context.Background(), newItem, fp, 48*time.Hour)
	if got := keysOf(cands); err != nil || !slices.Equal(got, want) {
		t.Errorf("Store.Candidates = %v, %v; want %v", got, err, want)
	}
}

// TestCandidatesAreBounded: a band shared by many stored items is read to
// perBand of them, and at most maxCandidates (then maxCross) are compared.
func TestCandidatesAreBounded(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "store.db"))
	defer s.Close()
	for i := range 80 {
		it := item(fmt.Sprintf("w%02d", i))
		it.Published = t0.Add(-time.Duration(i) * time.Minute)
		record(t, s, it, bandsSharing(it.Key, 1, 0))
		it = item(fmt.Sprintf("x%02d", i))
		it.Published = t0.Add(-time.Duration(i) * time.Minute)
		record(t, s, it, bandsSharing(it.Key, 0, 1))
	}
	cands, err := s.Candidates(context.Background(), item("new"), bandsSharing("new", 1, 1), 48*time.Hour)
	keys := keysOf(cands)
	if err != nil || len(keys) != maxCandidates+maxCross {
		t.Fatalf("%d candidates (%v); want %d", len(keys), err, maxCandidates+maxCross)
	}
	for _, k := range keys[:maxCandidates] {
		if !strings.HasPrefix(k, "w") || k >= fmt.Sprintf("w%02d", perBand) {
			t.Errorf("words' candidate %s: want one of the newest %d sharing the band", k, perBand)
		}
	}
	for _, k := range keys[maxCandidates:] {
		if !strings.HasPrefix(k, "x") || k >= fmt.Sprintf("x%02d", perCrossBand) {
			t.Errorf("evidence's candidate %s: want one of the newest %d sharing the band", k, perCrossBand)
		}
	}
}

// TestCandidatesReadTheIndexAlone: each band's range is read from the
// band index, which holds the item key (no table row per entry).
func TestCandidatesReadTheIndexAlone(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "store.db"))
	defer s.Close()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+candidatesSQL, 0, 1, "[1]")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	covered := 0
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail, "story_bands") && !strings.Contains(detail, "COVERING INDEX story_bands_band (band=? AND at>? AND at<?)") {
			t.Errorf("plan reads the bands by %q", detail)
		}
		if strings.Contains(detail, "COVERING INDEX story_bands_band") {
			covered++
		}
	}
	if covered != maxBands {
		t.Errorf("%d band ranges read from the index; want %d", covered, maxBands)
	}
}

func record(t *testing.T, s *Store, it feeds.Item, fp stories.Fingerprint) {
	t.Helper()
	err := s.Update(context.Background(), func(tx *Tx) error {
		story, err := tx.StartStory(it)
		if err != nil {
			return err
		}
		return tx.Insert(NewItem{Item: it, Story: story, Fingerprint: fp})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func keysOf(cands []Candidate) []string {
	var keys []string
	for _, c := range cands {
		keys = append(keys, c.Key)
	}
	return keys
}
