// Package rules holds flasklint's rules, the values that describe them, the
// registry that lists them, and the shared models they read.
//
// A rule is a plain value: its id, name, title, severity, documentation and a
// check function. Checks are pure: they read the Project handed to them and
// report through the Pass, never open files and never log.
package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/flasklint/flasklint/parsers/source"
)

// Severity ranks how bad a finding is.
type Severity int

// The severities, lowest first. The zero value means "the rule's default".
const (
	_ Severity = iota
	Info
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// Level is the SARIF, editor and annotation level of a severity:
// critical and high are errors, medium a warning, low and info a note.
func (s Severity) Level() string {
	switch {
	case s >= High:
		return "error"
	case s == Medium:
		return "warning"
	default:
		return "note"
	}
}

// SecurityScore is the CVSS-like number GitHub reads as security-severity.
func (s Severity) SecurityScore() string {
	switch s {
	case Critical:
		return "9.5"
	case High:
		return "8.0"
	case Medium:
		return "5.5"
	case Low:
		return "3.0"
	default:
		return "1.0"
	}
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, bool) {
	for i, n := range severityNames {
		if i > 0 && n == strings.ToLower(s) {
			return Severity(i), true
		}
	}
	return 0, false
}

// Precision is how often a finding of the rule is a true positive, in
// SARIF's vocabulary.
type Precision string

// The precisions GitHub reads.
const (
	VeryHigh      Precision = "very-high"
	HighPrecision Precision = "high"
	MediumPrec    Precision = "medium"
	LowPrecision  Precision = "low"
)

// Doc is a rule's documentation, in markdown paragraphs.
type Doc struct {
	Why         string // what goes wrong and why it matters
	Fix         string // how to fix it
	Limitations string // known false positives and negatives
}

// Rule describes one check. Every piece of a rule's metadata lives here: the
// CLI, the README table and SARIF rules[] are generated from it.
type Rule struct {
	ID        string // FL + family digit + two digits, never reused
	Name      string // kebab-case
	Title     string // one lowercase line
	Severity  Severity
	Precision Precision
	Tags      []string
	Doc       Doc
	Needles   Needles // which files the rule reads: the driver parses no other Python file for it
	Check     func(*Pass) error
}

// Family is the rule's family digit as a string ("1" for FL101).
func (r *Rule) Family() string { return r.ID[2:3] }

// HelpURI is where the rule's documentation is published.
func (r *Rule) HelpURI() string {
	return "https://github.com/flasklint/flasklint/blob/main/docs/rules.md#" + strings.ToLower(r.ID)
}

// Markdown renders the rule's documentation.
func (r *Rule) Markdown() string { return r.MarkdownWithExample("") }

// MarkdownWithExample renders the documentation with an example (markdown)
// between the why and the fix.
func (r *Rule) MarkdownWithExample(example string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n%s (severity %s)\n\n", r.ID, r.Name, r.Title, r.Severity)
	fmt.Fprintf(&b, "### Why\n\n%s\n\n", strings.TrimSpace(r.Doc.Why))
	if example != "" {
		fmt.Fprintf(&b, "### Example\n\n%s\n\n", strings.TrimSpace(example))
	}
	fmt.Fprintf(&b, "### How to fix\n\n%s\n", strings.TrimSpace(r.Doc.Fix))
	if r.Doc.Limitations != "" {
		fmt.Fprintf(&b, "\n### Known limitations\n\n%s\n", strings.TrimSpace(r.Doc.Limitations))
	}
	return b.String()
}

var idPattern = regexp.MustCompile(`^FL[0-8][0-9][0-9]$`)
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate reports what is wrong with a rule's metadata.
func (r *Rule) Validate() error {
	switch {
	case !idPattern.MatchString(r.ID):
		return fmt.Errorf("rule id %q is not FL plus three digits", r.ID)
	case !namePattern.MatchString(r.Name):
		return fmt.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
	case r.Title == "" || strings.ToLower(r.Title) != r.Title || strings.HasSuffix(r.Title, "."):
		return fmt.Errorf("%s: title %q must be one lowercase line without a final period", r.ID, r.Title)
	case r.Severity < Info || r.Severity > Critical:
		return fmt.Errorf("%s: no severity", r.ID)
	case r.Doc.Why == "" || r.Doc.Fix == "":
		return fmt.Errorf("%s: doc needs why and fix", r.ID)
	case r.Check == nil:
		return fmt.Errorf("%s: no check", r.ID)
	case r.Precision == "":
		return fmt.Errorf("%s: no precision", r.ID)
	case !r.Needles.Declared():
		return fmt.Errorf("%s: no needles: list the bytes without which it cannot fire, or the kinds it reads "+
			"whole", r.ID)
	}
	return nil
}

// Pos is a region of a file of the scanned tree. File is relative to the
// scan root, with forward slashes.
type Pos struct {
	File string
	source.Span
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.StartLine, p.StartCol) }

// Related is another place that contributes to a finding: where a value came
// from, the block a header was inherited from, the other file of a pair.
type Related struct {
	Pos     Pos
	Message string
}

// Finding is one result of one rule.
type Finding struct {
	RuleID   string
	Severity Severity
	Pos      Pos
	Message  string
	Related  []Related
	Fix      *Fix // an obvious correction, or nil
}

// Level is the finding's SARIF level.
func (f Finding) Level() string { return f.Severity.Level() }
