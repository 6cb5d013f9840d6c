package bench

import "testing"

func TestTableMarkdown(t *testing.T) {
	tbl := Table{Title: "Results", Header: []string{"a", "b"}, Note: "measured once"}
	tbl.AddRow("1", "x|y")
	tbl.AddRow("only one")
	tbl.AddRow("line\nbreak", "ok")
	want := "### Results\n\n" +
		"| a | b |\n" +
		"|---|---|\n" +
		"| 1 | x\\|y |\n" +
		"| only one |  |\n" +
		"| line break | ok |\n" +
		"\nmeasured once\n"
	if got := tbl.Markdown(); got != want {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, want)
	}
}

func TestTableMarkdownWithoutTitleOrNote(t *testing.T) {
	tbl := Table{Header: []string{"k"}}
	if got, want := tbl.Markdown(), "| k |\n|---|\n"; got != want {
		t.Errorf("Markdown() = %q, want %q", got, want)
	}
}
