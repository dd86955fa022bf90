// Package testenv finds what tests need outside the module: the shared
// reference folder beside the project root (../shared) and its tools.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ModuleRoot is the directory holding go.mod.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Shared is the shared reference folder beside the project root. Its absence
// fails the test: tests never pass by skipping what they need.
func Shared(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(ModuleRoot(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "tools")); err != nil {
		t.Fatalf("the shared folder is missing at %s: %v", dir, err)
	}
	return dir
}

// Tool returns the path of a tool in ../shared/tools, checking that python3
// (which runs them) is on PATH.
func Tool(t testing.TB, name string) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatalf("python3 is needed to run %s (make tools installs it): %v", name, err)
	}
	return filepath.Join(Shared(t), "tools", name)
}

// WriteFile writes content at the slash path name below dir, making the
// directories it needs, and returns the file's path.
func WriteFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// WriteTree writes files (slash path to content) into a new temporary
// directory and returns it.
func WriteTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		WriteFile(t, dir, name, content)
	}
	return dir
}

// SeedFuzz adds the text of every file matching the globs (relative to the
// test's package directory) to the fuzz corpus of f.
func SeedFuzz(f *testing.F, globs ...string) {
	f.Helper()
	for _, glob := range globs {
		found, err := filepath.Glob(glob)
		if err != nil {
			f.Fatalf("seed glob %q: %v", glob, err)
		}
		for _, p := range found {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(string(src))
			}
		}
	}
}
