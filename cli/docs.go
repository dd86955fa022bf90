package cli

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// RuleTable renders the README's rule table from the registry.
func RuleTable() string {
	var b strings.Builder
	b.WriteString("| id | name | severity | what it finds |\n| --- | --- | --- | --- |\n")
	for _, r := range rules.All {
		fmt.Fprintf(&b, "| [%s](docs/rules.md#%s) | `%s` | %s | %s |\n",
			r.ID, strings.ToLower(r.ID), r.Name, r.Severity, r.Title)
	}
	return b.String()
}

// RulesDoc renders docs/rules.md, every rule's documentation on one page,
// each with an example taken from the rule's annotated testdata.
func RulesDoc(testdata string) string {
	var b strings.Builder
	b.WriteString("# flasklint rules\n\n")
	b.WriteString("<!-- generated from the rule registry by `go test ./cli -update`; do not edit -->\n\n")
	b.WriteString("Ids are `FL` plus three digits; the first digit is the family and never changes:\n")
	b.WriteString("0 the tool's own findings, 1 debug, 2 binding and exposure, 3 CORS, 4 forwarded headers\n")
	b.WriteString("and proxy trust, 5 host validation, 6 nginx hardening, 7 secrets and cookies, 8 SSRF.\n\n")
	for _, r := range rules.All {
		fmt.Fprintf(
			&b,
			"<a id=\"%s\"></a>\n\n%s\n",
			strings.ToLower(r.ID),
			r.MarkdownWithExample(ruleExample(testdata, r)),
		)
	}
	return b.String()
}
