package output

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

var testRules = map[string]*rules.Rule{
	"FL101": {ID: "FL101", Name: "debug-run", Severity: rules.High},
	"FL301": {ID: "FL301", Name: "cors-any-origin", Severity: rules.Medium},
	"FL401": {ID: "FL401", Name: "proxyfix-too-many-hops", Severity: rules.Low},
}

func ruleByID(id string) *rules.Rule { return testRules[id] }

func pos(file string, l, c, el, ec int) rules.Pos {
	return rules.Pos{File: file, Span: source.Span{StartLine: l, StartCol: c, EndLine: el, EndCol: ec}}
}

var (
	debugFinding = rules.Finding{
		RuleID: "FL101", Severity: rules.High, Message: "debug=True reaches the werkzeug debugger",
		Pos: pos("app.py", 7, 5, 7, 20),
		Related: []rules.Related{
			{Pos: pos("config/prod.py", 2, 1, 2, 13), Message: "DEBUG is set here"},
		},
	}
	// No severity of its own: the rule's (medium, a warning) applies.
	corsFinding = rules.Finding{
		RuleID: "FL301", Message: "origins=\"*\" <any> & all", Pos: pos("café/ünï.py", 3, 2, 3, 9),
	}
	noteFinding = rules.Finding{
		RuleID: "FL401", Severity: rules.Info, Message: "x_for=2\r\nbut one proxy\nseen\r",
		Pos: pos("deploy/wsgi.py", 4, 1, 6, 3),
	}
	unknownFinding = rules.Finding{
		RuleID: "FL999", Severity: rules.Critical, Message: "100% bad: a,b", Pos: pos("dir,x/a:b.py", 0, 0, 0, 0),
	}
)

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		findings []rules.Finding
		want     string
	}{
		{"none", nil, ""},
		{"error with name", []rules.Finding{debugFinding},
			"app.py:7:5: error: debug=True reaches the werkzeug debugger [FL101 debug-run]\n"},
		{"rule severity, non-ascii path", []rules.Finding{corsFinding},
			"café/ünï.py:3:2: warning: origins=\"*\" <any> & all [FL301 cors-any-origin]\n"},
		{"line breaks become spaces", []rules.Finding{noteFinding},
			"deploy/wsgi.py:4:1: note: x_for=2 but one proxy seen [FL401 proxyfix-too-many-hops]\n"},
		{"unknown rule, whole file", []rules.Finding{unknownFinding},
			"dir,x/a:b.py:1:1: error: 100% bad: a,b [FL999]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Text(&buf, tt.findings, ruleByID); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The problem matcher documented in the package comment reads every line.
func TestTextMatcher(t *testing.T) {
	matcher := regexp.MustCompile(`^(.+?):(\d+):(\d+): (error|warning|note): (.+) \[(FL\d{3})[^\]]*\]$`)
	findings := []rules.Finding{debugFinding, corsFinding, noteFinding, unknownFinding}
	var buf bytes.Buffer
	if err := Text(&buf, findings, ruleByID); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(findings) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(findings), buf.String())
	}
	for i, line := range lines {
		m := matcher.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("matcher misses %q", line)
			continue
		}
		if f := findings[i]; m[6] != f.RuleID || m[5] != strings.TrimSpace(oneLine(f.Message)) {
			t.Errorf("matcher read id %q, message %q from %q", m[6], m[5], line)
		}
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, []rules.Finding{debugFinding, corsFinding}, ruleByID); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "rule": "FL101",
    "name": "debug-run",
    "severity": "high",
    "level": "error",
    "message": "debug=True reaches the werkzeug debugger",
    "file": "app.py",
    "line": 7,
    "column": 5,
    "end_line": 7,
    "end_column": 20,
    "related": [
      {
        "file": "config/prod.py",
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 13,
        "message": "DEBUG is set here"
      }
    ]
  },
  {
    "rule": "FL301",
    "name": "cors-any-origin",
    "severity": "medium",
    "level": "warning",
    "message": "origins=\"*\" <any> & all",
    "file": "café/ünï.py",
    "line": 3,
    "column": 2,
    "end_line": 3,
    "end_column": 9,
    "related": []
  }
]
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSONEdgeCases(t *testing.T) {
	tests := []struct {
		name     string
		findings []rules.Finding
		check    func(t *testing.T, got []map[string]any)
	}{
		{"empty run", nil, func(t *testing.T, got []map[string]any) {
			if got == nil || len(got) != 0 {
				t.Errorf("got %v, want []", got)
			}
		}},
		{"unknown rule, whole file, multi-line message", []rules.Finding{unknownFinding, noteFinding},
			func(t *testing.T, got []map[string]any) {
				u, n := got[0], got[1]
				if u["name"] != "" || u["severity"] != "critical" || u["line"] != 1.0 || u["end_column"] != 1.0 {
					t.Errorf("unknown rule finding = %v", u)
				}
				if n["message"] != noteFinding.Message || n["level"] != "note" || n["end_line"] != 6.0 {
					t.Errorf("note finding = %v", n)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := JSON(&buf, tt.findings, ruleByID); err != nil {
				t.Fatal(err)
			}
			if len(tt.findings) == 0 && buf.String() != "[]\n" {
				t.Errorf("empty run printed %q, want \"[]\\n\"", buf.String())
			}
			var got []map[string]any
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatalf("not json: %v\n%s", err, buf.Bytes())
			}
			tt.check(t, got)
		})
	}
}

func TestGitHub(t *testing.T) {
	tests := []struct {
		name     string
		findings []rules.Finding
		want     string
	}{
		{"none", nil, ""},
		{"error", []rules.Finding{debugFinding},
			"::error file=app.py,line=7,col=5,endLine=7,endColumn=20,title=FL101 debug-run::" +
				"debug=True reaches the werkzeug debugger\n"},
		{"warning, non-ascii path", []rules.Finding{corsFinding},
			"::warning file=café/ünï.py,line=3,col=2,endLine=3,endColumn=9,title=FL301 cors-any-origin::" +
				"origins=\"*\" <any> & all\n"},
		{"note is notice, multi-line region drops columns, CR LF escaped", []rules.Finding{noteFinding},
			"::notice file=deploy/wsgi.py,line=4,endLine=6,title=FL401 proxyfix-too-many-hops::" +
				"x_for=2%0D%0Abut one proxy%0Aseen%0D\n"},
		{"property escapes; message keeps : and ,", []rules.Finding{unknownFinding},
			"::error file=dir%2Cx/a%3Ab.py,line=1,col=1,endLine=1,endColumn=1,title=FL999::100%25 bad: a,b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := GitHub(&buf, tt.findings, ruleByID); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	tests := []struct{ in, data, property string }{
		{"50%", "50%25", "50%25"},
		{"%0A", "%250A", "%250A"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"ünï", "ünï", "ünï"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

// A nil lookup is allowed: findings print with their id alone.
func TestNilRuleLookup(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, []rules.Finding{debugFinding}, nil); err != nil {
		t.Fatal(err)
	}
	if want := "app.py:7:5: error: debug=True reaches the werkzeug debugger [FL101]\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
