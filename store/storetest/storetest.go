// Package storetest opens real SQLite stores for tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/store"
)

// Open opens a fresh store on the clock now, in a file of the test's
// temporary folder, closed when the test ends.
func Open(tb testing.TB, now func() time.Time) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"), now)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
