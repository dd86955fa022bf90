package runner

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestPythonSelection: files a rule may read get a full tree, and so do the
// modules they import and the scripts that import an app without ever
// naming Flask; unrelated files are not parsed unless all files are asked for.
// A file that is not UTF-8 text is parsed, but not the modules it imports.
func TestPythonSelection(t *testing.T) {
	sources := map[string][]byte{
		"myapp/__init__.py": []byte(
			"from flask import Flask\nfrom .config import Config\n\ndef create_app():\n    return Flask(__name__)\n",
		),
		"myapp/config.py": []byte("from .base import Base\nclass Config(Base):\n    DEBUG = True\n"),
		"myapp/base.py":   []byte("class Base:\n    TESTING = False\n"),
		"run.py":          []byte("from myapp import create_app\napp = create_app()\napp.run(debug=True)\n"),
		"manage.py":       []byte("import run\n"),
		"tools/report.py": []byte("import csv\nprint('report')\n"),
		"tools/broken.py": []byte("def f(:\n"),
		"tools/latin.py":  []byte("# coding: latin-1\nimport report\nNAME = 'caf\xe9'\n"),
	}
	var paths []string
	for p := range sources {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	wanted, alone, outOfScope := newPrescan(nil).choose(nil, paths, sources, 2)
	full, needless := parsePython(context.Background(), nil, paths, sources, 2, wanted, alone, outOfScope, false)

	var got, only []string
	for _, f := range full {
		got = append(got, f.Path)
		if f.Root == nil {
			t.Errorf("%s: full parse without a tree", f.Path)
		}
	}
	want := []string{"manage.py", "myapp/__init__.py", "myapp/base.py", "myapp/config.py", "run.py",
		"tools/latin.py"}
	if !slices.Equal(got, want) {
		t.Errorf("full trees for %v, want %v", got, want)
	}
	for p := range needless {
		only = append(only, p)
	}
	sort.Strings(only)
	if !slices.Equal(only, []string{"tools/broken.py", "tools/report.py"}) {
		t.Errorf("needless %v", only)
	}
	all, again := parsePython(context.Background(), nil, paths, sources, 2, wanted, alone, outOfScope, true)
	if len(all) != len(paths) || !reflect.DeepEqual(again, needless) {
		t.Errorf("with all: %d files of %d, needless %v", len(all), len(paths), again)
	}
}

// TestImportedResolvesLikeTheModel: an import resolves to the module beside
// or above the importing file, as the app model resolves it, not to every
// file of the tree with that name; relative imports stay in the package.
func TestImportedResolvesLikeTheModel(t *testing.T) {
	paths := []string{
		"svc1/app/__init__.py", "svc1/app/config.py", "svc1/app/views.py", "svc1/wsgi.py",
		"svc2/app/__init__.py", "svc2/app/config.py", "svc2/app/views.py", "svc2/wsgi.py",
		"lib/only/helpers.py",
	}
	index := newModules(paths)
	for _, tt := range []struct {
		file, src string
		want      []string
	}{
		{"svc1/wsgi.py", "from app import create_app\n", []string{"svc1/app/__init__.py"}},
		{"svc2/app/__init__.py", "from .views import bp\nfrom . import config\n",
			[]string{"svc2/app/views.py", "svc2/app/__init__.py", "svc2/app/config.py"}},
		{"svc1/wsgi.py", "import helpers\n", []string{"lib/only/helpers.py"}},
		{"svc1/wsgi.py", "from views import x\n", []string{"svc1/app/views.py", "svc2/app/views.py"}},
	} {
		if got := imported(tt.file, []byte(tt.src), index, false).imports; !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q imports %v, want %v", tt.file, tt.src, got, tt.want)
		}
	}
}

// TestImportLinesAgreesWithThePattern: the line scanner finds what the
// regular expression it replaced finds, on one-line imports of every shape.
func TestImportLinesAgreesWithThePattern(t *testing.T) {
	pattern := regexp.MustCompile(
		`(?m)^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+\(?([\w ,\t]*)|import[ \t]+([\w., \t]+))`)
	viaPattern := func(src []byte) []string {
		var mods []string
		for _, m := range pattern.FindAllSubmatch(src, -1) {
			if len(m[1]) > 0 {
				mod := string(m[1])
				mods = append(mods, mod)
				for _, name := range strings.Split(string(m[2]), ",") {
					if f := strings.Fields(name); len(f) > 0 {
						if strings.HasSuffix(mod, ".") {
							mods = append(mods, mod+f[0])
						} else {
							mods = append(mods, mod+"."+f[0])
						}
					}
				}
				continue
			}
			for _, name := range strings.Split(string(m[3]), ",") {
				if f := strings.Fields(name); len(f) > 0 {
					mods = append(mods, f[0])
				}
			}
		}
		return mods
	}
	lines := []string{
		"import os", "import a.b, c as d", "  import x,y", "\tfrom . import views, models",
		"from ..pkg.mod import name as alias, other",
		"from a.bimport x", "fromage = 1", "important = 2", "import", "from x import", "from  x  import  *",
		"from app import create_app  # factory", "import os.path\r", "from . import (a, b)",
		"import é", "from x import y, é", "import a , b",
	}
	for _, l := range lines {
		for _, src := range []string{l, l + "\n", "pass\n" + l + "\nimport z\n"} {
			var got []string
			importLines([]byte(src), func(m string) { got = append(got, m) })
			if want := viaPattern([]byte(src)); !slices.Equal(got, want) {
				t.Errorf("%q: %q, want %q", src, got, want)
			}
		}
	}
}

// TestImportLinesStatements: statements that the pattern of one line
// missed: continued in parentheses or by a backslash, after a ";", after a
// byte order mark, on lines ended by a lone \r.
func TestImportLinesStatements(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"from conf import (  # settings\n    settings,\n    staging as s,\n)\nimport z\n",
			[]string{"conf", "conf.settings", "conf.staging", "z"}},
		{"from .config import (Config,\n  Base)\n", []string{".config", ".config.Config", ".config.Base"}},
		{"from conf import \\\n    settings\nimport z\n", []string{"conf", "conf.settings", "z"}},
		{"import a, \\\n  b\n", []string{"a", "b"}},
		{"x = 1; import y\n", []string{"y"}},
		{"import os; from conf import settings\n", []string{"os", "conf", "conf.settings"}},
		{"from a import(x)\n", []string{"a", "a.x"}},
		{"\xef\xbb\xbffrom config import Prod\n", []string{"config", "config.Prod"}},
		{"import flask\rfrom config import Prod\r", []string{"flask", "config", "config.Prod"}},
		{"# import commented\nx = '#'  # import no\n", nil},
		{"from x import (a,", []string{"x", "x.a"}},
		{"SEP = \"#\"; import settings  # 'quoted'\n", []string{"settings"}},
		{"x = 'a;b'; import y\n", []string{"y"}},
		{"\fimport settings\n", []string{"settings"}},
		{"from.settings import Prod\n", []string{".settings", ".settings.Prod"}},
		{"class C: from settings import Prod\n", []string{"settings", "settings.Prod"}},
		{"def cfg(): import settings; return settings.Prod\n", []string{"settings"}},
		{"try: import a\nexcept ImportError: import b\n", []string{"a", "b"}},
		{"from conf \\\n    import settings\n", []string{"conf", "conf.settings"}},
		{"x = {'k': 1}\n", nil},
	} {
		var got []string
		importLines([]byte(tt.src), func(m string) { got = append(got, m) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestImportedStrings: a string that names a module of the tree or a file
// beside counts as loaded, wherever it is (a config loader may get it
// through a constant or a default); other strings do not.
func TestImportedStrings(t *testing.T) {
	paths := []string{"app.py", "config.py", "names.py", "settings/prod.py", "local.cfg", "conf/base.py"}
	index := newModules(paths)
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{`X = os.environ.get("APP_SETTINGS", "config.ProductionConfig")`, []string{"config.py"}},
		{`PROD = 'settings.prod.Prod'`, []string{"settings/prod.py"}},
		{`app.config.from_pyfile(os.getenv("CFG", "local.cfg"))`, []string{"local.cfg"}},
		{`app.config.from_pyfile("conf/base.py")`, []string{"conf/base.py"}},
		{`app.config.from_object(r"names.Thing")`, []string{"names.py"}},
		{`print("hello world", 'it''s', "a.b.c", "1.5", "x")`, nil},
		{`"""config.Nope"""`, []string{"config.py"}},
		// Names built at run time: every module named like a word, or
		// beginning with a word that a placeholder follows.
		{`from_object(f"config.{ENV}")`, []string{"config.py"}},
		{`from_object("settings")`, nil}, // settings/ is no package
		{`from_object(os.environ.get("X", "names"))`, []string{"names.py"}},
		{`from_object("con" + "fig" ".Prod")`, nil},
		{`from_pyfile(f"local_{ENV}.py")`, nil},
		{`from_object(f"prod_{ENV}")`, nil},
		{`from_object(f"pro{ENV}")`, []string{"settings/prod.py"}},
		{`CONF = "base"`, []string{"conf/base.py"}},
	} {
		if got := imported("app.py", []byte(tt.src), index, true).named; !slices.Equal(got, tt.want) {
			t.Errorf("%q names %v, want %v", tt.src, got, tt.want)
		}
	}
}
