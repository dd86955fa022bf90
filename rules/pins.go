package rules

import (
	"fmt"
	"path"

	"github.com/flasklint/flasklint/parsers/pins"
)

// newestRelease is the release assumed for a package the tree does not pin
// (RULES.md principle 6): the version thresholds the rules use are all
// below it.
var newestRelease = map[string]string{
	"flask":      "3.1.2",
	"werkzeug":   "3.1.3",
	"flask-cors": "6.0.1",
}

// packageTitle is how messages name a package.
var packageTitle = map[string]string{"flask": "Flask", "werkzeug": "Werkzeug", "flask-cors": "flask-cors"}

// VersionFact is what the tree says about the version of one package, for
// the code of one file.
type VersionFact struct {
	Package string
	Pin     pins.Pin
	Pinned  bool // false: nothing in the tree names the package
}

// VersionOf finds the pin that applies to the Python file file: the one in
// the nearest directory at or above it, a lock file before a requirements
// file before project metadata, following -r and -c includes. When no
// directory above the file pins the package, pins elsewhere in the tree are
// used if they all agree.
func (p *Project) VersionOf(file, pkg string) VersionFact {
	pkg = pins.Normalize(pkg)
	byDir, byPath := p.pinIndex()
	for dir := path.Dir(file); ; dir = path.Dir(dir) {
		for _, f := range byDir[dir] {
			if pin, ok := lookupPin(f, pkg, byPath, 0); ok {
				return VersionFact{Package: pkg, Pin: pin, Pinned: true}
			}
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	return p.agreedPin(file, pkg)
}

// pinFileRank orders the files of one directory: lock files, then
// requirements.txt, other requirement files, pyproject.toml, Pipfile.
func pinFileRank(f *pins.File) int {
	rank := int(f.Kind) * 2
	if f.Kind == pins.Requirements && path.Base(f.Path) != "requirements.txt" {
		rank++
	}
	return rank
}

// lookupPin finds pkg in f or the files it includes.
func lookupPin(f *pins.File, pkg string, byPath map[string]*pins.File, depth int) (pins.Pin, bool) {
	if pin, ok := f.Lookup(pkg); ok {
		return pin, true
	}
	if depth > 4 {
		return pins.Pin{}, false
	}
	for _, inc := range f.Includes {
		if g := byPath[inc]; g != nil {
			if pin, ok := lookupPin(g, pkg, byPath, depth+1); ok {
				return pin, true
			}
		}
	}
	return pins.Pin{}, false
}

// agreedPin is the pin of pkg when every file under the top-level
// directory of file that names it states the same specifier (a layout such
// as app/ beside requirements/). Pins of other top-level directories belong
// to other projects of the tree.
func (p *Project) agreedPin(file, pkg string) VersionFact {
	top := p.projectOf(file)
	key := top.repo + "\x00" + top.top + "\x00" + pkg
	if fact, ok := p.derived.agreed.Load(key); ok {
		return fact.(VersionFact)
	}
	fact := p.agreedPinIn(top, pkg)
	p.derived.agreed.Store(key, fact)
	return fact
}

func (p *Project) agreedPinIn(top projectKey, pkg string) VersionFact {
	fact := VersionFact{Package: pkg}
	for _, f := range p.Pins {
		pin, ok := f.Lookup(pkg)
		switch {
		case !ok || top.top == "" || p.projectOf(f.Path) != top:
		case !fact.Pinned:
			fact.Pin, fact.Pinned = pin, true
		case pin.Spec != fact.Pin.Spec:
			return VersionFact{Package: pkg}
		}
	}
	return fact
}

// AtLeast tells whether the package is at version min or newer, with the
// phrase that says why for messages. An unpinned package, or a pin that
// does not decide it, is taken as the newest release.
func (v VersionFact) AtLeast(min string) (yes bool, why string) {
	title := packageTitle[v.Package]
	if title == "" {
		title = v.Package
	}
	newest := newestRelease[v.Package]
	if !v.Pinned {
		return true, fmt.Sprintf("no pin of %s was found, so the current release (%s) is assumed", title, newest)
	}
	yes, known := v.Pin.AtLeast(min, newest)
	where := fmt.Sprintf("%s:%d", v.Pin.File, v.Pin.Line)
	switch {
	case !known:
		return true, fmt.Sprintf("%s%s at %s does not decide it, so %s is assumed", title, v.Pin.Spec, where, newest)
	case v.Pin.Spec == "":
		return yes, fmt.Sprintf("%s is not pinned to a version at %s, so the current release (%s) is assumed",
			title, where, newest)
	}
	return yes, fmt.Sprintf("%s%s at %s", title, v.Pin.Spec, where)
}

// Related points at the pin, or nothing for an unpinned package.
func (v VersionFact) Related(what string) []Related {
	if !v.Pinned || v.Pin.Line == 0 {
		return nil
	}
	return []Related{{Pos: Pos{File: v.Pin.File, Span: v.Pin.Span}, Message: what}}
}

// reportPinProblems reports version files that are not valid TOML or JSON.
func reportPinProblems(p *Pass) {
	for _, f := range p.Project.Pins {
		for _, prob := range f.Problems {
			if prob.Syntax {
				p.Report(Finding{Pos: Pos{File: f.Path, Span: prob.Span},
					Message: f.Kind.String() + " file: " + prob.Message + "; no package version in it was read"})
			}
		}
	}
}
