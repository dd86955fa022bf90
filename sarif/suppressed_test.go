package sarif

import (
	"encoding/json"
	"testing"

	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

var ruleUnused = &rules.Rule{
	ID: "FL007", Name: "unused-suppression", Title: "a suppression comment hid no finding",
	Severity: rules.Low, Precision: rules.VeryHigh,
	Doc: rules.Doc{Why: "It hides the next finding.", Fix: "Remove it."},
}

// Suppressed findings are written, in order with the others, with an
// inSource suppression; findings about suppressions are not tool execution
// notifications.
func TestWriteSuppressed(t *testing.T) {
	span := func(line int) source.Span { return source.Span{StartLine: line, StartCol: 1, EndLine: line, EndCol: 9} }
	log := testLog()
	log.Rules = append(log.Rules[:2:2], ruleUnused, log.Rules[2])
	log.Findings = []rules.Finding{
		{RuleID: "FL101", Severity: rules.High, Message: "debug", Pos: rules.Pos{File: "a.py", Span: span(1)}},
		{RuleID: "FL007", Severity: rules.Low, Message: "unused", Pos: rules.Pos{File: "a.py", Span: span(9)}},
	}
	log.Suppressed = []rules.Suppressed{{
		Finding: rules.Finding{
			RuleID:   "FL301",
			Severity: rules.Low,
			Message:  "cors",
			Pos:      rules.Pos{File: "a.py", Span: span(5)},
		},
		Reason: "the API is public",
		By:     rules.Pos{File: "a.py", Span: span(4)},
	}}
	raw, _ := writeLog(t, log)
	var got struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Status, Justification string
					Location                    struct {
						PhysicalLocation struct{ Region struct{ StartLine int } }
					}
				}
			}
			Invocations []struct{ ToolExecutionNotifications []any }
		}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	res := got.Runs[0].Results
	if len(res) != 3 || res[0].RuleID != "FL101" || res[1].RuleID != "FL301" || res[2].RuleID != "FL007" {
		t.Fatalf("results out of order: %+v", res)
	}
	if len(res[0].Suppressions) != 0 || len(res[2].Suppressions) != 0 || len(res[1].Suppressions) != 1 {
		t.Fatalf("suppressions: %+v", res)
	}
	s := res[1].Suppressions[0]
	if s.Kind != "inSource" || s.Status != "accepted" || s.Justification != "the API is public" ||
		s.Location.PhysicalLocation.Region.StartLine != 4 {
		t.Errorf("suppression = %+v", s)
	}
	if n := len(got.Runs[0].Invocations[0].ToolExecutionNotifications); n != 0 {
		t.Errorf("%d tool execution notifications, want none for FL007", n)
	}
}
