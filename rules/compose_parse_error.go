package rules

// ComposeParseError is the notice for a file of its kind that could not be read in full.
var ComposeParseError = &Rule{
	ID:        "FL010",
	Name:      "compose-parse-error",
	Title:     "a compose file could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "A compose file that is not valid YAML cannot be read: its services, commands, environment " +
			"and published ports stay unknown, and with them the findings that depend on them (debug " +
			"switched on in `environment`, a development server published on every host interface). It " +
			"is reported instead of being taken for clean.",
		Fix: "Fix the YAML at the reported line (`docker compose config` fails on it too).",
		Limitations: "The YAML parser gives the line of an error, not its column. Template lines (`{% if %}`, " +
			"`{{ var }}`) are masked before parsing; `${VAR}` interpolation is kept as written and read" +
			" as a value set at run time.",
	},
	Check: func(p *Pass) error {
		for _, c := range p.Project.Compose {
			if c.Error != "" {
				p.Report(Finding{Pos: lineAt(c.Path, c.ErrorLine),
					Message: "compose file is not valid YAML: " + c.Error + "; its services were not read"})
			}
		}
		return nil
	},
}
