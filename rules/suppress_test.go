package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/python"
	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

// Every file kind other than Python is read from its raw lines, with the
// same syntax: a comment after code applies to its own line, a comment alone
// on its line to the next line that is neither blank nor a comment.
func TestSuppressionsInLines(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int // the line the suppression applies to
		ids             []string
		reason          string
	}{
		{"nginx trailing", "nginx/site.conf",
			"server {\n    proxy_set_header Host $http_host; # flasklint: ignore[FL401] lb rewrites it\n}\n",
			2, []string{"FL401"}, "lb rewrites it"},
		{"yaml own line", "compose.yaml",
			"services:\n  web:\n    # flasklint: ignore[FL201,fl101] -- dev compose file only\n\n    # other " +
				"comment\n    command: flask run --debug --host 0.0.0.0\n",
			6, []string{"FL201", "FL101"}, "dev compose file only"},
		{"dockerfile", "Dockerfile",
			"FROM python:3.12\n# flasklint: ignore[FL2]: bound inside the container only\nCMD [\"flask\", \"run\", " +
				"\"--host=0.0.0.0\"]\n",
			3, []string{"FL2"}, "bound inside the container only"},
		{"env", ".env", "FLASK_DEBUG=1  # flasklint: ignore[FL101] local development file\n",
			1, []string{"FL101"}, "local development file"},
		{"flaskenv CRLF", ".flaskenv", "#flasklint:ignore[FL101]reason\r\nFLASK_DEBUG=1\r\n",
			2, []string{"FL101"}, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sups := rules.SuppressionsInLines(tt.file, []byte(tt.src))
			if len(sups) != 1 {
				t.Fatalf("got %d suppressions, want 1: %+v", len(sups), sups)
			}
			s := sups[0]
			if s.Line != tt.line || strings.Join(s.IDs, ",") != strings.Join(tt.ids, ",") ||
				s.Reason != tt.reason || s.Malformed != "" || s.Pos.File != tt.file {
				t.Errorf("got line %d ids %q reason %q malformed %q file %q; want line %d ids %q reason %q",
					s.Line, s.IDs, s.Reason, s.Malformed, s.Pos.File, tt.line, tt.ids, tt.reason)
			}
		})
	}
}

// The comment's position starts at its '#' (UTF-16 columns) and runs to the
// end of the line.
func TestSuppressionPosition(t *testing.T) {
	sups := rules.SuppressionsInLines("x.conf", []byte("é; # flasklint: ignore[FL401] r\n"))
	want := source.Span{StartLine: 1, StartCol: 4, EndLine: 1, EndCol: 32}
	if len(sups) != 1 || sups[0].Pos.Span != want {
		t.Errorf("got %+v, want span %+v", sups, want)
	}
}

// In Python only real comments count: a "# flasklint:" inside a string is
// not a suppression, and comments never appear in the tree.
func TestSuppressionsInPython(t *testing.T) {
	src := "s = '# flasklint: ignore[FL101] in a string'\n" +
		"app.run(debug=True)  # noqa: E501  # flasklint: ignore[FL101] local only\n" +
		"# flasklint: ignore[FL201] next line\n\n# another comment\nx = 1\n"
	p := python.NewParser()
	defer p.Close()
	f, err := p.Parse(context.Background(), "app.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	sups := rules.SuppressionsInPython(f)
	if len(sups) != 2 {
		t.Fatalf("got %d suppressions, want 2: %+v", len(sups), sups)
	}
	if s := sups[0]; s.Line != 2 || s.Reason != "local only" || s.Pos.StartCol != 36 {
		t.Errorf("trailing suppression: %+v", s)
	}
	if s := sups[1]; s.Line != 6 || s.IDs[0] != "FL201" {
		t.Errorf("own-line suppression: %+v", s)
	}
}

func finding(id, file string, line int) rules.Finding {
	return rules.Finding{RuleID: id, Pos: rules.Pos{File: file, Span: source.Span{
		StartLine: line, StartCol: 1, EndLine: line, EndCol: 5}}, Message: id + " here"}
}

// Suppressions in any file kind hide the findings of the rules they name on
// their line, never FL001 or FL004, and report the ids that hid nothing.
func TestApplySuppressions(t *testing.T) {
	var sups []rules.Suppression
	sups = append(sups, rules.SuppressionsInLines("compose.yaml",
		[]byte("a: 1 # flasklint: ignore[FL201] container only\nb: 2 # flasklint: ignore[FL101,FL1] reason\n"))...)
	sups = append(sups, rules.SuppressionsInLines("Dockerfile",
		[]byte("# flasklint: ignore[FL001] never\nRUN x\n# flasklint: ignore[FL2,FL007] may be unused\nCMD y\n"))...)
	sups = append(sups, rules.SuppressionsInLines(".env", []byte("A=1 # flasklint: ignore[FL101]\n"))...)
	findings := []rules.Finding{
		finding("FL201", "compose.yaml", 1),
		finding("FL101", "compose.yaml", 2),
		finding("FL001", "Dockerfile", 2),
		finding("FL101", ".env", 1),
		finding("FL201", "other.yaml", 1),
	}
	res := rules.ApplySuppressions(findings, sups, true, nil)

	var kept, hidden []string
	for _, f := range res.Findings {
		kept = append(kept, f.RuleID+"@"+f.Pos.String())
	}
	for _, s := range res.Suppressed {
		hidden = append(hidden, s.RuleID+"@"+s.Pos.String()+" "+s.Reason)
	}
	wantKept := []string{"FL101@.env:1:1", "FL001@Dockerfile:2:1", "FL007@compose.yaml:2:6", "FL201@other.yaml:1:1"}
	wantHidden := []string{"FL201@compose.yaml:1:1 container only", "FL101@compose.yaml:2:1 reason"}
	if strings.Join(kept, "|") != strings.Join(wantKept, "|") {
		t.Errorf("kept\n got %q\nwant %q", kept, wantKept)
	}
	if strings.Join(hidden, "|") != strings.Join(wantHidden, "|") {
		t.Errorf("hidden\n got %q\nwant %q", hidden, wantHidden)
	}
	for _, f := range res.Findings {
		if f.RuleID == "FL007" && !strings.Contains(f.Message, "suppression of FL1 hid nothing") {
			t.Errorf("FL007 message: %s", f.Message)
		}
	}
}

// A suppression is not reported as unused when a rule it names did not run
// on its file; an FL007 finding can itself be suppressed.
func TestUnusedSuppressionNeedsTheRuleToRun(t *testing.T) {
	sups := rules.SuppressionsInLines("app.conf", []byte("x; # flasklint: ignore[FL401] r\n"))
	notRun := func(id, file string) bool { return id != "FL401" }
	if res := rules.ApplySuppressions(nil, sups, true, notRun); len(res.Findings) != 0 {
		t.Errorf("FL401 did not run, yet: %+v", res.Findings)
	}
	if res := rules.ApplySuppressions(nil, sups, false, nil); len(res.Findings) != 0 {
		t.Errorf("FL007 off, yet: %+v", res.Findings)
	}
	sups = append(sups, rules.SuppressionsInLines("b.conf",
		[]byte("# flasklint: ignore[FL007] kept for the next release\ny; # flasklint: ignore[FL401] r\n"))...)
	res := rules.ApplySuppressions(nil, sups, true, nil)
	if len(res.Findings) != 1 || res.Findings[0].Pos.File != "app.conf" || len(res.Suppressed) != 1 {
		t.Errorf("want one FL007 in app.conf and one suppressed in b.conf: %+v %+v", res.Findings, res.Suppressed)
	}
}

func TestSuppressibleAndNotAnalysed(t *testing.T) {
	for id, want := range map[string][2]bool{
		"FL001": {false, true}, "FL002": {true, false}, "FL003": {true, false}, "FL004": {false, true},
		"FL005": {false, false}, "FL006": {false, false}, "FL007": {true, false}, "FL101": {true, false},
	} {
		if got := [2]bool{rules.Suppressible(id), rules.NotAnalysed(id)}; got != want {
			t.Errorf("%s: Suppressible, NotAnalysed = %v, want %v", id, got, want)
		}
	}
}
