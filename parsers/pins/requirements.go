package pins

import (
	"path"
	"regexp"
	"strings"
)

// requirement is a PEP 508 requirement: name, extras, then a version
// specifier (possibly in parentheses) or a direct reference, then a marker.
var requirement = regexp.MustCompile(`^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$`)

// specifierSet is what may follow the name: comparison clauses.
var specifierSet = regexp.MustCompile(`^(?:(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)+$`)

// parseRequirements reads a pip requirements or constraints file.
func parseRequirements(f *File, src []byte) {
	lines := strings.Split(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimRight(lines[i], "\r")
		for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
			i++
			line = strings.TrimSuffix(line, `\`) + " " + strings.TrimRight(lines[i], "\r")
		}
		line = strings.TrimSpace(stripComment(line))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "-") {
			requirementOption(f, line, start)
			continue
		}
		if pin, ok := parseRequirement(line); ok {
			pin.File, pin.Line = f.Path, start
			f.Pins = append(f.Pins, pin)
		} else if !strings.Contains(line, "://") && !strings.HasPrefix(line, ".") && !strings.HasPrefix(line, "/") {
			f.Problems = append(f.Problems, Problem{Line: start, Message: "not a requirement: " + line})
		}
	}
}

// stripComment drops a comment: a # at the start or after whitespace (a #
// inside a URL, as in #egg=name, is not one).
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// requirementOption reads the -r and -c includes; the other options (index
// URLs, hashes, editable installs) state no version of a named package.
func requirementOption(f *File, line string, at int) {
	name, arg, found := strings.Cut(line, "=")
	if !found || strings.ContainsAny(name, " \t") {
		fields := strings.Fields(line)
		name, arg = fields[0], ""
		if len(fields) > 1 {
			arg = fields[1]
		}
	}
	switch name {
	case "-r", "--requirement", "-c", "--constraint":
	default:
		if strings.HasPrefix(name, "-r") || strings.HasPrefix(name, "-c") {
			arg = strings.TrimSpace(name[2:])
			break
		}
		return
	}
	arg = strings.TrimSpace(arg)
	if arg == "" || strings.Contains(arg, "://") || path.IsAbs(arg) {
		return
	}
	f.Includes = append(f.Includes, path.Join(path.Dir(f.Path), arg))
}

// parseRequirement reads one PEP 508 requirement line, dropping pip's
// per-requirement options (--hash=...).
func parseRequirement(line string) (Pin, bool) {
	if i := strings.Index(line, " --"); i >= 0 {
		line = line[:i]
	}
	marker := ""
	if i := strings.Index(line, ";"); i >= 0 {
		line, marker = line[:i], strings.TrimSpace(line[i+1:])
	}
	m := requirement.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return Pin{}, false
	}
	rest := strings.TrimSpace(m[3])
	if strings.HasPrefix(rest, "@") {
		return Pin{Name: Normalize(m[1]), Marker: marker}, true // a direct reference: no version known
	}
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")"))
	if rest != "" && !specifierSet.MatchString(rest) {
		return Pin{}, false
	}
	return Pin{Name: Normalize(m[1]), Spec: compactSpec(rest), Marker: marker}, true
}

// compactSpec removes the blanks of a specifier set: ">= 2.0, < 3" gives
// ">=2.0,<3".
func compactSpec(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.TrimSuffix(s, ",")
}
