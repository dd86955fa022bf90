package cli

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
)

// wantComment is a testdata annotation, cut from example code.
var wantComment = regexp.MustCompile(`\s*#\s*want\b.*$`)

// ruleExample renders an example of a rule from its annotated testdata:
// the first finding of the rule there, the lines that lead to it, and the
// line flasklint prints for it. It is "" when the testdata has none.
func ruleExample(testdata string, r *rules.Rule) string {
	dir := filepath.Join(testdata, r.ID)
	res, err := runner.Run(context.Background(), runner.Options{Paths: []string{"."}, Dir: dir})
	if err != nil {
		return ""
	}
	for _, f := range res.Findings {
		if f.RuleID != r.ID {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Pos.File)))
		if err != nil {
			return ""
		}
		snippet := leadingLines(strings.Split(string(src), "\n"), f.Pos.StartLine)
		return fmt.Sprintf("`%s`\n\n```%s\n%s\n```\n\nis reported as\n\n```text\n%s:%d:%d: %s: %s [%s %s]\n```",
			f.Pos.File, language(f.Pos.File), snippet, f.Pos.File, f.Pos.StartLine, f.Pos.StartCol,
			f.Level(), f.Message, r.ID, r.Name)
	}
	return ""
}

// leadingLines is the 1-based line n and up to five lines before it, back to
// the nearest blank line, without testdata annotations.
func leadingLines(lines []string, n int) string {
	start := n
	for start > 1 && n-start < 5 && strings.TrimSpace(lines[start-2]) != "" {
		start--
	}
	var out []string
	for _, l := range lines[start-1 : n] {
		if strings.Contains(l, "flasklint-test:") {
			continue
		}
		out = append(out, wantComment.ReplaceAllString(l, ""))
	}
	return strings.Join(out, "\n")
}

func language(file string) string {
	switch path.Ext(file) {
	case ".py":
		return "python"
	case ".toml":
		return "toml"
	case ".txt", ".lock":
		return "text"
	}
	return "nginx"
}
