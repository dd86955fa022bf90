package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// ProxyHeadersDropped reports a block whose own proxy_set_header lines
// drop the forwarding headers set around it.
var ProxyHeadersDropped = &Rule{
	ID:        "FL407",
	Name:      "proxy-headers-dropped",
	Title:     "an nginx proxy_set_header drops the forwarding headers of the enclosing block",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "proxy"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "nginx inherits `proxy_set_header` from the enclosing level only when the current " +
			"level has none of its own. A server that sets `Host $host`, `X-Forwarded-For " +
			"$proxy_add_x_forwarded_for` and `X-Forwarded-Proto $scheme`, and a location inside " +
			"it that adds one `proxy_set_header X-Request-Id $request_id`, sends none of them " +
			"from that location. There the app receives whatever `X-Forwarded-For` and " +
			"`X-Forwarded-Proto` the client wrote, which `ProxyFix` or " +
			"`request.access_route` then believe, and a `Host` that is the upstream's address, " +
			"which breaks absolute URLs. `uwsgi_param` behaves the same way for `uwsgi_pass`.",
		Fix: "Keep the forwarding headers in a snippet and include it wherever a block sets " +
			"headers of its own:\n\n" +
			"```nginx\nlocation /api/ {\n    include snippets/proxy-headers.conf;\n" +
			"    proxy_set_header X-Request-Id $request_id;\n    proxy_pass http://app;\n}\n```",
		Limitations: "Only Host, X-Forwarded-*, Forwarded and X-Real-IP are watched; other " +
			"dropped headers may matter to the app too.",
	},
	Check: checkProxyHeadersDropped,
}

// forwardingHeaders are the request headers that tell the app about the
// client and that a proxy must overwrite.
var forwardingHeaders = []string{
	"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port",
	"X-Forwarded-Prefix", "X-Real-IP", "Forwarded",
}

func checkProxyHeadersDropped(p *Pass) error {
	seen := map[Pos]bool{}
	for _, l := range p.Project.NginxModel().Proxying() {
		name := l.Pass.HeaderDirective()
		lv := l.level.definer(name)
		if lv == nil || lv.block.Name == "" || seen[nginxPos(lv.block)] {
			continue
		}
		own, hidden := lv.effective(name), lv.hidden(name)
		lost := trustedOnly(lostHeaders(own.Dirs, hidden.Dirs, forwardingHeaders))
		if len(lost) == 0 {
			continue
		}
		seen[nginxPos(lv.block)] = true
		effect := func(verb string) string {
			return verb + " " + l.Pass.Target + " from here, so " + lossEffect(lost)
		}
		d := dropped{at: lv.block, what: blockName(l, lv.block), name: name, own: own, hidden: hidden, lost: lost}
		f := d.finding(effect)
		f.Related = append(f.Related, proxyFixRelated(p.Project)...)
		p.Report(f)
	}
	return nil
}

// trustedOnly keeps the header directives whose value nginx computes: a
// dropped header that only copied the client's value changes nothing.
func trustedOnly(ds []*nginx.Directive) []*nginx.Directive {
	var out []*nginx.Directive
	for _, d := range ds {
		if v, _ := clientControlledVar(strings.Join(d.Args[1:], " ")); v == "" {
			out = append(out, d)
		}
	}
	return out
}

// lossEffect says what the app sees once the headers are gone.
func lossEffect(lost []*nginx.Directive) string {
	if len(lost) == 1 && sameHeader(lost[0].Args[0], "Host") {
		return "the app sees the upstream's address as its host name"
	}
	return "the app gets whatever the client sent instead"
}

// blockName names the block that drops the headers: the location (or one
// around it) or its server.
func blockName(l *NginxLocation, block *nginx.Directive) string {
	for at := l; at != nil; at = at.Parent {
		if at.Dir == block {
			return at.Describe()
		}
	}
	return levelName(block)
}

// proxyFixRelated points at the ProxyFix middleware that believes the
// forwarded headers, if the app has one.
func proxyFixRelated(p *Project) []Related {
	var rel []Related
	for _, pf := range p.AppModel().ProxyFixes {
		rel = append(
			rel,
			Related{Pos: nodePos(pf.File, pf.Call), Message: "ProxyFix trusts the forwarded headers here"},
		)
	}
	return rel
}
