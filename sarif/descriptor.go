package sarif

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flasklint/flasklint/rules"
)

// maxDescription is GitHub's limit on shortDescription and fullDescription.
const maxDescription = 1024

// familyTopics are the tags naming each rule family's topic (see RULES.md).
var familyTopics = map[string]string{
	"0": "analysis",
	"1": "debug",
	"2": "exposure",
	"3": "cors",
	"4": "proxy-trust",
	"5": "host-validation",
	"6": "nginx",
	"7": "secrets",
	"8": "ssrf",
}

// problemSeverity maps a SARIF level to GitHub's problem.severity.
var problemSeverity = map[string]string{
	sarif.LevelError:   "error",
	sarif.LevelWarning: "warning",
	sarif.LevelNote:    "recommendation",
}

// addRule adds r to the run's tool.driver.rules.
func addRule(run *sarif.Run, r *rules.Rule) {
	level := r.Severity.Level()
	props := sarif.NewPropertyBag().
		WithTags(ruleTags(r)).
		Add("precision", string(r.Precision)).
		Add("problem.severity", problemSeverity[level]).
		Add("security-severity", r.Severity.SecurityScore())

	run.AddRule(r.ID).
		WithName(r.Name).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(truncate(r.Title))).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(fullDescription(r))).
		WithHelp(sarif.NewMultiformatMessageString().WithText(helpText(r)).WithMarkdown(r.Markdown())).
		WithHelpURI(r.HelpURI()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level)).
		WithProperties(props)
}

// ruleTags are "security", the family topic, then the rule's own tags,
// without duplicates.
func ruleTags(r *rules.Rule) []string {
	tags := []string{"security"}
	if topic, ok := familyTopics[r.Family()]; ok {
		tags = append(tags, topic)
	}
	for _, t := range r.Tags {
		if !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fullDescription is the title followed by the first paragraph of the
// rule's "why", as plain text.
func fullDescription(r *rules.Rule) string {
	para := firstParagraph(plainText(r.Doc.Why))
	if para == "" {
		return truncate(r.Title)
	}
	return truncate(r.Title + ". " + para)
}

// helpText is the plain-text help shown by viewers without markdown.
func helpText(r *rules.Rule) string {
	var b strings.Builder
	b.WriteString(r.Title)
	if why := plainText(r.Doc.Why); why != "" {
		b.WriteString("\n\n" + why)
	}
	if fix := plainText(r.Doc.Fix); fix != "" {
		b.WriteString("\n\nHow to fix: " + fix)
	}
	return b.String()
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`)
	mdEmphasis = strings.NewReplacer("`", "", "**", "", "__", "")
)

// plainText strips the markdown that reads badly as text: code spans,
// bold markers, and links (kept as "text (url)").
func plainText(md string) string {
	md = mdLink.ReplaceAllString(md, "$1 ($2)")
	return strings.TrimSpace(mdEmphasis.Replace(md))
}

// firstParagraph is the text up to the first blank line, unwrapped.
func firstParagraph(s string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, " ")
}

// truncate cuts s to GitHub's description limit, ending in an ellipsis.
func truncate(s string) string {
	if utf8.RuneCountInString(s) <= maxDescription {
		return s
	}
	runes := []rune(s)
	return string(runes[:maxDescription-1]) + "…"
}
