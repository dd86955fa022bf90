package runner

import (
	"bytes"
	"context"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/python"
)

// pythonNeedles are the bytes without which no rule can fire in a Python
// file, matched without regard to case. A file without any of them is still
// parsed for syntax errors, but its tree is only kept when a kept file
// imports or loads it.
var pythonNeedles = regexp.MustCompile(`(?i)flask|werkzeug|gunicorn|waitress|socketio|proxyfix|` +
	`forwarded|access_route|real[-_]ip|access[-_]control|cors`)

func wanted(p string, src []byte) bool {
	if strings.Contains(path.Base(p), "gunicorn") || path.Base(p) == "wsgi.py" {
		return true
	}
	return pythonNeedles.Match(src)
}

// Config loaders name modules and files in strings: from_object("pkg.Config")
// loads a module as an import does, from_pyfile("settings.py") a file.
var (
	fromObjectTarget = regexp.MustCompile(`from_object\(\s*["']([\w.]+)["']`)
	fromPyfileTarget = regexp.MustCompile(`from_pyfile\(\s*["']([^"']+\.py)["']`)
)

// importDepth is how many import steps away from a file that a rule may read
// a module is still read: an app, its config module, and that module's base.
const importDepth = 2

// parsePython parses the Python files. Files that a rule may read, and the
// modules of the tree they import (up to importDepth steps), get a full tree;
// the others are only checked for syntax errors.
func parsePython(ctx context.Context, paths []string, sources map[string][]byte, workers int,
) (full, checked []*python.File) {
	index := moduleIndex(paths)
	done := map[string]*python.File{}
	var next []string
	for _, p := range paths {
		if wanted(p, sources[p]) {
			next = append(next, p)
		}
	}
	for depth := 0; len(next) > 0; depth++ {
		batch := parseAll(ctx, next, sources, workers, true)
		next = nil
		for _, f := range batch {
			done[f.Path] = f
		}
		for _, f := range batch {
			if depth == importDepth {
				break
			}
			for _, target := range imported(f, index) {
				if done[target] == nil && !contains(next, target) {
					next = append(next, target)
				}
			}
		}
	}
	var rest []string
	for _, p := range paths {
		if done[p] == nil {
			rest = append(rest, p)
		}
	}
	for _, f := range done {
		full = append(full, f)
	}
	sort.Slice(full, func(i, j int) bool { return full[i].Path < full[j].Path })
	return full, parseAll(ctx, rest, sources, workers, false)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// moduleIndex maps every dotted suffix of each file's module name to the
// files that may be that module ("c", "b.c", "a.b.c" for a/b/c.py).
func moduleIndex(paths []string) map[string][]string {
	index := map[string][]string{}
	for _, p := range paths {
		mod := strings.TrimSuffix(strings.TrimSuffix(p, ".py"), "/__init__")
		parts := strings.Split(mod, "/")
		for i := range parts {
			key := strings.Join(parts[i:], ".")
			index[key] = append(index[key], p)
		}
	}
	return index
}

// imported lists the files of the tree that f may import.
func imported(f *python.File, index map[string][]string) []string {
	mods := f.Imports()
	for _, m := range fromObjectTarget.FindAllSubmatch(f.Src, -1) {
		mods = append(mods, string(m[1]))
		if i := bytes.LastIndexByte(m[1], '.'); i > 0 {
			mods = append(mods, string(m[1][:i]))
		}
	}
	var out []string
	for _, m := range mods {
		out = append(out, index[strings.TrimLeft(m, ".")]...)
	}
	for _, m := range fromPyfileTarget.FindAllSubmatch(f.Src, -1) {
		mod := strings.ReplaceAll(strings.TrimSuffix(path.Clean(string(m[1])), ".py"), "/", ".")
		out = append(out, index[strings.TrimLeft(mod, ".")]...)
	}
	return out
}

// parseAll parses the files on a pool of workers, each with its own parser,
// and returns them in the order given.
func parseAll(ctx context.Context, paths []string, sources map[string][]byte, workers int, keep bool) []*python.File {
	if len(paths) == 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	files := make([]*python.File, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := python.NewParser()
			defer parser.Close()
			for i := range jobs {
				parse := parser.Check
				if keep {
					parse = parser.Parse
				}
				if f, err := parse(ctx, paths[i], sources[paths[i]]); err == nil {
					files[i] = f
				}
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	out := files[:0]
	for _, f := range files {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}
