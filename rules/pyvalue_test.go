package rules

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/python"
)

// parsePython parses a map of path -> source, sorted by path.
func parsePython(t *testing.T, srcs map[string]string) []*python.File {
	t.Helper()
	p := python.NewParser()
	defer p.Close()
	var files []*python.File
	for path, src := range srcs {
		f, err := p.Parse(context.Background(), path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// resolveMarked resolves the expression of the last line of path that is
// "probe = <expr>" (a module-level or local assignment).
func resolveMarked(t *testing.T, files []*python.File, path string) Value {
	t.Helper()
	r := NewResolver(files)
	for _, f := range files {
		if f.Path != path {
			continue
		}
		var target *python.Node
		python.Walk(f.Root, func(n *python.Node) bool {
			if n.Type() == "assignment" && f.Text(n.Child("left")) == "probe" {
				target = n.Child("right")
			}
			return true
		})
		if target == nil {
			t.Fatalf("%s: no probe assignment", path)
		}
		return r.Resolve(f, target)
	}
	t.Fatalf("no file %s", path)
	return Value{}
}

func TestResolver(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // Value.Python(), or "unknown"
		env       string
		line      int // origin line, 0 to skip
	}{
		{"literal", `probe = "0.0.0.0"`, `"0.0.0.0"`, "", 1},
		{"concat", `probe = "0.0." "0.0" + ":80"`, `"0.0.0.0:80"`, "", 1},
		{"escapes", `probe = "a\tb\x41"`, `"a\tbA"`, "", 1},
		{"raw", `probe = r"a\tb"`, `"a\\tb"`, "", 1},
		{"constant", "HOST = '0.0.0.0'\nprobe = HOST", `"0.0.0.0"`, "", 1},
		{"reassigned", "HOST = '0.0.0.0'\nHOST = '127.0.0.1'\nprobe = HOST", `"127.0.0.1"`, "", 2},
		{"order", "HOST = '0.0.0.0'\nprobe = HOST\nHOST = 'x'", `"0.0.0.0"`, "", 1},
		{"conditional", "HOST = 'a'\nif x:\n    HOST = 'b'\nprobe = HOST", "unknown", "", 0},
		{"main guard", "if __name__ == '__main__':\n    HOST = 'b'\n    probe = HOST", `"b"`, "", 2},
		{"same branch", "if x:\n    HOST = 'b'\n    probe = HOST", `"b"`, "", 2},
		{"fstring", "HOST = '0.0.0.0'\nprobe = f'{HOST}:{80}'", `"0.0.0.0:80"`, "", 2},
		{"fstring partial", "probe = f'0.0.0.0:{port}'", `"0.0.0.0:..."`, "", 1},
		{"fstring braces", "probe = f'{{x}}'", `"{x}"`, "", 1},
		{"percent", "probe = '0.0.0.0:%d' % port", `"0.0.0.0:..."`, "", 1},
		{"env default", "import os\nprobe = os.environ.get('HOST', '0.0.0.0')", `"0.0.0.0"`, "HOST", 2},
		{"getenv", "from os import getenv\nprobe = getenv('HOST', '::')", `"::"`, "HOST", 2},
		{"environ import", "from os import environ\nprobe = environ.get('D')", "None", "D", 2},
		{"env no default", "import os\nprobe = os.getenv('DEBUG')", "None", "DEBUG", 2},
		{"env item", "import os\nprobe = os.environ['HOST']", "unknown", "HOST", 0},
		{"env or", "import os\nprobe = os.environ.get('H') or '0.0.0.0'", `"0.0.0.0"`, "H", 2},
		{"env compare", "import os\nprobe = os.environ.get('X') == '1'", "False", "X", 2},
		{"env compare on", "import os\nprobe = os.getenv('X', '1') == '1'", "True", "X", 2},
		{"env lower in", "import os\nprobe = os.getenv('X', 'False').lower() in ('1', 'true')", "False", "X", 2},
		{"bool wrapper", "import os\nprobe = bool(os.getenv('X', 'False'))", "True", "X", 2},
		{"int wrapper", "import os\nprobe = int(os.getenv('PORT', '5000'))", "5000", "PORT", 2},
		{"class attr", "class S:\n    DEBUG = True\nprobe = S.DEBUG", "True", "", 2},
		{"instance attr", "class S:\n    DEBUG = True\ns = S()\nprobe = s.DEBUG", "True", "", 2},
		{"inherited", "class B:\n    DEBUG = True\nclass S(B):\n    X = 1\nprobe = S().DEBUG", "True", "", 2},
		{"overridden", "class B:\n    DEBUG = True\nclass S(B):\n    DEBUG = False\nprobe = S.DEBUG", "False", "", 4},
		{"dict item", "D = {'bind': '0.0.0.0', 'port': 1}\nprobe = D['bind']", `"0.0.0.0"`, "", 1},
		{"dict get", "D = {'a': 1}\nprobe = D.get('b', 2)", "2", "", 2},
		{
			"dict by env",
			"import os\nC = {'dev': 1, 'default': 2}\nprobe = C[os.getenv('ENV', 'default')]",
			"2",
			"ENV",
			2,
		},
		{"local", "def f():\n    h = '::'\n    probe = h", `"::"`, "", 2},
		{"param default", "def f(h='x'):\n    probe = h\nf()", `"x"`, "", 1},
		{"param passed", "def f(h='x'):\n    probe = h\nf('y')", "unknown", "", 0},
		{"param by keyword", "def f(a=1, h='x'):\n    probe = h\nf(h='y')", "unknown", "", 0},
		{"param other position", "def f(a=1, h='x'):\n    probe = h\nf(2)", `"x"`, "", 1},
		{"param without default", "def f(h):\n    probe = h", "unknown", "", 0},
		{"param reassigned", "def f(h='x'):\n    h = g()\n    probe = h", "unknown", "", 0},
		{"method param", "class C:\n    def f(self, h='x'):\n        probe = h", "unknown", "", 0},
		{"function return", "def host():\n    return '0.0.0.0'\nprobe = host()", `"0.0.0.0"`, "", 2},
		{"external call", "from flask import Flask\nprobe = Flask(__name__)", "flask.Flask(...)", "", 2},
		{"module attr", "import flask\nprobe = flask.Flask", "flask.Flask", "", 1},
		{"conditional expr", "import os\nprobe = True if os.getenv('E') == 'dev' else False", "False", "E", 2},
		{"not", "probe = not 0", "True", "", 1},
		{"attribute target", "x = 1\nx.y = 2\nx[0] = 3\nprobe = x", "1", "", 1},
		{"chained", "a = b = 3\nprobe = a", "3", "", 1},
		{"tuple unpack", "a, b = 1, 2\nprobe = b", "2", "", 1},
		{"unpack unknown", "a = 1\na, b = f()\nprobe = a", "unknown", "", 0},
		{"comprehension", "x = 1\nprobe = [x for x in y]", "unknown", "", 0},
		{"global in function", "H = 'a'\ndef f():\n    global H\n    H = 'b'\n    probe = H", `"a"`, "", 1},
		{"for target", "for h in hs:\n    probe = h", "unknown", "", 0},
		{
			"argparse default",
			"import argparse\np = argparse.ArgumentParser()\np.add_argument('-H', '--bind-host', " +
				"default='0.0.0.0')\nargs = p.parse_args()\nprobe = args.bind_host",
			`"0.0.0.0"`,
			"--bind-host",
			3,
		},
		{
			"argparse store_true",
			"import argparse\np = argparse.ArgumentParser()\np.add_argument('--debug', action='store_true')\nprobe = " +
				"p.parse_args().debug",
			"False",
			"--debug",
			3,
		},
		{
			"argparse dest",
			"from argparse import ArgumentParser\np = ArgumentParser()\np.add_argument('--h', " +
				"dest='host')\np.set_defaults(host='::')\nprobe = p.parse_args().host",
			`"::"`,
			"--h",
			4,
		},
		{
			"argparse other parser",
			"import argparse\np = argparse.ArgumentParser()\nq = argparse.ArgumentParser()\nq.add_argument('--host', " +
				"default='::')\nprobe = p.parse_args().host",
			"unknown",
			"",
			0,
		},
		{"self reference", "x = x\nprobe = x", "unknown", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := parsePython(t, map[string]string{"m.py": tt.src})
			v := resolveMarked(t, files, "m.py")
			if got := v.Python(); got != tt.want {
				t.Errorf("value = %s, want %s", got, tt.want)
			}
			if v.Override != tt.env {
				t.Errorf("env = %q, want %q", v.Override, tt.env)
			}
			if tt.line != 0 && v.Origin.Line() != tt.line {
				t.Errorf("origin line = %d, want %d", v.Origin.Line(), tt.line)
			}
		})
	}
}

func TestResolverImports(t *testing.T) {
	files := parsePython(t, map[string]string{
		"app/config.py":    "import os\nHOST = os.getenv('APP_HOST', '0.0.0.0')\nclass Dev:\n    DEBUG = True\n",
		"app/__init__.py":  "from .config import Dev\n",
		"app/run.py":       "from config import HOST\nprobe = HOST\n",
		"main.py":          "from app.config import Dev as D\nimport app.config\nprobe = (D.DEBUG, app.config.HOST)\n",
		"rel.py":           "from app import Dev\nprobe = Dev.DEBUG\n",
		"cycle_a.py":       "from cycle_b import X\nprobe = X\n",
		"cycle_b.py":       "from cycle_a import probe as X\n",
		"star.py":          "from os import *\nfrom app.config import *\nprobe = HOST\n",
		"star_external.py": "from os import *\nprobe = HOST\n",
		"star_builtin.py":  "from os import *\nprobe = bool(1)\n",
	})
	check := func(path, want, env string) {
		t.Helper()
		v := resolveMarked(t, files, path)
		if got := v.Python(); got != want || v.Override != env {
			t.Errorf("%s: got %s (env %q), want %s (env %q)", path, got, v.Override, want, env)
		}
	}
	check("app/run.py", `"0.0.0.0"`, "APP_HOST")
	check("main.py", `[True, "0.0.0.0"]`, "")
	check("rel.py", "True", "")
	check("cycle_a.py", "unknown", "")
	check("star.py", `"0.0.0.0"`, "APP_HOST")
	check("star_external.py", "unknown", "")
	check("star_builtin.py", "True", "")

	v := resolveMarked(t, files, "app/run.py")
	if v.Origin.File.Path != "app/config.py" || v.Origin.Line() != 2 {
		t.Errorf("origin = %v, want app/config.py:2", v.Origin.Pos())
	}
	if !strings.Contains(v.OverrideNote(), "APP_HOST") {
		t.Errorf("env note %q", v.OverrideNote())
	}
}
