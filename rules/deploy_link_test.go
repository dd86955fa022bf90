package rules

import (
	"fmt"
	"slices"
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
	// In path order, as the runner gives them.
	slices.SortFunc(p.Compose, func(a, b *compose.File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(p.Units, func(a, b *unit.File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(p.Dockerfiles, func(a, b *dockerfile.File) int { return strings.Compare(a.Path, b.Path) })
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
		"inner/Dockerfile":     "FROM nginx\n",
		"go/Dockerfile":        "FROM golang\nCMD [\"/server\"]\n",
		"web/Dockerfile":       "FROM python\n",
		"edge/nginx/edge.conf": "server { listen 80; location / { proxy_pass http://inner; } }\n",
		"inner/nginx/app.conf": "upstream u { server web:5000; }\nserver { listen 80; location / { proxy_pass " +
			"http://u; } }\n",
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

func TestDeployLinkNginxChainOnHost(t *testing.T) {
	p := linkProject(t, map[string]string{
		"nginx/front.conf": "server { listen 443 ssl; location / { proxy_pass http://127.0.0.1:8080; } }\n",
		"nginx/back.conf":  "server { listen 127.0.0.1:8080; location / { proxy_pass http://127.0.0.1:8000; } }\n",
		"app.service":      "[Service]\nExecStart=/venv/bin/gunicorn -b 0.0.0.0:8000 wsgi:app\n",
		"wsgi.py":          flaskApp,
	})
	d := p.DeployLink()
	wantLinks(t, d, "nginx/back.conf:1 address wsgi.py", "nginx/front.conf:1 address wsgi.py")
	if hops, _, _ := d.Hops("wsgi.py"); hops != 2 {
		t.Errorf("hops = %d, want 2 (front -> back -> app)", hops)
	}
	dp, ok := d.Direct("wsgi.py")
	if !ok || dp.Open.Pos.File != "app.service" {
		t.Errorf("direct = %+v %v, want the gunicorn bind on all interfaces in app.service", dp.Open, ok)
	}
}

func TestPassTargetsAndBinds(t *testing.T) {
	for _, tt := range []struct{ in, host, port, unix string }{
		{":5000", "", "5000", ""},
		{"localhost:8000", "localhost", "8000", ""},
		{"[::1]:8000", "::1", "8000", ""},
		{"unix:app.sock", "", "", "app.sock"},
		{"/run/uwsgi.sock", "", "", "/run/uwsgi.sock"},
		{"8000", "127.0.0.1", "8000", ""},
		{"0.0.0.0:$PORT", "0.0.0.0", "$PORT", ""},
	} {
		a := parseBind(tt.in)
		if a.host != tt.host || a.port != tt.port || a.unix != tt.unix {
			t.Errorf("parseBind(%q) = %q %q %q, want %q %q %q", tt.in, a.host, a.port, a.unix,
				tt.host, tt.port, tt.unix)
		}
	}
	b := &AppBind{Pos: lineAt("x.service", 1), Host: "127.0.0.1", Port: "8000"}
	for _, tt := range []struct {
		t    passTarget
		want bool
	}{
		{passTarget{Host: "localhost", Port: "8000"}, true},
		{passTarget{Host: "[::1]", Port: "8000"}, true},
		{passTarget{Host: "127.0.0.1", Port: "8001"}, false},
		{passTarget{Host: "10.0.0.5", Port: "8000"}, false},
		{passTarget{Unix: "/run/app.sock"}, false},
	} {
		if got := b.matches(tt.t, "site.conf", true, func(*compose.File) bool { return false }); got != tt.want {
			t.Errorf("matches(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestDeployLinkHostNginxToPublishedPort(t *testing.T) {
	p := linkProject(t, map[string]string{
		"compose.yaml": `services:
  web:
    build: .
    command: gunicorn -b 0.0.0.0:5000 app:app
    ports: ["127.0.0.1:8080:5000"]
`,
		"Dockerfile": "FROM python\n",
		"nginx/site.conf": "server { listen 80; location / { proxy_pass http://127.0.0.1:8080; } location /x { " +
			"proxy_pass http://127.0.0.1:5000; } }\n",
		"app.py": flaskApp,
	})
	d := p.DeployLink()
	wantLinks(t, d, "nginx/site.conf:1 address app.py", "nginx/site.conf:1 unknown ")
	if _, ok := d.Direct("app.py"); ok {
		t.Error("published on loopback only: not reachable directly")
	}
}

func TestDeployLinkServiceWithoutReadableBind(t *testing.T) {
	p := linkProject(t, map[string]string{
		"compose.yaml": `services:
  api:
    build: ./api
    command: python server.py
  proxy:
    image: nginx
`,
		"api/Dockerfile": "FROM python\n",
		"api/server.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n" +
			"app.run(host=os.environ['HOST'], port=9090)\n",
		"nginx/site.conf": "server { listen 80; location / { proxy_pass http://api:9090; } }\n",
	})
	wantLinks(t, p.DeployLink(), "nginx/site.conf:1 address api/server.py")
}

// TestDeployLinkProxyCircle: nginx locations that forward to their own
// compose service form a circle; the link ends each path where it meets
// itself, in time linear in the links.
func TestDeployLinkProxyCircle(t *testing.T) {
	files := map[string]string{
		"compose.yaml":     "services:\n  proxy:\n    build: ./proxy\n",
		"proxy/Dockerfile": "FROM nginx\n",
		"app.py":           flaskApp,
	}
	for i := 0; i < 40; i++ {
		files["proxy/nginx/s"+itoa(i+1)+".conf"] = "server { listen 80; location / { proxy_pass http://proxy; } }\n"
	}
	p := linkProject(t, files)
	d := p.DeployLink()
	if len(d.Links) != 40 {
		t.Fatalf("%d links, want 40", len(d.Links))
	}
	for _, l := range d.Links {
		if l.State == LinkAddress || len(l.Next) != 39 {
			t.Fatalf("%s: state %d with %d next, want no address link and 39 next", l.Loc.Dir.File, l.State,
				len(l.Next))
		}
	}
	if hops, _, _ := d.Hops("app.py"); hops != 0 {
		t.Errorf("hops = %d, want 0: no location reaches the app", hops)
	}
}

// TestBindCandidatesKeepEveryMatch: the binds a pass target is matched
// against, found by service name, port and socket, are in order and
// never leave out one that matches: through a compose service, a plain
// address, a unix socket and a port a container publishes, and a service
// whose bind port is only known from its expose list, or not at all.
func TestBindCandidatesKeepEveryMatch(t *testing.T) {
	p := linkProject(t, map[string]string{
		"compose.yaml":  "services:\n  shared:\n    build: ./shared\n    command: gunicorn -b 0.0.0.0:7000 app:app\n",
		"shared/app.py": flaskApp,
		"a/a.service":   "[Service]\nExecStart=/venv/bin/gunicorn -b 127.0.0.1:8000 app:app\n",
		"a/s.service":   "[Service]\nExecStart=/venv/bin/gunicorn --bind unix:/run/a/app.sock app:app\n",
		"a/app.py":      flaskApp,
		"a/nginx/a.conf": "server { listen 80; location / { proxy_pass http://127.0.0.1:8000; }\n" +
			"  location /s/ { proxy_pass http://shared:7000; }\n" +
			"  location /u/ { proxy_pass http://unix:/run/a/app.sock; } }\n",
		"c/compose.yaml": "services:\n  api:\n    build: .\n    command: gunicorn -b 0.0.0.0:7000 app:app\n" +
			"    ports: [\"9000:7000\"]\n",
		"c/app.py": flaskApp,
		"d/compose.yaml": "services:\n  envport:\n    build: .\n    command: gunicorn -b 0.0.0.0:$PORT app:app\n" +
			"    expose: [\"5000\"]\n  anyport:\n    build: .\n    command: gunicorn -b 0.0.0.0:$PORT app:app\n",
		"d/app.py": flaskApp,
		"d/nginx/d.conf": "server { listen 80; location / { proxy_pass http://envport:5000; }\n" +
			"  location /any/ { proxy_pass http://anyport:1234; } }\n",
		"c/nginx/c.conf": "server { listen 80; location / { proxy_pass http://127.0.0.1:9000; } }\n",
		"b/compose.yaml": "services:\n  web:\n    build: .\n    command: gunicorn -b 0.0.0.0:8000 app:app\n",
		"b/app.py":       flaskApp,
		"b/nginx/b.conf": "server { listen 80; location / { proxy_pass http://web:8000; }\n" +
			"  location /local/ { proxy_pass http://127.0.0.1:8000; } }\n",
	})
	d := p.DeployLink()
	order := map[*AppBind]int{}
	for i, b := range d.Binds {
		order[b] = i
	}
	matched, fewer := 0, false
	for _, l := range d.Links {
		file := l.Loc.Dir.File
		for _, tgt := range passTargets(l.Loc) {
			for _, sc := range d.composeScopes(file, d.nearestCompose(file, tgt.Host)) {
				cands := d.candidates(tgt, sc.within)
				fewer = fewer || len(cands) < len(d.Binds)
				for i := 1; i < len(cands); i++ {
					if order[cands[i-1]] >= order[cands[i]] {
						t.Errorf("%s: candidates of %s out of order", file, tgt)
					}
				}
				for _, b := range d.Binds {
					if !b.matches(tgt, file, d.near(file, b.Pos.File), sc.has) {
						continue
					}
					matched++
					if !slices.Contains(cands, b) {
						t.Errorf("%s: %s matches the bind at %s:%d, which is no candidate (within %d compose files)",
							file, tgt, b.Pos.File, b.Pos.StartLine, len(sc.within))
					}
				}
			}
		}
	}
	if matched < 7 || !fewer {
		t.Errorf("%d matches, fewer candidates than binds: %v; the tree tests too little\n%s", matched, fewer,
			d.Describe())
	}
}

// TestDeployLinkComposeProjectsApart: compose resolves a service name within
// one project, so two apps of a monorepo that both name their service web
// on the same port are linked each to the nginx of its own compose file.
func TestDeployLinkComposeProjectsApart(t *testing.T) {
	service := "services:\n  web:\n    build: .\n    command: gunicorn -b 0.0.0.0:8000 wsgi:app\n"
	site := "server { listen 80; server_name %s.test; location / { proxy_pass http://web:8000; } }\n"
	p := linkProject(t, map[string]string{
		"apps/a/compose.yaml":    service,
		"apps/a/wsgi.py":         flaskApp,
		"apps/a/nginx/site.conf": fmt.Sprintf(site, "a"),
		"apps/b/compose.yaml":    service,
		"apps/b/wsgi.py":         flaskApp,
		"apps/b/nginx/site.conf": fmt.Sprintf(site, "b"),
		"apps/c/compose.yaml":    service,
		"apps/c/wsgi.py":         flaskApp,
		"apps/nginx/other.conf":  "server { listen 81; location / { proxy_pass http://web:8000; } }\n",
	})
	wantLinks(t, p.DeployLink(),
		"apps/a/nginx/site.conf:1 address apps/a/wsgi.py",
		"apps/b/nginx/site.conf:1 address apps/b/wsgi.py",
		// Under no compose file: every web of its project of the tree.
		"apps/nginx/other.conf:1 address apps/a/wsgi.py,apps/b/wsgi.py,apps/c/wsgi.py",
	)
}

// TestDeployLinkSiblingComposeIsAnotherProject: nginx passes to web:5000,
// but its own compose file runs web on 8000; the web on 5000 of a sibling
// directory's compose file is another compose project, out of reach.
func TestDeployLinkSiblingComposeIsAnotherProject(t *testing.T) {
	service := "services:\n  web:\n    build: .\n    command: gunicorn -b 0.0.0.0:%d app:app\n" +
		"  nginx:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n"
	site := "server { listen 80; server_name %s.test; location / { proxy_pass http://web:5000; } }\n"
	p := linkProject(t, map[string]string{
		"services/a/compose.yaml":   fmt.Sprintf(service, 8000),
		"services/a/app.py":         flaskApp,
		"services/a/nginx/app.conf": fmt.Sprintf(site, "a"),
		"services/b/compose.yaml":   fmt.Sprintf(service, 5000),
		"services/b/app.py":         flaskApp,
		"services/b/nginx/app.conf": fmt.Sprintf(site, "b"),
	})
	wantLinks(t, p.DeployLink(),
		"services/a/nginx/app.conf:1 not-app ",
		"services/b/nginx/app.conf:1 address services/b/app.py",
	)
}

// TestDeployLinkSocketsByPath: two apps of one host on sockets of the same
// name in their own directories; nginx reaches each through its own path. A
// relative socket path, or one in a container, matches by file name;
// /var/run is /run.
func TestDeployLinkSocketsByPath(t *testing.T) {
	unit := "[Service]\nExecStart=/srv/%s/venv/bin/gunicorn --bind unix:%s app:app\n"
	site := "server { listen 80; server_name %s.test; location / { proxy_pass http://unix:%s; } }\n"
	p := linkProject(t, map[string]string{
		"deploy/a.service": fmt.Sprintf(unit, "a", "/run/a/gunicorn.sock"),
		"deploy/b.service": fmt.Sprintf(unit, "b", "/run/b/gunicorn.sock"),
		"deploy/c.service": fmt.Sprintf(unit, "c", "c.sock"),
		"deploy/d.service": fmt.Sprintf(unit, "d", "/var/run/d/gunicorn.sock"),
		"deploy/nginx/site.conf": fmt.Sprintf(site, "a", "/run/a/gunicorn.sock") +
			fmt.Sprintf(site, "x", "/run/x/gunicorn.sock") +
			fmt.Sprintf(site, "c", "/srv/c/c.sock") + fmt.Sprintf(site, "d", "/run/d/gunicorn.sock"),
		"app.py": flaskApp,
	})
	wantLinks(t, p.DeployLink(),
		"deploy/nginx/site.conf:1 address app.py",
		"deploy/nginx/site.conf:2 not-app ",
		"deploy/nginx/site.conf:3 address app.py",
		"deploy/nginx/site.conf:4 address app.py", // /var/run is /run
	)
	d := p.DeployLink()
	if len(d.Links) != 4 || len(d.Links[0].Binds) != 1 || d.Links[0].Binds[0].Pos.File != "deploy/a.service" {
		t.Errorf("the first server should reach a.service alone:\n%s", d.Describe())
	}
}

// TestDeployLinkNginxServiceOfItsComposeDir: a compose service named nginx
// with no build context runs the configurations in a directory of that name
// beside its compose file, not those of a sibling app's compose project.
func TestDeployLinkNginxServiceOfItsComposeDir(t *testing.T) {
	service := "services:\n  web:\n    build: .\n    command: gunicorn -b 0.0.0.0:8000 app:app\n" +
		"  nginx:\n    image: nginx:1.27\n    volumes: [\"./nginx:/etc/nginx/conf.d\"]\n"
	site := "server { listen 80; server_name %s.test; location / { proxy_pass http://web:8000; } }\n"
	p := linkProject(t, map[string]string{
		"services/a/compose.yaml": service + "  edge:\n    image: nginx:1.27\n    ports: [\"443:443\"]\n",
		"services/a/app.py":       flaskApp,
		"services/a/nginx/a.conf": fmt.Sprintf(site, "a"),
		"services/a/edge/nginx/edge.conf": "server { listen 443; server_name a.test; " +
			"location / { proxy_pass http://nginx:80; } }\n",
		"services/b/compose.yaml": service,
		"services/b/app.py":       flaskApp,
		"services/b/nginx/b.conf": fmt.Sprintf(site, "b"),
	})
	d := p.DeployLink()
	wantLinks(t, d,
		"services/a/edge/nginx/edge.conf:1 address services/a/app.py",
		"services/a/nginx/a.conf:1 address services/a/app.py",
		"services/b/nginx/b.conf:1 address services/b/app.py",
	)
	if hops, _, _ := d.Hops("services/a/app.py"); hops != 2 {
		t.Errorf("a: hops = %d, want 2 (edge -> nginx -> app)", hops)
	}
	if hops, _, _ := d.Hops("services/b/app.py"); hops != 1 {
		t.Errorf("b: hops = %d, want 1 (its own nginx only)", hops)
	}
}

// TestDeployLinkNginxServiceByMount: compose nginx services that run the
// configurations they mount: lb in front of proxy in front of web. A mount
// elsewhere than nginx's configuration holds none.
func TestDeployLinkNginxServiceByMount(t *testing.T) {
	site := "server { listen 80; server_name a.test; location / { proxy_pass http://%s; } }\n"
	p := linkProject(t, map[string]string{
		"compose.yaml": "services:\n  lb:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n" +
			"    volumes: [\"./lb/nginx:/etc/nginx/conf.d:ro\"]\n" +
			"  proxy:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n" +
			"        source: ./conf/nginx/app.conf\n" +
			"        target: /etc/nginx/conf.d/default.conf\n" +
			"      - .:/usr/share/nginx/html:ro\n" + // pages, not configuration

			"  web:\n    build: ./app\n    command: gunicorn -b 0.0.0.0:8000 app:app\n",
		"lb/nginx/lb.conf":    fmt.Sprintf(site, "proxy:80"),
		"conf/nginx/app.conf": fmt.Sprintf(site, "web:8000"),
		"conf/nginx/old.conf": fmt.Sprintf(site, "web:8000"),
		"app/app.py":          flaskApp,
	})
	d := p.DeployLink()
	if hops, _, _ := d.Hops("app/app.py"); hops != 2 {
		t.Errorf("hops = %d, want 2 (lb -> proxy -> web):\n%s", hops, d.Describe())
	}
	for _, l := range d.Links {
		if l.Loc.Dir.File != "lb/nginx/lb.conf" {
			continue
		}
		if len(l.Next) != 1 || l.Next[0].Loc.Dir.File != "conf/nginx/app.conf" {
			t.Errorf("lb should pass to the one file proxy mounts:\n%s", d.Describe())
		}
	}
}

// TestDeployLinkNearestComposeOnlyNarrows: a development compose file
// beside the nginx file names web too, but only the one above it runs web
// on the port nginx passes to: the link goes there.
func TestDeployLinkNearestComposeOnlyNarrows(t *testing.T) {
	p := linkProject(t, map[string]string{
		"compose.yaml": "services:\n  web:\n    build: ./app\n    command: gunicorn -b 0.0.0.0:8000 wsgi:app\n" +
			"  nginx:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n",
		"app/compose.yaml": "services:\n  web:\n    build: .\n" +
			"    command: flask --app wsgi run --host 0.0.0.0 --port 5000 --debug\n    ports: [\"5000:5000\"]\n",
		"app/nginx/site.conf": "server { listen 80; location / { proxy_pass http://web:8000; } }\n",
		"app/wsgi.py":         flaskApp,
	})
	wantLinks(t, p.DeployLink(), "app/nginx/site.conf:1 address app/wsgi.py")
}

// TestAppsRelatedLeavesOutCheckedApps: the nginx-side findings point at
// the apps behind the location that do not check the Host themselves.
func TestAppsRelatedLeavesOutCheckedApps(t *testing.T) {
	p := linkProject(t, map[string]string{
		"nginx/site.conf": "server { listen 80; location / { proxy_pass http://$backend; } }\n",
		"a.py": "from flask import Flask, abort, request\n\napp = Flask(__name__)\n\n\n" +
			"@app.before_request\ndef check_host():\n    if request.host != \"a.test\":\n        abort(400)\n",
		"b.py": flaskApp,
	})
	wantLinks(t, p.DeployLink(), "nginx/site.conf:1 opaque a.py,b.py")
	rel := p.DeployLink().Links[0].AppsRelated(p)
	if len(rel) != 1 || rel[0].Pos.File != "b.py" {
		t.Errorf("related %+v, want b.py's app alone", rel)
	}
}
