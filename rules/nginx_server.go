package rules

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// serverListens reads a server's listen directives; a server without one
// listens on *:80.
func serverListens(server *nginx.Directive) []NginxListen {
	var out []NginxListen
	for _, d := range server.Block {
		if d.Name != "listen" || len(d.Args) == 0 {
			continue
		}
		l := NginxListen{Socket: listenSocket(d.Args[0]), Dir: d}
		for _, a := range d.Args[1:] {
			switch a {
			case "default_server", "default":
				l.Default = true
			case "ssl", "quic":
				l.SSL = true
			}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		out = append(out, NginxListen{Socket: "*:80"})
	}
	return out
}

// listenSocket normalises a listen address: "80" and "0.0.0.0:80" are
// "*:80", a bare address gets port 80.
func listenSocket(addr string) string {
	switch {
	case strings.HasPrefix(addr, "unix:"):
		return addr
	case isAllDigits(addr) || strings.HasPrefix(addr, "$") && !strings.Contains(addr, ":"):
		return "*:" + addr
	}
	host, port := splitHostPort(addr)
	if port == "" {
		port = "80"
	}
	if host == "0.0.0.0" || host == "" {
		host = "*"
	}
	return host + ":" + port
}

func isAllDigits(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil && !strings.HasPrefix(s, "-")
}

// serverNames reads the server_name directives; a server without one has
// the empty name.
func serverNames(server *nginx.Directive) ([]NginxName, *nginx.Directive) {
	var names []NginxName
	var first *nginx.Directive
	for _, d := range server.Block {
		if d.Name != "server_name" {
			continue
		}
		if first == nil {
			first = d
		}
		for _, a := range d.Args {
			names = append(names, NginxName{Name: a, Kind: nameKind(a)})
		}
	}
	if first == nil {
		names = []NginxName{{Kind: EmptyName}}
	}
	return names, first
}

func nameKind(n string) NameKind {
	switch {
	case n == "_":
		return UnderscoreName
	case n == "":
		return EmptyName
	case strings.HasPrefix(n, "~"):
		return RegexName
	case strings.Contains(n, "*") || strings.HasPrefix(n, "."):
		return WildcardName
	}
	return ExactName
}

// rejecting finds how a server refuses every request: at server level, or
// in each of its locations. nil when some request gets through.
func (s *NginxServer) rejecting() *nginx.Directive {
	if d := rejectingDirective(s.Dir.Block); d != nil {
		return d
	}
	var first *nginx.Directive
	for _, l := range s.Locations {
		d := rejectingDirective(l.Dir.Block)
		if d == nil || l.Pass != nil {
			return nil
		}
		if first == nil {
			first = d
		}
	}
	return first
}

// rejectingDirective finds an unconditional refusal among a block's own
// directives: ssl_reject_handshake on, return 4xx, or deny all with no
// allow.
func rejectingDirective(block []*nginx.Directive) *nginx.Directive {
	var deny *nginx.Directive
	for _, d := range block {
		switch {
		case d.Name == "ssl_reject_handshake" && len(d.Args) == 1 && d.Args[0] == "on":
			return d
		case d.Name == "return" && len(d.Args) > 0 && isClientErrorCode(d.Args[0]):
			return d
		case d.Name == "allow":
			return nil
		case d.Name == "deny" && len(d.Args) == 1 && d.Args[0] == "all":
			deny = d
		}
	}
	return deny
}

// isClientErrorCode tells whether a return code refuses the request (444,
// 400, 421, 403, 404, ...).
func isClientErrorCode(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 400 && n <= 499
}

// hostCheck finds an if among a block's directives that refuses or
// redirects requests whose host name is not an allowed one: an if on a
// variable mapped from $host or $http_host, or a negated comparison of
// $host or $http_host itself.
func hostCheck(sc *NginxScope, block []*nginx.Directive) *nginx.Directive {
	for _, d := range block {
		if d.Name == "if" && len(d.Args) > 0 && ifRefuses(d.Block) && testsHost(sc, d.Args) {
			return d
		}
	}
	return nil
}

func testsHost(sc *NginxScope, cond []string) bool {
	v := strings.ToLower(strings.TrimPrefix(cond[0], "!"))
	v = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(v, "$"), "{"), "}")
	if v == "host" || v == "http_host" {
		return len(cond) == 3 && (cond[1] == "!=" || cond[1] == "!~" || cond[1] == "!~*")
	}
	if mp := sc.Maps[v]; mp != nil {
		return usesClientHost(mp.Source)
	}
	return false
}

// ifRefuses tells whether an if block ends the request without passing it
// on: a 4xx return, or a redirect to a fixed host.
func ifRefuses(block []*nginx.Directive) bool {
	for _, d := range block {
		if d.Name != "return" || len(d.Args) == 0 {
			continue
		}
		if isClientErrorCode(d.Args[0]) || !usesClientHost(strings.Join(d.Args, " ")) {
			return true
		}
	}
	return false
}

// hostRedirect finds a return or rewrite of the server that redirects to
// the host name the client sent.
func (s *NginxServer) hostRedirect() *nginx.Directive {
	var found *nginx.Directive
	walkNginx(s.Dir.Block, func(d *nginx.Directive) bool {
		if found == nil && isRedirect(d) && usesClientHost(strings.Join(d.Args, " ")) {
			found = d
		}
		return found == nil && !nginxDataBlock(d.Name)
	})
	return found
}

func isRedirect(d *nginx.Directive) bool {
	switch {
	case d.Name == "return" && len(d.Args) == 2:
		code, _ := strconv.Atoi(d.Args[0])
		return code >= 301 && code <= 308
	case d.Name == "return" && len(d.Args) == 1:
		return strings.HasPrefix(d.Args[0], "http://") || strings.HasPrefix(d.Args[0], "https://")
	case d.Name == "rewrite" && len(d.Args) >= 2:
		flag := ""
		if len(d.Args) > 2 {
			flag = d.Args[2]
		}
		return flag == "redirect" || flag == "permanent" || strings.Contains(d.Args[1], "://")
	}
	return false
}

// assignDefaultServers finds, for each listen socket of each root, the
// server that gets requests for unknown names: the one marked
// default_server, else the first. Root files side by side in one directory
// (sites-enabled/, conf.d/) are usually loaded together, so a default_server
// in one of them also takes the socket from the first server of the others.
func assignDefaultServers(servers []*NginxServer) {
	type key struct {
		scope  *NginxScope
		socket string
	}
	first, explicit := map[key]*NginxServer{}, map[key]*NginxServer{}
	dirExplicit := map[[2]string]bool{}
	for _, s := range servers {
		for _, l := range s.Listens {
			k := key{s.Scope, l.Socket}
			if first[k] == nil {
				first[k] = s
			}
			if l.Default && explicit[k] == nil {
				explicit[k] = s
				dirExplicit[[2]string{path.Dir(s.Scope.Config.Root), l.Socket}] = true
			}
		}
	}
	for _, s := range servers {
		for _, l := range s.Listens {
			k := key{s.Scope, l.Socket}
			ex := explicit[k]
			implicit := ex == nil && first[k] == s && !dirExplicit[[2]string{path.Dir(s.Scope.Config.Root), l.Socket}]
			if (ex == s || implicit) && !containsString(s.DefaultFor, l.Socket) {
				s.DefaultFor = append(s.DefaultFor, l.Socket)
			}
		}
		sort.Strings(s.DefaultFor)
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
