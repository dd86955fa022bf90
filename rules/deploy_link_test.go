package rules

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/dockerfile"
	"github.com/flasklint/flasklint/parsers/nginx"
	"github.com/flasklint/flasklint/parsers/unit"
)

// linkProject builds a project from files sorted by kind: *.conf under an
// nginx directory is nginx, *.service and supervisor/*.conf are units,
// compose*.yaml is compose, Dockerfile is a Dockerfile, *.py is Python.
func linkProject(t *testing.T, files map[string]string) *Project {
	t.Helper()
	fsys := fstest.MapFS{}
	var ngx []string
	py := map[string]string{}
	p := &Project{}
	for name, src := range files {
		switch {
		case strings.HasSuffix(name, ".py"):
			py[name] = src
		case strings.Contains(name, "nginx/"):
			fsys[name] = &fstest.MapFile{Data: []byte(src)}
			ngx = append(ngx, name)
		case strings.HasSuffix(name, ".service") || strings.Contains(name, "supervisor/"):
			p.Units = append(p.Units, unit.Parse(name, []byte(src)))
		case strings.Contains(name, "compose"):
			p.Compose = append(p.Compose, compose.Parse(name, []byte(src)))
		case strings.HasSuffix(name, "Dockerfile"):
			p.Dockerfiles = append(p.Dockerfiles, dockerfile.Parse(name, []byte(src)))
		default:
			t.Fatalf("no kind for %s", name)
		}
	}
	sort.Strings(ngx)
	p.Nginx = nginx.Load(nginx.Options{FS: fsys, Roots: []string{"."}}, ngx)
	p.Python = parsePython(t, py)
	return p
}

// linkLines describes each link as "file:line state apps".
func linkLines(d *DeployLink) []string {
	names := map[LinkState]string{LinkUnknown: "unknown", LinkAddress: "address", LinkOpaque: "opaque",
		LinkNotApp: "not-app"}
	var out []string
	for _, l := range d.Links {
		out = append(out, l.Loc.Dir.File+":"+itoa(l.Loc.Dir.Line())+" "+names[l.State]+" "+
			strings.Join(l.AppFiles, ","))
	}
	return out
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func wantLinks(t *testing.T, d *DeployLink, want ...string) {
	t.Helper()
	got := linkLines(d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n got %s\nwant %s\nmodel:\n%s", strings.Join(got, "\n     "),
			strings.Join(want, "\n     "), d.Describe())
	}
}

const flaskApp = "from flask import Flask\napp = Flask(__name__)\n"

func TestDeployLinkLoopbackAndSockets(t *testing.T) {
	p := linkProject(t, map[string]string{
		"deploy/nginx/site.conf": `server {
    listen 80;
    server_name a.test;
    location / { proxy_pass http://localhost:8000; }
    location /b/ { proxy_pass http://unix:/run/b/app.sock:/b/; }
    location /other/ { proxy_pass http://127.0.0.1:8001; }
    location /v/ { proxy_pass http://$backend; }
}`,
		"deploy/supervisor/a.conf": "[program:a]\ncommand=/venv/bin/gunicorn -b localhost:8000 a:app\n",
		"deploy/b.service":         "[Service]\nExecStart=/venv/bin/gunicorn --bind unix:app.sock b:app\n",
		"a.py":                     flaskApp,
		"b.py":                     flaskApp,
	})
	wantLinks(t, p.DeployLink(),
		"deploy/nginx/site.conf:4 address a.py",
		"deploy/nginx/site.conf:5 address b.py",
		"deploy/nginx/site.conf:6 not-app ",
		"deploy/nginx/site.conf:7 opaque ", // both apps are linked by address: none by place
	)
	if hops, _, resolved := p.DeployLink().Hops("a.py"); hops != 1 || !resolved {
		t.Errorf("hops of a.py = %d resolved %v, want 1 true", hops, resolved)
	}
	if _, ok := p.DeployLink().Direct("a.py"); ok {
		t.Error("a.py binds loopback: not reachable directly")
	}
}

func TestDeployLinkComposeHops(t *testing.T) {
	p := linkProject(t, map[string]string{
		"compose.yaml": `services:
  edge:
    image: nginx
    ports: ["80:80"]
  inner:
    build: ./inner
  web:
    build: ./web
    command: gunicorn -b 0.0.0.0:5000 app:app
    ports: ["5000:5000"]
  go:
    build: ./go
`,
		"inner/Dockerfile":      "FROM nginx\n",
		"go/Dockerfile":         "FROM golang\nCMD [\"/server\"]\n",
		"web/Dockerfile":        "FROM python\n",
		"edge/nginx/edge.conf":  "server { listen 80; location / { proxy_pass http://inner; } }\n",
		"inner/nginx/app.conf":  "upstream u { server web:5000; }\nserver { listen 80; location / { proxy_pass http://u; } }\n",
		"inner/nginx/go.conf":   "server { listen 81; location / { proxy_pass http://go:8080; } }\n",
		"inner/nginx/port.conf": "server { listen 82; location / { proxy_pass http://web:6000; } }\n",
		"web/app.py":            flaskApp,
	})
	d := p.DeployLink()
	wantLinks(t, d,
		"edge/nginx/edge.conf:1 address web/app.py",
		"inner/nginx/app.conf:2 address web/app.py",
		"inner/nginx/go.conf:1 not-app ",
		"inner/nginx/port.conf:1 not-app ",
	)
	hops, outer, resolved := d.Hops("web/app.py")
	if hops != 2 || !resolved || outer.Loc.Dir.File != "edge/nginx/edge.conf" {
		t.Errorf("hops = %d resolved %v, want 2 through edge/nginx/edge.conf", hops, resolved)
	}
	dp, ok := d.Direct("web/app.py")
	if !ok || dp.Open.Pos.File != "compose.yaml" || dp.Open.Pos.StartLine != 10 {
		t.Errorf("direct = %+v %v, want the ports line compose.yaml:10", dp.Open, ok)
	}
}
