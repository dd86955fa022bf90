package rules

import (
	"fmt"
	"regexp"
)

// serverTokensArg finds the value of a server_tokens directive.
var serverTokensArg = regexp.MustCompile(`^server_tokens\s+"?(on|build)\b`)

// ServerTokensOn reports server_tokens turned on explicitly.
var ServerTokensOn = &Rule{
	ID:        "FL606",
	Name:      "server-tokens-on",
	Title:     "nginx announces its version in responses",
	Severity:  Low,
	Precision: VeryHigh,
	Tags:      []string{"security", "nginx", "hardening"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "`server_tokens on` (or `build`) puts nginx's exact version into the `Server` " +
			"header and into every error page nginx writes itself, such as the 502 a client " +
			"sees while the Flask app restarts. That tells a scanner which published nginx " +
			"vulnerabilities apply without any probing.",
		Fix: "Set `server_tokens off;` in the `http` block (or remove the `on`).",
		Limitations: "Only an explicit `server_tokens on` or `build` is reported. nginx's default is " +
			"also `on`, but a site file cannot tell whether the `nginx.conf` that includes it " +
			"turns the tokens off, so a missing directive is not reported.",
	},
	Check: func(p *Pass) error {
		for _, h := range p.Project.NginxModel().Find("server_tokens") {
			if d := h.Dir; len(d.Args) == 1 && (d.Args[0] == "on" || d.Args[0] == "build") {
				p.Report(Finding{Pos: nginxPos(d), Message: fmt.Sprintf(
					"server_tokens %s puts the nginx version into the Server header and error pages; set "+
						"server_tokens off",
					d.Args[0],
				), Fix: replaceInLine(nginxSrc(p.Project, d.File), nginxPos(d), serverTokensArg, "off",
					"set server_tokens off")})
			}
		}
		return nil
	},
}
