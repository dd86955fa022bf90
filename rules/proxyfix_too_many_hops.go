package rules

import (
	"fmt"
	"strings"
)

// ProxyFixTooManyHops reports ProxyFix counts above the proxies the tree
// puts in front of the app.
var ProxyFixTooManyHops = &Rule{
	ID:        "FL402",
	Name:      "proxyfix-too-many-hops",
	Title:     "proxyfix trusts more proxy hops than the deployment has",
	Severity:  High,
	Precision: MediumPrec,
	Tags:      []string{"security", "proxy"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Werkzeug's `ProxyFix(app, x_for=N, ...)` takes the Nth value from the right of each " +
			"`X-Forwarded-*` header. Each proxy appends one value; everything to the left of them " +
			"was written by the client. A count above the number of proxies that really sit in " +
			"front of the app hands the choice to the client: with one nginx and `x_for=2`, " +
			"`request.remote_addr` is whatever the client put in `X-Forwarded-For`, which defeats " +
			"IP allowlists, rate limits and audit logs; `x_host` feeds the Host used for absolute " +
			"URLs, `x_proto` the scheme.\n\n" +
			"The number of proxies comes from the deployment in the tree: the nginx locations " +
			"whose `proxy_pass` (an address, an `upstream`, a unix socket or a compose service) " +
			"reaches the app's bind, counting an nginx in front of another nginx as two hops. " +
			"When no proxy reaches the app, counts above 1 are reported, since one load balancer " +
			"is the most a deployment without a proxy in the tree is likely to have. When the " +
			"proxy target is only known at run time (`proxy_pass http://$BACKEND`), the proxy is " +
			"linked to the app by place in the tree and the finding is medium.",
		Fix: "Set each count to the number of proxies that set that header, usually " +
			"`ProxyFix(app.wsgi_app, x_for=1, x_proto=1)` behind one nginx, and make sure the " +
			"proxy overwrites (not appends to) the headers it forwards.",
		Limitations: "Proxies outside the tree (cloud load balancers, a CDN) are not known: a " +
			"deployment with two real hops and one nginx in the tree is a false positive. An nginx " +
			"counts as a hop in front of another when its target is a compose service running " +
			"nginx or a port that an nginx server of the tree listens on; other chains are not " +
			"followed. A header the proxy never sets is FL404's.",
	},
	Check: checkProxyFixTooManyHops,
}

// forwardedHeader names the header behind a ProxyFix count: x_for is
// X-Forwarded-For.
func forwardedHeader(param string) string {
	words := strings.Split(param, "_")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return "X-Forwarded-" + strings.Join(words[1:], "-")
}

func checkProxyFixTooManyHops(p *Pass) error {
	link := p.Project.DeployLink()
	for _, pf := range p.Project.AppModel().ProxyFixes {
		hops, outer, resolved := link.Hops(appFileOf(p.Project, pf))
		limit := max(hops, 1)
		var over []string
		var related []Related
		for _, c := range pf.Counts {
			if c.Value.Kind != IntVal || c.Value.Int <= int64(limit) {
				continue
			}
			over = append(over, fmt.Sprintf("%s=%d (%s)", c.Header, c.Value.Int, forwardedHeader(c.Header)))
			related = append(related, relatedOrigin(c.Value, pf.File, pf.Call, c.Header+" is set here")...)
		}
		if len(over) == 0 {
			continue
		}
		f := Finding{
			Pos:     nodePos(pf.File, pf.Call),
			Message: proxyFixMessage(over, hops),
			Related: related,
		}
		if outer != nil {
			f.Related = append(f.Related, hopRelated(outer)...)
			if !resolved && outer.State == LinkOpaque {
				f.Severity = Medium
				f.Message += fmt.Sprintf("; the proxy target %s is only known at run time, so the link to "+
					"this app is by place in the tree", outer.Target)
			}
		}
		p.Report(f)
	}
	return nil
}

// hopRelated points at each proxy on the longest path from the outer
// location to the app, and at the launch bind it reaches.
func hopRelated(outer *LocationLink) []Related {
	var rel []Related
	seen := map[*LocationLink]bool{}
	for l := outer; l != nil && !seen[l]; {
		seen[l] = true
		rel = append(rel, Related{Pos: nginxPos(l.Loc.Pass.Dir), Message: "a proxy hop in front of the app"})
		var next *LocationLink
		for _, n := range l.Next {
			if next == nil || len(n.Binds) > len(next.Binds) {
				next = n
			}
		}
		if next == nil {
			rel = append(rel, l.Related()...)
		}
		l = next
	}
	return rel
}

func proxyFixMessage(over []string, hops int) string {
	subject := "ProxyFix count " + over[0] + " is"
	if len(over) > 1 {
		subject = "ProxyFix counts " + strings.Join(over, ", ") + " are"
	}
	found := "above 1 and no proxy was found in the tree"
	if hops > 0 {
		found = "above the 1 nginx proxy hop the tree puts in front of the app"
		if hops > 1 {
			found = fmt.Sprintf("above the %d nginx proxy hops the tree puts in front of the app", hops)
		}
	}
	return fmt.Sprintf("%s %s: the client writes the extra values, so it chooses what the app takes "+
		"for its address, host or scheme", subject, found)
}
