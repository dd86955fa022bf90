package cli_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite goldens and generated docs")

// between returns the text between two marker lines of a document.
func between(t *testing.T, doc, start, end string) string {
	t.Helper()
	i := strings.Index(doc, start)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("markers %q and %q not found in order", start, end)
	}
	return doc[i+len(start) : j]
}

// replaceBetween puts text between two markers.
func replaceBetween(doc, start, end, text string) string {
	i := strings.Index(doc, start)
	j := strings.Index(doc, end)
	return doc[:i+len(start)] + text + doc[j:]
}

// TestREADMERuleTable checks that the README's rule table is the registry's.
func TestREADMERuleTable(t *testing.T) {
	path := filepath.Join(testenv.ModuleRoot(t), "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	want := cli.RuleTable()
	if *update {
		if err := os.WriteFile(path, []byte(replaceBetween(string(data), start, end, want)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := between(t, string(data), start, end); got != want {
		t.Errorf("README rule table is out of date; run go test ./cli -update\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestRulesDoc checks that docs/rules.md is generated from the registry.
func TestRulesDoc(t *testing.T) {
	path := filepath.Join(testenv.ModuleRoot(t), "docs", "rules.md")
	want := cli.RulesDoc(filepath.Join(testenv.ModuleRoot(t), "testdata", "rules"))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Error("docs/rules.md is out of date; run go test ./cli -update")
	}
}
