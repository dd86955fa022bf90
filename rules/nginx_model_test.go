package rules

import (
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/nginx"
)

func buildModel(t *testing.T, files map[string]string) *NginxModel {
	t.Helper()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	set := nginx.Load(nginx.Options{FS: nginxFS(files), Roots: []string{"."}}, names)
	for _, p := range set.Problems {
		t.Logf("problem: %s:%d %s", p.File, p.Span.StartLine, p.Message)
	}
	return buildNginxModel(set)
}

func TestNginxDefaultServers(t *testing.T) {
	m := buildModel(t, map[string]string{"a.conf": `
server { listen 80; server_name first.test; }
server { listen 0.0.0.0:80; listen [::]:80 default_server; server_name _; }
server { server_name implicit.test; }
server { listen 127.0.0.1:8080 default; listen unix:/run/n.sock; }
server { listen 8443 ssl; listen ${PORT}; }
`})
	want := []string{"*:80", "[::]:80", "", "127.0.0.1:8080 unix:/run/n.sock", "*:${PORT} *:8443"}
	for i, s := range m.Servers {
		if got := strings.Join(s.DefaultFor, " "); got != want[i] {
			t.Errorf("server %d (line %d) default for %q, want %q", i, s.Dir.Line(), got, want[i])
		}
	}
	if !m.Servers[1].CatchAllName() || m.Servers[0].CatchAllName() || !m.Servers[3].CatchAllName() {
		t.Error("catch-all names misjudged")
	}
}

func TestNginxDefaultServerFromSiblingRoot(t *testing.T) {
	m := buildModel(t, map[string]string{
		"sites/00-default.conf": "server { listen 80 default_server; return 444; }\n",
		"sites/app.conf":        "server { server_name _; location / { proxy_pass http://app; } }\n",
		"other/app.conf":        "server { server_name _; location / { proxy_pass http://app; } }\n",
	})
	got := map[string]bool{}
	for _, s := range m.Servers {
		got[s.Dir.File] = s.AcceptsAnyHost()
	}
	if got["sites/00-default.conf"] || got["sites/app.conf"] || !got["other/app.conf"] {
		t.Errorf("accepts any host = %v, want only other/app.conf", got)
	}
}

func TestNginxEffectiveHeaders(t *testing.T) {
	m := buildModel(t, map[string]string{"nginx.conf": `
http {
    proxy_set_header X-From http;
    server {
        listen 80;
        location /inherit/ { proxy_pass http://a; }
        location /own/ {
            proxy_pass http://a;
            proxy_set_header X-From location;
            location /own/nested/ { proxy_pass http://b; }
            if ($request_method = POST) { add_header X-If 1; }
            if ($request_method = OPTIONS) { return 204; }
        }
    }
    server {
        listen 81;
        proxy_set_header X-From server;
        location / { uwsgi_pass unix:///run/u.sock; }
    }
}
`})
	want := map[string]string{
		"location /inherit/":              "http proxy_set_header X-From http",
		"location /own/":                  "location proxy_set_header X-From location",
		"location /own/nested/":           "location proxy_set_header X-From location",
		"if ($request_method = POST)":     "location proxy_set_header X-From location",
		"if ($request_method = OPTIONS)":  "location proxy_set_header X-From location",
		"location / (uwsgi, /run/u.sock)": "server proxy_set_header X-From server",
	}
	for _, l := range m.Locations {
		eff := l.Effective("proxy_set_header")
		got := ""
		if eff.From != nil {
			got = eff.From.Name + " " + eff.Dirs[0].Name + " " + strings.Join(eff.Dirs[0].Args, " ")
		}
		key := l.Describe()
		if l.Pass != nil && l.Pass.IsUnix() {
			key += " (" + l.Pass.Module + ", " + l.Pass.Unix + ")"
		}
		if got != want[key] {
			t.Errorf("%s: effective %q, want %q", key, got, want[key])
		}
	}
	if add := m.Locations[3].Effective("add_header"); len(add.Dirs) != 1 || add.From.Name != "if" {
		t.Errorf("if-level add_header not its own level: %+v", add)
	}
	if m.Locations[4].Pass != nil || m.Locations[3].Pass == nil {
		t.Error("an if inherits its location's pass unless it returns")
	}
	if d := m.Locations[1].SetsHeader("x-from"); d == nil || d.Args[1] != "location" {
		t.Errorf("SetsHeader(x-from) = %v", d)
	}
	if d := m.Locations[5].SetsHeader("X-From"); d != nil {
		t.Errorf("uwsgi location sets %v, want nothing", d)
	}
	if hops := m.ProxyHops(); hops != 1 {
		t.Errorf("ProxyHops = %d, want 1", hops)
	}
}

func TestNginxPassTargets(t *testing.T) {
	m := buildModel(t, map[string]string{"p.conf": `
upstream backend { server 127.0.0.1:8000; }
server {
    location /a { proxy_pass http://unix:/run/app.sock:/prefix/; }
    location /b { proxy_pass http://backend/; }
    location /c { proxy_pass http://[::1]:8000; }
    location /d { fastcgi_pass 127.0.0.1:9000; }
    location /e { proxy_pass http://$FLASK_SERVER_ADDR; }
}
`})
	want := []string{
		"proxy unix=/run/app.sock",
		"proxy backend: upstream",
		"proxy [::1]:8000",
		"fastcgi 127.0.0.1:9000",
		"proxy $FLASK_SERVER_ADDR:",
	}
	for i, l := range m.Locations {
		p := l.Pass
		got := p.Module + " " + p.Host + ":" + p.Port
		switch {
		case p.IsUnix():
			got = p.Module + " unix=" + p.Unix
		case p.Upstream != nil:
			got += " upstream"
		}
		if got != want[i] {
			t.Errorf("%s: %q, want %q", l.Describe(), got, want[i])
		}
	}
}

func TestNginxRejectsAndHostChecks(t *testing.T) {
	m := buildModel(t, map[string]string{"r.conf": `
map $http_host $ok { default 0; app.test 1; }
server { listen 1 default_server; return 444; }
server { listen 2 default_server; ssl_reject_handshake on; }
server { listen 3 default_server; location / { return 421; } location /x { deny all; } }
server { listen 4 default_server; location / { return 421; } location /x { proxy_pass http://a; } }
server { listen 5 default_server; if ($ok = 0) { return 444; } location / { proxy_pass http://a; } }
server { listen 6 default_server; if ($host ~ evil) { return 444; } location / { proxy_pass http://a; } }
server { listen 7 default_server; if ($host != app.test) { return 301 https://$host; } }
server { listen 8 default_server; location / { return 301 https://$http_host$request_uri; } }
`})
	wantRejects := []bool{true, true, true, false, false, false, false, false}
	wantCheck := []bool{false, false, false, false, true, false, false, false}
	for i, s := range m.Servers {
		if (s.Rejects != nil) != wantRejects[i] || (s.HostCheck != nil) != wantCheck[i] {
			t.Errorf("server on %v: rejects %v host check %v", s.DefaultFor, s.Rejects != nil, s.HostCheck != nil)
		}
	}
	if m.Servers[7].Redirect == nil || m.Servers[6].Redirect == nil {
		t.Error("redirects with the client's host not found")
	}
}

func TestNginxVars(t *testing.T) {
	tests := map[string]string{
		"$http_host:8443":        "http_host",
		"prefix-${http_host}":    "http_host",
		"$hostname":              "hostname",
		"$HTTP_X_REAL_IP":        "http_x_real_ip",
		"${broken":               "",
		"$":                      "",
		"$scheme://$host$uri":    "scheme host uri",
		"price: 5$ and $arg_id.": "arg_id",
	}
	for in, want := range tests {
		if got := strings.Join(nginxVars(in), " "); got != want {
			t.Errorf("nginxVars(%q) = %q, want %q", in, got, want)
		}
	}
	if usesClientHost("$hostname") || !usesClientHost("https://$host$request_uri") {
		t.Error("usesClientHost confuses $hostname and $host")
	}
}
