package output

import (
	"encoding/json"
	"io"

	"github.com/flasklint/flasklint/rules"
)

// The JSON form of a finding; the package comment documents it.
type (
	jsonFinding struct {
		Rule     string `json:"rule"`
		Name     string `json:"name"`
		Severity string `json:"severity"`
		Level    string `json:"level"`
		Message  string `json:"message"`
		jsonPos
		Related []jsonRelated `json:"related"`
	}
	jsonPos struct {
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
	}
	jsonRelated struct {
		jsonPos
		Message string `json:"message"`
	}
)

// JSON writes the findings as an indented JSON array ([] when empty).
func JSON(w io.Writer, findings []rules.Finding, ruleByID RuleLookup) error {
	out := make([]jsonFinding, 0, len(findings))
	for _, f := range findings {
		out = append(out, toJSON(describe(f, ruleByID)))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func toJSON(d described) jsonFinding {
	related := make([]jsonRelated, 0, len(d.Related))
	for _, r := range d.Related {
		related = append(related, jsonRelated{jsonPos: posJSON(r.Pos.File, regionOf(r.Pos)), Message: r.Message})
	}
	return jsonFinding{
		Rule:     d.RuleID,
		Name:     d.name,
		Severity: d.severity.String(),
		Level:    d.severity.Level(),
		Message:  d.Message,
		jsonPos:  posJSON(d.Pos.File, d.region),
		Related:  related,
	}
}

func posJSON(file string, r region) jsonPos {
	return jsonPos{File: file, Line: r.line, Column: r.col, EndLine: r.endLine, EndColumn: r.endCol}
}
