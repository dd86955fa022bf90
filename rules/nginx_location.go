package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// NginxLocation is a location block, or an if block inside a location,
// which nginx runs as a location of its own.
type NginxLocation struct {
	Server   *NginxServer
	Parent   *NginxLocation   // the enclosing location; nil at the top
	Dir      *nginx.Directive // the location or if directive
	IsIf     bool
	Children []*NginxLocation // nested locations and ifs
	// Pass is where the location sends requests; nil when it serves them
	// itself. An if inherits the pass of its location.
	Pass *NginxPass
	// HostCheck is an if in this location, an enclosing one or the server
	// that refuses unknown host names; nil when none does.
	HostCheck *nginx.Directive
	level     *nginxLevel
}

// NginxEffective is the set of one inherited array directive
// (proxy_set_header, add_header, ...) that applies in a location.
type NginxEffective struct {
	Dirs []*nginx.Directive
	// From is the block that defines them (http, server, location or if);
	// nil when no level defines any.
	From *nginx.Directive
}

// NginxPass is a proxy_pass, uwsgi_pass, fastcgi_pass, scgi_pass or
// grpc_pass.
type NginxPass struct {
	Dir    *nginx.Directive
	Module string // "proxy", "uwsgi", "fastcgi", "scgi", "grpc"
	Target string // the argument as written
	Unix   string // the socket path of a unix: target
	Host   string // the host of a network target (an upstream name, a variable)
	Port   string // "" when not written
	// Upstream is the upstream block the host names, if any.
	Upstream *nginx.Directive
}

// passModules maps a pass directive to its module and the directive that
// sets what it forwards.
var passModules = map[string][2]string{
	"proxy_pass":   {"proxy", "proxy_set_header"},
	"uwsgi_pass":   {"uwsgi", "uwsgi_param"},
	"fastcgi_pass": {"fastcgi", "fastcgi_param"},
	"scgi_pass":    {"scgi", "scgi_param"},
	"grpc_pass":    {"grpc", "grpc_set_header"},
}

// inheritedArrays are the directives that a level inherits only when it
// defines none of them itself.
var inheritedArrays = []string{
	"proxy_set_header", "add_header", "uwsgi_param", "fastcgi_param", "scgi_param", "grpc_set_header",
}

// HeaderDirective is the directive that sets what the pass forwards
// (proxy_set_header for proxy_pass, uwsgi_param for uwsgi_pass, ...).
func (p *NginxPass) HeaderDirective() string { return passModules[p.Dir.Name][1] }

// IsUnix tells whether the pass goes to a unix socket.
func (p *NginxPass) IsUnix() bool { return p.Unix != "" }

// Effective returns the set of an inherited array directive that applies
// here.
func (l *NginxLocation) Effective(name string) NginxEffective { return l.level.effective(name) }

// Effective returns the set of an inherited array directive that applies at
// server level.
func (s *NginxServer) Effective(name string) NginxEffective { return s.level.effective(name) }

// Hidden returns the set of an inherited array directive that the
// location's own definitions hide: what the enclosing levels would have
// given it. Empty when the location defines none itself, or nothing above
// it does.
func (l *NginxLocation) Hidden(name string) NginxEffective { return l.level.hidden(name) }

// Hidden returns the set of an inherited array directive that the server's
// own definitions hide from the http level.
func (s *NginxServer) Hidden(name string) NginxEffective { return s.level.hidden(name) }

// Describe names the location for messages: "location /api/", "if ($a)".
func (l *NginxLocation) Describe() string {
	if l.IsIf {
		return "if (" + strings.Join(l.Dir.Args, " ") + ")"
	}
	return strings.TrimSpace("location " + strings.Join(l.Dir.Args, " "))
}

// addLocation models a location or if block and what is nested in it.
func (m *NginxModel) addLocation(
	s *NginxServer,
	parent *NginxLocation,
	d *nginx.Directive,
	up *nginxLevel,
) *NginxLocation {
	l := &NginxLocation{Server: s, Parent: parent, Dir: d, IsIf: d.Name == "if", level: newNginxLevel(d, up)}
	l.Pass = newNginxPass(s.Scope, d.Block)
	if l.Pass == nil && l.IsIf && parent != nil && !hasDirective(d.Block, "return") {
		l.Pass = parent.Pass
	}
	l.HostCheck = s.HostCheck
	if parent != nil && parent.HostCheck != nil {
		l.HostCheck = parent.HostCheck
	}
	if l.HostCheck == nil {
		l.HostCheck = hostCheck(s.Scope, d.Block)
	}
	m.Locations = append(m.Locations, l)
	for _, c := range d.Block {
		if c.Name == "location" || c.Name == "if" {
			l.Children = append(l.Children, m.addLocation(s, l, c, l.level))
		}
	}
	return l
}

// newNginxPass finds the pass directive among a block's directives.
func newNginxPass(sc *NginxScope, block []*nginx.Directive) *NginxPass {
	for _, d := range block {
		mod, ok := passModules[d.Name]
		if !ok || len(d.Args) == 0 {
			continue
		}
		p := &NginxPass{Dir: d, Module: mod[0], Target: d.Args[0]}
		rest := d.Args[0]
		if i := strings.Index(rest, "://"); i >= 0 && !strings.HasPrefix(rest, "unix:") {
			rest = rest[i+3:]
		}
		if path, ok := strings.CutPrefix(rest, "unix:"); ok {
			p.Unix = "/" + strings.TrimLeft(unixPath(path, mod[0]), "/")
			return p
		}
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[:i]
		}
		p.Host, p.Port = splitHostPort(rest)
		p.Upstream = sc.Upstreams[p.Host]
		return p
	}
	return nil
}

// unixPath cuts the URI off a proxy_pass unix target
// (http://unix:/run/app.sock:/prefix).
func unixPath(p, module string) string {
	if module == "proxy" || module == "grpc" {
		if i := strings.IndexByte(p, ':'); i >= 0 {
			return p[:i]
		}
	}
	return p
}

// splitHostPort splits "host:port", "[::1]:8000" or "host".
func splitHostPort(s string) (host, port string) {
	if strings.HasPrefix(s, "[") {
		if i := strings.Index(s, "]"); i >= 0 {
			return s[:i+1], strings.TrimPrefix(s[i+1:], ":")
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "}") {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// nginxLevel is one level of inheritance: http, server, location or if.
type nginxLevel struct {
	block  *nginx.Directive
	own    map[string][]*nginx.Directive
	parent *nginxLevel
}

func newNginxLevel(block *nginx.Directive, parent *nginxLevel) *nginxLevel {
	lv := &nginxLevel{block: block, parent: parent} // own stays nil while it is empty
	for _, d := range block.Block {
		for _, name := range inheritedArrays {
			if d.Name == name {
				if lv.own == nil {
					lv.own = map[string][]*nginx.Directive{}
				}
				lv.own[name] = append(lv.own[name], d)
			}
		}
	}
	return lv
}

// effective applies nginx's rule for array directives: a level that
// defines any of them drops every inherited one.
func (lv *nginxLevel) effective(name string) NginxEffective {
	for l := lv; l != nil; l = l.parent {
		if ds := l.own[name]; len(ds) > 0 {
			from := l.block
			if from.Name == "" {
				from = nil // the top of a bare site file
			}
			return NginxEffective{Dirs: ds, From: from}
		}
	}
	return NginxEffective{}
}

// hidden is the set of name that the level's own definitions hide.
func (lv *nginxLevel) hidden(name string) NginxEffective {
	if len(lv.own[name]) == 0 || lv.parent == nil {
		return NginxEffective{}
	}
	return lv.parent.effective(name)
}

// definer returns the nearest level that defines name itself, nil when
// none does.
func (lv *nginxLevel) definer(name string) *nginxLevel {
	for l := lv; l != nil; l = l.parent {
		if len(l.own[name]) > 0 {
			return l
		}
	}
	return nil
}

func hasDirective(block []*nginx.Directive, name string) bool {
	for _, d := range block {
		if d.Name == name {
			return true
		}
	}
	return false
}

// Proxying returns every location (and if in a location) that passes
// requests on with proxy_pass or uwsgi_pass, in config order.
func (m *NginxModel) Proxying() []*NginxLocation {
	var out []*NginxLocation
	for _, l := range m.Locations {
		if l.Pass != nil && (l.Pass.Module == "proxy" || l.Pass.Module == "uwsgi") {
			out = append(out, l)
		}
	}
	return out
}

// SetsHeader returns the directive by which the location's pass sets the
// request header name for the app (proxy_set_header X-Forwarded-For ...,
// or uwsgi_param HTTP_X_FORWARDED_FOR ... for uwsgi_pass), nil when it does
// not: then the app gets whatever the client sent in that header.
func (l *NginxLocation) SetsHeader(name string) *nginx.Directive {
	if l.Pass == nil {
		return nil
	}
	want := name
	if l.Pass.Module != "proxy" && l.Pass.Module != "grpc" {
		want = "HTTP_" + strings.ReplaceAll(strings.ToUpper(name), "-", "_")
	}
	for _, d := range l.Effective(l.Pass.HeaderDirective()).Dirs {
		if len(d.Args) >= 2 && strings.EqualFold(d.Args[0], want) {
			return d
		}
	}
	return nil
}
