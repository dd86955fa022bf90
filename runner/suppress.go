package runner

import (
	"path/filepath"
	"slices"
	"sort"

	"github.com/flasklint/flasklint/rules"
)

// collectSuppressions reads the "# flasklint:" comments of every file the
// run read: Python files from their parsed comments, every other file (nginx,
// including files only reached through an include, and the version files)
// from its raw lines. A Python file that no selected rule needed was not
// parsed, and its comments are not read: no finding can be in it.
func collectSuppressions(p *rules.Project, sources map[string][]byte, pyFiles []string) []rules.Suppression {
	var out []rules.Suppression
	python := map[string]bool{}
	for _, f := range pyFiles {
		python[f] = true
	}
	for _, f := range p.Python {
		python[f.Path] = true
		out = append(out, rules.SuppressionsInPython(f)...)
	}
	other := map[string][]byte{}
	for path, src := range sources {
		other[path] = src
	}
	if p.Nginx != nil {
		for path, f := range p.Nginx.Files {
			other[path] = f.Src
		}
	}
	paths := make([]string, 0, len(other))
	for path := range other {
		if !python[path] {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	for _, path := range paths {
		out = append(out, rules.SuppressionsInLines(path, other[path])...)
	}
	return out
}

// finish turns the rules' findings into the reported ones: per-file ignores
// drop theirs, suppressions hide theirs (and FL007 reports the suppressions
// that hid nothing), and a partial run keeps the named files' findings only.
func finish(opts Options, base string, only map[string]bool, p *rules.Project, findings []rules.Finding,
) ([]rules.Finding, []rules.Suppressed) {
	selected := map[string]bool{}
	for _, r := range opts.Rules {
		selected[r.ID] = true
	}
	ignored := func(ruleID, file string) bool {
		return opts.Ignored != nil && opts.Ignored(ruleID, filepath.Join(base, filepath.FromSlash(file)))
	}
	reported := func(file string) bool { return only == nil || only[file] }
	ran := func(ruleID, file string) bool {
		return (opts.Rules == nil || selected[ruleID]) && !ignored(ruleID, file) && reported(file)
	}

	findings = slices.DeleteFunc(findings, func(f rules.Finding) bool { return ignored(f.RuleID, f.Pos.File) })
	unused := opts.Rules == nil || selected[rules.UnusedSuppression.ID]
	res := rules.ApplySuppressions(findings, p.Suppressions, unused, ran)
	kept := slices.DeleteFunc(res.Findings, func(f rules.Finding) bool {
		return !reported(f.Pos.File) || ignored(f.RuleID, f.Pos.File)
	})
	hidden := slices.DeleteFunc(res.Suppressed, func(s rules.Suppressed) bool { return !reported(s.Pos.File) })
	return kept, hidden
}
