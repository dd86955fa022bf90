package rules

import (
	"fmt"
	"strings"
)

// ProxyFixHeaderNotSet reports ProxyFix counts for headers the nginx proxy
// in front of the app never sets.
var ProxyFixHeaderNotSet = &Rule{
	ID:        "FL404",
	Name:      "proxyfix-header-not-set",
	Title:     "proxyfix trusts a forwarded header the proxy never sets",
	Severity:  High,
	Precision: MediumPrec,
	Tags:      []string{"security", "proxy"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "nginx passes request headers on unchanged unless a `proxy_set_header` replaces them. " +
			"When `ProxyFix` trusts a header (`x_for`, `x_host`, `x_port`, `x_prefix`, `x_proto`) " +
			"that the proxying location never sets, the value the app takes is the one the client " +
			"sent: its address for `x_for` (allowlists, rate limits, logs), the Host of absolute " +
			"URLs and redirects for `x_host` (password-reset poisoning), the URL prefix for " +
			"`x_prefix`. The header sets are each location's effective ones, after nginx's " +
			"inheritance (one `proxy_set_header` in a location drops every server-level one). " +
			"`x_proto` (a default of ProxyFix) only lets the client claim https: low.\n\n" +
			"Only reported when the tree has nginx locations that proxy; the nginx location is the " +
			"related location.",
		Fix: "Set the header in every location that proxies to the app (`proxy_set_header " +
			"X-Forwarded-Proto $scheme;`, `X-Forwarded-Host $host`, `X-Forwarded-For " +
			"$proxy_add_x_forwarded_for`), or set the ProxyFix count to 0 for a header the proxy " +
			"does not send.",
		Limitations: "The locations in front of the app are those whose target reaches the app's " +
			"bind (an address, an `upstream`, a unix socket, a compose service name); a target " +
			"known only at run time, or one the tree has no launch to compare with, links by place " +
			"in the tree (medium for a run-time target). Proxies outside the tree are not known.",
	},
	Check: checkProxyFixHeaderNotSet,
}

func checkProxyFixHeaderNotSet(p *Pass) error {
	for _, pf := range p.Project.AppModel().ProxyFixes {
		locs := FrontingLinks(p.Project, appFileOf(p.Project, pf))
		for _, c := range pf.Counts {
			if c.Value.Kind != IntVal || c.Value.Int < 1 {
				continue
			}
			if f, ok := headerNotSetFinding(pf, c, locs); ok {
				p.Report(f)
			}
		}
	}
	return nil
}

func headerNotSetFinding(pf *ProxyFixCall, c ProxyCount, locs []*LocationLink) (Finding, bool) {
	header := forwardedHeader(c.Header)
	var missing []*LocationLink
	for _, l := range locs {
		if !l.setsOnPath(header, map[*LocationLink]bool{}) {
			missing = append(missing, l)
		}
	}
	if len(missing) == 0 {
		return Finding{}, false
	}
	link := missing[0]
	first := link.Loc
	where := fmt.Sprintf("%s (%s:%d)", first.Describe(), first.Dir.File, first.Dir.Span.StartLine)
	if n := len(missing) - 1; n > 0 {
		where += fmt.Sprintf(" and %d more", n)
	}
	count := fmt.Sprintf("%s=%d", c.Header, c.Value.Int)
	if c.Arg == nil {
		count += " (its default)"
	}
	sev, effect := High, headerEffect(c.Header)
	if c.Header == "x_proto" {
		sev = Low
	}
	f := Finding{
		Severity: sev,
		Pos:      nodePos(pf.File, pf.Call),
		Message: fmt.Sprintf("ProxyFix trusts %s with %s, but nginx never sets that header in %s: the client's "+
			"own %s reaches the app, so %s", header, count, where, header, effect),
		Related: []Related{{Pos: nginxPos(first.Dir), Message: "this location proxies without setting " + header}},
	}
	f.Related = append(f.Related, relatedOrigin(c.Value, pf.File, pf.Call, c.Header+" is set here")...)
	f.Related = append(f.Related, link.Related()...)
	if link.State == LinkOpaque && sev > Medium {
		f.Severity = Medium
		f.Message += fmt.Sprintf("; the proxy target %s is only known at run time, so the link to this app is "+
			"by place in the tree", link.Target)
	}
	return f, true
}

// headerEffect says what a client-chosen forwarded header changes.
func headerEffect(param string) string {
	switch strings.TrimPrefix(param, "x_") {
	case "for":
		return "the client chooses request.remote_addr"
	case "host":
		return "the client chooses the host of absolute URLs and redirects"
	case "port":
		return "the client chooses the port of absolute URLs"
	case "prefix":
		return "the client chooses the URL prefix of every link"
	}
	return "the client can claim https (request.is_secure)"
}

// setsOnPath tells whether the location, or every nginx in front of it
// (which the location passes the header on from), sets the header.
func (l *LocationLink) setsOnPath(header string, seen map[*LocationLink]bool) bool {
	if l.Loc.SetsHeader(header) != nil {
		return true
	}
	if len(l.Prev) == 0 || seen[l] {
		return false
	}
	seen[l] = true
	for _, p := range l.Prev {
		if !p.setsOnPath(header, seen) {
			return false
		}
	}
	return true
}
