package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

	out, _ := runCheckIn(t, project)
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

var (
	matcherText = regexp.MustCompile("(?s)problem matcher for it.*?```text\n(.*?)\n```")
	matcherJSON = regexp.MustCompile(`"regexp": ("(?:[^"\\]|\\.)*")`)
)

// TestREADMEProblemMatcher checks that both problem matchers the README
// shows (plain and in tasks.json) read every line of the text goldens.
func TestREADMEProblemMatcher(t *testing.T) {
	root := testenv.ModuleRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	plain := matcherText.FindSubmatch(data)
	quoted := matcherJSON.FindSubmatch(data)
	if plain == nil || quoted == nil {
		t.Fatal("the README shows no problem matcher")
	}
	fromJSON, err := strconv.Unquote(string(quoted[1]))
	if err != nil {
		t.Fatal(err)
	}
	goldens, _ := filepath.Glob(filepath.Join(root, "testdata", "e2e", "*", "expected.txt"))
	for _, expr := range []string{string(plain[1]), fromJSON} {
		re := regexp.MustCompile(expr)
		for _, golden := range goldens {
			text, _ := os.ReadFile(golden)
			for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
				m := re.FindStringSubmatch(line)
				if m == nil || !strings.HasPrefix(line, m[1]+":"+m[2]+":"+m[3]+": "+m[4]+": "+m[5]+" ["+m[6]) {
					t.Errorf("%s does not read %s", expr, line)
				}
			}
		}
	}
}
