package config

import (
	"errors"
	"github.com/flasklint/flasklint/internal/testenv"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/rules"
)

func write(t *testing.T, dir, name, content string) string {
	return testenv.WriteFile(t, dir, name, content)
}

const fullPyproject = `[project]
name = "shop"
dependencies = ["flask"]

[tool.black]
line-length = 100

[tool.flasklint]
select = ["FL1", "FL2"]
extend-select = ["FL301"]
ignore = [
    "FL202",
]
exclude = ["migrations"]
extend-exclude = ["legacy/**"]
fail-on = "high"

[tool.flasklint.per-file-ignores]
"tests/**" = ["FL1"]
"scripts/*.py" = ["FL201", "FL101"]
`

func TestLoadPyproject(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(write(t, dir, "pyproject.toml", fullPyproject))
	if err != nil {
		t.Fatal(err)
	}
	if c.Table != "tool.flasklint" || c.Dir != dir {
		t.Errorf("table %q dir %q", c.Table, c.Dir)
	}
	got := [][]string{c.Select, c.ExtendSelect, c.Ignore, c.Exclude, c.ExtendExclude}
	want := [][]string{{"FL1", "FL2"}, {"FL301"}, {"FL202"}, {"migrations"}, {"legacy/**"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lists = %q, want %q", got, want)
	}
	wantPF := []PerFileIgnore{{"scripts/*.py", []string{"FL201", "FL101"}, 20}, {"tests/**", []string{"FL1"}, 19}}
	if !reflect.DeepEqual(c.PerFileIgnores, wantPF) {
		t.Errorf("per-file-ignores = %+v, want %+v", c.PerFileIgnores, wantPF)
	}
	if c.FailOn != rules.High {
		t.Errorf("fail-on = %v", c.FailOn)
	}
	wantLines := map[string]int{"select": 9, "extend-select": 10, "ignore": 11, "exclude": 14,
		"extend-exclude": 15, "fail-on": 16, "per-file-ignores": 18}
	if !reflect.DeepEqual(c.Lines, wantLines) {
		t.Errorf("lines = %v, want %v", c.Lines, wantLines)
	}
}

func TestLoadFlasklintTOMLAndInlineTables(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(write(t, dir, FileName, "ignore = ['FL3']\nper-file-ignores = { 'a.py' = ['FL1'] }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Table != "" || len(c.Ignore) != 1 || len(c.PerFileIgnores) != 1 || c.PerFileIgnores[0].Line != 2 {
		t.Errorf("%+v", c)
	}
}

// Every mistake names the file, the line and (when known) the column.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string // one error line each, after "FILE:"
	}{
		{"syntax", "pyproject.toml", "[project]\nname = \"x\"\n[tool.flasklint]\nselect = [\"FL1\"\n",
			[]string{`4:16: array is incomplete`}},
		{"syntax outside the table", "pyproject.toml", "[project]\nname = \n", []string{`2:8: `}},
		{"unknown keys", "pyproject.toml",
			"[project]\nname = 'x'\n[tool.flasklint]\nselect = ['FL1']\nignores = ['FL2']\n" +
				"[tool.flasklint.rules]\nx = 1\n",
			[]string{`5:1: unknown key "ignores" in [tool.flasklint] (known keys: select, extend-select,`,
				`6:2: unknown key "rules" in [tool.flasklint]`}},
		{"type of a list", "pyproject.toml", "[tool.flasklint]\nselect = \"FL1\"\n",
			[]string{`2:10: select must be an array of rule ids`}},
		{"type of an element", FileName, "exclude = [1]\n", []string{`1:12: exclude must be an array of globs`}},
		{"type of fail-on", FileName, "fail-on = 3\n", []string{`1:11: fail-on must be a severity`}},
		{"type of per-file-ignores", FileName, "[per-file-ignores]\n'a.py' = 'FL1'\n",
			[]string{`2:10: per-file-ignores must be a table of glob = [rule ids]`}},
		{"unknown rule ids", "pyproject.toml",
			"[tool.flasklint]\nselect = [\n  \"FL1\",\n  \"FL999\",\n]\nignore = [\"XX\"]\n",
			[]string{`4:3: select: "FL999" matches no rule id`, `6:11: ignore: "XX" matches no rule id`}},
		{"unknown rule id in per-file-ignores", FileName, "[per-file-ignores]\n\"tests/**\" = [\"FL1\", \"FL9\"]\n",
			[]string{`2:22: per-file-ignores.tests/**: "FL9" matches no rule id`}},
		{"bad severity", FileName, "\nfail-on = \"severe\"\n",
			[]string{`2:11: fail-on must be a severity: "critical", "high", "medium", "low" or "info", not "severe"`}},
		{
			"bad glob",
			FileName,
			"extend-exclude = [\"a/[b\"]\n",
			[]string{`1:19: extend-exclude: "a/[b" is not a valid glob`},
		},
		{"duplicate key", FileName, "select = []\nselect = []\n", []string{`2:1: `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), tt.file, tt.content)
			_, err := Load(p)
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for i, want := range tt.want {
				if !strings.HasPrefix(lines[i], p+":"+want) {
					t.Errorf("error %d:\n got %s\nwant %s:%s...", i, lines[i], p, want)
				}
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.File != p || ce.Line == 0 {
				t.Errorf("not an *Error with a file and line: %#v", err)
			}
		})
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	write(t, root, "pyproject.toml", "[tool.flasklint]\nignore = ['FL1']\n")
	write(t, root, "repo/.git/HEAD", "ref: refs/heads/main\n")
	write(t, root, "repo/pyproject.toml", "[project]\nname = 'no flasklint table here'\n")
	write(t, root, "repo/app/src/app.py", "")
	write(t, root, "repo/svc/pyproject.toml", "[tool.flasklint]\nignore = ['FL2']\n")
	write(t, root, "repo/svc/.flasklint.toml", "ignore = ['FL3']\n")
	write(t, root, "repo/svc/api/app.py", "")
	write(t, root, "other/deep/app.py", "")

	tests := []struct{ start, want string }{
		{"repo/svc/api", "repo/svc/.flasklint.toml"}, // .flasklint.toml wins in its directory
		{
			"repo/app/src",
			"",
		}, // a table-less pyproject.toml is passed over; .git stops the search
		{"other/deep", "pyproject.toml"}, // no .git: up to the file system root
	}
	for _, tt := range tests {
		c, err := Discover(filepath.Join(root, tt.start))
		if err != nil {
			t.Fatalf("%s: %v", tt.start, err)
		}
		got := ""
		if c != nil {
			got, _ = filepath.Rel(root, c.Path)
		}
		if filepath.ToSlash(got) != tt.want {
			t.Errorf("Discover(%s) = %q, want %q", tt.start, got, tt.want)
		}
	}

	write(t, root, "broken/pyproject.toml", "[tool.flasklint\n")
	if _, err := Discover(filepath.Join(root, "broken")); err == nil ||
		!strings.Contains(err.Error(), "pyproject.toml:1:") {
		t.Errorf("a broken pyproject.toml: %v", err)
	}
}

func TestGlobMatch(t *testing.T) {
	dir := filepath.FromSlash("/proj")
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"migrations", "migrations/env.py", true},
		{"migrations", "app/migrations/0001.py", true},
		{"migrations", "app/migrations.py", false},
		{"*.pyi", "pkg/stubs.pyi", true},
		{"legacy/**", "legacy/a/b.py", true},
		{"legacy/**", "app/legacy/b.py", false},
		{"legacy", "app/legacy/b.py", true},
		{"/legacy", "app/legacy/b.py", false},
		{"/legacy", "legacy/b.py", true},
		{"./docs/*.py", "docs/conf.py", true},
		{"docs/*.py", "docs/api/conf.py", false},
		{"tests/", "tests/test_app.py", true},
		{"**/nginx/*.conf", "deploy/nginx/site.conf", true},
		{"app.py", "../elsewhere/app.py", false},
	}
	for _, tt := range tests {
		if got := (Glob{Pattern: tt.pattern, Dir: dir}).Match(abs(tt.path)); got != tt.want {
			t.Errorf("%q matches %q: %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}
