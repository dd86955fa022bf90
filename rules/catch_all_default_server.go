package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// CatchAllDefaultServer reports nginx default servers that take any host
// name and hand the request to the app.
var CatchAllDefaultServer = &Rule{
	ID:        "FL501",
	Name:      "catch-all-default-server",
	Title:     "an nginx default server accepts any host name and serves the app",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "host"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "nginx sends a request whose host name matches no `server_name` to the default " +
			"server of the listen socket: the one marked `default_server`, else the first one. " +
			"When that server is a catch-all (`server_name _`, `\"\"`, none, or only wildcards " +
			"and regular expressions) and proxies to the app, every host name reaches the app: " +
			"`Host: evil.example` poisons absolute URLs and password-reset links built from the " +
			"request, and DNS rebinding lets a web page in the victim's browser talk to the app " +
			"under the attacker's name. A catch-all that redirects to `https://$host...` hands " +
			"the client's name on the same way.",
		Fix: "List the real names in the app's server and give each listen socket a default " +
			"server that refuses everything else:\n\n" +
			"```nginx\nserver {\n    listen 80 default_server;\n    listen 443 ssl default_server;\n" +
			"    ssl_reject_handshake on;\n    return 444;\n}\n```\n\n" +
			"An `if` on a `map` of `$host` that returns 444 for unknown names, or " +
			"`TRUSTED_HOSTS` in Flask 3.1+, also closes the hole.",
		Limitations: "Servers are grouped by configuration root; root files in the same " +
			"directory are taken to be loaded together when one of them marks a " +
			"`default_server`. A server with exact names that is the default only because it " +
			"is first is not reported here. The target of each proxying location is matched with " +
			"the tree's launches (address, `upstream`, unix socket, compose service): a target that " +
			"runs no Flask app of the tree (another backend, a port no launch binds) or an app " +
			"that checks the Host itself (`TRUSTED_HOSTS`, a `before_request` check) is not " +
			"reported, and a target known only at run time (`proxy_pass http://$BACKEND`, an " +
			"envsubst placeholder) gives a note. When the tree has no launch to compare with, " +
			"the proxied backend is taken to be the app.",
	},
	Check: checkCatchAllDefaultServer,
}

func checkCatchAllDefaultServer(p *Pass) error {
	for _, s := range p.Project.NginxModel().Servers {
		if !s.AcceptsAnyHost() {
			continue
		}
		var how, why string
		var at *nginx.Directive
		sev := Severity(0)
		var related []Related
		if all := unvalidatedPasses(s); len(all) > 0 {
			var passes []*NginxLocation
			passes, sev, why = linkedPasses(p.Project, all, p.Rule.Severity)
			if len(passes) == 0 {
				continue // every target is another backend, or an app that checks the Host
			}
			at = passes[0].Pass.Dir
			how = "passes requests for any host name to " + at.Args[0]
			if link := p.Project.DeployLink().Of(passes[0]); link != nil {
				related = append(link.Related(), link.AppsRelated(p.Project)...)
			}
		} else if s.Redirect != nil {
			at = s.Redirect
			how = "redirects requests for any host name to " + at.Args[len(at.Args)-1]
			if at.Name == "rewrite" {
				how = "redirects requests for any host name to " + at.Args[1]
			}
		} else {
			continue
		}
		msg := fmt.Sprintf(
			"catch-all default server for %s (%s) %s (line %d); list the real names in server_name and let a "+
				"separate default server return 444",
			strings.Join(s.DefaultFor, ", "),
			s.NamesText(),
			how,
			at.Line(),
		)
		p.Report(Finding{Pos: nginxPos(s.Where()), Message: msg + why, Severity: sev,
			Related: append(serverRelated(s, at), related...)})
	}
	return nil
}

// unvalidatedPasses are the proxying locations of a server that no host
// check guards.
func unvalidatedPasses(s *NginxServer) []*NginxLocation {
	var out []*NginxLocation
	for _, l := range s.Passes() {
		if l.HostCheck == nil {
			out = append(out, l)
		}
	}
	return out
}

// serverRelated points at the directive that serves the request and at the
// listen lines that make the server the default.
func serverRelated(s *NginxServer, at *nginx.Directive) []Related {
	rel := []Related{{Pos: nginxPos(at), Message: "requests for any host name reach this " + at.Name}}
	for _, l := range s.Listens {
		if l.Dir != nil && containsString(s.DefaultFor, l.Socket) {
			rel = append(rel, Related{Pos: nginxPos(l.Dir), Message: "default server for " + l.Socket})
		}
	}
	return rel
}
