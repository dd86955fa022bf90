package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// actionlintVersion is the actionlint the tests run, through `go run`.
const actionlintVersion = "v1.7.12"

// TestActionlint checks the GitHub Action and every workflow of the
// repository and of its documentation (YAML blocks with jobs) with
// actionlint, shellcheck on their scripts. actionlint reads action.yml only for what a workflow passes to
// it, so the action's steps are also checked as the steps of a workflow
// whose inputs are the action's.
func TestActionlint(t *testing.T) {
	root := testenv.ModuleRoot(t)
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Fatalf("shellcheck is needed for actionlint's script checks (make tools installs it): %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if len(files) == 0 {
		t.Fatal("no workflow in .github/workflows")
	}
	args := append([]string{}, files...)

	dir := filepath.Join(t.TempDir(), ".github", "workflows")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	steps := actionAsWorkflow(t, filepath.Join(root, "action.yml"))
	args = append(args, writeFile(t, dir, "action-steps.yml", steps))
	for _, doc := range []string{"README.md", filepath.Join("docs", "github-action.md")} {
		blocks := workflowBlocks(t, filepath.Join(root, doc))
		if doc == "README.md" && len(blocks) < 2 {
			t.Errorf("the README shows %d workflows, want the action's and the one by hand", len(blocks))
		}
		for i, b := range blocks {
			name := fmt.Sprintf("%s-%d.yml", strings.NewReplacer("/", "-", ".", "-").Replace(doc), i+1)
			args = append(args, writeFile(t, dir, name, b))
		}
	}

	cmd := exec.Command("go", append([]string{"run", "github.com/rhysd/actionlint/cmd/actionlint@" + actionlintVersion,
		"-no-color"}, args...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	inputName   = regexp.MustCompile(`(?m)^  ([a-z][a-z0-9-]*):\s*$`)
	topLevelKey = regexp.MustCompile(`(?m)^[a-z]+:`)
)

// actionAsWorkflow turns the composite action's steps into a workflow: the
// action's inputs become workflow_dispatch inputs, so that ${{ inputs.x }}
// means the same.
func actionAsWorkflow(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	section := func(key string) string {
		i := strings.Index(src, "\n"+key+":\n")
		if i < 0 {
			t.Fatalf("action.yml has no %s section", key)
		}
		body := src[i+len(key)+3:]
		if j := topLevelKey.FindStringIndex(body); j != nil {
			body = body[:j[0]]
		}
		return body
	}
	var b strings.Builder
	b.WriteString("name: action steps\non:\n  workflow_dispatch:\n    inputs:\n")
	for _, m := range inputName.FindAllStringSubmatch(section("inputs"), -1) {
		fmt.Fprintf(&b, "      %s:\n        type: string\n", m[1])
	}
	b.WriteString("permissions:\n  contents: read\n  security-events: write\n" +
		"jobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:\n")
	runs := section("runs")
	i := strings.Index(runs, "  steps:\n")
	if i < 0 {
		t.Fatal("action.yml has no runs.steps")
	}
	for _, line := range strings.Split(strings.TrimRight(runs[i+len("  steps:\n"):], "\n"), "\n") {
		if line != "" {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// workflowBlocks are the YAML blocks of a document that are workflows.
func workflowBlocks(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range yamlBlock.FindAllStringSubmatch(string(data), -1) {
		if strings.Contains(m[1], "\njobs:\n") {
			out = append(out, m[1])
		}
	}
	return out
}
