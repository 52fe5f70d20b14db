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
	// existed says a store was kept at this path by an earlier run: the
	// lock file was there, and not left by a run killed before its store
	// was made (see opening).
	existed bool
}

// The lock file holds the holder's pid, then whether the store it locks
// was ever made whole ("kept") or is being made ("opening"): a first run
// killed while making its store leaves an empty file that is no sign of a
// store lost. A lock file of a version that wrote the pid alone counts as
// kept.
const (
	lockKept    = "kept"
	lockOpening = "opening"
)

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
	_, state := readLock(f)
	l := &writerLock{f: f, existed: statErr == nil && state != lockOpening}
	if l.existed {
		l.write(lockKept)
	} else {
		l.write(lockOpening)
	}
	return l, nil
}

// write records the holder's pid, for the message another process gets,
// and the store's state.
func (l *writerLock) write(state string) {
	if err := l.f.Truncate(0); err == nil {
		l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"+state+"\n"), 0)
	}
}

// markKept records that the store was made whole.
func (l *writerLock) markKept() { l.write(lockKept) }

func readPID(f *os.File) int {
	pid, _ := readLock(f)
	return pid
}

// readLock reads a lock file: the pid, and the state ("" when it says
// none).
func readLock(f *os.File) (pid int, state string) {
	buf := make([]byte, 64)
	n, _ := f.ReadAt(buf, 0)
	lines := strings.Fields(string(buf[:n]))
	if len(lines) > 0 {
		pid, _ = strconv.Atoi(lines[0])
	}
	if len(lines) > 1 {
		state = lines[1]
	}
	return pid, state
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
