package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// AddHeaderDropped reports a block whose own add_header lines silently drop
// the security headers set around it.
var AddHeaderDropped = &Rule{
	ID:        "FL602",
	Name:      "add-header-dropped",
	Title:     "an nginx add_header drops the security headers of the enclosing block",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "headers"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "nginx inherits `add_header` from the enclosing level only when the current level " +
			"has none of its own. A server that sets `Strict-Transport-Security`, " +
			"`Content-Security-Policy`, `X-Frame-Options`, `X-Content-Type-Options`, " +
			"`Referrer-Policy` or `Permissions-Policy`, and a location inside it that adds one " +
			"`Cache-Control`, sends none of the security headers from that location: often " +
			"exactly the app's pages, while a quick check of `/` shows them. An `if` with an " +
			"`add_header` does the same inside its location.",
		Fix: "Keep the security headers in a snippet and include it in every block that adds " +
			"headers of its own:\n\n" +
			"```nginx\nserver {\n    include snippets/security-headers.conf;\n" +
			"    location /api/ {\n        include snippets/security-headers.conf;\n" +
			"        add_header Cache-Control no-store always;\n        proxy_pass http://app;\n" +
			"    }\n}\n```",
		Limitations: "An `if` that ends with `return` (such as a CORS preflight answer) is not " +
			"reported. Headers set with `more_set_headers` (headers-more) or by the app are not " +
			"read.",
	},
	Check: checkAddHeaderDropped,
}

// securityHeaders are the response headers whose loss the rule reports.
var securityHeaders = []string{
	"Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options",
	"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
}

func checkAddHeaderDropped(p *Pass) error {
	seen := map[Pos]bool{}
	report := func(at *nginx.Directive, what string, own, hidden NginxEffective) {
		lost := lostHeaders(own.Dirs, hidden.Dirs, securityHeaders)
		if len(lost) == 0 || seen[nginxPos(at)] {
			return
		}
		seen[nginxPos(at)] = true
		d := dropped{at: at, what: what, name: "add_header", own: own, hidden: hidden, lost: lost}
		p.Report(d.finding(func(verb string) string { return verb + " the browser from here" }))
	}
	for _, s := range p.Project.NginxModel().Servers {
		report(s.Dir, "the server block", s.Effective("add_header"), s.Hidden("add_header"))
		for _, l := range s.AllLocations() {
			if l.IsIf && hasDirective(l.Dir.Block, "return") {
				continue
			}
			report(l.Dir, l.Describe(), l.Effective("add_header"), l.Hidden("add_header"))
		}
	}
	return nil
}

// lostHeaders returns the directives of hidden that set one of the wanted
// headers and that own does not set again. uwsgi_param-style names
// (HTTP_X_FORWARDED_FOR) match their header (X-Forwarded-For).
func lostHeaders(own, hidden []*nginx.Directive, wanted []string) []*nginx.Directive {
	var lost []*nginx.Directive
	for _, h := range hidden {
		if len(h.Args) == 0 || !headerIn(h.Args[0], wanted) || setsSameHeader(own, h.Args[0]) {
			continue
		}
		lost = append(lost, h)
	}
	return lost
}

func headerIn(name string, wanted []string) bool {
	for _, w := range wanted {
		if sameHeader(name, w) {
			return true
		}
	}
	return false
}

func setsSameHeader(ds []*nginx.Directive, name string) bool {
	for _, d := range ds {
		if len(d.Args) > 0 && sameHeader(d.Args[0], name) {
			return true
		}
	}
	return false
}

// sameHeader compares header names, reading HTTP_X_REAL_IP as X-Real-IP.
func sameHeader(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.ReplaceAll(s, "_", "-"))
		return strings.TrimPrefix(s, "http-")
	}
	return norm(a) == norm(b)
}

// dropped is a block whose own directives hide inherited ones.
type dropped struct {
	at          *nginx.Directive // the block
	what        string           // the block, for messages
	name        string           // add_header, proxy_set_header, ...
	own, hidden NginxEffective
	lost        []*nginx.Directive // the hidden directives that matter
}

// finding describes the loss; effect says what follows from it, given the
// verb "reach" or "reaches".
func (d dropped) finding(effect func(verb string) string) Finding {
	var headers []string
	var rel []Related
	for _, l := range d.lost {
		headers = append(headers, fmt.Sprintf("%s (line %d)", l.Args[0], l.Line()))
		rel = append(rel, Related{Pos: nginxPos(l), Message: "dropped in " + d.what})
	}
	first := d.own.Dirs[0]
	rel = append(rel, Related{Pos: nginxPos(first), Message: "this " + d.name + " replaces the inherited ones"})
	verb, them := "reach", "them"
	if len(d.lost) == 1 {
		verb, them = "reaches", "it"
	}
	msg := fmt.Sprintf(
		"%s has its own %s (%s %s, line %d), so nginx drops every inherited one: %s of %s no longer %s; repeat %s "+
			"here or include %s from a shared snippet",
		d.what,
		d.name,
		d.name,
		strings.Join(first.Args, " "),
		first.Line(),
		strings.Join(headers, ", "),
		levelName(d.hidden.From),
		effect(verb),
		them,
		them,
	)
	return Finding{Pos: nginxPos(d.at), Message: msg, Related: rel}
}

// levelName names a block for messages: "the server block", "location /".
func levelName(d *nginx.Directive) string {
	switch {
	case d == nil:
		return "the top of the file"
	case d.Name == "location":
		return "location " + strings.Join(d.Args, " ")
	case d.Name == "if":
		return "if (" + strings.Join(d.Args, " ") + ")"
	}
	return "the " + d.Name + " block"
}
