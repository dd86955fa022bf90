package pins

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes src, recording a syntax error as a problem.
func decodeTOML(f *File, src []byte, v any) bool {
	if _, err := toml.Decode(string(src), v); err != nil {
		line := 0
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line = perr.Position.Line
		}
		msg := err.Error()
		if perr.Message != "" {
			msg = perr.Message
		}
		f.Problems = append(f.Problems, Problem{Line: line, Message: "invalid TOML: " + msg, Syntax: true})
		return false
	}
	return true
}

// pyproject is the part of pyproject.toml that states dependencies.
type pyproject struct {
	Project struct {
		Dependencies []string            `toml:"dependencies"`
		Optional     map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	Groups map[string][]any `toml:"dependency-groups"`
	Tool   struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
	} `toml:"tool"`
}

func parsePyproject(f *File, src []byte) {
	var doc pyproject
	if !decodeTOML(f, src, &doc) {
		return
	}
	reqs := doc.Project.Dependencies
	for _, k := range sortedKeys(doc.Project.Optional) {
		reqs = append(reqs, doc.Project.Optional[k]...)
	}
	for _, k := range sortedKeys(doc.Groups) {
		for _, entry := range doc.Groups[k] {
			if s, ok := entry.(string); ok {
				reqs = append(reqs, s) // {include-group = "..."} entries name no package
			}
		}
	}
	for _, r := range reqs {
		addRequirement(f, src, r)
	}
	poetry := doc.Tool.Poetry
	addPoetryTable(f, src, poetry.Dependencies)
	addPoetryTable(f, src, poetry.DevDependencies)
	for _, k := range sortedKeys(poetry.Group) {
		addPoetryTable(f, src, poetry.Group[k].Dependencies)
	}
}

// addRequirement adds a PEP 508 string found in a TOML file.
func addRequirement(f *File, src []byte, r string) {
	pin, ok := parseRequirement(r)
	if !ok {
		f.Problems = append(f.Problems, Problem{Line: lineOf(src, regexp.MustCompile(regexp.QuoteMeta(r))),
			Message: "not a requirement: " + r})
		return
	}
	pin.File = f.Path
	pin.Line = lineOf(src, regexp.MustCompile(`["']`+regexp.QuoteMeta(r)+`["']`))
	f.Pins = append(f.Pins, pin)
}

// addPoetryTable adds the entries of a Poetry or Pipfile dependency table:
// name = "constraint" or name = {version = "constraint", ...}.
func addPoetryTable(f *File, src []byte, deps map[string]any) {
	for _, name := range sortedKeys(deps) {
		if strings.EqualFold(name, "python") {
			continue
		}
		constraint, ok := tableConstraint(deps[name])
		if !ok {
			continue // a path, git or url dependency
		}
		spec, ok := poetrySpec(constraint)
		if !ok {
			f.Problems = append(f.Problems, Problem{Line: keyLine(src, name),
				Message: fmt.Sprintf("cannot read the version constraint %q of %s", constraint, name)})
			continue
		}
		f.Pins = append(f.Pins, Pin{Name: Normalize(name), Spec: spec, File: f.Path, Line: keyLine(src, name)})
	}
}

// tableConstraint is the version constraint of one dependency entry.
func tableConstraint(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case map[string]any:
		s, ok := t["version"].(string)
		if !ok {
			_, vcs := t["git"]
			_, local := t["path"]
			_, url := t["url"]
			return "", !(vcs || local || url) // {extras = [...]} alone: any version
		}
		return s, true
	case []any:
		if len(t) > 0 {
			return tableConstraint(t[0])
		}
	}
	return "", false
}

// keyLine is the line of a TOML key name = ... .
func keyLine(src []byte, name string) int {
	return lineOf(src, regexp.MustCompile(`(?mi)^\s*["']?`+regexp.QuoteMeta(name)+`["']?\s*=`))
}

func parsePipfile(f *File, src []byte) {
	var doc struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
	}
	if !decodeTOML(f, src, &doc) {
		return
	}
	addPoetryTable(f, src, doc.Packages)
	addPoetryTable(f, src, doc.DevPackages)
}

// parseTOMLLock reads poetry.lock and uv.lock: [[package]] name, version.
func parseTOMLLock(f *File, src []byte) {
	var doc struct {
		Package []struct {
			Name    string `toml:"name"`
			Version string `toml:"version"`
		} `toml:"package"`
	}
	if !decodeTOML(f, src, &doc) {
		return
	}
	for _, p := range doc.Package {
		if p.Name == "" || p.Version == "" {
			continue
		}
		line := lineOf(src, regexp.MustCompile(`(?m)^name\s*=\s*["']`+regexp.QuoteMeta(p.Name)+`["']`))
		f.Pins = append(f.Pins, Pin{Name: Normalize(p.Name), Spec: "==" + p.Version, File: f.Path,
			Line: line, Locked: true})
	}
}

// parsePipfileLock reads Pipfile.lock, a JSON file.
func parsePipfileLock(f *File, src []byte) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(src, &doc); err != nil {
		f.Problems = append(f.Problems, Problem{Message: "invalid JSON: " + err.Error(), Syntax: true})
		return
	}
	for _, section := range []string{"default", "develop"} {
		var pkgs map[string]struct {
			Version string `json:"version"`
		}
		if raw, ok := doc[section]; !ok || json.Unmarshal(raw, &pkgs) != nil {
			continue
		}
		for _, name := range sortedKeys(pkgs) {
			v := pkgs[name].Version
			if v == "" {
				continue
			}
			line := lineOf(src, regexp.MustCompile(`"`+regexp.QuoteMeta(name)+`"\s*:`))
			f.Pins = append(f.Pins, Pin{Name: Normalize(name), Spec: compactSpec(v), File: f.Path,
				Line: line, Locked: true})
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
