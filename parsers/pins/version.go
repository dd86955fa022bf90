package pins

import (
	"strconv"
	"strings"

	pep440 "github.com/aquasecurity/go-pep440-version"
)

// poetrySpec translates a Poetry (or Pipfile) constraint into a PEP 440
// specifier set: "^1.2" is ">=1.2,<2.0", "~1.2" is ">=1.2,<1.3", "*" is any
// version, a bare "1.2.3" is "==1.2.3". PEP 440 clauses pass through.
func poetrySpec(c string) (string, bool) {
	var out []string
	for _, alt := range strings.Split(c, "||") {
		var clauses []string
		for _, part := range strings.FieldsFunc(alt, func(r rune) bool { return r == ',' }) {
			clause, ok := poetryClause(strings.TrimSpace(part))
			if !ok {
				return "", false
			}
			if clause != "" {
				clauses = append(clauses, clause)
			}
		}
		if len(clauses) == 0 {
			return "", true // one alternative allows any version
		}
		out = append(out, strings.Join(clauses, ","))
	}
	return strings.Join(out, "||"), true
}

func poetryClause(c string) (string, bool) {
	c = strings.Join(strings.Fields(c), "")
	switch {
	case c == "" || c == "*":
		return "", true
	case strings.HasPrefix(c, "^"):
		return caretRange(c[1:])
	case strings.HasPrefix(c, "~") && !strings.HasPrefix(c, "~="):
		return tildeRange(c[1:])
	case strings.IndexAny(c[:1], "<>=!~") == 0:
		return c, specifierSet.MatchString(c)
	}
	return "==" + c, specifierSet.MatchString("==" + c)
}

// release splits a release number "1.2.3" into its integers.
func release(v string) ([]int, bool) {
	var out []int
	for _, p := range strings.Split(v, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

func joinRelease(r []int) string {
	parts := make([]string, len(r))
	for i, n := range r {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// caretRange: the upper bound bumps the left-most non-zero component.
func caretRange(v string) (string, bool) {
	r, ok := release(v)
	if !ok {
		return "", false
	}
	i := 0
	for i < len(r)-1 && r[i] == 0 {
		i++
	}
	upper := append([]int(nil), r[:i+1]...)
	upper[i]++
	return ">=" + v + ",<" + joinRelease(upper), true
}

// tildeRange: "~1.2.3" and "~1.2" allow patch updates, "~1" minor ones.
func tildeRange(v string) (string, bool) {
	r, ok := release(v)
	if !ok {
		return "", false
	}
	n := 2
	if len(r) == 1 {
		n = 1
	}
	upper := append([]int(nil), r[:n]...)
	upper[n-1]++
	return ">=" + v + ",<" + joinRelease(upper), true
}

// Installed is the version a pin makes pip install, given the newest
// release of the package: the pinned version for an exact pin, else the
// newest release when the specifier allows it. exact is false for a
// guess; known is false when the pin does not tell (an upper bound below
// the newest release, or a specifier that cannot be read).
func (p Pin) Installed(newest string) (version string, exact, known bool) {
	if v, ok := exactVersion(p.Spec); ok {
		return v, true, true
	}
	if p.Spec == "" {
		return newest, false, true
	}
	ok, readable := p.Allows(newest)
	if ok && readable {
		return newest, false, true
	}
	return "", false, false
}

// exactVersion reads "==1.2.3" or "===1.2.3".
func exactVersion(spec string) (string, bool) {
	v, ok := strings.CutPrefix(spec, "===")
	if !ok {
		v, ok = strings.CutPrefix(spec, "==")
	}
	if !ok || strings.ContainsAny(v, ",|*") || v == "" {
		return "", false
	}
	return v, true
}

// Allows tells whether the pin's specifier admits version v. readable is
// false when either cannot be parsed.
func (p Pin) Allows(v string) (ok, readable bool) {
	ver, err := pep440.Parse(v)
	if err != nil {
		return false, false
	}
	if p.Spec == "" {
		return true, true
	}
	ss, err := pep440.NewSpecifiers(p.Spec)
	if err != nil {
		return false, false
	}
	return ss.Check(ver), true
}

// AtLeast tells whether the version installed under the pin is min or
// newer. known is false when the pin does not decide it. A range that
// admits min, or the newest release, counts as at least min: pip installs
// the newest version a range admits.
func (p Pin) AtLeast(min, newest string) (yes, known bool) {
	if v, exact, ok := p.Installed(newest); ok {
		c, err := Compare(v, min)
		if err != nil {
			return false, false
		}
		if exact || c >= 0 {
			return c >= 0, true
		}
	}
	allowsMin, readable := p.Allows(min)
	if !readable {
		return false, false
	}
	if allowsMin || p.admitsBoundAbove(min) {
		return true, true
	}
	// Neither min, the newest release nor a bound above min is admitted:
	// the range ends below min.
	return false, true
}

// admitsBoundAbove tells whether a version the specifier names, at min or
// above, is admitted (">=3.1,<3.1.3" admits 3.1).
func (p Pin) admitsBoundAbove(min string) bool {
	for _, clause := range strings.FieldsFunc(p.Spec, func(r rune) bool { return r == ',' || r == '|' }) {
		v := strings.TrimLeft(clause, "<>=!~")
		if c, err := Compare(v, min); err == nil && c >= 0 {
			if ok, _ := p.Allows(v); ok {
				return true
			}
		}
	}
	return false
}

// Compare compares two PEP 440 versions: -1, 0 or 1.
func Compare(a, b string) (int, error) {
	va, err := pep440.Parse(a)
	if err != nil {
		return 0, err
	}
	vb, err := pep440.Parse(b)
	if err != nil {
		return 0, err
	}
	return va.Compare(vb), nil
}
