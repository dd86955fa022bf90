package nginx

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	crossplane "github.com/nginxinc/nginx-go-crossplane"

	"github.com/flasklint/flasklint/parsers/source"
)

// maxIncludeDepth stops runaway include chains that are not cycles.
const maxIncludeDepth = 32

// maxBlockDepth bounds how deeply blocks nest, includes counted: real
// configurations stay under ten levels, and each level costs the rules
// work proportional to its depth.
const maxBlockDepth = 100

// maxExpansions bounds how many includes one root expands: files that
// include the next one twice would otherwise grow exponentially.
const maxExpansions = 2000

// dataBlocks are the blocks whose bodies are key/value data, not
// directives; an include inside them names a data file.
var dataBlocks = map[string]bool{
	"map": true, "geo": true, "types": true, "split_clients": true,
	"charset_map": true, "match": true, "geoip2": true, "otel_exporter": true,
}

type loader struct {
	fsys   fs.FS
	roots  []string // directories that includes may not leave
	set    *Set
	parsed map[string]*parsed // nil value: could not be read
	free   []Directive        // allocated, not yet handed out
}

// newDirective returns a Directive from a chunk allocated with others: a
// large configuration has tens of thousands, which all live as long as the
// Set does.
func (l *loader) newDirective() *Directive {
	if len(l.free) == 0 {
		l.free = make([]Directive, 256)
	}
	d := &l.free[0]
	l.free = l.free[1:]
	return d
}

// expansion is one file loaded as a configuration root.
type expansion struct {
	root     string
	dirs     []*Directive
	reached  map[string]bool // files it includes, directly or not
	problems []Problem
	expanded int // includes expanded so far
	depth    int // blocks open where convert is
	tooDeep  bool
}

// Load reads the given nginx files. Files included by another file in the
// list are loaded through that include, not as a root of their own.
//
// Includes are expanded in place: the directives of the included files
// replace the include directive, with Via set to it. An include that cannot
// be resolved stays in the tree as an "include" directive and is reported as
// a Problem, except for a missing stock file that is modelled (proxy_params),
// whose usual content replaces it with Stock set.
func Load(opts Options, files []string) *Set {
	l := &loader{
		fsys:   opts.FS,
		set:    &Set{Files: map[string]*File{}},
		parsed: map[string]*parsed{},
	}
	l.roots = l.rootDirs(opts.Roots)
	given := append([]string(nil), files...)
	sort.Strings(given)

	exps := map[string]*expansion{}
	for _, f := range given {
		if _, done := exps[f]; !done {
			exps[f] = l.expandRoot(f)
		}
	}
	for _, root := range pickRoots(given, exps) {
		e := exps[root]
		l.set.Configs = append(l.set.Configs, &Config{Root: root, Directives: e.dirs})
		l.set.Problems = append(l.set.Problems, e.problems...)
	}
	l.set.Problems = dedupProblems(l.set.Problems)
	return l.set
}

// pickRoots returns the given files that no other given file includes.
// Files that only include each other (a cycle with no way in) are taken as
// roots in name order, so that nothing is left unread.
func pickRoots(given []string, exps map[string]*expansion) []string {
	included := map[string]bool{}
	for _, f := range given {
		for r := range exps[f].reached {
			if r != f {
				included[r] = true
			}
		}
	}
	var roots []string
	covered := map[string]bool{}
	take := func(f string) {
		roots = append(roots, f)
		covered[f] = true
		for r := range exps[f].reached {
			covered[r] = true
		}
	}
	for _, f := range given {
		if !included[f] && !covered[f] {
			take(f)
		}
	}
	for _, f := range given {
		if !covered[f] {
			take(f)
		}
	}
	sort.Strings(roots)
	return roots
}

// rootDirs normalises the scan roots to directories: a file root allows
// its own directory.
func (l *loader) rootDirs(roots []string) []string {
	if len(roots) == 0 {
		return []string{"."}
	}
	var dirs []string
	for _, r := range roots {
		r = cleanRel(r)
		if info, err := fs.Stat(l.fsys, r); err == nil && !info.IsDir() {
			r = path.Dir(r)
		}
		dirs = append(dirs, r)
	}
	return dirs
}

// expandRoot loads one file as a configuration root.
func (l *loader) expandRoot(path string) *expansion {
	e := &expansion{root: path, reached: map[string]bool{}}
	p := l.load(path)
	if p == nil {
		e.problems = append(e.problems, l.readProblem(path))
		return e
	}
	e.problems = append(e.problems, p.problems...)
	e.dirs = l.convert(e, p, p.tree, 0, []string{path}, nil)
	return e
}

// load reads and parses a file once; nil when it cannot be read.
func (l *loader) load(path string) *parsed {
	if p, ok := l.parsed[path]; ok {
		return p
	}
	src, err := fs.ReadFile(l.fsys, path)
	if err != nil {
		l.parsed[path] = nil
		return nil
	}
	f := &File{Path: path, Src: src, Lines: source.NewLines(src)}
	l.set.Files[path] = f
	p := parseFile(f)
	l.parsed[path] = p
	return p
}

func (l *loader) readProblem(path string) Problem {
	msg := "cannot read the file"
	if _, err := fs.ReadFile(l.fsys, path); err != nil {
		msg += ": " + err.Error()
	}
	return Problem{
		Kind:    ReadError,
		File:    path,
		Span:    source.Span{StartLine: 1, StartCol: 1, EndLine: 1, EndCol: 1},
		Message: msg,
	}
}

// convert turns crossplane directives of file p into Directives, expanding
// includes. at is the index in p.nodes of ds[0]. stack is the chain of files
// being included, for cycles.
func (l *loader) convert(
	e *expansion,
	p *parsed,
	ds crossplane.Directives,
	at int,
	stack []string,
	via *Directive,
) []*Directive {
	out := make([]*Directive, 0, len(ds))
	for _, cd := range ds {
		i := at
		at = p.nodes[i].after
		d := l.newDirective()
		*d = Directive{Name: cd.Directive, Args: cd.Args, File: p.file.Path, Span: p.nodes[i].span, Via: via}
		switch {
		case d.Name == "include" && !cd.IsMapBlockParameter:
			out = append(out, l.include(e, d, stack)...)
			continue
		case cd.IsBlock() && dataBlocks[d.Name]:
			d.Block = l.dataBlock(e, p, cd, i, stack[len(stack)-1], via)
		case cd.IsBlock() && e.depth >= maxBlockDepth:
			if !e.tooDeep {
				e.tooDeep = true
				msg := fmt.Sprintf("blocks nest more than %d deep; what they hold was not read", maxBlockDepth)
				e.problems = append(e.problems, problemAt(SyntaxError, d, msg))
			}
		case cd.IsBlock():
			e.depth++
			d.Block = l.convert(e, p, cd.Block, i+1, stack, via)
			e.depth--
		}
		d.HasBlock = cd.IsBlock()
		if d.HasBlock && d.Block == nil {
			d.Block = []*Directive{}
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// dataBlock converts the body of a map-like block as plain entries. Its
// includes name data files: they are resolved so that they are not taken as
// configuration roots, and reported when missing (nginx refuses to start
// then), but never parsed. at is the index in p.nodes of the block.
func (l *loader) dataBlock(
	e *expansion,
	p *parsed,
	block *crossplane.Directive,
	at int,
	from string,
	via *Directive,
) []*Directive {
	out := []*Directive{}
	at++
	for _, cd := range block.Block {
		i := at
		at = p.nodes[i].after
		d := l.newDirective()
		*d = Directive{Name: cd.Directive, Args: cd.Args, File: p.file.Path, Span: p.nodes[i].span, Via: via}
		if d.Name == "include" && len(d.Args) > 0 {
			res := l.resolve(d.Args[0], from, e.root)
			if res.kind != 0 {
				e.problems = append(e.problems, problemAt(res.kind, d, res.dataMessage(d.Args[0], block.Directive)))
			}
			for _, t := range res.paths {
				e.reached[t] = true
			}
		}
		out = append(out, d)
	}
	return out
}

// include expands one include directive in place.
func (l *loader) include(e *expansion, d *Directive, stack []string) []*Directive {
	if len(d.Args) == 0 {
		e.problems = append(e.problems, problemAt(SyntaxError, d, "include needs a file name"))
		return []*Directive{d}
	}
	res := l.resolve(d.Args[0], d.File, e.root)
	if res.kind != 0 {
		e.problems = append(e.problems, problemAt(res.kind, d, res.message(d.Args[0])))
		if stock := stockDirectives(d); stock != nil {
			return stock
		}
		return []*Directive{d}
	}
	var out []*Directive
	for _, target := range res.paths {
		e.reached[target] = true
		out = append(out, l.includeFile(e, d, target, stack)...)
	}
	return out
}

// includeFile expands the directives of one included file.
func (l *loader) includeFile(e *expansion, d *Directive, target string, stack []string) []*Directive {
	for _, s := range stack {
		if s == target {
			msg := fmt.Sprintf("include %q forms a cycle (%s -> %s); nginx cannot load it",
				d.Args[0], strings.Join(stack, " -> "), target)
			e.problems = append(e.problems, problemAt(SyntaxError, d, msg))
			return nil
		}
	}
	if e.expanded++; e.expanded > maxExpansions {
		if e.expanded == maxExpansions+1 {
			msg := fmt.Sprintf("includes expand into more than %d files; the rest was not read", maxExpansions)
			e.problems = append(e.problems, problemAt(SyntaxError, d, msg))
		}
		return nil
	}
	if len(stack) >= maxIncludeDepth {
		e.problems = append(e.problems, problemAt(SyntaxError, d, "includes nest too deeply; the rest was not read"))
		return nil
	}
	p := l.load(target)
	if p == nil {
		e.problems = append(e.problems, problemAt(ReadError, d, fmt.Sprintf("cannot read %s, included here", target)))
		return nil
	}
	e.problems = append(e.problems, p.problems...)
	return l.convert(e, p, p.tree, 0, append(stack[:len(stack):len(stack)], target), d)
}

func problemAt(kind ProblemKind, d *Directive, msg string) Problem {
	return Problem{Kind: kind, File: d.File, Span: d.Span, Message: msg}
}

// dedupProblems sorts problems by place and drops repeats, which arise when
// a file is reached from several roots.
func dedupProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Span.StartLine != b.Span.StartLine {
			return a.Span.StartLine < b.Span.StartLine
		}
		return a.Span.StartCol < b.Span.StartCol
	})
	var out []Problem
	seen := map[Problem]bool{}
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
