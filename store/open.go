package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrEmptyStore marks an empty store file where a store was kept before.
var ErrEmptyStore = errors.New("the store file is empty, but a store was kept there before")

// OpenWriter opens the store at path for the one process that records
// items and sends alerts. It takes the store's writer lock (a
// *LockedError names the holder), refuses an empty file where an earlier
// run kept a store (ErrEmptyStore: it was truncated or replaced, and
// starting afresh would alert everything within the backlog again) unless
// allowEmpty, and refuses a damaged file (PRAGMA quick_check). Close lets
// go of the lock.
func OpenWriter(ctx context.Context, path string, now func() time.Time, allowEmpty bool) (*Store, error) {
	if err := checkLocation(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	lock, err := lockForWriting(path)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && info.Size() == 0 && lock.existed && !allowEmpty {
		lock.release()
		return nil, fmt.Errorf("open store %s: %w (%s is left from it): restore it from a backup, or start afresh with --new-store", path, ErrEmptyStore, lockPath(path))
	}
	s, err := Open(ctx, path, now)
	if err != nil {
		lock.release()
		return nil, err
	}
	s.lock = lock
	if err := s.quickCheck(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	lock.markKept()
	return s, nil
}

// quickCheck runs PRAGMA quick_check: a damaged file is an error that
// says what SQLite found.
func (s *Store) quickCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return fmt.Errorf("check the file: %w", explain(err))
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check the file: %w", explain(err))
		}
		found = append(found, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check the file: %w", explain(err))
	}
	if len(found) == 1 && found[0] == "ok" {
		return nil
	}
	return fmt.Errorf("the file is damaged (quick_check: %s): restore it from a backup", strings.Join(found, "; "))
}

// checkLocation says in plain words why path cannot hold a store, where
// SQLite would only say "unable to open database file (14)". It creates
// the file when it is missing.
func checkLocation(path string) error {
	if err := checkFolder(path); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("%s is a folder, not a file", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err // "open /x/state.db: permission denied"
	}
	return f.Close()
}

// CheckLocation says in plain words why path could not hold a store,
// without creating or opening the store file: its folder must exist and
// take new files (the store, its WAL and its lock file are made there),
// and the file, if there is one, must be a regular file that can be
// opened for writing.
func CheckLocation(path string) error {
	if err := checkFolder(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".newsalert-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create files in folder %s: %w", dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // made at the first start
	case err != nil:
		return err
	case info.IsDir():
		return fmt.Errorf("%s is a folder, not a file", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err // "open /x/state.db: permission denied"
	}
	return f.Close()
}

// checkFolder says why path's folder cannot hold a store file.
func checkFolder(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("folder %s does not exist", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

// SQLite's result codes that have a plainer meaning for a store's user.
const (
	sqliteBusy    = 5
	sqliteCorrupt = 11
	sqliteFull    = 13
	sqliteNotADB  = 26
)

func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == sqliteBusy
}

// explain adds what an SQLite error means for the store to the error.
func explain(err error) error {
	var coded interface{ Code() int }
	if !errors.As(err, &coded) {
		return err
	}
	switch coded.Code() & 0xff {
	case sqliteNotADB:
		return fmt.Errorf("not a store: the file is damaged or another kind of file (%w)", err)
	case sqliteCorrupt:
		return fmt.Errorf("the file is damaged (%w)", err)
	case sqliteFull:
		return fmt.Errorf("the disk is full (%w)", err)
	}
	return err
}
