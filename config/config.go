// Package config reads flasklint's configuration: the [tool.flasklint] table
// of a pyproject.toml, or the top level of a .flasklint.toml, found upward
// from the scanned path. Every mistake in it (a TOML syntax error, an unknown
// key, a value of the wrong type, an unknown rule id, a bad glob or severity)
// is an error naming the file and the line.
//
// The keys:
//
//	select           rule ids or prefixes to run ("FL1", "FL201", "ALL")
//	ignore           rule ids or prefixes to skip
//	extend-select    ids or prefixes to run on top of select
//	exclude          globs of files and directories to leave out
//	extend-exclude   more globs, kept when --exclude replaces exclude
//	per-file-ignores a table: glob = [ids] to skip in the matching files
//	fail-on          the lowest severity that makes the exit status 1
//
// Globs are relative to the directory of the configuration file. A glob
// without a "/" matches a file or directory name at any depth ("*.pyi",
// "migrations"); one with a "/" matches the path from that directory
// ("legacy/**", "docs/*.py"). "**" spans directories. A glob that matches a
// directory also matches everything below it.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/flasklint/flasklint/rules"
)

// The files read, in order of precedence within one directory.
const (
	FileName  = ".flasklint.toml"
	PyProject = "pyproject.toml"
)

// Config is one configuration file's settings.
type Config struct {
	Path string // the file read
	Dir  string // its directory, where relative globs start
	// Table is the table the settings are in: "tool.flasklint" in a
	// pyproject.toml, "" (the top level) in a .flasklint.toml.
	Table string

	Select, Ignore, ExtendSelect []string
	Exclude, ExtendExclude       []string
	PerFileIgnores               []PerFileIgnore
	FailOn                       rules.Severity // 0 when not set

	// Lines holds the line of every key that is set, by key name.
	Lines map[string]int
}

// PerFileIgnore is one entry of per-file-ignores.
type PerFileIgnore struct {
	Glob string
	IDs  []string
	Line int
}

// Set tells whether the key was given in the file.
func (c *Config) Set(key string) bool {
	_, ok := c.Lines[key]
	return ok
}

// Error is a mistake in a configuration file.
type Error struct {
	File      string
	Line, Col int // 0 when unknown
	Msg       string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// body is the settings table as decoded.
type body struct {
	Select         []string            `toml:"select"`
	Ignore         []string            `toml:"ignore"`
	ExtendSelect   []string            `toml:"extend-select"`
	Exclude        []string            `toml:"exclude"`
	ExtendExclude  []string            `toml:"extend-exclude"`
	PerFileIgnores map[string][]string `toml:"per-file-ignores"`
	FailOn         string              `toml:"fail-on"`
}

// keyTypes names the type each key takes, for messages.
var keyTypes = map[string]string{
	"select": "an array of rule ids", "ignore": "an array of rule ids",
	"extend-select": "an array of rule ids", "exclude": "an array of globs",
	"extend-exclude": "an array of globs", "per-file-ignores": "a table of glob = [rule ids]",
	"fail-on": `a severity: "critical", "high", "medium", "low" or "info"`,
}

// Keys lists the keys, in the order --show-settings prints them.
var Keys = []string{"select", "extend-select", "ignore", "exclude", "extend-exclude", "per-file-ignores", "fail-on"}

type pyproject struct {
	Tool struct {
		Flasklint *body `toml:"flasklint"`
	} `toml:"tool"`
}

// Discover looks for a configuration in dir and each directory above it,
// stopping after the first directory that holds a .git (the repository's
// root) or at the file system root. In each directory a .flasklint.toml wins
// over a pyproject.toml; a pyproject.toml without a [tool.flasklint] table is
// passed over. It returns nil when there is none.
func Discover(dir string) (*Config, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for {
		for _, name := range []string{FileName, PyProject} {
			p := filepath.Join(dir, name)
			if info, err := os.Stat(p); err != nil || info.IsDir() {
				continue
			}
			c, err := Load(p)
			if err != nil || c != nil {
				return c, err
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return nil, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// Load reads one configuration file. A pyproject.toml without a
// [tool.flasklint] table gives nil and no error.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: path, Dir: filepath.Dir(abs)}
	var b *body
	if filepath.Base(path) == PyProject {
		c.Table = "tool.flasklint"
		var doc pyproject
		if err := decode(c, data, &doc); err != nil {
			return nil, err
		}
		if b = doc.Tool.Flasklint; b == nil {
			return nil, nil
		}
	} else {
		b = &body{}
		if err := decode(c, data, b); err != nil {
			return nil, err
		}
	}
	return c, c.fill(b, data)
}

// decode decodes data into v, rejecting unknown keys of the settings table.
func decode(c *Config, data []byte, v any) error {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var errs []error
		for _, e := range strict.Errors {
			if key := e.Key(); c.inTable(key) {
				line, col := e.Position()
				errs = append(errs, c.errorAt(line, col, "unknown key %q in %s (known keys: %s)",
					key[len(key)-1], c.tableName(key[:len(key)-1]), strings.Join(Keys, ", ")))
			}
		}
		return errors.Join(errs...)
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		key := de.Key()
		if c.inTable(key) && len(key) > c.depth() {
			name := key[c.depth()]
			return c.errorAt(line, col, "%s must be %s", name, keyTypes[name])
		}
		return c.errorAt(line, col, "%s", strings.TrimPrefix(de.Error(), "toml: "))
	}
	return err
}

// depth is how many key parts lead to the settings table.
func (c *Config) depth() int {
	if c.Table == "" {
		return 0
	}
	return len(strings.Split(c.Table, "."))
}

// inTable tells whether a key lies in the settings table.
func (c *Config) inTable(key []string) bool {
	if c.Table == "" {
		return true
	}
	return slices.Equal(key[:min(len(key), c.depth())], strings.Split(c.Table, ".")) && len(key) > c.depth()
}

// tableName names the table that holds a key, for messages.
func (c *Config) tableName(key []string) string {
	if len(key) == 0 {
		return "the top level"
	}
	return "[" + strings.Join(key, ".") + "]"
}

func (c *Config) errorAt(line, col int, format string, args ...any) *Error {
	return &Error{File: c.Path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// fill checks the decoded values and copies them into c, with the line of
// every key.
func (c *Config) fill(b *body, data []byte) error {
	pos := locate(data, c.Table)
	c.Lines = map[string]int{}
	for _, k := range Keys {
		if p, ok := pos[k]; ok {
			c.Lines[k] = p.line
		}
	}
	var errs []error
	check := func(key string, ids []string) []string {
		for i, id := range ids {
			if !ValidSelector(id) {
				p := pos.elem(key, i)
				errs = append(
					errs,
					c.errorAt(p.line, p.col, "%s: %q matches no rule id (see 'flasklint rules')", key, id),
				)
			}
		}
		return ids
	}
	c.Select, c.Ignore = check("select", b.Select), check("ignore", b.Ignore)
	c.ExtendSelect = check("extend-select", b.ExtendSelect)
	globs := func(key string, gs []string) []string {
		for i, g := range gs {
			if err := checkGlob(g); err != nil {
				p := pos.elem(key, i)
				errs = append(errs, c.errorAt(p.line, p.col, "%s: %v", key, err))
			}
		}
		return gs
	}
	c.Exclude, c.ExtendExclude = globs("exclude", b.Exclude), globs("extend-exclude", b.ExtendExclude)
	for _, g := range sortedKeys(b.PerFileIgnores) {
		key := "per-file-ignores." + g
		p := pos[key]
		if err := checkGlob(g); err != nil {
			errs = append(errs, c.errorAt(p.line, p.col, "per-file-ignores: %v", err))
		}
		c.PerFileIgnores = append(
			c.PerFileIgnores,
			PerFileIgnore{Glob: g, IDs: check(key, b.PerFileIgnores[g]), Line: p.line},
		)
	}
	if c.Set("fail-on") {
		sev, ok := rules.ParseSeverity(b.FailOn)
		if !ok {
			p := pos["fail-on"]
			errs = append(
				errs,
				c.errorAt(p.line, p.valueCol, "fail-on must be %s, not %q", keyTypes["fail-on"], b.FailOn),
			)
		}
		c.FailOn = sev
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ValidSelector tells whether s selects at least one rule: "ALL", a rule id
// or a prefix of one ("FL1", "FL20").
func ValidSelector(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "ALL" {
		return true
	}
	if s == "" {
		return false
	}
	for _, r := range rules.All {
		if strings.HasPrefix(r.ID, s) {
			return true
		}
	}
	return false
}
