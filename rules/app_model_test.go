package rules

import (
	"testing"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// runRule runs one rule over Python sources given by path.
func runRule(t *testing.T, r *Rule, srcs map[string]string) []Finding {
	t.Helper()
	project := &Project{Python: parsePython(t, srcs), Nginx: &nginx.Set{Files: map[string]*nginx.File{}}}
	var out []Finding
	if err := r.Check(NewPass(r, project, func(f Finding) { out = append(out, f) })); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDebugViaConfigRelated(t *testing.T) {
	// Case 05: the finding is on the run call, the value's line is related.
	findings := runRule(t, DebugRun, map[string]string{
		"a.py": "from flask import Flask\n\napp = Flask(__name__)\napp.config[\"DEBUG\"] = True\n\n" +
			"if __name__ == \"__main__\":\n    app.run()\n",
		"b.py": "from flask import Flask\n\n\nclass Settings:\n    DEBUG = True\n\n\nsettings = Settings()\n" +
			"app = Flask(__name__)\n\nif __name__ == \"__main__\":\n    app.run(debug=settings.DEBUG)\n",
	})
	want := map[string][2]int{"a.py": {7, 4}, "b.py": {12, 5}}
	if len(findings) != 2 {
		t.Fatalf("got %d findings, want 2: %+v", len(findings), findings)
	}
	for _, f := range findings {
		w := want[f.Pos.File]
		if f.Pos.StartLine != w[0] || len(f.Related) != 1 || f.Related[0].Pos.StartLine != w[1] {
			t.Errorf(
				"%s: finding at %d with related %+v, want line %d related %d",
				f.Pos.File,
				f.Pos.StartLine,
				f.Related,
				w[0],
				w[1],
			)
		}
		if f.Severity != Low {
			t.Errorf("%s: severity %s, want low under the __main__ guard", f.Pos.File, f.Severity)
		}
	}
}

func TestRunSeverities(t *testing.T) {
	const head = "from flask import Flask\napp = Flask(__name__)\n"
	tests := []struct {
		name, body string
		rule       *Rule
		want       Severity // 0: no finding
	}{
		{"debug loopback", "def f():\n    app.run(debug=True)\n", DebugRun, High},
		{"debug public", "def f():\n    app.run(host='0.0.0.0', debug=True)\n", DebugRun, Critical},
		{"debug unknown host", "import os\ndef f():\n    app.run(host=os.environ['H'], debug=True)\n", DebugRun, High},
		{"debug main guard", "if __name__ == '__main__':\n    app.run(host='0.0.0.0', debug=True)\n", DebugRun, Low},
		{
			"debug via main()",
			"def main():\n    app.run(debug=True)\nif __name__ == '__main__':\n    main()\n",
			DebugRun,
			Low,
		},
		{"debug main() called elsewhere", "def main():\n    app.run(debug=True)\nmain()\n", DebugRun, High},
		{"host only", "def f():\n    app.run(host='0.0.0.0')\n", DevServerAllInterfaces, High},
		{"host with debug", "def f():\n    app.run('0.0.0.0', 80, True)\n", DevServerAllInterfaces, Critical},
		{"host with config debug", "app.debug = True\ndef f():\n    app.run('::')\n", DevServerAllInterfaces, Critical},
		{"empty host", "def f():\n    app.run(host='')\n", DevServerAllInterfaces, 0},
		{
			"cors credentials",
			"from flask_cors import CORS\nCORS(app, supports_credentials=True)\n",
			CORSCredentialsAnyOrigin,
			Critical,
		},
		{
			"cors wildcard error",
			"from flask_cors import CORS\nCORS(app, supports_credentials=True, send_wildcard=True)\n",
			CORSCredentialsAnyOrigin,
			Medium,
		},
		{"cors bare", "from flask_cors import CORS\nCORS(app)\n", CORSAnyOrigin, Low},
		{
			"cors bare with credentials",
			"from flask_cors import CORS\nCORS(app, supports_credentials=True)\n",
			CORSAnyOrigin,
			0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings := runRule(t, tt.rule, map[string]string{"app.py": head + tt.body})
			switch {
			case tt.want == 0 && len(findings) > 0:
				t.Errorf("unexpected finding: %s", findings[0].Message)
			case tt.want != 0 && len(findings) != 1:
				t.Errorf("got %d findings, want 1", len(findings))
			case tt.want != 0 && findings[0].Severity != tt.want:
				t.Errorf("severity %s, want %s (%s)", findings[0].Severity, tt.want, findings[0].Message)
			}
		})
	}
}

func TestConfigAt(t *testing.T) {
	files := parsePython(t, map[string]string{"app.py": `import os
from flask import Flask

app = Flask(__name__)
app.config["A"] = 1
app.config.update(B=2)
if os.environ.get("X"):
    app.config["C"] = 3
app.config.from_object(os.environ["CFG"])
app.config["D"] = 4
`})
	m := buildAppModel(files)
	if len(m.Apps) != 1 {
		t.Fatalf("got %d apps", len(m.Apps))
	}
	app := m.Apps[0]
	tests := []struct {
		key   string
		state ConfigState
	}{
		{"A", ConfigUnknown}, // the opaque from_object may have replaced it
		{"C", ConfigUnknown},
		{"D", ConfigSet},
		{"E", ConfigUnknown},
	}
	for _, tt := range tests {
		if _, state := m.ConfigAt(app, tt.key, nil, nil); state != tt.state {
			t.Errorf("%s: state %d, want %d", tt.key, state, tt.state)
		}
	}
	if ev, _ := m.ConfigAt(app, "D", nil, nil); ev.Value.Int != 4 {
		t.Errorf("D = %s", ev.Value.Python())
	}

	plain := parsePython(
		t,
		map[string]string{"app.py": "from flask import Flask\napp = Flask(__name__)\napp.config['A'] = 1\n"},
	)
	pm := buildAppModel(plain)
	if _, state := pm.ConfigAt(pm.Apps[0], "B", nil, nil); state != ConfigUnset {
		t.Errorf("B: state %d, want unset", state)
	}
}

func TestCORSPolicies(t *testing.T) {
	files := parsePython(t, map[string]string{"app.py": `from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
app.config["CORS_SUPPORTS_CREDENTIALS"] = True
ext = CORS(origins="https://a.example")
ext.init_app(app, resources={"/api/*": {"origins": "*"}, "/x/*": {}})
`})
	m := buildAppModel(files)
	if len(m.CORS) != 1 {
		t.Fatalf("got %d CORS uses", len(m.CORS))
	}
	u := m.CORS[0]
	if u.Kind != "init_app" || u.App == nil {
		t.Errorf("use %+v", u)
	}
	pols := u.Policies()
	if len(pols) != 2 {
		t.Fatalf("got %d policies", len(pols))
	}
	origins := map[string]string{}
	for _, p := range pols {
		origins[p.Resource] = p.Options["origins"].Value.Python()
		if !p.Options["supports_credentials"].Value.IsOn() {
			t.Errorf("%s: credentials from CORS_SUPPORTS_CREDENTIALS missing", p.Resource)
		}
	}
	if origins["/api/*"] != `"*"` || origins["/x/*"] != `"https://a.example"` {
		t.Errorf("origins per resource = %v", origins)
	}
}

func TestProxyFixCounts(t *testing.T) {
	files := parsePython(t, map[string]string{"app.py": `from werkzeug.middleware.proxy_fix import ProxyFix
from flask import Flask
app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, 2, x_host=1)
`})
	m := buildAppModel(files)
	if len(m.ProxyFixes) != 1 {
		t.Fatalf("got %d ProxyFix calls", len(m.ProxyFixes))
	}
	got := map[string]int64{}
	for _, c := range m.ProxyFixes[0].Counts {
		got[c.Header] = c.Value.Int
	}
	want := map[string]int64{"x_for": 2, "x_proto": 1, "x_host": 1, "x_port": 0, "x_prefix": 0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
}

func TestAppsAndRuns(t *testing.T) {
	files := parsePython(t, map[string]string{
		"pkg/__init__.py": "import flask\n\nclass App(flask.Flask):\n    pass\n\ndef create_app():\n    return " +
			"App(__name__)\n",
		"serve.py": "from pkg import create_app\napp = create_app()\napp.run(port=80)\n",
		"other.py": "import threading\nt = threading.Thread()\nt.run()\n",
	})
	m := buildAppModel(files)
	if len(m.Apps) != 1 || m.Apps[0].File.Path != "pkg/__init__.py" {
		t.Fatalf("apps = %+v", m.Apps)
	}
	if len(m.Runs) != 1 || m.Runs[0].App != m.Apps[0] || m.Runs[0].Port == nil {
		t.Fatalf("runs = %+v", m.Runs)
	}
}

// TestAppRulesConcurrently runs the Python rules on one project at once, as
// a driver with a worker pool may: the shared model must be safe for it
// (go test -race).
func TestAppRulesConcurrently(t *testing.T) {
	srcs := map[string]string{
		"a.py": "import os\nfrom flask import Flask\nfrom cfg import HOST\napp = " +
			"Flask(__name__)\napp.debug = True\ndef main():\n    app.run(host=HOST)\n",
		"cfg.py":      "import os\nHOST = os.getenv('HOST', '0.0.0.0')\n",
		"cors.py":     "from flask_cors import CORS\nfrom a import app\nCORS(app, supports_credentials=True)\n",
		"gunicorn.py": "from cfg import HOST\nbind = HOST + ':8000'\n",
	}
	project := &Project{Python: parsePython(t, srcs), Nginx: &nginx.Set{Files: map[string]*nginx.File{}}}
	rules := []*Rule{DebugRun, DevServerAllInterfaces, WSGIBindAllInterfaces, CORSCredentialsAnyOrigin,
		CORSAnyOrigin, CORSHeaderReflection, ProxyFixTooManyHops, ClientIPFromForwardedHeader}
	counts := make([]int, len(rules))
	done := make(chan struct{})
	for i, r := range rules {
		go func() {
			defer func() { done <- struct{}{} }()
			_ = r.Check(NewPass(r, project, func(Finding) { counts[i]++ }))
		}()
	}
	for range rules {
		<-done
	}
	if counts[0] != 1 || counts[1] != 1 || counts[2] != 1 || counts[3] != 1 {
		t.Errorf("findings per rule = %v, want one each for FL101, FL201, FL202, FL301", counts)
	}
}
