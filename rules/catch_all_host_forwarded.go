package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// CatchAllHostForwarded reports a catch-all server forwarding $host, which
// there is whatever name the client sent.
var CatchAllHostForwarded = &Rule{
	ID:        "FL502",
	Name:      "catch-all-host-forwarded",
	Title:     "a catch-all nginx server forwards the client's host name to the app",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "host"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`proxy_set_header Host $host` is the usual way to tell the app its name, and in a " +
			"server that lists its names it is safe: nginx only routes those names there. In a " +
			"catch-all default server (`server_name _`, `\"\"`, none, wildcards or regular " +
			"expressions) that does not check the host, `$host` is whatever the client put in " +
			"the request line or the Host header, so the app builds absolute URLs, " +
			"password-reset links and redirects from an attacker's name. The same holds for " +
			"`X-Forwarded-Host $host` and any other header carrying `$host`. Forwarding " +
			"`$http_host` instead is reported by FL401.",
		Fix: "Keep `Host $host`, but put the app in a server with explicit names and refuse " +
			"other names in a separate default server:\n\n" +
			"```nginx\nserver {\n    listen 80 default_server;\n    return 444;\n}\n" +
			"server {\n    listen 80;\n    server_name app.example.com;\n" +
			"    location / {\n        proxy_pass http://127.0.0.1:8000;\n" +
			"        proxy_set_header Host $host;\n    }\n}\n```\n\n" +
			"Setting `TRUSTED_HOSTS` in Flask 3.1+ adds a second check in the app.",
		Limitations: "The location's target is matched with the tree's launches: a target that " +
			"runs no Flask app of the tree, or an app that checks the Host itself (`TRUSTED_HOSTS`, " +
			"a `before_request` hook), is not reported; a target known only at run time gives a " +
			"note; with no launch to compare with, the backend is taken to be the app. Values " +
			"assigned with `set` from `$host` are not followed.",
	},
	Check: checkCatchAllHostForwarded,
}

func checkCatchAllHostForwarded(p *Pass) error {
	seen := map[Pos]bool{}
	for _, s := range p.Project.NginxModel().Servers {
		if !s.AcceptsAnyHost() {
			continue
		}
		for _, l := range unvalidatedPasses(s) {
			kept, sev, why := linkedPasses(p.Project, []*NginxLocation{l}, p.Rule.Severity)
			if len(kept) == 0 {
				continue // another backend, or an app that checks the Host itself
			}
			eff := l.Effective(l.Pass.HeaderDirective())
			for _, d := range eff.Dirs {
				if !forwardsHost(d) || seen[nginxPos(d)] {
					continue
				}
				seen[nginxPos(d)] = true
				f := hostForwardedFinding(s, l, eff, d)
				f.Severity, f.Message = sev, f.Message+why
				if link := p.Project.DeployLink().Of(l); link != nil {
					f.Related = append(f.Related, link.Related()...)
					f.Related = append(f.Related, link.AppsRelated(p.Project)...)
				}
				p.Report(f)
			}
		}
	}
	return nil
}

// forwardsHost tells whether a header directive sends $host and nothing
// that FL401 reports.
func forwardsHost(d *nginx.Directive) bool {
	if len(d.Args) < 2 || !containsString(nginxVars(d.Args[1]), "host") {
		return false
	}
	v, _ := clientControlledVar(d.Args[1])
	return v == ""
}

func hostForwardedFinding(s *NginxServer, l *NginxLocation, eff NginxEffective, d *nginx.Directive) Finding {
	msg := fmt.Sprintf(
		"%s %s %s sends the app any host name a client asks for: this catch-all default server for %s (%s) does "+
			"not refuse unknown names; list the real names in server_name and let a separate default server return 444",
		d.Name,
		d.Args[0],
		d.Args[1],
		strings.Join(s.DefaultFor, ", "),
		s.NamesText(),
	)
	rel := append(headerRelated(l, eff, d), Related{Pos: nginxPos(s.Where()), Message: "catch-all server"})
	return Finding{Pos: nginxPos(d), Message: msg, Related: rel}
}
