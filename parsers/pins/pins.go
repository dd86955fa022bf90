// Package pins reads the Python package versions a tree states: requirement
// and constraint files, pyproject.toml (PEP 621, PEP 735 and Poetry),
// Pipfile, and the lock files of Poetry, uv and Pipenv. Each file becomes a
// list of pins with their positions; a file that cannot be read as what its
// name says keeps the pins read so far and lists its problems.
package pins

import (
	"path"
	"regexp"
	"strings"

	"github.com/flasklint/flasklint/parsers/source"
)

// Pin is one requirement on a package as a file of the tree states it.
type Pin struct {
	Name string // normalized as PEP 503 does: "flask-cors"
	// Spec is a PEP 440 specifier set ("==2.3.2", ">=2.0,<3"), "" for any
	// version. Poetry's ^ and ~ constraints are translated.
	Spec   string
	Marker string // the environment marker after ';', if any
	File   string // slash path relative to the scan base
	Line   int    // 1-based; 0 when not known
	Span   source.Span
	Locked bool // from a lock file: Spec is the exact installed version
}

// Problem is a place where a file could not be read as what its name says.
type Problem struct {
	Line    int
	Span    source.Span
	Message string
	// Syntax is set when the file is not valid TOML or JSON, so nothing
	// after the error was read.
	Syntax bool
}

// File is one file that states package versions.
type File struct {
	Path string
	Kind Kind
	Pins []Pin
	// Includes are the requirement files it pulls in with -r or -c, as slash
	// paths relative to the scan base.
	Includes []string
	Problems []Problem
}

// Kind is what sort of version file a file is.
type Kind int

// The kinds of version files, in the order a lookup prefers them within one
// directory: lock files first, then exact requirement lists, then the
// looser project metadata.
const (
	NotPins Kind = iota
	PoetryLock
	UVLock
	PipfileLock
	Requirements
	Pyproject
	Pipfile
)

var kindNames = [...]string{"", "poetry.lock", "uv.lock", "Pipfile.lock", "requirements", "pyproject.toml", "Pipfile"}

func (k Kind) String() string { return kindNames[k] }

// IsLock tells whether the kind records installed versions.
func (k Kind) IsLock() bool { return k == PoetryLock || k == UVLock || k == PipfileLock }

var requirementsName = regexp.MustCompile(`^(requirements|constraints)([-_.\w]*)\.(txt|in)$`)

// KindOf tells whether a file, by its name, states package versions.
func KindOf(p string) Kind {
	base := path.Base(p)
	switch base {
	case "poetry.lock":
		return PoetryLock
	case "uv.lock":
		return UVLock
	case "Pipfile.lock":
		return PipfileLock
	case "pyproject.toml":
		return Pyproject
	case "Pipfile":
		return Pipfile
	}
	if requirementsName.MatchString(strings.ToLower(base)) {
		return Requirements
	}
	// requirements/prod.txt, requirements/base.in
	if dir := path.Base(path.Dir(p)); dir == "requirements" && (path.Ext(base) == ".txt" || path.Ext(base) == ".in") {
		return Requirements
	}
	return NotPins
}

// Parse reads a version file. The kind comes from its name.
func Parse(p string, src []byte) *File {
	f := &File{Path: p, Kind: KindOf(p)}
	switch f.Kind {
	case Requirements:
		parseRequirements(f, src)
	case Pyproject:
		parsePyproject(f, src)
	case Pipfile:
		parsePipfile(f, src)
	case PoetryLock, UVLock:
		parseTOMLLock(f, src)
	case PipfileLock:
		parsePipfileLock(f, src)
	}
	lines := source.NewLines(src)
	for i := range f.Pins {
		f.Pins[i].Span = lineSpan(lines, f.Pins[i].Line)
	}
	for i := range f.Problems {
		f.Problems[i].Span = lineSpan(lines, f.Problems[i].Line)
	}
	return f
}

// lineSpan is the span of the text of 1-based line n, or of the file's
// first line when n is 0.
func lineSpan(lines *source.Lines, n int) source.Span {
	n = max(n, 1)
	start := lines.LineStart(n)
	return lines.Span(start, start+len(lines.Line(n)))
}

var nameSeparators = regexp.MustCompile(`[-_.]+`)

// Normalize is a package name as PEP 503 compares them.
func Normalize(name string) string {
	normal := true // already lower case, with single "-" separators only
	for i := 0; i < len(name) && normal; i++ {
		c := name[i]
		normal = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' && i > 0 && i < len(name)-1 && name[i-1] != '-'
	}
	if normal {
		return name
	}
	return nameSeparators.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-")
}

// Lookup finds the pin of a package in the file, preferring one without
// an environment marker.
func (f *File) Lookup(name string) (Pin, bool) {
	name = Normalize(name)
	var marked *Pin
	for i, p := range f.Pins {
		if p.Name != name {
			continue
		}
		if p.Marker == "" {
			return p, true
		}
		if marked == nil {
			marked = &f.Pins[i]
		}
	}
	if marked != nil {
		return *marked, true
	}
	return Pin{}, false
}

// lineOf is the 1-based line of the first line of src that matches re, or 0.
func lineOf(src []byte, re *regexp.Regexp) int {
	loc := re.FindIndex(src)
	if loc == nil {
		return 0
	}
	return strings.Count(string(src[:loc[0]]), "\n") + 1
}
