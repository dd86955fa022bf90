package lsp

import (
	"bytes"
	"fmt"

	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

// codeActions are the actions for the findings of a document that touch
// the requested lines: a finding's quick fix when it has one, and a
// suppression comment on the line above it, in the form rules/suppress.go
// reads ("# flasklint: ignore[FL101] reason"), with a reason to fill in.
// Every file kind flasklint reads comments with "#".
func (s *Server) codeActions(p CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	path, err := pathOf(p.TextDocument.URI)
	if err != nil || s.sources == nil {
		return actions
	}
	rel, ok := s.rel(path)
	if !ok {
		return actions
	}
	conv := newConverter(s.utf8, s.sources)
	for _, f := range s.findings[rel] {
		r := conv.rng(f.Pos)
		if r.End.Line < p.Range.Start.Line || r.Start.Line > p.Range.End.Line {
			continue
		}
		diag := s.diagnostic(conv, f)
		if f.Fix != nil {
			edit := WorkspaceEdit{Changes: map[string][]TextEdit{}}
			for _, e := range f.Fix.Edits {
				uri := s.uriOf(e.Pos.File)
				edit.Changes[uri] = append(edit.Changes[uri], TextEdit{Range: conv.rng(e.Pos), NewText: e.NewText})
			}
			actions = append(actions, CodeAction{
				Title: fmt.Sprintf("Fix %s: %s", f.RuleID, f.Fix.Description), Kind: "quickfix",
				Diagnostics: []Diagnostic{diag}, IsPreferred: true, Edit: edit,
			})
		}
		if !rules.Suppressible(f.RuleID) {
			continue
		}
		line := max(f.Pos.StartLine, 1)
		text := s.sources(rel)
		actions = append(actions, CodeAction{
			Title: fmt.Sprintf("Suppress %s on this line", f.RuleID), Kind: "quickfix",
			Diagnostics: []Diagnostic{diag},
			Edit: WorkspaceEdit{Changes: map[string][]TextEdit{s.uriOf(rel): {{
				Range:   Range{Start: Position{Line: line - 1}, End: Position{Line: line - 1}},
				NewText: suppressionLine(text, line, f.RuleID),
			}}}},
		})
	}
	return actions
}

// suppressionLine is the comment line that suppresses a rule on the
// 1-based line of text: indented as that line, ended as the file's lines.
func suppressionLine(text []byte, line int, id string) string {
	lines := source.NewLines(text)
	code := lines.Line(line)
	indent := code[:len(code)-len(bytes.TrimLeft(code, " \t"))]
	eol := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		eol = "\r\n"
	}
	return fmt.Sprintf("%s# flasklint: ignore[%s] <reason>%s", indent, id, eol)
}
