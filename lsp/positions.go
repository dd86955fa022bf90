package lsp

import (
	"github.com/flasklint/flasklint/lsp/jsonrpc"
	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

// converter turns findings' positions (1-based lines, 1-based UTF-16
// columns) into protocol positions (0-based, in UTF-16 units or, when the
// client chose UTF-8, in bytes).
type converter struct {
	utf8    bool
	sources func(rel string) []byte
	lines   map[string]*source.Lines
}

func newConverter(utf8 bool, sources func(string) []byte) *converter {
	return &converter{utf8: utf8, sources: sources, lines: map[string]*source.Lines{}}
}

func (c *converter) pos(file string, line, col int) Position {
	if line < 1 {
		return Position{}
	}
	col = max(col, 1)
	p := Position{Line: line - 1, Character: col - 1}
	if c.utf8 {
		l, ok := c.lines[file]
		if !ok {
			if src := c.sources(file); src != nil {
				l = source.NewLines(src)
			}
			c.lines[file] = l
		}
		if l != nil {
			p.Character = l.Offset(line, col) - l.LineStart(line)
		}
	}
	return p
}

// rng is a finding's span as a range; an end before the start (or none)
// is the start.
func (c *converter) rng(p rules.Pos) Range {
	start := c.pos(p.File, p.StartLine, p.StartCol)
	end := c.pos(p.File, p.EndLine, p.EndCol)
	if end.Line < start.Line || (end.Line == start.Line && end.Character < start.Character) {
		end = start
	}
	return Range{Start: start, End: end}
}

// apply applies a content change to a document's text: the whole text, or
// a range replaced.
func (s *Server) apply(text []byte, ch ContentChange) ([]byte, error) {
	if ch.Range == nil {
		return []byte(ch.Text), nil
	}
	lines := source.NewLines(text)
	start, end := s.offset(lines, text, ch.Range.Start), s.offset(lines, text, ch.Range.End)
	if start > end || ch.Range.Start.Line < 0 || ch.Range.Start.Character < 0 {
		return text, jsonrpc.Errorf(jsonrpc.InvalidParams, "the change's range is reversed or negative")
	}
	out := make([]byte, 0, len(text)-(end-start)+len(ch.Text))
	out = append(append(append(out, text[:start]...), ch.Text...), text[end:]...)
	return out, nil
}

// offset is the byte offset of a position, clamped to the text.
func (s *Server) offset(lines *source.Lines, text []byte, p Position) int {
	line := p.Line + 1
	if line > lines.Count() {
		return len(text)
	}
	if line < 1 {
		return 0
	}
	if s.utf8 {
		return lines.LineStart(line) + min(max(p.Character, 0), len(lines.Line(line)))
	}
	return lines.Offset(line, max(p.Character, 0)+1)
}
