package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Glob is a pattern of exclude, extend-exclude or per-file-ignores, with the
// directory it is relative to.
type Glob struct {
	Pattern string
	Dir     string // absolute
}

// split cleans a pattern and tells whether it is anchored at Dir (it holds a
// "/", or starts with one) or matches a name at any depth.
func split(pattern string) (clean string, anchored bool) {
	p := strings.TrimSuffix(strings.TrimPrefix(pattern, "./"), "/")
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(p, "/"), true
	}
	return p, strings.Contains(p, "/")
}

// CheckGlob reports a pattern that cannot match anything.
func CheckGlob(pattern string) error { return checkGlob(pattern) }

// checkGlob reports a pattern that cannot match anything.
func checkGlob(pattern string) error {
	p, _ := split(pattern)
	if p == "" || !doublestar.ValidatePattern(p) {
		return fmt.Errorf("%q is not a valid glob", pattern)
	}
	return nil
}

// Match tells whether the absolute path, or a directory above it below Dir,
// matches the glob. Paths outside Dir never match.
func (g Glob) Match(abs string) bool {
	rel, err := filepath.Rel(g.Dir, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	pattern, anchored := split(g.Pattern)
	for i := len(parts); i > 0; i-- {
		name := parts[i-1]
		if anchored {
			name = strings.Join(parts[:i], "/")
		}
		if ok, _ := doublestar.Match(pattern, name); ok {
			return true
		}
	}
	return false
}

// MatchAny tells whether any of the globs matches the absolute path.
func MatchAny(globs []Glob, abs string) bool {
	for _, g := range globs {
		if g.Match(abs) {
			return true
		}
	}
	return false
}
