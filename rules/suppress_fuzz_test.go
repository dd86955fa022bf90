package rules_test

import (
	"context"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
	"github.com/flasklint/flasklint/parsers/python"
	"github.com/flasklint/flasklint/rules"
)

// FuzzSuppressions: reading suppression comments, from raw lines and from a
// parsed Python file, and applying them never panics, and every suppression
// lies within its file.
func FuzzSuppressions(f *testing.F) {
	testenv.SeedFuzz(f, "../testdata/rules/FL00[5-7]/*", "../testdata/rules/FL201/*.py")
	for _, s := range []string{
		"x = 1  # flasklint: ignore[FL201] reason\n", "#flasklint:ignore[FL2]:\r\n\r\n", "# flasklint: ignore[",
		"# flasklint: ignore[FL201,,fl1,FL9999,FLX] -- r\n# flasklint:\n", "#\tflasklint:ignore[]\rx\r",
		"s = '# flasklint: ignore[FL101] in a string'\n", "# flasklint: ignore[FL004] not allowed\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p := python.NewParser()
		defer p.Close()
		file, err := p.Parse(context.Background(), "app.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		sups := append(rules.SuppressionsInPython(file), rules.SuppressionsInLines("site.conf", []byte(src))...)
		lines := file.Lines.Count()
		for _, s := range sups {
			if s.Pos.Span.StartLine < 1 || s.Pos.Span.EndLine > lines || s.Line < 0 || s.Line > lines {
				t.Fatalf("suppression %+v outside a file of %d lines", s, lines)
			}
		}
		findings := []rules.Finding{
			{RuleID: "FL101", Pos: rules.Pos{File: "app.py"}},
			{RuleID: "FL201", Pos: rules.Pos{File: "site.conf"}},
		}
		for i, s := range sups {
			if i < len(findings) {
				findings[i].Pos.Span.StartLine = s.Line
			}
		}
		rules.ApplySuppressions(findings, sups, true, func(string, string) bool { return true })
	})
}
