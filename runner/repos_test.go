package runner_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
	"github.com/flasklint/flasklint/runner"
)

// checkoutApp is a Flask app module of the trees below.
const checkoutApp = "from flask import Flask\n\napp = Flask(__name__)\n"

// TestCheckoutGivesTheSameFromAbove: a git repository checked from the
// folder above it gives the findings it gives when checked from its own
// top, paths aside. Its top-level directories are its projects either way:
// an app of one is not put behind the nginx of others because every path
// shares the repository's folder.
func TestCheckoutGivesTheSameFromAbove(t *testing.T) {
	site := "server {\n    listen 80;\n    location / {\n        proxy_pass http://$backend;\n    }\n}\n"
	dir := testenv.WriteTree(t, map[string]string{
		"repo/.git/HEAD":            "ref: refs/heads/main\n",
		"repo/a/app.py":             checkoutApp,
		"repo/b/app.py":             checkoutApp,
		"repo/b/nginx/nginx.conf":   site,
		"repo/c/app.py":             checkoutApp,
		"repo/c/nginx/default.conf": site,
	})
	inside, above := checkFrom(t, filepath.Join(dir, "repo"), ".", ""), checkFrom(t, dir, "repo", "repo/")
	if inside != above {
		t.Errorf("checked from above the repository:\n%s\nfrom its top:\n%s", above, inside)
	}
	if !strings.Contains(inside, "b/app.py") || strings.Contains(inside, "a/app.py") {
		t.Errorf("want b's app behind b's nginx, and a's behind none:\n%s", inside)
	}
}

// TestCheckoutBesideAnother: a repository whose apps are all in one
// top-level directory is one project, as checked from its top, even when
// the folder above holds another repository with apps of its own.
func TestCheckoutBesideAnother(t *testing.T) {
	bind := "bind = \"127.0.0.1:5000\"\n"
	dir := testenv.WriteTree(t, map[string]string{
		"r1/.git/HEAD":            "ref: refs/heads/main\n",
		"r1/web/app.py":           checkoutApp,
		"r1/web/gunicorn.conf.py": bind,
		"r1/nginx/site.conf": "server {\n    listen 80;\n    server_name a.example.com;\n" +
			"    location / {\n        proxy_pass http://127.0.0.1:5000;\n    }\n}\n",
		"r2/.git":                 "gitdir: ../.git/modules/r2\n",
		"r2/web/app.py":           checkoutApp,
		"r2/web/gunicorn.conf.py": bind,
	})
	inside, above := checkFrom(t, filepath.Join(dir, "r1"), ".", ""), checkFrom(t, dir, ".", "r1/")
	if inside != above {
		t.Errorf("checked from the folder above:\n%s\nfrom the repository's top:\n%s", above, inside)
	}
	if !strings.Contains(inside, "web/app.py:3:7 FL503") {
		t.Errorf("want r1's app behind its nginx:\n%s", inside)
	}
}

// TestCheckoutKeepsItsOwnIgnores: the .gitignore of the repository above
// does not reach into a repository checked out inside it.
func TestCheckoutKeepsItsOwnIgnores(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{
		".git/HEAD":                 "ref: refs/heads/main\n",
		".gitignore":                "nginx/\n",
		"repo/.git/HEAD":            "ref: refs/heads/main\n",
		"repo/.gitignore":           "build/\n",
		"repo/web/app.py":           checkoutApp,
		"repo/web/gunicorn.conf.py": "bind = \"127.0.0.1:5000\"\n",
		"repo/build/app.py":         "from flask import Flask\n\nFlask(__name__).run(debug=True)\n",
		"repo/nginx/site.conf": "server {\n    listen 80;\n    server_name a.example.com;\n" +
			"    location / {\n        proxy_pass http://127.0.0.1:5000;\n    }\n}\n",
	})
	inside, above := checkFrom(t, filepath.Join(dir, "repo"), ".", ""), checkFrom(t, dir, ".", "repo/")
	if inside != above {
		t.Errorf("checked from the repository above:\n%s\nfrom its own top:\n%s", above, inside)
	}
	if !strings.Contains(inside, "web/app.py:3:7 FL503") || strings.Contains(inside, "build/") {
		t.Errorf("want the app behind the nginx, and build/ ignored:\n%s", inside)
	}
}

// checkFrom checks path from dir and describes the findings, with prefix
// taken out of every path.
func checkFrom(t *testing.T, dir, path, prefix string) string {
	t.Helper()
	res, err := runner.Run(context.Background(), runner.Options{Paths: []string{path}, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if prefix == "" {
		return describe(res)
	}
	return strings.ReplaceAll(describe(res), prefix, "")
}
