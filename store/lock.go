package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// LockedError says that another process holds a store's writer lock.
type LockedError struct {
	Path string // the store
	PID  int    // the holder, 0 when its lock file does not say
}

func (e *LockedError) Error() string {
	holder := "another newsalert"
	if e.PID > 0 {
		holder += fmt.Sprintf(" (pid %d)", e.PID)
	}
	return fmt.Sprintf("store %s is in use by %s, which records and sends its alerts: stop it first, or give this one a storage of its own", e.Path, holder)
}

// writerLock is this process's hold on a store's lock file, path+".lock":
// one writer per store, or two daemons would send the same alerts. The
// operating system lets go of it when the process ends, however it ends.
type writerLock struct {
	f *os.File
	// existed says the lock file was there before: a store was kept at
	// this path by an earlier run.
	existed bool
}

func lockPath(path string) string { return path + ".lock" }

// lockForWriting takes the writer lock of the store at path, or returns a
// *LockedError naming the holder.
func lockForWriting(path string) (*writerLock, error) {
	_, statErr := os.Stat(lockPath(path))
	f, err := os.OpenFile(lockPath(path), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock store %s: %w", path, err)
	}
	if err := tryLock(f); err != nil {
		pid := readPID(f)
		f.Close()
		if errors.Is(err, errHeld) {
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock store %s: %w", path, err)
	}
	// The holder's pid, for the message another process gets.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &writerLock{f: f, existed: statErr == nil}, nil
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}

// release lets go of the lock; the file stays, as the sign that a store
// was kept here.
func (l *writerLock) release() error {
	if l == nil {
		return nil
	}
	unlock(l.f)
	return l.f.Close()
}
