// Package storetest opens real SQLite stores for tests.
package storetest

import (
	"context"
	"database/sql"
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

// IntegrityCheck runs PRAGMA integrity_check on the store file at path,
// through a connection of its own, and returns the verdict ("ok" when the
// file is sound).
func IntegrityCheck(tb testing.TB, path string) string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&verdict); err != nil {
		tb.Fatal(err)
	}
	return verdict
}
