package runner

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/python"
)

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

// definesApp marks a file that defines or builds a Flask app: the files
// that import it are read too, since they may run or configure the app
// without ever naming Flask.
func definesApp(src []byte) bool {
	return bytes.Contains(src, []byte("Flask(")) || bytes.Contains(src, []byte("create_app")) ||
		bytes.Contains(src, []byte("make_app"))
}

// parsePython parses the Python files that a selected rule may read: the
// wanted files (see prescan.choose), the modules of the tree they
// import, and the files that import an app (each up to importDepth steps);
// and the files alone, which are not UTF-8 text.
// The other files cannot hold anything a selected rule looks at; they are
// returned as needless, and only parsed when all is set (to show that the
// rules find nothing more in them), except those out of scope.
//
// A cache, when not nil, keeps the import scans and the trees for the next
// run: only files whose bytes changed are scanned and parsed again.
func parsePython(ctx context.Context, cache *Cache, paths []string, sources map[string][]byte, workers int,
	wanted, alone, outOfScope map[string]bool, all bool,
) (files []*python.File, needless map[string]bool) {
	keep := map[string]bool{}
	maps.Copy(keep, alone)
	var seeds, appSeeds []string
	for _, p := range paths {
		if wanted[p] {
			seeds = append(seeds, p)
			if definesApp(sources[p]) {
				appSeeds = append(appSeeds, p)
			}
		}
	}
	imports := map[string][]string{} // file -> files it imports
	// With one file there is nothing else to import or be imported by.
	if len(seeds) > 0 && len(paths) > 1 {
		index := newModules(paths)
		cache.setPaths(paths)
		importedBy := map[string][]string{} // file -> files importing it
		targets := make([][]string, len(paths))
		parallel(len(paths), workers, func(i int) { targets[i] = cache.imported(paths[i], sources[paths[i]], index) })
		for i, p := range paths {
			for _, target := range targets[i] {
				if target != p {
					imports[p] = append(imports[p], target)
					importedBy[target] = append(importedBy[target], p)
				}
			}
		}
		reach(appSeeds, importedBy, keep)
	}
	reach(seeds, imports, keep)

	var todo []string
	for _, p := range paths {
		if !keep[p] {
			if needless == nil {
				needless = map[string]bool{}
			}
			needless[p] = true
		}
		if keep[p] || all && !outOfScope[p] {
			todo = append(todo, p)
		}
	}
	return parseAll(ctx, cache, todo, sources, workers), needless
}

// reach marks the seeds and what the edges lead to within importDepth steps.
// Each file is expanded once, at its shortest distance.
func reach(seeds []string, edges map[string][]string, keep map[string]bool) {
	seen := map[string]bool{}
	next := seeds
	for depth := 0; len(next) > 0 && depth <= importDepth; depth++ {
		var after []string
		for _, p := range next {
			if seen[p] {
				continue
			}
			seen[p] = true
			keep[p] = true
			after = append(after, edges[p]...)
		}
		next = after
	}
}

// modules finds the files of the tree that an import names, the way the
// app model resolves imports: relative imports from the file's package,
// absolute ones from the file's directory upwards, else every file whose
// path ends with the module path.
type modules struct {
	byPath   map[string]bool
	bySuffix map[string][]string // "c", "b/c", "a/b/c" for a/b/c.py
}

func newModules(paths []string) *modules {
	m := &modules{byPath: map[string]bool{}, bySuffix: map[string][]string{}}
	for _, p := range paths {
		m.byPath[p] = true
		mod := strings.TrimSuffix(strings.TrimSuffix(p, ".py"), "/__init__")
		for i := len(mod) - 1; i >= 0; i-- {
			if mod[i] == '/' {
				m.bySuffix[mod[i+1:]] = append(m.bySuffix[mod[i+1:]], p)
			}
		}
		m.bySuffix[mod] = append(m.bySuffix[mod], p)
	}
	return m
}

// in finds dir/rel.py or the package dir/rel/__init__.py.
func (m *modules) in(dir, rel string) string {
	for _, cand := range []string{path.Join(dir, rel+".py"), path.Join(dir, rel, "__init__.py")} {
		if rel == "" {
			cand = path.Join(dir, "__init__.py")
		}
		if m.byPath[cand] {
			return cand
		}
	}
	return ""
}

// find lists the files a dotted module name imported from file may be.
func (m *modules) find(file, dotted string) []string {
	level := len(dotted) - len(strings.TrimLeft(dotted, "."))
	rel := strings.ReplaceAll(dotted[level:], ".", "/")
	dir := path.Dir(file)
	if level > 0 {
		for i := 1; i < level; i++ {
			dir = path.Dir(dir)
		}
		if f := m.in(dir, rel); f != "" {
			return []string{f}
		}
		return nil
	}
	for {
		if f := m.in(dir, rel); f != "" {
			return []string{f}
		}
		if dir == "." || dir == "/" || dir == "" {
			break
		}
		dir = path.Dir(dir)
	}
	return m.bySuffix[rel]
}

// importLines finds the modules each line imports: "import a.b, c as d"
// and "from .a import b, c" (the names after "from M import" as
// submodules M.b and M.c too). A text scan is enough to decide which files
// to parse; the rules read real imports from the syntax tree.
func importLines(src []byte, each func(mod string)) {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if rest, ok := keyword(line, "from"); ok {
			mod, rest := takeWhile(rest, isModuleByte)
			rest, ok = keyword(rest, "import")
			if len(mod) == 0 || !ok {
				continue
			}
			each(string(mod))
			names, _ := takeWhile(bytes.TrimPrefix(rest, []byte("(")), isNameListByte)
			for name := range bytes.SplitSeq(names, []byte(",")) {
				if f := bytes.Fields(name); len(f) > 0 {
					if mod[len(mod)-1] == '.' {
						each(string(mod) + string(f[0]))
					} else {
						each(string(mod) + "." + string(f[0]))
					}
				}
			}
		} else if rest, ok := keyword(line, "import"); ok {
			names, _ := takeWhile(rest, isModuleListByte)
			for name := range bytes.SplitSeq(names, []byte(",")) {
				if f := bytes.Fields(name); len(f) > 0 {
					each(string(f[0]))
				}
			}
		}
	}
}

// keyword cuts word and the blanks after it (at least one) off the start
// of line.
func keyword(line []byte, word string) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(word))
	if !ok || len(rest) == 0 || rest[0] != ' ' && rest[0] != '\t' {
		return nil, false
	}
	return bytes.TrimLeft(rest, " \t"), true
}

// takeWhile splits b after its longest prefix of bytes that ok accepts,
// then drops the blanks that follow.
func takeWhile(b []byte, ok func(byte) bool) (prefix, rest []byte) {
	i := 0
	for i < len(b) && ok(b[i]) {
		i++
	}
	return b[:i], bytes.TrimLeft(b[i:], " \t")
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isModuleByte(c byte) bool { return isWordByte(c) || c == '.' }

func isNameListByte(c byte) bool { return isWordByte(c) || c == ' ' || c == '\t' || c == ',' }

func isModuleListByte(c byte) bool { return isNameListByte(c) || c == '.' }

// imported lists the files of the tree that the source may import or load.
func imported(file string, src []byte, index *modules) []string {
	var mods []string
	importLines(src, func(mod string) { mods = append(mods, mod) })
	var objects, pyfiles [][][]byte // the config loaders' targets
	if bytes.Contains(src, []byte("from_object")) {
		objects = fromObjectTarget.FindAllSubmatch(src, -1)
	}
	if bytes.Contains(src, []byte("from_pyfile")) {
		pyfiles = fromPyfileTarget.FindAllSubmatch(src, -1)
	}
	for _, m := range objects {
		mods = append(mods, string(m[1]))
		if i := bytes.LastIndexByte(m[1], '.'); i > 0 {
			mods = append(mods, string(m[1][:i]))
		}
	}
	var out []string
	for _, m := range mods {
		out = append(out, index.find(file, m)...)
	}
	for _, m := range pyfiles {
		target := path.Clean(string(m[1]))
		if beside := path.Join(path.Dir(file), target); index.byPath[beside] {
			out = append(out, beside)
			continue
		}
		mod := strings.ReplaceAll(strings.TrimSuffix(target, ".py"), "/", ".")
		out = append(out, index.find(file, strings.TrimLeft(mod, "."))...)
	}
	return out
}

// splitFrom is the size from which a Python file is parsed in two halves
// at once when there are fewer files to parse than workers.
const splitFrom = 16 << 10

// parseAll parses the files on a pool of workers, each with its own parser
// reused from file to file, and returns them in the order given. Trees the
// cache holds for the same bytes are not parsed again.
func parseAll(ctx context.Context, cache *Cache, paths []string, sources map[string][]byte, workers int,
) []*python.File {
	if len(paths) == 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	files := make([]*python.File, len(paths))
	todo := cache.hits(paths, sources, files) // the indexes still to parse
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := python.NewParser()
			// A cache keeps each file's C tree for its next edit.
			parser.KeepTrees = cache != nil
			if len(todo) < workers { // a core to spare: large files in two halves
				parser.SplitFrom = splitFrom
			}
			defer parser.Close()
			for i := range jobs {
				if f, err := cache.parse(ctx, parser, paths[i], sources[paths[i]]); err == nil {
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
