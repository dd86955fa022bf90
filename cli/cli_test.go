package cli_test

import (
	"bytes"
	"fmt"
	"github.com/flasklint/flasklint/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/rules"
)

func run(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = cli.Run(args, nil, &out, &errOut)
	return out.String(), errOut.String(), code
}

func writeTree(t *testing.T, files map[string]string) string { return testenv.WriteTree(t, files) }

const debugApp = "from flask import Flask\napp = Flask(__name__)\napp.run(host=\"0.0.0.0\", debug=True)\n"

func TestExitCodes(t *testing.T) {
	clean := writeTree(t, map[string]string{"app.py": "from flask import Flask\napp = Flask(__name__)\n"})
	dirty := writeTree(t, map[string]string{"app.py": debugApp})
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"clean tree", []string{"check", clean}, cli.ExitClean},
		{"findings", []string{"check", dirty}, cli.ExitFindings},
		{"exit-zero", []string{"check", "--exit-zero", dirty}, cli.ExitClean},
		{"ignored family", []string{"check", "--ignore", "FL1,FL2", dirty}, cli.ExitClean},
		{"missing path", []string{"check", filepath.Join(clean, "nope")}, cli.ExitError},
		{"bad format", []string{"check", "--output-format", "xml", clean}, cli.ExitError},
		{"bad selector", []string{"check", "--select", "FL9", clean}, cli.ExitError},
		{"unknown flag", []string{"check", "--frobnicate", clean}, cli.ExitError},
		{"bad exclude glob", []string{"check", "--exclude", "[", clean}, cli.ExitError},
		{"bad extend-exclude glob", []string{"check", "--extend-exclude", "a/[", clean}, cli.ExitError},
		{"negative workers", []string{"check", "--workers", "-3", clean}, cli.ExitError},
		{"unknown rule", []string{"rule", "FL999"}, cli.ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	dirty := writeTree(t, map[string]string{"app.py": debugApp})
	out, _, _ := run("check", "--select", "FL2", dirty)
	if !strings.Contains(out, "[FL201 ") || strings.Contains(out, "[FL101 ") {
		t.Errorf("--select FL2 should keep FL201 only:\n%s", out)
	}
	out, _, _ = run("check", "--ignore", "FL201", dirty)
	if strings.Contains(out, "[FL201 ") || !strings.Contains(out, "[FL101 ") {
		t.Errorf("--ignore FL201 should drop FL201 only:\n%s", out)
	}
}

func TestOutputFileAndSummary(t *testing.T) {
	dirty := writeTree(t, map[string]string{"app.py": debugApp})
	file := filepath.Join(t.TempDir(), "out.txt")
	stdout, stderr, code := run("check", "-o", file, dirty)
	if code != cli.ExitFindings || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), "app.py:3:") {
		t.Errorf("output file: %q, %v", data, err)
	}
	if !strings.Contains(stderr, "in 1 file") || strings.Contains(stderr, "1 files") {
		t.Errorf("summary should count the files read: %q", stderr)
	}
}

func TestRuleCommands(t *testing.T) {
	out, _, code := run("rules")
	if code != 0 {
		t.Fatal(code)
	}
	for _, r := range rules.All {
		if !strings.Contains(out, r.ID+" ") {
			t.Errorf("rules table lacks %s", r.ID)
		}
	}
	out, _, code = run("rule", "FL101")
	if code != 0 || !strings.Contains(out, "debug-run") || !strings.Contains(out, "How to fix") {
		t.Errorf("rule FL101: exit %d\n%s", code, out)
	}
	out, _, _ = run("version")
	if !strings.HasPrefix(out, "flasklint "+cli.Version) {
		t.Errorf("version: %q", out)
	}
}

// TestBrokenFilesDoNotHideFindings: a Python syntax error and an nginx file
// with an unbalanced brace are both reported with file and line, and the real
// finding next to them is still reported. A broken Python file that no rule
// reads (no needle, imported by no app) is not parsed and not reported.
func TestBrokenFilesDoNotHideFindings(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"broken.py":       "from flask import Flask\ndef f(:\n    pass\n",
		"tools/report.py": "def g(:\n    pass\n",
		"nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://app:8000;\n",
		"app.py":          debugApp,
	})
	out, _, code := run("check", dir)
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	wants := []string{"broken.py:2:", "[FL001 parse-error]", "nginx/site.conf:4:", "[FL008 nginx-parse-error]",
		"app.py:3:", "[FL101 debug-run]"}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "[FL001 parse-error]") != 1 || strings.Count(out, "[FL008 nginx-parse-error]") != 1 {
		t.Errorf("want one python and one nginx parse error:\n%s", out)
	}
}

// TestDeterministic: the same tree gives byte-identical output whatever the
// number of workers.
func TestDeterministic(t *testing.T) {
	const site = "server {\n    listen 80;\n    server_name _;\n    location / { proxy_pass http://app:8000; }\n}\n"
	files := map[string]string{"nginx/site.conf": site}
	for i := range 20 {
		files[fmt.Sprintf("pkg%d/app.py", i)] = debugApp
	}
	dir := writeTree(t, files)
	first, _, _ := run("check", "--output-format", "sarif", "--workers", "1", dir)
	for _, workers := range []string{"2", "8"} {
		again, _, _ := run("check", "--output-format", "sarif", "--workers", workers, dir)
		if again != first {
			t.Fatalf("output with %s workers differs from one worker", workers)
		}
	}
}

// TestPathsFromTheWorkingDirectory: text and annotations name files as the
// user at the working directory does; SARIF stays relative to the base.
func TestPathsFromTheWorkingDirectory(t *testing.T) {
	dir := writeTree(t, map[string]string{"app.py": debugApp, "sub/keep.txt": ""})
	t.Chdir(filepath.Join(dir, "sub"))
	out, _, _ := run("check", "..")
	if !strings.HasPrefix(out, "../app.py:3:") {
		t.Errorf("text should name ../app.py:\n%s", out)
	}
	out, _, _ = run("check", "--output-format", "github", "..")
	if !strings.Contains(out, "file=../app.py,") {
		t.Errorf("annotations should name ../app.py:\n%s", out)
	}
	out, _, _ = run("check", "--output-format", "sarif", "..")
	if !strings.Contains(out, `"uri": "app.py"`) {
		t.Errorf("SARIF should stay base-relative:\n%s", out)
	}
}
