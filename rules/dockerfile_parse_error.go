package rules

// DockerfileParseError is the notice for a file of its kind that could not be read in full.
var DockerfileParseError = &Rule{
	ID:        "FL009",
	Name:      "dockerfile-parse-error",
	Title:     "a dockerfile could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "A Dockerfile that the BuildKit parser rejects (an unterminated heredoc, a bad escape " +
			"directive, an empty continuation) is not analysed: its `ENV`, `COPY`, `CMD` and " +
			"`ENTRYPOINT` stay unknown, so debug switches and launch commands in it are missed. It is " +
			"reported instead of being taken for clean.",
		Fix: "Fix the instruction at the reported line (`docker build` fails on it too).",
		Limitations: "Template lines (`{% if %}`, `{{ var }}`) are masked before parsing and never reported; " +
			"what they would produce is not known.",
	},
	Check: func(p *Pass) error {
		for _, d := range p.Project.Dockerfiles {
			if d.Error != "" {
				p.Report(Finding{Pos: lineAt(d.Path, d.ErrorLine), Message: "Dockerfile syntax error: " + d.Error +
					"; the instructions of this file were not read"})
			}
		}
		return nil
	},
}
