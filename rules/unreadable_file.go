package rules

import (
	"github.com/flasklint/flasklint/parsers/nginx"
	"github.com/flasklint/flasklint/parsers/source"
)

// UnreadableFile reports files that were found but could not be read.
var UnreadableFile = &Rule{
	ID:        "FL004",
	Name:      "unreadable-file",
	Title:     "a file could not be read",
	Severity:  Medium,
	Precision: VeryHigh,
	Tags:      []string{"correctness", "tool"},
	Needles:   EveryFile,
	Doc: Doc{
		Why: `A file that flasklint found but could not read (no permission, removed during the scan,
larger than the 10 MiB limit, or a Python file over the 1 MiB limit for a syntax tree in
which a rule's patterns occur) was not analysed. It is reported rather than skipped so
that the run never claims a tree is clean when part of it was not looked at.`,
		Fix: "Make the file readable, or exclude it from the scan if it is not part of the deployment.",
	},
	Check: func(p *Pass) error {
		for _, u := range p.Project.Unread {
			p.Report(Finding{
				Pos:     Pos{File: u.File, Span: source.Span{StartLine: 1, StartCol: 1, EndLine: 1, EndCol: 1}},
				Message: "file was not analysed: " + u.Reason,
			})
		}
		reportNginxProblems(p, nginx.ReadError)
		return nil
	},
}
