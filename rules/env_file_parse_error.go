package rules

// EnvFileParseError is the notice for a file of its kind that could not be read in full.
var EnvFileParseError = &Rule{
	ID:        "FL011",
	Name:      "env-file-parse-error",
	Title:     "an env file has a line that is not a setting",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "An env file line that is neither `KEY=value`, a comment nor blank is skipped by " +
			"python-dotenv and compose (or stops them), so what the author meant to set is not set, and" +
			" flasklint cannot tell what it would have been. The first such line is reported, with the " +
			"count of the others.",
		Fix: "Write the line as `KEY=value` (an optional `export ` prefix is allowed), or comment it " +
			"out.",
		Limitations: "Template lines (`{{ KEY }}=...`, `{% if %}`, `${KEY}=...`) are skipped without a finding.",
	},
	Check: func(p *Pass) error {
		for _, f := range p.Project.EnvFiles {
			if len(f.Bad) > 0 {
				p.Report(Finding{Pos: posAt(f.Path, f.Bad[0], f.BadCol[0]), Message: "env file line is not KEY=VALUE" + more(len(f.Bad)-1)})
			}
		}
		return nil
	},
}
