package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// An opt-out is kept in lower case with its first time, survives a
// reopening, and is cleared once.
func TestOptOuts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s := openAt(t, path)
	if err := s.OptOut(ctx, "Ann@Example.org", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.OptOut(ctx, "ann@example.org", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	defer s.Close()
	out, err := s.OptedOut(ctx)
	if at, ok := out["ann@example.org"]; err != nil || len(out) != 1 || !ok || !at.Equal(t0) {
		t.Errorf("opted out: %v, %v; want ann@example.org at %v", out, err, t0)
	}
	if was, err := s.OptIn(ctx, " ANN@example.org "); err != nil || !was {
		t.Errorf("OptIn = %v, %v; want true", was, err)
	}
	if was, err := s.OptIn(ctx, "ann@example.org"); err != nil || was {
		t.Errorf("OptIn again = %v, %v; want false", was, err)
	}
	if out, _ := s.OptedOut(ctx); len(out) != 0 {
		t.Errorf("after OptIn: %v", out)
	}
}

// IsOptedOut and OptedOutAt answer for one address, in any case.
func TestOptedOutOneAddress(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	if err := s.OptOut(ctx, "Ann@Example.org", t0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		addr string
		want bool
	}{{" ANN@example.org", true}, {"bob@example.org", false}} {
		if out, err := s.IsOptedOut(ctx, tc.addr); err != nil || out != tc.want {
			t.Errorf("IsOptedOut(%q) = %v, %v; want %v", tc.addr, out, err, tc.want)
		}
		at, out, err := s.OptedOutAt(ctx, tc.addr)
		if err != nil || out != tc.want || (tc.want && !at.Equal(t0)) || (!tc.want && !at.IsZero()) {
			t.Errorf("OptedOutAt(%q) = %v, %v, %v; want %v", tc.addr, at, out, err, tc.want)
		}
	}
}
