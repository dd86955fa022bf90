package rules

import "github.com/flasklint/flasklint/parsers/nginx"

// IncludeOutsideTree reports nginx includes that point outside the scan.
var IncludeOutsideTree = &Rule{
	ID:        "FL003",
	Name:      "include-outside-tree",
	Title:     "an nginx include points outside the scanned tree",
	Severity:  Low,
	Precision: VeryHigh,
	Tags:      []string{"correctness", "tool"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: `flasklint never reads outside the tree it was asked to scan: a repository under review
must not make the linter open ` + "`/etc/passwd`" + ` or a sibling checkout. An include that
leaves the tree is therefore not followed, and what it would have added is unknown.`,
		Fix: "Scan the directory that contains both files, or keep included snippets inside the " +
			"repository and include them by a relative path.",
		Limitations: "Absolute paths under `/etc/nginx/` are mapped onto the tree before this is decided.",
	},
	Check: func(p *Pass) error {
		reportNginxProblems(p, nginx.IncludeOutside)
		return nil
	},
}
