package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
	"github.com/flasklint/flasklint/runner"
)

// neighbour is an app with one known finding, FL101 on line 3, that every
// hostile tree holds beside its hostile part.
const neighbour = "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n"

// Bounds for one run. They guard against hangs and blow-ups and are far
// above what a run takes: they are not speed assertions.
const (
	timeBound   = 60 * time.Second
	allocBound  = 1 << 30 // bytes allocated by the Go heap during one run
	hangMessage = "the run did not finish within the bound: a hang"
)

type finding struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
}

// result is one run's outcome.
type result struct {
	code     int
	findings []finding
	stderr   string
	allocs   uint64
}

// check runs flasklint on dir with JSON output, within the bounds.
func check(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := cli.Run(append(append([]string{"check", "--isolated", "--output-format", "json"}, args...), dir),
			nil, &out, &errOut)
		r := result{code: code, stderr: errOut.String()}
		if err := json.Unmarshal(out.Bytes(), &r.findings); err != nil && code != cli.ExitError {
			r.stderr += fmt.Sprintf("\noutput is not JSON: %v\n%s", err, out.String())
		}
		done <- r
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(timeBound):
		t.Fatal(hangMessage)
	}
	runtime.ReadMemStats(&after)
	r.allocs = after.TotalAlloc - before.TotalAlloc
	if r.allocs > allocBound {
		t.Errorf("the run allocated %d MiB, over the %d MiB bound", r.allocs>>20, allocBound>>20)
	}
	return r
}

// tree makes a temporary repository holding the neighbour and returns it.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, dir, "neighbour/app.py", neighbour)
	return dir
}

func write(t *testing.T, dir, name, content string) { testenv.WriteFile(t, dir, name, content) }

// copyCase copies testdata/hostile/<name> into dir.
func copyCase(t *testing.T, name, dir string) {
	t.Helper()
	src := filepath.Join(testenv.ModuleRoot(t), "testdata", "hostile", name)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		write(t, dir, filepath.ToSlash(rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// expect checks a run: the exit code, the neighbour's finding, and that
// every wanted finding ("file:line RULE" or "file RULE", message substring
// after a space) is there and nothing else is.
func expect(t *testing.T, r result, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\n%s", r.code, code, r.stderr)
	}
	want = append(want, "neighbour/app.py:3 FL101")
	var got []string
	for _, f := range r.findings {
		got = append(got, f.String())
	}
	for _, w := range want {
		if !containsMatch(got, w) {
			t.Errorf("no finding %q among:\n%s", w, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		if !matchesAny(g, want) {
			t.Errorf("unexpected finding %s", g)
		}
	}
}

func containsMatch(got []string, w string) bool {
	for _, g := range got {
		if matches(g, w) {
			return true
		}
	}
	return false
}

func matchesAny(g string, want []string) bool {
	for _, w := range want {
		if matches(g, w) {
			return true
		}
	}
	return false
}

// matches tells whether a finding "file:line RULE message" fits the want
// "file:line RULE [message part]"; a want without ":line" fits any line,
// and the file part is a path.Match pattern.
func matches(g, w string) bool {
	wf := strings.SplitN(w, " ", 3)
	gf := strings.SplitN(g, " ", 3)
	loc, gloc := wf[0], gf[0]
	if !strings.Contains(loc, ":") {
		gloc = gloc[:strings.LastIndex(gloc, ":")]
	}
	if ok, _ := path.Match(loc, gloc); !ok || len(wf) < 2 || wf[1] != gf[1] {
		return false
	}
	return len(wf) < 3 || len(gf) == 3 && strings.Contains(gf[2], wf[2])
}

// TestCommittedCorpus runs each committed hostile tree.
func TestCommittedCorpus(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"invalid_utf8", []string{"app.py:5 FL101"}},
		{"bom", []string{"app.py:3 FL101"}},
		{"crlf", []string{"app.py:3 FL101"}},
		{"lone_cr", []string{"app.py:3 FL101"}},
		{"nul", []string{"app.py:1 FL001 invalid syntax", "app.py:4 FL101"}},
		{"binary", []string{"app.py FL001"}},
		{"empty", nil},
		{"include_cycle", []string{"nginx/b.conf:1 FL008 forms a cycle", "nginx/a.conf:3 FL606"}},
		{"include_outside", []string{"nginx/site.conf:3 FL003", "nginx/site.conf:4 FL003", "nginx/site.conf:5 FL003"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t)
			copyCase(t, tt.name, dir)
			expect(t, check(t, dir), cli.ExitFindings, tt.want...)
		})
	}
}

// TestGeneratedCases runs the hostile trees too large or too odd to commit.
func TestGeneratedCases(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *testing.T, dir string)
		want  []string
	}{
		{"50 MB single line", func(t *testing.T, dir string) {
			write(t, dir, "app.py", "x = '"+strings.Repeat("a", 50<<20)+"'\n")
		}, []string{"app.py:1 FL004 over the 10 MiB limit"}},
		{"100,000 nested brackets", func(t *testing.T, dir string) {
			write(t, dir, "deep.py", "x = "+strings.Repeat("(", 100_000)+strings.Repeat(")", 100_000)+"\n"+neighbour)
			write(
				t,
				dir,
				"nginx/deep.conf",
				"http {\n"+strings.Repeat("location / {\n", 100_000)+strings.Repeat("}\n", 100_001),
			)
		}, []string{"deep.py:4 FL101", "nginx/deep.conf:101 FL008 nest more than 100 deep"}},
		// The first 2000 included files are read; past that bound FL008
		// says the rest was not.
		{"include glob over thousands of files", func(t *testing.T, dir string) {
			write(t, dir, "nginx/nginx.conf", "http {\n    include conf.d/*.conf;\n}\n")
			for i := range 3000 {
				write(t, dir, fmt.Sprintf("nginx/conf.d/s%04d.conf", i), "server_tokens on;\n")
			}
		}, []string{"nginx/conf.d/s0*.conf:1 FL606", "nginx/conf.d/s1*.conf:1 FL606",
			"nginx/nginx.conf:2 FL008 more than 2000 files"}},
		// A syntax tree of a large Python file would cost gigabytes: one that a
		// rule could read is reported as not analysed, a data module is left
		// alone (no rule could fire in it).
		{"Python files over the syntax tree limit", func(t *testing.T, dir string) {
			write(t, dir, "big_app.py", "from flask import Flask\n"+strings.Repeat("x = 1\n", 200_000)+
				"Flask(__name__).run(debug=True)\n")
			write(t, dir, "big_data.py", strings.Repeat("x = 1\n", 200_000))
		}, []string{"big_app.py:1 FL004 over the 1 MiB limit for a syntax tree"}},
		// Strings that name modules count only where they may reach a
		// config loader, and a name many files share links two of them.
		{"thousands of files of strings naming common modules", func(t *testing.T, dir string) {
			for i := range 300 {
				for _, m := range []string{"app", "config", "utils"} {
					write(t, dir, fmt.Sprintf("pkg%03d/%s.py", i, m), "X = 1\n")
				}
			}
			line := "s = \"app utils config.views\"\n"
			for i := range 2000 {
				src := "import os\n" + strings.Repeat(line, 50)
				if i%10 == 0 {
					src = "import flask\n" + src + "flask.Flask(__name__).config.from_object(\"config\")\n"
				}
				write(t, dir, fmt.Sprintf("mods%02d/m%04d.py", i/100, i), src)
			}
		}, nil},
		// Star imports that form cycles, several to a module.
		{"star imports in a cycle", func(t *testing.T, dir string) {
			write(t, dir, "cyc/a.py", strings.Repeat("from b import *\n", 8)+"from c import *\n")
			write(t, dir, "cyc/b.py", strings.Repeat("from a import *\n", 8)+"from c import *\nDEBUG = True\n")
			write(t, dir, "cyc/c.py", "from a import *\nfrom b import *\n")
			write(t, dir, "cyc/app.py", "from flask import Flask\nfrom a import *\n\napp = Flask(__name__)\n"+
				"app.config.from_object(__name__)\n")
		}, []string{"cyc/b.py:10 FL102"}},
		{"directory named app.py", func(t *testing.T, dir string) {
			write(t, dir, "app.py/inner.py", neighbour)
		}, []string{"app.py/inner.py:3 FL101"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t)
			tt.build(t, dir)
			expect(t, check(t, dir), cli.ExitFindings, tt.want...)
		})
	}
}

// TestSymlinks: links are never followed out of the tree, and loops do not
// hang the walk. The walk does not follow symlinks at all; an include that
// names a link leading out is refused.
func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "app.py", neighbour)
	write(t, outside, "evil.conf", "server_tokens on;\n")
	dir := tree(t)
	write(t, dir, "nginx/site.conf", "http {\n    include links/evil.conf;\n    include links/outdir/evil.conf;\n}\n")
	links := map[string]string{
		"loop/a":                "b",
		"loop/b":                "a",
		"loop/self":             ".",
		"loop/up":               "..",
		"outside_app.py":        filepath.Join(outside, "app.py"),
		"outdir":                outside,
		"nginx/links/evil.conf": filepath.Join(outside, "evil.conf"),
		"nginx/links/outdir":    outside,
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	// NOTE: the loader sees a link out as no file of the tree (FL002), not as
	// an include outside it (FL003); either way the target is never read.
	expect(t, check(t, dir), cli.ExitFindings, "nginx/site.conf:2 FL002", "nginx/site.conf:3 FL002")
}

// TestSpecialFiles: a FIFO in the tree is never opened, so it cannot block
// the run; an include that names one is reported as not found.
func TestSpecialFiles(t *testing.T) {
	dir := tree(t)
	write(t, dir, "nginx/nginx.conf", "http {\n    include pipe.conf;\n}\n")
	for _, name := range []string{"nginx/pipe.conf", "pipe.py", "requirements.txt"} {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, check(t, dir), cli.ExitFindings, "nginx/nginx.conf:2 FL002")
}

// TestUnreadableFile: a file without read permission is reported as
// unreadable (FL004). NOTE: root reads it anyway, and tests often run as
// root; then the file is analysed like any other, which this asserts.
func TestUnreadableFile(t *testing.T) {
	dir := tree(t)
	write(t, dir, "app.py", neighbour)
	if err := os.Chmod(filepath.Join(dir, "app.py"), 0); err != nil {
		t.Fatal(err)
	}
	want := "app.py:1 FL004 permission denied"
	if os.Geteuid() == 0 {
		want = "app.py:3 FL101"
	}
	expect(t, check(t, dir), cli.ExitFindings, want)
}

// TestFileVanishesDuringTheWalk: a file found by the walk and removed before
// it is read is reported as unreadable, not silently dropped. The exclude
// hook, called for each file as the walk meets it, removes an earlier one.
func TestFileVanishesDuringTheWalk(t *testing.T) {
	dir := tree(t)
	write(t, dir, "a.py", neighbour)
	write(t, dir, "b.py", neighbour)
	exclude := func(abs string) bool {
		if filepath.Base(abs) == "b.py" {
			_ = os.Remove(filepath.Join(dir, "a.py"))
		}
		return false
	}
	res, err := runner.Run(context.Background(), runner.Options{Paths: []string{dir}, Dir: dir, Exclude: exclude})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s %s", f.Pos.File, f.Pos.Span.StartLine, f.RuleID, f.Message))
	}
	expect(t, result{code: cli.ExitFindings, findings: parse(got)}, cli.ExitFindings,
		"a.py:1 FL004 no such file", "b.py:3 FL101")
}

// parse turns "file:line RULE message" strings back into findings.
func parse(lines []string) []finding {
	var out []finding
	for _, l := range lines {
		var f finding
		parts := strings.SplitN(l, " ", 3)
		i := strings.LastIndex(parts[0], ":")
		f.File = parts[0][:i]
		fmt.Sscan(parts[0][i+1:], &f.Line)
		f.Rule, f.Message = parts[1], parts[2]
		out = append(out, f)
	}
	return out
}

// TestNamedSpecialFiles: a FIFO or a symlink leading out of the tree named
// on the command line is never opened, and is reported as not analysed
// (FL004) rather than taken for clean.
func TestNamedSpecialFiles(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "app.py", neighbour)
	dir := tree(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.conf"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "app.py"), filepath.Join(dir, "linked.py")); err != nil {
		t.Fatal(err)
	}
	r := check(t, filepath.Join(dir, "neighbour", "app.py"), filepath.Join(dir, "pipe.conf"),
		filepath.Join(dir, "linked.py"))
	expect(t, r, cli.ExitFindings, "pipe.conf:1 FL004 not a regular file", "linked.py:1 FL004 leads outside "+
		"the scanned tree")
}
