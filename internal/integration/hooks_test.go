package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// TestHookFiles checks the files pattern of the flasklint hook against the
// names it must and must not pass (pre-commit applies it with Python's
// re.search to repository-relative paths; the pattern uses nothing Go's
// regexp reads differently).
func TestHookFiles(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.ModuleRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^  files: '(.*)'$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no files: pattern in .pre-commit-hooks.yaml")
	}
	files := regexp.MustCompile(strings.ReplaceAll(string(m[1]), "''", "'"))
	passed := []string{
		"app.py", "src/shop/wsgi.py", ".env", "deploy/.env.production", ".flaskenv", "Dockerfile",
		"docker/Dockerfile.dev", "compose.yaml", "docker-compose.prod.yml", "Procfile", "setup.cfg",
		"uwsgi.ini", "pyproject.toml", "nginx.conf", "deploy/shop.conf", "nginx/shop", "etc/sites-enabled/shop",
		"sites-available/default", "conf.d/upstream", "package.json",
	}
	skipped := []string{"README.md", "notes.txt", "static/logo.png", "mynginx/site", "templates/index.html", "app.pyc"}
	for _, name := range passed {
		if !files.MatchString(name) {
			t.Errorf("%s is not passed to the hook", name)
		}
	}
	for _, name := range skipped {
		if files.MatchString(name) {
			t.Errorf("%s is passed to the hook", name)
		}
	}
	for _, want := range []string{
		"id: flasklint\n", "id: flasklint-project\n", "language: golang", "entry: flasklint check",
		"pass_filenames: true", "pass_filenames: false", "require_serial: true", "always_run: true", "types: [text]",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf(".pre-commit-hooks.yaml lacks %s", strconv.Quote(want))
		}
	}
}
