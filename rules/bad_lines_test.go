package rules

import (
	"strings"
	"testing"
)

// TestReportBadLines: each unreadable line gets its own finding, up to ten
// a file; the tenth counts the lines left unreported.
func TestReportBadLines(t *testing.T) {
	var got []Finding
	pass := NewPass(EnvFileParseError, &Project{}, func(f Finding) { got = append(got, f) })
	lines, cols := make([]int, 13), make([]int, 13)
	for i := range lines {
		lines[i], cols[i] = 2*i+1, 1
	}
	reportBadLines(pass, ".env", lines, cols, "bad")
	if len(got) != 10 || got[0].Pos.StartLine != 1 || got[9].Pos.StartLine != 19 {
		t.Fatalf("%d findings: %+v", len(got), got)
	}
	if !strings.HasSuffix(got[9].Message, "(and 3 more lines like it)") || got[8].Message != "bad" {
		t.Errorf("messages %q, %q", got[8].Message, got[9].Message)
	}
	got = nil
	reportBadLines(pass, ".env", lines[:2], cols[:2], "bad")
	if len(got) != 2 || got[1].Message != "bad" {
		t.Errorf("%+v", got)
	}
}
