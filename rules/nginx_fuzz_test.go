package rules

import (
	"testing"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// FuzzNginxRules checks that no nginx input makes the model or a rule
// panic or hang: the input is loaded as a site file, included from a
// complete configuration, and every rule runs on the result.
func FuzzNginxRules(f *testing.F) {
	for _, seed := range []string{
		"server { listen 80 default_server; server_name _; location / { proxy_pass http://$host; } }",
		"location ~ ^/(?<a>[^/]+)$ { add_header X $a; return 302 https://x$uri; rewrite ^(.*)$ $1 redirect; }",
		"map $http_origin $o { default $http_origin; ~^(?<t>.+)$ $t; } server { add_header " +
			"Access-Control-Allow-Origin $o; }",
		"set_real_ip_from 0.0.0.0/0; underscores_in_headers on; server { location /s { alias /a/; autoindex on; " +
			"deny all; return 200; } }",
		"server { proxy_set_header Host $host; location / { proxy_set_header Upgrade $http_upgrade; proxy_pass " +
			"http://a; } }",
		"server { add_header Strict-Transport-Security x; location / { if ($a) { add_header X y; } } }",
		"location ~ ([ { proxy_pass http://$1; }", "if ($x ~ (?<n>\\n)) { set $y $n; proxy_pass http://$y; }",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := nginxFS(
			map[string]string{"site.conf": src, "nginx.conf": "http {\n" + src + "\ninclude site.conf;\n}\n"},
		)
		project := &Project{
			Nginx: nginx.Load(nginx.Options{FS: fsys, Roots: []string{"."}}, []string{"nginx.conf", "site.conf"}),
		}
		for _, r := range All {
			if err := r.Check(NewPass(r, project, func(Finding) {})); err != nil {
				t.Fatalf("%s: %v", r.ID, err)
			}
		}
	})
}
