package compose

import (
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `services:
  web:
    build: .
    command: flask run --host 0.0.0.0
    environment:
      FLASK_DEBUG: 0
      SECRET:
    env_file: .env.dev
    ports:
      - "5000:5000"
      - target: 80
        published: 8080
        host_ip: 127.0.0.1
  worker:
    command: ["gunicorn", "-b", ":8000", "app:app"]
    environment:
      - FLASK_ENV=development
      - BARE
    expose: ["8000"]
`
	f := Parse("compose.yaml", []byte(src))
	if f.Error != "" || len(f.Services) != 2 {
		t.Fatalf("%q %+v", f.Error, f.Services)
	}
	web, worker := f.Services[0], f.Services[1]
	if web.Command.Shell != "flask run --host 0.0.0.0" || web.Command.Line != 4 {
		t.Errorf("command %+v", web.Command)
	}
	if len(web.Env) != 2 || web.Env[0].Value != "0" || web.Env[0].Line != 6 || web.Env[1].HasValue {
		t.Errorf("env %+v", web.Env)
	}
	if len(web.Ports) != 2 || web.Ports[0].Text != "5000:5000" || web.Ports[1].Text != "127.0.0.1:8080:80" {
		t.Errorf("ports %+v", web.Ports)
	}
	if len(web.EnvFiles) != 1 || web.EnvFiles[0].Text != ".env.dev" {
		t.Errorf("env_file %+v", web.EnvFiles)
	}
	if !web.Build || web.Context != "." {
		t.Errorf("build %v %q", web.Build, web.Context)
	}
	if len(worker.Command.Words) != 4 || len(worker.Env) != 2 || worker.Env[1].HasValue || len(worker.Expose) != 1 {
		t.Errorf("worker %+v", worker)
	}
}

func TestParseError(t *testing.T) {
	f := Parse("compose.yaml", []byte("services:\n  web:\n    image: [\n"))
	if f.Error == "" {
		t.Fatal("want an error")
	}
	for _, src := range []string{
		"", "a: &a [*a]\n", "services: 3\n", "{{ cookiecutter }}\n", "x: &x {y: *x}\nservices:\n  a: *x\n",
	} {
		Parse("compose.yaml", []byte(src)) // must not panic
	}
}

func TestErrorLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"services:\n  web:\n    build: .\n    command: [\"a\", \"b\"\n    ports:\n      - x\n", 4},
		{"services:\n  web:\n    image: a\n    command: x: y\n", 4},
		{"a:\n\tb: c\n", 2},
	} {
		f := Parse("compose.yaml", []byte(c.src))
		if f.Error == "" || f.ErrorLine != c.line || strings.Contains(f.Error, "line ") {
			t.Errorf("Parse(%q) = %q at line %d, want an error at line %d without its own line", c.src, f.Error,
				f.ErrorLine, c.line)
		}
	}
}

// TestMergeKeys: `<<: *anchor` merges a mapping into a service or an
// environment; the service's own keys win, a list of anchors merges each.
func TestMergeKeys(t *testing.T) {
	src := `x-common: &common
  command: flask run --host 0.0.0.0
  environment: &env
    FLASK_DEBUG: "1"
    MODE: base
x-ports: &ports
  ports: ["5000:5000"]
services:
  web:
    <<: [*common, *ports]
    build: .
  api:
    <<: *common
    command: gunicorn -b 127.0.0.1:8000 app:app
    environment:
      <<: *env
      MODE: api
`
	f := Parse("compose.yaml", []byte(src))
	if f.Error != "" || len(f.Services) != 2 {
		t.Fatalf("%q %+v", f.Error, f.Services)
	}
	web, api := f.Services[0], f.Services[1]
	if web.Command.Shell != "flask run --host 0.0.0.0" || len(web.Ports) != 1 || !web.Build {
		t.Errorf("web %+v", web)
	}
	if len(web.Env) != 2 || web.Env[0].Key != "FLASK_DEBUG" || web.Env[0].Value != "1" || web.Env[0].Line != 4 {
		t.Errorf("web env %+v", web.Env)
	}
	if api.Command.Shell != "gunicorn -b 127.0.0.1:8000 app:app" {
		t.Errorf("api command %+v", api.Command)
	}
	env := map[string]string{}
	for _, e := range api.Env {
		env[e.Key] = e.Value
	}
	if len(api.Env) != 2 || env["MODE"] != "api" || env["FLASK_DEBUG"] != "1" {
		t.Errorf("api env %+v", api.Env)
	}
}

// TestMergeKeysBounded: merge keys that refer to each other many times
// over do not blow up.
func TestMergeKeysBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("x-a0: &a0 {k: v}\n")
	for i := 1; i < 30; i++ {
		b.WriteString("x-a" + string(rune('0'+i%10)) + string(rune('a'+i/10)) + ": &a" + itoa(i) +
			" {<<: [*a" + itoa(i-1) + ", *a" + itoa(i-1) + "]}\n")
	}
	b.WriteString("services:\n  web:\n    <<: *a29\n    command: flask run\n")
	f := Parse("compose.yaml", []byte(b.String()))
	if len(f.Services) != 1 || f.Services[0].Command.Shell != "flask run" {
		t.Fatalf("%q %+v", f.Error, f.Services)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestMounts: the host paths of bind mounts, short and long form; named
// volumes are none.
func TestMounts(t *testing.T) {
	f := Parse("compose.yaml", []byte("services:\n  nginx:\n    image: nginx\n    volumes:\n"+
		"      - ./nginx:/etc/nginx/conf.d:ro\n      - data:/var/lib/data\n      - /srv/certs:/certs\n"+
		"      - type: bind\n        source: ../shared/site.conf\n        target: /etc/nginx/nginx.conf\n"+
		"      - type: volume\n        source: cache\n        target: /cache\n"))
	if f.Error != "" || len(f.Services) != 1 {
		t.Fatalf("parse: %q, %d services", f.Error, len(f.Services))
	}
	var got []string
	for _, m := range f.Services[0].Mounts {
		got = append(got, fmt.Sprintf("%s>%s@%d", m.Source, m.Target, m.Line))
	}
	want := []string{"./nginx>/etc/nginx/conf.d@5", "/srv/certs>/certs@7",
		"../shared/site.conf>/etc/nginx/nginx.conf@9"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("mounts %v, want %v", got, want)
	}
}
