package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/cli"
)

// project writes a tree with a .git directory, so that neither the
// configuration search nor a partial run leaves it.
// project writes a repository and works in it, as its user does: text
// output names files relative to the working directory.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	dir := writeTree(t, files)
	t.Chdir(dir)
	return dir
}

// bindApp has one FL201 (high) and nothing else.
const bindApp = "from flask import Flask\napp = Flask(__name__)\napp.run(host=\"0.0.0.0\")\n"

func rulesIn(out string) []string {
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if i := strings.LastIndex(line, "[FL"); i >= 0 {
			ids = append(ids, line[i+1:i+6])
		}
	}
	return ids
}

func TestConfigSelectAndIgnore(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml": "[project]\nname = \"shop\"\n\n[tool.flasklint]\nselect = [\"FL1\"]\n",
		"app.py":         debugApp,
	})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"config select", nil, "FL101"},
		{"--select replaces it", []string{"--select", "FL2"}, "FL201"},
		{"--extend-select adds to it", []string{"--extend-select", "FL201"}, "FL101 FL201"},
		{"--ignore adds to the config's", []string{"--ignore", "FL101"}, ""},
		{"--isolated reads no config", []string{"--isolated"}, "FL101 FL201"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, _ := run(append(append([]string{"check"}, tt.args...), dir)...)
			if got := strings.Join(rulesIn(out), " "); got != tt.want {
				t.Errorf("rules %q, want %q\n%s%s", got, tt.want, out, stderr)
			}
		})
	}
}

// .flasklint.toml wins over pyproject.toml, and is found from a
// subdirectory.
func TestConfigDiscovery(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml":   "[tool.flasklint]\nignore = [\"FL101\"]\n",
		".flasklint.toml":  "ignore = [\"FL201\"]\n",
		"src/shop/app.py":  debugApp,
		"src/shop/conf.py": "",
	})
	out, _, _ := run("check", filepath.Join(dir, "src", "shop"))
	if got := strings.Join(rulesIn(out), " "); got != "FL101" {
		t.Errorf("rules %q, want FL101 (.flasklint.toml ignores FL201)\n%s", got, out)
	}
	out, _, _ = run("check", "--config", filepath.Join(dir, "pyproject.toml"), dir)
	if got := strings.Join(rulesIn(out), " "); got != "FL201" {
		t.Errorf("--config pyproject.toml: rules %q, want FL201\n%s", got, out)
	}
}

// A broken or wrong configuration stops the run with exit 2 and names the
// file and line.
func TestConfigErrors(t *testing.T) {
	tests := []struct{ name, file, content, want string }{
		{"broken pyproject", "pyproject.toml", "[project]\nname = \"shop\n", "pyproject.toml:2:"},
		{"unknown key", "pyproject.toml", "[tool.flasklint]\nselect = []\nfail_on = \"high\"\n",
			`pyproject.toml:3:1: unknown key "fail_on" in [tool.flasklint]`},
		{
			"unknown rule",
			".flasklint.toml",
			"ignore = [\"FL1\", \"FL77\"]\n",
			`.flasklint.toml:1:18: ignore: "FL77" matches no rule id`,
		},
		{
			"wrong type",
			".flasklint.toml",
			"select = \"FL1\"\n",
			".flasklint.toml:1:10: select must be an array of rule ids",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, map[string]string{tt.file: tt.content, "app.py": debugApp})
			out, stderr, code := run("check", dir)
			if code != cli.ExitError || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			if want := "flasklint: error: " + filepath.Join(dir, tt.want); !strings.HasPrefix(stderr, want) {
				t.Errorf("stderr:\n%s\nwant it to start with\n%s", stderr, want)
			}
		})
	}
}

func TestShowSettings(t *testing.T) {
	dir := project(t, map[string]string{
		"pyproject.toml": "[tool.flasklint]\nignore = [\"FL302\"]\nextend-exclude = [\"legacy\"]\n" +
			"fail-on = \"medium\"\n\n[tool.flasklint.per-file-ignores]\n\"tests/**\" = [\"FL1\"]\n",
	})
	out, stderr, code := run("check", "--show-settings", "--select", "FL1,FL3", dir)
	if code != cli.ExitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cfg := filepath.Join(dir, "pyproject.toml")
	for _, want := range []string{
		"# configuration: " + cfg + " [tool.flasklint]\n",
		`select = ["FL1", "FL3"]`, "# command line\n",
		`ignore = ["FL302"]`, "# " + cfg + ":2\n",
		`extend-exclude = ["legacy"]`, "# " + cfg + ":3\n",
		`fail-on = "medium"`, "# " + cfg + ":4\n",
		`per-file-ignores = {"tests/**" = ["FL1"]}`, "# " + cfg + ":6\n",
		`exclude = []`, "# default\n",
		"# rules that run (", " FL101 ", " FL301 ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("settings lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "FL302") && strings.Contains(out[strings.Index(out, "# rules that run"):], "FL302") {
		t.Errorf("FL302 is ignored but listed as running:\n%s", out)
	}
}

func TestExcludeAndPerFileIgnores(t *testing.T) {
	dir := project(t, map[string]string{
		".flasklint.toml": "exclude = [\"legacy\"]\nextend-exclude = [\"tools/*.py\"]\n" +
			"[per-file-ignores]\n\"scripts/**\" = [\"FL2\"]\n",
		"legacy/app.py":  debugApp,
		"tools/app.py":   debugApp,
		"scripts/app.py": debugApp,
		"app.py":         bindApp,
	})
	files := func(out string) string {
		var fs []string
		for _, line := range strings.Fields(strings.ReplaceAll(out, " ", "_")) {
			fs = append(fs, line[:strings.Index(line, ":")]+"/"+rulesIn(line)[0])
		}
		return strings.Join(fs, " ")
	}
	out, _, _ := run("check", dir)
	if got, want := files(out), "app.py/FL201 scripts/app.py/FL101"; got != want {
		t.Errorf("got %s, want %s\n%s", got, want, out)
	}
	// --exclude (relative to the scanned directory) replaces exclude;
	// extend-exclude still applies. A file named on the command line is
	// excluded too.
	out, _, _ = run("check", "--exclude", "/app.py", dir)
	if got, want := files(out), "legacy/app.py/FL101 legacy/app.py/FL201 scripts/app.py/FL101"; got != want {
		t.Errorf("--exclude: got %s, want %s\n%s", got, want, out)
	}
	out, stderr, code := run("check", "-v", filepath.Join(dir, "legacy", "app.py"))
	if out != "" || code != cli.ExitClean || !strings.Contains(stderr, "excluded by the configuration") {
		t.Errorf("a named excluded file: exit %d\n%s%s", code, out, stderr)
	}
}

func TestFailOnAndExitZero(t *testing.T) {
	dir := project(t, map[string]string{"app.py": bindApp})
	broken := project(t, map[string]string{"app.py": bindApp, "broken.py": "import flask\ndef f(:\n"})
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"default info", []string{dir}, cli.ExitFindings},
		{"fail-on high", []string{"--fail-on", "high", dir}, cli.ExitFindings},
		{"fail-on critical", []string{"--fail-on", "critical", dir}, cli.ExitClean},
		{"exit-zero", []string{"--exit-zero", dir}, cli.ExitClean},
		{"parse errors fail at any level", []string{"--fail-on", "critical", broken}, cli.ExitFindings},
		{"exit-zero with parse errors", []string{"--exit-zero", broken}, cli.ExitClean},
		{"bad level", []string{"--fail-on", "severe", dir}, cli.ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(append([]string{"check"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, stderr)
			}
			if code != cli.ExitError && !strings.Contains(out, "[FL201 ") {
				t.Errorf("findings below fail-on are still printed:\n%s", out)
			}
		})
	}
	cfg := project(t, map[string]string{"app.py": bindApp, ".flasklint.toml": "fail-on = \"critical\"\n"})
	if _, stderr, code := run("check", cfg); code != cli.ExitClean ||
		!strings.Contains(stderr, "0 at or above fail-on critical") {
		t.Errorf("fail-on from the configuration: exit %d, %s", code, stderr)
	}
}

const suppressedApp = "from flask import Flask\napp = Flask(__name__)\n" +
	"app.run(host=\"0.0.0.0\")  # flasklint: ignore[FL201] container-only bind\n"

// Suppressed findings are left out of every format, and written to SARIF
// with an inSource suppression only under --include-suppressed.
func TestSuppressedOutput(t *testing.T) {
	dir := project(t, map[string]string{"app.py": suppressedApp})
	for _, format := range []string{"text", "json", "github", "sarif"} {
		out, stderr, code := run("check", "--output-format", format, dir)
		leaked := strings.Contains(out, "FL201")
		if format == "sarif" {
			leaked = !strings.Contains(out, `"results": []`)
		}
		if code != cli.ExitClean || leaked {
			t.Errorf("%s: exit %d\n%s", format, code, out)
		}
		if !strings.Contains(stderr, "1 suppressed") {
			t.Errorf("%s: summary %q does not count the suppressed finding", format, stderr)
		}
	}
	out, _, _ := run("check", "--output-format", "sarif", "--include-suppressed", dir)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string
				Suppressions []struct{ Kind, Status, Justification string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 1 || res[0].RuleID != "FL201" || len(res[0].Suppressions) != 1 {
		t.Fatalf("results: %+v", res)
	}
	if s := res[0].Suppressions[0]; s.Kind != "inSource" || s.Status != "accepted" ||
		s.Justification != "container-only bind" {
		t.Errorf("suppression: %+v", s)
	}
	if _, _, code := run("check", "--include-suppressed", dir); code != cli.ExitError {
		t.Errorf("--include-suppressed with text: exit %d, want 2", code)
	}
}

func TestBaseline(t *testing.T) {
	dir := project(t, map[string]string{"app.py": bindApp, "nginx/site.conf": "server {\n    listen 80;\n}\n"})
	file := filepath.Join(dir, "flasklint-baseline.json")
	out, stderr, code := run("check", "--write-baseline", file, dir)
	if code != cli.ExitClean || out != "" || !strings.Contains(stderr, "wrote 1 findings") {
		t.Fatalf("--write-baseline: exit %d\n%s%s", code, out, stderr)
	}
	var doc struct {
		Version  int
		Tool     string
		Findings []struct{ Rule, File, LineHash string }
	}
	data, _ := os.ReadFile(file)
	if err := json.Unmarshal(data, &doc); err != nil || doc.Version != 1 || len(doc.Findings) != 1 ||
		doc.Findings[0].File != "app.py" || doc.Findings[0].Rule != "FL201" {
		t.Fatalf("baseline %s: %v", data, err)
	}
	if !strings.Contains(string(data), `"line_hash": "`) {
		t.Errorf("baseline has no line_hash:\n%s", data)
	}

	out, stderr, code = run("check", "--baseline", file, dir)
	if code != cli.ExitClean || out != "" || !strings.Contains(stderr, "1 in the baseline") {
		t.Errorf("--baseline: exit %d\n%s%s", code, out, stderr)
	}
	// Lines added above keep the finding known (its key hashes its line and
	// the lines after it); a new finding is reported.
	app := "from flask import Flask\n\napp2 = Flask(__name__)\napp2.run(host=\"0.0.0.0\", port=8080)\n" +
		strings.TrimPrefix(bindApp, "from flask import Flask\n")
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = run("check", "--baseline", file, dir)
	if code != cli.ExitFindings || !strings.HasPrefix(out, "app.py:4:1: ") || strings.Count(out, "\n") != 1 {
		t.Errorf("after an edit: exit %d, want only the new finding on line 4:\n%s", code, out)
	}

	bad := filepath.Join(dir, "bad.json")
	malformed := []string{"{", `{"version": 2, "tool": "flasklint", "findings": []}`, `{"findings": [], "extra": 1}`}
	for _, content := range malformed {
		_ = os.WriteFile(bad, []byte(content), 0o644)
		if _, stderr, code := run("check", "--baseline", bad, dir); code != cli.ExitError ||
			!strings.Contains(stderr, "baseline") {
			t.Errorf("baseline %s: exit %d, %s", content, code, stderr)
		}
	}
	if _, _, code := run("check", "--baseline", filepath.Join(dir, "missing.json"), dir); code != cli.ExitError {
		t.Errorf("missing baseline: exit %d", code)
	}
}

// A run on files only (as pre-commit makes it) reads the whole repository,
// so that findings that need another file are found, but reports only the
// named files.
func TestPartialRun(t *testing.T) {
	dir := project(t, map[string]string{
		"app.py": "from flask import Flask\napp = Flask(__name__)\n" +
			"app.config.from_pyfile(\"settings.py\")\napp.run()\n",
		"settings.py": "DEBUG = True\n",
		"other.py":    debugApp,
		"README.md":   "# shop\n",
		"clean.py":    "x = 1\n",
	})
	out, stderr, code := run("check", filepath.Join(dir, "app.py"))
	if code != cli.ExitFindings || !strings.HasPrefix(out, "app.py:4:1: ") || strings.Contains(out, "other.py") {
		t.Errorf("partial run on app.py: exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(out, "DEBUG=True from from_pyfile") || !strings.Contains(stderr, "reported for the 1 named") {
		t.Errorf("the finding needs settings.py, which the partial run reads:\n%s%s", out, stderr)
	}
	out, _, code = run("check", filepath.Join(dir, "README.md"), filepath.Join(dir, "clean.py"))
	if code != cli.ExitClean || out != "" {
		t.Errorf("files without findings: exit %d\n%s", code, out)
	}
	out, _, _ = run("check", dir)
	if !strings.Contains(out, "other.py") {
		t.Errorf("a directory still gives the whole tree's findings:\n%s", out)
	}
}

func TestCategory(t *testing.T) {
	dir := project(t, map[string]string{"app.py": bindApp})
	for category, want := range map[string]string{"": "flasklint/", "flasklint/prod": "flasklint/prod/", "ci/": "ci/"} {
		args := []string{"check", "--output-format", "sarif", dir}
		if category != "" {
			args = append(args, "--category", category)
		}
		out, _, _ := run(args...)
		var log struct {
			Runs []struct{ AutomationDetails struct{ ID string } }
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		if got := log.Runs[0].AutomationDetails.ID; got != want {
			t.Errorf("--category %q: automationDetails.id %q, want %q", category, got, want)
		}
	}
}
