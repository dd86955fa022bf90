package rules

// ShellParseError is the notice for a file of its kind that could not be read in full.
var ShellParseError = &Rule{
	ID:        "FL013",
	Name:      "shell-parse-error",
	Title:     "a shell script could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "An entry point or boot script that the shell parser rejects is not analysed: the commands " +
			"it runs (`flask run --debug`, `gunicorn -b 0.0.0.0:8000`) stay unknown. It is reported " +
			"with the line and column of the error instead of being taken for clean.",
		Fix: "Fix the syntax at the reported position (`sh -n script.sh` shows the same error).",
		Limitations: "Scripts are parsed as bash; a script for another shell may use syntax bash rejects. " +
			"Template lines are masked before parsing.",
	},
	Check: func(p *Pass) error {
		for _, s := range p.Project.Scripts {
			if s.Error != "" {
				p.Report(Finding{Pos: posAt(s.Path, s.ErrorLine, s.ErrorCol),
					Message: "shell syntax error: " + s.Error + "; the commands of this script were not read"})
			}
		}
		return nil
	},
}
