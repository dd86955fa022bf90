package compose

import (
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
	for _, src := range []string{"", "a: &a [*a]\n", "services: 3\n", "{{ cookiecutter }}\n", "x: &x {y: *x}\nservices:\n  a: *x\n"} {
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
