package rules

// ProcfileParseError is the notice for a file of its kind that could not be read in full.
var ProcfileParseError = &Rule{
	ID:        "FL012",
	Name:      "procfile-parse-error",
	Title:     "a procfile has a line that is not an entry",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "A Procfile line that is not `name: command`, a comment or blank is not a process: the " +
			"platform ignores it or refuses the file, and flasklint cannot read what it would run." +
			" Each such line is reported (the first ten of a file, the tenth counting the others).",
		Fix:         "Write each process as `name: command` on one line.",
		Limitations: "Template lines are skipped without a finding.",
	},
	Check: func(p *Pass) error {
		for _, f := range p.Project.Procfiles {
			reportBadLines(p, f.Path, f.Bad, f.BadCol, "Procfile line is not \"name: command\"")
		}
		return nil
	},
}
