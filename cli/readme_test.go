package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// readmeExample is the project the README opens with.
const readmeExample = "testdata/e2e/shop"

var fileMarker = regexp.MustCompile("(?s)<!-- file:(\\S+) -->\n```(\\w*)\n(.*?)```\n")

// TestREADMEExample checks that the README shows the example project's files
// as they are and the exact text output flasklint prints for them.
func TestREADMEExample(t *testing.T) {
	root := testenv.ModuleRoot(t)
	path := filepath.Join(root, "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	project := filepath.Join(root, readmeExample, "project")

	var mismatch []string
	doc = fileMarker.ReplaceAllStringFunc(doc, func(block string) string {
		m := fileMarker.FindStringSubmatch(block)
		content, err := os.ReadFile(filepath.Join(project, m[1]))
		if err != nil {
			t.Errorf("README shows %s, which is not in the example: %v", m[1], err)
			return block
		}
		if m[3] != string(content) {
			mismatch = append(mismatch, m[1])
		}
		return "<!-- file:" + m[1] + " -->\n```" + m[2] + "\n" + string(content) + "```\n"
	})

	out, _ := runCheck(t, project)
	const start, end = "<!-- example-output:start -->\n```text\n", "```\n<!-- example-output:end -->"
	if between(t, doc, start, end) != string(out) {
		mismatch = append(mismatch, "the example output")
	}
	if *update {
		doc = replaceBetween(doc, start, end, string(out))
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(mismatch) > 0 || !strings.Contains(doc, "make test") {
		t.Errorf("README is out of date for %s; run go test ./cli -update", strings.Join(mismatch, ", "))
	}
}
