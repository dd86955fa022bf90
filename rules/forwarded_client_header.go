package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// ForwardedClientHeader reports nginx passing a client-chosen value to the
// app in a header the app treats as set by the proxy.
var ForwardedClientHeader = &Rule{
	ID:        "FL401",
	Name:      "forwarded-client-header",
	Title:     "nginx forwards a client-controlled value as a trusted header",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "proxy"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "An app behind nginx believes the headers nginx sets: `Host` for absolute URLs and " +
			"password-reset links, `X-Forwarded-For` and `X-Real-IP` for the client address " +
			"(through `ProxyFix` or `request.access_route`), `X-Forwarded-Proto` for the scheme. " +
			"Variables such as `$http_host`, `$http_x_forwarded_for`, `$http_x_real_ip`, " +
			"`$http_x_forwarded_proto`, `$http_forwarded`, `$arg_*` and `$cookie_*` hold what " +
			"the client wrote, so `proxy_set_header X-Real-IP $http_x_real_ip` lets any client " +
			"pick its address and `proxy_set_header Host $http_host` lets it pick the host name " +
			"the app puts into links. The value counts wherever it appears in the header value " +
			"(`$http_host:8443`, `prefix-${http_host}`), and the rule reads the header set that " +
			"is in effect in each proxying location after nginx's inheritance and includes. " +
			"`uwsgi_param`, `fastcgi_param` and `scgi_param` are read the same way for the " +
			"matching pass.\n\n" +
			"The finding is an error when the server is a catch-all default server that does " +
			"not check the host name, because there every name reaches the app.",
		Fix: "Send values nginx computes itself: `Host $host` (from a server that lists its " +
			"names), `X-Forwarded-For $proxy_add_x_forwarded_for`, `X-Real-IP $remote_addr`, " +
			"`X-Forwarded-Proto $scheme`.\n\n" +
			"```nginx\nlocation / {\n    proxy_pass http://127.0.0.1:8000;\n" +
			"    proxy_set_header Host $host;\n" +
			"    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" +
			"    proxy_set_header X-Forwarded-Proto $scheme;\n}\n```",
		Limitations: "When nginx itself sits behind another proxy or load balancer that sets " +
			"`X-Forwarded-Proto` or `X-Forwarded-For`, passing those on is intended; the rule " +
			"cannot see that outer layer. Variables assigned with `set` or `map` from a " +
			"client header are not followed. A missing `proxy_params` is assumed to be " +
			"the one Debian and Ubuntu have shipped for years, which sends `Host $http_host`; " +
			"that finding is a note on the include line. Debian 12's nginx 1.22.1-9+deb12u6 " +
			"(April 2026) changed its copy to `Host $host`, so on an up-to-date Debian host the " +
			"note may be void.",
	},
	Check: checkForwardedClientHeader,
}

func checkForwardedClientHeader(p *Pass) error {
	var out []Finding
	for _, s := range p.Project.NginxModel().Servers {
		for _, l := range s.Passes() {
			eff := l.Effective(l.Pass.HeaderDirective())
			for _, d := range eff.Dirs {
				f, ok := forwardedClientFinding(s, l, eff, d)
				if !ok {
					continue
				}
				out = append(out, f)
			}
		}
	}
	reportStrongest(p, out)
	return nil
}

// forwardedClientFinding judges one header directive in effect in a
// proxying location.
func forwardedClientFinding(s *NginxServer, l *NginxLocation, eff NginxEffective, d *nginx.Directive) (Finding, bool) {
	if len(d.Args) < 2 {
		return Finding{}, false
	}
	v, what := clientControlledVar(d.Args[1])
	if v == "" {
		return Finding{}, false
	}
	msg := fmt.Sprintf("%s %s %s forwards a value the client chooses ($%s is %s); %s",
		d.Name, d.Args[0], d.Args[1], v, what, clientVarHint(v))
	sev := Medium
	if s.AcceptsAnyHost() && l.HostCheck == nil {
		sev = High
		msg += fmt.Sprintf(" (this catch-all default server, %s, accepts any host name)", s.NamesText())
	}
	if d.Stock {
		sev = Low
		msg += fmt.Sprintf(" (assumed from the stock %s, which is not in the tree)", d.Via.Args[0])
	}
	return Finding{Severity: sev, Pos: nginxPos(d), Message: msg, Related: headerRelated(l, eff, d)}, true
}

// headerRelated points from an inherited or included header to the
// location it takes effect in and to the include that brought it.
func headerRelated(l *NginxLocation, eff NginxEffective, d *nginx.Directive) []Related {
	var rel []Related
	if eff.From != l.Dir {
		rel = append(rel, Related{Pos: nginxPos(l.Dir), Message: "inherited by " + l.Describe()})
	}
	if d.Via != nil && !d.Stock {
		rel = append(rel, Related{Pos: nginxPos(d.Via), Message: "included here: " + strings.Join(d.Via.Args, " ")})
	}
	return rel
}
