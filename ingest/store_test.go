package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
)

// testStore is a store on disk and a recorder that writes to it, on a
// clock that stands at t0; the set methods give the recorder other
// options, as the config's stories section would.
type testStore struct {
	*store.Store
	tb   testing.TB
	path string
	opt  Options
	rec  *Recorder
	db   *sql.DB
}

var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func atT0() time.Time { return t0 }

// openAt opens the store at path.
func openAt(tb testing.TB, path string) *testStore {
	tb.Helper()
	st, err := store.Open(context.Background(), path, atT0)
	if err != nil {
		tb.Fatal(err)
	}
	return &testStore{Store: st, tb: tb, path: path, rec: NewRecorder(st, Options{})}
}

func openTemp(tb testing.TB) *testStore { return openAt(tb, filepath.Join(tb.TempDir(), "s.db")) }

func (s *testStore) Add(ctx context.Context, n NewItem) (Added, error) { return s.rec.Add(ctx, n) }

func (s *testStore) AddAll(ctx context.Context, ns []NewItem) ([]Added, error) {
	return s.rec.AddAll(ctx, ns)
}

// KnownItems: the store's (the recorder's says the same).
func (s *testStore) KnownItems(ctx context.Context, keys []string) (map[string]bool, error) {
	return s.Store.KnownItems(ctx, keys)
}

func (s *testStore) set(change func(*Options)) {
	change(&s.opt)
	s.rec = NewRecorder(s.Store, s.opt)
}

func (s *testStore) setClustering(window time.Duration, threshold float64) {
	s.set(func(o *Options) { o.Window, o.Threshold = window, threshold })
}

func (s *testStore) setFollowUps(on bool) { s.set(func(o *Options) { o.FollowUps = on }) }

func (s *testStore) setSureJoins(from float64) { s.set(func(o *Options) { o.SureFrom = from }) }

func (s *testStore) setMeaning(m Meaning, at float64) {
	s.set(func(o *Options) { o.Meaning, o.MeaningAt = m, at })
}

// sql is a second connection to the store's file, for what a test reads
// or changes beside the store's methods.
func (s *testStore) sql() *sql.DB {
	if s.db == nil {
		db, err := sql.Open("sqlite", "file:"+s.path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			s.tb.Fatal(err)
		}
		s.tb.Cleanup(func() { db.Close() })
		s.db = db
	}
	return s.db
}

// weights are the store's word counts.
func (s *testStore) weights() *stories.DocFreq {
	var df *stories.DocFreq
	if err := s.ReadWordWeights(context.Background(), func(d *stories.DocFreq) { df = d }); err != nil {
		s.tb.Fatal(err)
	}
	return df
}

func (s *testStore) loadWeights(ctx context.Context) error {
	return s.ReadWordWeights(ctx, func(*stories.DocFreq) {})
}

func countRows(t *testing.T, s *testStore, table string) (n int) {
	t.Helper()
	if err := s.sql().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
