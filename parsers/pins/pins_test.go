package pins

import (
	"fmt"
	"strings"
	"testing"
)

func pinsOf(f *File) string {
	var parts []string
	for _, p := range f.Pins {
		s := fmt.Sprintf("%s%s@%d", p.Name, p.Spec, p.Line)
		if p.Marker != "" {
			s += ";" + p.Marker
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestKindOf(t *testing.T) {
	for p, want := range map[string]Kind{
		"requirements.txt":          Requirements,
		"svc/requirements-dev.txt":  Requirements,
		"constraints.txt":           Requirements,
		"requirements/prod.txt":     Requirements,
		"requirements.in":           Requirements,
		"pyproject.toml":            Pyproject,
		"a/poetry.lock":             PoetryLock,
		"uv.lock":                   UVLock,
		"Pipfile.lock":              PipfileLock,
		"Pipfile":                   Pipfile,
		"notes.txt":                 NotPins,
		"yarn.lock":                 NotPins,
		"docs/requirements.md":      NotPins,
		"requirements/readme.md":    NotPins,
		"app/requirements_test.txt": Requirements,
	} {
		if got := KindOf(p); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestRequirements(t *testing.T) {
	src := "# pinned for production\n" +
		"Flask==2.3.2\n" +
		"flask_cors >= 4.0, <5  # comment\n" +
		"Werkzeug[watchdog]~=3.0.1 \\\n    --hash=sha256:abc\n" +
		"gunicorn ; python_version >= \"3.8\"\n" +
		"-r base.txt\n" +
		"--constraint=../constraints.txt\n" +
		"-e git+https://example.test/x.git#egg=x\n" +
		"--index-url https://example.test/simple\n" +
		"requests @ https://example.test/requests.whl\n" +
		"./local/package\n" +
		"what is this\n" +
		"waitress (>=2.1)\n"
	f := Parse("svc/requirements.txt", []byte(src))
	want := `flask==2.3.2@2 flask-cors>=4.0,<5@3 werkzeug~=3.0.1@4 gunicorn@6;python_version >= "3.8" ` +
		`requests@11 waitress>=2.1@14`
	if got := pinsOf(f); got != want {
		t.Errorf("pins:\n got %s\nwant %s", got, want)
	}
	if strings.Join(f.Includes, " ") != "svc/base.txt constraints.txt" {
		t.Errorf("includes: %v", f.Includes)
	}
	if len(f.Problems) != 1 || f.Problems[0].Line != 13 {
		t.Errorf("problems: %+v", f.Problems)
	}
}

func TestPyproject(t *testing.T) {
	src := `[project]
name = "shop"
dependencies = [
    "flask>=3.0",
    "Flask-Cors==4.0.1",
]

[project.optional-dependencies]
server = ["gunicorn"]

[dependency-groups]
dev = ["pytest", {include-group = "lint"}]

[tool.poetry.dependencies]
python = "^3.11"
werkzeug = "^2.3"
waitress = {version = "~2.1", extras = ["x"]}
mylib = {path = "../mylib"}
requests = "*"
`
	f := Parse("pyproject.toml", []byte(src))
	want := "flask>=3.0@4 flask-cors==4.0.1@5 gunicorn@9 pytest@12 requests@19 waitress>=2.1,<2.2@17 " +
		"werkzeug>=2.3,<3@16"
	if got := pinsOf(f); got != want {
		t.Errorf("pins:\n got %s\nwant %s", got, want)
	}
	if len(f.Problems) != 0 {
		t.Errorf("problems: %+v", f.Problems)
	}
	bad := Parse("pyproject.toml", []byte("[project\n"))
	if len(bad.Problems) != 1 || bad.Problems[0].Line == 0 {
		t.Errorf("broken TOML: %+v", bad.Problems)
	}
}

func TestLockFiles(t *testing.T) {
	lock := "[[package]]\nname = \"Flask\"\nversion = \"3.0.3\"\n\n[[package]]\nname = \"werkzeug\"\nversion = " +
		"\"3.0.2\"\n"
	for _, p := range []string{"poetry.lock", "uv.lock"} {
		f := Parse(p, []byte(lock))
		if got := pinsOf(f); got != "flask==3.0.3@2 werkzeug==3.0.2@6" || !f.Pins[0].Locked {
			t.Errorf("%s: %s", p, got)
		}
	}
	pipenv := `{
    "_meta": {},
    "default": {
        "flask": {"hashes": [], "version": "==1.0.2"}
    },
    "develop": {
        "pytest": {"version": "==7.0.0"}
    }
}`
	f := Parse("Pipfile.lock", []byte(pipenv))
	if got := pinsOf(f); got != "flask==1.0.2@4 pytest==7.0.0@7" {
		t.Errorf("Pipfile.lock: %s", got)
	}
	pipfile := "[packages]\nFlask = \"*\"\nflask-cors = \"==3.0.6\"\n[dev-packages]\npytest = {version = \">=7\"}\n"
	if got := pinsOf(Parse("Pipfile", []byte(pipfile))); got != "flask@2 flask-cors==3.0.6@3 pytest>=7@5" {
		t.Errorf("Pipfile: %s", got)
	}
}

func TestPoetrySpec(t *testing.T) {
	for in, want := range map[string]string{
		"^1.2.3":       ">=1.2.3,<2",
		"^0.2.3":       ">=0.2.3,<0.3",
		"^0.0.3":       ">=0.0.3,<0.0.4",
		"^2":           ">=2,<3",
		"~1.2.3":       ">=1.2.3,<1.3",
		"~1":           ">=1,<2",
		"*":            "",
		"2.3.2":        "==2.3.2",
		"3.1.*":        "==3.1.*",
		">=2.0, <3.0":  ">=2.0,<3.0",
		"^1.0 || ^2.0": ">=1.0,<2||>=2.0,<3",
	} {
		if got, ok := poetrySpec(in); !ok || got != want {
			t.Errorf("poetrySpec(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := poetrySpec("^x"); ok {
		t.Error("^x should not translate")
	}
}

func TestAtLeast(t *testing.T) {
	const newest = "3.1.2"
	tests := []struct {
		spec       string
		yes, known bool
	}{
		{"==3.1.0", true, true},
		{"==2.3.2", false, true},
		{"", true, true},
		{">=2.0", true, true},
		{"<3.1", false, true},
		{"~=3.0.0", false, true},
		{"~=3.0", true, true},
		{">=3.1,<3.1.2", true, true},
		{"==3.0.*", false, true},
		{"==not a version", false, false},
	}
	for _, tt := range tests {
		yes, known := Pin{Spec: tt.spec}.AtLeast("3.1", newest)
		if yes != tt.yes || known != tt.known {
			t.Errorf("AtLeast(%q) = %v, %v; want %v, %v", tt.spec, yes, known, tt.yes, tt.known)
		}
	}
}

// TestNormalizeAgreesWithTheRule: the shortcut for names already in
// normal form gives what the separator rule gives, on every short name
// over letters, digits and separators.
func TestNormalizeAgreesWithTheRule(t *testing.T) {
	alphabet := "aZ9-_. "
	var names []string
	var grow func(prefix string)
	grow = func(prefix string) {
		names = append(names, prefix)
		if len(prefix) == 4 {
			return
		}
		for _, c := range alphabet {
			grow(prefix + string(c))
		}
	}
	grow("")
	for _, name := range names {
		want := nameSeparators.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-")
		if got := Normalize(name); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", name, got, want)
		}
	}
}
