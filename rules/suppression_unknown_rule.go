package rules

import "strings"

// SuppressionUnknownRule reports suppression comments that are malformed or
// name rules that do not exist or cannot be suppressed.
var SuppressionUnknownRule = &Rule{
	ID:        "FL006",
	Name:      "suppression-unknown-rule",
	Title:     "a suppression comment is malformed or names an unknown rule",
	Severity:  Medium,
	Precision: VeryHigh,
	Tags:      []string{"tool", "suppression"},
	Needles:   SuppressionFiles,
	Doc: Doc{
		Why: "A `# flasklint:` comment that is not of the form `# flasklint: ignore[FL201] reason`, " +
			"or that names a rule id no rule has (a typo such as `FL2O1`), suppresses nothing " +
			"while looking as if it did. The same goes for the rules that can never be " +
			"suppressed: FL001 (a file could not be parsed), FL004 (a file could not be read), " +
			"FL005 and FL006 themselves, so that a file that was not analysed is never taken for " +
			"clean. Of the tool's own rules only the notices FL002, FL003 and FL007 can be " +
			"suppressed.\n\nThe ids of a suppression that are valid still apply; only the " +
			"others are reported.",
		Fix: "Write the comment as `# flasklint: ignore[FL201] reason`, with ids from " +
			"`flasklint rules` separated by commas, or a family prefix such as `FL2`. For a file " +
			"that cannot be parsed, fix it or leave it out with `exclude` in the configuration.",
		Limitations: "Outside Python, comments are found by searching each line for `#` followed " +
			"by `flasklint:`, so the marker inside a quoted nginx or YAML value is read as a comment.",
	},
	Check: func(p *Pass) error {
		for _, s := range p.Project.Suppressions {
			if s.Malformed != "" {
				p.Report(Finding{Pos: s.Pos, Message: "malformed suppression: " + s.Malformed})
				continue
			}
			var problems []string
			for _, id := range s.IDs {
				if why := idProblem(id); why != "" {
					problems = append(problems, why)
				}
			}
			if len(problems) > 0 {
				p.Report(Finding{Pos: s.Pos, Message: "suppression names what it cannot suppress: " +
					strings.Join(problems, "; ")})
			}
		}
		return nil
	},
}
