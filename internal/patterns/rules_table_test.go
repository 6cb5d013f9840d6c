package patterns

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// Every exported pattern has a row in the rules table (docs-dev/validation-rules.md)
// that names it: a shape with no recorded source once refused secret names the service accepts.
func TestEveryPatternHasARulesTableRow(t *testing.T) {
	t.Parallel()
	table, err := os.ReadFile("../../docs-dev/validation-rules.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(table), "\n") {
		if strings.HasPrefix(line, "|") {
			rows = append(rows, line)
		}
	}
	file, err := parser.ParseFile(token.NewFileSet(), "patterns.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, decl := range file.Decls {
		gen, isGen := decl.(*ast.GenDecl)
		if !isGen || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if name.IsExported() {
					names = append(names, name.Name)
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("found no exported patterns in patterns.go")
	}
	for _, name := range names {
		ref := "`patterns." + name + "`"
		found := false
		for _, row := range rows {
			found = found || strings.Contains(row, ref)
		}
		if !found {
			t.Errorf("patterns.%s has no row in docs-dev/validation-rules.md naming %s", name, ref)
		}
	}
}
