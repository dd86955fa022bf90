package runner

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/python"
)

// pythonNeedles are the bytes without which no rule can fire in a Python
// file, matched without regard to case. A file without any of them is still
// parsed for syntax errors, but its tree is only kept when a kept file
// imports or loads it.
var pythonNeedles = regexp.MustCompile(`(?i)flask|werkzeug|gunicorn|waitress|socketio|proxyfix|` +
	`forwarded|access_route|real[-_]ip|access[-_]control|cors|secret_key|trusted_hosts|` +
	`import socket|from socket import`)

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
	fromPyfileTarget = regexp.MustCompile(`from_pyfile\(\s*["']([^"']+)["']`)
)

// importDepth is how many import steps away from a file that a rule may read
// a module is still read: an app, its config module, and that module's base;
// and in the other direction, the script that imports an app or its factory
// and runs it, and the script above that.
const importDepth = 2

// appDefinition marks a file that defines or builds a Flask app: the files
// that import it are read too, since they may run or configure the app
// without ever naming Flask.
var appDefinition = regexp.MustCompile(`Flask\(|create_app|make_app`)

// parsePython parses the Python files. Files that a rule may read, the
// modules of the tree they import, and the files that import an app
// (each up to importDepth steps) get a full tree; the others are only
// checked for syntax errors.
func parsePython(ctx context.Context, cache *Cache, paths []string, sources map[string][]byte, workers int,
) (full, checked []*python.File) {
	index := moduleIndex(paths)
	cache.setPaths(paths)
	imports := map[string][]string{}    // file -> files it imports
	importedBy := map[string][]string{} // file -> files importing it
	for _, p := range paths {
		for _, target := range cache.imported(p, sources[p], index) {
			if target != p {
				imports[p] = append(imports[p], target)
				importedBy[target] = append(importedBy[target], p)
			}
		}
	}

	keep := map[string]bool{}
	var seeds, appSeeds []string
	for _, p := range paths {
		if cache.wanted(p, sources[p]) {
			seeds = append(seeds, p)
			if appDefinition.Match(sources[p]) {
				appSeeds = append(appSeeds, p)
			}
		}
	}
	reach(seeds, imports, keep)
	reach(appSeeds, importedBy, keep)

	var fullPaths, rest []string
	for _, p := range paths {
		if keep[p] {
			fullPaths = append(fullPaths, p)
		} else {
			rest = append(rest, p)
		}
	}
	full = parseAll(ctx, cache, fullPaths, sources, workers, true)
	return full, parseAll(ctx, cache, rest, sources, workers, false)
}

// reach marks the seeds and what the edges lead to within importDepth steps.
func reach(seeds []string, edges map[string][]string, keep map[string]bool) {
	next := seeds
	for depth := 0; len(next) > 0 && depth <= importDepth; depth++ {
		var after []string
		for _, p := range next {
			keep[p] = true
			after = append(after, edges[p]...)
		}
		next = after
	}
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

// importLine finds the modules a line imports: "import a.b, c as d" and
// "from .a import b, c". A text scan is enough to decide which files to
// parse; the rules read real imports from the syntax tree.
var importLine = regexp.MustCompile(
	`(?m)^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+\(?([\w ,\t]*)|import[ \t]+([\w., \t]+))`,
)

// imported lists the files of the tree that the source may import or load.
func imported(file string, src []byte, index map[string][]string) []string {
	var mods []string
	for _, m := range importLine.FindAllSubmatch(src, -1) {
		if len(m[1]) > 0 {
			mod := string(m[1])
			mods = append(mods, mod)
			for _, name := range strings.Split(string(m[2]), ",") {
				if f := strings.Fields(name); len(f) > 0 {
					mods = append(mods, strings.TrimSuffix(mod, ".")+"."+f[0])
				}
			}
			continue
		}
		for _, name := range strings.Split(string(m[3]), ",") {
			if f := strings.Fields(name); len(f) > 0 {
				mods = append(mods, f[0])
			}
		}
	}
	for _, m := range fromObjectTarget.FindAllSubmatch(src, -1) {
		mods = append(mods, string(m[1]))
		if i := bytes.LastIndexByte(m[1], '.'); i > 0 {
			mods = append(mods, string(m[1][:i]))
		}
	}
	var out []string
	for _, m := range mods {
		out = append(out, index[strings.TrimLeft(m, ".")]...)
	}
	for _, m := range fromPyfileTarget.FindAllSubmatch(src, -1) {
		mod := strings.ReplaceAll(strings.TrimSuffix(path.Clean(string(m[1])), ".py"), "/", ".")
		out = append(out, index[strings.TrimLeft(mod, ".")]...)
	}
	return out
}

// parseAll parses the files on a pool of workers, each with its own parser,
// and returns them in the order given.
func parseAll(ctx context.Context, cache *Cache, paths []string, sources map[string][]byte, workers int, keep bool,
) []*python.File {
	if len(paths) == 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	files := make([]*python.File, len(paths))
	todo := cache.hits(keep, paths, sources, files) // the indexes still to parse
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := python.NewParser()
			defer parser.Close()
			for i := range jobs {
				if f, err := cache.parse(ctx, parser, keep, paths[i], sources[paths[i]]); err == nil {
					files[i] = f
				}
			}
		}()
	}
	for _, i := range todo {
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

// pyfileTargets reads the files that from_pyfile("settings.cfg") loads
// when they do not end in .py: Flask executes them as Python, so they are
// parsed as Python too. A target is looked up beside the file that names
// it, inside the scanned tree; the new paths are returned and their bytes
// added to sources.
func pyfileTargets(fsys fs.FS, pyFiles []string, sources map[string][]byte) []string {
	var added []string
	for _, p := range pyFiles {
		for _, m := range fromPyfileTarget.FindAllSubmatch(sources[p], -1) {
			target := path.Join(path.Dir(p), string(m[1]))
			if strings.HasSuffix(target, ".py") || sources[target] != nil || !fs.ValidPath(target) {
				continue
			}
			src, err := fs.ReadFile(fsys, target)
			if err != nil || len(src) > MaxFileSize {
				continue
			}
			sources[target] = src
			added = append(added, target)
		}
	}
	return added
}
