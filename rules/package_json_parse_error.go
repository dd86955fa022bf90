package rules

// PackageJSONParseError is the notice for a file of its kind that could not be read in full.
var PackageJSONParseError = &Rule{
	ID:        "FL015",
	Name:      "package-json-parse-error",
	Title:     "a package.json could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "A `package.json` that is not valid JSON cannot be read: its `scripts`, which may start the" +
			" Flask development server (`\"dev\": \"flask run --debug\"`), stay unknown. It is reported " +
			"with the line and column of the error instead of being taken for clean.",
		Fix:         "Fix the JSON at the reported position (`npm` refuses the file too).",
		Limitations: "Only `scripts` is read; a script that is not a string is ignored, as npm does.",
	},
	Check: func(p *Pass) error {
		for _, f := range p.Project.Packages {
			if f.Error != "" {
				p.Report(Finding{Pos: posAt(f.Path, f.ErrorLine, f.ErrorCol), Message: "package.json: " + f.Error +
					"; its scripts were not read"})
			}
		}
		return nil
	},
}
