package rules

// UnitParseError is the notice for a file of its kind that could not be read in full.
var UnitParseError = &Rule{
	ID:        "FL014",
	Name:      "unit-parse-error",
	Title:     "a systemd, supervisor or uwsgi file has a line that could not be read",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   DeployFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "A systemd unit or supervisor program line without `=` (or, for supervisor, `:`) is not a " +
			"setting: systemd ignores it with a warning and supervisor refuses the whole file, so the " +
			"`ExecStart=` or `command=` the author meant may not be what runs. Each such line is " +
			"reported (the first ten of a file, the tenth counting the others).",
		Fix: "Write the line as `Key=value`, or comment it out with `#` or `;`.",
		Limitations: "uWSGI skips lines without `=`, so they are not reported in a `[uwsgi]` section. Template " +
			"lines are skipped.",
	},
	Check: func(p *Pass) error {
		for _, u := range p.Project.Units {
			reportBadLines(p, u.Path, u.Bad, u.BadCol, "line is not a key=value setting")
		}
		return nil
	},
}
