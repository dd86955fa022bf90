package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// ReturnBeforeAccess reports a return that answers before the access
// checks of its block run.
var ReturnBeforeAccess = &Rule{
	ID:        "FL608",
	Name:      "return-before-access",
	Title:     "an nginx return answers before the access checks of its block run",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "access-control"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "nginx runs `return` (and `rewrite`) in its rewrite phase, which comes before the " +
			"access phase where `allow`, `deny`, `auth_basic` and `auth_request` are checked, " +
			"whatever their order in the file. In\n\n" +
			"```nginx\nlocation /admin/status {\n    allow 10.0.0.0/8;\n    deny all;\n" +
			"    return 200 \"$upstream_addr\";\n}\n```\n\n" +
			"every client gets the answer: the access rules never run. The same holds for a " +
			"redirect meant only for trusted addresses.",
		Fix: "Put the response behind the check in another way: pass the request on " +
			"(`proxy_pass`, `try_files`) instead of answering with `return`, or make the check " +
			"itself a rewrite-phase one, such as an `if` on a `geo` variable that returns 403.",
		Limitations: "Only a `return` and an access directive in the same block are reported; a " +
			"`return` in a location below a server-level `deny` is not. A `return` with a 4xx " +
			"code refuses the request anyway and is not reported.",
	},
	Check: checkReturnBeforeAccess,
}

func checkReturnBeforeAccess(p *Pass) error {
	for _, h := range p.Project.NginxModel().Find("return") {
		if len(h.Dir.Args) == 0 || isClientErrorCode(h.Dir.Args[0]) {
			continue
		}
		checks := accessChecks(h.Siblings())
		if len(checks) == 0 {
			continue
		}
		var names []string
		var rel []Related
		for _, c := range checks {
			names = append(
				names,
				fmt.Sprintf("%s (line %d)", strings.TrimSpace(c.Name+" "+strings.Join(c.Args, " ")), c.Line()),
			)
			rel = append(rel, Related{Pos: nginxPos(c), Message: "never checked for this response"})
		}
		msg := fmt.Sprintf(
			"return %s answers in the rewrite phase, before the access phase where %s would run: every client gets "+
				"this response; pass the request on instead, or refuse it with an if that returns 403",
			strings.Join(h.Dir.Args, " "),
			strings.Join(names, ", "),
		)
		p.Report(Finding{Pos: nginxPos(h.Dir), Message: msg, Related: rel})
	}
	return nil
}

// accessChecks returns the access-phase directives of a block, nil when
// none of them restricts anything (a lone allow).
func accessChecks(block []*nginx.Directive) []*nginx.Directive {
	var out []*nginx.Directive
	restricts := false
	for _, d := range block {
		switch d.Name {
		case "allow":
			out = append(out, d)
		case "deny":
			out, restricts = append(out, d), true
		case "auth_basic", "auth_request":
			if len(d.Args) > 0 && d.Args[0] != "off" {
				out, restricts = append(out, d), true
			}
		}
	}
	if !restricts {
		return nil
	}
	return out
}
