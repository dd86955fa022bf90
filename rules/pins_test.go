package rules

import (
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/pins"
)

func TestVersionOf(t *testing.T) {
	files := map[string]string{
		"requirements.txt":            "-r requirements/prod.txt\n",
		"requirements/prod.txt":       "Flask\nflask-cors==4.0.1\n",
		"Pipfile.lock":                `{"default": {"flask": {"version": "==2.0.1"}}}`,
		"svc/requirements.txt":        "Flask==3.1.0\n",
		"svc/sub/pyproject.toml":      "[project]\ndependencies = [\"flask<3.1\"]\n",
		"other/requirements-dev.txt":  "Flask==3.0.0\n",
		"other/requirements.txt":      "Flask==3.1.1\n",
		"lib/app/requirements.in":     "werkzeug\n",
		"lib/constraints/werkzeug.in": "",
	}
	p := &Project{}
	for path, src := range files {
		p.Pins = append(p.Pins, pins.Parse(path, []byte(src)))
	}
	tests := []struct {
		file, pkg, spec string
		pinned          bool
	}{
		{"app.py", "flask", "==2.0.1", true},              // the lock file beats requirements.txt
		{"conduit/app.py", "flask-cors", "==4.0.1", true}, // through -r
		{"svc/app.py", "Flask", "==3.1.0", true},
		{"svc/sub/app.py", "flask", "<3.1", true},
		{"other/app.py", "flask", "==3.1.1", true}, // requirements.txt before requirements-dev.txt
		{"lib/app/x.py", "werkzeug", "", true},
		{"lib/x.py", "waitress", "", false},
	}
	for _, tt := range tests {
		got := p.VersionOf(tt.file, tt.pkg)
		if got.Pinned != tt.pinned || got.Pin.Spec != tt.spec {
			t.Errorf(
				"VersionOf(%s, %s) = %q pinned %v, want %q pinned %v",
				tt.file,
				tt.pkg,
				got.Pin.Spec,
				got.Pinned,
				tt.spec,
				tt.pinned,
			)
		}
	}
	yes, why := p.VersionOf("svc/sub/app.py", "flask").AtLeast("3.1")
	if yes || !strings.Contains(why, "Flask<3.1 at svc/sub/pyproject.toml:2") {
		t.Errorf("AtLeast: %v %q", yes, why)
	}
	yes, why = (&Project{}).VersionOf("lib/x.py", "flask").AtLeast("3.1")
	if !yes || !strings.Contains(why, "current release") {
		t.Errorf("unpinned AtLeast: %v %q", yes, why)
	}
}
