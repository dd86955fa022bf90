package rules

import "fmt"

// UnderscoresInHeaders reports nginx passing headers with underscores to a
// WSGI app.
var UnderscoresInHeaders = &Rule{
	ID:        "FL406",
	Name:      "underscores-in-headers",
	Title:     "nginx passes request headers with underscores to the app",
	Severity:  Low,
	Precision: MediumPrec,
	Tags:      []string{"security", "nginx", "proxy"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "WSGI turns request headers into environ keys by upper-casing them and replacing " +
			"`-` with `_`, so `X-Forwarded-For` and `X_Forwarded_For` both become " +
			"`HTTP_X_FORWARDED_FOR`. nginx drops headers with underscores by default; " +
			"`underscores_in_headers on` lets a client send `X_Forwarded_For` or `X_Real_IP` " +
			"next to the header nginx sets, and depending on the WSGI server the client's copy " +
			"wins, is joined to it, or is dropped. Recent gunicorn releases drop such headers " +
			"themselves; the Werkzeug development server and others do not.",
		Fix: "Remove `underscores_in_headers on`. If a client really sends a header with " +
			"underscores, rename it, or copy it explicitly under a dashed name with " +
			"`proxy_set_header`.",
		Limitations: "Reported wherever it is turned on in a configuration that proxies to an " +
			"app; the WSGI server behind it is not identified. `ignore_invalid_headers off` " +
			"has a similar effect and is not reported.",
	},
	Check: checkUnderscoresInHeaders,
}

func checkUnderscoresInHeaders(p *Pass) error {
	m := p.Project.NginxModel()
	for _, h := range m.Find("underscores_in_headers") {
		if len(h.Dir.Args) != 1 || h.Dir.Args[0] != "on" {
			continue
		}
		pass := proxiedUnder(m, h)
		if pass == nil {
			continue
		}
		msg := fmt.Sprintf(
			"underscores_in_headers on lets a client send X_Forwarded_For or X_Real_IP, which the WSGI server behind "+
				"%s %s reads as the header nginx sets (line %d); remove it",
			pass.Pass.Dir.Name,
			pass.Pass.Target,
			pass.Pass.Dir.Line(),
		)
		p.Report(Finding{Pos: nginxPos(h.Dir), Message: msg,
			Related: []Related{{Pos: nginxPos(pass.Pass.Dir), Message: "headers reach the app here"}}})
	}
	return nil
}

// proxiedUnder finds a location that passes to an app inside the block of
// a hit: its server, or every server of its configuration root.
func proxiedUnder(m *NginxModel, h NginxHit) *NginxLocation {
	server := h.Enclosing("server")
	for _, l := range m.Proxying() {
		if server != nil && l.Server.Dir == server || server == nil && l.Server.Scope.Config == h.Config {
			return l
		}
	}
	return nil
}
