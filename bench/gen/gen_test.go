package gen

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMonorepoDeterministic: two runs write the same files, FilesPerApp of
// them per app, and some apps carry the mistakes the benchmark expects.
func TestMonorepoDeterministic(t *testing.T) {
	read := func(dir string) map[string]string {
		files := map[string]string{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Monorepo(dir, 30); err != nil {
			t.Fatal(err)
		}
	}
	first, second := read(a), read(b)
	if len(first) != 30*FilesPerApp || len(second) != len(first) {
		t.Fatalf("%d and %d files, want %d", len(first), len(second), 30*FilesPerApp)
	}
	debug := 0
	for name, content := range first {
		if second[name] != content {
			t.Errorf("%s differs between runs", name)
		}
		if strings.HasSuffix(name, "config.py") && strings.Contains(content, "DEBUG = True") {
			debug++
		}
	}
	if debug == 0 {
		t.Error("no app has debug on")
	}
}

func TestNginxAndModule(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "nginx.conf")
	if err := Nginx(file, dir, 50); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "    server {"); n != 50 {
		t.Errorf("%d server blocks, want 50", n)
	}
	if !strings.Contains(string(data), "pid "+dir+"/nginx.pid;") {
		t.Error("pid is not under the prefix")
	}
	if n := strings.Count(PythonModule(2000), "\n"); n < 1990 || n > 2010 {
		t.Errorf("module of %d lines, want about 2000", n)
	}
}
