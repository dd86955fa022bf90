package sarif

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

var (
	ruleParse = &rules.Rule{
		ID: "FL001", Name: "parse-error", Title: "a file could not be parsed",
		Severity: rules.Medium, Precision: rules.VeryHigh,
		Doc: rules.Doc{Why: "A file that cannot be parsed is not analysed.", Fix: "Fix the syntax."},
	}
	ruleDebug = &rules.Rule{
		ID: "FL101", Name: "debug-run", Title: "the development server runs with the werkzeug debugger on",
		Severity: rules.High, Precision: rules.HighPrecision, Tags: []string{"security", "flask"},
		Doc: rules.Doc{
			Why: "The **debugger** runs `any code`\nsent to it, see [the docs](https://werkzeug.example/debug).\n\n" +
				"Second paragraph.",
			Fix: "Use `debug=False`.",
		},
	}
	ruleCORS = &rules.Rule{
		ID: "FL301", Name: "cors-any-origin", Title: "cors allows any origin",
		Severity: rules.Low, Precision: rules.MediumPrec,
		Doc: rules.Doc{Why: "Any site can read responses.", Fix: "List the origins."},
	}
)

// appSource has non-ASCII text before the finding's column on line 2.
const appSource = "# café 😀\nx = \"é\"; app.run(debug=True)\n"

func testLog() Log {
	files := map[string][]byte{"app/café.py": []byte(appSource)}
	return Log{
		Rules: []*rules.Rule{ruleParse, ruleDebug, ruleCORS},
		Findings: []rules.Finding{
			{
				RuleID: "FL001", Severity: rules.Medium, Message: "unexpected \"}\"",
				Pos: rules.Pos{
					File: "conf/nginx.conf",
					Span: source.Span{StartLine: 3, StartCol: 1, EndLine: 3, EndCol: 2},
				},
			},
			{
				RuleID: "FL101", Severity: rules.High, Message: "debug=True reaches the debugger [app.run]",
				Pos: rules.Pos{
					File: "app/café.py",
					Span: source.Span{StartLine: 2, StartCol: 10, EndLine: 2, EndCol: 30},
				},
				Related: []rules.Related{{
					Message: "the app is started here",
					Pos: rules.Pos{
						File: "app/café.py",
						Span: source.Span{StartLine: 1, StartCol: 1, EndLine: 1, EndCol: 10},
					},
				}},
			},
			{
				RuleID: "FL301", Message: "cors on a test app",
				Pos: rules.Pos{
					File: "tests/test_app.py",
					Span: source.Span{StartLine: 5, StartCol: 3, EndLine: 6, EndCol: 1},
				},
			},
		},
		ToolVersion: "0.1.0",
		Category:    "flasklint/prod",
		BaseURI:     "file:///src/project/",
		Source:      func(file string) []byte { return files[file] },
	}
}

// The parts of a SARIF log the tests read.
type (
	sarifLog struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []sarifRun
	}
	sarifRun struct {
		Tool struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []sarifRule
			}
		}
		Results            []sarifResult
		ColumnKind         string
		AutomationDetails  struct{ ID string }
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Invocations        []struct {
			ExecutionSuccessful        *bool
			ToolExecutionNotifications []struct {
				Level      string
				Message    struct{ Text string }
				Descriptor struct{ ID string }
				Locations  []sarifLocation
			}
		}
	}
	sarifRule struct {
		ID, Name, HelpURI                 string
		ShortDescription, FullDescription struct{ Text string }
		Help                              struct{ Text, Markdown string }
		DefaultConfiguration              struct{ Level string }
		Properties                        map[string]any
	}
	sarifResult struct {
		RuleID              string
		RuleIndex           *int
		Level               string
		Message             struct{ Text string }
		Locations           []sarifLocation
		RelatedLocations    []sarifLocation
		PartialFingerprints map[string]string
	}
	sarifLocation struct {
		ID               *int
		Message          struct{ Text string }
		PhysicalLocation struct {
			ArtifactLocation struct{ URI, URIBaseID string }
			Region           map[string]int
		}
	}
)

func writeLog(t *testing.T, log Log) ([]byte, sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, log); err != nil {
		t.Fatalf("Write: %v", err)
	}
	var got sarifLog
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not json: %v\n%s", err, buf.Bytes())
	}
	if len(got.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(got.Runs))
	}
	return buf.Bytes(), got
}

func TestWriteLogAndRun(t *testing.T) {
	raw, log := writeLog(t, testLog())
	run := log.Runs[0]
	d := run.Tool.Driver
	checks := []struct{ what, got, want string }{
		{"$schema", log.Schema, "https://json.schemastore.org/sarif-2.1.0.json"},
		{"version", log.Version, "2.1.0"},
		{"driver name", d.Name, "flasklint"},
		{"driver version", d.Version, "0.1.0"},
		{"driver semanticVersion", d.SemanticVersion, "0.1.0"},
		{"driver informationUri", d.InformationURI, "https://github.com/flasklint/flasklint"},
		{"columnKind", run.ColumnKind, "utf16CodeUnits"},
		{"automationDetails.id", run.AutomationDetails.ID, "flasklint/prod/"},
		{"%SRCROOT%", run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file:///src/project/"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if !bytes.HasSuffix(raw, []byte("}\n")) || !bytes.Contains(raw, []byte("\n  \"runs\": [")) {
		t.Errorf("output is not pretty-printed json ending in a newline:\n%s", raw)
	}
	if bytes.Contains(raw, []byte(`\u003c`)) || bytes.Contains(raw, []byte(`\u0026`)) {
		t.Error("output escapes html characters")
	}
}

func TestWriteRules(t *testing.T) {
	_, log := writeLog(t, testLog())
	got := log.Runs[0].Tool.Driver.Rules
	if len(got) != 3 || got[0].ID != "FL001" || got[1].ID != "FL101" || got[2].ID != "FL301" {
		t.Fatalf("rules = %+v, want FL001, FL101, FL301 in order", got)
	}

	r := got[1]
	fields := []struct{ what, got, want string }{
		{"name", r.Name, "debug-run"},
		{"shortDescription", r.ShortDescription.Text, ruleDebug.Title},
		{"fullDescription", r.FullDescription.Text, ruleDebug.Title +
			". The debugger runs any code sent to it, see the docs (https://werkzeug.example/debug)."},
		{"help.text", r.Help.Text, ruleDebug.Title + "\n\nThe debugger runs any code\nsent to it, see " +
			"the docs (https://werkzeug.example/debug).\n\nSecond paragraph.\n\nHow to fix: Use debug=False."},
		{"help.markdown", r.Help.Markdown, ruleDebug.Markdown()},
		{"helpUri", r.HelpURI, ruleDebug.HelpURI()},
		{"defaultConfiguration.level", r.DefaultConfiguration.Level, "error"},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("FL101 %s = %q, want %q", f.what, f.got, f.want)
		}
	}

	props := []struct {
		rule                       sarifRule
		tags                       []string
		precision, problem, secSev string
		level                      string
	}{
		{got[0], []string{"security", "analysis"}, "very-high", "warning", "5.5", "warning"},
		{got[1], []string{"security", "debug", "flask"}, "high", "error", "8.0", "error"},
		{got[2], []string{"security", "cors"}, "medium", "recommendation", "3.0", "note"},
	}
	for _, p := range props {
		pr := p.rule.Properties
		if tags := jsonString(t, pr["tags"]); tags != jsonString(t, p.tags) {
			t.Errorf("%s tags = %s, want %q", p.rule.ID, tags, p.tags)
		}
		if pr["precision"] != p.precision || pr["problem.severity"] != p.problem ||
			pr["security-severity"] != p.secSev {
			t.Errorf("%s properties = %v, want precision %s, problem.severity %s, security-severity %q",
				p.rule.ID, pr, p.precision, p.problem, p.secSev)
		}
		if p.rule.DefaultConfiguration.Level != p.level {
			t.Errorf("%s default level = %q, want %q", p.rule.ID, p.rule.DefaultConfiguration.Level, p.level)
		}
	}
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteResults(t *testing.T) {
	_, log := writeLog(t, testLog())
	res := log.Runs[0].Results
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3", len(res))
	}
	want := []struct {
		rule, level, uri, message string
		index                     int
		region                    map[string]int
	}{
		{"FL001", "warning", "conf/nginx.conf", `unexpected "}"`, 0,
			map[string]int{"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 2}},
		{"FL101", "error", "app/caf%C3%A9.py",
			`debug=True reaches the debugger \[app.run\]; see [the app is started here](1)`, 1,
			map[string]int{"startLine": 2, "startColumn": 10, "endLine": 2, "endColumn": 30}},
		{"FL301", "note", "tests/test_app.py", "cors on a test app", 2,
			map[string]int{"startLine": 5, "startColumn": 3, "endLine": 6, "endColumn": 1}},
	}
	for i, w := range want {
		r := res[i]
		if r.RuleID != w.rule || r.RuleIndex == nil || *r.RuleIndex != w.index || r.Level != w.level {
			t.Errorf("result %d: ruleId %s, ruleIndex %v, level %q; want %s, %d, %q",
				i, r.RuleID, r.RuleIndex, r.Level, w.rule, w.index, w.level)
		}
		if r.Message.Text != w.message {
			t.Errorf("result %d: message %q, want %q", i, r.Message.Text, w.message)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI != w.uri || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifactLocation %+v, want uri %q under %%SRCROOT%%", i, pl.ArtifactLocation, w.uri)
		}
		if jsonString(t, pl.Region) != jsonString(t, w.region) {
			t.Errorf("result %d: region %v, want %v", i, pl.Region, w.region)
		}
	}
}

func TestWriteFingerprintsAndRelated(t *testing.T) {
	_, log := writeLog(t, testLog())
	res := log.Runs[0].Results

	want := lineHashes([]byte(appSource))[1]
	if got := res[1].PartialFingerprints["primaryLocationLineHash"]; got != want {
		t.Errorf("FL101 primaryLocationLineHash = %q, want %q (line 2)", got, want)
	}
	if res[0].PartialFingerprints != nil || res[2].PartialFingerprints != nil {
		t.Error("results without source bytes got a fingerprint")
	}

	rel := res[1].RelatedLocations
	if len(rel) != 1 || rel[0].ID == nil || *rel[0].ID != 1 || rel[0].Message.Text != "the app is started here" {
		t.Fatalf("relatedLocations = %+v, want one with id 1 and its message", rel)
	}
	if uri := rel[0].PhysicalLocation.ArtifactLocation.URI; uri != "app/caf%C3%A9.py" {
		t.Errorf("related uri = %q", uri)
	}
	if res[0].RelatedLocations == nil || len(res[0].RelatedLocations) != 0 {
		t.Errorf("FL001 relatedLocations = %v, want []", res[0].RelatedLocations)
	}
}

func TestWriteNotifications(t *testing.T) {
	_, log := writeLog(t, testLog())
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || !*inv[0].ExecutionSuccessful {
		t.Fatalf("invocations = %+v, want one with executionSuccessful true", inv)
	}
	n := inv[0].ToolExecutionNotifications
	if len(n) != 1 {
		t.Fatalf("got %d notifications, want 1 (the FL001 finding)", len(n))
	}
	if n[0].Level != "warning" || n[0].Descriptor.ID != "FL001" || n[0].Message.Text != `unexpected "}"` {
		t.Errorf("notification = %+v", n[0])
	}
	if len(n[0].Locations) != 1 || n[0].Locations[0].PhysicalLocation.Region["startLine"] != 3 ||
		n[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "conf/nginx.conf" {
		t.Errorf("notification locations = %+v", n[0].Locations)
	}
}

// No -1 placeholder survives, anywhere.
func TestWriteNoUnsetValues(t *testing.T) {
	raw, _ := writeLog(t, testLog())
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for i, x := range v {
				walk(path+"/"+jsonString(t, i), x)
			}
		case float64:
			if v < 0 {
				t.Errorf("%s = %v", path, v)
			}
		}
	}
	walk("", doc)
}

func TestWriteDeterministic(t *testing.T) {
	first, _ := writeLog(t, testLog())
	for range 5 {
		if again, _ := writeLog(t, testLog()); !bytes.Equal(first, again) {
			t.Fatal("two writes of the same log differ")
		}
	}
}

func TestWriteEmptyRun(t *testing.T) {
	raw, log := writeLog(t, Log{Rules: []*rules.Rule{ruleParse, ruleDebug}, ToolVersion: "0.1.0"})
	run := log.Runs[0]
	if !bytes.Contains(raw, []byte(`"results": []`)) || len(run.Tool.Driver.Rules) != 2 {
		t.Errorf("empty run: want results [] and both rules:\n%s", raw)
	}
	if run.AutomationDetails.ID != "flasklint/" {
		t.Errorf("default automationDetails.id = %q, want flasklint/", run.AutomationDetails.ID)
	}
	if bytes.Contains(raw, []byte("originalUriBaseIds")) {
		t.Error("originalUriBaseIds written without a BaseURI")
	}
	if len(run.Invocations) != 1 || len(run.Invocations[0].ToolExecutionNotifications) != 0 {
		t.Errorf("invocations = %+v, want one without notifications", run.Invocations)
	}
}

func TestWriteErrors(t *testing.T) {
	unknown := Log{Rules: []*rules.Rule{ruleParse}, Findings: []rules.Finding{{RuleID: "FL999"}}}
	if err := Write(&bytes.Buffer{}, unknown); err == nil || !strings.Contains(err.Error(), "FL999") {
		t.Errorf("finding of an unlisted rule: err = %v, want one naming FL999", err)
	}
	dup := Log{Rules: []*rules.Rule{ruleParse, ruleParse}}
	if err := Write(&bytes.Buffer{}, dup); err == nil {
		t.Error("a rule listed twice gave no error")
	}
}

func TestAutomationID(t *testing.T) {
	for in, want := range map[string]string{
		"": "flasklint/", "flasklint": "flasklint/", "flasklint/": "flasklint/", "flasklint/prod": "flasklint/prod/",
	} {
		if got := automationID(in); got != want {
			t.Errorf("automationID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegion(t *testing.T) {
	tests := []struct {
		name string
		in   source.Span
		want span
	}{
		{"as is", source.Span{StartLine: 2, StartCol: 3, EndLine: 4, EndCol: 1}, span{2, 3, 4, 1}},
		{"whole file", source.Span{}, span{1, 1, 1, 1}},
		{"end before start", source.Span{StartLine: 5, StartCol: 4, EndLine: 2, EndCol: 9}, span{5, 4, 5, 4}},
		{"end column before start", source.Span{StartLine: 5, StartCol: 4, EndLine: 5, EndCol: 2}, span{5, 4, 5, 4}},
		{"no end column", source.Span{StartLine: 5, StartCol: 4, EndLine: 6}, span{5, 4, 6, 1}},
	}
	for _, tt := range tests {
		if got := region(rules.Pos{Span: tt.in}); got != tt.want {
			t.Errorf("%s: region(%+v) = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestFileURI(t *testing.T) {
	tests := map[string]string{
		"app.py":              "app.py",
		"config/prod.py":      "config/prod.py",
		"café/ünï.py":         "caf%C3%A9/%C3%BCn%C3%AF.py",
		"my app/100%.py":      "my%20app/100%25.py",
		"c:odd.py":            "c%3Aodd.py",
		"a#b?c.py":            "a%23b%3Fc.py",
		"deploy/nginx.conf~1": "deploy/nginx.conf~1",
	}
	for in, want := range tests {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	long := strings.Repeat("é", 2000)
	got := truncate(long)
	if n := len([]rune(got)); n != maxDescription || !strings.HasSuffix(got, "…") {
		t.Errorf("truncate: %d runes, suffix %q; want %d ending in …", n, got[len(got)-3:], maxDescription)
	}
	if truncate("short") != "short" {
		t.Error("truncate changed a short text")
	}
}
