// Package output writes findings in flasklint's non-SARIF formats: text for
// terminals and editors, JSON for scripts, and GitHub Actions workflow
// commands for annotations. Every writer takes findings already sorted and
// deduplicated, and prints paths as Finding.Pos.File gives them.
//
// # Text
//
// One line per finding, in the GNU form editors understand:
//
//	config/prod.py:3:1: error: debug mode is enabled [FL101 debug-run]
//
// The level is error, warning or note. Line breaks in paths and messages
// become spaces (and a message loses surrounding space), so a finding never
// spans two lines. An editor problem
// matcher for this form (groups: file, line, column, severity, message,
// rule id):
//
//	^(.+?):(\d+):(\d+): (error|warning|note): (.+) \[(FL\d{3})[^\]]*\]$
//
// # JSON
//
// An array with one object per finding, in input order; [] when there are
// none. Indented with two spaces, ending in a newline. The keys, all always
// present:
//
//	rule        string  rule id, "FL101"
//	name        string  rule name, "debug-run" ("" for an unknown rule)
//	severity    string  critical, high, medium, low or info
//	level       string  error, warning or note
//	message     string  the finding's message
//	file        string  path relative to the scan root, "/"-separated
//	line        int     1-based start line
//	column      int     1-based start column, in UTF-16 code units
//	end_line    int     1-based end line
//	end_column  int     column one past the last character
//	related     array   other places involved, each with file, line,
//	                    column, end_line, end_column and message ([] if none)
//
// # GitHub
//
// One workflow command per finding, which GitHub Actions turns into an
// annotation:
//
//	::error file=app.py,line=7,col=5,endLine=7,endColumn=20,title=FL101 debug-run::debug mode is enabled
//
// Levels error and warning keep their names; note becomes ::notice. col and
// endColumn are left out when a finding spans several lines, since GitHub
// places columns only on one-line annotations.
package output

import (
	"github.com/flasklint/flasklint/rules"
)

// RuleLookup finds a rule by id, or returns nil.
type RuleLookup = func(id string) *rules.Rule

// described is a finding with what the writers derive from its rule.
type described struct {
	rules.Finding
	name     string
	severity rules.Severity
	region   region
}

func describe(f rules.Finding, ruleByID RuleLookup) described {
	d := described{Finding: f, severity: f.Severity, region: regionOf(f.Pos)}
	var r *rules.Rule
	if ruleByID != nil {
		r = ruleByID(f.RuleID)
	}
	if r != nil {
		d.name = r.Name
		if d.severity == 0 { // the zero severity means the rule's own
			d.severity = r.Severity
		}
	}
	return d
}

// label is the rule id, then its name when known: "FL101 debug-run".
func (d described) label() string {
	if d.name == "" {
		return d.RuleID
	}
	return d.RuleID + " " + d.name
}

// region is a finding's span with lines and columns of at least 1 and an
// end that does not come before the start.
type region struct{ line, col, endLine, endCol int }

func regionOf(p rules.Pos) region {
	r := region{max(p.StartLine, 1), max(p.StartCol, 1), p.EndLine, p.EndCol}
	if r.endLine < r.line {
		r.endLine, r.endCol = r.line, r.col
	}
	if r.endLine == r.line {
		r.endCol = max(r.endCol, r.col)
	}
	r.endCol = max(r.endCol, 1)
	return r
}
