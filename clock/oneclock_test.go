package clock_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneClock keeps the product on the clocks it is given. Outside this
// package, product code may call time.Now, time.Since or time.Until only
// to measure a duration, with a "// duration" comment on the line; and no
// code, tests included, may hand time.Now itself to a component as its
// clock (tests give clock.Wall, which a clockshift run moves, or a
// clocktest.Clock).
func TestOneClock(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") && name != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || filepath.Dir(path) == filepath.Join("..", "clock") {
			return nil // this package reads the machine's clock for the rest
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, bad := range clockReads(fset, f, isProduct(path)) {
			t.Errorf("%s: %s", fset.Position(bad.Pos()), describe(bad))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// isProduct tells product code from tests and the test doubles in
// internal/ (mailpittest, storetest, telegramtest, testlog).
func isProduct(path string) bool {
	if strings.HasSuffix(path, "_test.go") {
		return false
	}
	dir := filepath.Base(filepath.Dir(path))
	return !strings.HasSuffix(dir, "test") && dir != "testlog"
}

// clockReads returns the uses of time.Now, time.Since and time.Until in f
// that break the rule: any of them in product code without a "// duration"
// comment on its line, and time.Now passed as a value anywhere.
func clockReads(fset *token.FileSet, f *ast.File, product bool) []*ast.SelectorExpr {
	timeName := ""
	for _, imp := range f.Imports {
		if imp.Path.Value == `"time"` {
			timeName = "time"
			if imp.Name != nil {
				timeName = imp.Name.Name
			}
		}
	}
	if timeName == "" {
		return nil
	}
	noted := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "// duration") {
				noted[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	called := map[*ast.SelectorExpr]bool{}
	var out []*ast.SelectorExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				called[sel] = true
			}
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != timeName {
			return true
		}
		switch name := sel.Sel.Name; {
		case name == "Now" && !called[sel]:
			out = append(out, sel)
		case (name == "Now" || name == "Since" || name == "Until") && product && !noted[fset.Position(sel.Pos()).Line]:
			out = append(out, sel)
		}
		return true
	})
	return out
}

func describe(sel *ast.SelectorExpr) string {
	if sel.Sel.Name == "Now" {
		return "time.Now: read the time from the clock the component was given (clock.Wall is chosen in cmd/newsalert), or mark a duration's measure with // duration"
	}
	return "time." + sel.Sel.Name + ": compute it from the clock the component was given, or mark a duration's measure with // duration"
}
