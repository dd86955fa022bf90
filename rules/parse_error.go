package rules

import (
	"fmt"

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
		Limitations: "Only the first syntax error of a Python file is reported, with the count of the others. " +
			"Only the Python files that some rule reads are parsed: those that hold one of the rules' markers " +
			"(flask, werkzeug, gunicorn, cors, secret_key, a socket import and the like), or are named like " +
			"gunicorn.conf.py or wsgi.py, the scripts that import an app and the modules such files import or " +
			"name in a string (each however indirectly), " +
			"and every file that is not UTF-8 text and holds none of those markers (one that holds some counts " +
			"like any other). A syntax error elsewhere is not reported: no rule could " +
			"find anything in that file even if it parsed.",
	},
	Check: checkParseErrors,
}

func init() { ParseError.Needles = anyRule(ParseError) }

func checkParseErrors(p *Pass) error {
	for _, f := range p.Project.Python {
		if len(f.Errors) == 0 || p.Project.NeedlessPython[f.Path] {
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
