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
			" flasklint cannot tell what it would have been. Each such line is reported (the first " +
			"ten of a file, the tenth counting the others).",
		Fix: "Write the line as `KEY=value` (an optional `export ` prefix is allowed), or comment it " +
			"out.",
		Limitations: "Template lines (`{{ KEY }}=...`, `{% if %}`, `${KEY}=...`) are skipped without a finding.",
	},
	Check: func(p *Pass) error {
		for _, f := range p.Project.EnvFiles {
			reportBadLines(p, f.Path, f.Bad, f.BadCol, "env file line is not KEY=VALUE")
		}
		return nil
	},
}
