package rules

import (
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/nginx"
)

func TestNginxHidden(t *testing.T) {
	m := buildModel(t, map[string]string{"nginx.conf": `
http {
    add_header X-Frame-Options DENY;
    server {
        listen 80;
        add_header X-Server 1;
        location / { add_header X-Loc 1; proxy_pass http://a; }
        location /inherit/ { proxy_pass http://a; }
    }
}
`})
	s := m.Servers[0]
	if h := s.Hidden("add_header"); len(h.Dirs) != 1 || h.From.Name != "http" {
		t.Errorf("server hides %+v, want the http block's X-Frame-Options", h)
	}
	if h := s.Locations[0].Hidden("add_header"); len(h.Dirs) != 1 || h.Dirs[0].Args[0] != "X-Server" {
		t.Errorf("location / hides %+v, want the server's X-Server", h)
	}
	if h := s.Locations[1].Hidden("add_header"); len(h.Dirs) != 0 {
		t.Errorf("a location without add_header hides %+v", h)
	}
}

func TestNginxFindAndHits(t *testing.T) {
	m := buildModel(t, map[string]string{
		"a.conf":       "server { listen 1; include shared.conf; }\n",
		"b.conf":       "server { listen 2; include shared.conf; }\n",
		"shared.conf":  "location / { root /srv; autoindex on; }\n",
		"stream.conf":  "stream { server { listen 3; set_real_ip_from 0.0.0.0/0; } }\n",
		"map-key.conf": "map $a $b { autoindex on; }\n",
	})
	hits := m.Find("autoindex")
	if len(hits) != 1 {
		t.Fatalf("autoindex found %d times, want once (a file included twice, a map key)", len(hits))
	}
	h := hits[0]
	if h.Enclosing("server") == nil || h.Enclosing("location") == nil || h.Enclosing("http") != nil {
		t.Errorf("parents of the hit: %v", h.Parents)
	}
	if root := h.Inherited("root"); root == nil || root.Args[0] != "/srv" {
		t.Errorf("Inherited(root) = %v", root)
	}
	if s := m.Find("set_real_ip_from"); len(s) != 1 || s[0].Enclosing("stream") == nil {
		t.Errorf("stream hit not found in stream: %+v", s)
	}
}

func TestNginxRegexCaptures(t *testing.T) {
	tests := []struct {
		re, capture string
		lineFeed    bool
	}{
		{`^/files/([^/]+)$`, "1", true},
		{`^/files/(.+)$`, "1", false},
		{`^/a/(\S+)/(\s*)$`, "1", false},
		{`^/a/(\S+)/(\s*)$`, "2", true},
		{`^/v1/(?<action>[^.]*)\.json$`, "action", true},
		{`(?s)^/(.*)$`, "1", true},
		{`^/x/([^/\r\n]+)$`, "1", false},
		{`^/x/([a-z\n]+)$`, "1", true},
	}
	for _, tt := range tests {
		r := parseNginxRegex(&nginx.Directive{Name: "location"}, tt.re)
		g := r.capture(tt.capture)
		if g == nil {
			t.Errorf("%s: no capture %s", tt.re, tt.capture)
			continue
		}
		if got := matchesLineFeed(g); got != tt.lineFeed {
			t.Errorf("%s capture %s: line feed %v, want %v", tt.re, tt.capture, got, tt.lineFeed)
		}
	}
	// PCRE-only syntax leaves the captures unknown instead of failing.
	if r := parseNginxRegex(&nginx.Directive{}, `^/(?'name'x)$`); r.capture("1") != nil {
		t.Error("unparsable expression has captures")
	}
	// Go reads [^/] like PCRE: the class holds the line feed.
	re, _ := syntax.Parse(`[^/]`, syntax.Perl)
	if !matchesLineFeed(re) {
		t.Error("[^/] should match a line feed")
	}
}

func TestRegexOf(t *testing.T) {
	tests := map[string]string{
		"location ~ ^/a/(.+)$":     "^/a/(.+)$",
		"location ~* \\.php$":      "\\.php$",
		"location ~^/b":            "^/b",
		"location /plain":          "",
		"location = /exact":        "",
		"if $http_origin ~* ^x$":   "^x$",
		"if $request_method = GET": "",
		"if $uri !~ ^/a":           "",
		"rewrite ^/(.*)$ /b/$1":    "^/(.*)$",
	}
	for in, want := range tests {
		f := strings.Fields(in)
		r := regexOf(&nginx.Directive{Name: f[0], Args: f[1:]})
		got := ""
		if r != nil {
			got = r.Text
		}
		if got != want {
			t.Errorf("regexOf(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestPassAuthority(t *testing.T) {
	tests := map[string]string{
		"http://$arg_host":                   "$arg_host",
		"http://$http_x_backend:8080/":       "$http_x_backend:8080",
		"http://app$request_uri":             "app",
		"http://127.0.0.1:8000/files/$1":     "127.0.0.1:8000",
		"$scheme://$host$request_uri":        "$host",
		"http://unix:/run/app.sock:/$1":      "",
		"127.0.0.1:9000":                     "127.0.0.1:9000",
		"http://${upstream}?x=$arg_y":        "${upstream}",
		"http://$FLASK_SERVER_ADDR/$request": "$FLASK_SERVER_ADDR",
	}
	for in, want := range tests {
		if got := passAuthority(in); got != want {
			t.Errorf("passAuthority(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTemplatePlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"FLASK_SERVER_ADDR": true, "APP_ROOT": true, "PORT1": true,
		"host": false, "Host": false, "http_x_forwarded_for": false, "1": false,
	} {
		if got := isTemplatePlaceholder(v); got != want {
			t.Errorf("isTemplatePlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestUpgradeForwardedWebsocketApp: a Flask app that serves websockets
// (Flask-Sock here) may have them anywhere under location /, so the upgrade
// headers there are expected.
func TestUpgradeForwardedWebsocketApp(t *testing.T) {
	conf := "server { listen 80; server_name a.test; location / { proxy_pass http://127.0.0.1:8000;" +
		" proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } }\n"
	for _, tt := range []struct {
		py   string
		want int
	}{
		{"from flask import Flask\napp = Flask(__name__)\n", 1},
		{"from flask import Flask\nfrom flask_sock import Sock\napp = Flask(__name__)\nsock = Sock(app)\n", 0},
		{"import flask_socketio\n", 0},
	} {
		project := &Project{
			Python: parsePython(t, map[string]string{"app.py": tt.py}),
			Nginx:  nginx.Load(nginx.Options{FS: nginxFS(map[string]string{"s.conf": conf})}, []string{"s.conf"}),
		}
		got := 0
		if err := UpgradeForwarded.Check(NewPass(UpgradeForwarded, project, func(Finding) { got++ })); err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%q: %d findings, want %d", tt.py, got, tt.want)
		}
	}
}
