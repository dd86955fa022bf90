package rules

import (
	"slices"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// NginxModel is the effective nginx configuration: servers, their listen
// sockets and names, default servers, and for each location the effective
// header sets after inheritance.
type NginxModel struct {
	Scopes    []*NginxScope    // one per configuration root, in root order
	Servers   []*NginxServer   // http servers of every root, in config order
	Locations []*NginxLocation // every location and if-in-location, in config order
}

// NginxScope is what one configuration root defines for all its servers:
// variables set by map and set, and upstream groups.
type NginxScope struct {
	Config    *nginx.Config
	Maps      map[string]*NginxMap          // by the variable the map sets, lower case, without '$'
	Sets      map[string][]*nginx.Directive // set directives by variable, lower case, without '$'
	Upstreams map[string]*nginx.Directive   // upstream blocks by name
}

// NginxMap is a map block: map $source $target { key value; ... }.
type NginxMap struct {
	Dir       *nginx.Directive
	Source    string // the mapped expression, e.g. "$http_host"
	Target    string // the variable set, without '$'
	Default   string // value for unmatched keys ("" when not given)
	DefaultAt *nginx.Directive
	Entries   []*nginx.Directive // key in Name, value in Args[0]; default and flags excluded
}

// NginxServer is one http server block.
type NginxServer struct {
	Scope   *NginxScope
	Dir     *nginx.Directive // the server directive
	HTTP    *nginx.Directive // the enclosing http block; nil for a bare server file
	Listens []NginxListen
	Names   []NginxName
	NameDir *nginx.Directive // the first server_name directive; nil when there is none
	// DefaultFor lists the sockets whose requests for unknown host names
	// this server receives.
	DefaultFor []string
	// Rejects is the directive by which the server refuses every request
	// (ssl_reject_handshake on, return 444 or another 4xx, deny all).
	Rejects *nginx.Directive
	// HostCheck is a server-level if that refuses unknown host names.
	HostCheck *nginx.Directive
	// Redirect is a return or rewrite that redirects with the client's host.
	Redirect  *nginx.Directive
	Locations []*NginxLocation // the top-level locations
	level     *nginxLevel
}

// NginxListen is one listen socket of a server.
type NginxListen struct {
	Socket  string // "*:80", "127.0.0.1:8080", "[::]:443", "unix:/run/x.sock"
	Default bool   // marked default_server
	SSL     bool
	Dir     *nginx.Directive // nil for the implicit *:80 of a server without listen
}

// NameKind classifies a server_name entry.
type NameKind int

// The kinds of server names.
const (
	ExactName      NameKind = iota + 1
	UnderscoreName          // "_", the usual catch-all spelling
	EmptyName               // "" or no server_name at all
	WildcardName            // *.example.com, example.*, .example.com
	RegexName               // ~^...
)

// NginxName is one server name.
type NginxName struct {
	Name string
	Kind NameKind
}

// buildNginxModel builds the model once per run.
func buildNginxModel(set *nginx.Set) *NginxModel {
	m := &NginxModel{}
	if set == nil {
		return m
	}
	for _, cfg := range set.Configs {
		m.addConfig(cfg)
	}
	assignDefaultServers(m.Servers)
	return m
}

// addConfig adds the servers of one configuration root.
func (m *NginxModel) addConfig(cfg *nginx.Config) {
	sc := newNginxScope(cfg)
	m.Scopes = append(m.Scopes, sc)
	// The top of a bare site file is the http context it is included in.
	top := newNginxLevel(&nginx.Directive{Block: cfg.Directives}, nil)
	servers, locations := 0, 0
	for _, d := range cfg.Directives {
		switch d.Name {
		case "http":
			httpLevel := newNginxLevel(d, top)
			for _, c := range d.Block {
				if c.Name == "server" {
					m.addServer(sc, c, d, httpLevel)
					servers++
				}
			}
		case "server":
			m.addServer(sc, d, nil, top)
			servers++
		case "location":
			locations++
		}
	}
	if servers == 0 && locations > 0 {
		m.addImplicitServer(sc, cfg)
	}
}

// addImplicitServer models a snippet of locations that nothing in the tree
// includes (a server outside the tree does) as a server of its own. Its
// names and sockets are unknown, so it is never a default server and never
// a catch-all: only what its locations do themselves is judged.
func (m *NginxModel) addImplicitServer(sc *NginxScope, cfg *nginx.Config) {
	first := cfg.Directives[0]
	d := &nginx.Directive{Name: "server", Block: cfg.Directives, HasBlock: true, File: first.File, Span: first.Span}
	m.addServer(sc, d, nil, nil)
	s := m.Servers[len(m.Servers)-1]
	s.Listens, s.Names = nil, nil
}

// addServer models one server block and its locations.
func (m *NginxModel) addServer(sc *NginxScope, d, http *nginx.Directive, parent *nginxLevel) {
	s := &NginxServer{Scope: sc, Dir: d, HTTP: http, level: newNginxLevel(d, parent)}
	s.Listens = serverListens(d)
	s.Names, s.NameDir = serverNames(d)
	s.HostCheck = hostCheck(sc, d.Block)
	m.Servers = append(m.Servers, s)
	for _, c := range d.Block {
		if c.Name == "location" {
			s.Locations = append(s.Locations, m.addLocation(s, nil, c, s.level))
		}
	}
	s.Rejects = s.rejecting()
	s.Redirect = s.hostRedirect()
}

// ProxyHops is how many nginx proxy layers the tree puts in front of the
// app: 1 when any location proxies (proxy_pass or uwsgi_pass) to it, else 0.
func (m *NginxModel) ProxyHops() int {
	if len(m.Proxying()) > 0 {
		return 1
	}
	return 0
}

// IsDefault tells whether the server receives requests for host names that
// no server of its sockets lists.
func (s *NginxServer) IsDefault() bool { return len(s.DefaultFor) > 0 }

// CatchAllName tells whether the server's names say "any host": none, "",
// "_", or only wildcards and regular expressions.
func (s *NginxServer) CatchAllName() bool {
	exact := false
	for _, n := range s.Names {
		if n.Kind == UnderscoreName {
			return true
		}
		exact = exact || n.Kind == ExactName
	}
	return !exact
}

// AcceptsAnyHost tells whether the server is a catch-all default server
// that neither refuses every request nor checks the host name.
func (s *NginxServer) AcceptsAnyHost() bool {
	return s.IsDefault() && s.CatchAllName() && s.Rejects == nil && s.HostCheck == nil
}

// AllLocations returns the server's locations and ifs in locations, nested
// ones included, in config order.
func (s *NginxServer) AllLocations() []*NginxLocation {
	var out []*NginxLocation
	var walk func([]*NginxLocation)
	walk = func(ls []*NginxLocation) {
		for _, l := range ls {
			out = append(out, l)
			walk(l.Children)
		}
	}
	walk(s.Locations)
	return out
}

// Passes returns the locations (and ifs in locations) of the server that
// pass requests on, in config order.
func (s *NginxServer) Passes() []*NginxLocation {
	var out []*NginxLocation
	for _, l := range s.AllLocations() {
		if l.Pass != nil {
			out = append(out, l)
		}
	}
	return out
}

// NamesText describes the server's names for messages: "server_name _",
// "no server_name".
func (s *NginxServer) NamesText() string {
	if s.NameDir == nil {
		return "no server_name"
	}
	var names []string
	for _, n := range s.Names {
		if n.Kind == EmptyName {
			names = append(names, `""`)
		} else {
			names = append(names, n.Name)
		}
	}
	return "server_name " + strings.Join(names, " ")
}

// Where is the server's position for findings: its server_name line, else
// its server line.
func (s *NginxServer) Where() *nginx.Directive {
	if s.NameDir != nil {
		return s.NameDir
	}
	return s.Dir
}

func newNginxScope(cfg *nginx.Config) *NginxScope {
	sc := &NginxScope{
		Config:    cfg,
		Maps:      map[string]*NginxMap{},
		Sets:      map[string][]*nginx.Directive{},
		Upstreams: map[string]*nginx.Directive{},
	}
	walkNginx(cfg.Directives, func(d *nginx.Directive) bool {
		switch {
		case d.Name == "map" && len(d.Args) == 2:
			mp := newNginxMap(d)
			sc.Maps[strings.ToLower(mp.Target)] = mp
			return false
		case d.Name == "upstream" && len(d.Args) > 0:
			sc.Upstreams[d.Args[0]] = d
		case d.Name == "set" && len(d.Args) == 2:
			v := strings.ToLower(strings.TrimPrefix(d.Args[0], "$"))
			sc.Sets[v] = append(sc.Sets[v], d)
		}
		return !nginxDataBlock(d.Name)
	})
	return sc
}

func newNginxMap(d *nginx.Directive) *NginxMap {
	mp := &NginxMap{Dir: d, Source: d.Args[0], Target: strings.TrimPrefix(d.Args[1], "$")}
	for _, e := range d.Block {
		switch {
		case e.Name == "default" && len(e.Args) == 1:
			mp.Default, mp.DefaultAt = e.Args[0], e
		case len(e.Args) == 1 && e.Name != "include":
			mp.Entries = append(mp.Entries, e)
		}
	}
	return mp
}

// walkNginx visits directives depth first; visit returns whether to enter
// the directive's block.
func walkNginx(ds []*nginx.Directive, visit func(*nginx.Directive) bool) {
	for _, d := range ds {
		if visit(d) {
			walkNginx(d.Block, visit)
		}
	}
}

// nginxDataBlock tells whether a block holds data rather than directives.
func nginxDataBlock(name string) bool {
	switch name {
	case "map", "geo", "types", "split_clients", "charset_map", "match", "geoip2", "otel_exporter":
		return true
	}
	return false
}

// NginxHit is a directive found in the configuration, with the blocks
// around it.
type NginxHit struct {
	Dir     *nginx.Directive
	Parents []*nginx.Directive // enclosing blocks, outermost first
	Config  *nginx.Config
}

// Siblings returns the directives of the block the hit is in.
func (h NginxHit) Siblings() []*nginx.Directive {
	if len(h.Parents) == 0 {
		return h.Config.Directives
	}
	return h.Parents[len(h.Parents)-1].Block
}

// Inherited returns the nearest directive called name in the hit's block
// or the blocks around it, nil when there is none.
func (h NginxHit) Inherited(name string) *nginx.Directive {
	blocks := [][]*nginx.Directive{h.Config.Directives}
	for _, p := range h.Parents {
		blocks = append(blocks, p.Block)
	}
	for i := len(blocks) - 1; i >= 0; i-- {
		var last *nginx.Directive
		for _, d := range blocks[i] {
			if d.Name == name {
				last = d
			}
		}
		if last != nil {
			return last
		}
	}
	return nil
}

// Enclosing returns the innermost enclosing block called name, or nil.
func (h NginxHit) Enclosing(name string) *nginx.Directive {
	for i := len(h.Parents) - 1; i >= 0; i-- {
		if h.Parents[i].Name == name {
			return h.Parents[i]
		}
	}
	return nil
}

// Find returns every directive called name in the configuration (data
// blocks excluded), once per place: a file reached from several roots
// yields its directives once. (The directives of a modelled stock file
// share their include's place and are told apart by their arguments.)
func (m *NginxModel) Find(name string) []NginxHit {
	type key struct {
		pos  Pos
		args string
	}
	var out []NginxHit
	seen := map[key]bool{}
	// parents is one stack shared by the whole walk; a hit keeps a copy,
	// made once per block that holds hits.
	var parents, held []*nginx.Directive
	for _, sc := range m.Scopes {
		var walk func(ds []*nginx.Directive)
		walk = func(ds []*nginx.Directive) {
			held = nil
			for _, d := range ds {
				if d.Name == name {
					if k := (key{nginxPos(d), strings.Join(d.Args, " ")}); !seen[k] {
						seen[k] = true
						if held == nil && len(parents) > 0 {
							held = slices.Clone(parents)
						}
						out = append(out, NginxHit{Dir: d, Parents: held, Config: sc.Config})
					}
				}
				if d.HasBlock && !nginxDataBlock(d.Name) {
					parents = append(parents, d)
					walk(d.Block)
					parents = parents[:len(parents)-1]
					held = nil
				}
			}
		}
		walk(sc.Config.Directives)
	}
	return out
}

// nginxPos is the position of a directive for findings.
func nginxPos(d *nginx.Directive) Pos { return Pos{File: d.File, Span: d.Span} }
