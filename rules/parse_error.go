package rules

import (
	"fmt"
	"slices"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// ParseError reports files that could not be parsed, so that no file is ever
// taken for clean without having been read.
var ParseError = &Rule{
	ID:        "FL001",
	Name:      "parse-error",
	Title:     "a python file could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Tags:      []string{"correctness", "tool"},
	Needles:   EveryFile,
	Doc: Doc{
		Why: `A Python file with a syntax error cannot be analysed in full. flasklint reports it
instead of treating it as clean: a setting in that file could be exactly the one that
matters. Every other file is still analysed, and what could be read of a broken Python
file is still checked. Python packaging files that state versions (requirements*.txt,
pyproject.toml, lock files) are reported here too. Every other file kind has its own
notice: FL008 nginx, FL009 Dockerfile, FL010 compose, FL011 env files, FL012 Procfile,
FL013 shell scripts, FL014 systemd, supervisor and uWSGI files, FL015 package.json.`,
		Fix: "Fix the syntax error at the reported line. For a Python 2 file or a template that is not " +
			"meant to be valid Python, exclude it from the scan.",
		Limitations: "Only the first syntax error of a Python file is reported, with the count of the others.",
	},
	Check: checkParseErrors,
}

func checkParseErrors(p *Pass) error {
	files := slices.Concat(p.Project.Python, p.Project.PythonChecked)
	for _, f := range files {
		if len(f.Errors) == 0 {
			continue
		}
		first := f.Errors[0]
		msg := "python syntax error: " + first.Message
		if n := len(f.Errors) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more)", n)
		}
		msg += "; the rest of the file was analysed as far as it parsed"
		p.Report(Finding{Pos: Pos{File: f.Path, Span: first.Span}, Message: msg})
	}
	reportPinProblems(p)
	return nil
}

// reportNginxProblems reports the nginx loader's problems of one kind.
func reportNginxProblems(p *Pass, kind nginx.ProblemKind) {
	if p.Project.Nginx == nil {
		return
	}
	for _, prob := range p.Project.Nginx.Problems {
		if prob.Kind == kind {
			p.Report(Finding{Pos: Pos{File: prob.File, Span: prob.Span}, Message: prob.Message})
		}
	}
}
