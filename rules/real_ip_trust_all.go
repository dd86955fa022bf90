package rules

import (
	"fmt"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// RealIPTrustAll reports the realip module trusting every client to name
// its own address.
var RealIPTrustAll = &Rule{
	ID:        "FL405",
	Name:      "real-ip-trust-all",
	Title:     "nginx takes the client address from a header that any client may send",
	Severity:  High,
	Precision: VeryHigh,
	Tags:      []string{"security", "nginx", "proxy"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "`set_real_ip_from` lists the proxies whose address header nginx believes; " +
			"`real_ip_header` names that header (`X-Real-IP` when it is not set). With " +
			"`set_real_ip_from 0.0.0.0/0` (or `::/0`) every client is such a proxy: " +
			"a request with `X-Forwarded-For: 127.0.0.1` gets `$remote_addr` 127.0.0.1. " +
			"`allow`/`deny` rules, `limit_req` zones, logs, and the `X-Real-IP $remote_addr` or " +
			"`X-Forwarded-For $proxy_add_x_forwarded_for` the Flask app receives then carry an " +
			"address of the client's choosing.",
		Fix: "List only the load balancers in front of nginx:\n\n" +
			"```nginx\nset_real_ip_from 10.0.0.0/16;   # the load balancer's subnet\n" +
			"real_ip_header X-Forwarded-For;\nreal_ip_recursive on;\n```",
		Limitations: "A trusted range that is merely too wide (a whole cloud provider) is not " +
			"reported. `set_real_ip_from all` is not a spelling nginx knows: it looks up a host " +
			"called `all` and refuses to start, so it is not reported either. The `stream` " +
			"module's realip, which reads the PROXY protocol, is not read.",
	},
	Check: checkRealIPTrustAll,
}

func checkRealIPTrustAll(p *Pass) error {
	for _, h := range p.Project.NginxModel().Find("set_real_ip_from") {
		if len(h.Dir.Args) != 1 || !trustsEveryone(h.Dir.Args[0]) || h.Enclosing("stream") != nil {
			continue
		}
		header := h.Inherited("real_ip_header")
		f := Finding{Pos: nginxPos(h.Dir)}
		if header != nil && len(header.Args) > 0 {
			f.Message = fmt.Sprintf(
				"set_real_ip_from %s trusts every client to name its own address: real_ip_header %s (line %d) "+
					"then sets $remote_addr to whatever the client wrote; list only the addresses of your load "+
					"balancers",
				h.Dir.Args[0],
				header.Args[0],
				header.Line(),
			)
			f.Related = []Related{{Pos: nginxPos(header), Message: "the header nginx believes"}}
		} else {
			f.Message = fmt.Sprintf("set_real_ip_from %s trusts every client to name its own address: the X-Real-IP "+
				"header (real_ip_header's default) then sets $remote_addr to whatever the client wrote; list only the "+
				"addresses of your load balancers",
				h.Dir.Args[0])
		}
		f.Related = append(f.Related, realIPUses(h)...)
		p.Report(f)
	}
	return nil
}

// trustsEveryone tells whether a set_real_ip_from argument covers every
// address.
func trustsEveryone(arg string) bool {
	switch arg {
	case "0.0.0.0/0", "::/0", "0::/0", "::0/0":
		return true
	}
	return false
}

// realIPUses points at the real_ip_header lines of blocks inside the hit's
// block, which the trust also applies to.
func realIPUses(h NginxHit) []Related {
	var rel []Related
	walkNginx(h.Siblings(), func(d *nginx.Directive) bool {
		if d.Name == "real_ip_header" && d != h.Inherited("real_ip_header") {
			rel = append(rel, Related{Pos: nginxPos(d), Message: "also believed here"})
		}
		return !nginxDataBlock(d.Name)
	})
	return rel
}
