package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Kind is what a discovered file is read as.
type Kind int

// The kinds of file flasklint reads.
const (
	KindPython Kind = iota + 1
	KindNginx
)

// candidate is a discovered file, by its slash path relative to the base.
type candidate struct {
	path     string
	kind     Kind
	explicit bool // named on the command line
	// refused, when set, is why a file named on the command line is not
	// read: it is reported as unreadable (FL004), never taken for clean.
	refused string
}

// skippedDirs are never descended into: version control, caches, installed
// packages. Virtualenvs are recognised by their pyvenv.cfg.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "__pycache__": true,
	"site-packages": true, ".tox": true, ".nox": true, ".mypy_cache": true,
	".pytest_cache": true, ".ruff_cache": true, ".venv": true, "venv": true,
}

// nginxDirs hold nginx files whatever their names.
var nginxDirs = map[string]bool{
	"nginx": true, "sites-available": true, "sites-enabled": true, "conf.d": true,
}

// notNginxExt are extensions that are never nginx configuration, even inside
// an nginx directory.
var notNginxExt = map[string]bool{
	".md": true, ".txt": true, ".yml": true, ".yaml": true, ".json": true, ".html": true,
	".sh": true, ".py": true, ".pem": true, ".crt": true, ".key": true, ".csr": true,
	".js": true, ".css": true, ".toml": true, ".ini": true, ".cfg": true, ".env": true,
	".lock": true, ".map": true, ".types": true, ".png": true, ".jpg": true, ".svg": true,
	".gz": true, ".zip": true, ".j2": true, ".jinja": true, ".example": true,
}

// walker discovers the files of one scan.
type walker struct {
	base     string // absolute scan base
	log      func(format string, args ...any)
	found    []candidate
	seen     map[string]bool
	patterns []gitignore.Pattern
	exclude  func(abs string) bool // the configured excludes, or nil

	// gitTop is where .gitignore paths start: the repository's top level
	// above the base, or the base. loaded lists the directories whose
	// .gitignore has been read.
	gitTop string
	loaded map[string]bool
	// repoRoots are the directories below the base that hold a .git, as
	// absolute paths. A repository's files follow its own .gitignore
	// files only.
	repoRoots []string
	// patternDirs holds the directory of each pattern's .gitignore.
	patternDirs []string
}

// realBase is the scan base with its symlinks resolved.
func (w *walker) realBase() string {
	if real, err := filepath.EvalSymlinks(w.base); err == nil {
		return real
	}
	return w.base
}

// walk adds the files below (or at) the absolute path p.
func (w *walker) walk(p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return err
	}
	rel := w.rel(p)
	if w.excluded(p) {
		w.log("skipped %s: excluded by the configuration", rel)
		return nil
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		// Never opened (a FIFO would block), but reported: the user asked
		// for it.
		w.add(candidate{path: rel, kind: KindPython, explicit: true,
			refused: fmt.Sprintf("not a regular file (%s), so it was not read", info.Mode().Type())})
		return nil
	}
	if !info.IsDir() {
		if real, err := filepath.EvalSymlinks(p); err == nil && !within(real, w.realBase()) {
			w.add(candidate{path: rel, kind: KindPython, explicit: true,
				refused: "a symlink that leads outside the scanned tree, so it was not read"})
			return nil
		}
	}
	if !info.IsDir() {
		if kind := w.classify(rel, p, true); kind != 0 {
			w.add(candidate{path: rel, kind: kind, explicit: true})
		} else {
			w.log("skipped %s: not a python or nginx file", rel)
		}
		return nil
	}
	w.loadAncestorIgnores(p)
	return filepath.WalkDir(p, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			w.log("skipped %s: %v", w.rel(fp), err)
			return nil
		}
		r := w.rel(fp)
		if d.IsDir() {
			if fp != p && w.skipDir(fp, r, d.Name()) {
				return filepath.SkipDir
			}
			if r != "." && !strings.HasPrefix(r, "../") {
				if _, err := os.Lstat(filepath.Join(fp, ".git")); err == nil {
					w.repoRoots = append(w.repoRoots, fp)
				}
			}
			w.loadIgnores(fp)
			return nil
		}
		if !d.Type().IsRegular() || w.ignored(fp, false) || w.excluded(fp) {
			return nil
		}
		if kind := w.classify(r, fp, false); kind != 0 {
			w.add(candidate{path: r, kind: kind})
		}
		return nil
	})
}

func (w *walker) add(c candidate) {
	if w.seen[c.path] {
		return
	}
	w.seen[c.path] = true
	w.found = append(w.found, c)
}

func (w *walker) rel(p string) string {
	r, err := filepath.Rel(w.base, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func (w *walker) skipDir(abs, rel, name string) bool {
	if skippedDirs[name] {
		return true
	}
	if _, err := os.Stat(filepath.Join(abs, "pyvenv.cfg")); err == nil {
		w.log("skipped %s: a virtualenv", rel)
		return true
	}
	if w.ignored(abs, true) {
		w.log("skipped %s: ignored by .gitignore", rel)
		return true
	}
	if w.excluded(abs) {
		w.log("skipped %s: excluded by the configuration", rel)
		return true
	}
	return false
}

func (w *walker) excluded(abs string) bool { return w.exclude != nil && w.exclude(abs) }

// loadAncestorIgnores reads the .gitignore files from the repository's top
// level down to dir, so that scanning a subdirectory ignores what git does.
func (w *walker) loadAncestorIgnores(dir string) {
	if w.gitTop == "" {
		w.gitTop = gitTopLevel(w.base)
	}
	var chain []string
	for d := dir; within(d, w.gitTop); d = filepath.Dir(d) {
		chain = append(chain, d)
		if d == w.gitTop {
			break
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		w.loadIgnores(chain[i])
	}
}

// gitTopLevel is the nearest directory at or above dir holding .git, or dir.
func gitTopLevel(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// loadIgnores reads the .gitignore of a directory; its patterns apply below it.
func (w *walker) loadIgnores(abs string) {
	if w.loaded == nil {
		w.loaded = map[string]bool{}
	}
	if w.loaded[abs] || !within(abs, w.gitTop) {
		return
	}
	w.loaded[abs] = true
	data, err := os.ReadFile(filepath.Join(abs, ".gitignore"))
	if err != nil {
		return
	}
	domain := w.gitParts(abs)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		w.patterns = append(w.patterns, gitignore.ParsePattern(line, domain))
		w.patternDirs = append(w.patternDirs, abs)
	}
}

// gitParts is the path of abs below the repository's top level, in parts.
func (w *walker) gitParts(abs string) []string {
	rel, err := filepath.Rel(w.gitTop, abs)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

func (w *walker) ignored(abs string, isDir bool) bool {
	parts := w.gitParts(abs)
	if len(w.patterns) == 0 || len(parts) == 0 {
		return false
	}
	patterns := w.patterns
	if root := w.repoOf(abs); root != "" {
		patterns = nil
		for i, pat := range w.patterns {
			if within(w.patternDirs[i], root) {
				patterns = append(patterns, pat)
			}
		}
	}
	return gitignore.NewMatcher(patterns).Match(parts, isDir)
}

// repos lists the repositories below the base as sorted slash paths from
// it.
func (w *walker) repos() []string {
	var out []string
	for _, r := range w.repoRoots {
		out = append(out, w.rel(r))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// repoOf is the innermost repository below the base that holds abs (not
// the repository's own directory), or "".
func (w *walker) repoOf(abs string) string {
	var root string
	for _, r := range w.repoRoots {
		if len(r) > len(root) && abs != r && within(abs, r) {
			root = r
		}
	}
	return root
}

// classify decides what a file is read as, or 0 to leave it alone.
func (w *walker) classify(rel, abs string, explicit bool) Kind {
	name := path.Base(rel)
	ext := path.Ext(name)
	if ext == ".py" {
		return KindPython
	}
	if kind := pinKind(rel); kind != 0 {
		return kind
	}
	if kind := deployKind(rel); kind != 0 {
		return kind
	}
	if kind := unitKind(rel, abs); kind != 0 {
		return kind
	}
	if explicit && looksLikeNginx(abs) {
		return KindNginx // named on the command line: read whatever its name
	}
	if notNginxExt[ext] || strings.HasPrefix(name, "Dockerfile") || strings.HasPrefix(name, ".") {
		return 0
	}
	inNginxDir := false
	for _, d := range strings.Split(path.Dir(rel), "/") {
		inNginxDir = inNginxDir || nginxDirs[d]
	}
	switch {
	case name == "nginx.conf":
		return KindNginx
	case ext == ".conf" || ext == ".template" || ext == "" || inNginxDir:
		if looksLikeNginx(abs) {
			return KindNginx
		}
	}
	return 0
}

// notNginxStart matches a first line that belongs to another configuration
// language: an INI section ([program:web], [uwsgi], [Unit]), a key = value
// or key: value pair (redis, postgresql, YAML), a shebang.
var notNginxStart = regexp.MustCompile(`^(\[|#!|[\w.-]+\s*[=:])`)

// directiveName is how every nginx directive name looks.
var directiveName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// looksLikeNginx reads the start of a file and tells whether its first
// statement is an nginx directive: a lowercase name and arguments ended by
// ';', '{' or '}', on one line or several. It keeps supervisor, uWSGI,
// systemd, redis and YAML files named *.conf out of the nginx parser.
func looksLikeNginx(abs string) bool {
	f, err := os.Open(abs)
	if err != nil {
		return false
	}
	defer f.Close()
	size := int64(64 * 1024) // the head that is read, at most
	if info, err := f.Stat(); err == nil && info.Size() < size {
		size = max(info.Size(), 1)
	}
	head := make([]byte, size)
	n, _ := io.ReadFull(f, head)
	text := strings.TrimPrefix(string(head[:n]), "\ufeff")

	var stmt strings.Builder
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if stmt.Len() == 0 && (line == "" || strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "#!")) {
			continue
		}
		if stmt.Len() == 0 && notNginxStart.MatchString(line) && !strings.HasPrefix(line, "location") {
			return false
		}
		if end := strings.IndexAny(line, ";{}"); end >= 0 {
			stmt.WriteString(line[:end])
			words := strings.Fields(stmt.String())
			return len(words) > 0 && directiveName.MatchString(words[0])
		}
		stmt.WriteString(line + " ")
		if stmt.Len() > 4096 {
			return false
		}
	}
	return false
}
