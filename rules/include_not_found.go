package rules

import "github.com/flasklint/flasklint/parsers/nginx"

// IncludeNotFound reports nginx includes that name no file of the tree.
var IncludeNotFound = &Rule{
	ID:        "FL002",
	Name:      "include-not-found",
	Title:     "an nginx include names a file that is not in the tree",
	Severity:  Low,
	Precision: VeryHigh,
	Tags:      []string{"correctness", "tool"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: `An ` + "`include`" + ` whose file is not in the scanned tree leaves a hole in the
configuration flasklint analyses: headers, locations or server names defined there are
unknown. The include is reported so that the gap is visible instead of silently treated as
empty. Stock files that distributions install with nginx (` + "`proxy_params`, `uwsgi_params`, " +
			"`fastcgi_params`" + `) are usually not in a repository; the message says so. Stock files that
hold only data no rule reads (` + "`mime.types`" + ` and the character set tables) are not reported.`,
		Fix: "Commit the included file next to the configuration, or scan the directory that holds it. " +
			"Relative includes are resolved against the including file's directory, the main " +
			"configuration's directory and the scanned tree.",
		Limitations: "A glob include that matches nothing is silent in nginx and is not reported.",
	},
	Check: func(p *Pass) error {
		reportNginxProblems(p, nginx.IncludeMissing)
		return nil
	},
}
