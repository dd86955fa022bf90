package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
	"github.com/flasklint/flasklint/parsers/source"
)

// Inline suppressions. A comment
//
//	# flasklint: ignore[FL201] container-only bind, published on 127.0.0.1 only
//	# flasklint: ignore[FL201,FL101] -- reason
//	# flasklint: ignore[FL2]: a whole family
//
// suppresses the named rules' findings on one line: its own line when it
// trails code, else the next line that is neither blank nor a comment. The
// reason after the bracket is required. Python comments come from the
// parser, so a "#" inside a string is never one; in every other file kind
// (nginx, YAML, Dockerfile, env, TOML, requirements) the raw lines are
// searched for "#" followed by "flasklint:", a marker specific enough that a
// "#" in a quoted value is not a practical concern.

// Suppression is one "flasklint:" comment.
type Suppression struct {
	Pos  Pos // from the comment's '#' to the end of the line
	Line int // the line it applies to; 0 when no line follows
	// IDs are the rule ids and prefixes as written, upper-cased.
	IDs []string
	// Reason is the justification after the bracket, "" when missing.
	Reason string
	// Malformed says why the comment is not of the suppression form, ""
	// when it is.
	Malformed string
}

// Suppressed is a finding that a suppression hid.
type Suppressed struct {
	Finding
	Reason string // the suppression's justification
	By     Pos    // the suppression comment
}

// suppressionForm is the one form a suppression takes.
const suppressionForm = "# flasklint: ignore[FL201] reason"

var (
	suppressionMarker = regexp.MustCompile(`#\s*flasklint:`)
	suppressionBody   = regexp.MustCompile(`^\s*ignore\[([^\]]*)\](.*)$`)
	suppressionID     = regexp.MustCompile(`^FL[0-9]{1,3}$`)
)

// suppressibleNotices are the tool's own rules that a suppression may hide:
// notices about the tree, not about a file that was not analysed. Every other
// FL0xx rule (a file that could not be parsed or read, a broken suppression)
// cannot be suppressed, so that nothing unread is ever taken for clean and a
// broken suppression cannot hide itself.
var suppressibleNotices = map[string]bool{"FL002": true, "FL003": true, "FL007": true}

// suppressionRules are the rules that report on suppressions themselves.
var suppressionRules = map[string]bool{"FL005": true, "FL006": true, "FL007": true}

// Suppressible tells whether findings of the rule may be suppressed.
func Suppressible(id string) bool {
	return !strings.HasPrefix(id, "FL0") || suppressibleNotices[id]
}

// IsSuppressionRule tells whether the rule reports on suppression comments
// (FL005, FL006, FL007) rather than on the files of the tree.
func IsSuppressionRule(id string) bool { return suppressionRules[id] }

// NotAnalysed tells whether a finding of the rule means that a file, or part
// of one, was not analysed (FL001, FL004 and any later FL0xx rule that is
// neither a notice nor about suppressions). Such findings make the run fail
// at any fail-on level.
func NotAnalysed(id string) bool {
	return strings.HasPrefix(id, "FL0") && !suppressibleNotices[id] && !suppressionRules[id]
}

// SuppressionsInPython reads the suppressions of a parsed Python file from
// its comments.
func SuppressionsInPython(f *python.File) []Suppression {
	var out []Suppression
	for _, c := range f.Comments {
		loc := suppressionMarker.FindStringIndex(c.Text)
		if loc == nil {
			continue
		}
		start := c.StartByte + loc[0]
		lineStart := f.Lines.LineStart(c.Span.StartLine)
		own := len(bytes.TrimSpace(f.Src[lineStart:c.StartByte])) == 0
		out = append(out, newSuppression(f.Path, f.Lines, start, c.StartByte+len(c.Text), c.Text[loc[1]:], own))
	}
	return out
}

// SuppressionsInLines reads the suppressions of a file of any other kind
// from its raw lines.
func SuppressionsInLines(file string, src []byte) []Suppression {
	if !bytes.Contains(src, []byte("flasklint:")) {
		return nil
	}
	lines := source.NewLines(src)
	var out []Suppression
	for n := 1; n <= lines.Count(); n++ {
		line := lines.Line(n)
		loc := suppressionMarker.FindIndex(line)
		if loc == nil {
			continue
		}
		start := lines.LineStart(n)
		own := len(bytes.TrimSpace(line[:loc[0]])) == 0
		out = append(out, newSuppression(file, lines, start+loc[0], start+len(line), string(line[loc[1]:]), own))
	}
	return out
}

// newSuppression parses the text after "flasklint:" of a comment that spans
// the bytes [start, end) of the file.
func newSuppression(file string, lines *source.Lines, start, end int, body string, ownLine bool) Suppression {
	s := Suppression{Pos: Pos{File: file, Span: lines.Span(start, end)}}
	s.Line = s.Pos.StartLine
	if ownLine {
		s.Line = nextCodeLine(lines, s.Pos.StartLine)
	}
	m := suppressionBody.FindStringSubmatch(body)
	if m == nil {
		s.Malformed = fmt.Sprintf("expected %q, found %q", suppressionForm,
			"# flasklint:"+strings.TrimRight(body, " \t"))
		return s
	}
	for _, id := range strings.Split(m[1], ",") {
		s.IDs = append(s.IDs, strings.ToUpper(strings.TrimSpace(id)))
	}
	if slices.Contains(s.IDs, "") {
		s.Malformed = fmt.Sprintf("ignore[%s] has an empty rule id; name the rules as in %q", m[1], suppressionForm)
	}
	s.Reason = reasonText(m[2])
	return s
}

// reasonText is the justification after the bracket, without the "--" or
// ":" that may introduce it.
func reasonText(s string) string {
	s = strings.TrimSpace(s)
	for _, lead := range []string{"--", ":"} {
		if strings.HasPrefix(s, lead) {
			return strings.TrimSpace(s[len(lead):])
		}
	}
	return s
}

// nextCodeLine is the first line after n that is neither blank nor a
// comment, or 0.
func nextCodeLine(lines *source.Lines, n int) int {
	for l := n + 1; l <= lines.Count(); l++ {
		text := bytes.TrimSpace(lines.Line(l))
		if len(text) > 0 && text[0] != '#' {
			return l
		}
	}
	return 0
}

// CompareFindings orders findings by file, position, rule and message, as
// SortFindings does.
func CompareFindings(a, b Finding) int { return compareFindings(a, b) }

// allRules is All. The suppression rules read the registry they are part
// of; a reference from their checks to All would be an initialization cycle,
// so init sets it.
var allRules []*Rule

func init() { allRules = All }

// idProblem says why an id of a suppression cannot be used, or "".
func idProblem(id string) string {
	if !suppressionID.MatchString(id) {
		return fmt.Sprintf("%q is not a rule id or prefix (FL201, or FL2 for a family); see 'flasklint rules'", id)
	}
	for _, r := range allRules {
		if r.ID == id && !Suppressible(id) {
			return fmt.Sprintf("%s cannot be suppressed: %s", id, unsuppressibleWhy(id))
		}
	}
	for _, r := range allRules {
		if strings.HasPrefix(r.ID, id) && Suppressible(r.ID) {
			return ""
		}
	}
	if len(id) == 5 {
		return fmt.Sprintf("no rule has the id %s; see 'flasklint rules'", id)
	}
	return fmt.Sprintf("no suppressible rule id starts with %s; see 'flasklint rules'", id)
}

func unsuppressibleWhy(id string) string {
	if IsSuppressionRule(id) {
		return "fix the suppression comment instead"
	}
	return "a file that was not analysed is never taken for clean; fix the file, or exclude it in the configuration"
}

// coveredRules are the suppressible rules an id or prefix names.
func coveredRules(id string) []*Rule {
	var out []*Rule
	for _, r := range allRules {
		if strings.HasPrefix(r.ID, id) && Suppressible(r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// applies tells whether s is well formed, so that it suppresses.
func (s *Suppression) applies() bool { return s.Malformed == "" && s.Reason != "" }

// validIDs are the ids of s that name suppressible rules.
func (s *Suppression) validIDs() []string {
	var out []string
	for _, id := range s.IDs {
		if idProblem(id) == "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// SuppressionResult is what applying the suppressions gave.
type SuppressionResult struct {
	Findings   []Finding    // findings no suppression hid, with the FL007 findings added
	Suppressed []Suppressed // findings a suppression hid
}

// ApplySuppressions hides the findings that a well-formed suppression names
// on their line (the line a finding starts on, or any line of a finding that
// spans several). When FL007 is on (reportUnused), each suppression id that
// hid nothing becomes an FL007 finding, provided every rule the id names
// ran on the file (ran), so that --select, per-file ignores and partial runs
// do not make suppressions look unused. FL007 findings are themselves
// suppressible.
func ApplySuppressions(findings []Finding, sups []Suppression, reportUnused bool,
	ran func(ruleID, file string) bool,
) SuppressionResult {
	byFile := map[string][]*suppressionUse{}
	for i := range sups {
		if s := &sups[i]; s.applies() {
			byFile[s.Pos.File] = append(byFile[s.Pos.File], &suppressionUse{s: s, ids: s.validIDs()})
		}
	}
	var res SuppressionResult
	res.Findings, res.Suppressed = hide(findings, byFile)
	if !reportUnused {
		return res
	}
	var unused []Finding
	for _, uses := range byFile {
		for _, u := range uses {
			if f, ok := u.unusedFinding(ran); ok {
				unused = append(unused, f)
			}
		}
	}
	kept, hidden := hide(unused, byFile)
	res.Findings = append(res.Findings, kept...)
	res.Suppressed = append(res.Suppressed, hidden...)
	SortFindings(&res.Findings)
	slices.SortStableFunc(res.Suppressed, func(a, b Suppressed) int { return compareFindings(a.Finding, b.Finding) })
	return res
}

// suppressionUse tracks which ids of one suppression hid something.
type suppressionUse struct {
	s    *Suppression
	ids  []string
	used map[string]bool
}

// hide splits findings into those no suppression names and those hidden.
func hide(findings []Finding, byFile map[string][]*suppressionUse) (kept []Finding, hidden []Suppressed) {
	for _, f := range findings {
		if u, id := suppressorOf(f, byFile[f.Pos.File]); u != nil {
			if u.used == nil {
				u.used = map[string]bool{}
			}
			u.used[id] = true
			hidden = append(hidden, Suppressed{Finding: f, Reason: u.s.Reason, By: u.s.Pos})
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}

// suppressorOf finds the suppression that hides f, and the id that names it.
func suppressorOf(f Finding, uses []*suppressionUse) (*suppressionUse, string) {
	if !Suppressible(f.RuleID) {
		return nil, ""
	}
	last := max(f.Pos.EndLine, f.Pos.StartLine)
	for _, u := range uses {
		if u.s.Line == 0 || u.s.Line < f.Pos.StartLine || u.s.Line > last {
			continue
		}
		for _, id := range u.ids {
			if strings.HasPrefix(f.RuleID, id) {
				return u, id
			}
		}
	}
	return nil, ""
}

// unusedFinding is the FL007 finding for the ids of u that hid nothing,
// if there are any and all their rules ran on the file. A suppression that
// names FL007 itself is allowed to be unused.
func (u *suppressionUse) unusedFinding(ran func(ruleID, file string) bool) (Finding, bool) {
	var unused []string
	for _, id := range u.ids {
		if strings.HasPrefix(UnusedSuppression.ID, id) {
			return Finding{}, false
		}
		if u.used[id] {
			continue
		}
		for _, r := range coveredRules(id) {
			if ran != nil && !ran(r.ID, u.s.Pos.File) {
				return Finding{}, false
			}
		}
		unused = append(unused, id)
	}
	if len(unused) == 0 {
		return Finding{}, false
	}
	return Finding{
		RuleID:   UnusedSuppression.ID,
		Severity: UnusedSuppression.Severity,
		Pos:      u.s.Pos,
		Message:  unusedMessage(u.s, unused),
	}, true
}

func unusedMessage(s *Suppression, unused []string) string {
	ids := strings.Join(unused, ", ")
	if s.Line == 0 {
		return fmt.Sprintf("suppression of %s hid nothing: no line of code follows it; remove it", ids)
	}
	return fmt.Sprintf("suppression of %s hid nothing: no %s finding on line %d; remove it, "+
		"or add FL007 to its ids if the finding comes and goes", ids, ids, s.Line)
}
