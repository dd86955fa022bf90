package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/flasklint/flasklint/config"
	"github.com/flasklint/flasklint/rules"
)

// settings are the effective settings of a check: the configuration file's,
// with the command line's flags over them.
type settings struct {
	config *config.Config // nil when there is none
	search string         // where the configuration was looked for

	selectIDs, extendSelect, ignore []string
	exclude, extendExclude          []config.Glob
	perFile                         []perFileIgnore
	failOn                          rules.Severity

	origin map[string]string // key: "default", "command line" or "FILE:LINE"
	rules  []*rules.Rule
}

type perFileIgnore struct {
	glob config.Glob
	ids  []string
}

// resolveSettings reads the configuration (unless --isolated) and lays the
// flags over it. A selector list from the command line replaces the
// configuration's select and extend-select; ignore and extend-exclude lists
// from both apply; --exclude replaces exclude; --fail-on replaces fail-on.
func resolveSettings(f checkFlags, flags *pflag.FlagSet, paths []string) (*settings, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	s := &settings{origin: map[string]string{}, failOn: rules.Info}
	for _, k := range config.Keys {
		s.origin[k] = "default"
	}
	if err := s.load(f, cwd, paths); err != nil {
		return nil, err
	}
	s.apply(f, flags, searchStart(cwd, paths))
	for _, ids := range [][]string{s.selectIDs, s.extendSelect, s.ignore} {
		for _, id := range ids {
			if !config.ValidSelector(id) {
				return nil, usageError{fmt.Errorf("%q matches no rule id (see 'flasklint rules')", id)}
			}
		}
	}
	s.rules = selectRules(s.selectIDs, s.extendSelect, s.ignore)
	return s, nil
}

// load finds and reads the configuration file.
func (s *settings) load(f checkFlags, cwd string, paths []string) error {
	if f.isolated {
		return nil
	}
	var err error
	if f.configFile != "" {
		s.search = f.configFile
		s.config, err = config.Load(f.configFile)
		if err == nil && s.config == nil {
			err = fmt.Errorf("%s has no [tool.flasklint] table", f.configFile)
		}
		return err
	}
	s.search = searchStart(cwd, paths)
	s.config, err = config.Discover(s.search)
	return err
}

// searchStart is the directory the configuration is looked for from: the
// deepest directory that holds every path (a file's own directory).
func searchStart(cwd string, paths []string) string {
	if len(paths) == 0 {
		return cwd
	}
	var dirs []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			p = filepath.Dir(p)
		}
		dirs = append(dirs, filepath.Clean(p))
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for !strings.HasPrefix(d+string(filepath.Separator), common+string(filepath.Separator)) &&
			common != filepath.Dir(common) {
			common = filepath.Dir(common)
		}
	}
	return common
}

// apply takes the configuration's values, then the flags'. Globs from the
// command line are relative to the scanned directory.
func (s *settings) apply(f checkFlags, flags *pflag.FlagSet, scanned string) {
	if c := s.config; c != nil {
		from := func(key string) string { return fmt.Sprintf("%s:%d", c.Path, c.Lines[key]) }
		setIDs := func(key string, dst *[]string, v []string) {
			if c.Set(key) {
				*dst, s.origin[key] = v, from(key)
			}
		}
		setIDs("select", &s.selectIDs, c.Select)
		setIDs("extend-select", &s.extendSelect, c.ExtendSelect)
		setIDs("ignore", &s.ignore, c.Ignore)
		setGlobs := func(key string, dst *[]config.Glob, v []string) {
			if c.Set(key) {
				*dst, s.origin[key] = globs(v, c.Dir), from(key)
			}
		}
		setGlobs("exclude", &s.exclude, c.Exclude)
		setGlobs("extend-exclude", &s.extendExclude, c.ExtendExclude)
		for _, p := range c.PerFileIgnores {
			s.perFile = append(s.perFile, perFileIgnore{glob: config.Glob{Pattern: p.Glob, Dir: c.Dir}, ids: p.IDs})
		}
		if c.Set("per-file-ignores") {
			s.origin["per-file-ignores"] = from("per-file-ignores")
		}
		if c.Set("fail-on") {
			s.failOn, s.origin["fail-on"] = c.FailOn, from("fail-on")
		}
	}

	const cmdLine = "command line"
	if flags.Changed("select") {
		s.selectIDs, s.origin["select"] = f.selectIDs, cmdLine
		s.extendSelect, s.origin["extend-select"] = nil, cmdLine
	}
	if flags.Changed("extend-select") {
		s.extendSelect, s.origin["extend-select"] = append(s.extendSelect, f.extendSelect...), cmdLine
	}
	if flags.Changed("ignore") {
		s.ignore, s.origin["ignore"] = append(s.ignore, f.ignoreIDs...), cmdLine
	}
	if flags.Changed("exclude") {
		s.exclude, s.origin["exclude"] = globs(f.exclude, scanned), cmdLine
	}
	if flags.Changed("extend-exclude") {
		s.extendExclude, s.origin["extend-exclude"] = append(
			s.extendExclude,
			globs(f.extendExclude, scanned)...), cmdLine
	}
	if flags.Changed("fail-on") {
		s.failOn, s.origin["fail-on"] = f.failOn, cmdLine
	}
}

func globs(patterns []string, dir string) []config.Glob {
	out := make([]config.Glob, 0, len(patterns))
	for _, p := range patterns {
		out = append(out, config.Glob{Pattern: p, Dir: dir})
	}
	return out
}

// excluded tells whether an absolute path is left out by exclude or
// extend-exclude.
func (s *settings) excluded(abs string) bool {
	return config.MatchAny(s.exclude, abs) || config.MatchAny(s.extendExclude, abs)
}

// ignoredIn tells whether per-file-ignores turn a rule off in a file.
func (s *settings) ignoredIn(ruleID, abs string) bool {
	for _, p := range s.perFile {
		if matchesAny(ruleID, p.ids) && p.glob.Match(abs) {
			return true
		}
	}
	return false
}

// fails tells whether a finding makes the exit status 1: its severity is at
// least fail-on, or it says a file was not analysed.
func (s *settings) fails(f rules.Finding) bool {
	sev := f.Severity
	if r := rules.ByID(f.RuleID); sev == 0 && r != nil {
		sev = r.Severity
	}
	return sev >= s.failOn || rules.NotAnalysed(f.RuleID)
}

// show prints the effective settings, each with where it came from, in the
// form of the configuration file.
func (s *settings) show(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# flasklint settings\n")
	switch {
	case s.config != nil && s.config.Table != "":
		fmt.Fprintf(&b, "# configuration: %s [%s]\n", s.config.Path, s.config.Table)
	case s.config != nil:
		fmt.Fprintf(&b, "# configuration: %s\n", s.config.Path)
	case s.search == "":
		b.WriteString("# configuration: none (--isolated)\n")
	default:
		fmt.Fprintf(&b, "# configuration: none found from %s up to the repository root\n", s.search)
	}
	selected := s.selectIDs
	if len(selected) == 0 {
		selected = []string{"ALL"}
	}
	line := func(key, value string) { fmt.Fprintf(&b, "%-40s # %s\n", key+" = "+value, s.origin[key]) }
	line("select", quoteList(selected))
	line("extend-select", quoteList(s.extendSelect))
	line("ignore", quoteList(s.ignore))
	line("exclude", quoteList(patterns(s.exclude)))
	line("extend-exclude", quoteList(patterns(s.extendExclude)))
	var pf []string
	for _, p := range s.perFile {
		pf = append(pf, strconv.Quote(p.glob.Pattern)+" = "+quoteList(p.ids))
	}
	line("per-file-ignores", "{"+strings.Join(pf, ", ")+"}")
	line("fail-on", strconv.Quote(s.failOn.String()))
	ids := make([]string, 0, len(s.rules))
	for _, r := range s.rules {
		ids = append(ids, r.ID)
	}
	fmt.Fprintf(&b, "# rules that run (%d): %s\n", len(ids), strings.Join(ids, " "))
	_, err := io.WriteString(w, b.String())
	return err
}

func patterns(gs []config.Glob) []string {
	out := make([]string, 0, len(gs))
	for _, g := range gs {
		out = append(out, g.Pattern)
	}
	return out
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// severityValue is a pflag value holding a severity name.
type severityValue struct{ sev *rules.Severity }

func (v severityValue) String() string {
	if v.sev == nil || *v.sev == 0 {
		return "info"
	}
	return v.sev.String()
}

func (v severityValue) Set(s string) error {
	sev, ok := rules.ParseSeverity(s)
	if !ok {
		return fmt.Errorf("%q is not a severity (critical, high, medium, low or info)", s)
	}
	*v.sev = sev
	return nil
}

func (severityValue) Type() string { return "severity" }
