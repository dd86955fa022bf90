package integration

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

const debugApp = `from flask import Flask

app = Flask(__name__)
app.run(debug=True)
`

// TestPreCommit installs the hooks of .pre-commit-hooks.yaml with the real
// pre-commit, from a committed copy of this working tree, into a new git
// repository: a commit of a Flask app that runs the debugger at module level
// is refused, and the same commit with the finding suppressed (with a
// reason) goes through. pre-commit builds flasklint with `go install`, once.
func TestPreCommit(t *testing.T) {
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed (make tools installs pre-commit and git): %v", tool, err)
		}
	}
	tmp := t.TempDir()
	env := gitEnv(t, tmp)

	// The hook repository: this working tree as pre-commit's try-repo would
	// see it (tracked and untracked files, not the ignored ones), committed.
	hooks := filepath.Join(tmp, "flasklint")
	copyWorkingTree(t, testenv.ModuleRoot(t), hooks)
	git(t, env, hooks, "init", "-q")
	git(t, env, hooks, "add", "-A")
	git(t, env, hooks, "commit", "-q", "-m", "flasklint under test")
	rev := strings.TrimSpace(git(t, env, hooks, "rev-parse", "HEAD"))

	repo := filepath.Join(tmp, "shop")
	config := "repos:\n  - repo: " + hooks + "\n    rev: " + rev + "\n" +
		"    hooks:\n      - id: flasklint\n      - id: flasklint-project\n"
	writeFiles(t, repo, map[string]string{"app.py": debugApp, ".pre-commit-config.yaml": config})
	git(t, env, repo, "init", "-q")
	run(t, env, repo, "pre-commit", "install")

	git(t, env, repo, "add", "-A")
	out, err := command(env, repo, "git", "commit", "-m", "debug on")
	if err == nil {
		t.Fatalf("the commit with app.run(debug=True) went through:\n%s", out)
	}
	for _, want := range []string{"app.py:4:1: error: debug=True", "[FL101 debug-run]", "flasklint (whole project)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the refused commit's output lacks %q:\n%s", want, out)
		}
	}

	suppressed := strings.Replace(debugApp, "app.run(debug=True)",
		"app.run(debug=True)  # flasklint: ignore[FL101] local development entry point, never deployed", 1)
	writeFiles(t, repo, map[string]string{"app.py": suppressed})
	git(t, env, repo, "add", "-A")
	if out, err := command(env, repo, "git", "commit", "-m", "debug on, suppressed with a reason"); err != nil {
		t.Fatalf("the commit with the suppressed finding was refused: %v\n%s", err, out)
	}
}

// gitEnv is the environment of the test's git and pre-commit: no user or
// system git configuration, an identity, pre-commit's cache in the test's
// directory, and the module cache of the Go running the tests, so that
// pre-commit's `go install` needs no download.
func gitEnv(t *testing.T, tmp string) []string {
	t.Helper()
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=flasklint test", "GIT_AUTHOR_EMAIL=test@flasklint.invalid",
		"GIT_COMMITTER_NAME=flasklint test", "GIT_COMMITTER_EMAIL=test@flasklint.invalid",
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"CGO_ENABLED=1",
	)
}

func command(env []string, dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func run(t *testing.T, env []string, dir, name string, args ...string) string {
	t.Helper()
	out, err := command(env, dir, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func git(t *testing.T, env []string, dir string, args ...string) string {
	t.Helper()
	return run(t, env, dir, "git", args...)
}

// copyWorkingTree copies the files git would commit from src (tracked and
// untracked, not ignored, as they are on disk) to dst. It only reads src.
func copyWorkingTree(t *testing.T, src, dst string) {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = src
	list, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files in %s: %v", src, err)
	}
	for _, name := range bytes.Split(bytes.TrimRight(list, "\x00"), []byte{0}) {
		from := filepath.Join(src, string(name))
		info, err := os.Lstat(from)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the working tree, or not a regular file
		}
		if err := copyFile(from, filepath.Join(dst, string(name)), info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(from, to string, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := copyContent(filepath.Join(dir, name), content); err != nil {
			t.Fatal(err)
		}
	}
}

func copyContent(p, content string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}
