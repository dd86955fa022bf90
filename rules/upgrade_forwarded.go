package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// UpgradeForwarded reports the websocket upgrade headers forwarded to
// locations that are not websocket endpoints.
var UpgradeForwarded = &Rule{
	ID:        "FL605",
	Name:      "upgrade-forwarded",
	Title:     "nginx forwards connection upgrades to a location that is not a websocket endpoint",
	Severity:  Low,
	Precision: MediumPrec,
	Tags:      []string{"security", "nginx", "proxy"},
	Needles:   WebsocketFiles,
	Doc: Doc{
		Why: "`proxy_set_header Upgrade $http_upgrade` with `Connection \"upgrade\"` hands the " +
			"client's upgrade request to the app. A Flask app served by a WSGI server has no use " +
			"for it outside its websocket routes, and everywhere else it only widens what a " +
			"client can do: when the backend (or a misbehaving one) answers `101`, nginx stops " +
			"reading requests and tunnels raw bytes, so later requests on that connection " +
			"bypass nginx's locations, access rules and header rewrites (h2c and websocket " +
			"smuggling). The lines are often pasted into `location /` from a websocket " +
			"tutorial.",
		Fix: "Forward the upgrade only where the app speaks websocket:\n\n" +
			"```nginx\nlocation / {\n    proxy_pass http://app;\n}\n" +
			"location /socket.io/ {\n    proxy_pass http://app;\n    proxy_http_version 1.1;\n" +
			"    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection \"upgrade\";\n}\n```",
		Limitations: "A location counts as a websocket endpoint when its path or the upstream " +
			"name mentions ws, websocket, socket (socket.io), sockjs, cable or realtime, or when " +
			"the scanned Python code uses a websocket library (Flask-SocketIO, Flask-Sock, " +
			"simple-websocket, gevent-websocket), whose routes may sit anywhere under the " +
			"location. An app that serves websockets through another library is reported.",
	},
	Check: checkUpgradeForwarded,
}

// websocketModules are Python modules that serve websockets from a Flask
// app.
var websocketModules = []string{
	"flask_socketio", "flask_sock", "simple_websocket", "geventwebsocket", "flask_sockets",
}

func checkUpgradeForwarded(p *Pass) error {
	if usesWebsocketLibrary(p.Project) {
		return nil
	}
	seen := map[Pos]bool{}
	for _, l := range p.Project.NginxModel().Proxying() {
		if l.Pass.Module != "proxy" || websocketLocation(l) {
			continue
		}
		eff := l.Effective("proxy_set_header")
		up := forwardedUpgrade(eff.Dirs)
		if up == nil || seen[nginxPos(up)] {
			continue
		}
		seen[nginxPos(up)] = true
		msg := fmt.Sprintf(
			"proxy_set_header Upgrade %s hands the client's connection upgrade to %s in %s, which does not look like "+
				"a websocket endpoint: an upgraded connection is tunnelled past nginx's checks; forward Upgrade "+
				"only in the websocket location",
			up.Args[1],
			l.Pass.Target,
			l.Describe(),
		)
		p.Report(Finding{Pos: nginxPos(up), Message: msg, Related: headerRelated(l, eff, up)})
	}
	return nil
}

// forwardedUpgrade finds proxy_set_header Upgrade $http_upgrade.
func forwardedUpgrade(ds []*nginx.Directive) *nginx.Directive {
	for _, d := range ds {
		if len(d.Args) >= 2 && strings.EqualFold(d.Args[0], "Upgrade") &&
			containsString(nginxVars(d.Args[1]), "http_upgrade") {
			return d
		}
	}
	return nil
}

// websocketLocation tells whether a location's path, or an enclosing one,
// or the name of the upstream it proxies to, suggests websockets.
func websocketLocation(l *NginxLocation) bool {
	names := []string{l.Pass.Host}
	for at := l; at != nil; at = at.Parent {
		if !at.IsIf {
			names = append(names, strings.Join(at.Dir.Args, " "))
		}
	}
	for _, n := range names {
		if websocketWords(n) {
			return true
		}
	}
	return false
}

func websocketWords(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for _, w := range words {
		switch {
		case w == "ws" || w == "wss" || w == "sockjs" || w == "cable":
			return true
		case strings.Contains(w, "socket") || strings.Contains(w, "realtime"):
			return true
		}
	}
	return false
}

// usesWebsocketLibrary tells whether the scanned Python code imports a
// websocket library for Flask.
func usesWebsocketLibrary(p *Project) bool {
	for _, f := range p.Python {
		for _, mod := range f.Imports() {
			for _, ws := range websocketModules {
				if mod == ws || strings.HasPrefix(mod, ws+".") {
					return true
				}
			}
		}
	}
	return false
}
