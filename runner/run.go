// Package runner is the driver of one flasklint run: it discovers the files
// of the scanned tree, reads and parses them on a bounded pool of workers,
// builds the project the rules share, runs the selected rules and returns
// their findings sorted and deduplicated.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/flasklint/flasklint/parsers/nginx"
	"github.com/flasklint/flasklint/rules"
)

// MaxPythonTree is the largest Python file that is parsed. A syntax tree
// takes a few hundred bytes of memory per byte of source, so a larger file
// would cost gigabytes: one that a rule could read (the pre-scan finds its
// patterns) is reported as not analysed (FL004); one that no rule could
// read, a generated data module, is not parsed, its syntax unchecked.
const MaxPythonTree = 1 << 20

// withoutBigPython leaves out the Python files over MaxPythonTree, and
// returns the reasons for those a rule could read.
func withoutBigPython(paths []string, sources map[string][]byte, wanted func(string) bool) (small []string,
	unread []rules.Unread) {
	for _, p := range paths {
		src := sources[p]
		if len(src) <= MaxPythonTree {
			small = append(small, p)
			continue
		}
		if wanted(p) {
			unread = append(unread, rules.Unread{File: p, Reason: fmt.Sprintf(
				"Python file of %d bytes is over the %d MiB limit for a syntax tree and was not parsed",
				len(src), MaxPythonTree>>20)})
		}
	}
	return small, unread
}

// MaxFileSize is the largest file that is read; a larger one is reported
// as unreadable (FL004) instead.
const MaxFileSize = 10 << 20

// Options configure one run.
type Options struct {
	Paths   []string      // files and directories to scan; empty means "."
	Rules   []*rules.Rule // the rules to run; nil means all
	Workers int           // parser and rule goroutines; 0 means one per core
	Dir     string        // working directory; "" means the process's
	Log     io.Writer     // where -v messages go; nil for none
	// Exclude, when set, leaves out the files and directories whose
	// absolute paths it matches, files named in Paths included.
	Exclude func(abs string) bool
	// Ignored, when set, drops a rule's findings in a file (by absolute
	// path): per-file ignores.
	Ignored func(ruleID, abs string) bool
	// NoPrescan also parses the Python files that the selected rules'
	// needles do not lead to, and gives them to the rules. Findings are the
	// same either way; tests check that.
	NoPrescan bool
	// Overlay, when set, gives files (by absolute path) contents other than
	// those on disk (see overlay.go). The run and what it returns share
	// the buffers: they must not change afterwards (new text, new buffer).
	Overlay map[string][]byte
	// Cache, when set, keeps read and parsed files for later runs.
	Cache *Cache
}

// Result is what a run found.
type Result struct {
	Base     string          // absolute directory that finding paths are relative to
	Dir      string          // the working directory, for paths shown to people
	Findings []rules.Finding // sorted by file, line, column, rule, message
	Files    int             // files read and analysed
	Sources  map[string][]byte
	Failed   []string // rules that could not run, with the reason
	// Suppressed are the findings that inline suppressions hid.
	Suppressed []rules.Suppressed
	// Only, in a partial run (every path a file), lists the files that
	// findings are reported for; nil otherwise.
	Only []string
}

// Source returns the bytes of a file read by the run, or nil.
func (r *Result) Source(file string) []byte { return r.Sources[file] }

// Run scans the paths and returns the findings. An error means the run could
// not start (a path that does not exist); problems with single files are
// findings.
func Run(ctx context.Context, opts Options) (*Result, error) {
	logf := func(string, ...any) {}
	if opts.Log != nil {
		logf = func(format string, args ...any) { fmt.Fprintf(opts.Log, "flasklint: "+format+"\n", args...) }
	}
	abs, base, err := resolvePaths(opts)
	if err != nil {
		return nil, err
	}
	root, partial := partialRoot(opts, abs)
	if partial {
		base = root
	}

	start := time.Now()
	w := &walker{base: base, log: logf, seen: map[string]bool{}, exclude: opts.Exclude}
	var only map[string]bool
	if partial {
		if only, abs, err = w.walkPartial(root, abs); err != nil {
			return nil, err
		}
	} else {
		for _, p := range abs {
			if err := w.walk(p); err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(w.found, func(i, j int) bool { return w.found[i].path < w.found[j].path })
	logf("found %d files in %v", len(w.found), time.Since(start).Round(time.Millisecond))

	scan := newPrescan(opts.Rules)
	project, sources, pyFiles := load(ctx, newInputs(opts), base, abs, w.found, opts.Workers, scan, opts.NoPrescan,
		logf)
	project.Repos = w.repos()
	project.Suppressions = collectSuppressions(project, sources, pyFiles)
	start = time.Now()
	findings, failed := check(project, opts.Rules, opts.Workers)
	logf("ran the rules in %v", time.Since(start).Round(time.Millisecond))
	res := &Result{Base: base, Dir: workingDir(opts), Files: len(sources), Sources: sources, Failed: failed}
	res.Findings, res.Suppressed = finish(opts, base, only, project, findings)
	res.Only = sortedKeys(only)
	return res, nil
}

// resolvePaths makes the paths absolute and picks the base: the working
// directory when every path lies inside it, else their common ancestor.
func resolvePaths(opts Options) (abs []string, base string, err error) {
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return nil, "", err
		}
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		p = filepath.Clean(p)
		if _, err := os.Stat(p); err != nil {
			return nil, "", fmt.Errorf("cannot read %s: %w", p, errors.Unwrap(err))
		}
		abs = append(abs, p)
	}
	base = filepath.Clean(dir)
	for _, p := range abs {
		for !within(p, base) {
			base = filepath.Dir(base)
		}
	}
	if len(abs) == 1 && !within(abs[0], dir) {
		base = abs[0]
		if info, err := os.Stat(base); err == nil && !info.IsDir() {
			base = filepath.Dir(base)
		}
	}
	return abs, base, nil
}

func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// load reads and parses every candidate. Files are read on a pool of
// workers; Python files are parsed on another, each worker with its own
// parser, while one more goroutine parses the deployment files and pins
// and loads the nginx files (together, so that includes resolve).
func load(ctx context.Context, in inputs, base string, roots []string, found []candidate, workers int,
	scan *prescan, all bool, logf func(string, ...any),
) (*rules.Project, map[string][]byte, []string) {
	start := time.Now()
	since := func() time.Duration {
		d := time.Since(start).Round(time.Millisecond)
		start = time.Now()
		return d
	}
	sources := map[string][]byte{}
	var unread []rules.Unread
	var pyFiles, ngFiles, pinFiles, deployFiles []string
	deployKinds := map[string]Kind{}
	srcs, errs := readAll(in, base, found, workers)
	for i, c := range found {
		if c.refused != "" {
			unread = append(unread, rules.Unread{File: c.path, Reason: c.refused})
			continue
		}
		src, err := srcs[i], errs[i]
		if err != nil {
			unread = append(unread, rules.Unread{File: c.path, Reason: err.Error()})
			continue
		}
		sources[c.path] = src
		switch c.kind {
		case KindPython:
			pyFiles = append(pyFiles, c.path)
		case KindPins:
			pinFiles = append(pinFiles, c.path)
		case KindDockerfile, KindCompose, KindEnv, KindProcfile, KindShell, KindUnit, KindPackageJSON:
			deployFiles = append(deployFiles, c.path)
			deployKinds[c.path] = c.kind
		default:
			ngFiles = append(ngFiles, c.path)
		}
	}

	logf("read %d files in %v", len(sources), since())
	tree := newTreeFS(base, roots)
	tree.in = in
	tree.read = sources
	pyFiles = append(pyFiles, pyfileTargets(tree, pyFiles, sources)...)

	var rootRels []string
	for _, r := range roots {
		rel, _ := filepath.Rel(base, r)
		rootRels = append(rootRels, filepath.ToSlash(rel))
	}
	project := &rules.Project{Unread: unread}
	var others sync.WaitGroup
	var deployTime, nginxTime time.Duration
	others.Add(1)
	go func() { // fields of project that the Python parse leaves alone
		defer others.Done()
		start := time.Now()
		project.Pins = parsePins(pinFiles, sources)
		parseDeploy(project, deployKinds, deployFiles, sources)
		deployTime = time.Since(start)
		start = time.Now()
		project.Nginx = nginx.Load(nginx.Options{FS: tree, Roots: rootRels}, ngFiles)
		nginxTime = time.Since(start)
	}()
	wanted, alone, outOfScope := scan.choose(in.cache, pyFiles, sources, workers)
	treed, big := withoutBigPython(pyFiles, sources, func(p string) bool { return wanted[p] || alone[p] })
	project.Unread = append(project.Unread, big...)
	project.Python, project.NeedlessPython = parsePython(ctx, in.cache, treed, sources, workers, wanted, alone,
		outOfScope, all)
	logf("parsed %d of %d Python files in %v", len(project.Python), len(pyFiles), since())
	others.Wait()
	logf("parsed %d deployment and pin files in %v and loaded %d nginx files in %v, beside the Python files",
		len(deployFiles)+len(pinFiles), deployTime.Round(time.Millisecond), len(ngFiles),
		nginxTime.Round(time.Millisecond))
	rules.LinkLaunches(project)
	return project, sources, pyFiles
}

// readAll reads the files found (not those refused) on a pool of workers.
func readAll(in inputs, base string, found []candidate, workers int) ([][]byte, []error) {
	srcs, errs := make([][]byte, len(found)), make([]error, len(found))
	parallel(len(found), workers, func(i int) {
		if found[i].refused == "" {
			srcs[i], errs[i] = in.read(filepath.Join(base, filepath.FromSlash(found[i].path)))
		}
	})
	return srcs, errs
}

// readFile reads a regular file of at most MaxFileSize bytes into a buffer
// of its size: a run keeps every file's bytes, most files are small, and
// os.ReadFile's buffers hold at least 512 bytes.
func readFile(p string) ([]byte, error) {
	info, err := os.Stat(p) // before opening: opening a named pipe waits for a writer
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s), so it was not read", info.Mode().Type())
	}
	if info.Size() > MaxFileSize {
		return nil, tooBig(info.Size())
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(f, info.Size())
}

func tooBig(size int64) error {
	return fmt.Errorf("file of %d bytes is over the %d MiB limit and was not read", size, MaxFileSize>>20)
}

// readSized reads a file that its Stat gave size bytes, which it may no
// longer have: it shrank or grew since.
func readSized(r io.Reader, size int64) ([]byte, error) {
	src := make([]byte, size)
	n, err := io.ReadFull(r, src)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF: // shrank
		return src[:n:n], nil
	case err != nil:
		return nil, err
	}
	var probe [1]byte
	if m, _ := r.Read(probe[:]); m == 0 {
		return src, nil
	}
	rest, err := io.ReadAll(io.LimitReader(r, MaxFileSize-int64(n)))
	if err != nil {
		return nil, err
	}
	if size := int64(n + 1 + len(rest)); size > MaxFileSize {
		return nil, tooBig(size)
	}
	return append(append(src, probe[0]), rest...), nil
}

// check runs the rules over the project and sorts their findings. A rule
// that fails is listed by id with the reason; the others still run. The
// rules run on a pool of workers (the project's models are built once,
// by whichever rule asks first); each rule's findings are kept apart and
// joined in rule order, so the result does not depend on the schedule.
func check(project *rules.Project, selected []*rules.Rule, workers int) (findings []rules.Finding, failed []string) {
	if selected == nil {
		selected = rules.All
	}
	found := make([][]rules.Finding, len(selected))
	errs := make([]error, len(selected))
	parallel(len(selected), workers, func(i int) {
		pass := rules.NewPass(selected[i], project, func(f rules.Finding) { found[i] = append(found[i], f) })
		errs[i] = runRule(selected[i], pass)
	})
	for i, r := range selected {
		findings = append(findings, found[i]...)
		if errs[i] != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", r.ID, errs[i]))
		}
	}
	rules.SortFindings(&findings)
	return findings, failed
}

// runRule runs one rule's check. A panic in a rule is a bug in flasklint; it
// is turned into an error that names the rule, so the other rules still run.
func runRule(r *rules.Rule, pass *rules.Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error: %v", v)
		}
	}()
	return r.Check(pass)
}

func workingDir(opts Options) string {
	if opts.Dir != "" {
		return opts.Dir
	}
	dir, _ := os.Getwd()
	return dir
}

// Display is the path of a file as a person at the working directory names
// it: relative to that directory (with "../" where needed), so that editors
// and terminals open it. Machine formats keep the base-relative path.
func (r *Result) Display(file string) string {
	abs := filepath.Join(r.Base, filepath.FromSlash(file))
	if r.Dir == "" || r.Dir == r.Base {
		return file
	}
	rel, err := filepath.Rel(r.Dir, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// Displayed returns the findings with every path as Display shows it.
func (r *Result) Displayed() []rules.Finding {
	out := make([]rules.Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.Pos.File = r.Display(f.Pos.File)
		related := make([]rules.Related, len(f.Related))
		for j, rel := range f.Related {
			rel.Pos.File = r.Display(rel.Pos.File)
			related[j] = rel
		}
		f.Related = related
		out[i] = f
	}
	return out
}
