package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/feeds"
)

// FillUp makes the database full, as a full disk would, for the tests of
// package store_test: SQLite may no longer grow the file (PRAGMA
// max_page_count, on the store's one connection) and the outbox's page is
// filled to its last bytes by a row that is never due, so that any write
// lengthening an outbox row (marking an entry sent) needs a page it cannot
// have and fails with SQLITE_FULL, "database or disk is full". The outbox
// must fit in one page (a few entries).
func FillUp(tb testing.TB, s *Store) {
	tb.Helper()
	ctx := context.Background()
	mustExec := func(q string, args ...any) {
		if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
			tb.Fatal(err)
		}
	}
	mustExec("CREATE TABLE test_filler (b BLOB)")
	mustExec(`INSERT INTO outbox (destination, item_key, payload, status, next_attempt, created_at)
		VALUES ('filler:0', 'filler', x'', 'failed', 0, 0)`)
	var pages int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		tb.Fatal(err)
	}
	mustExec(fmt.Sprintf("PRAGMA max_page_count = %d", pages))
	// The free pages first, a filler row a page; then the outbox's page,
	// to the byte: the largest filler row that fits, found by halving.
	for {
		_, err := s.db.ExecContext(ctx, "INSERT INTO test_filler VALUES (zeroblob(3000))")
		if isFull(tb, err) {
			break
		}
	}
	fits, tooBig := 0, 1<<16
	for tooBig-fits > 1 {
		n := (fits + tooBig) / 2
		_, err := s.db.ExecContext(ctx, "UPDATE outbox SET payload = zeroblob(?) WHERE destination = 'filler:0'", n)
		if isFull(tb, err) {
			tooBig = n
		} else {
			fits = n
		}
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE outbox SET payload = zeroblob(?) WHERE destination = 'filler:0'", fits); err != nil {
		tb.Fatal(err)
	}
}

// MakeRoom lets the database grow again, as freeing the disk would.
func MakeRoom(tb testing.TB, s *Store) {
	tb.Helper()
	if _, err := s.db.ExecContext(context.Background(), "PRAGMA max_page_count = 1073741823"); err != nil {
		tb.Fatal(err)
	}
}

func isFull(tb testing.TB, err error) bool {
	tb.Helper()
	if err != nil && !strings.Contains(err.Error(), "database or disk is full") {
		tb.Fatal(err)
	}
	return err != nil
}

// AllFeedStates returns the state of every feed ever polled, by URL.
func (s *Store) AllFeedStates(ctx context.Context) ([]feeds.State, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+feedColumns+" FROM feeds ORDER BY url")
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	var out []feeds.State
	for rows.Next() {
		st, err := scanFeedState(rows)
		if err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
