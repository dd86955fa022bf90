package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: loading a configuration, as .flasklint.toml and as
// pyproject.toml, never panics, and a mistake it reports is an *Error with a
// line inside the file.
func FuzzLoad(f *testing.F) {
	f.Add(fullPyproject)
	seeds, _ := filepath.Glob("../testdata/e2e/*/project/pyproject.toml")
	more, _ := filepath.Glob("../testdata/e2e/*/project/.flasklint.toml")
	for _, p := range append(seeds, more...) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"", "select = [\"FL1\"]\nfail-on = \"high\"\n", "[per-file-ignores]\n\"**\" = [\"FL9\"]\n",
		"exclude = [\"[\"]\n", "select = 1\n", "unknown = 2\n", "[tool.flasklint]\nselect = [\"FL1\"]\n",
		"[tool.flasklint.per-file-ignores]\n\"a/**/*.py\" = [\"FL201\"]\r\n", "[tool]\nflasklint = 3\n",
		"\xef\xbb\xbfselect = [\"FL1\"]\n", "select = [\"FL1\"\x00]\n",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range []string{FileName, PyProject} {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			var e *Error
			if err != nil && errors.As(err, &e) && e.Line > 0 && e.Line > 1+countLines(src) {
				t.Fatalf("error at line %d of a file of %d lines: %v", e.Line, countLines(src), err)
			}
		}
	})
}

func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			n++
		}
	}
	return n
}
