package rules

import "github.com/flasklint/flasklint/parsers/nginx"

// NginxParseError is the notice for a file of its kind that could not be read in full.
var NginxParseError = &Rule{
	ID:        "FL008",
	Name:      "nginx-parse-error",
	Title:     "an nginx file could not be parsed",
	Severity:  Medium,
	Precision: VeryHigh,
	Needles:   NginxFiles,
	Tags:      []string{"correctness", "tool"},
	Doc: Doc{
		Why: "An nginx file with an unbalanced brace, an unterminated quote, a directive in the wrong " +
			"place or an include cycle cannot be read as a whole: the lexer drops the rest of the file," +
			" so the servers and locations after the error are not analysed. flasklint reports it with " +
			"the line of the error instead of treating the file as clean, and analyses every other " +
			"file.",
		Fix: "Fix the syntax at the reported line (`nginx -t` shows the same error). For a template that" +
			" an entry point fills in (`*.conf.template` with `${VAR}` placeholders is read as is; " +
			"`$VAR` is an nginx variable), exclude the file if it is not nginx syntax until filled.",
		Limitations: "crossplane gives lines, not columns. Jinja templates of nginx files (`.j2`, `.jinja`) are " +
			"not read at all.",
	},
	Check: func(p *Pass) error {
		reportNginxProblems(p, nginx.SyntaxError)
		return nil
	},
}
