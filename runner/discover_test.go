package runner

import (
	"github.com/flasklint/flasklint/internal/testenv"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeFiles(t *testing.T, files map[string]string) string { return testenv.WriteTree(t, files) }

func discover(t *testing.T, dir string, paths ...string) map[string]Kind {
	t.Helper()
	w := &walker{base: dir, log: func(string, ...any) {}, seen: map[string]bool{}}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if err := w.walk(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]Kind{}
	for _, c := range w.found {
		got[c.path] = c.kind
	}
	return got
}

func TestDiscovery(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"app.py":                         "x = 1\n",
		"deployment/nginx/microblog":     "server {\n    listen 80;\n}\n",
		"deploy/site":                    "# a site\nupstream app {\n}\n",
		"deploy/notes":                   "remember to restart\n",
		"deployment/supervisor/app.conf": "[program:app]\ncommand=gunicorn app:app\n",
		"etc/redis.conf":                 "bind 127.0.0.1\nport 6379\n",
		"etc/site.conf":                  "server {\n}\n",
		"conf.d/default.conf":            "proxy_cache_path /tmp/c keys_zone=c:1m;\n",
		"nginx/Dockerfile":               "FROM nginx\n",
		"nginx/default.conf.template":    "server { listen ${PORT}; }\n",
		".git/config.py":                 "x = 1\n",
		"node_modules/pkg/x.py":          "x = 1\n",
		"env/pyvenv.cfg":                 "home = /usr\n",
		"env/lib/site.py":                "x = 1\n",
		".gitignore":                     "build/\n*.gen.py\n",
		"build/out.py":                   "x = 1\n",
		"pkg/thing.gen.py":               "x = 1\n",
		"pkg/.gitignore":                 "local.py\n",
		"pkg/local.py":                   "x = 1\n",
		"pkg/kept.py":                    "x = 1\n",
		"conf.d/supervisor.conf":         "[program:web]\ncommand=gunicorn app:app\n",
		"conf.d/allman.conf":             "\ufeff# site\nserver\n{\n}\n",
		"conf.d/exact.conf":              "location = /health {\n    return 200;\n}\n",
		"nginx/log":                      "log_format main '$remote_addr'\n    '$request';\n",
		"nginx/entrypoint":               "#!/bin/sh\nset -e; exec nginx\n",
		"nginx/mongod.conf":              "storage:\n  dbPath: /data\n",
		"compose.yaml":                   "services: {}\n",
		"docker-compose.prod.yml":        "services: {}\n",
		".env.dev-sample":                "FLASK_DEBUG=1\n",
		".flaskenv":                      "FLASK_APP=app\n",
		"Procfile":                       "web: gunicorn app:app\n",
		"boot.sh":                        "exec gunicorn app:app\n",
		"app.service":                    "[Service]\nExecStart=/bin/gunicorn app:app\n",
		"docs/compose.md":                "# not a compose file\n",
	})
	want := map[string]Kind{
		"app.py":                         KindPython,
		"deployment/nginx/microblog":     KindNginx,
		"deploy/site":                    KindNginx,
		"etc/site.conf":                  KindNginx,
		"conf.d/default.conf":            KindNginx,
		"nginx/default.conf.template":    KindNginx,
		"pkg/kept.py":                    KindPython,
		"conf.d/allman.conf":             KindNginx,
		"conf.d/exact.conf":              KindNginx,
		"nginx/log":                      KindNginx,
		"nginx/Dockerfile":               KindDockerfile,
		"compose.yaml":                   KindCompose,
		"docker-compose.prod.yml":        KindCompose,
		".env.dev-sample":                KindEnv,
		".flaskenv":                      KindEnv,
		"Procfile":                       KindProcfile,
		"boot.sh":                        KindShell,
		"deployment/supervisor/app.conf": KindUnit,
		"conf.d/supervisor.conf":         KindUnit,
		"app.service":                    KindUnit,
	}
	if got := discover(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("discovered %v\nwant %v", got, want)
	}
}

func TestExplicitFileIsAlwaysRead(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".gitignore":   "ignored.py\n",
		"ignored.py":   "x = 1\n",
		"plain/server": "server {\n}\n",
		"site.txt":     "server {\n    listen 80;\n}\n",
		"notes.txt":    "remember to restart\n",
	})
	got := discover(t, dir, "ignored.py", "plain/server", "site.txt", "notes.txt")
	want := map[string]Kind{"ignored.py": KindPython, "plain/server": KindNginx, "site.txt": KindNginx}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBase(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a/x.py": "", "b/y.py": ""})
	tests := []struct {
		cwd   string
		paths []string
		base  string
	}{
		{dir, nil, dir},
		{dir, []string{"a", "b"}, dir},
		{filepath.Join(dir, "a"), []string{"../b"}, filepath.Join(dir, "b")},
		{filepath.Join(dir, "a"), []string{"../b", "."}, dir},
		{filepath.Join(dir, "a"), []string{"../b/y.py"}, filepath.Join(dir, "b")},
	}
	for _, tt := range tests {
		_, base, err := resolvePaths(Options{Dir: tt.cwd, Paths: tt.paths})
		if err != nil || base != tt.base {
			t.Errorf("cwd %s paths %v: base %s (%v), want %s", tt.cwd, tt.paths, base, err, tt.base)
		}
	}
}

// TestParentGitignore: scanning a subdirectory still applies the .gitignore
// files above it, up to the repository's top level.
func TestParentGitignore(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".git/HEAD":      "ref: refs/heads/main\n",
		".gitignore":     "drop.py\n",
		"sub/drop.py":    "x = 1\n",
		"sub/keep.py":    "x = 1\n",
		"sub/.gitignore": "!drop.py\nlocal/\n",
		"sub/local/a.py": "x = 1\n",
		"other/drop.py":  "x = 1\n",
	})
	w := &walker{base: filepath.Join(dir, "sub"), log: func(string, ...any) {}, seen: map[string]bool{}}
	if err := w.walk(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range w.found {
		got = append(got, c.path)
	}
	// sub/.gitignore re-includes drop.py below it; local/ stays out.
	if want := []string{"drop.py", "keep.py"}; !reflect.DeepEqual(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	w = &walker{base: dir, log: func(string, ...any) {}, seen: map[string]bool{}}
	if err := w.walk(filepath.Join(dir, "other")); err != nil {
		t.Fatal(err)
	}
	if len(w.found) != 0 {
		t.Errorf("other/drop.py is ignored by the top .gitignore, found %v", w.found)
	}
}

// TestNamedFIFOIsNotOpened: a FIFO named on the command line is not opened
// (opening it would block the run forever) but kept as a refused
// candidate, which the run reports as unreadable.
func TestNamedFIFOIsNotOpened(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.conf"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []candidate)
	go func() {
		w := &walker{base: dir, log: func(string, ...any) {}, seen: map[string]bool{}}
		if err := w.walk(filepath.Join(dir, "pipe.conf")); err != nil {
			t.Error(err)
		}
		done <- w.found
	}()
	select {
	case got := <-done:
		if len(got) != 1 || got[0].path != "pipe.conf" || !strings.Contains(got[0].refused, "not a regular file") {
			t.Errorf("a FIFO named on the command line: %+v", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("discovery blocked on a FIFO")
	}
}
