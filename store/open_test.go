package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One writer per store: a second OpenWriter is refused, naming the
// holder's pid, until the first closes.
func TestOpenWriterIsAloneOnAStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	first, err := OpenWriter(ctx, path, atT0, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenWriter(ctx, path, atT0, false)
	var locked *LockedError
	if !errors.As(err, &locked) || locked.PID != os.Getpid() || !strings.Contains(err.Error(), fmt.Sprintf("in use by another newsalert (pid %d)", os.Getpid())) {
		t.Fatalf("second writer: %v; want it refused, naming pid %d", err, os.Getpid())
	}
	reader, err := Open(ctx, path, atT0) // the read-only commands still open it
	if err != nil {
		t.Fatalf("a reader beside the writer: %v", err)
	}
	reader.Close()
	first.Close()
	again, err := OpenWriter(ctx, path, atT0, false)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	again.Close()
}

// A store file emptied where a store was kept (its lock file is left) is
// refused, unless asked; a new store, or an empty file never used as one,
// is not.
func TestOpenWriterRefusesAnEmptiedStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s, err := OpenWriter(ctx, path, atT0, false)
	if err != nil {
		t.Fatalf("a new store: %v", err)
	}
	if _, err := addItem(t, s, item("a"), nil, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err = OpenWriter(ctx, path, atT0, false)
	if !errors.Is(err, ErrEmptyStore) || !strings.Contains(err.Error(), "--new-store") {
		t.Fatalf("emptied store: %v; want ErrEmptyStore, saying how to start afresh", err)
	}
	s, err = OpenWriter(ctx, path, atT0, true)
	if err != nil {
		t.Fatalf("emptied store, asked to start afresh: %v", err)
	}
	s.Close()

	touched := filepath.Join(dir, "touched.db")
	os.WriteFile(touched, nil, 0o644)
	s, err = OpenWriter(ctx, touched, atT0, false)
	if err != nil {
		t.Fatalf("an empty file no store was kept in: %v", err)
	}
	s.Close()

	// A first run killed while it made its store leaves an empty file and
	// a lock file that says so: the next run makes the store.
	killed := filepath.Join(dir, "killed.db")
	os.WriteFile(killed, nil, 0o644)
	os.WriteFile(killed+".lock", []byte("4242\nopening\n"), 0o644)
	if s, err = OpenWriter(ctx, killed, atT0, false); err != nil {
		t.Fatalf("the empty file of a first run killed while making it: %v", err)
	}
	s.Close()
	// A lock file of a version that wrote only its pid counts as a store kept.
	old := filepath.Join(dir, "old.db")
	os.WriteFile(old, nil, 0o644)
	os.WriteFile(old+".lock", []byte("4242\n"), 0o644)
	if _, err = OpenWriter(ctx, old, atT0, false); !errors.Is(err, ErrEmptyStore) {
		t.Fatalf("an emptied store of an older version: %v; want ErrEmptyStore", err)
	}
}

// A damaged store is refused with what SQLite found, not opened and
// failed at every write.
func TestOpenWriterRefusesADamagedStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		spoil func(f *os.File, size int64)
		want  string
	}{
		{"garbage pages", func(f *os.File, size int64) { f.WriteAt(garbage(int(size/2)), size/4) }, "damaged"},
		{"garbage at the end", func(f *os.File, size int64) { f.WriteAt(garbage(int(size/4)), size*3/4) }, "quick_check"},
		{"garbage header", func(f *os.File, _ int64) { f.WriteAt(garbage(100), 0) }, "not a store"},
	} {
		path := filepath.Join(dir, tc.name+".db")
		s, err := OpenWriter(ctx, path, atT0, false)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 300 {
			addItem(t, s, item(fmt.Sprint("item-", i)), nil, nil)
		}
		s.Close()
		info, _ := os.Stat(path)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		tc.spoil(f, info.Size())
		f.Close()
		_, err = OpenWriter(ctx, path, atT0, false)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v; want an error naming the file and saying %q", tc.name, err, tc.want)
		}
	}
}

func garbage(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*131 + 7)
	}
	return b
}

// Where a store cannot be, the error says why in plain words.
func TestOpenSaysWhyAStoreCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "folder.db"), 0o755)
	for path, want := range map[string]string{
		filepath.Join(dir, "missing", "s.db"): "folder " + filepath.Join(dir, "missing") + " does not exist",
		filepath.Join(dir, "folder.db"):       "is a folder, not a file",
	} {
		_, err := Open(context.Background(), path, atT0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s) = %v; want %q", path, err, want)
		}
	}
}

// CheckLocation refuses a folder that takes no new files and a store file
// that cannot be written, and creates nothing. (As root, permissions do not
// refuse anything: the test needs another user.)
func TestCheckLocationNeedsWritableFolderAndFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o555)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	if err := CheckLocation(filepath.Join(locked, "s.db")); err == nil || !strings.Contains(err.Error(), "cannot create files in folder "+locked) {
		t.Errorf("read-only folder: %v", err)
	}
	readOnly := filepath.Join(dir, "ro.db")
	os.WriteFile(readOnly, nil, 0o444)
	if err := CheckLocation(readOnly); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("read-only store file: %v", err)
	}
	if err := CheckLocation(filepath.Join(dir, "new.db")); err != nil {
		t.Errorf("writable folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("CheckLocation left files: %v", entries)
	}
}

// Commands opening a new store at once (a status beside a starting run)
// take turns at the schema: each sees it whole, none applies a step twice.
func TestOpensAtOnceMigrateOnce(t *testing.T) {
	ctx := context.Background()
	for round := range 20 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("s%d.db", round))
		errs := make(chan error, 4)
		for range cap(errs) {
			go func() {
				s, err := Open(ctx, path, atT0)
				if err == nil {
					err = s.Close()
				}
				errs <- err
			}()
		}
		for range cap(errs) {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
