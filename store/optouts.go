package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OptOut records that address unsubscribed from e-mail at at (the first
// time counts); its digests stop (alerts.Audience).
func (s *Store) OptOut(ctx context.Context, address string, at time.Time) error {
	return s.exec(ctx, "record the opt-out of "+address,
		`INSERT OR IGNORE INTO email_optouts (address, at) VALUES (?, ?)`, OptOutKey(address), millis(at))
}

// OptIn clears address's opt-out, and says whether there was one.
func (s *Store) OptIn(ctx context.Context, address string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM email_optouts WHERE address = ?`, OptOutKey(address))
	if err != nil {
		return false, fmt.Errorf("clear the opt-out of %s: %w", address, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// OptedOut returns the addresses that unsubscribed, in lower case, with
// when. It is read afresh each time: `newsalert email resubscribe`
// changes it from another process.
func (s *Store) OptedOut(ctx context.Context) (map[string]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT address, at FROM email_optouts`)
	if err != nil {
		return nil, fmt.Errorf("read the opt-outs: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var addr string
		var at int64
		if err := rows.Scan(&addr, &at); err != nil {
			return nil, fmt.Errorf("read the opt-outs: %w", err)
		}
		out[addr] = fromMillis(at)
	}
	return out, rows.Err()
}

// OptOutKey is address as it is kept and OptedOut lists it: mail
// providers take addresses in any case, and an opt-out must hold however
// the config spells one.
func OptOutKey(address string) string { return strings.ToLower(strings.TrimSpace(address)) }

// IsOptedOut says whether address unsubscribed (asked before each e-mail).
func (s *Store) IsOptedOut(ctx context.Context, address string) (bool, error) {
	_, out, err := s.OptedOutAt(ctx, address)
	return out, err
}

// OptedOutAt is when address unsubscribed; ok is false when it did not.
func (s *Store) OptedOutAt(ctx context.Context, address string) (at time.Time, ok bool, err error) {
	var ms int64
	err = s.db.QueryRowContext(ctx, `SELECT at FROM email_optouts WHERE address = ?`, OptOutKey(address)).Scan(&ms)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read the opt-out of %s: %w", address, err)
	}
	return fromMillis(ms), true, nil
}
