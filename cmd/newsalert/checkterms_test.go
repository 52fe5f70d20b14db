package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// check points at a misspelt term reference (an error) and at a term no
// topic uses (a warning, exit 0).
func TestCheckReportsUnknownAndUnusedTerms(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("rules.yaml", []byte("terms:\n  detained: [x]\n  spare: [y]\ntopics:\n  - id: a\n    any: [$detaned]\n"), 0o644)
	code, _, stderr := runMain(t, context.Background(), "check")
	if want := `rules.yaml:6:11: unknown term "$detaned" (did you mean "$detained"?)`; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	os.WriteFile("rules.yaml", []byte("terms:\n  detained: [x]\n  spare: [y]\ntopics:\n  - id: a\n    any: [$detained]\n"), 0o644)
	code, stdout, stderr := runMain(t, context.Background(), "check")
	if want := `rules.yaml:3:3: warning: term "spare" is not used by any topic`; code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stdout, "ok, 1 topics") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", code, stdout, stderr, want)
	}
}
