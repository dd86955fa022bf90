package runner

import (
	"bytes"
	"context"
	"io/fs"
	"iter"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/python"
)

// definesApp marks a file that may define, subclass or build a Flask app
// (Flask(...), class App(Flask), connexion's FlaskApp, a create_app
// factory): the files that import it are read too, since they may run or
// configure the app without ever naming Flask.
func definesApp(src []byte) bool {
	return bytes.Contains(src, []byte("Flask")) || bytes.Contains(src, []byte("flask")) ||
		bytes.Contains(src, []byte("FLASK")) || bytes.Contains(src, []byte("create_app")) ||
		bytes.Contains(src, []byte("make_app"))
}

// parsePython parses the Python files that a selected rule may read: the
// wanted files (see prescan.choose), the files that import an app, and
// every module of the tree that these import or load, however indirectly
// (the rules follow names through any number of imports); and the files
// alone, which are not UTF-8 text.
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
		targets := make([]links, len(paths))
		parallel(len(paths), workers, func(i int) {
			targets[i] = cache.imported(paths[i], sources[paths[i]], index, false)
		})
		at := make(map[string]int, len(paths))
		var loaders []string
		for i, p := range paths {
			at[p] = i
			for _, target := range targets[i].imports {
				if target != p {
					imports[p] = append(imports[p], target)
					importedBy[target] = append(importedBy[target], p)
				}
			}
			if loadsByName(sources[p]) {
				loaders = append(loaders, p)
			}
		}
		// The strings of a loader and of what it imports, however
		// indirectly, may name what it loads.
		named := map[string]bool{}
		reach(loaders, imports, named)
		namers := slices.Sorted(maps.Keys(named))
		parallel(len(namers), workers, func(i int) {
			j := at[namers[i]]
			targets[j] = cache.imported(paths[j], sources[paths[j]], index, true)
		})
		for _, p := range namers {
			for _, target := range targets[at[p]].named {
				if target != p {
					imports[p] = append(imports[p], target)
				}
			}
		}
		reach(appSeeds, importedBy, keep)
	}
	reach(append(seeds, slices.Collect(maps.Keys(keep))...), imports, keep)
	maps.Copy(keep, alone)

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

// reach marks the seeds and everything the edges lead to from them.
func reach(seeds []string, edges map[string][]string, keep map[string]bool) {
	seen := map[string]bool{}
	todo := slices.Clone(seeds)
	for len(todo) > 0 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[p] {
			continue
		}
		seen[p], keep[p] = true, true
		todo = append(todo, edges[p]...)
	}
}

// modules finds the files of the tree that an import names, the way the
// app model resolves imports: relative imports from the file's package,
// absolute ones from the file's directory upwards, else every file whose
// path ends with the module path.
type modules struct {
	byPath   map[string]bool
	bySuffix map[string][]string // "c", "b/c", "a/b/c" for a/b/c.py
	names    []string            // the last parts ("c"), sorted, each once
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
		name := mod[strings.LastIndexByte(mod, '/')+1:]
		if len(m.bySuffix[name]) == 1 {
			m.names = append(m.names, name)
		}
	}
	sort.Strings(m.names)
	return m
}

// named lists the modules whose last part is name, anywhere in the tree.
func (m *modules) named(name []byte) []string { return m.bySuffix[string(name)] }

// namesFrom lists the last parts of module names that begin with prefix.
func (m *modules) namesFrom(prefix []byte) []string {
	i := sort.SearchStrings(m.names, string(prefix))
	j := i
	for j < len(m.names) && strings.HasPrefix(m.names[j], string(prefix)) {
		j++
	}
	return m.names[i:j]
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
	// The model takes a module found only by the end of its path when one
	// file has that path; two of several are enough for it to see that
	// the name is ambiguous, as it does when every file is parsed.
	found := m.bySuffix[rel]
	return found[:min(len(found), 2)]
}

// importLines finds the modules each import statement names: "import
// a.b, c as d" and "from .a import b, c" (the names after "from M import"
// as submodules M.b and M.c too), on lines ended by \n, \r\n or \r, with
// statements joined by ";", after a compound statement's colon ("try:
// import x"), or continued by a backslash or in parentheses. A text scan is
// enough to decide which files to parse; the rules read real imports from
// the syntax tree.
func importLines(src []byte, each func(mod string)) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for len(src) > 0 {
		var line []byte
		line, src = cutLine(src)
		if !bytes.Contains(line, []byte("import")) && !bytes.HasSuffix(bytes.TrimRight(line, blanks), []byte("\\")) {
			continue // no import starts here
		}
		statements(line, func(stmt []byte) {
			stmt = bytes.TrimLeft(stmt, blanks)
			if !startsImport(stmt) {
				// The body of a compound statement on the same line.
				i := bytes.IndexByte(stmt, ':')
				if i < 0 {
					return
				}
				if stmt = bytes.TrimLeft(stmt[i+1:], blanks); !startsImport(stmt) {
					return
				}
			}
			// A statement that goes on: its lines joined, without comments.
			for len(src) > 0 && continues(stmt) {
				var next []byte
				next, src = cutLine(src)
				stmt = append(append(bytes.TrimSuffix(bytes.TrimRight(slices.Clip(stmt), blanks), []byte("\\")),
					' '), code(next)...)
			}
			importStatement(stmt, each)
		})
	}
}

// blanks are the white space Python allows between tokens on a line.
const blanks = " \t\f"

func startsImport(stmt []byte) bool {
	return bytes.HasPrefix(stmt, []byte("from")) || bytes.HasPrefix(stmt, []byte("import"))
}

// cutLine cuts the first line off src.
func cutLine(src []byte) (line, rest []byte) {
	i := bytes.IndexAny(src, "\n\r")
	if i < 0 {
		return src, nil
	}
	line, rest = src[:i], src[i+1:]
	if src[i] == '\r' && len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	return line, rest
}

// statements calls each with the statements of a line, split at the
// semicolons outside strings, up to a comment.
func statements(line []byte, each func(stmt []byte)) {
	start, end := 0, len(line)
	scanCode(line, func(i int) bool {
		switch line[i] {
		case ';':
			each(line[start:i])
			start = i + 1
		case '#':
			end = i
			return false
		}
		return true
	})
	each(line[start:end])
}

// code is a line without its comment.
func code(line []byte) []byte {
	end := len(line)
	scanCode(line, func(i int) bool {
		if line[i] == '#' {
			end = i
			return false
		}
		return true
	})
	return line[:end]
}

// scanCode calls at with the offsets of the bytes of a line outside its
// string literals, until at returns false.
func scanCode(line []byte, at func(i int) bool) {
	var quote byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		default:
			if !at(i) {
				return
			}
		}
	}
}

// continues tells whether an import statement goes on on the next line:
// it ends with a backslash, or opens a parenthesis it does not close.
func continues(stmt []byte) bool {
	stmt = bytes.TrimRight(stmt, blanks)
	if bytes.HasSuffix(stmt, []byte("\\")) {
		return true
	}
	open := bytes.IndexByte(stmt, '(')
	return open >= 0 && bytes.IndexByte(stmt[open:], ')') < 0
}

// importStatement reports the modules of one import statement.
func importStatement(stmt []byte, each func(mod string)) {
	if rest, ok := keyword(stmt, "from"); ok {
		mod, rest := takeWhile(rest, isModuleByte)
		rest, ok = keyword(rest, "import")
		if len(mod) == 0 || !ok {
			return
		}
		each(string(mod))
		names, _ := takeWhile(bytes.TrimLeft(bytes.TrimPrefix(rest, []byte("(")), " \t"), isNameListByte)
		for name := range bytes.SplitSeq(names, []byte(",")) {
			if f := bytes.Fields(name); len(f) > 0 {
				if mod[len(mod)-1] == '.' {
					each(string(mod) + string(f[0]))
				} else {
					each(string(mod) + "." + string(f[0]))
				}
			}
		}
	} else if rest, ok := keyword(stmt, "import"); ok {
		names, _ := takeWhile(rest, isModuleListByte)
		for name := range bytes.SplitSeq(names, []byte(",")) {
			if f := bytes.Fields(name); len(f) > 0 {
				each(string(f[0]))
			}
		}
	}
}

// keyword cuts word and the blanks after it off the start of line: at
// least one, except in "import(x)" and "from.x".
func keyword(line []byte, word string) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(word))
	if !ok || len(rest) == 0 {
		return nil, false
	}
	switch c := rest[0]; {
	case strings.IndexByte(blanks, c) >= 0:
	case c == '(' && word == "import", c == '.' && word == "from": // import(x), from.x
	default:
		return nil, false
	}
	return bytes.TrimLeft(rest, blanks), true
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

// links are the files of the tree a Python file imports, and those its
// strings may name (see imported).
type links struct {
	imports, named []string
}

// loaderNeedles mark a file that loads configuration by name: the strings
// of the modules it imports, however indirectly, may reach the call.
var loaderNeedles = [][]byte{[]byte("from_object"), []byte("from_pyfile"), []byte("from_envvar"),
	[]byte("from_file"), []byte("import_module"), []byte("__import__")}

func loadsByName(src []byte) bool {
	return slices.ContainsFunc(loaderNeedles, func(n []byte) bool { return bytes.Contains(src, n) })
}

// imported lists the files of the tree that the source imports, and those
// its strings may name. A string may name a module ("config.Prod",
// "settings") or a Python file ("settings.py") that reaches a config loader,
// from_object or from_pyfile, through a constant, a default, another module
// or a name built at run time (f"config.{ENV}", "settings_" + env): a file
// of its name beside this file or beside a module it imports (from_pyfile
// reads beside the app), the module its dotted name resolves to, and the
// modules named like one of its words or beginning with a word that a
// placeholder follows, each resolved as an import is (the nearest first).
// Only the strings of the files that a loader's import reaches count (see
// parsePython).
func imported(file string, src []byte, index *modules, withNames bool) links {
	var mods []string
	importLines(src, func(mod string) { mods = append(mods, mod) })
	var l links
	for _, m := range unique(mods) {
		l.imports = append(l.imports, index.find(file, m)...)
	}
	l.imports = unique(l.imports)
	if !withNames {
		return l
	}
	var names, files []string
	quotedStrings(src, func(s []byte) {
		if ext := path.Ext(string(s)); len(ext) > 1 && isIdentifier(ext[1:]) {
			files = append(files, path.Clean(string(s)))
		}
		if isDottedName(s) {
			names = append(names, string(s), string(s[:bytes.LastIndexByte(s, '.')]))
		}
		for len(s) > 0 {
			word, rest := takeWhile(s, isWordByte)
			if len(word) == 0 {
				s = s[1:]
				continue
			}
			if len(index.named(word)) > 0 {
				names = append(names, string(word))
			}
			if len(word) >= 3 && (word[len(word)-1] == '_' || len(rest) > 0 && rest[0] == '{') {
				names = append(names, index.namesFrom(word)...)
			}
			s = rest
		}
	})
	for _, m := range unique(names) {
		l.named = append(l.named, index.find(file, m)...)
	}
	for _, f := range unique(files) {
		for _, dir := range append([]string{file}, l.imports...) {
			if beside := path.Join(path.Dir(dir), f); index.byPath[beside] {
				l.named = append(l.named, beside)
			}
		}
	}
	l.named = unique(l.named)
	return l
}

// unique keeps the first of each string, in order.
func unique(list []string) []string {
	seen := make(map[string]bool, len(list))
	return slices.DeleteFunc(list, func(s string) bool {
		dup := seen[s]
		seen[s] = true
		return dup
	})
}

func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// quotedStrings calls each with the contents of the one-line string
// literals of src, of a few hundred bytes at most.
func quotedStrings(src []byte, each func(s []byte)) {
	for {
		i := bytes.IndexAny(src, "\"'")
		if i < 0 {
			return
		}
		q := src[i]
		src = src[i+1:]
		end := 0
		for end < len(src) && end < 256 && src[end] != q && src[end] != '\n' {
			if src[end] == '\\' {
				end++
			}
			end++
		}
		if end < len(src) && src[end] == q {
			if end > 0 {
				each(src[:end])
			}
			src = src[end+1:]
		}
	}
}

// isDottedName tells whether s is a dotted Python name of two parts or more.
func isDottedName(s []byte) bool {
	parts := 0
	for part := range bytes.SplitSeq(s, []byte(".")) {
		if len(part) == 0 || '0' <= part[0] && part[0] <= '9' || bytes.ContainsAny(part, "/-") {
			return false
		}
		parts++
	}
	return parts > 1
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
// parsed as Python too. The targets are the file names in the call's first
// argument (a literal, an environment variable's default, or a constant of
// the same file that it names), looked up beside the file that names them
// and beside the modules it imports (from_pyfile reads from the app's
// directory, and the app may be made in a module the caller imports),
// inside the scanned tree; the new paths are returned and their bytes
// added to sources.
func pyfileTargets(fsys fs.FS, pyFiles []string, sources map[string][]byte) []string {
	var added []string
	var index *modules // of the Python files, made once
	for _, p := range pyFiles {
		src := sources[p]
		if !bytes.Contains(src, []byte("from_pyfile(")) {
			continue
		}
		if index == nil {
			index = newModules(pyFiles)
		}
		dirs := []string{path.Dir(p)}
		for _, t := range imported(p, src, index, false).imports {
			if !slices.Contains(dirs, path.Dir(t)) {
				dirs = append(dirs, path.Dir(t))
			}
		}
		read := func(name []byte) {
			for _, dir := range dirs {
				target := path.Join(dir, string(name))
				if !strings.Contains(path.Base(target), ".") || strings.HasSuffix(target, ".py") ||
					sources[target] != nil || !fs.ValidPath(target) {
					continue
				}
				data, err := fs.ReadFile(fsys, target)
				if err != nil || len(data) > MaxFileSize {
					continue
				}
				sources[target] = data
				added = append(added, target)
			}
		}
		for args := range callArguments(src, "from_pyfile(") {
			first := firstArgument(args)
			quotedStrings(first, read)
			for len(first) > 0 { // a constant the argument names
				word, rest := takeWhile(first, isWordByte)
				if len(word) == 0 {
					first = first[1:]
					continue
				}
				if value := constantIn(src, word); value != nil {
					read(value)
				}
				first = rest
			}
		}
	}
	return added
}

// firstArgument is the first of a call's arguments: up to the first comma
// outside brackets and strings.
func firstArgument(args []byte) []byte {
	depth := 0
	end := len(args)
	scanCode(args, func(i int) bool {
		switch args[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				end = i
				return false
			}
		}
		return true
	})
	return args[:end]
}

// constantIn is the string a line of src assigns to name at its start
// ("CFG = 'prod.cfg'"), or nil.
func constantIn(src, name []byte) []byte {
	for len(src) > 0 {
		var line []byte
		line, src = cutLine(src)
		rest, ok := bytes.CutPrefix(bytes.TrimLeft(line, blanks), name)
		if !ok {
			continue
		}
		rest = bytes.TrimLeft(rest, blanks)
		if rest, ok = bytes.CutPrefix(rest, []byte("=")); !ok {
			continue
		}
		var value []byte
		quotedStrings(rest, func(s []byte) {
			if value == nil {
				value = s
			}
		})
		return value
	}
	return nil
}

// callArguments yields the arguments of each call that begins with open
// ("from_pyfile("): the bytes up to its closing parenthesis, or a few
// hundred bytes.
func callArguments(src []byte, open string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for {
			i := bytes.Index(src, []byte(open))
			if i < 0 {
				return
			}
			src = src[i+len(open):]
			depth, end := 1, 0
			for ; end < len(src) && end < 512 && depth > 0; end++ {
				switch src[end] {
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if !yield(src[:end]) {
				return
			}
		}
	}
}
